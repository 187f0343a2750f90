"""Drift checks that walk the AsyncAPI documents in `spec/` instead of pinning lists.

- Every handshake query parameter of v3 streaming (credentials aside) is a keyword of
  `StreamingParameters`, and a value given for it reaches the handshake query that the
  loopback sandbox (`assemblyai.testing.FakeAssemblyAI`) records.
- Every message the v3 server sends, decoded from the examples in the spec, reaches the
  public layer as a class that handlers subscribe to (`StreamingEvents`), never as
  `UnknownEvent`.
- Every message the v2 server sends has a member in the public `RealtimeMessageTypes`.
"""

from __future__ import annotations

import inspect
import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from assemblyai.streaming._connection.common import encode_query_value
from assemblyai.streaming.v2.models import RealtimeMessageTypes
from assemblyai.streaming.v3 import (
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
    UnknownEvent,
)
from assemblyai.streaming.v3 import _protocol as v3
from assemblyai.testing import FakeAssemblyAI
from generator.asyncapi import Document, load_file, normalize, parse
from generator.asyncapi.model import Direction, TypeKind

SPEC = Path(__file__).resolve().parents[2] / "spec"

pytestmark = pytest.mark.timeout(60)


def _document(name: str) -> tuple[Document, dict[str, Any]]:
    raw = normalize(load_file(SPEC / name))
    return parse(raw), raw


V3, V3_RAW = _document("streaming.asyncapi.yml")
V2, _ = _document("realtime.asyncapi.yml")


def _query_schema(raw: dict[str, Any], name: str) -> dict[str, Any]:
    (channel,) = raw["channels"].values()
    schema: dict[str, Any] = channel["bindings"]["ws"]["query"]["properties"][name]
    if "$ref" in schema:
        schema = raw["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _sample(name: str) -> object:
    """A value for the parameter that the spec allows and that differs from its default."""
    field = next(f for f in V3.parameters if f.wire_name == name)
    schema = _query_schema(V3_RAW, name)
    if field.type.kind is TypeKind.ENUM:
        values = [v for v in schema["enum"] if v != schema.get("default")]
        return values[0]
    if field.type.kind is TypeKind.BOOLEAN:
        return not schema.get("default", False)
    examples = schema.get("examples")
    assert examples, f"{name}: give the query parameter an example in the spec"
    return examples[0]


def test_every_query_parameter_is_a_typed_keyword() -> None:
    signature = inspect.signature(StreamingParameters)
    for field in V3.parameters:
        parameter = signature.parameters.get(field.python_name)
        assert parameter is not None, f"StreamingParameters has no keyword {field.python_name!r}"
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        assert parameter.annotation is not inspect.Parameter.empty
    credentials = set(V3.credentials)
    assert credentials == {"token"}  # set from StreamingClientOptions(token=...) instead
    assert not credentials & set(signature.parameters)


def test_every_query_parameter_is_sent_on_the_handshake() -> None:
    values = {f.python_name: _sample(f.wire_name) for f in V3.parameters}
    with FakeAssemblyAI() as fake:
        client = StreamingClient(StreamingClientOptions())
        client.connect(StreamingParameters(**values))  # type: ignore[arg-type]
        client.disconnect(terminate=True)
        (session,) = fake.streaming_sessions
    for field in V3.parameters:
        if field.renamed_to is not None:
            # A former name is sent under its new one, whose own value wins (1.0.0's rule).
            assert field.wire_name not in session.query, field.wire_name
            continue
        assert session.query.get(field.wire_name) == encode_query_value(
            values[field.python_name]
        ), field.wire_name


def test_a_parameter_the_spec_does_not_list_is_sent_too() -> None:
    params = StreamingParameters(sample_rate=16_000, future_option=["a b"])
    request = v3.connect_request(StreamingClientOptions(api_key="key"), params)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(request.url).query))
    assert query == {"sample_rate": "16000", "future_option": '["a b"]'}


def test_every_server_message_reaches_its_event() -> None:
    server = [m for m in V3.messages_for(Direction.RECEIVE) if not m.is_raw]
    assert {m.name for m in server} | {"Unknown"} == {e.value for e in StreamingEvents}
    for message in server:
        assert message.examples, f"{message.name}: give the message an example in the spec"
        for example in message.examples:
            (event,) = v3.Session().receive(json.dumps(example))
            assert not isinstance(event, UnknownEvent), message.name
            member, delivered = v3.handler_target(event)
            assert member is StreamingEvents(message.name) or (
                message.name == "Error" and member is StreamingEvents.Error
            )
            assert delivered is not None


def test_every_v2_server_message_has_a_public_message_type() -> None:
    tags = {m.tag for m in V2.messages_for(Direction.RECEIVE) if m.tag is not None}
    assert tags <= {t.value for t in RealtimeMessageTypes}


def test_public_streaming_enums_are_the_generated_ones() -> None:
    from assemblyai._generated import streaming as gen
    from assemblyai.streaming.v3 import Encoding, SpeechModel

    assert Encoding is gen.Encoding and SpeechModel is gen.SpeechModel
    for enum_def in V3.enums:
        if enum_def.name in ("Encoding", "SpeechModel"):
            public = Encoding if enum_def.name == "Encoding" else SpeechModel
            assert {m.python_name: m.value for m in enum_def.members} == {
                m.name: m.value for m in public
            }
    # 0.45.4's member names, from the spec's x-enum-varnames
    assert Encoding.pcm_s16le.value == "pcm_s16le"
    assert SpeechModel.universal_streaming_multilingual.value == "universal-streaming-multilingual"
