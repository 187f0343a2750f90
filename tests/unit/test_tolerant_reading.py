"""Reading what the API really sends: every generated REST model reads any JSON object.

A missing field reads None, a null or a value of another type is kept as sent, unknown
fields are kept; each departure from the description is logged once at DEBUG on
``assemblyai.deviations``, and strict reading (``aai.settings.strict_responses``) turns it
into ``APIResponseValidationError`` naming the field. Only what a call cannot go on without
(the new transcript's id, the status while waiting) is an error in the tolerant mode too.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import attrs
import pytest

import assemblyai as aai
from assemblyai._generated import specs
from assemblyai._generated.rest import models
from assemblyai._generated.rest.types import (
    STRICT_READING,
    RecordModel,
    ResponseDeviationError,
    forget_reported_deviations,
)
from tests.bodies import transcript_body

SCHEMAS: dict[str, Any] = specs.openapi_document()["components"]["schemas"]
MODEL_NAMES = sorted(name for name in models.__all__ if hasattr(getattr(models, name), "from_dict"))
REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld"
# The generated model each kind of REST payload is read with (see realworld/README.md).
KINDS = {
    "transcript": "Transcript",
    "transcript_list": "TranscriptList",
    "sentences": "SentencesResponse",
    "word_search": "WordSearchResponse",
    "lemur": "LemurStringResponse",
    "lemur_purge": "PurgeLemurRequestDataResponse",
    "upload": "UploadedFile",
}


@pytest.fixture(autouse=True)
def _fresh_deviation_log() -> Iterator[None]:
    forget_reported_deviations()
    yield
    forget_reported_deviations()


@contextlib.contextmanager
def strict() -> Iterator[None]:
    token = STRICT_READING.set(True)
    try:
        yield
    finally:
        STRICT_READING.reset(token)


def field_names(cls: type) -> list[str]:
    if issubclass(cls, RecordModel):
        return [*cls.REQUIRED_KEYS, *cls.OPTIONAL_KEYS]
    return [f.name for f in attrs.fields(cls) if f.name != "additional_properties"]


def json_keys(name: str) -> list[str]:
    """The JSON keys of a model's schema (allOf members merged)."""
    schema = SCHEMAS.get(name, {})
    keys = list(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        ref = part.get("$ref")
        part = SCHEMAS[ref.rsplit("/", 1)[-1]] if isinstance(ref, str) else part
        keys += list(part.get("properties", {}))
    return keys


def test_the_walk_covers_the_models() -> None:
    assert len(MODEL_NAMES) > 40 and "Transcript" in MODEL_NAMES
    assert sum(bool(json_keys(name)) for name in MODEL_NAMES) > 40


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_model_reads_an_empty_object_as_all_none(name: str) -> None:
    cls = getattr(models, name)
    empty = cls.from_dict({})
    if isinstance(empty, dict):  # a map model (map_model.py.jinja): {} is an empty mapping
        assert empty == {} and empty.to_dict() == {}
        return
    for field in field_names(cls):
        assert getattr(empty, field) is None, field
    assert empty.to_dict() == {}


_ODD_VALUES: list[Any] = [None, 12.225, "a string", {"an": "object"}, [1, "two"], True]


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_field_removed_nulled_or_oddly_typed_is_read_as_sent(name: str) -> None:
    cls = getattr(models, name)
    for key in json_keys(name):
        for value in _ODD_VALUES:
            parsed = cls.from_dict({key: value, "zz_undeclared": [1]})
            assert parsed.additional_properties.get("zz_undeclared") == [1], key
            kept = parsed.to_dict()
            if value is None:
                assert key not in kept
            else:
                assert kept[key] == value, (key, value)
        assert cls.from_dict({key: None}).to_dict() == {}


def test_a_deviation_is_logged_once_per_field_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    body = transcript_body(audio_duration=12.225, zz_new="x")
    del body["language_confidence"]
    body["audio_url"] = None  # required and not nullable
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        for _ in range(3):
            models.Transcript.from_dict(body)
    messages = sorted(r.getMessage() for r in caplog.records)
    assert all(r.levelno == logging.DEBUG for r in caplog.records)
    assert [m.split(" ")[0] for m in messages] == [
        "Transcript.audio_duration",
        "Transcript.audio_url",
        "Transcript.language_confidence",
        "Transcript.zz_new",
    ]
    assert any("is missing" in m for m in messages)


@pytest.mark.parametrize(
    ("change", "field", "kind"),
    [
        (lambda b: b.pop("id"), "id", "missing"),
        (lambda b: b.update(webhook_auth=None), "webhook_auth", "null"),
        (lambda b: b.update(audio_duration=12.225), "audio_duration", "type"),
        (lambda b: b.update(status="paused"), "status", "enum"),
        (lambda b: b.update(zz_undeclared=["a"]), "zz_undeclared", "unknown-field"),
    ],
)
def test_strict_reading_names_the_field(change: Any, field: str, kind: str) -> None:
    body = transcript_body()
    change(body)
    models.Transcript.from_dict(body)  # tolerant: read
    with strict(), pytest.raises(ResponseDeviationError) as caught:
        models.Transcript.from_dict(body)
    assert (caught.value.model, caught.value.field, caught.value.kind) == (
        "Transcript",
        field,
        kind,
    )
    assert f"`{field}`" in str(caught.value)


# --- the payloads the real API sent ---------------------------------------------------------


def _payloads() -> list[tuple[str, Path]]:
    if not REALWORLD.is_dir():
        return []
    return [
        (kind, path) for kind in sorted(KINDS) for path in sorted((REALWORLD / kind).glob("*.json"))
    ]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not there")
def test_there_are_real_payloads_of_every_kind() -> None:
    assert {kind for kind, _ in _payloads()} == set(KINDS)


@pytest.mark.parametrize(
    ("kind", "path"), _payloads(), ids=[f"{k}/{p.name}" for k, p in _payloads()]
)
def test_every_real_payload_parses_and_keeps_its_values(kind: str, path: Path) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))
    parsed = getattr(models, KINDS[kind]).from_dict(body)
    assert _without_nulls(parsed.to_dict()) == _without_nulls(body)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


# --- through the public API, over a loopback server -----------------------------------------


class _Server:
    """Answers every request with the next queued (status, JSON body); records the paths."""

    def __init__(self) -> None:
        self.answers: list[Any] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                server.paths.append(f"{self.command} {self.path}")
                body = json.dumps(server.answers.pop(0)).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    served = _Server()
    monkeypatch.setattr(aai.settings, "base_url", served.url)
    monkeypatch.setattr(aai.settings, "api_key", "test-key-123")
    monkeypatch.setattr(aai.settings, "polling_interval", 0.01)
    monkeypatch.setattr(aai.settings, "max_retries", 0)
    try:
        yield served
    finally:
        served.close()


def test_a_real_shaped_transcript_reads_and_strict_mode_refuses_it(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = transcript_body(audio_duration=36.288, word_boost=[], boost_param=None)
    for key in ("language_confidence", "speech_model", "webhook_auth"):
        del body[key]
    server.answers.append(body)
    transcript = aai.Transcript.get_by_id("t1")
    assert transcript.audio_duration == 36.288 and transcript.webhook_auth is None
    assert transcript.json_response["word_boost"] == []
    monkeypatch.setattr(aai.settings, "strict_responses", True)
    server.answers.append(body)
    with pytest.raises(aai.APIResponseValidationError) as caught:
        aai.Transcript.get_by_id("t1")
    assert isinstance(caught.value, aai.TranscriptError)
    assert "`audio_duration`" in str(caught.value) or "`language_confidence`" in str(caught.value)


def test_a_client_of_its_own_settings_reads_strictly(server: _Server) -> None:
    body = transcript_body()
    del body["acoustic_model"]
    strict_client = aai.Client(
        settings=aai.Settings(api_key="k-1234567", base_url=server.url, strict_responses=True)
    )
    server.answers += [body, body]
    assert aai.Transcript.get_by_id("t1").json_response["acoustic_model"] is None
    with pytest.raises(aai.APIResponseValidationError, match="`acoustic_model`"):
        aai.Transcript("t1", client=strict_client).wait_for_completion()


def test_a_new_transcript_without_an_id_is_an_error_naming_it(server: _Server) -> None:
    body = transcript_body(status="queued")
    del body["id"]
    server.answers.append(body)
    with pytest.raises(aai.APIResponseValidationError, match="`id`") as caught:
        aai.Transcriber().submit("https://example.org/a.mp3")
    assert isinstance(caught.value, aai.TranscriptError)
    server.answers.append(body)
    with pytest.raises(aai.APIResponseValidationError, match="`id`"):
        aai.Transcriber().transcribe("https://example.org/a.mp3")


def test_waiting_without_a_status_is_an_error_naming_it(server: _Server) -> None:
    queued = transcript_body(status="queued")
    no_status = transcript_body()
    del no_status["status"]
    server.answers += [queued, no_status]
    with pytest.raises(aai.APIResponseValidationError, match="`status`"):
        aai.Transcriber().transcribe("https://example.org/a.mp3")
    assert server.paths == ["POST /v2/transcript", "GET /v2/transcript/t1"]


def test_a_group_keeps_members_whose_answers_depart_from_the_description(
    server: _Server,
) -> None:
    done = transcript_body(audio_duration=1.5, zz_new=True)
    del done["speech_model"]
    server.answers += [
        {"id": "t1", "status": "queued"},
        {"id": "t1", "status": "queued"},
    ]
    server.answers += [done, done]
    group = aai.Transcriber(max_workers=1).transcribe_group(
        ["https://example.org/a.mp3", "https://example.org/b.mp3"]
    )
    assert len(group.transcripts) == 2
    assert all(t.audio_duration == 1.5 for t in group.transcripts)


def test_a_lemur_requests_created_at_reads_as_a_datetime_or_as_sent() -> None:
    read = models.LemurRequestDetails.from_dict
    created = read(
        {"request_endpoint": "/lemur/v3/generate/task", "created_at": "2024-05-01T10:20:30.5Z"}
    ).created_at
    assert isinstance(created, datetime.datetime)
    assert (created.year, created.microsecond, created.utcoffset()) == (
        2024,
        500000,
        datetime.timedelta(0),
    )
    assert read({"created_at": "yesterday"}).created_at == "yesterday"


@pytest.mark.parametrize("fast", [True, False], ids=["rows", "item-by-item"])
def test_unknown_enum_values_in_records_are_kept_and_reported_once(
    fast: bool, caplog: pytest.LogCaptureFixture
) -> None:
    entity = {"entity_type": "person_name", "text": "Ada", "start": 1, "end": 2}
    novel = {**entity, "entity_type": "starship_name"}
    if not fast:  # an optional or unknown key sends every item through from_dict
        entity, novel = {**entity, "zz": 1}, {**novel, "zz": 1}
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        for _ in range(2):
            records = models.Entity.from_dicts([entity, novel, novel])
    assert records[0].entity_type is aai.EntityType.person_name
    assert records[1].entity_type == "starship_name"  # kept as sent (a pseudo-member)
    messages = [r.getMessage() for r in caplog.records if r.name == "assemblyai.deviations"]
    assert len(messages) == 1 and messages[0].startswith("Entity.entity_type")
    token = STRICT_READING.set(True)
    try:
        with pytest.raises(ResponseDeviationError, match="entity_type"):
            models.Entity.from_dicts([entity, novel])
        assert models.Entity.from_dicts([entity])[0].entity_type is aai.EntityType.person_name
    finally:
        STRICT_READING.reset(token)


def test_an_unknown_value_in_a_nullable_list_of_enums_is_kept_and_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = transcript_body(redact_pii_policies=["person_name", "starship_name"])
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        parsed = models.Transcript.from_dict(body)
        assert models.Transcript.from_dict(transcript_body(redact_pii_policies=None))
    assert parsed.redact_pii_policies == ["person_name", "starship_name"]
    assert parsed.redact_pii_policies[0] is aai.EntityType.person_name
    messages = [r.getMessage() for r in caplog.records if r.name == "assemblyai.deviations"]
    assert [m.split(" ")[0] for m in messages] == ["Transcript.redact_pii_policies"]
