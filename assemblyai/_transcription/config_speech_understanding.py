"""The request models of the ``speech_understanding`` transcription parameter (handwritten).

The spec describes ``speech_understanding`` as an open object, so its parts are not generated;
these are 0.45.4's shapes. TODO(w2): once the spec describes the request with its ``oneOf``
members and the generator handles unions (helper w2's part of issue 15), generate these too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from assemblyai._core.enums import SpeakerType
from assemblyai._core.validation import check_bool, check_enum, check_str_list, fail
from assemblyai._transcription.config_runtime import OptionModel, coerce_model

__all__ = [
    "CustomFormattingRequest",
    "SpeakerIdentificationRequest",
    "SpeechUnderstandingFeatureRequests",
    "SpeechUnderstandingRequest",
    "TranslationRequest",
]


# attrs converters must be named functions for the mypy plugin, hence one per field (which
# also puts the right field name in the error message).
def _known_values(value: Any) -> list[str] | None:
    return check_str_list("known_values", value)


def _speakers(value: Any) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    if isinstance(value, list | tuple) and all(
        isinstance(item, Mapping) and all(isinstance(k, str) for k in item) for item in value
    ):
        return [dict(item) for item in value]
    raise fail("speakers", value, "a list of dicts (each with a name or role)")


def _required_str_list(value: Any) -> list[str]:
    converted = check_str_list("target_languages", value)
    if converted is None:
        raise fail("target_languages", value, "a list of strings")
    return converted


def _speaker_type(value: Any) -> SpeakerType:
    converted = check_enum("speaker_type", value, SpeakerType, strict=False)
    if converted is None:
        raise fail("speaker_type", value, "a SpeakerType value")
    return converted


def _bool(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    check_bool(attribute.name, value)


@attrs.define(kw_only=True)
class SpeakerIdentificationRequest(OptionModel):
    """Speech understanding: label speakers by role or name."""

    speaker_type: SpeakerType = attrs.field(converter=_speaker_type)
    known_values: list[str] | None = attrs.field(default=None, converter=_known_values)
    speakers: list[dict[str, Any]] | None = attrs.field(default=None, converter=_speakers)
    """The speakers to choose from, each a dict with a ``name`` or ``role``, an optional
    ``description`` and any other keys that give context (added by the official 1.0)."""


@attrs.define(kw_only=True)
class TranslationRequest(OptionModel):
    """Speech understanding: translate the transcript.

    ``formal`` and ``match_original_utterance`` default to False rather than None, so both are
    always sent, as in 0.45.4.
    """

    target_languages: list[str] = attrs.field(converter=_required_str_list)
    formal: bool | None = attrs.field(default=False, validator=_bool)
    match_original_utterance: bool | None = attrs.field(default=False, validator=_bool)


@attrs.define(kw_only=True)
class CustomFormattingRequest(OptionModel):
    """Speech understanding: custom formatting of dates, phone numbers and emails."""

    date: str | None = None
    phone_number: str | None = None
    email: str | None = None


def _speaker_identification(value: Any) -> SpeakerIdentificationRequest | None:
    return coerce_model(SpeakerIdentificationRequest, "speaker_identification", value)


def _translation(value: Any) -> TranslationRequest | None:
    return coerce_model(TranslationRequest, "translation", value)


def _custom_formatting(value: Any) -> CustomFormattingRequest | None:
    return coerce_model(CustomFormattingRequest, "custom_formatting", value)


@attrs.define(kw_only=True)
class SpeechUnderstandingFeatureRequests(OptionModel):
    """The speech-understanding features to run."""

    speaker_identification: SpeakerIdentificationRequest | None = attrs.field(
        default=None, converter=_speaker_identification
    )
    translation: TranslationRequest | None = attrs.field(default=None, converter=_translation)
    custom_formatting: CustomFormattingRequest | None = attrs.field(
        default=None, converter=_custom_formatting
    )


def _feature_requests(value: Any) -> SpeechUnderstandingFeatureRequests | None:
    return coerce_model(SpeechUnderstandingFeatureRequests, "request", value)


@attrs.define(kw_only=True)
class SpeechUnderstandingRequest(OptionModel):
    """The ``speech_understanding`` request parameter.

    Parsing drops ``response``, so the ``speech_understanding`` object of a transcript response
    parses to the request part only; other unknown keys are kept and sent (see
    :class:`~assemblyai._transcription.config_runtime.OptionModel`).
    """

    _ignored_keys: ClassVar[frozenset[str]] = frozenset({"response"})

    request: SpeechUnderstandingFeatureRequests | None = attrs.field(
        default=None, converter=_feature_requests
    )
