"""Behaviour of the code that generator/asyncapi writes, from tiny inline AsyncAPI documents.

Each test generates a package into `tmp_path`, imports it under a unique name and checks
what the generated classes and functions do. The last tests check the output itself: it is
deterministic, ruff-clean and passes `mypy --strict`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import re
import subprocess
import sys
import textwrap
import types
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.asyncapi import generate, normalize, parse
from generator.asyncapi.__main__ import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "asyncapi"
REPO = Path(__file__).resolve().parents[2]

V3_SPEC = """
asyncapi: 3.0.0
info: {title: Tiny live API, version: "1.0"}
servers:
  main: {host: live.example.com, protocol: wss}
channels:
  live:
    address: /live
    bindings:
      ws:
        headers:
          type: object
          properties:
            Authorization: {type: string}
        query:
          type: object
          required: [rate]
          properties:
            rate: {type: integer}
            mode: {$ref: "#/components/schemas/Mode"}
            tags: {type: array, items: {type: string}}
            verbose: {type: boolean, default: false}
            ratio: {type: number, default: 0.5}
            name: {type: string}
    x-close-codes:
      "4001": not allowed
      1013: try later
    messages:
      hello: {$ref: "#/components/messages/Hello"}
      update: {$ref: "#/components/messages/Update"}
      problem: {$ref: "#/components/messages/Problem"}
      ping: {$ref: "#/components/messages/Ping"}
      audio: {$ref: "#/components/messages/Audio"}
operations:
  receive:
    action: receive
    channel: {$ref: "#/channels/live"}
    messages:
      - $ref: "#/channels/live/messages/hello"
      - $ref: "#/channels/live/messages/update"
      - $ref: "#/channels/live/messages/problem"
  send:
    action: send
    channel: {$ref: "#/channels/live"}
    messages:
      - $ref: "#/channels/live/messages/ping"
      - $ref: "#/channels/live/messages/audio"
components:
  messages:
    Hello:
      summary: The session started.
      payload:
        type: object
        required: [type, id, at]
        properties:
          type: {type: string, const: Hello}
          id: {type: string}
          at: {type: string, format: date-time}
          note: {type: [string, "null"]}
    Update:
      payload: {$ref: "#/components/schemas/UpdatePayload"}
    Problem:
      payload:
        type: object
        required: [error]
        properties:
          error: {type: string}
    Ping:
      payload:
        type: object
        required: [type]
        properties:
          type: {type: string, const: Ping}
          seq: {type: integer}
    Audio:
      payload: {type: string, format: binary}
  schemas:
    Mode:
      type: string
      enum: [fast, careful]
    UpdatePayload:
      type: object
      required: [type, count, level, items]
      properties:
        type: {type: string, const: Update}
        count: {type: integer}
        level: {$ref: "#/components/schemas/Mode"}
        score: {type: number}
        items:
          type: array
          items: {$ref: "#/components/schemas/Item"}
        meta:
          type: object
          additionalProperties: {type: integer}
    Item:
      type: object
      required: [text]
      properties:
        text: {type: string}
        final: {type: boolean}
"""

V2_SPEC = """
asyncapi: 2.6.0
info: {title: Tiny legacy API, version: "2.0"}
servers:
  main: {url: old.example.com, protocol: wss}
channels:
  /ws:
    bindings:
      ws:
        query:
          type: object
          properties:
            words: {type: array, items: {type: string}}
    publish:
      message:
        oneOf:
          - $ref: "#/components/messages/Stop"
          - $ref: "#/components/messages/Config"
    subscribe:
      message:
        oneOf:
          - $ref: "#/components/messages/Started"
          - $ref: "#/components/messages/Said"
          - $ref: "#/components/messages/Failed"
components:
  messages:
    Stop:
      payload:
        type: object
        required: [stop]
        properties: {stop: {type: boolean}}
    Config:
      payload:
        type: object
        required: [threshold]
        properties: {threshold: {type: integer}}
    Started:
      payload: {$ref: "#/components/schemas/Started"}
    Said:
      payload: {$ref: "#/components/schemas/Said"}
    Failed:
      payload:
        type: object
        required: [error]
        properties: {error: {type: string}}
  schemas:
    Base:
      type: object
      required: [message_type]
      properties:
        message_type: {type: string, enum: [Started, Said]}
    Started:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [session_id]
          properties:
            message_type: {type: string, const: Started}
            session_id: {type: string}
    Said:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [text]
          properties:
            message_type: {type: string, const: Said}
            text: {type: string}
"""


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Callable[[str], ModuleType]]:
    """Generate a package from YAML text and import it under a unique name."""
    names: list[str] = []

    def _build(spec_text: str) -> ModuleType:
        name = f"gen_{uuid.uuid4().hex[:12]}"
        spec = tmp_path / f"{name}.yml"
        spec.write_text(textwrap.dedent(spec_text), encoding="utf-8")
        generate(spec, tmp_path / name)
        sys.path.insert(0, str(tmp_path))
        try:
            module = importlib.import_module(name)
        finally:
            sys.path.remove(str(tmp_path))
        names.append(name)
        return module

    yield _build
    for name in names:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]


HELLO = {"type": "Hello", "id": "s-1", "at": "2025-06-02T14:05:31.250000", "note": None}
UPDATE = {
    "type": "Update",
    "count": 2,
    "level": "fast",
    "score": 1,
    "items": [{"text": "a", "final": True}, {"text": "b"}],
    "meta": {"x": 1},
}


# --------------------------------------------------------------------------- messages


def test_round_trip_keeps_every_field(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    for data, cls in ((HELLO, api.Hello), (UPDATE, api.Update)):
        message = cls.from_dict(data)
        assert message.to_dict() == data
        assert json.loads(api.encode(message)) == data
        assert api.decode(json.dumps(data)) == message
        assert api.decode(json.dumps(data).encode()) == message


def test_fields_are_typed_and_nested_objects_get_classes(
    build: Callable[[str], ModuleType],
) -> None:
    api = build(V3_SPEC)
    update = api.decode(UPDATE)
    assert isinstance(update, api.Update)
    assert update.level is api.Mode.FAST
    assert [type(item) for item in update.items] == [api.Item, api.Item]
    assert update.items[1].final is None
    assert update.meta == {"x": 1}
    assert update.score == 1 and isinstance(update.score, int)  # numbers kept as received
    assert api.Update.from_dict({**UPDATE, "count": 3.0}).count == 3


def test_unknown_fields_are_kept_and_re_emitted(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    data = {**UPDATE, "brand_new": {"a": [1]}, "items": [{"text": "a", "extra": 7}]}
    update = api.decode(data)
    assert update.additional_properties == {"brand_new": {"a": [1]}}
    assert update.items[0].additional_properties == {"extra": 7}
    assert update.to_dict() == data


def test_unknown_enum_values_are_kept(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    update = api.decode({**UPDATE, "level": "reckless"})
    assert isinstance(update.level, api.Mode)
    assert update.level.value == "reckless"
    assert update.level == "reckless"
    assert update.to_dict()["level"] == "reckless"
    assert api.Mode("fast") is api.Mode.FAST
    assert api.Mode(3).value == "3"  # never raises
    assert [m.value for m in api.Mode] == ["fast", "careful"]  # pseudo-members are not listed


def test_discriminator_is_set_automatically(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    assert api.Ping().to_dict() == {"type": "Ping"}
    assert api.Ping(seq=4).to_dict() == {"type": "Ping", "seq": 4}
    assert api.Ping(type="Ping", seq=4) == api.Ping(seq=4)  # a keyword, as in 0.45.4
    with pytest.raises(ValueError, match="'type' must be in"):
        api.Ping(type="Pong")  # to_dict sends the field: it must stay the message's tag
    assert api.Ping.from_dict({"seq": 1}) == api.Ping(seq=1)  # a missing tag is fine
    with pytest.raises(api.DecodeError, match="expected type 'Ping'"):
        api.Ping.from_dict({"type": "Pong"})


def test_optional_and_nullable_fields(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    at = dt.datetime(2025, 1, 1)
    # A server message reads None for a field it leaves out, so None is written as null
    # only where null is a value (`note`); client messages keep UNSET for "not sent".
    assert api.Hello(id="a", at=at).to_dict() == {
        "type": "Hello",
        "id": "a",
        "at": "2025-01-01T00:00:00",
        "note": None,
    }
    assert api.Hello(id=None, at=at).to_dict() == {
        "type": "Hello",
        "at": "2025-01-01T00:00:00",
        "note": None,
    }
    assert api.Ping().to_dict() == {"type": "Ping"}
    assert not api.UNSET
    assert repr(api.UNSET) == "UNSET"


def test_datetimes_accept_iso_text_and_epoch_seconds(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    for raw, expected in (
        ("2023-11-03T17:14:35.00332", dt.datetime(2023, 11, 3, 17, 14, 35, 3320)),
        ("2025-06-02T14:05:31Z", dt.datetime(2025, 6, 2, 14, 5, 31, tzinfo=dt.UTC)),
        (1748290043, dt.datetime(2025, 5, 26, 20, 7, 23, tzinfo=dt.UTC)),
    ):
        hello = api.decode({**HELLO, "at": raw})
        assert hello.at == expected
        assert hello.to_dict()["at"] == raw  # the received form is re-emitted unchanged
    hello.at = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert hello.to_dict()["at"] == "2030-01-01T00:00:00+00:00"
    assert api.decode({**HELLO, "at": "next tuesday"}).at == "next tuesday"  # kept as sent


def test_decode_dispatches_on_the_discriminator(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    assert type(api.decode(HELLO)) is api.Hello
    assert type(api.decode(UPDATE)) is api.Update
    problem = api.decode('{"error": "bad audio"}')
    assert type(problem) is api.Problem and problem.error == "bad audio"
    assert type(api.decode_client_message('{"type": "Ping"}')) is api.Ping


def test_unknown_messages_do_not_raise(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    for data in (
        {"type": "Brand-new", "x": 1},
        {"type": "Brand-new", "error": "has a type, so it is not a Problem"},
        {"something": "without a type"},
        {"type": 7},
        {},
    ):
        message = api.decode(data)
        assert isinstance(message, api.UnknownMessage)
        assert message.raw == data and message.to_dict() == data
        assert message.type == data.get("type")
    assert isinstance(api.decode_client_message(HELLO), api.UnknownMessage)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ("{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        ("[1, 2]", "expected a JSON object, got array"),
    ],
)
def test_only_what_is_not_a_json_object_fails(
    build: Callable[[str], ModuleType], data: str | bytes, match: str
) -> None:
    api = build(V3_SPEC)
    for strict in (False, True):
        with pytest.raises(api.DecodeError, match=match) as info:
            api.decode(data, strict=strict)
        assert isinstance(info.value, ValueError)


# Departures from the description: (message, attribute path, value read, strict error, kind).
DEPARTURES = [
    (
        {"type": "Hello", "at": "2025-01-01T00:00:00"},
        ("id",),
        None,
        "Hello: missing required field 'id'",
        "missing",
    ),
    (
        {**UPDATE, "items": [{"text": 5}]},
        ("items", 0, "text"),
        5,
        r"Update\.items\[0\]\.text: expected a string",
        "type",
    ),
    ({**UPDATE, "count": True}, ("count",), True, r"Update\.count: expected an integer", "type"),
    ({**UPDATE, "count": 1.5}, ("count",), 1.5, r"Update\.count: expected an integer", "type"),
    ({**UPDATE, "count": None}, ("count",), None, r"Update\.count: expected an integer", "null"),
    ({**UPDATE, "meta": {"k": "v"}}, ("meta",), {"k": "v"}, r"Update\.meta\.k: expected", "type"),
    ({**UPDATE, "items": {}}, ("items",), {}, r"Update\.items: expected an array", "type"),
    (
        {**UPDATE, "items": ["not an object"]},
        ("items",),
        ["not an object"],
        r"Update\.items\[0\]: expected an object",
        "type",
    ),
    (
        {**UPDATE, "level": "reckless"},
        ("level", "value"),
        "reckless",
        r"Update\.level: 'reckless' is not a known value",
        "enum",
    ),
    (
        {**HELLO, "at": "next tuesday"},
        ("at",),
        "next tuesday",
        r"Hello\.at: expected an ISO 8601 date-time",
        "type",
    ),
    (
        {**UPDATE, "brand_new": 1},
        ("additional_properties", "brand_new"),
        1,
        r"Update\.brand_new: a field the API description does not declare",
        "unknown-field",
    ),
]


def _attribute(message: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        message = (
            message[step]
            if isinstance(step, int)
            else (message[step] if isinstance(message, dict) else getattr(message, step))
        )
    return message


@pytest.mark.parametrize(("data", "path", "value", "match", "kind"), DEPARTURES)
def test_departures_are_read_leniently_logged_once_and_strict_raises(
    build: Callable[[str], ModuleType],
    caplog: pytest.LogCaptureFixture,
    data: dict[str, Any],
    path: tuple[str | int, ...],
    value: object,
    match: str,
    kind: str,
) -> None:
    api = build(V3_SPEC)
    text = json.dumps(data)
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        first = api.decode(text)
        again = api.decode(text)
    assert not isinstance(first, api.UnknownMessage)
    assert _attribute(first, path) == value and first == again
    logged = [r for r in caplog.records if r.name == "assemblyai.deviations"]
    assert len(logged) == 1, [r.getMessage() for r in logged]  # once, not per message
    assert logged[0].levelno == logging.DEBUG
    assert re.search(match, logged[0].getMessage()) and f"({kind})" in logged[0].getMessage()
    with pytest.raises(api.DecodeError, match=match):
        api.decode(text, strict=True)
    type(first).from_dict(data)  # lenient again: strictness does not leak out of the call
    with pytest.raises(api.DecodeError, match=match):
        type(first).from_dict(data, strict=True)
    token = api.STRICT_READING.set(True)
    try:
        with pytest.raises(api.DecodeError, match=match):
            api.decode(text)
        assert type(api.decode(text, strict=False)) is type(first)
    finally:
        api.STRICT_READING.reset(token)


def test_a_missing_field_reads_none_and_is_left_out_again(
    build: Callable[[str], ModuleType],
) -> None:
    api = build(V3_SPEC)
    update = api.decode({"type": "Update"})
    assert isinstance(update, api.Update)
    assert (update.count, update.level, update.items, update.score, update.meta) == (None,) * 5
    assert update.to_dict() == {"type": "Update"}
    hello = api.decode({"type": "Hello", "id": "x", "at": 1, "note": None})
    assert hello.to_dict()["note"] is None  # null is a value of `note`, so it is kept


def test_the_fast_path_agrees_with_the_lenient_path(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    for data in (UPDATE, {**UPDATE, "score": None}, {"type": "Update", "count": 1}):
        lenient = api.Update._from_dict(types.MappingProxyType(data), "Update")
        fast = api.Update._decode_fast(data)
        assert fast is None or fast == lenient
    assert api.Update._decode_fast(UPDATE) is not None
    assert api.Update._decode_fast({**UPDATE, "score": None}) is None  # null: reported, not fast


def test_unknown_messages_are_reported_and_raise_when_strict(
    build: Callable[[str], ModuleType], caplog: pytest.LogCaptureFixture
) -> None:
    api = build(V3_SPEC)
    with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
        for _ in range(3):
            assert isinstance(api.decode({"type": "SpeechStarted"}), api.UnknownMessage)
    assert caplog.text.count("SpeechStarted") == 1 and "(unknown-message)" in caplog.text
    with pytest.raises(api.DecodeError, match="'SpeechStarted': a message type that the API"):
        api.decode({"type": "SpeechStarted", "timestamp": 1}, strict=True)
    with pytest.raises(api.DecodeError, match=r"keys \['x'\] that matches no message"):
        api.decode({"x": 1}, strict=True)


def test_client_messages_stay_strict(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    with pytest.raises(api.DecodeError, match=r"Ping\.seq: expected an integer"):
        api.decode_client_message({"type": "Ping", "seq": "one"})
    assert api.Ping.from_dict({"type": "Ping"}).seq is api.UNSET


# --------------------------------------------------------------------------- connection


def test_connection_parameters_encode_the_query(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    params = api.ConnectionParameters(
        rate=16000,
        mode=api.Mode.CAREFUL,
        tags=["a b", 'c"d'],
        verbose=True,
        ratio=0.25,
        name="x y",
        additional_parameters={"future": "1", "rate": "ignored"},
    )
    query = params.to_query()
    assert query == {
        "rate": "16000",
        "mode": "careful",
        "tags": '["a b","c\\"d"]',
        "verbose": "true",
        "ratio": "0.25",
        "name": "x y",
        "future": "1",
    }
    assert list(query)[:6] == ["rate", "mode", "tags", "verbose", "ratio", "name"]
    assert api.ConnectionParameters.from_query(query) == api.ConnectionParameters(
        rate=16000,
        mode=api.Mode.CAREFUL,
        tags=["a b", 'c"d'],
        verbose=True,
        ratio=0.25,
        name="x y",
        additional_parameters={"future": "1"},
    )
    assert api.ConnectionParameters(rate=8000).to_query() == {"rate": "8000"}
    assert api.ConnectionParameters.from_query({"rate": "1", "verbose": "False"}).verbose is False
    with pytest.raises(api.DecodeError, match="query parameter 'rate' is missing"):
        api.ConnectionParameters.from_query({})
    with pytest.raises(api.DecodeError, match="query parameter 'tags'"):
        api.ConnectionParameters.from_query({"rate": "1", "tags": "['python', 'repr']"})


def test_connection_constants(build: Callable[[str], ModuleType]) -> None:
    api = build(V3_SPEC)
    assert api.CLOSE_CODES == {1013: "try later", 4001: "not allowed"}
    assert list(api.CLOSE_CODES) == [1013, 4001]
    assert api.QUERY_DEFAULTS == {"verbose": False, "ratio": 0.5}
    assert api.SERVER_URL == "wss://live.example.com"
    assert api.CHANNEL_ADDRESS == "/live"
    assert api.HEADER_NAMES == ("Authorization",)


# --------------------------------------------------------------------------- AsyncAPI 2


def test_asyncapi_2_document(build: Callable[[str], ModuleType]) -> None:
    api = build(V2_SPEC)
    started = api.decode('{"message_type": "Started", "session_id": "s"}')
    assert type(started) is api.Started and started.message_type == "Started"
    assert started.to_dict() == {"message_type": "Started", "session_id": "s"}
    assert type(api.decode({"message_type": "Said", "text": "hi"})) is api.Said
    assert type(api.decode({"error": "nope"})) is api.Failed
    unknown = api.decode({"message_type": "Other"})
    assert isinstance(unknown, api.UnknownMessage) and unknown.message_type == "Other"
    # client messages carry no discriminator: they are told apart by their required fields
    assert api.decode_client_message({"stop": True}) == api.Stop(stop=True)
    assert api.decode_client_message({"threshold": 300}) == api.Config(threshold=300)
    assert isinstance(api.decode_client_message({"other": 1}), api.UnknownMessage)
    assert api.ConnectionParameters(words=["x"]).to_query() == {"words": '["x"]'}
    assert api.SERVER_URL == "wss://old.example.com"
    assert api.CHANNEL_ADDRESS == "/ws"
    assert api.CLOSE_CODES == {}


def test_the_kitchen_sink_fixture(build: Callable[[str], ModuleType]) -> None:
    api = build((FIXTURES / "kitchen_sink.yml").read_text(encoding="utf-8"))
    doc = yaml.safe_load((FIXTURES / "kitchen_sink.yml").read_text(encoding="utf-8"))
    example = doc["components"]["messages"]["Envelope"]["examples"][0]["payload"]
    envelope = api.decode(example)
    assert isinstance(envelope, api.Envelope)
    assert (envelope.class_, envelope.camel_case_name, envelope.json_, envelope.self_) == (
        "first",
        3,
        True,
        "me",
    )
    assert (envelope.private, envelope.field_2fast) == ("p", 1.5)
    assert envelope.tree.children[0].label == "leaf"
    assert envelope.to_dict() == example
    # untagged messages: the most specific match wins
    assert type(api.decode({"alpha": "a", "beta": 1})) is api.Beta
    assert type(api.decode({"alpha": "a"})) is api.Alpha
    # a message sent both ways decodes on both sides
    assert type(api.decode({"kind": "echo"})) is api.Echo
    assert type(api.decode_client_message({"kind": "echo"})) is api.Echo
    assert api.Colour("10-bit") is api.Colour.VALUE_10_BIT
    assert api.ConnectionParameters.from_query(
        {"a_rather_long_query_parameter_name_for_layout_checks": "1", "choices": '["red","mauve"]'}
    ).choices == [api.Colour.RED, api.Colour("mauve")]
    assert api.SERVER_URL == "ws://localhost:8765/base"


# --------------------------------------------------------------------------- the output itself


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_generation_is_deterministic(tmp_path: Path) -> None:
    spec = _write(tmp_path, "spec.yml", V3_SPEC)
    first = generate(spec, tmp_path / "one")
    second = generate(spec, tmp_path / "two")
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.name for p in first] == sorted(p.name for p in first)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    # and independent of the order of the components in the document
    doc = yaml.safe_load(textwrap.dedent(V3_SPEC))
    doc["components"]["schemas"] = dict(reversed(doc["components"]["schemas"].items()))
    doc["components"]["messages"] = dict(reversed(doc["components"]["messages"].items()))
    (tmp_path / "shuffled.yml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    third = generate(tmp_path / "shuffled.yml", tmp_path / "three")
    for a, b in zip(first, third, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def _generated_dirs(tmp_path: Path) -> list[Path]:
    dirs = []
    for name, text in (("tiny3", V3_SPEC), ("tiny2", V2_SPEC)):
        spec = _write(tmp_path, f"{name}.yml", text)
        generate(spec, tmp_path / name)
        dirs.append(tmp_path / name)
    generate(FIXTURES / "kitchen_sink.yml", tmp_path / "sink")
    dirs.append(tmp_path / "sink")
    return dirs


def test_output_is_ruff_clean(tmp_path: Path) -> None:
    dirs = [str(d) for d in _generated_dirs(tmp_path)]
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(REPO / "pyproject.toml")]
    check = subprocess.run(
        [*ruff, "check", "--no-cache", *config, *dirs], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = subprocess.run(
        [*ruff, "format", "--check", "--diff", "--no-cache", *config, *dirs],
        capture_output=True,
        text=True,
        check=False,
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


USAGE = """
from __future__ import annotations

import datetime

import tiny3


def use(data: str) -> str:
    message = tiny3.decode(data)
    if isinstance(message, tiny3.Update):
        count: int | None = message.count
        level: tiny3.Mode | None = message.level
        score: float | None = message.score
        first: tiny3.Item | None = message.items[0] if message.items else None
        return f"{count}{level}{score}{first and first.text}"
    if isinstance(message, tiny3.Hello):
        at: datetime.datetime | None = message.at
        note: str | None = message.note
        return f"{at}{note}"
    if isinstance(message, tiny3.UnknownMessage):
        return str(message.type)
    return message.error or "" if isinstance(message, tiny3.Problem) else ""


strict = tiny3.decode("{}", strict=True)


ping: tiny3.ClientMessage = tiny3.Ping(seq=1)
text: str = tiny3.encode(ping)
query: dict[str, str] = tiny3.ConnectionParameters(rate=1, mode=tiny3.Mode.FAST).to_query()
codes: dict[int, str] = tiny3.CLOSE_CODES
"""


def test_output_passes_mypy_strict(tmp_path: Path) -> None:
    dirs = _generated_dirs(tmp_path)
    _write(tmp_path, "usage.py", USAGE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            *(d.name for d in dirs),
            "usage.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_output_imports_only_attrs_and_the_standard_library(tmp_path: Path) -> None:
    allowed = set(sys.stdlib_module_names) | {"attrs", "__future__"}
    for directory in _generated_dirs(tmp_path):
        for path in directory.glob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith(("import ", "from ")) and not line.startswith("from ."):
                    module = line.split()[1].split(".")[0]
                    assert module in allowed, f"{path.name}: {line}"


# --------------------------------------------------------------------------- entry points


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _write(tmp_path, "spec.yml", V3_SPEC)
    assert main([str(spec), str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out.split()
    assert [Path(p).name for p in printed] == [
        "__init__.py",
        "_runtime.py",
        "connection.py",
        "enums.py",
        "messages.py",
        "parameters.py",
    ]
    bad = _write(tmp_path, "bad.yml", V3_SPEC.replace("3.0.0", "9.9.9"))
    assert main([str(bad), str(tmp_path / "never")]) == 1
    assert "#/asyncapi: unsupported AsyncAPI version '9.9.9'" in capsys.readouterr().err
    assert not (tmp_path / "never").exists()


# --------------------------------------------------------------------------- normalize


PUBLISHED_STYLE = {
    "asyncapi": "3.0.0",
    "info": {"title": "t", "version": "1"},
    "channels": {
        "c": {
            "address": "/v/{version}/ws",
            "parameters": {
                "version": {"description": "a real address parameter"},
                "sample_rate": {"location": "$message.payload#/sample_rate", "examples": ["16000"]},
                "threshold": {"examples": ["0.4", "0.7"], "default": "0.4"},
                "switch": {"enum": ["true", "false"], "default": "false"},
                "colour": {"enum": ["red", "blue"], "default": "red"},
                "words": {"schema": {"type": "array", "items": {"type": "string"}}},
                "token": {"description": "free text"},
                "ApiKey": {"location": "$message.header#/Authorization", "examples": ["k"]},
            },
            "x-close-codes": {4000: "bad"},
            "messages": {"m": {"$ref": "#/components/messages/M"}},
        }
    },
    "operations": {
        "o": {
            "action": "receive",
            "channel": {"$ref": "#/channels/c"},
            "messages": [{"$ref": "#/channels/c/messages/m"}],
        }
    },
    "components": {
        "messages": {"M": {"payload": {"$ref": "#/components/schemas/M"}}},
        "schemas": {
            "Base": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"kind": {"type": "string"}},
            },
            "M": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "kind": {"type": "string", "const": "m"},
                            "limit": {"type": "integer", "nullable": True},
                            "at": {"type": "string", "x-fern-type": "datetime"},
                        },
                    },
                ],
                "examples": [{"nullable": True, "type": "kept as data"}],
            },
        },
    },
}


def test_normalize_repairs_published_defects() -> None:
    original = json.loads(json.dumps(PUBLISHED_STYLE, default=str))
    fixed = normalize(PUBLISHED_STYLE)
    assert json.loads(json.dumps(PUBLISHED_STYLE, default=str)) == original  # input untouched
    channel = fixed["channels"]["c"]
    assert channel["parameters"] == {"version": {"description": "a real address parameter"}}
    query = channel["bindings"]["ws"]["query"]["properties"]
    assert query == {
        "sample_rate": {"type": "integer", "examples": [16000]},
        "threshold": {"type": "number", "default": 0.4, "examples": [0.4, 0.7]},
        "switch": {"type": "boolean", "default": False},
        "colour": {"type": "string", "enum": ["red", "blue"], "default": "red"},
        "words": {"type": "array", "items": {"type": "string"}},
        "token": {"type": "string", "description": "free text"},
    }
    assert channel["bindings"]["ws"]["headers"]["properties"] == {
        "Authorization": {"type": "string"}
    }
    assert channel["x-close-codes"] == {"4000": "bad"}
    schemas = fixed["components"]["schemas"]
    assert "additionalProperties" not in schemas["Base"]
    part = schemas["M"]["allOf"][1]
    assert "additionalProperties" not in part
    assert part["properties"]["limit"] == {"type": ["integer", "null"]}
    assert part["properties"]["at"]["format"] == "date-time"
    assert schemas["M"]["examples"] == [{"nullable": True, "type": "kept as data"}]
    assert normalize(fixed) == fixed  # idempotent
    document = parse(fixed)
    assert [q.wire_name for q in document.query][:2] == ["sample_rate", "threshold"]


def test_normalize_leaves_our_specs_alone() -> None:
    from generator.asyncapi import load_file

    for name in ("streaming.asyncapi.yml", "realtime.asyncapi.yml"):
        doc: Any = load_file(REPO / "spec" / name)
        assert normalize(doc) == doc, name
