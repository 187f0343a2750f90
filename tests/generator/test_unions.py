"""`oneOf`/`anyOf` unions: every member is tried, the best-fitting one wins.

A small description (three tasks that may be requested, each named by its required key; their
results, which require nothing; two pets told apart by a const; two answers told apart by the
JSON type of one field) is generated with the real pipeline into a temporary package.
"""

from __future__ import annotations

import importlib
import json
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.regenerate import build


def _obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_STRING_MAP = {"type": "object", "additionalProperties": _STRING}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Unions", "version": "1"},
    "servers": [{"url": "https://unions.example"}],
    "paths": {
        "/answers/{answer_id}": {
            "get": {
                "operationId": "getAnswer",
                "tags": ["answer"],
                "parameters": [
                    {"name": "answer_id", "in": "path", "required": True, "schema": _STRING}
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": _ref("Answer")}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "TranslateTask": _obj(
                {"translate": _obj({"languages": _STRINGS}, ["languages"])}, ["translate"]
            ),
            "NameTask": _obj(
                {"name_speakers": _obj({"kind": {"type": "string", "enum": ["role", "name"]}})},
                ["name_speakers"],
            ),
            "FormatTask": _obj({"format": _obj({"date": _STRING})}, ["format"]),
            "TranslateResult": _obj({"translate": _obj({"status": _STRING})}),
            "NameResult": _obj({"name_speakers": _obj({"mapping": _STRING_MAP})}),
            "FormatResult": _obj({"format": _obj({"formatted_text": _STRING})}),
            "Cat": _obj({"kind": {"const": "cat"}, "name": _STRING}, ["kind"]),
            "Dog": _obj({"kind": {"const": "dog"}, "name": _STRING}, ["kind"]),
            "Job": _obj(
                {
                    "request": {
                        "oneOf": [_ref("TranslateTask"), _ref("NameTask"), _ref("FormatTask")]
                    },
                    "result": {
                        "oneOf": [_ref("TranslateResult"), _ref("NameResult"), _ref("FormatResult")]
                    },
                    "pet": {"anyOf": [_ref("Cat"), _ref("Dog"), {"type": "null"}]},
                    "note": {"oneOf": [_STRING, _ref("FormatTask")]},
                }
            ),
            "TextAnswer": _obj({"id": _STRING, "answer": _STRING}, ["id", "answer"]),
            "ListAnswer": _obj({"id": _STRING, "answer": _STRINGS}, ["id", "answer"]),
            "Answer": {"oneOf": [_ref("TextAnswer"), _ref("ListAnswer")]},
        }
    },
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("unions")
    spec_dir = root / "spec"
    spec_dir.mkdir()
    (spec_dir / "unions.json").write_text(json.dumps(SPEC), encoding="utf-8")
    name = f"_unions_{uuid.uuid4().hex[:8]}"
    build(spec_dir, root / name)
    sys.path.insert(0, str(root))
    try:
        yield name
    finally:
        sys.path.remove(str(root))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


@pytest.fixture(scope="module")
def models(package: str) -> ModuleType:
    return importlib.import_module(f"{package}.rest.models")


@pytest.fixture
def types(package: str) -> Iterator[ModuleType]:
    module = importlib.import_module(f"{package}.rest.types")
    module.forget_reported_deviations()
    yield module
    module.forget_reported_deviations()


@pytest.mark.parametrize(
    ("request_body", "expected"),
    [
        ({"translate": {"languages": ["de"]}}, "TranslateTask"),
        ({"name_speakers": {"kind": "role"}}, "NameTask"),
        ({"format": {"date": "mm/dd/yyyy"}}, "FormatTask"),
    ],
)
def test_each_member_named_by_its_required_key_is_read_and_sent(
    models: ModuleType, request_body: dict[str, Any], expected: str
) -> None:
    job = models.Job.from_dict({"request": request_body})
    assert type(job.request).__name__ == expected
    assert job.to_dict() == {"request": request_body}
    # Given as a mapping to the constructor, the same member is chosen.
    assert type(models.Job(request=request_body).request).__name__ == expected


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({"translate": {"status": "success"}}, "TranslateResult"),
        ({"name_speakers": {"mapping": {"A": "Ann"}}}, "NameResult"),
        ({"format": {"formatted_text": "On 01/02/2026."}}, "FormatResult"),
    ],
)
def test_members_without_required_keys_are_told_apart_by_the_keys_present(
    models: ModuleType, result: dict[str, Any], expected: str
) -> None:
    job = models.Job.from_dict({"result": result})
    assert type(job.result).__name__ == expected
    assert job.to_dict() == {"result": result}


def test_a_const_tells_members_apart_and_null_is_kept(models: ModuleType) -> None:
    assert type(models.Job.from_dict({"pet": {"kind": "dog", "name": "Rex"}}).pet).__name__ == "Dog"
    assert type(models.Job.from_dict({"pet": {"kind": "cat"}}).pet).__name__ == "Cat"
    assert models.Job.from_dict({"pet": None}).pet is None


def test_a_string_stays_a_string_and_an_object_becomes_the_model(models: ModuleType) -> None:
    assert models.Job.from_dict({"note": "plain"}).note == "plain"
    job = models.Job.from_dict({"note": {"format": {"date": "dd.mm"}}})
    assert isinstance(job.note, models.FormatTask)


def test_the_member_held_is_serialised_whichever_it_is(models: ModuleType) -> None:
    task = models.NameTask.from_dict({"name_speakers": {"kind": "name"}})
    job = models.Job(request=task, pet=models.Dog.from_dict({"kind": "dog"}))
    assert job.request is task
    assert job.to_dict() == {"request": {"name_speakers": {"kind": "name"}}, "pet": {"kind": "dog"}}


def test_an_object_that_fits_no_member_is_kept_and_reported(
    models: ModuleType, types: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    odd = {"summarize": {"length": "short"}}
    with caplog.at_level("DEBUG", logger="assemblyai.deviations"):
        job = models.Job.from_dict({"request": odd})
    assert job.request == odd
    assert job.to_dict() == {"request": odd}
    assert "Job.request matches none of the shapes" in caplog.text
    token = types.STRICT_READING.set(True)
    try:
        with pytest.raises(types.ResponseDeviationError) as raised:
            models.Job.from_dict({"request": odd})
    finally:
        types.STRICT_READING.reset(token)
    assert raised.value.kind == "union" and raised.value.field == "request"


def test_a_wrong_const_or_json_type_rules_a_member_out(models: ModuleType) -> None:
    # Both pets require `kind`; a bird is neither.
    assert models.Job.from_dict({"pet": {"kind": "bird"}}).pet == {"kind": "bird"}
    # `translate` must be an object: a string there fits no member.
    assert models.Job.from_dict({"request": {"translate": "de"}}).request == {"translate": "de"}


_ANSWERS: dict[str, Any] = {
    "text": {"id": "text", "answer": "forty-two"},
    "list": {"id": "list", "answer": ["forty", "two"]},
}


class _AnswerServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps(_ANSWERS[self.path.rsplit("/", 1)[-1]]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AnswerServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_answer_of_a_union_operation_reads_as_the_member_the_body_is(
    package: str, models: ModuleType, base_url: str
) -> None:
    # Endpoints only build requests (the SDK's shells send them and parse the answer): the
    # union's members are chosen from as every union field's are, by types.best_model.
    types = importlib.import_module(f"{package}.rest.types")
    get_answer = importlib.import_module(f"{package}.rest.api.answer.get_answer")
    members = [models.TextAnswer, models.ListAnswer]
    read = []
    with httpx.Client(base_url=base_url) as http:
        for kind in ("text", "list"):
            body = http.send(http.build_request(**get_answer.build_request(kind))).json()
            read.append(types.best_model(body, members).from_dict(body))
    text, listed = read
    assert isinstance(text, models.TextAnswer) and text.answer == "forty-two"
    assert isinstance(listed, models.ListAnswer) and listed.answer == ["forty", "two"]


def test_the_generated_package_is_where_the_fixture_says(package: str) -> None:
    # Guards the fixture itself: a build that silently produced nothing would pass nothing.
    spec = importlib.util.find_spec(f"{package}.rest.models.job")
    assert spec is not None and spec.origin is not None and Path(spec.origin).is_file()


def test_record_models_take_part_by_their_keys() -> None:
    # Record models (tuples, record_model.py.jinja) list their keys instead of typed fields.
    from assemblyai._generated.rest.models import Chapter, TranscriptWord
    from assemblyai._generated.rest.types import best_model

    word = {"text": "hi", "start": 1, "end": 2, "confidence": 0.5, "speaker": None}
    chapter = {"summary": "s", "headline": "h", "gist": "g", "start": 1, "end": 2}
    assert best_model(word, [Chapter, TranscriptWord]) is TranscriptWord
    assert best_model(chapter, [TranscriptWord, Chapter]) is Chapter
    assert best_model({"text": "hi"}, [TranscriptWord, Chapter]) is None
