"""Fuzzing the public parsing path with bodies drawn from our spec's response schemas.

Every REST call's answer goes through ``assemblyai._http.send.send`` (status check, body read,
parse, error mapping), the path both the sync and the asyncio shells use. Here ``send`` runs
over an in-memory httpx transport that answers 200 with the fuzzed body, for each operation
of the spec, and the properties are:

* a body valid against the operation's response schema parses, loses nothing (``to_dict()``
  gives the body back), and the objects users get (``aai.Transcript``, LeMUR responses, ...)
  answer every public property; unknown fields and unknown enum values change none of that;
* such a body is also read without error in strict mode (``aai.settings.strict_responses``):
  our spec describes it exactly;
* a body that is not a JSON object (not JSON, cut short, another JSON value) raises
  ``APIResponseValidationError``, which is also the error family of the call
  (``TranscriptError``, ``LemurError``, ``AssemblyAIError``);
* a body that lacks a required field at any depth is read, the field as None, unless the call
  cannot go on without it (the new transcript's id, an upload URL, a token): then it raises
  that error naming the field; in strict mode any such body raises it, naming the field;
* any other body, such as a valid one with one value replaced by arbitrary JSON, either parses
  or raises that same error: nothing else escapes.

A body whose values have the wrong JSON type but the right shape is kept as sent, like an
unknown enum value: the SDK is tolerant of what the API sends (it departs from its own
description often), and strict only about what it cannot read at all.

The number of examples per property comes from ``FUZZ_EXAMPLES`` (``make fuzz`` sets 10,000);
the default keeps the suite fast.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assemblyai as aai
from assemblyai._http import operations as ops
from assemblyai._http.send import send
from assemblyai._lemur.core import parse_any_response
from assemblyai._transcription.async_transcriber import AsyncTranscript
from assemblyai.lemur import (
    LemurActionItemsResponse,
    LemurPurgeResponse,
    LemurQuestionResponse,
    LemurSummaryResponse,
    LemurTaskResponse,
)
from assemblyai.llm_gateway import _operations as gateway_ops
from assemblyai.llm_gateway._request import chat_body, understanding_body
from tests.bodies import without_nulls

from .strategies import (
    SCHEMAS,
    any_json_like,
    required_sites,
    unreadable_bodies,
    valid,
    with_a_field_replaced,
    with_unknowns,
    without_a_named_required_field,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
# `make fuzz` runs 10,000 examples per property: far beyond pytest-timeout's default 120 s for
# the larger schemas (about 20 ms an example), so the limit grows with the count.
pytestmark = pytest.mark.timeout(max(120, EXAMPLES // 10))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@attrs.frozen
class Case:
    """One operation: its response schema, how to build it, and its error family."""

    operation_id: str
    schema: str
    operation: Callable[[], ops.Operation[Any]]
    family: type[aai.AssemblyAIError]
    needs: tuple[str, ...] = ()  # top-level fields the call cannot do without


def _lemur(kind: str, parse: Callable[[dict[str, Any]], Any]) -> Callable[[], ops.Operation[Any]]:
    bodies = {
        "task": {"prompt": "p"},
        "summary": {},
        "action-items": {},
        "question-answer": {"questions": [{"question": "q"}]},
    }

    def build() -> ops.Operation[Any]:
        return ops.lemur_generate(
            kind, {"final_model": "default", "input_text": "x", **bodies[kind]}, parse
        )

    return build


CASES = [
    Case(
        "uploadFile",
        "UploadedFile",
        lambda: ops.upload(b"x", {}, write_timeout=10.0, answer_timeout=10.0),
        aai.TranscriptError,
        ("upload_url",),
    ),
    Case(
        "createTranscript",
        "Transcript",
        lambda: ops.create_transcript("https://example.org/a.mp3", {}),
        aai.TranscriptError,
        ("id",),
    ),
    Case("getTranscript", "Transcript", lambda: ops.get_transcript("t1"), aai.TranscriptError),
    Case(
        "deleteTranscript", "Transcript", lambda: ops.delete_transcript("t1"), aai.TranscriptError
    ),
    Case(
        "listTranscripts", "TranscriptList", lambda: ops.list_transcripts(None), aai.AssemblyAIError
    ),
    Case(
        "getTranscriptSentences",
        "SentencesResponse",
        lambda: ops.sentences("t1"),
        aai.TranscriptError,
    ),
    Case(
        "getTranscriptParagraphs",
        "ParagraphsResponse",
        lambda: ops.paragraphs("t1"),
        aai.TranscriptError,
    ),
    Case(
        "wordSearch",
        "WordSearchResponse",
        lambda: ops.word_search("t1", ["a"]),
        aai.TranscriptError,
    ),
    Case(
        "getRedactedAudio",
        "RedactedAudioResponse",
        lambda: ops.redacted_audio("t1"),
        aai.TranscriptError,
    ),
    Case(
        "createTemporaryToken",
        "RealtimeTemporaryTokenResponse",
        lambda: ops.realtime_token(60),
        aai.AssemblyAIError,
        ("token",),
    ),
    Case(
        "lemurTask",
        "LemurTaskResponse",
        _lemur("task", LemurTaskResponse.from_dict),
        aai.LemurError,
    ),
    Case(
        "lemurSummary",
        "LemurSummaryResponse",
        _lemur("summary", LemurSummaryResponse.from_dict),
        aai.LemurError,
    ),
    Case(
        "lemurQuestionAnswer",
        "LemurQuestionAnswerResponse",
        _lemur("question-answer", LemurQuestionResponse.from_dict),
        aai.LemurError,
    ),
    Case(
        "lemurActionItems",
        "LemurActionItemsResponse",
        _lemur("action-items", LemurActionItemsResponse.from_dict),
        aai.LemurError,
    ),
    Case(
        "getLemurResponse",
        "LemurResponse",
        lambda: ops.lemur_get("r1", parse_any_response),
        aai.LemurError,
    ),
    Case(
        "purgeLemurRequestData",
        "PurgeLemurRequestDataResponse",
        lambda: ops.lemur_purge("r1", LemurPurgeResponse.from_dict),
        aai.LemurError,
    ),
    Case(
        "createChatCompletion",
        "LlmGatewayResponse",
        lambda: gateway_ops.chat_completion(chat_body(model="m", prompt="p")),
        aai.LLMGatewayError,
    ),
    Case(
        "createSpeechUnderstanding",
        "LlmGatewayUnderstandingResponse",
        lambda: gateway_ops.understanding(
            understanding_body("t1", translation={"target_languages": ["es"]})
        ),
        aai.LLMGatewayError,
    ),
]


def _sync_transcribe() -> ops.Operation[Any]:
    from assemblyai._sync.audio import PreparedAudio
    from assemblyai._sync.requests import transcribe_operation

    audio = PreparedAudio(b"RIFF", "a.wav", "audio/wav", 1.0)
    return transcribe_operation(audio, aai.SyncTranscriptionConfig(), aai.Settings(api_key="k" * 8))


CASES.append(
    Case("syncTranscribe", "SyncTranscriptResponse", _sync_transcribe, aai.SyncTranscriptError)
)
IDS = [case.operation_id for case in CASES]


def test_every_rest_operation_with_a_json_answer_is_fuzzed() -> None:
    from assemblyai._generated.specs import openapi_document

    json_operations = {
        operation["operationId"]
        for item in openapi_document()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        and "application/json" in operation.get("responses", {}).get("200", {}).get("content", {})
    }
    # GET /v3/token belongs to the streaming client and is fuzzed with it.
    assert json_operations - {"generateStreamingToken"} == set(IDS)


def answer(case: Case, body: bytes, *, strict: bool = False) -> Any:
    """``send`` the case's operation to a transport that answers 200 with ``body``."""
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    before = aai.settings.strict_responses
    aai.settings.strict_responses = strict  # a bare httpx client: the global setting applies
    try:
        with httpx.Client(transport=transport, base_url="https://api.assemblyai.com") as client:
            return send(client, case.operation())
    finally:
        aai.settings.strict_responses = before


def _same_json(a: Any, b: Any) -> bool:
    """JSON equality; numbers by value, date-times as instants (``Z`` == ``+00:00``)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return datetime.datetime.fromisoformat(a) == datetime.datetime.fromisoformat(b)
        except ValueError:
            return False
    return bool(a == b)


def _read_every_property(obj: object) -> None:
    for name in dir(type(obj)):
        if not name.startswith("_") and isinstance(getattr(type(obj), name), property):
            getattr(obj, name)


def check_parsed(case: Case, body: Any, result: Any) -> None:
    """A parsed body lost nothing, and what users get answers every property."""
    if isinstance(result, str):  # upload_url, token
        assert result == body["upload_url" if "upload_url" in body else "token"]
        return
    # Nulls inside free-form maps are kept as sent: both sides drop them to compare.
    assert _same_json(without_nulls(result.to_dict()), without_nulls(body))
    _read_every_property(result)
    if case.schema == "Transcript":
        for wrapper in (
            aai.Transcript.from_response(client=None, response=result),
            AsyncTranscript(result),
        ):
            _read_every_property(wrapper)
            assert wrapper.id == body["id"]
            assert getattr(wrapper.status, "value", wrapper.status) == body["status"]
            assert wrapper.json_response["id"] == body["id"]


def check_refused(case: Case, body: bytes, *, strict: bool = False) -> str:
    with pytest.raises(aai.APIResponseValidationError) as caught:
        answer(case, body, strict=strict)
    assert isinstance(caught.value, case.family)
    assert "could not be read" in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@FUZZ
@given(data=st.data())
def test_valid_bodies_parse_and_lose_nothing(case: Case, data: st.DataObject) -> None:
    # Unknown fields and enum values (what a newer API sends) change nothing.
    body = data.draw(st.one_of(valid(case.schema), with_unknowns(case.schema)), label="body")
    check_parsed(case, body, answer(case, json.dumps(body).encode()))


@pytest.mark.parametrize("case", CASES, ids=IDS)
@FUZZ
@given(data=st.data())
def test_valid_bodies_are_read_strictly_too(case: Case, data: st.DataObject) -> None:
    body = data.draw(valid(case.schema), label="body")
    check_parsed(case, body, answer(case, json.dumps(body).encode(), strict=True))


@pytest.mark.parametrize("case", CASES, ids=IDS)
@FUZZ
@given(data=st.data())
def test_unreadable_bodies_raise_the_parse_error(case: Case, data: st.DataObject) -> None:
    check_refused(case, data.draw(unreadable_bodies(case.schema), label="body"))


@pytest.mark.parametrize("case", CASES, ids=IDS)
@FUZZ
@given(data=st.data())
def test_a_missing_required_field_reads_none_unless_the_call_needs_it(
    case: Case, data: st.DataObject
) -> None:
    body, path, key = data.draw(without_a_named_required_field(case.schema), label="body")
    raw = json.dumps(body).encode()
    if path == () and key in case.needs:
        assert f"`{key}`" in check_refused(case, raw)
    else:
        result = answer(case, raw)
        if not isinstance(result, str):
            assert _same_json(without_nulls(result.to_dict()), without_nulls(body))
    # Strict: every missing field is an error that names it.
    assert f"`{key}`" in check_refused(case, raw, strict=True)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@FUZZ
@given(data=st.data())
def test_nothing_but_the_parse_error_escapes(case: Case, data: st.DataObject) -> None:
    body = data.draw(
        st.one_of(with_a_field_replaced(case.schema), any_json_like(), valid(case.schema)),
        label="body",
    )
    try:
        answer(case, json.dumps(body).encode())
    except aai.APIResponseValidationError as exc:
        assert isinstance(exc, case.family)


def test_a_deeply_nested_body_is_refused_not_crashed() -> None:
    # json.loads raises RecursionError past the interpreter's limit; it is a parse error too.
    body = b"[" * 100_000 + b"]" * 100_000
    for case in CASES:
        check_refused(case, body)


# LLM Gateway's answers declare no required field at their top level (every part is optional).
WITH_TOP_REQUIRED = [case for case in CASES if SCHEMAS[case.schema].get("required")]


@pytest.mark.parametrize("case", WITH_TOP_REQUIRED, ids=[c.operation_id for c in WITH_TOP_REQUIRED])
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_required_sites_exist_at_the_top_of_every_response(case: Case, data: st.DataObject) -> None:
    body = data.draw(valid(case.schema))
    assert any(path == () for path, _ in required_sites(body, SCHEMAS[case.schema]))


def test_required_sites_reach_nested_objects() -> None:
    """The mutation finds required fields below the top level (so the property means it)."""
    body = {
        "transcripts": [
            {"id": "a", "resource_url": "u", "status": "queued", "created": "x", "audio_url": "y"}
        ],
        "page_details": {},
    }
    sites = list(required_sites(body, SCHEMAS["TranscriptList"]))
    assert ((), "transcripts") in sites
    assert (("transcripts", 0), "id") in sites
