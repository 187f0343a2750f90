"""Boolean config fields take True, False or None only (issue 14): no truthy strings sent as true."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import assemblyai as aai
from assemblyai._generated.rest.models.transcript_optional_params import (
    TranscriptOptionalParams,
)
from assemblyai._transcription.raw_config import (
    RawTranscriptionConfig,
    TranslationRequest,
    bool_fields,
)

BOOL_FIELDS = sorted(bool_fields(RawTranscriptionConfig))
NOT_BOOLS: list[Any] = ["false", "no", "True", 0, 1, 1.0, [], {}, b"true"]


def generated_bool_fields() -> set[str]:
    """The request model's fields whose only type is a boolean, whatever marks "unset"."""
    found = set()
    for field in attrs.fields(TranscriptOptionalParams):
        parts = {part.strip() for part in str(field.type).split("|")} - {"Unset", "None"}
        if parts == {"bool"}:
            found.add(field.name)
    return found


def test_bool_fields_are_the_api_boolean_parameters() -> None:
    raw_names = {f.name for f in attrs.fields(RawTranscriptionConfig)}
    assert set(BOOL_FIELDS) == generated_bool_fields() & raw_names
    assert len(BOOL_FIELDS) >= 15


def check_refused(call: Callable[[], object], field: str, value: object) -> None:
    with pytest.raises(aai.ConfigurationError) as info:
        call()
    message = str(info.value)
    assert field in message and type(value).__name__ in message, message


@pytest.mark.parametrize("value", NOT_BOOLS, ids=repr)
@pytest.mark.parametrize("field", BOOL_FIELDS)
def test_constructor_refuses_non_booleans(field: str, value: object) -> None:
    assert field in inspect.signature(aai.TranscriptionConfig).parameters
    check_refused(lambda: aai.TranscriptionConfig(**{field: value}), field, value)


@pytest.mark.parametrize("field", BOOL_FIELDS)
def test_raw_config_refuses_non_booleans(field: str) -> None:
    check_refused(lambda: RawTranscriptionConfig(**{field: "false"}), field, "false")
    raw = RawTranscriptionConfig()
    check_refused(lambda: setattr(raw, field, 1), field, 1)
    assert getattr(raw, field) is None  # a refused value leaves the field as it was
    # Through the friendly config's raw view too.
    config = aai.TranscriptionConfig()
    check_refused(lambda: setattr(config.raw, field, "yes"), field, "yes")


WRITABLE = [
    name
    for name in BOOL_FIELDS
    if getattr(getattr(aai.TranscriptionConfig, name), "fset", None) is not None
]


@pytest.mark.parametrize("field", WRITABLE)
def test_property_setters_refuse_non_booleans(field: str) -> None:
    config = aai.TranscriptionConfig()
    check_refused(lambda: setattr(config, field, "false"), field, "false")
    assert getattr(config, field) is None


SETTERS: list[tuple[str, Callable[[aai.TranscriptionConfig, Any], object]]] = [
    ("enable", lambda c, v: c.set_casing_and_formatting(v)),
    ("speaker_labels", lambda c, v: c.set_speaker_diarization(v)),
    ("redact_pii", lambda c, v: c.set_redact_pii(v, policies=["person_name"])),
    (
        "redact_pii_audio",
        lambda c, v: c.set_redact_pii(True, redact_audio=v, policies=["person_name"]),
    ),
    ("content_safety", lambda c, v: c.set_content_safety(v)),
    ("override", lambda c, v: c.set_custom_spelling({"SQL": "sequel"}, override=v)),
    ("summarization", lambda c, v: c.set_summarize(v)),
    ("language_detection", lambda c, v: c.set_language_detection(v)),
]


@pytest.mark.parametrize("value", ["false", 0, 1], ids=repr)
@pytest.mark.parametrize(("field", "call"), SETTERS, ids=[name for name, _ in SETTERS])
def test_set_methods_refuse_non_booleans(
    field: str, call: Callable[[aai.TranscriptionConfig, Any], object], value: object
) -> None:
    config = aai.TranscriptionConfig()
    check_refused(lambda: call(config, value), field, value)
    assert config.raw.to_request_json() == {}  # nothing changed


def test_the_reported_cases() -> None:
    check_refused(lambda: aai.TranscriptionConfig(speaker_labels="false"), "speaker_labels", "")
    check_refused(lambda: aai.TranscriptionConfig(punctuate="no"), "punctuate", "")


def test_nested_boolean_fields_are_checked_too() -> None:
    check_refused(lambda: TranslationRequest(target_languages=["de"], formal="yes"), "formal", "")
    check_refused(
        lambda: aai.SpeechUnderstandingRequest(
            request={"translation": {"target_languages": ["de"], "match_original_utterance": 1}}
        ),
        "match_original_utterance",
        1,
    )


@pytest.mark.parametrize("field", BOOL_FIELDS)
def test_booleans_and_none_still_work(field: str) -> None:
    extra: dict[str, Any] = {}
    if field.startswith("redact_pii"):
        extra = {"redact_pii_policies": ["person_name"]}
        if field in ("redact_pii_audio", "redact_pii_return_unredacted"):
            extra["redact_pii"] = True
    config = aai.TranscriptionConfig(**{field: True}, **extra)
    assert config.raw.to_request_json()[field] is True
    assert field not in aai.TranscriptionConfig(**{field: None}).raw.to_request_json()
    raw = RawTranscriptionConfig(**{field: False})
    assert raw.to_request_json() == {field: False}
    raw.__setattr__(field, None)
    assert raw.to_request_json() == {}


def test_a_rebuilt_config_keeps_what_the_server_sent() -> None:
    # Response data is never refused: an odd value from the server is kept as sent.
    config = aai.TranscriptionConfig.from_response_fields({"punctuate": "yes", "summarization": 1})
    assert config.raw.punctuate == "yes" and config.raw.summarization == 1
