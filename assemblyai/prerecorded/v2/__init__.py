"""Transcription over the ``/v2/transcript`` API, under the official SDK 1.0's module path.

The same classes as ``aai.Transcriber``, ``aai.AsyncTranscriber`` and friends: code importing
from here and code using the top-level names share one implementation.

Example::

    from assemblyai.prerecorded.v2 import AsyncTranscriber, TranscriptionConfig

    async with AsyncTranscriber(api_key="...") as transcriber:
        transcript = await transcriber.transcribe("https://example.org/a.mp3")
"""

from assemblyai._transcription.async_transcriber import AsyncTranscriber as AsyncTranscriber
from assemblyai._transcription.async_transcript import AsyncTranscript as AsyncTranscript
from assemblyai._transcription.config import TranscriptionConfig as TranscriptionConfig
from assemblyai._transcription.group import TranscriptGroup as TranscriptGroup
from assemblyai._transcription.transcriber import Transcriber as Transcriber
from assemblyai._transcription.transcript import Transcript as Transcript

__all__ = [
    "AsyncTranscriber",
    "AsyncTranscript",
    "Transcriber",
    "Transcript",
    "TranscriptGroup",
    "TranscriptionConfig",
]
