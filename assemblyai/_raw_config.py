"""The request-side configuration models: ``RawTranscriptionConfig`` and its nested option models.

These classes are handwritten (not generated) because they describe the SDK's own config shape
of ``assemblyai`` 0.45.4 rather than an API schema. They are small attrs classes with
:class:`~assemblyai._compat.ModelCompat`, so ``.dict()``, ``.json()`` and ``parse_obj()`` work.

``RawTranscriptionConfig`` is the escape hatch: it converts plain values (strings to enums,
dicts to option models) but accepts any string for an enum field, and it keeps *and sends*
fields it does not know, so a parameter the API added after this release can be used::

    raw = RawTranscriptionConfig(punctuate=True, some_new_param={"x": 1})
    raw.speech_model = "a-future-model"
    raw.to_request_json()
    # {"punctuate": True, "speech_model": "a-future-model", "some_new_param": {"x": 1}}
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import attrs

from assemblyai._compat import ModelCompat, dump_value
from assemblyai._enums import (
    EntityType,
    PIIRedactedAudioQuality,
    PIISubstitutionPolicy,
    SpeakerType,
    SpeechModel,
    SummarizationModel,
    SummarizationType,
    WordBoost,
)
from assemblyai._exceptions import ConfigurationError
from assemblyai._validation import (
    check_bool,
    check_enum,
    check_enum_list,
    check_int,
    check_str_list,
    fail,
)

__all__ = [
    "CustomFormattingRequest",
    "LanguageDetectionOptions",
    "RawTranscriptionConfig",
    "SpeakerIdentificationRequest",
    "SpeakerOptions",
    "SpeechUnderstandingFeatureRequests",
    "SpeechUnderstandingRequest",
    "TranslationRequest",
    "bool_fields",
    "coerce_model",
    "custom_spelling_entries",
]


M = TypeVar("M", bound=ModelCompat)


# attrs converters must be named functions for the mypy plugin, hence one per field (which
# also puts the right field name in the error message).
def _expected_languages(value: Any) -> list[str] | None:
    return check_str_list("expected_languages", value)


def _known_values(value: Any) -> list[str] | None:
    return check_str_list("known_values", value)


def _word_boost_list(value: Any) -> list[str] | None:
    return check_str_list("word_boost", value)


def _speech_models(value: Any) -> list[str] | None:
    return check_str_list("speech_models", value)


def _keyterms_prompt(value: Any) -> list[str] | None:
    return check_str_list("keyterms_prompt", value)


def _language_codes(value: Any) -> list[str] | None:
    return check_str_list("language_codes", value)


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


# A field declared ``bool | None`` takes only True, False or None. The declarations match the
# API's boolean parameters in the generated request model (a unit test compares the two);
# that model is not read here because ``import assemblyai`` must not load generated code.
_BOOL_TYPES: tuple[object, ...] = ("bool | None", "bool", bool | None, bool)


def _check_bool_field(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    check_bool(attribute.name, value)


def _validate_bools(_: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field transformer: every field declared as a bool gets :func:`check_bool`."""
    return [
        field.evolve(validator=_check_bool_field) if field.type in _BOOL_TYPES else field
        for field in fields
    ]


def bool_fields(cls: type) -> frozenset[str]:
    """The names of the fields of the attrs class ``cls`` that take only booleans."""
    return frozenset(f.name for f in attrs.fields(cls) if f.type in _BOOL_TYPES)


def coerce_model(cls: type[M], field: str, value: Any) -> M | None:
    """Accept a model instance, a dict (parsed with ``parse_obj``) or None.

    Args:
        cls: the model class.
        field: the field name, for the error message.
        value: the value to convert.

    Returns:
        The model, or None.

    Raises:
        ConfigurationError: any other type, or the dict does not make a valid model.
    """
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        return cls.parse_obj(value)
    raise fail(field, value, f"a {cls.__name__} or a dict")


def _speaker_identification(value: Any) -> SpeakerIdentificationRequest | None:
    return coerce_model(SpeakerIdentificationRequest, "speaker_identification", value)


def _translation(value: Any) -> TranslationRequest | None:
    return coerce_model(TranslationRequest, "translation", value)


def _custom_formatting(value: Any) -> CustomFormattingRequest | None:
    return coerce_model(CustomFormattingRequest, "custom_formatting", value)


def _feature_requests(value: Any) -> SpeechUnderstandingFeatureRequests | None:
    return coerce_model(SpeechUnderstandingFeatureRequests, "request", value)


def _check_speaker_count(
    instance: SpeakerOptions, attribute: attrs.Attribute[Any], value: Any
) -> None:
    check_int(attribute.name, value, minimum=1)
    # Runs for both fields, on construction (after both are set) and on assignment (before the
    # new value lands), so compare the incoming value with the other field's current one.
    low, high = instance.min_speakers_expected, instance.max_speakers_expected
    if attribute.name == "min_speakers_expected":
        low = value
    else:
        high = value
    if low is not None and high is not None and high < low:
        raise ConfigurationError(
            "max_speakers_expected must be greater than or equal to min_speakers_expected "
            f"(got min_speakers_expected={low!r}, max_speakers_expected={high!r})"
        )


@attrs.define(kw_only=True)
class SpeakerOptions(ModelCompat):
    """Bounds on the number of speakers diarization may find (each >= 1, max >= min).

    Raises:
        ConfigurationError: a bound is not an integer >= 1, or max < min (also a ``ValueError``).
    """

    min_speakers_expected: int | None = attrs.field(default=None, validator=_check_speaker_count)
    max_speakers_expected: int | None = attrs.field(default=None, validator=_check_speaker_count)


@attrs.define(kw_only=True)
class LanguageDetectionOptions(ModelCompat):
    """Options for automatic language detection."""

    expected_languages: list[str] | None = attrs.field(default=None, converter=_expected_languages)
    fallback_language: str | None = None


@attrs.define(kw_only=True)
class SpeakerIdentificationRequest(ModelCompat):
    """Speech understanding: label speakers by role or name."""

    speaker_type: SpeakerType = attrs.field(converter=_speaker_type)
    known_values: list[str] | None = attrs.field(default=None, converter=_known_values)


@attrs.define(kw_only=True, field_transformer=_validate_bools)
class TranslationRequest(ModelCompat):
    """Speech understanding: translate the transcript.

    ``formal`` and ``match_original_utterance`` default to False rather than None, so both are
    always sent, as in 0.45.4.
    """

    target_languages: list[str] = attrs.field(converter=_required_str_list)
    formal: bool | None = False
    match_original_utterance: bool | None = False


@attrs.define(kw_only=True)
class CustomFormattingRequest(ModelCompat):
    """Speech understanding: custom formatting of dates, phone numbers and emails."""

    date: str | None = None
    phone_number: str | None = None
    email: str | None = None


@attrs.define(kw_only=True)
class SpeechUnderstandingFeatureRequests(ModelCompat):
    """The speech-understanding features to run."""

    speaker_identification: SpeakerIdentificationRequest | None = attrs.field(
        default=None, converter=_speaker_identification
    )
    translation: TranslationRequest | None = attrs.field(default=None, converter=_translation)
    custom_formatting: CustomFormattingRequest | None = attrs.field(
        default=None, converter=_custom_formatting
    )


@attrs.define(kw_only=True)
class SpeechUnderstandingRequest(ModelCompat):
    """The ``speech_understanding`` request parameter.

    Parsing ignores unknown keys, so the ``speech_understanding`` object of a transcript response
    (which also holds ``response``) parses to the request part only.
    """

    request: SpeechUnderstandingFeatureRequests | None = attrs.field(
        default=None, converter=_feature_requests
    )


def custom_spelling_entries(value: Any, *, strict: bool) -> list[dict[str, Any]] | None:
    """Normalise custom spelling to the API's list form ``[{"from": [...], "to": "..."}]``.

    Args:
        value: None; the 0.45.4 dict form ``{to: from_or_list_of_from}``; or the list form.
        strict: also check (and normalise) each list-form entry: ``to`` a string, ``from`` a
            string or list of strings. Without it list-form entries are kept as given, so raw
            configs and response data pass through untouched.

    Returns:
        A new list of new dicts, or None.

    Raises:
        ConfigurationError: the value has neither shape, or (strict) an entry is malformed.
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        return [_spelling_entry(to, source) for to, source in value.items()]
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise fail("custom_spelling", value, "a dict {to: from} or a list of {from, to} dicts")
    entries: list[dict[str, Any]] = []
    for entry in value:
        if not isinstance(entry, Mapping) or "from" not in entry or "to" not in entry:
            raise fail(
                "custom_spelling", entry, 'an entry like {"from": ["k8s"], "to": "Kubernetes"}'
            )
        entries.append(_spelling_entry(entry["to"], entry["from"]) if strict else dict(entry))
    return entries


def _spelling_entry(to: Any, source: Any) -> dict[str, Any]:
    if not isinstance(to, str):
        raise fail("custom_spelling", to, "keyed by the replacement string (the 'to' value)")
    sources = [source] if isinstance(source, str) else check_str_list("custom_spelling", source)
    return {"from": sources, "to": to}


def _custom_spelling(value: Any) -> list[dict[str, Any]] | None:
    return custom_spelling_entries(value, strict=False)


def _word_boost(value: Any) -> WordBoost | None:
    return check_enum("boost_param", value, WordBoost, strict=False)


def _audio_quality(value: Any) -> PIIRedactedAudioQuality | None:
    return check_enum("redact_pii_audio_quality", value, PIIRedactedAudioQuality, strict=False)


def _policies(value: Any) -> list[EntityType] | None:
    return check_enum_list("redact_pii_policies", value, EntityType, strict=False)


def _substitution(value: Any) -> PIISubstitutionPolicy | None:
    return check_enum("redact_pii_sub", value, PIISubstitutionPolicy, strict=False)


def _summary_model(value: Any) -> SummarizationModel | None:
    return check_enum("summary_model", value, SummarizationModel, strict=False)


def _summary_type(value: Any) -> SummarizationType | None:
    return check_enum("summary_type", value, SummarizationType, strict=False)


def _speech_model(value: Any) -> SpeechModel | None:
    return check_enum("speech_model", value, SpeechModel, strict=False)


def _speaker_options(value: Any) -> SpeakerOptions | None:
    return coerce_model(SpeakerOptions, "speaker_options", value)


def _language_detection_options(value: Any) -> LanguageDetectionOptions | None:
    return coerce_model(LanguageDetectionOptions, "language_detection_options", value)


def _speech_understanding(value: Any) -> SpeechUnderstandingRequest | None:
    return coerce_model(SpeechUnderstandingRequest, "speech_understanding", value)


@attrs.define(slots=False, init=False, eq=False, repr=False, field_transformer=_validate_bools)
class RawTranscriptionConfig(ModelCompat):
    """Every transcription parameter as a plain, optional field, plus any extra ones.

    All 43 known fields default to None, which means "not sent". Plain values are converted on
    construction and on assignment: strings become enum members (any string is accepted here,
    see :mod:`assemblyai._validation`), dicts become the option models, tuples become lists,
    and custom spelling given as ``{to: from}`` becomes the API's list form.

    Unknown keyword arguments and attributes are *extra fields*: they are kept, shown by
    :meth:`dict` and sent by :meth:`to_request_json`. (0.45.4 kept them but never sent them.)

    Example:
        ```python
        raw = RawTranscriptionConfig(speaker_labels=True, speaker_options={"max_speakers_expected": 3})
        raw.new_api_param = "on"
        TranscriptionConfig(raw_transcription_config=raw)
        ```

    Raises:
        ConfigurationError: a value cannot be converted (e.g. a bare string for a list field),
            or an extra field's name starts with ``_`` or is a method name.
    """

    _compat_accepts_extra: ClassVar[bool] = True

    language_code: str | None = None
    punctuate: bool | None = None
    format_text: bool | None = None
    dual_channel: bool | None = None
    multichannel: bool | None = None
    webhook_url: str | None = None
    webhook_auth_header_name: str | None = None
    webhook_auth_header_value: str | None = None
    audio_start_from: int | None = None
    audio_end_at: int | None = None
    word_boost: list[str] | None = attrs.field(default=None, converter=_word_boost_list)
    boost_param: WordBoost | None = attrs.field(default=None, converter=_word_boost)
    filter_profanity: bool | None = None
    redact_pii: bool | None = None
    redact_pii_audio: bool | None = None
    redact_pii_audio_quality: PIIRedactedAudioQuality | None = attrs.field(
        default=None, converter=_audio_quality
    )
    redact_pii_policies: list[EntityType] | None = attrs.field(default=None, converter=_policies)
    redact_pii_sub: PIISubstitutionPolicy | None = attrs.field(
        default=None, converter=_substitution
    )
    speaker_labels: bool | None = None
    speakers_expected: int | None = None
    speaker_options: SpeakerOptions | None = attrs.field(default=None, converter=_speaker_options)
    content_safety: bool | None = None
    content_safety_confidence: int | None = None
    iab_categories: bool | None = None
    custom_spelling: list[dict[str, Any]] | None = attrs.field(
        default=None, converter=_custom_spelling
    )
    disfluencies: bool | None = None
    sentiment_analysis: bool | None = None
    auto_chapters: bool | None = None
    entity_detection: bool | None = None
    summarization: bool | None = None
    summary_model: SummarizationModel | None = attrs.field(default=None, converter=_summary_model)
    summary_type: SummarizationType | None = attrs.field(default=None, converter=_summary_type)
    auto_highlights: bool | None = None
    language_detection: bool | None = None
    language_confidence_threshold: float | None = None
    language_detection_options: LanguageDetectionOptions | None = attrs.field(
        default=None, converter=_language_detection_options
    )
    speech_threshold: float | None = None
    speech_model: SpeechModel | None = attrs.field(default=None, converter=_speech_model)
    speech_models: list[str] | None = attrs.field(default=None, converter=_speech_models)
    prompt: str | None = None
    keyterms_prompt: list[str] | None = attrs.field(default=None, converter=_keyterms_prompt)
    language_codes: list[str] | None = attrs.field(default=None, converter=_language_codes)
    speech_understanding: SpeechUnderstandingRequest | None = attrs.field(
        default=None, converter=_speech_understanding
    )

    def __init__(self, **fields: Any) -> None:
        """Set the given fields (the rest are None) and keep unknown keywords as extra fields.

        Args:
            **fields: any of the 43 field names, plus extra fields.
        """
        for field in attrs.fields(RawTranscriptionConfig):
            setattr(self, field.name, fields.pop(field.name, None))
        for name, value in fields.items():
            # A leading underscore or a method name would hide SDK internals or methods.
            if name.startswith("_") or hasattr(type(self), name):
                raise fail("an extra field name", name, "a public name that is not a method")
            setattr(self, name, value)

    def _extra_fields(self) -> dict[str, Any]:
        known = _FIELD_NAMES
        return {k: v for k, v in vars(self).items() if k not in known and not k.startswith("_")}

    def to_request_json(self) -> dict[str, Any]:
        """The JSON object to merge into the ``POST /v2/transcript`` body.

        Returns:
            The fields that are not None (enums as values, option models as dicts without None
            values), followed by every extra field as given (even a None value is sent, as an
            explicit JSON null).
        """
        body: dict[str, Any] = {}
        for name in _FIELD_NAMES:
            value = getattr(self, name)
            if value is not None:
                body[name] = dump_value(value, exclude_none=True)
        for name, value in self._extra_fields().items():
            body[name] = dump_value(value)
        return body

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        shown = {n: getattr(self, n) for n in _FIELD_NAMES if getattr(self, n) is not None}
        shown.update(self._extra_fields())
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in attrs.fields(RawTranscriptionConfig))

# ``__init__`` takes ``**fields`` to keep extra fields; the signature shown to ``inspect`` and
# IDEs names every known field, keyword-only with its None default, then the extras.
RawTranscriptionConfig.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=f.type)
        for f in attrs.fields(RawTranscriptionConfig)
    ]
    + [inspect.Parameter("extra_fields", inspect.Parameter.VAR_KEYWORD, annotation=Any)],
    return_annotation=None,
)
