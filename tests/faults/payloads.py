"""Minimal API answers, valid against our spec's response schemas."""

from __future__ import annotations

from typing import Any

AUDIO_URL = "https://example.org/call.mp3"


def transcript(
    transcript_id: str = "t1", status: str = "completed", **extra: Any
) -> dict[str, Any]:
    """A ``Transcript`` with every required field."""
    body: dict[str, Any] = {
        "id": transcript_id,
        "status": status,
        "audio_url": AUDIO_URL,
        "speech_model": None,
        "language_model": "assemblyai_default",
        "acoustic_model": "assemblyai_default",
        "webhook_auth": False,
        "auto_highlights": False,
        "redact_pii": False,
        "summarization": False,
        "language_confidence_threshold": None,
        "language_confidence": None,
    }
    if status == "completed":
        body["text"] = "hello world"
    body.update(extra)
    return body


def lemur_task(response: str = "an answer") -> dict[str, Any]:
    return {
        "request_id": "lemur-1",
        "response": response,
        "usage": {"input_tokens": 10, "output_tokens": 5},
    }


def uploaded(url: str = "https://cdn.example.org/upload/u1") -> dict[str, Any]:
    return {"upload_url": url}
