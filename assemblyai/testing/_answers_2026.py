"""The answer fields of the 2026 API a finished sandbox transcript carries (pure, no I/O).

Each is derived from the request the way the real API does it, cheaply: the model that ran is
the first one asked for, language detection with code switching lists the detected language,
``redact_pii_return_unredacted`` returns the words before redaction, and a ``domain`` request
is echoed in ``metadata.domain_used``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["answer_fields_2026", "speech_model_used"]

# A confidence that reads as made up on purpose (the one the sandbox gives detected languages).
_CONFIDENCE = 0.9876


def speech_model_used(params: Mapping[str, Any]) -> str | None:
    """The model the API would say it used: the first of ``speech_models``, else ``speech_model``."""
    models = params.get("speech_models")
    if isinstance(models, list) and models and isinstance(models[0], str):
        return models[0]
    single = params.get("speech_model")
    return single if isinstance(single, str) else None


def answer_fields_2026(
    params: Mapping[str, Any],
    language_code: str | None,
    unredacted_words: Callable[[], list[dict[str, Any]]],
) -> dict[str, Any]:
    """The 2026 fields of a completed transcript requested with PARAMS.

    Args:
        params: the request body.
        language_code: the transcript's language, when known.
        unredacted_words: builds the words as they were before redaction (called only when
            the request asked for them).

    Returns:
        The fields to add to the transcript.
    """
    fields: dict[str, Any] = {"speech_model_used": speech_model_used(params)}
    options = params.get("language_detection_options")
    if (
        params.get("language_detection")
        and isinstance(options, Mapping)
        and options.get("code_switching")
    ):
        fields["language_detection_results"] = {
            "code_switching_languages": [
                {"language_code": language_code or "en", "confidence": _CONFIDENCE}
            ]
        }
    if params.get("redact_pii") and params.get("redact_pii_return_unredacted"):
        words = unredacted_words()
        fields["unredacted_text"] = " ".join(w["text"] for w in words)
        fields["unredacted_words"] = words
    domain = params.get("domain")
    if isinstance(domain, str):
        fields["metadata"] = {"domain_used": domain, "warnings": []}
    return fields
