"""The synchronous transcription API, as the official SDK 1.0 lays it out (``assemblyai.sync.v1``).

Audio in, transcript out, in one request, for clips of at most 120 s and 40 MB::

    import assemblyai as aai

    result = aai.SyncTranscriber().transcribe("./call.wav")
    print(result.text)

The same names are at the top level (``aai.SyncTranscriber``...). The implementation lives in
``assemblyai._sync``; the answer models are generated from ``spec/sync.openapi.yml``.
"""

from __future__ import annotations

from assemblyai._generated.rest.models.sync_speech_model import SyncSpeechModel
from assemblyai._generated.rest.models.sync_transcript_response import SyncTranscriptResponse
from assemblyai._generated.rest.models.sync_word import SyncWord
from assemblyai._sync.async_transcriber import AsyncSyncTranscriber
from assemblyai._sync.audio import AudioInput
from assemblyai._sync.config import SyncTranscriptionConfig
from assemblyai._sync.errors import SyncTranscriptError
from assemblyai._sync.transcriber import SyncTranscriber

__all__ = [
    "AsyncSyncTranscriber",
    "AudioInput",
    "SyncSpeechModel",
    "SyncTranscriber",
    "SyncTranscriptError",
    "SyncTranscriptResponse",
    "SyncTranscriptionConfig",
    "SyncWord",
]
