"""Response bodies several test modules build on."""

from __future__ import annotations

from typing import Any


def transcript_body(**fields: Any) -> dict[str, Any]:
    """The smallest transcript body our spec allows (every required field), updated with FIELDS."""
    return {
        "id": "t1",
        "audio_url": "https://example.org/a.mp3",
        "status": "completed",
        "language_confidence_threshold": None,
        "language_confidence": None,
        "speech_model": None,
        "webhook_auth": False,
        "auto_highlights": False,
        "redact_pii": False,
        "summarization": False,
        "language_model": "assemblyai_default",
        "acoustic_model": "assemblyai_default",
        **fields,
    }
