"""RawTranscriptionConfig and the option models (surface §2.7, §3.1, §8 item 6)."""

from __future__ import annotations

import json

import pytest

from assemblyai._core.enums import EntityType, SpeakerType, SpeechModel, WordBoost
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._transcription.raw_config import (
    CustomFormattingRequest,
    LanguageDetectionOptions,
    RawTranscriptionConfig,
    SpeakerIdentificationRequest,
    SpeakerOptions,
    SpeechUnderstandingFeatureRequests,
    SpeechUnderstandingRequest,
    TranslationRequest,
)
from tests.spec_params import transcript_params

# §3.1, in order.
RAW_FIELDS = [
    "language_code", "punctuate", "format_text", "dual_channel", "multichannel",
    "webhook_url", "webhook_auth_header_name", "webhook_auth_header_value",
    "audio_start_from", "audio_end_at", "word_boost", "boost_param", "filter_profanity",
    "redact_pii", "redact_pii_audio", "redact_pii_audio_quality", "redact_pii_policies",
    "redact_pii_sub", "speaker_labels", "speakers_expected", "speaker_options",
    "content_safety", "content_safety_confidence", "iab_categories", "custom_spelling",
    "disfluencies", "sentiment_analysis", "auto_chapters", "entity_detection",
    "summarization", "summary_model", "summary_type", "auto_highlights",
    "language_detection", "language_confidence_threshold", "language_detection_options",
    "speech_threshold", "speech_model", "speech_models", "prompt", "keyterms_prompt",
    "language_codes", "speech_understanding",
]  # fmt: skip


def test_0454s_43_fields_in_order_then_the_newer_spec_params() -> None:
    assert len(RAW_FIELDS) == 43
    newer = [name for name in transcript_params() if name not in RAW_FIELDS]
    fields = list(RawTranscriptionConfig.__fields__)
    assert fields == RAW_FIELDS + newer
    assert "model_config" not in RawTranscriptionConfig.__fields__
    raw = RawTranscriptionConfig()
    assert all(getattr(raw, name) is None for name in fields)
    assert raw.dict(exclude_none=True) == {}
    assert raw.to_request_json() == {}
    # pydantic's .dict() lists every field, None included.
    assert list(raw.dict()) == fields


def test_keyword_construction_converts_plain_values() -> None:
    raw = RawTranscriptionConfig(
        boost_param="high",
        redact_pii_policies=("person_name", EntityType.date),
        speaker_options={"min_speakers_expected": 1, "max_speakers_expected": 3},
        language_detection_options={"expected_languages": ["en", "de"]},
        speech_understanding={"request": {"speaker_identification": {"speaker_type": "role"}}},
        speech_model="slam-1",
        keyterms_prompt=("a", "b"),
    )
    assert raw.boost_param is WordBoost.high
    assert raw.redact_pii_policies == [EntityType.person_name, EntityType.date]
    assert raw.speaker_options == SpeakerOptions(min_speakers_expected=1, max_speakers_expected=3)
    assert raw.language_detection_options == LanguageDetectionOptions(
        expected_languages=["en", "de"]
    )
    assert raw.speech_understanding is not None
    assert raw.speech_understanding.request is not None
    identification = raw.speech_understanding.request.speaker_identification
    assert identification == SpeakerIdentificationRequest(speaker_type=SpeakerType.role)
    assert raw.speech_model is SpeechModel.slam_1
    assert raw.keyterms_prompt == ["a", "b"]


def test_assignment_converts_too_and_accepts_new_enum_values() -> None:
    raw = RawTranscriptionConfig()
    raw.speech_model = "a-future-model"  # type: ignore[assignment]
    raw.speaker_options = {"max_speakers_expected": 4}  # type: ignore[assignment]
    assert isinstance(raw.speech_model, SpeechModel)
    assert raw.speech_model == "a-future-model"
    assert raw.speaker_options == SpeakerOptions(max_speakers_expected=4)
    assert raw.to_request_json() == {
        "speaker_options": {"max_speakers_expected": 4},
        "speech_model": "a-future-model",
    }


def test_custom_spelling_dict_form_becomes_the_list_form() -> None:
    raw = RawTranscriptionConfig(custom_spelling={"Kubernetes": ["k8s"], "SQL": "Sequel"})
    assert raw.custom_spelling == [
        {"from": ["k8s"], "to": "Kubernetes"},
        {"from": ["Sequel"], "to": "SQL"},
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("word_boost", "single string"),
        ("keyterms_prompt", ["ok", 1]),
        ("redact_pii_policies", "person_name"),
        ("speech_model", 5),
        ("speaker_options", [1, 3]),
        ("custom_spelling", "k8s"),
        ("custom_spelling", [{"to": "x"}]),
    ],
)
def test_values_that_cannot_be_converted_raise(field: str, value: object) -> None:
    with pytest.raises(ConfigurationError, match=field.split("_")[0]):
        RawTranscriptionConfig(**{field: value})


def test_extra_fields_are_kept_shown_and_sent() -> None:
    raw = RawTranscriptionConfig(punctuate=True, new_param={"x": SpeechModel.best})
    # Extras are dynamic attributes; mypy (like pydantic's plugin) does not know them.
    setattr(raw, "other_param", None)  # noqa: B010
    assert getattr(raw, "new_param") == {"x": SpeechModel.best}  # noqa: B009
    assert raw.dict(exclude_none=True) == {"punctuate": True, "new_param": {"x": "best"}}
    # Extras are sent as given: an explicit None becomes JSON null.
    assert raw.to_request_json() == {
        "punctuate": True,
        "new_param": {"x": "best"},
        "other_param": None,
    }
    assert "new_param" not in RawTranscriptionConfig.__fields__
    assert json.loads(raw.json())["new_param"] == {"x": "best"}
    assert repr(raw) == (
        "RawTranscriptionConfig(punctuate=True, new_param={'x': <SpeechModel.best: 'best'>}, "
        "other_param=None)"
    )


@pytest.mark.parametrize("name", ["_private", "dict", "to_request_json", "json"])
def test_extra_field_names_may_not_hide_methods(name: str) -> None:
    with pytest.raises(ConfigurationError, match=name):
        RawTranscriptionConfig(**{name: 1})


def test_parse_obj_copy_and_equality_keep_extras() -> None:
    raw = RawTranscriptionConfig.parse_obj({"punctuate": True, "new_param": 1})
    assert getattr(raw, "new_param") == 1  # noqa: B009
    assert raw == RawTranscriptionConfig(punctuate=True, new_param=1)
    assert raw != RawTranscriptionConfig(punctuate=True)
    copied = raw.copy(update={"punctuate": False})
    assert (copied.punctuate, getattr(copied, "new_param"), raw.punctuate) == (False, 1, True)  # noqa: B009


def test_nested_models_drop_none_when_sent() -> None:
    raw = RawTranscriptionConfig(
        speaker_options=SpeakerOptions(min_speakers_expected=2),
        speech_understanding=SpeechUnderstandingRequest(
            request=SpeechUnderstandingFeatureRequests(
                translation=TranslationRequest(target_languages=["de"]),
                custom_formatting=CustomFormattingRequest(date="mm/dd/yyyy"),
            )
        ),
    )
    assert raw.to_request_json() == {
        "speaker_options": {"min_speakers_expected": 2},
        "speech_understanding": {
            "request": {
                # formal and match_original_utterance default to False, so they are sent.
                "translation": {
                    "target_languages": ["de"],
                    "formal": False,
                    "match_original_utterance": False,
                },
                "custom_formatting": {"date": "mm/dd/yyyy"},
            }
        },
    }


class TestSpeakerOptions:
    def test_valid_bounds(self) -> None:
        assert SpeakerOptions(min_speakers_expected=2, max_speakers_expected=2).dict() == {
            "min_speakers_expected": 2,
            "max_speakers_expected": 2,
            "use_two_stage_clustering": None,
            "long_file_diarization_method": None,
        }

    def test_max_below_min_has_the_contract_message(self) -> None:
        with pytest.raises(
            ValueError,
            match="max_speakers_expected must be greater than or equal to min_speakers_expected",
        ):
            SpeakerOptions(min_speakers_expected=3, max_speakers_expected=2)

    def test_assignment_is_checked_against_the_other_bound(self) -> None:
        options = SpeakerOptions(min_speakers_expected=3)
        with pytest.raises(ConfigurationError, match="greater than or equal"):
            options.max_speakers_expected = 2
        assert options.max_speakers_expected is None

    @pytest.mark.parametrize("bad", [0, -1, True, 1.5, "2"])
    @pytest.mark.parametrize("field", ["min_speakers_expected", "max_speakers_expected"])
    def test_each_bound_is_an_integer_of_at_least_one(self, field: str, bad: object) -> None:
        with pytest.raises(ConfigurationError, match=rf"{field} must be an integer >= 1, got"):
            SpeakerOptions(**{field: bad})  # type: ignore[arg-type]


def test_speech_understanding_request_ignores_the_response_part() -> None:
    parsed = SpeechUnderstandingRequest.parse_obj(
        {"request": {"translation": {"target_languages": ["es"]}}, "response": {"x": 1}}
    )
    assert parsed.dict(exclude_none=True) == {
        "request": {
            "translation": {
                "target_languages": ["es"],
                "formal": False,
                "match_original_utterance": False,
            }
        }
    }


def test_required_fields_of_request_models() -> None:
    with pytest.raises(ValueError, match="TranslationRequest"):
        TranslationRequest.parse_obj({})
    with pytest.raises(TypeError):
        SpeakerIdentificationRequest()  # type: ignore[call-arg]
    assert SpeakerIdentificationRequest(speaker_type="name").speaker_type is SpeakerType.name
