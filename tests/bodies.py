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


def without_nulls(value: Any) -> Any:
    """VALUE without null object members: to_dict() leaves fields that are None out."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value
