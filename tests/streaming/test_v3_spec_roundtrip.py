"""v3 streaming as `spec/streaming.asyncapi.yml` describes it, through both clients.

Generated from the spec: the parameters and messages are walked from the document, never
listed here, so a parameter or message added to the spec is tested by `make regen` alone.
Each test runs against the threaded and the asyncio client over real loopback websockets:

- every connect parameter given to `StreamingParameters` reaches the sandbox's handshake query
  (a former name, `x-sdk-renamed-to`, under its new one);
- every session parameter given to `set_params` reaches the sandbox in an
  `UpdateConfiguration` and changes the session's settings;
- every example of every message the server may send arrives as its public typed class
  (`<Message>Event` of `assemblyai.streaming.v3`) with every field, an Error as a
  `StreamingError` carrying the code, through `on()` handlers and `async for`;
- the sandbox itself sends every message of the spec (Error aside, covered above) in a
  Universal-3 Pro session that turns every feature on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest

import assemblyai.streaming.v3 as v3
from assemblyai.streaming._connection.common import encode_query_value
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    UnknownEvent,
)
from assemblyai.testing import FakeAssemblyAI
from generator.asyncapi import load_file, normalize, parse
from generator.asyncapi.model import Direction, Field, TypeKind

from .drivers import KINDS, Driver, make_driver, silence
from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(60)

SPEC = Path(__file__).resolve().parents[2] / "spec" / "streaming.asyncapi.yml"
RAW = normalize(load_file(SPEC))
DOC = parse(RAW)
SERVER_MESSAGES = [m for m in DOC.messages_for(Direction.RECEIVE) if not m.is_raw]
EXAMPLES: list[tuple[str, dict[str, Any]]] = [
    (m.name, cast("dict[str, Any]", example)) for m in SERVER_MESSAGES for example in m.examples
]

T = TypeVar("T")


def run(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(scenario())


def _schema(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = RAW["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _query_schema(name: str) -> dict[str, Any]:
    (channel,) = RAW["channels"].values()
    return _schema(channel["bindings"]["ws"]["query"]["properties"][name])


def sample(field: Field) -> object:
    """A value the spec allows for the parameter, other than the server's default."""
    schema = _query_schema(field.wire_name)
    if field.type.kind is TypeKind.ENUM:
        return next(v for v in schema["enum"] if v != schema.get("default"))
    if field.type.kind is TypeKind.BOOLEAN:
        return not schema.get("default", False)
    examples = schema.get("examples")
    assert examples, f"{field.wire_name}: give the parameter an example in the spec"
    return examples[0]


def wire(value: object) -> object:
    """What the value is as JSON (the sandbox records query text and decoded messages)."""
    return value.to_dict() if hasattr(value, "to_dict") else value


def sent_names(fields: list[Field]) -> dict[str, Field]:
    """The fields by the name they are sent under: a former name is not sent itself."""
    return {f.wire_name: f for f in fields if f.renamed_to is None}


@pytest.fixture
def fake() -> Any:
    with FakeAssemblyAI() as fake:
        yield fake


def sandbox_options(fake: FakeAssemblyAI) -> StreamingClientOptions:
    return StreamingClientOptions(api_host=fake.streaming_url, api_key=fake.api_key)


@pytest.mark.parametrize("kind", KINDS)
def test_every_connect_parameter_reaches_the_handshake(kind: str, fake: FakeAssemblyAI) -> None:
    values = {f.python_name: sample(f) for f in DOC.parameters}

    async def scenario() -> None:
        driver = make_driver(kind, sandbox_options(fake))
        await driver.connect(StreamingParameters(**values))  # type: ignore[arg-type]
        await driver.disconnect(terminate=True)
        assert driver.errors == []

    run(scenario)
    (session,) = fake.streaming_sessions
    expected = sent_names(list(DOC.parameters))
    assert set(session.query) == set(expected)
    for name, field in expected.items():
        assert session.query[name] == encode_query_value(wire(values[field.python_name])), name


@pytest.mark.parametrize("kind", KINDS)
def test_every_session_parameter_reaches_update_configuration(
    kind: str, fake: FakeAssemblyAI
) -> None:
    session_fields = list(DOC.session_parameters)
    assert session_fields, "the spec has no session parameters"
    values = {f.python_name: sample(f) for f in session_fields}

    async def scenario() -> None:
        driver = make_driver(kind, sandbox_options(fake))
        await driver.connect(StreamingParameters(sample_rate=16_000))
        await driver.set_params(StreamingSessionParameters(**values))  # type: ignore[arg-type]
        await driver.disconnect(terminate=True)
        assert driver.errors == []

    run(scenario)
    (session,) = fake.streaming_sessions
    updates = [m for m in session.messages if m.get("type") == "UpdateConfiguration"]
    assert len(updates) == 1
    expected = sent_names(session_fields)
    assert set(updates[0]) == {"type", *expected}
    for name, field in expected.items():
        assert updates[0][name] == wire(values[field.python_name]), name
        assert session.config[name] == updates[0][name], name


def public_class(message_name: str) -> type[Any]:
    cls = getattr(v3, f"{message_name}Event", None)
    assert cls is not None, f"assemblyai.streaming.v3 has no {message_name}Event"
    return cls  # type: ignore[no-any-return]


def check_delivered(name: str, example: dict[str, Any], member: Any, event: Any) -> None:
    if name == "Error":
        assert member is StreamingEvents.Error and isinstance(event, StreamingError)
        assert str(event) == example["error"] and event.code == example.get("error_code")
        return
    assert member is StreamingEvents(name)
    assert not isinstance(event, UnknownEvent)
    assert isinstance(event, public_class(name)), (name, type(event))
    assert event.to_dict() == example, name
    for key in example:
        if key != "type":
            assert getattr(event, key) is not None, f"{name}.{key}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_server_message_arrives_as_its_typed_event(kind: str) -> None:
    assert {m.name for m in SERVER_MESSAGES} | {"Unknown"} == {e.value for e in StreamingEvents}
    with FakeStreamingServer("v3") as server:
        server.messages_after_begin = [example for _, example in EXAMPLES]

        async def scenario() -> Driver:
            options = StreamingClientOptions(api_host=server.url, api_key=server.api_key)
            driver = make_driver(kind, options)
            await driver.connect(StreamingParameters(sample_rate=16_000))
            await driver.wait_for(lambda: len(driver.events) >= 1 + len(EXAMPLES))
            await driver.disconnect()
            return driver

        driver = run(scenario)
    assert server.errors == []
    for (name, example), (member, event) in zip(EXAMPLES, driver.events[1:], strict=True):
        check_delivered(name, example, member, event)


def test_async_for_yields_every_server_message_typed() -> None:
    with FakeStreamingServer("v3") as server:
        server.messages_after_begin = [example for _, example in EXAMPLES]

        async def scenario() -> list[Any]:
            options = StreamingClientOptions(api_host=server.url, api_key=server.api_key)
            client = AsyncStreamingClient(options)
            await client.connect(StreamingParameters(sample_rate=16_000))
            events: list[Any] = []
            async for event in client:
                events.append(event)
                if len(events) == 1 + len(EXAMPLES):
                    await client.disconnect()
            return events

        events = run(scenario)
    for (name, example), event in zip(EXAMPLES, events[1:], strict=True):
        if name == "Error":
            assert (
                isinstance(event, v3.models.ErrorEvent)
                and event.to_dict()["error"] == (example["error"])
            )
        else:
            assert isinstance(event, public_class(name)) and event.to_dict() == example


ALL_FEATURES: dict[str, object] = {
    "sample_rate": 16_000,
    "speech_model": "u3-rt-pro",
    "speaker_labels": True,
    "language_detection": True,
    "language_codes": ["en", "es"],
    "session_heartbeat": True,
    "format_turns": True,  # Universal-3 Pro formats anyway: a Warning says it is ignored
    "llm_gateway": {
        "model": "claude-sonnet-4-20250514",
        "messages": [{"role": "system", "content": "Be brief."}],
        "max_tokens": 50,
    },
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_sandbox_sends_every_server_message_of_the_spec(
    kind: str, fake: FakeAssemblyAI
) -> None:
    fake.streaming_text = "Hi. My name is Sonny. Nice to meet you."

    async def scenario() -> Driver:
        driver = make_driver(kind, sandbox_options(fake))
        await driver.connect(StreamingParameters(**ALL_FEATURES))  # type: ignore[arg-type]
        await driver.stream(silence(3.2))
        await driver.disconnect(terminate=True)
        return driver

    driver = run(scenario)
    (session,) = fake.streaming_sessions
    expected = {m.name for m in SERVER_MESSAGES} - {"Error"}
    assert {m["type"] for m in session.sent} == expected
    for message, (member, event) in zip(session.sent, driver.events, strict=True):
        assert member is StreamingEvents(message["type"])
        assert isinstance(event, public_class(message["type"]))
        assert event.to_dict() == message
    begin = driver.of(StreamingEvents.Begin)[0]
    assert begin.configuration.model == "u3-rt-pro"
    finals = [t for t in driver.of(StreamingEvents.Turn) if t.end_of_turn]
    assert [t.transcript for t in finals[:2]] == ["Hi.", "My name is Sonny."]
    assert [t.speaker_label for t in finals[:2]] == ["UNKNOWN", "B"]
    assert all(t.turn_is_formatted and t.language_code == "en" for t in finals)
    (revision, *_) = driver.of(StreamingEvents.SpeakerRevision)
    assert [(r.turn_order, r.speaker_label) for r in revision.revisions] == [(0, "A")]
    assert revision.revisions[0].words[0].speaker == "A"
    answers = driver.of(StreamingEvents.LLMGatewayResponse)
    assert answers[0].data["choices"][0]["message"]["content"] == "You said: Hi."
    (warning,) = driver.of(StreamingEvents.Warning)
    assert "format_turns" in warning.warning
    assert len(driver.of(StreamingEvents.Heartbeat)) == 3
