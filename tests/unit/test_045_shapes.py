"""0.45.4's shapes: its field names on our models, dict-valued results, one enum class per concept.

The field names of 0.45.4's models are data (``data/fields_0454.toml``), since that release is
not installed here. The other tests read responses through the public API from the sandbox over
a loopback socket, with every feature that produces an enum value or a dict-valued result on.
"""

from __future__ import annotations

import datetime
import json
import tomllib
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

import assemblyai as aai
from assemblyai import types
from assemblyai._generated.rest.models.transcript_language_code import TranscriptLanguageCode
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

FIELDS_0454: dict[str, list[str]] = tomllib.loads(
    (Path(__file__).parent / "data" / "fields_0454.toml").read_text(encoding="utf-8")
)["fields"]

# 0.45.4 fields our model of that name deliberately lacks, each with the reason.
NOT_OURS: dict[str, dict[str, str]] = {
    # 0.45.4 used one class for the request and the response; ours are the request models,
    # which have no response-only fields (the response model, TranscriptResponse, has them).
    "BaseTranscript": {
        "audio_url": "the URL is a field of TranscriptRequest, the full request body",
        "audio_channels": "response only",
        "language_confidence": "response only",
    },
    "TranscriptRequest": {
        "audio_channels": "response only",
        "language_confidence": "response only",
    },
}
for _name in (
    "BaseLemurRequest",
    "LemurActionItemsRequest",
    "LemurQuestionRequest",
    "LemurSummaryRequest",
    "LemurTaskRequest",
):
    # 0.45.4 wrote LemurSourceRequest objects there; the API takes `transcript_ids`.
    NOT_OURS[_name] = {"sources": "the API's request body has transcript_ids instead"}

# Concepts with no 0.45.4 class: the language of a transcript is read as the generated enum
# (0.45.4's LanguageCode is a deprecated subset, kept handwritten for its warning).
NOT_045_ENUMS = {TranscriptLanguageCode}
PUBLIC_ENUMS = {
    value for value in vars(aai).values() if isinstance(value, type) and issubclass(value, Enum)
}


def _field_names(cls: type) -> set[str]:
    if attrs.has(cls):
        return {field.name for field in attrs.fields(cls)}
    return {name for name in dir(cls) if not name.startswith("_")}


@pytest.mark.parametrize("public_name", sorted(FIELDS_0454))
def test_every_0454_field_is_on_our_model_of_the_same_name(public_name: str) -> None:
    ours = getattr(types, public_name)
    expected = set(FIELDS_0454[public_name]) - set(NOT_OURS.get(public_name, {}))
    missing = sorted(expected - _field_names(ours))
    assert not missing, f"aai.types.{public_name} lacks 0.45.4's {missing}"


def test_the_documented_exceptions_are_still_exceptions() -> None:
    for public_name, fields in NOT_OURS.items():
        assert set(fields) <= set(FIELDS_0454[public_name]), public_name
        assert not set(fields) & _field_names(getattr(types, public_name)), public_name


# A transcript body in the shape the API sends (not the published schema's): required fields
# left out, undeclared fields present, nulls where the published schema allows none, a float
# duration.
REAL_SHAPED_BODY: dict[str, Any] = {
    "id": "5551722-f677-48a6-9287-39c0aafd9ac1",
    "status": "completed",
    "audio_url": "https://example.org/call.mp3",
    "text": "Hello there.",
    "audio_duration": 12.225,
    "word_boost": [],
    "boost_param": None,
    "cluster_id": None,
    "is_deleted": None,
    "speaker_count": None,
    "custom_topics_results": None,
    "project_id": 675898,
    "token_id": 1245789,
    "speaker_options": {"min_speakers_expected": 1, "max_speakers_expected": 16},
    "redact_pii_audio_options": None,
    "speech_model_used": "universal",
    "redact_pii_sub": None,
    "language_detection_options": None,
    "prompt": None,
    "error": None,
    "language_code": None,
    "topics": None,
    "translated_texts": {"de": "Hallo."},
}


def _required_as_none(cls: type) -> dict[str, Any]:
    return {f.name: None for f in attrs.fields(cls) if f.default is attrs.NOTHING}


def test_transcript_response_takes_a_real_shaped_body_as_keywords() -> None:
    model = types.TranscriptResponse(
        **{**_required_as_none(types.TranscriptResponse), **REAL_SHAPED_BODY}
    )
    assert model.word_boost == [] and model.project_id == 675898
    assert model.speaker_options.max_speakers_expected == 16
    assert model.speech_model_used == "universal"
    assert model.translated_texts == {"de": "Hallo."}
    assert model.status is aai.TranscriptStatus.completed
    # None means "not there": to_dict() leaves it out, as 0.45.4's exclude_none did
    assert model.speaker_count is None
    assert "speaker_count" not in json.loads(json.dumps(model.to_dict()))


def test_transcript_response_takes_every_0454_field_as_a_keyword() -> None:
    names = FIELDS_0454["TranscriptResponse"]
    model = types.TranscriptResponse(
        **{**_required_as_none(types.TranscriptResponse), **dict.fromkeys(names)}
    )
    assert all(hasattr(model, name) for name in names)


def test_parsed_real_shaped_body_keeps_the_new_fields() -> None:
    # The fields the published schema requires are given (reading bodies without them is
    # the tolerant reader's job, tested with it); the new fields must land on the model.
    body = {**_required_as_none(types.TranscriptResponse), **REAL_SHAPED_BODY}
    model = types.TranscriptResponse.from_dict(body)
    for name in ("word_boost", "project_id", "token_id", "speech_model_used"):
        assert getattr(model, name) == REAL_SHAPED_BODY[name], name
    assert "project_id" not in model.additional_properties


EVERYTHING = {
    "content_safety": True,
    "iab_categories": True,
    "sentiment_analysis": True,
    "entity_detection": True,
    "auto_highlights": True,
    "redact_pii": True,
    "redact_pii_policies": ["person_name", "phone_number"],
    "redact_pii_sub": "hash",
    "redact_pii_audio": True,
    "redact_pii_audio_quality": "wav",
    "speech_model": "best",
    "word_boost": ["hello"],
    "boost_param": "high",
    "summarization": True,
    "summary_model": "informative",
    "summary_type": "bullets",
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(processing_time=0) as fake:
        yield fake
    assert fake.violations == [] and fake.response_errors == []


@pytest.fixture(scope="module")
def transcript(sandbox: FakeAssemblyAI) -> aai.Transcript:
    config = aai.TranscriptionConfig(**EVERYTHING)
    done = aai.Transcriber(config=config).transcribe("https://example.org/everything.wav")
    assert done.status is aai.TranscriptStatus.completed, done.error
    return done


def test_summaries_are_dicts(transcript: aai.Transcript) -> None:
    safety = transcript.content_safety
    assert isinstance(safety.summary, dict) and safety.summary
    for label, confidence in safety.summary.items():
        assert isinstance(label, str) and isinstance(confidence, float)
    assert safety.severity_score_summary
    for label, score in safety.severity_score_summary.items():
        assert label in safety.summary
        assert isinstance(score, aai.types.ContentSafetySeverityScore)
        assert 0 <= score.low + score.medium + score.high <= 1.0001
    topics = transcript.iab_categories
    assert isinstance(topics.summary, dict) and topics.summary
    assert all(isinstance(v, float) for v in topics.summary.values())
    # The JSON form is the plain mapping the API sent.
    as_json = json.loads(json.dumps(transcript.json_response))
    assert as_json["content_safety_labels"]["summary"] == dict(safety.summary)


def _enum_values(value: Any, path: str = "") -> Iterator[tuple[str, Enum]]:
    """Every enum member reachable from a parsed model, with where it was found."""
    if isinstance(value, Enum):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _enum_values(item, f"{path}.{key}")
    elif isinstance(value, list | tuple) and not hasattr(value, "to_dict"):
        for index, item in enumerate(value):
            yield from _enum_values(item, f"{path}[{index}]")
    elif hasattr(value, "to_dict"):
        for key in value.to_dict():
            yield from _enum_values(getattr(value, key, None), f"{path}.{key}")


def _check_public(found: list[tuple[str, Enum]]) -> set[type]:
    seen = set()
    for path, member in found:
        cls = type(member)
        assert cls in PUBLIC_ENUMS | NOT_045_ENUMS, f"{path}: {cls.__module__}.{cls.__name__}"
        assert member is cls(member.value), path  # the declared member itself
        seen.add(cls)
    return seen


def test_every_enum_value_of_a_transcript_is_the_public_class(
    transcript: aai.Transcript,
) -> None:
    response = transcript._response
    assert response is not None
    seen = _check_public(list(_enum_values(response)))
    assert {
        aai.TranscriptStatus,
        aai.SpeechModel,
        aai.PIIRedactionPolicy,
        aai.PIISubstitutionPolicy,
        aai.PIIRedactedAudioQuality,
        aai.WordBoost,
        aai.StatusResult,
        aai.SentimentType,
        aai.EntityType,
        aai.ContentSafetyLabel,
        aai.SummarizationModel,
        aai.SummarizationType,
    } <= seen
    assert transcript.sentiment_analysis and transcript.entities
    assert all(isinstance(s.sentiment, aai.SentimentType) for s in transcript.sentiment_analysis)
    assert all(isinstance(e.entity_type, aai.EntityType) for e in transcript.entities)
    assert isinstance(transcript.content_safety.status, aai.StatusResult)
    for result in transcript.content_safety.results:
        assert all(isinstance(label.label, aai.ContentSafetyLabel) for label in result.labels)
    assert transcript.json_response["boost_param"] == "high"


def test_list_items_carry_the_public_status(
    transcript: aai.Transcript, sandbox: FakeAssemblyAI
) -> None:
    page = aai.Transcriber().list_transcripts()
    assert page.transcripts
    _check_public(list(_enum_values(page)))
    item = next(t for t in page.transcripts if t.id == transcript.id)
    assert isinstance(item.status, aai.TranscriptStatus)
    assert item.status is aai.TranscriptStatus.completed


def test_lemur_response_data_has_the_request(transcript: aai.Transcript) -> None:
    answer = transcript.lemur.task("What is said?", final_model=aai.LemurModel.claude3_5_sonnet)
    again = aai.Lemur().get_response_data(answer.request_id)
    request = again.request
    assert isinstance(request, aai.types.LemurRequestDetails)
    assert request.request_endpoint.endswith("/task")
    assert request.final_model == aai.LemurModel.claude3_5_sonnet
    assert isinstance(request.created_at, datetime.datetime) and request.created_at.year >= 2024
    assert request.transcript_ids == [transcript.id] and request.prompt == "What is said?"
    assert isinstance(request.temperature, float) and isinstance(request.max_output_size, int)
    assert set(FIELDS_0454["LemurRequestDetails"]) <= _field_names(type(request))


def test_content_safety_maps_are_keyed_by_the_label_enum_and_serialise_as_text() -> None:
    from assemblyai._generated.rest.models import ContentSafetyLabelsResult

    result = ContentSafetyLabelsResult.from_dict(
        {
            "status": "success",
            "results": [],
            "summary": {"nsfw": 0.5, "a_label_from_the_future": 0.1},
            "severity_score_summary": {"nsfw": {"low": 1.0, "medium": 0.0, "high": 0.0}},
        }
    )
    keys = list(result.summary)
    assert keys[0] is aai.ContentSafetyLabel.nsfw and str(keys[0]) == "ContentSafetyLabel.nsfw"
    assert isinstance(keys[1], aai.ContentSafetyLabel) and keys[1] == "a_label_from_the_future"
    assert result.summary["nsfw"] == 0.5  # a plain string still finds the entry
    assert list(result.severity_score_summary) == [aai.ContentSafetyLabel.nsfw]
    assert json.loads(json.dumps(result.to_dict()))["summary"] == {
        "nsfw": 0.5,
        "a_label_from_the_future": 0.1,
    }
