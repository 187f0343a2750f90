"""Compatibility module: 0.45.4 defined these in ``assemblyai.transcriber``."""

from ._transcriber import Transcriber
from ._transcript import Transcript
from ._transcript_group import TranscriptGroup

__all__ = ["Transcriber", "Transcript", "TranscriptGroup"]


def __getattr__(name: str) -> object:
    # 0.45.4 also exposed the legacy realtime client here; it loads websockets, so on demand.
    if name == "RealtimeTranscriber":
        from .realtime import RealtimeTranscriber

        return RealtimeTranscriber
    raise AttributeError(f"module 'assemblyai.transcriber' has no attribute {name!r}")
