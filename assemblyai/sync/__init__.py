"""The synchronous transcription product; see :mod:`assemblyai.sync.v1`.

``from assemblyai.sync import SyncTranscriber`` (the official SDK's earlier flat module) keeps
working.
"""

from __future__ import annotations

from assemblyai.sync.v1 import AudioInput, SyncTranscriber

__all__ = ["AudioInput", "SyncTranscriber"]
