"""Legacy v2 real-time transcription (``aai.RealtimeTranscriber``); superseded by ``streaming.v3``.

Its names are re-exported, on first use, by ``assemblyai`` and ``assemblyai.types`` (where
0.45.4 had them); import from there. This package loads websockets, so ``import assemblyai``
does not import it.
"""

from assemblyai._core.exceptions import RealtimeError
from assemblyai.streaming.v2.models import (
    AudioEncoding,
    RealtimeErrorMapping,
    RealtimeFinalTranscript,
    RealtimeMessageTypes,
    RealtimePartialTranscript,
    RealtimeSessionInformation,
    RealtimeSessionOpened,
    RealtimeTranscript,
    RealtimeUnknownMessage,
    RealtimeWord,
)
from assemblyai.streaming.v2.transcriber import RealtimeTranscriber

__all__ = [
    "AudioEncoding",
    "RealtimeError",
    "RealtimeErrorMapping",
    "RealtimeFinalTranscript",
    "RealtimeMessageTypes",
    "RealtimePartialTranscript",
    "RealtimeSessionInformation",
    "RealtimeSessionOpened",
    "RealtimeTranscriber",
    "RealtimeTranscript",
    "RealtimeUnknownMessage",
    "RealtimeWord",
]
