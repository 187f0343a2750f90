"""``assemblyai.realtime``, kept as an import path: the code lives in ``assemblyai.streaming.v2``.

Written by the re-layout script; it only re-exports, so the old import path keeps working.
"""

from assemblyai.streaming.v2 import AudioEncoding as AudioEncoding
from assemblyai.streaming.v2 import RealtimeError as RealtimeError
from assemblyai.streaming.v2 import RealtimeErrorMapping as RealtimeErrorMapping
from assemblyai.streaming.v2 import RealtimeFinalTranscript as RealtimeFinalTranscript
from assemblyai.streaming.v2 import RealtimeMessageTypes as RealtimeMessageTypes
from assemblyai.streaming.v2 import RealtimePartialTranscript as RealtimePartialTranscript
from assemblyai.streaming.v2 import RealtimeSessionInformation as RealtimeSessionInformation
from assemblyai.streaming.v2 import RealtimeSessionOpened as RealtimeSessionOpened
from assemblyai.streaming.v2 import RealtimeTranscriber as RealtimeTranscriber
from assemblyai.streaming.v2 import RealtimeTranscript as RealtimeTranscript
from assemblyai.streaming.v2 import RealtimeUnknownMessage as RealtimeUnknownMessage
from assemblyai.streaming.v2 import RealtimeWord as RealtimeWord

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
