"""TranscriptionConfig: constructor, properties and set_* methods (surface §3.2, §3.3, §8 6-8).

The JSON in these tables is what ends up in the ``POST /v2/transcript`` body
(``config.raw.to_request_json()``); the examples marked "surface" are copied verbatim.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assemblyai._core.enums import (
    EntityType,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    SpeechModel,
    SummarizationModel,
    SummarizationType,
    WordBoost,
)
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._transcription.config import TranscriptionConfig
from assemblyai._transcription.raw_config import RawTranscriptionConfig, SpeakerOptions
from tests.spec_params import transcript_params

CONSTRUCTOR_PARAMS = [
    "language_code", "punctuate", "format_text", "dual_channel", "multichannel",
    "webhook_url", "webhook_auth_header_name", "webhook_auth_header_value",
    "audio_start_from", "audio_end_at", "word_boost", "boost_param",
    "filter_profanity", "redact_pii", "redact_pii_audio", "redact_pii_audio_quality",
    "redact_pii_policies", "redact_pii_sub", "speaker_labels", "speakers_expected",
    "speaker_options", "content_safety", "content_safety_confidence", "iab_categories",
    "custom_spelling", "disfluencies", "sentiment_analysis", "auto_chapters",
    "entity_detection", "summarization", "summary_model", "summary_type", "auto_highlights",
    "language_detection", "language_confidence_threshold", "language_detection_options",
    "speech_threshold", "raw_transcription_config", "speech_model", "speech_models", "prompt",
    "keyterms_prompt", "speech_understanding",
]  # fmt: skip

SETTERS = [
    "raw", "set_audio_slice", "set_custom_spelling", "set_word_boost",
    "set_casing_and_formatting", "set_redact_pii", "set_summarize", "set_webhook",
    "set_speaker_diarization", "set_content_safety", "set_language_detection",
]  # fmt: skip

READ_ONLY = [
    "webhook_url", "webhook_auth_header_name", "webhook_auth_header_value",
    "audio_start_from", "audio_end_at", "word_boost", "boost_param", "redact_pii",
    "redact_pii_audio", "redact_pii_audio_quality", "redact_pii_policies", "redact_pii_sub",
    "speaker_labels", "speakers_expected", "speaker_options", "content_safety",
    "content_safety_confidence", "custom_spelling", "summarization", "summary_model",
    "summary_type", "language_codes",
]  # fmt: skip


def body(config: TranscriptionConfig) -> dict[str, Any]:
    return config.raw.to_request_json()


# -- surface -------------------------------------------------------------------------------


def test_constructor_signature_matches_0_45_4_plus_the_spec_params_as_keywords() -> None:
    params = inspect.signature(TranscriptionConfig).parameters
    assert list(params)[:43] == CONSTRUCTOR_PARAMS
    newer = [name for name in transcript_params() if name not in CONSTRUCTOR_PARAMS]
    assert "language_codes" in newer
    assert sorted(list(params)[43:]) == sorted(newer)
    for name in newer:
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert params[name].default is None, name
    for name in CONSTRUCTOR_PARAMS:
        assert params[name].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        expected_default: object = () if name == "word_boost" else None
        assert params[name].default == expected_default, name


def test_public_members_are_the_raw_fields_plus_the_setters() -> None:
    public = {name for name in dir(TranscriptionConfig) if not name.startswith("_")}
    expected = set(RawTranscriptionConfig.__fields__) | set(SETTERS) | {"from_response_fields"}
    # The official 1.0's read-only property, which is no request field (always None here).
    expected.add("language_detection_results")
    assert public == expected


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_properties(name: str) -> None:
    with pytest.raises(AttributeError):
        setattr(TranscriptionConfig(), name, None)


def test_unknown_attributes_are_rejected_not_silently_ignored() -> None:
    config = TranscriptionConfig()
    with pytest.raises(AttributeError):
        config.speakers_expectd = 2  # type: ignore[attr-defined]


def test_default_config_sends_nothing() -> None:
    assert body(TranscriptionConfig()) == {}


# -- set_* methods: the JSON each produces ----------------------------------------------------

SETTER_CASES: list[tuple[str, Callable[[TranscriptionConfig], object], dict[str, Any]]] = [
    (
        "surface: speaker diarization",
        lambda c: c.set_speaker_diarization(
            True, 2, SpeakerOptions(min_speakers_expected=1, max_speakers_expected=3)
        ),
        {
            "speaker_labels": True,
            "speakers_expected": 2,
            "speaker_options": {"min_speakers_expected": 1, "max_speakers_expected": 3},
        },
    ),
    (
        "surface: redact pii",
        lambda c: c.set_redact_pii(
            True,
            redact_audio=True,
            policies=[PIIRedactionPolicy.date, PIIRedactionPolicy.phone_number],
            substitution=PIISubstitutionPolicy.entity_name,
        ),
        {
            "redact_pii": True,
            "redact_pii_audio": True,
            "redact_pii_policies": ["date", "phone_number"],
            "redact_pii_sub": "entity_name",
        },
    ),
    (
        "surface: content safety",
        lambda c: c.set_content_safety(True, 40),
        {"content_safety": True, "content_safety_confidence": 40},
    ),
    (
        "surface: custom spelling",
        lambda c: c.set_custom_spelling({"Kubernetes": ["k8s"], "SQL": "Sequel"}),
        {
            "custom_spelling": [
                {"from": ["k8s"], "to": "Kubernetes"},
                {"from": ["Sequel"], "to": "SQL"},
            ]
        },
    ),
    (
        "custom spelling in the API's list form",
        lambda c: c.set_custom_spelling([{"from": "k8s", "to": "Kubernetes"}]),
        {"custom_spelling": [{"from": ["k8s"], "to": "Kubernetes"}]},
    ),
    (
        "casing and formatting",
        lambda c: c.set_casing_and_formatting(False),
        {"punctuate": False, "format_text": False},
    ),
    (
        "webhook with header",
        lambda c: c.set_webhook("https://x.test/hook", "X-Secret", "s3"),
        {
            "webhook_url": "https://x.test/hook",
            "webhook_auth_header_name": "X-Secret",
            "webhook_auth_header_value": "s3",
        },
    ),
    (
        "webhook without header",
        lambda c: c.set_webhook("https://x.test/hook"),
        {"webhook_url": "https://x.test/hook"},
    ),
    (
        "audio slice",
        lambda c: c.set_audio_slice(100, 2000),
        {"audio_start_from": 100, "audio_end_at": 2000},
    ),
    ("audio slice start only", lambda c: c.set_audio_slice(0), {"audio_start_from": 0}),
    (
        "word boost with the default boost",
        lambda c: c.set_word_boost(["aai"]),
        {"word_boost": ["aai"], "boost_param": "default"},
    ),
    (
        "word boost with boost=None uses the default (fix)",
        lambda c: c.set_word_boost(["aai"], None),
        {"word_boost": ["aai"], "boost_param": "default"},
    ),
    (
        "word boost high",
        lambda c: c.set_word_boost(("a", "b"), WordBoost.high),
        {"word_boost": ["a", "b"], "boost_param": "high"},
    ),
    ("summarize, server defaults", lambda c: c.set_summarize(), {"summarization": True}),
    (
        "summarize with model and type",
        lambda c: c.set_summarize(True, "catchy", SummarizationType.headline),
        {"summarization": True, "summary_model": "catchy", "summary_type": "headline"},
    ),
    ("language detection", lambda c: c.set_language_detection(), {"language_detection": True}),
    (
        "language detection with options",
        lambda c: c.set_language_detection(True, 0.4, ["en", "es"], "en"),
        {
            "language_detection": True,
            "language_confidence_threshold": 0.4,
            "language_detection_options": {
                "expected_languages": ["en", "es"],
                "fallback_language": "en",
            },
        },
    ),
]


@pytest.mark.parametrize(
    ("case", "apply", "expected"), SETTER_CASES, ids=[c[0] for c in SETTER_CASES]
)
def test_setter_json(
    case: str, apply: Callable[[TranscriptionConfig], object], expected: dict[str, Any]
) -> None:
    config = TranscriptionConfig()
    assert apply(config) is config
    assert body(config) == expected


FULL = dict(
    speaker_labels=True,
    speakers_expected=2,
    speaker_options={"min_speakers_expected": 1},
    webhook_url="https://x.test",
    webhook_auth_header_name="n",
    webhook_auth_header_value="v",
    audio_start_from=1,
    audio_end_at=2,
    word_boost=["w"],
    boost_param="low",
    redact_pii=True,
    redact_pii_audio=True,
    redact_pii_audio_quality="wav",
    redact_pii_policies=["person_name"],
    redact_pii_sub="hash",
    content_safety=True,
    content_safety_confidence=60,
    custom_spelling={"A": "a"},
    summarization=True,
    summary_model="informative",
    summary_type="gist",
    language_detection=True,
    language_confidence_threshold=0.5,
    language_detection_options={"fallback_language": "en"},
)

CLEARING_CASES: list[tuple[Callable[[TranscriptionConfig], object], list[str]]] = [
    (
        lambda c: c.set_speaker_diarization(False),
        ["speaker_labels", "speakers_expected", "speaker_options"],
    ),
    (
        lambda c: c.set_webhook(None),
        ["webhook_url", "webhook_auth_header_name", "webhook_auth_header_value"],
    ),
    (lambda c: c.set_audio_slice(), ["audio_start_from", "audio_end_at"]),
    (lambda c: c.set_word_boost([]), ["word_boost", "boost_param"]),
    (lambda c: c.set_word_boost(None), ["word_boost", "boost_param"]),
    (
        lambda c: c.set_redact_pii(False),
        [
            "redact_pii",
            "redact_pii_audio",
            "redact_pii_audio_quality",
            "redact_pii_policies",
            "redact_pii_sub",
        ],
    ),
    (lambda c: c.set_content_safety(False), ["content_safety", "content_safety_confidence"]),
    (lambda c: c.set_custom_spelling(None), ["custom_spelling"]),
    (lambda c: c.set_summarize(False), ["summarization", "summary_model", "summary_type"]),
    (
        lambda c: c.set_language_detection(False),
        ["language_detection", "language_confidence_threshold", "language_detection_options"],
    ),
]


@pytest.mark.parametrize(("apply", "cleared"), CLEARING_CASES)
def test_disabling_setters_clear_exactly_their_fields(
    apply: Callable[[TranscriptionConfig], object], cleared: list[str]
) -> None:
    before = body(TranscriptionConfig(**FULL))  # type: ignore[arg-type]
    config = TranscriptionConfig(**FULL)  # type: ignore[arg-type]
    apply(config)
    after = body(config)
    assert after == {k: v for k, v in before.items() if k not in cleared}


def test_speaker_diarization_none_leaves_speaker_labels() -> None:
    config = TranscriptionConfig(speaker_labels=True, speakers_expected=2)
    config.set_speaker_diarization(None, speakers_expected=3)
    assert body(config) == {"speaker_labels": True, "speakers_expected": 3}
    config.set_speaker_diarization(None)
    assert body(config) == {"speaker_labels": True, "speakers_expected": 3}


def test_set_webhook_without_a_header_pair_clears_the_old_header() -> None:
    config = TranscriptionConfig().set_webhook("https://a.test", "X-Auth", "1")
    config.set_webhook("https://b.test")
    assert body(config) == {"webhook_url": "https://b.test"}
    config.set_webhook("https://c.test", "X-Auth", None)  # half a pair is no header
    assert body(config) == {"webhook_url": "https://c.test"}


def test_set_custom_spelling_appends_without_override() -> None:
    config = TranscriptionConfig(custom_spelling={"A": "a"})
    config.set_custom_spelling({"B": ["b", "bb"]}, override=False)
    assert body(config)["custom_spelling"] == [
        {"from": ["a"], "to": "A"},
        {"from": ["b", "bb"], "to": "B"},
    ]
    config.set_custom_spelling({"C": "c"})
    assert body(config)["custom_spelling"] == [{"from": ["c"], "to": "C"}]


def test_language_detection_keeps_options_unless_new_ones_are_given() -> None:
    config = TranscriptionConfig().set_language_detection(True, None, ["en"])
    config.set_language_detection(True, 0.1)
    assert body(config)["language_detection_options"] == {"expected_languages": ["en"]}


# -- custom_spelling getter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw_value", "expected"),
    [
        (None, None),
        ([], {}),  # 0.45.4 raised UnboundLocalError
        ([{"from": ["k8s"], "to": "Kubernetes"}], {"Kubernetes": ["k8s"]}),
        ([{"from": "sequel", "to": "SQL"}], {"SQL": ["sequel"]}),
        ([{"from": ["a"], "to": "A"}, {"from": ["b"], "to": "A"}], {"A": ["a", "b"]}),
    ],
)
def test_custom_spelling_getter(raw_value: Any, expected: Any) -> None:
    config = TranscriptionConfig(
        raw_transcription_config=RawTranscriptionConfig(custom_spelling=raw_value)
    )
    assert config.custom_spelling == expected


def test_custom_spelling_getter_rejects_a_non_string_to() -> None:
    raw = RawTranscriptionConfig(custom_spelling=[{"from": ["x"], "to": 5}])
    with pytest.raises(ValueError, match="custom_spelling"):
        _ = TranscriptionConfig(raw_transcription_config=raw).custom_spelling


spellings = st.dictionaries(
    st.text(min_size=1),
    st.one_of(st.text(min_size=1), st.lists(st.text(min_size=1), min_size=1, max_size=3)),
    max_size=5,
)


@given(spellings)
def test_custom_spelling_round_trip(mapping: dict[str, str | list[str]]) -> None:
    config = TranscriptionConfig(custom_spelling=mapping)
    expected = {to: [src] if isinstance(src, str) else src for to, src in mapping.items()}
    assert config.custom_spelling == expected
    # The list form the API returns builds the same config.
    listed = body(config).get("custom_spelling", [])
    assert TranscriptionConfig(custom_spelling=listed).custom_spelling == expected


# -- constructor validation (before any request) -------------------------------------------------

CONSTRUCTOR_ERRORS: list[tuple[dict[str, Any], str]] = [
    ({"redact_pii": True}, "policy"),
    ({"redact_pii": True, "redact_pii_policies": []}, "policy"),
    ({"redact_pii_audio": True}, r"redact_pii_audio=True needs redact_pii=True"),
    ({"redact_pii_policies": ["person_name"]}, "redact_pii_policies=.*needs redact_pii=True"),
    ({"redact_pii": False, "redact_pii_sub": "hash"}, "redact_pii_sub=.*redact_pii=False"),
    ({"content_safety": True, "content_safety_confidence": 24}, "content_safety_confidence.*25 and 100.*24"),
    ({"content_safety": True, "content_safety_confidence": 101}, "content_safety_confidence"),
    ({"content_safety_confidence": 5}, "content_safety_confidence"),
    ({"punctuate": False, "summarization": True}, "punctuate"),
    ({"format_text": False, "summarization": True}, "format_text"),
    ({"punctuate": False, "auto_chapters": True}, "punctuate"),
    ({"speakers_expected": 0}, r"speakers_expected must be an integer >= 1, got 0"),
    ({"speakers_expected": True}, "speakers_expected"),
    ({"speaker_options": {"min_speakers_expected": 4, "max_speakers_expected": 2}}, "max_speakers_expected must be greater than or equal to min_speakers_expected"),
    ({"speaker_options": {"min_speakers_expected": 0}}, "min_speakers_expected"),
    ({"audio_start_from": -1}, "audio_start_from.*>= 0.*-1"),
    ({"audio_end_at": -5}, "audio_end_at"),
    ({"audio_start_from": 10, "audio_end_at": 10}, "audio_start_from must be less than audio_end_at"),
    ({"speech_threshold": 1.5}, r"speech_threshold must be a number between 0 and 1"),
    ({"speech_threshold": float("nan")}, "speech_threshold"),
    ({"language_confidence_threshold": -0.1}, "language_confidence_threshold"),
    ({"speech_model": "bestest"}, r"speech_model must be one of 'best', 'nano', 'slam-1', 'universal', got 'bestest'"),
    ({"word_boost": ["x"], "boost_param": "max"}, "boost_param.*'low', 'default', 'high'"),
    ({"word_boost": "single"}, "word_boost must be a list of strings"),
    ({"redact_pii": True, "redact_pii_policies": ["person_nam"]}, "redact_pii_policies.*person_nam"),
    ({"redact_pii": True, "redact_pii_policies": ["date"], "redact_pii_sub": "x"}, "redact_pii_sub"),
    ({"redact_pii": True, "redact_pii_policies": ["date"], "redact_pii_audio_quality": "ogg"}, "redact_pii_audio_quality"),
    ({"summarization": True, "summary_model": "smart"}, "summary_model"),
    ({"summarization": True, "summary_type": "long"}, "summary_type"),
    ({"custom_spelling": {"A": 1}}, "custom_spelling"),
    ({"custom_spelling": [{"from": ["a"]}]}, "custom_spelling"),
    ({"keyterms_prompt": "one string"}, "keyterms_prompt"),
    ({"language_code": 5}, "language_code"),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "message"), CONSTRUCTOR_ERRORS)
def test_constructor_raises_configuration_errors(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as info:
        TranscriptionConfig(**kwargs)
    assert isinstance(info.value, ValueError)


def test_redact_pii_error_names_both_fields() -> None:
    with pytest.raises(ValueError) as info:
        TranscriptionConfig(redact_pii_audio=True)
    assert "redact_pii_audio" in str(info.value)
    assert "redact_pii=True" in str(info.value)


def test_harmless_values_without_their_switch_keep_0_45_4_behaviour() -> None:
    # A False flag without redact_pii asks for nothing, so nothing is raised or sent.
    assert body(TranscriptionConfig(redact_pii_audio=False)) == {}
    # boost_param without words is dropped (surface §3.3).
    assert body(TranscriptionConfig(boost_param="high")) == {}
    # Through the constructor no boost_param is injected.
    assert body(TranscriptionConfig(word_boost=["x"])) == {"word_boost": ["x"]}
    assert body(TranscriptionConfig(word_boost=[])) == {}


# -- enum values: strict on the friendly API, tolerant on raw -----------------------------------


def test_property_assignment_validates_enum_values() -> None:
    config = TranscriptionConfig()
    config.speech_model = "slam-1"
    assert config.speech_model is SpeechModel.slam_1
    with pytest.raises(ConfigurationError, match=r"SpeechModel\('bestest'\)"):
        config.speech_model = "bestest"
    assert config.speech_model is SpeechModel.slam_1


def test_new_enum_values_can_still_be_sent() -> None:
    config = TranscriptionConfig(speech_model=SpeechModel("universal-3"))
    assert body(config) == {"speech_model": "universal-3"}
    config.raw.speech_model = "universal-4"  # type: ignore[assignment]
    assert body(config) == {"speech_model": "universal-4"}
    config.set_redact_pii(policies=[EntityType("crypto_wallet")])
    assert body(config)["redact_pii_policies"] == ["crypto_wallet"]


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        ("language_confidence_threshold", 0.0, 1.01),
        ("speech_threshold", 1, -0.5),
        ("speech_model", "nano", "tiny"),
    ],
)
def test_validated_properties(name: str, good: object, bad: object) -> None:
    config = TranscriptionConfig()
    setattr(config, name, good)
    with pytest.raises(ConfigurationError, match=name):
        setattr(config, name, bad)
    assert getattr(config, name) == good


def test_auto_chapters_setter_checks_punctuate() -> None:
    config = TranscriptionConfig(punctuate=False)
    with pytest.raises(ConfigurationError, match="punctuate"):
        config.auto_chapters = True
    config.auto_chapters = False
    config.punctuate = True
    config.auto_chapters = True
    assert body(config) == {"punctuate": True, "auto_chapters": True}


def test_failed_setter_changes_nothing() -> None:
    config = TranscriptionConfig(redact_pii=True, redact_pii_policies=["date"])
    before = body(config)
    with pytest.raises(ConfigurationError):
        config.set_redact_pii(True, True, "wav", ["date"], "bogus")
    with pytest.raises(ConfigurationError):
        config.set_speaker_diarization(True, 0)
    with pytest.raises(ConfigurationError):
        config.set_audio_slice(5, 1)
    assert body(config) == before


def test_plain_values_for_nested_options() -> None:
    config = TranscriptionConfig(
        language_detection_options={"expected_languages": ["en"]},
        speech_understanding={"request": {"translation": {"target_languages": ["de"]}}},
        speech_models=("universal", "nano"),
    )
    assert body(config) == {
        "language_detection_options": {"expected_languages": ["en"]},
        "speech_understanding": {
            "request": {
                "translation": {
                    "target_languages": ["de"],
                    "formal": False,
                    "match_original_utterance": False,
                }
            }
        },
        "speech_models": ["universal", "nano"],
    }


def test_enum_members_given_to_the_constructor() -> None:
    config = TranscriptionConfig(
        summarization=True,
        summary_model=SummarizationModel.conversational,
        summary_type="bullets_verbose",
    )
    assert config.summary_model is SummarizationModel.conversational
    assert config.summary_type is SummarizationType.bullets_verbose


# -- raw_transcription_config is kept (§8 item 6) ------------------------------------------------

RAW_VALUES: dict[str, Any] = dict(
    language_code="de",
    punctuate=True,
    format_text=True,
    webhook_url="https://raw.test",
    webhook_auth_header_name="X-Raw",
    webhook_auth_header_value="raw",
    audio_start_from=10,
    audio_end_at=20,
    word_boost=["raw"],
    boost_param="high",
    redact_pii=True,
    redact_pii_policies=["date"],
    speaker_labels=True,
    speakers_expected=3,
    content_safety=True,
    content_safety_confidence=30,
    custom_spelling=[{"from": ["r"], "to": "R"}],
    summarization=True,
    summary_type="gist",
    speech_model="nano",
    language_codes=["de", "en"],
    new_param="extra",
)


def test_raw_config_survives_the_constructor() -> None:
    raw = RawTranscriptionConfig(**RAW_VALUES)
    expected = raw.to_request_json()
    config = TranscriptionConfig(raw_transcription_config=raw)
    assert config.raw is raw
    assert body(config) == expected
    assert expected["new_param"] == "extra"


def test_explicit_arguments_override_raw_values_and_none_keeps_them() -> None:
    raw = RawTranscriptionConfig(**RAW_VALUES)
    config = TranscriptionConfig(
        raw_transcription_config=raw,
        punctuate=False,
        summarization=False,
        webhook_url="https://new.test",
        audio_end_at=50,
        boost_param="low",
        redact_pii_sub="hash",
        content_safety_confidence=90,
        speech_model="best",
    )
    expected = RawTranscriptionConfig(**RAW_VALUES).to_request_json()
    expected.update(
        punctuate=False,
        webhook_url="https://new.test",  # the raw header stays: the merged pair is complete
        audio_end_at=50,
        boost_param="low",
        redact_pii_sub="hash",
        content_safety_confidence=90,
        speech_model="best",
    )
    del expected["summarization"], expected["summary_type"]
    assert body(config) == expected


def test_constructor_checks_merged_values() -> None:
    raw = RawTranscriptionConfig(audio_end_at=20, punctuate=False)
    with pytest.raises(ConfigurationError, match="audio_start_from must be less"):
        TranscriptionConfig(raw_transcription_config=raw, audio_start_from=30)
    with pytest.raises(ConfigurationError, match="punctuate"):
        TranscriptionConfig(raw_transcription_config=raw, summarization=True)


def test_language_codes_keyword() -> None:
    config = TranscriptionConfig(language_codes=["en", "es"])
    assert config.language_codes == ["en", "es"]
    assert body(config) == {"language_codes": ["en", "es"]}


# -- from_response_fields (§8 item 7) ----------------------------------------------------------


def test_from_response_fields_rebuilds_the_request_options() -> None:
    response = {
        "id": "t1",
        "status": "completed",
        "text": "hello",
        "audio_url": "https://a.test/a.mp3",
        "language_codes": ["en", "es"],
        "custom_spelling": [{"from": ["k8s"], "to": "Kubernetes"}],
        "redact_pii": True,
        "redact_pii_policies": None,
        "speech_model": "universal-2",
        "entity_detection": False,
        "speaker_labels": True,
        "speaker_options": {"min_speakers_expected": 1, "max_speakers_expected": 2},
        "speech_understanding": {
            "request": {"translation": {"target_languages": ["de"]}},
            "response": {"translation": {"status": "success"}},
        },
    }
    config = TranscriptionConfig.from_response_fields(response)
    assert body(config) == {
        "redact_pii": True,
        "speaker_labels": True,
        "speaker_options": {"min_speakers_expected": 1, "max_speakers_expected": 2},
        "custom_spelling": [{"from": ["k8s"], "to": "Kubernetes"}],
        "entity_detection": False,
        "speech_model": "universal-2",
        "language_codes": ["en", "es"],
        "speech_understanding": {
            "request": {
                "translation": {
                    "target_languages": ["de"],
                    "formal": False,
                    "match_original_utterance": False,
                }
            }
        },
    }
    assert config.custom_spelling == {"Kubernetes": ["k8s"]}
    assert config.redact_pii is True
    assert config.speech_model == "universal-2"


def test_from_response_fields_keeps_values_it_cannot_convert() -> None:
    odd_options = {"min_speakers_expected": 5, "max_speakers_expected": 2}
    config = TranscriptionConfig.from_response_fields({"speaker_options": odd_options})
    assert body(config) == {"speaker_options": odd_options}


def test_from_response_fields_of_an_empty_response() -> None:
    assert body(TranscriptionConfig.from_response_fields({})) == {}


raw_configs = st.fixed_dictionaries(
    {},
    optional={
        "punctuate": st.booleans(),
        "speakers_expected": st.integers(1, 10),
        "speech_model": st.sampled_from(["best", "nano", "slam-1", "universal", "brand-new"]),
        "redact_pii": st.booleans(),
        "redact_pii_policies": st.lists(st.sampled_from(["date", "person_name", "new_kind"])),
        "custom_spelling": st.lists(
            st.fixed_dictionaries({"from": st.lists(st.text(), min_size=1), "to": st.text()})
        ),
        "language_codes": st.lists(st.sampled_from(["en", "es", "de"])),
        "word_boost": st.lists(st.text()),
        "boost_param": st.sampled_from(["low", "default", "high"]),
        "speech_threshold": st.floats(0, 1),
    },
)


@given(raw_configs)
def test_request_json_round_trips_through_from_response_fields(fields: dict[str, Any]) -> None:
    sent = RawTranscriptionConfig(**fields).to_request_json()
    assert body(TranscriptionConfig.from_response_fields(sent)) == sent


@pytest.mark.parametrize(
    "apply",
    [
        lambda c: c.set_summarize(False, "smart"),
        lambda c: c.set_redact_pii(False, policies=["not_a_policy"]),
        lambda c: c.set_content_safety(False, 5),
        lambda c: c.set_speaker_diarization(False, 0),
        lambda c: c.set_language_detection(False, 2.0),
    ],
)
def test_values_are_checked_even_when_disabling(
    apply: Callable[[TranscriptionConfig], object],
) -> None:
    config = TranscriptionConfig(speaker_labels=True)
    with pytest.raises(ConfigurationError):
        apply(config)
    assert body(config) == {"speaker_labels": True}
