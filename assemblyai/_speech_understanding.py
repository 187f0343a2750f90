"""Speech-understanding results of a transcript response.

These fields are not in the published API description, so they are handwritten; the request
side lives in :mod:`assemblyai._raw_config`. ``Transcript.speech_understanding`` parses the
response's ``speech_understanding`` object into these.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._compat import ModelCompat
from ._raw_config import coerce_model

__all__ = [
    "CustomFormattingResponse",
    "SpeakerIdentificationResponse",
    "SpeechUnderstandingFeatureResponses",
    "SpeechUnderstandingResponse",
    "TranslationResponse",
]


@attrs.define(kw_only=True)
class SpeakerIdentificationResponse(ModelCompat):
    """Speaker identification result: ``mapping`` from diarization label to name or role."""

    status: str
    mapping: dict[str, str] | None = None


@attrs.define(kw_only=True)
class TranslationResponse(ModelCompat):
    """Translation result status (the texts are in ``Transcript.translated_texts``)."""

    status: str


@attrs.define(kw_only=True)
class CustomFormattingResponse(ModelCompat):
    """Custom formatting result."""

    status: str
    mapping: dict[str, str] | None = None
    formatted_text: str | None = None
    formatted_utterances: list[dict[str, Any]] | None = None


def _speaker_identification(value: Any) -> SpeakerIdentificationResponse | None:
    return coerce_model(SpeakerIdentificationResponse, "speaker_identification", value)


def _translation(value: Any) -> TranslationResponse | None:
    return coerce_model(TranslationResponse, "translation", value)


def _custom_formatting(value: Any) -> CustomFormattingResponse | None:
    return coerce_model(CustomFormattingResponse, "custom_formatting", value)


@attrs.define(kw_only=True)
class SpeechUnderstandingFeatureResponses(ModelCompat):
    """The results of each speech-understanding feature that ran."""

    speaker_identification: SpeakerIdentificationResponse | None = attrs.field(
        default=None, converter=_speaker_identification
    )
    translation: TranslationResponse | None = attrs.field(default=None, converter=_translation)
    custom_formatting: CustomFormattingResponse | None = attrs.field(
        default=None, converter=_custom_formatting
    )


def _responses(value: Any) -> SpeechUnderstandingFeatureResponses | None:
    return coerce_model(SpeechUnderstandingFeatureResponses, "response", value)


@attrs.define(kw_only=True)
class SpeechUnderstandingResponse(ModelCompat):
    """The ``speech_understanding`` object of a transcript: what was asked, what came back."""

    request: Any = None
    response: SpeechUnderstandingFeatureResponses | None = attrs.field(
        default=None, converter=_responses
    )
