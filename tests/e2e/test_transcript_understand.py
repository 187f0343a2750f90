"""``transcript.understand(...)``: speech understanding on a finished transcript through LLM
Gateway (``POST /v1/understanding``), over loopback, for ``aai.Transcript``, ``AsyncTranscript``
and ``TranscriptGroup``; the transcript reads the results afterwards."""

from __future__ import annotations

from typing import Any

import pytest

import assemblyai as aai
from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
    LlmGatewayUnderstandingResponse,
)
from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
from assemblyai._transcription.understand import merged_response
from assemblyai.testing import FakeAssemblyAI

from .conftest import AsyncShell, SyncShell

URL = "https://example.org/call.mp3"
UNDERSTANDING = "POST /v1/understanding"


def understand(shell: SyncShell, transcript: Any, **features: Any) -> Any:
    if isinstance(shell, AsyncShell):
        return shell.run(transcript.understand(**features))
    return transcript.understand(**features)


def sent(fake: FakeAssemblyAI) -> list[dict[str, Any]]:
    return [r.json for r in fake.requests if f"{r.method} {r.path}" == UNDERSTANDING]


def test_translation_comes_back_and_stays_on_the_transcript(
    shell: SyncShell, fake: FakeAssemblyAI
) -> None:
    transcript = shell.transcribe(URL)
    result = understand(
        shell, transcript, translation=aai.TranslationRequest(target_languages=["es", "de"])
    )
    assert isinstance(result, LlmGatewayUnderstandingResponse)
    assert set(result.translated_texts.to_dict()) == {"es", "de"}
    assert transcript.translated_texts.to_dict() == result.translated_texts.to_dict()
    [body] = sent(fake)
    assert body == {
        "transcript_id": transcript.id,
        "speech_understanding": {
            "request": {
                "translation": {
                    "target_languages": ["es", "de"],
                    "formal": False,
                    "match_original_utterance": False,
                }
            }
        },
    }


def test_speakers_are_named_and_earlier_results_kept(
    shell: SyncShell, fake: FakeAssemblyAI
) -> None:
    transcript = shell.transcribe(URL, aai.TranscriptionConfig(speaker_labels=True))
    words_before = [len(u.words or []) for u in transcript.utterances]
    understand(shell, transcript, translation={"target_languages": ["fr"]})
    result = understand(
        shell,
        transcript,
        speaker_identification={"speaker_type": "role", "known_values": ["agent", "customer"]},
    )
    mapping = result.speech_understanding.response.speaker_identification.mapping
    assert set(mapping.values()) <= {"agent", "customer"}
    assert {u.speaker for u in transcript.utterances} <= {"agent", "customer"}
    # The utterances keep their words; the translation asked for before is still there.
    assert [len(u.words or []) for u in transcript.utterances] == words_before
    assert "fr" in transcript.translated_texts.to_dict()
    understood = transcript.speech_understanding
    assert understood.request.translation is not None
    assert understood.response.speaker_identification.mapping == mapping


def test_custom_formatting(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    transcript = shell.transcribe(URL)
    understand(shell, transcript, custom_formatting=aai.CustomFormattingRequest(date="mm/dd/yyyy"))
    formatted = transcript.speech_understanding.response.custom_formatting
    assert formatted.status and isinstance(formatted.formatted_text, str)
    assert sent(fake)[0]["speech_understanding"]["request"] == {
        "custom_formatting": {"date": "mm/dd/yyyy"}
    }


def test_nothing_to_do_is_refused_before_sending(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    transcript = shell.transcribe(URL)
    before = len(fake.requests)
    with pytest.raises(aai.ConfigurationError, match="Nothing to do"):
        understand(shell, transcript)
    with pytest.raises(aai.ConfigurationError, match="target_languages"):
        understand(shell, transcript, translation={"target_languages": []})
    assert fake.requests[before:] == []


def test_a_group_understands_each_transcript_in_order(fake: FakeAssemblyAI) -> None:
    group = aai.Transcriber().transcribe_group([URL, "https://example.org/other.mp3"])
    results = group.understand(translation={"target_languages": ["it"]})
    assert len(results) == 2
    assert [body["transcript_id"] for body in sent(fake)] == [t.id for t in group]
    assert all("it" in t.translated_texts.to_dict() for t in group)


def test_an_unloaded_transcript_gets_the_answer_only(fake: FakeAssemblyAI) -> None:
    transcript_id = aai.Transcriber().transcribe(URL).id
    assert transcript_id is not None
    result = aai.Transcript(transcript_id).understand(translation={"target_languages": ["es"]})
    assert "es" in result.translated_texts.to_dict()


def test_empty_lists_in_the_answer_leave_the_transcript_alone() -> None:
    current = TranscriptResponse.from_dict(
        {
            "id": "t1",
            "status": "completed",
            "words": [{"text": "Hi", "start": 0, "end": 1, "confidence": 1.0}],
            "utterances": [{"speaker": "A", "text": "Hi", "start": 0, "end": 1, "confidence": 1.0}],
        }
    )
    answer = LlmGatewayUnderstandingResponse.from_dict(
        {
            "words": [],
            "utterances": [{"speaker": "Ana", "text": "Hi"}],
            "translated_texts": {"es": "Hola"},
        }
    )
    merged = merged_response(current, answer)
    assert merged.words == current.words
    assert merged.utterances is not None
    assert [(u.speaker, u.start, u.confidence) for u in merged.utterances] == [("Ana", 0, 1.0)]
    assert merged.translated_texts is not None
    assert merged.translated_texts.to_dict() == {"es": "Hola"}
