"""The public enums: exact names and values from the surface contract (§2.6, §2.8), tolerance.

The expected tables are written out by hand from ``surface.md``, so a renamed or re-valued
member fails here rather than in a user's code.
"""

from __future__ import annotations

import json
import pickle
import warnings
from enum import Enum
from typing import Any

import pytest

from assemblyai._core import enums as _enums
from assemblyai._core.enums import (
    AudioEncoding,
    ContentSafetyLabel,
    EntityType,
    LanguageCode,
    LemurModel,
    LemurSourceType,
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    RealtimeMessageTypes,
    SentimentType,
    SpeakerType,
    SpeechModel,
    StatusResult,
    SummarizationModel,
    SummarizationType,
    TolerantStrEnum,
    TranscriptStatus,
    WordBoost,
    is_known,
)
from assemblyai._generated.surface.enums import SPEC_ENUMS
from tests.spec_params import spec_enums


def same(*names: str) -> dict[str, str]:
    """A table whose values equal the names."""
    return {name: name for name in names}


ENTITY_TYPES = same(
    "account_number", "banking_information", "blood_type", "credit_card_cvv",
    "credit_card_expiration", "credit_card_number", "date", "date_interval",
    "date_of_birth", "drivers_license", "drug", "duration",
    "email_address", "event", "filename", "gender_sexuality",
    "healthcare_number", "injury", "ip_address", "language",
    "location", "marital_status", "medical_condition", "medical_process",
    "money_amount", "nationality", "number_sequence", "occupation",
    "organization", "passport_number", "password", "person_age",
    "person_name", "phone_number", "physical_attribute", "political_affiliation",
    "religion", "statistics", "time", "url",
    "us_social_security_number", "username", "vehicle_id", "zodiac_sign",
)  # fmt: skip

CONTENT_SAFETY_LABELS = same(
    "accidents", "alcohol", "financials", "crime_violence",
    "drugs", "gambling", "hate_speech", "health_issues",
    "manga", "marijuana", "disasters", "negative_news",
    "nsfw", "pornography", "profanity", "sensitive_social_issues",
    "terrorism", "tobacco", "weapons",
)  # fmt: skip

LEMUR_MODELS = {
    "claude_opus_4_20250514": "anthropic/claude-opus-4-20250514",
    "claude_sonnet_4_20250514": "anthropic/claude-sonnet-4-20250514",
    "claude3_7_sonnet_20250219": "anthropic/claude-3-7-sonnet-20250219",
    "claude3_5_sonnet": "anthropic/claude-3-5-sonnet",
    "claude3_opus": "anthropic/claude-3-opus",
    "claude3_5_haiku_20241022": "anthropic/claude-3-5-haiku-20241022",
    "claude3_haiku": "anthropic/claude-3-haiku",
    "claude3_sonnet": "anthropic/claude-3-sonnet",
    "claude2_1": "anthropic/claude-2-1",
    "claude2_0": "anthropic/claude-2",
    "default": "default",
    "mistral7b": "assemblyai/mistral-7b",
}

# 0.45.4's twenty codes, plus de_ch (Swiss German), which the official 1.0.0 added.
LANGUAGE_CODES = same(
    "de", "de_ch", "en", "en_au", "en_uk", "en_us", "es", "fi", "fr", "hi", "it",
    "ja", "ko", "nl", "pl", "pt", "ru", "tr", "uk", "vi", "zh",
)  # fmt: skip

EXPECTED: dict[type[Enum], dict[str, str]] = {
    TranscriptStatus: same("queued", "processing", "completed", "error"),
    LanguageCode: LANGUAGE_CODES,
    WordBoost: same("low", "default", "high"),
    PIIRedactedAudioQuality: same("mp3", "wav"),
    EntityType: ENTITY_TYPES,
    PIISubstitutionPolicy: same("hash", "entity_name"),
    SummarizationModel: same("informative", "conversational", "catchy"),
    SummarizationType: same("bullets", "bullets_verbose", "gist", "headline", "paragraph"),
    SpeechModel: {"best": "best", "nano": "nano", "slam_1": "slam-1", "universal": "universal"},
    SpeakerType: same("role", "name"),
    ContentSafetyLabel: CONTENT_SAFETY_LABELS,
    StatusResult: same("success", "unavailable"),
    SentimentType: {"positive": "POSITIVE", "neutral": "NEUTRAL", "negative": "NEGATIVE"},
    LemurModel: LEMUR_MODELS,
    LemurSourceType: same("transcript"),
    AudioEncoding: same("pcm_s16le", "pcm_mulaw"),
    RealtimeMessageTypes: {
        "partial_transcript": "PartialTranscript",
        "final_transcript": "FinalTranscript",
        "session_begins": "SessionBegins",
        "session_terminated": "SessionTerminated",
        "session_information": "SessionInformation",
    },
}

ALL_ENUMS = list(EXPECTED)

# The values of each spec-backed enum, read from the spec (folded enums share one class).
SPEC_VALUES: dict[type[Enum], set[str]] = {}
for _schema, _values in spec_enums().items():
    SPEC_VALUES.setdefault(SPEC_ENUMS[_schema], set()).update(_values)


# Enums generated from the spec may gain values with the spec (tests/unit/test_spec_drift.py
# proves every spec value is a member); 0.45.4's members must all stay, under their names.
SPEC_BACKED = set(SPEC_ENUMS.values())


def _members(enum_cls: type[Enum]) -> dict[str, str]:
    # Iteration does not read members as attributes, so LanguageCode does not warn here.
    return {m.name: m.value for m in enum_cls}


@pytest.mark.parametrize("enum_cls", ALL_ENUMS, ids=lambda c: c.__name__)
def test_names_and_values_are_exact(enum_cls: type[Enum]) -> None:
    if enum_cls in SPEC_BACKED:
        assert _members(enum_cls).items() >= EXPECTED[enum_cls].items()
        assert len(enum_cls) == len(SPEC_VALUES[enum_cls])
    else:
        assert _members(enum_cls) == EXPECTED[enum_cls]


def test_member_counts_from_the_contract() -> None:
    assert len(EntityType) >= 44
    assert len(ContentSafetyLabel) >= 19
    assert len(LemurModel) >= 12
    assert len(LanguageCode) == 21


@pytest.mark.parametrize("enum_cls", ALL_ENUMS, ids=lambda c: c.__name__)
def test_every_enum_is_a_tolerant_str_enum(enum_cls: type[Enum]) -> None:
    assert issubclass(enum_cls, str)
    assert issubclass(enum_cls, Enum)
    assert issubclass(enum_cls, TolerantStrEnum)
    for member in enum_cls:
        # As 0.45.4's (str, Enum) classes on Python 3.11: text is "Class.name", equality the value.
        assert str(member) == f"{enum_cls.__name__}.{member.name}"
        assert f"{member}" == str(member) == format(member, "")
        assert repr(member) == f"<{enum_cls.__name__}.{member.name}: {member.value!r}>"
        assert member == member.value
        assert json.dumps(member) == json.dumps(member.value)


def test_pii_redaction_policy_is_the_same_object_as_entity_type() -> None:
    assert PIIRedactionPolicy is EntityType


def test_every_enum_is_exported() -> None:
    names = {cls.__name__ for cls in ALL_ENUMS} | {"PIIRedactionPolicy"}
    assert names <= set(_enums.__all__)
    for name in _enums.__all__:
        assert hasattr(_enums, name)


@pytest.mark.parametrize(
    ("enum_cls", "new_value"),
    [
        (SpeechModel, "universal-3-pro"),
        (EntityType, "crypto_wallet"),
        (ContentSafetyLabel, "deepfakes"),
        (TranscriptStatus, "throttled"),
        (SentimentType, "MIXED"),
        (LemurModel, "anthropic/claude-9"),
    ],
)
def test_unknown_string_value_gives_a_pseudo_member(
    enum_cls: type[TolerantStrEnum], new_value: str
) -> None:
    pseudo = enum_cls(new_value)
    assert isinstance(pseudo, enum_cls)
    assert pseudo == new_value
    assert pseudo.value == new_value
    assert pseudo.name == new_value
    assert str(pseudo) == f"{enum_cls.__name__}.{new_value}"
    # Pseudo-members are not declared members.
    assert new_value not in [m.value for m in enum_cls]
    assert not is_known(enum_cls, pseudo)


def test_is_known_takes_members_whose_name_is_not_their_value() -> None:
    assert is_known(SpeechModel, SpeechModel.slam_1)
    assert is_known(SpeechModel, "slam-1")
    assert not is_known(SpeechModel, "slam_1")


def test_known_value_lookup_returns_the_member_itself() -> None:
    assert SpeechModel("slam-1") is SpeechModel.slam_1
    assert SentimentType("POSITIVE") is SentimentType.positive
    assert is_known(SpeechModel, "slam-1")
    assert is_known(SpeechModel, SpeechModel.best)
    assert not is_known(SpeechModel, "slam_1")  # the name is not the value
    assert not is_known(SpeechModel, 1)


@pytest.mark.parametrize("bad", [5, 1.5, None, b"best", ["best"]])
def test_non_string_values_still_raise(bad: Any) -> None:
    with pytest.raises(ValueError):
        SpeechModel(bad)


def test_pseudo_members_survive_json_and_pickle() -> None:
    pseudo = SpeechModel("future")
    assert json.dumps({"speech_model": pseudo}) == '{"speech_model": "future"}'
    restored = pickle.loads(pickle.dumps(pseudo))
    assert restored == pseudo
    assert isinstance(restored, SpeechModel)
    assert pickle.loads(pickle.dumps(SpeechModel.best)) is SpeechModel.best


def test_language_code_member_access_warns_with_the_right_name() -> None:
    with pytest.warns(DeprecationWarning) as record:
        member = LanguageCode.en_us
    assert member.value == "en_us"
    message = str(record[0].message)
    assert "LanguageCode" in message
    assert "LanuageCode" not in message  # 0.45.4's typo (§8 item 13)
    assert record[0].filename == __file__  # stacklevel points at the caller


def test_language_code_lookups_other_than_attributes_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert LanguageCode("en") == "en"
        assert LanguageCode["de"] == "de"
        assert len(list(LanguageCode)) == 21
        assert LanguageCode.__members__["fr"] == "fr"
        assert LanguageCode("xx-new") == "xx-new"
