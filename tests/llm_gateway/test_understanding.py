"""Speech understanding (``POST /v1/understanding``) through both shells against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

from .conftest import SCRIPT_TEXT, SyncGateway, sent_bodies

ROUTE = "POST /v1/understanding"


def test_translation(fake: FakeAssemblyAI, gateway: SyncGateway, transcript_id: str) -> None:
    result = gateway.understand(
        transcript_id,
        translation={"target_languages": ["es", "de"], "match_original_utterance": True},
    )
    assert sent_bodies(fake, ROUTE) == [
        {
            "transcript_id": transcript_id,
            "speech_understanding": {
                "request": {
                    "translation": {
                        "target_languages": ["es", "de"],
                        "match_original_utterance": True,
                    }
                }
            },
        }
    ]
    assert result.translated_texts["es"] == f"[es] {SCRIPT_TEXT}"
    assert result.translated_texts["de"] == f"[de] {SCRIPT_TEXT}"
    assert result.speech_understanding.response.translation.status == "success"
    assert result.utterances
    for utterance in result.utterances:
        assert utterance.translated_texts["es"] == f"[es] {utterance.text}"
    assert result.words and result.words[0]["text"] == "We"


def test_speaker_identification_maps_labels_in_order(
    fake: FakeAssemblyAI, gateway: SyncGateway, transcript_id: str
) -> None:
    result = gateway.understand(
        transcript_id,
        speaker_identification={"speaker_type": "role", "known_values": ["host", "guest"]},
    )
    answer = result.speech_understanding.response.speaker_identification
    assert answer.status == "success"
    assert dict(answer.mapping) == {"A": "host", "B": "guest"}
    assert {u.speaker for u in result.utterances} == {"host", "guest"}


def test_speakers_with_descriptions_keep_their_extra_keys(
    fake: FakeAssemblyAI, gateway: SyncGateway, transcript_id: str
) -> None:
    speakers = [
        {"name": "Ann", "description": "runs the meeting", "company": "Acme"},
        {"name": "Bob"},
    ]
    result = gateway.understand(
        transcript_id, speaker_identification={"speaker_type": "name", "speakers": speakers}
    )
    sent = sent_bodies(fake, ROUTE)[0]["speech_understanding"]["request"]
    assert sent["speaker_identification"] == {"speaker_type": "name", "speakers": speakers}
    mapping = result.speech_understanding.response.speaker_identification.mapping
    assert mapping == {"A": "Ann", "B": "Bob"}


def test_the_public_request_types_are_accepted(
    fake: FakeAssemblyAI, gateway: SyncGateway, transcript_id: str
) -> None:
    request = aai.SpeakerIdentificationRequest(
        speaker_type=aai.SpeakerType.name, known_values=["Ann", "Bob"]
    )
    result = gateway.understand(transcript_id, speaker_identification=request)
    sent = sent_bodies(fake, ROUTE)[0]["speech_understanding"]["request"]
    assert sent == {
        "speaker_identification": {"speaker_type": "name", "known_values": ["Ann", "Bob"]}
    }
    assert result.speech_understanding.response.speaker_identification.mapping["B"] == "Bob"


def test_custom_formatting(fake: FakeAssemblyAI, gateway: SyncGateway, transcript_id: str) -> None:
    result = gateway.understand(
        transcript_id,
        custom_formatting=aai.CustomFormattingRequest(
            date="mm/dd/yyyy", phone_number="(xxx)xxx-xxxx"
        ),
    )
    answer = result.speech_understanding.response.custom_formatting
    assert answer.status == "success"
    assert "(555)123-4567" in answer.formatted_text and "12/25/2024" in answer.formatted_text
    assert dict(answer.mapping) == {
        "2024-12-25": "12/25/2024",
        "555-123-4567": "(555)123-4567",
    }
    assert answer.formatted_utterances
    assert any("12/25/2024" in (u.text or "") for u in answer.formatted_utterances)


def test_several_tasks_at_once_from_a_whole_speech_understanding_request(
    fake: FakeAssemblyAI, gateway: SyncGateway, transcript_id: str
) -> None:
    transcript = aai.Transcript.get_by_id(transcript_id)
    request = aai.SpeechUnderstandingRequest(
        request=aai.SpeechUnderstandingFeatureRequests(
            translation=aai.TranslationRequest(target_languages=["fr"]),
            custom_formatting=aai.CustomFormattingRequest(date="dd.mm.yyyy"),
        )
    )
    result = gateway.understand(transcript, speech_understanding=request)
    assert sent_bodies(fake, ROUTE)[0]["transcript_id"] == transcript_id
    response = result.speech_understanding.response
    assert response.translation.status == "success"
    assert "25.12.2024" in response.custom_formatting.formatted_text
    assert result.translated_texts["fr"].startswith("[fr] ")


def test_an_unknown_transcript_is_a_not_found_error(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    with pytest.raises(aai.NotFoundError) as caught:
        gateway.understand("no-such-id", translation={"target_languages": ["es"]})
    assert isinstance(caught.value, aai.LLMGatewayError)
    assert str(caught.value).startswith(
        "failed to run translation on transcript no-such-id: Transcript not found"
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("t1",), {}, "Nothing to do"),
        (("",), {"translation": {"target_languages": ["es"]}}, "transcript_id must be"),
        (("t1",), {"translation": {"target_languages": []}}, "target_languages must be"),
        (("t1",), {"translation": {"target_languages": "es"}}, "target_languages must be"),
        (("t1",), {"speaker_identification": {"speaker_type": "job"}}, "speaker_type must be"),
        (
            ("t1",),
            {"translation": {"target_languages": ["es"]}, "speech_understanding": {"request": {}}},
            "not both",
        ),
        (("t1",), {"custom_formatting": "mm/dd"}, "custom_formatting must be a dict"),
    ],
)
def test_bad_arguments_fail_before_anything_is_sent(
    fake: FakeAssemblyAI,
    gateway: SyncGateway,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(aai.ConfigurationError, match=message):
        gateway.understand(*args, **kwargs)
    assert fake.requests == []
