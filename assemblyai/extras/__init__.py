"""Optional helpers for streaming: a microphone source and a WAV file source.

``MicrophoneStream`` needs PyAudio (``pip install "assemblyai[extras]"``); it is imported on
first use, so this package always imports.

Example::

    from assemblyai.extras import MicrophoneStream, stream_file
"""

# Code written for 0.45.4 may import ``Client`` from here, where that SDK had it in scope.
from assemblyai._http.client import Client as Client
from assemblyai.extras._errors import (
    AssemblyAIExtrasNotInstalledError,
    AudioDeviceError,
    AudioFormatError,
)
from assemblyai.extras.files import file_from_stream, stream_file
from assemblyai.extras.microphone import MicrophoneStream

__all__ = [
    "AssemblyAIExtrasNotInstalledError",
    "AudioDeviceError",
    "AudioFormatError",
    "MicrophoneStream",
    "file_from_stream",
    "stream_file",
]
