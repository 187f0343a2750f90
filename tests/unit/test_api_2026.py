"""The 2026 revision's pure parts: the speech-models decision, the sandbox's revision rules,
option models that keep unknown keys, and the new answer fields read from API-shaped JSON."""

from __future__ import annotations

import logging
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._transcription.speech_models import with_speech_models
from assemblyai.testing._fake import default_documents
from assemblyai.testing._revision import documents_for
from assemblyai.types import ParagraphsResponse, SentencesResponse, TranscriptResponse

DEFAULT = ("universal-3-5-pro", "universal-2")


@pytest.mark.parametrize(
    ("body", "default", "sent"),
    [
        ({}, DEFAULT, {"speech_models": list(DEFAULT)}),
        ({}, None, {}),
        ({"speech_models": ["slam-1"]}, DEFAULT, {"speech_models": ["slam-1"]}),
        ({"speech_models": []}, DEFAULT, {"speech_models": []}),
        ({"speech_model": "nano"}, DEFAULT, {"speech_model": "nano", "speech_models": ["nano"]}),
        ({"speech_model": "nano"}, None, {"speech_model": "nano", "speech_models": ["nano"]}),
        (
            {"speech_model": "best", "speech_models": ["universal-2"]},
            DEFAULT,
            {"speech_model": "best", "speech_models": ["universal-2"]},
        ),
        (
            {"speech_models": None, "punctuate": True},
            ("a",),
            {"speech_models": ["a"], "punctuate": True},
        ),
    ],
)
def test_which_speech_models_are_sent(
    body: dict[str, Any], default: tuple[str, ...] | None, sent: dict[str, Any]
) -> None:
    before = dict(body)
    assert with_speech_models(body, default) == sent
    assert body == before  # not changed in place


def _required(documents: list[Any]) -> list[str]:
    schema = documents[0]["components"]["schemas"]["TranscriptParams"]
    return list(schema.get("required", []))


def test_the_2026_rules_make_speech_models_required_and_2025_does_not() -> None:
    shipped = default_documents()
    assert "speech_models" in _required(documents_for(shipped, "2026"))
    assert "speech_models" not in _required(documents_for(shipped, "2025"))
    assert "speech_models" not in _required(shipped)  # the shipped document is not changed


def test_an_unknown_revision_is_refused() -> None:
    with pytest.raises(ValueError, match="'2025', '2026'"):
        documents_for(default_documents(), "2027")


def test_option_models_keep_unknown_keys_with_a_debug_note(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG, logger="assemblyai.config"):
        config = aai.TranscriptionConfig(
            language_detection=True,
            language_detection_options={"expected_languages": ["en"], "zz_future": 3},
        )
    assert config.raw.to_request_json()["language_detection_options"] == {
        "expected_languages": ["en"],
        "zz_future": 3,
    }
    assert "zz_future" in caplog.text and "LanguageDetectionOptions" in caplog.text
    # Known keys are still checked.
    with pytest.raises(aai.ConfigurationError, match="code_switching"):
        aai.LanguageDetectionOptions.parse_obj({"code_switching": "yes", "zz_future": 3})


def test_speech_understanding_keeps_unknown_keys_but_not_the_answer_part() -> None:
    request = aai.SpeechUnderstandingRequest.parse_obj(
        {
            "request": {
                "translation": {"target_languages": ["de"], "zz_tone": "warm"},
                "speaker_identification": {
                    "speaker_type": "name",
                    "speakers": [{"name": "Ann", "company": "Acme"}],
                },
            },
            "response": {"translation": {"status": "success"}},
        }
    )
    assert request.dict(exclude_none=True) == {
        "request": {
            "speaker_identification": {
                "speaker_type": "name",
                "speakers": [{"name": "Ann", "company": "Acme"}],
            },
            "translation": {
                "target_languages": ["de"],
                "formal": False,
                "match_original_utterance": False,
                "zz_tone": "warm",
            },
        }
    }


def test_speakers_must_be_dicts() -> None:
    with pytest.raises(aai.ConfigurationError, match="speakers"):
        aai.SpeakerIdentificationRequest(speaker_type="name", speakers=["Ann"])  # type: ignore[list-item]


def test_setters_keep_045_positions_and_take_10_keywords() -> None:
    config = aai.TranscriptionConfig()
    config.set_redact_pii(True, True, "wav", ["person_name"], "entity_name")  # 0.45.4's order
    assert config.redact_pii_sub == aai.PIISubstitutionPolicy.entity_name
    config.set_redact_pii(
        policies=["person_name"],
        redact_audio_options={"override_audio_redaction_method": "silence"},
        return_unredacted=True,
    )
    assert config.redact_pii_return_unredacted is True
    assert config.redact_pii_audio_options == aai.RedactPiiAudioOptions(
        override_audio_redaction_method=aai.PIIRedactedAudioMethod.silence
    )
    config.set_redact_pii(False)
    assert config.redact_pii_return_unredacted is None and config.redact_pii_audio_options is None
    with pytest.raises(aai.ConfigurationError, match="on_low_language_confidence"):
        config.set_language_detection(on_low_language_confidence="panic")
    config.set_language_detection(True, 0.4, None, None, "fallback")
    assert config.language_detection_options is not None
    assert config.language_detection_options.on_low_language_confidence == "fallback"


def test_new_enum_members() -> None:
    assert aai.EntityType.location_city == "location_city"
    assert aai.PIIRedactionPolicy.organization_medical_facility == "organization_medical_facility"
    assert aai.LanguageCode("de_ch") == "de_ch"
    assert aai.SpeechModel.slam_1 == "slam-1"  # 0.45.4's members stay
    assert [m.value for m in aai.SpeechModel] == ["best", "nano", "slam-1", "universal"]


# A transcript as the 2026 API sends it for a request with redaction, code switching and a
# domain (the shapes the official SDK 1.0.0 reads).
PAYLOAD_2026: dict[str, Any] = {
    "id": "t-2026",
    "status": "completed",
    "audio_url": "https://example.org/a.mp3",
    "speech_model": None,
    "speech_models": ["universal-3-5-pro", "universal-2"],
    "speech_model_used": "universal-3-5-pro",
    "language_model": "assemblyai_default",
    "acoustic_model": "assemblyai_default",
    "language_code": "de_ch",
    "language_codes": ["de", "en"],
    "webhook_auth": False,
    "auto_highlights": False,
    "redact_pii": True,
    "redact_pii_return_unredacted": True,
    "summarization": False,
    "text": "Ich bin ####.",
    "unredacted_text": "Ich bin Anna.",
    "words": [{"text": "Ich", "start": 0, "end": 100, "confidence": 0.9, "speaker": None}],
    "unredacted_words": [
        {"text": "Anna.", "start": 200, "end": 400, "confidence": 0.8, "speaker": None}
    ],
    "unredacted_utterances": None,
    "temperature": 0.1,
    "remove_audio_tags": "all",
    "domain": "medical-v1",
    "metadata": {
        "domain_used": "medical-v1",
        "warnings": [{"message": "domain fell back"}],
        "zz_later": 1,
    },
    "language_detection_results": {
        "code_switching_languages": [
            {"language_code": "de", "confidence": 0.7},
            {"language_code": "en", "confidence": 0.3},
        ]
    },
}


def test_new_answer_fields_read_from_an_api_shaped_transcript() -> None:
    transcript = aai.Transcript.from_response(
        client=None, response=TranscriptResponse.from_dict(PAYLOAD_2026)
    )
    assert transcript.language_code == "de_ch"
    assert transcript.language_codes == ["de", "en"]
    assert transcript.unredacted_text == "Ich bin Anna."
    assert transcript.unredacted_words is not None
    assert transcript.unredacted_words[0].text == "Anna."
    assert transcript.unredacted_utterances is None
    assert transcript.speech_model_used == "universal-3-5-pro"
    assert transcript.metadata is not None
    assert transcript.metadata.domain_used == "medical-v1"
    assert transcript.metadata.warnings is not None
    assert transcript.metadata.warnings[0].message == "domain fell back"
    assert transcript.metadata.additional_properties == {"zz_later": 1}
    results = transcript.language_detection_results
    assert results is not None and results.code_switching_languages is not None
    assert [(c.language_code, c.confidence) for c in results.code_switching_languages] == [
        ("de", 0.7),
        ("en", 0.3),
    ]
    assert transcript.json_response["temperature"] == 0.1
    response = TranscriptResponse.from_dict(PAYLOAD_2026)
    assert response.remove_audio_tags == "all" and response.domain == "medical-v1"
    assert isinstance(transcript.metadata, aai.TranscriptMetadata)


def test_sentences_and_paragraphs_say_which_model_ran() -> None:
    common = {"id": "t", "confidence": 0.9, "audio_duration": 3, "speech_model_used": "universal-2"}
    assert SentencesResponse.from_dict({**common, "sentences": []}).speech_model_used == (
        "universal-2"
    )
    assert ParagraphsResponse.from_dict({**common, "paragraphs": []}).speech_model_used == (
        "universal-2"
    )


def test_a_config_has_10s_language_detection_results_property() -> None:
    assert aai.TranscriptionConfig().language_detection_results is None
    raw = aai.RawTranscriptionConfig(
        language_detection_results={"code_switching_languages": [{"language_code": "de"}]}
    )
    results = aai.TranscriptionConfig(raw_transcription_config=raw).language_detection_results
    assert results is not None and results.code_switching_languages is not None
    assert results.code_switching_languages[0].language_code == "de"
