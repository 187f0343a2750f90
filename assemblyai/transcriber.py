"""Compatibility module: 0.45.4 defined these in ``assemblyai.transcriber``."""

from assemblyai._transcription.group import TranscriptGroup
from assemblyai._transcription.transcriber import Transcriber
from assemblyai._transcription.transcript import Transcript

__all__ = ["Transcriber", "Transcript", "TranscriptGroup"]


def __getattr__(name: str) -> object:
    # 0.45.4 also exposed the legacy realtime client here; it loads websockets, so on demand.
    if name == "RealtimeTranscriber":
        from assemblyai.streaming.v2 import RealtimeTranscriber

        return RealtimeTranscriber
    if name == "websocket_connect":
        # The name 0.45.4's RealtimeTranscriber connected through; users' tests patch it,
        # and RealtimeTranscriber.connect() goes through a replacement found here.
        from websockets.sync.client import connect

        return connect
    raise AttributeError(f"module 'assemblyai.transcriber' has no attribute {name!r}")
