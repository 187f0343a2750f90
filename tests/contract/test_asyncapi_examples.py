"""Our two AsyncAPI files (`spec/`) against their own examples and the published description.

- Every message has an example; every example is valid against its payload schema, and
  decodes through the generated code to the message's class and re-encodes unchanged.
- The connection facts (close codes, query parameters, message set) are the ones the
  official SDK relies on.
- Compared with the published files (`../shared/reference/spec/`): the same messages,
  properties, types, enums and required lists, except for the fixes our files document
  with a comment; the examples of the published files decode with our classes; the
  published files themselves still generate; and no prose was copied.
"""

from __future__ import annotations

import base64
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from generator.asyncapi import generate, load_file, normalize, parse
from generator.asyncapi.model import Direction, Document, Message, TypeKind

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "spec"
REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "spec"
OURS = {"streaming": "streaming.asyncapi.yml", "realtime": "realtime.asyncapi.yml"}
PUBLISHED = {"streaming": "usm-streaming.yml", "realtime": "asyncapi.yml"}
PUBLISHED_2026 = {"streaming": ("usm-streaming.yml", "usm-streaming-u3-pro.yml")}

needs_reference = pytest.mark.skipif(
    not REFERENCE_DIR.is_dir(), reason=f"published description not found at {REFERENCE_DIR}"
)


def _import(directory: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(directory))


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    root = tmp_path_factory.mktemp("generated")
    result = {}
    for kind, filename in OURS.items():
        name = f"contract_{kind}"
        generate(SPEC_DIR / filename, root / name)
        result[kind] = _import(root, name)
    yield result
    for key in [k for k in sys.modules if k.startswith("contract_")]:
        del sys.modules[key]


def _document(kind: str) -> tuple[dict[str, Any], Document]:
    raw = normalize(load_file(SPEC_DIR / OURS[kind]))
    return raw, parse(raw)


def _examples(kind: str) -> list[tuple[str, Message, Any]]:
    _, document = _document(kind)
    return [
        (f"{kind}:{m.name}[{i}]", m, example)
        for m in document.messages
        for i, example in enumerate(m.examples)
    ]


ALL_EXAMPLES = [item for kind in OURS for item in _examples(kind)]


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("kind", list(OURS))
def test_every_message_has_an_example(kind: str) -> None:
    _, document = _document(kind)
    assert [m.name for m in document.messages if not m.examples] == []


@pytest.mark.parametrize(
    ("label", "message", "example"), ALL_EXAMPLES, ids=[label for label, _, _ in ALL_EXAMPLES]
)
def test_example_is_valid_against_its_schema(label: str, message: Message, example: Any) -> None:
    kind = label.split(":")[0]
    raw, _ = _document(kind)
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(raw, default_specification=DRAFT7)
    )
    pointer = message.pointer.removeprefix("#")
    validator = Draft7Validator({"$ref": f"urn:spec#{pointer}/payload"}, registry=registry)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(example)]
    assert errors == []


@pytest.mark.parametrize(
    ("label", "message", "example"), ALL_EXAMPLES, ids=[label for label, _, _ in ALL_EXAMPLES]
)
def test_example_decodes_to_its_class_and_re_encodes(
    packages: dict[str, ModuleType], label: str, message: Message, example: Any
) -> None:
    api = packages[label.split(":")[0]]
    if message.is_raw:
        assert message.binary
        assert base64.b64decode(example, validate=True)  # binary frames are shown base64-encoded
        return
    text = json.dumps(example)
    decoders = []
    if Direction.RECEIVE in message.directions:
        decoders.append(api.decode)
    if Direction.SEND in message.directions:
        decoders.append(api.decode_client_message)
    for decode in decoders:
        decoded = decode(text)
        assert type(decoded) is getattr(api, message.name)
        assert decoded.additional_properties == {}
        assert decoded.to_dict() == example
        assert json.loads(api.encode(decoded)) == example
        assert decode(example) == decoded


# --------------------------------------------------------------------------- connection facts

V3_CLOSE_CODES = {
    1013: "temporary server condition",
    3005: "server error",
    3006: "input validation error",
    3007: "audio chunk duration violation",
    3008: "session expired (maximum session duration exceeded)",
    3009: "too many concurrent sessions",
    4000: "sample rate must be positive",
    4001: "Not Authorized",
    4002: "Insufficient Funds",
    4003: "paid-only feature",
    4004: "Session Not Found",
    4008: "Session Expired",
    4010: "Session Previously Closed",
    4029: "audio sent too fast",
    4030: "session handled by another websocket",
    4031: "idle too long",
    4032: "audio too short",
    4033: "audio too long",
    4034: "audio too small to transcode",
    4100: "invalid JSON",
    4101: "invalid schema",
    4102: "too many streams",
    4103: "session reconnected",
}


def test_close_codes(packages: dict[str, ModuleType]) -> None:
    assert packages["streaming"].CLOSE_CODES == V3_CLOSE_CODES
    v2_codes = {code: text for code, text in V3_CLOSE_CODES.items() if not 3000 <= code < 4000}
    realtime_codes = packages["realtime"].CLOSE_CODES
    assert realtime_codes == {**v2_codes, 4104: "could not parse word boost"}


V3_2025_QUERY = [
    "end_of_turn_confidence_threshold",
    "min_end_of_turn_silence_when_confident",
    "max_turn_silence",
    "format_turns",
    "keyterms_prompt",
    "filter_profanity",
    "sample_rate",
    "encoding",
    "speech_model",
    "language",
    "token",
]


def test_streaming_connection(packages: dict[str, ModuleType]) -> None:
    api = packages["streaming"]
    assert api.SERVER_URL + api.CHANNEL_ADDRESS == "wss://streaming.assemblyai.com/v3/ws"
    assert api.HEADER_NAMES == ("Authorization",)
    _, document = _document("streaming")
    query = {q.wire_name: q for q in document.query}
    # The official SDK's order: 0.45.4's parameters keep theirs, the 2026 ones join them.
    old = [q for q in query if q in V3_2025_QUERY]
    assert old == V3_2025_QUERY
    assert len(query) == 40 and list(query)[-1] == "token"
    # sample_rate: required only for raw PCM (x-sdk-required-unless), so by no plain rule
    assert [q for q in query if query[q].required] == []
    assert query["sample_rate"].required_unless == ("encoding", ("opus", "ogg_opus", "aac"))
    assert query["min_end_of_turn_silence_when_confident"].renamed_to == "min_turn_silence"
    assert [m.value for m in api.Encoding] == ["pcm_s16le", "pcm_mulaw", "opus", "ogg_opus", "aac"]
    assert [m.value for m in api.SpeechModel][:3] == [
        "universal-streaming-english",
        "universal-streaming-multilingual",
        "u3-rt-pro",
    ]
    assert api.QUERY_DEFAULTS == {
        "end_of_turn_confidence_threshold": 0.4,
        "min_turn_silence": 400,
        "max_turn_silence": 1280,
        "vad_threshold": 0.4,
        "format_turns": False,
        "filter_profanity": False,
        "session_heartbeat": False,
        "encoding": "pcm_s16le",
        "speech_model": "universal-streaming-english",
        "language": "en",
        "language_detection": False,
        "speaker_labels": False,
    }
    params = api.ConnectionParameters(
        sample_rate=16000,
        encoding=api.Encoding.pcm_s16le,
        format_turns=True,
        keyterms_prompt=["a b", "c"],
    )
    assert params.to_query() == {
        "format_turns": "true",
        "keyterms_prompt": '["a b","c"]',
        "sample_rate": "16000",
        "encoding": "pcm_s16le",
    }
    assert api.UpdateConfiguration(max_turn_silence=100).to_dict() == {
        "type": "UpdateConfiguration",
        "max_turn_silence": 100,
    }
    assert api.encode(api.Terminate()) == '{"type":"Terminate"}'
    assert api.encode(api.ForceEndpoint()) == '{"type":"ForceEndpoint"}'


def test_realtime_connection(packages: dict[str, ModuleType]) -> None:
    api = packages["realtime"]
    assert api.SERVER_URL + api.CHANNEL_ADDRESS == "wss://api.assemblyai.com/v2/realtime/ws"
    _, document = _document("realtime")
    assert [q.wire_name for q in document.query] == [
        "sample_rate",
        "word_boost",
        "encoding",
        "token",
        "disable_partial_transcripts",
        "enable_extra_session_information",
    ]
    params = api.ConnectionParameters(sample_rate=8000, word_boost=["foo", "bar"])
    assert params.to_query() == {"sample_rate": "8000", "word_boost": '["foo","bar"]'}
    assert api.encode(api.TerminateSession(terminate_session=True)) == '{"terminate_session":true}'


def test_message_sets() -> None:
    def summary(document: Document) -> dict[str, list[tuple[str, str | None]]]:
        return {
            direction.value: [(m.name, m.tag) for m in document.messages_for(direction)]
            for direction in Direction
        }

    assert summary(_document("streaming")[1]) == {
        "send": [
            ("Audio", None),
            ("ForceEndpoint", "ForceEndpoint"),
            ("KeepAlive", "KeepAlive"),
            ("Terminate", "Terminate"),
            ("UpdateConfiguration", "UpdateConfiguration"),
        ],
        "receive": [
            ("Begin", "Begin"),
            ("Error", "Error"),  # also without its tag (the 2025 form), by `error`
            ("Heartbeat", "Heartbeat"),
            ("LLMGatewayResponse", "LLMGatewayResponse"),
            ("SpeakerRevision", "SpeakerRevision"),
            ("SpeechStarted", "SpeechStarted"),
            ("Termination", "Termination"),
            ("Turn", "Turn"),
            ("Warning", "Warning"),
        ],
    }
    assert summary(_document("realtime")[1]) == {
        "send": [
            ("AudioData", None),
            ("ConfigureEndUtteranceSilenceThreshold", None),
            ("ForceEndUtterance", None),
            ("TerminateSession", None),
        ],
        "receive": [
            ("FinalTranscript", "FinalTranscript"),
            ("PartialTranscript", "PartialTranscript"),
            ("RealtimeError", None),
            ("SessionBegins", "SessionBegins"),
            ("SessionInformation", "SessionInformation"),
            ("SessionTerminated", "SessionTerminated"),
        ],
    }


# --------------------------------------------------------------------------- published files

# Differences from the published files that our files make on purpose (see the "Fix:"
# comments there): (message tag or "query", property) -> (published kind, our kind).
KIND_FIXES = {
    "streaming": {
        ("Termination", "audio_duration_seconds"): (TypeKind.INTEGER, TypeKind.NUMBER),
        ("Termination", "session_duration_seconds"): (TypeKind.INTEGER, TypeKind.NUMBER),
    },
    "realtime": {("query", "word_boost"): (TypeKind.STRING, TypeKind.LIST)},
}
# Properties only our files have: (tag, nested object or "query", property). For v3 streaming:
# what 0.45.4 sent beyond the 2025 file, then the 2026 revision and Universal-3 Pro (see the
# streaming sections of spec/SOURCE.toml).
_V3_2026_QUERY = """agent_context continuous_partials customer_support_audio_capture domain
    inactivity_timeout include_partial_turns interruption_delay language_code language_codes
    language_detection llm_gateway max_speakers min_turn_silence mode noise_suppression_model
    noise_suppression_threshold prompt redact_pii redact_pii_policies redact_pii_sub
    session_heartbeat speaker_labels turn_left_pad_ms vad_threshold voice_focus
    voice_focus_threshold webhook_auth_header_name webhook_auth_header_value webhook_url"""
_V3_2026_UPDATE = """min_turn_silence vad_threshold prompt agent_context interruption_delay
    turn_left_pad_ms language_codes session_heartbeat"""
ADDED = {
    "streaming": {
        ("UpdateConfiguration", "format_turns"),
        ("UpdateConfiguration", "keyterms_prompt"),
        ("UpdateConfiguration", "filter_profanity"),
        ("query", "filter_profanity"),
        *(("query", name) for name in _V3_2026_QUERY.split()),
        *(("UpdateConfiguration", name) for name in _V3_2026_UPDATE.split()),
        ("Begin", "configuration"),
        ("Turn", "language_code"),
        ("Turn", "language_confidence"),
        ("Turn", "speaker_label"),
        ("Word", "speaker"),
    },
    "realtime": set(),
}
# Messages only our files have, by tag (or required keys): the v3 error message is missing
# from the published file; the rest are 2026 messages.
ADDED_MESSAGES = {
    "streaming": {"Error", "KeepAlive", "SpeechStarted", "Warning", "Heartbeat"}
    | {"LLMGatewayResponse", "SpeakerRevision"},
    "realtime": set(),
}
# Required-ness that differs from the published file.
REQUIRED_FIXES: dict[str, set[tuple[str, str]]] = {"streaming": set(), "realtime": set()}


def _published(kind: str) -> tuple[dict[str, Any], Document]:
    raw = normalize(load_file(REFERENCE_DIR / PUBLISHED[kind]))
    return raw, parse(raw)


def _key(message: Message) -> str:
    return message.tag if message.tag is not None else ",".join(sorted(message.match_keys))


def _fields(document: Document, message: Message) -> dict[str, Any]:
    assert message.payload is not None
    return {f.wire_name: f for f in message.payload.fields}


def _enum_values(document: Document, name: str | None) -> list[str]:
    enum = next(e for e in document.enums if e.name == name)
    return [m.value for m in enum.members]


def _compare(kind: str, scope: str, theirs: Any, ours: Any, pub: Document, own: Document) -> None:
    fix = KIND_FIXES[kind].get((scope, theirs.wire_name))
    if fix is not None:
        assert (theirs.type.kind, ours.type.kind) == fix
    else:
        assert ours.type.kind == theirs.type.kind, (scope, theirs.wire_name)
        if theirs.type.kind is TypeKind.ENUM:
            # Every published value, in order; ours may add values (spec/SOURCE.toml).
            published = _enum_values(pub, theirs.type.name)
            assert _enum_values(own, ours.type.name)[: len(published)] == published
        if theirs.type.kind is TypeKind.LIST:
            assert theirs.type.item is not None and ours.type.item is not None
            assert ours.type.item.kind == theirs.type.item.kind
    if (scope, theirs.wire_name) not in REQUIRED_FIXES[kind]:
        assert ours.required == theirs.required, (scope, theirs.wire_name)


@needs_reference
@pytest.mark.parametrize("kind", list(OURS))
def test_structure_matches_the_published_file(kind: str) -> None:
    _, pub = _published(kind)
    _, own = _document(kind)
    assert own.discriminator == pub.discriminator
    assert own.address == pub.address
    assert own.server_url == pub.server_url
    for direction in Direction:
        theirs = {_key(m): m for m in pub.messages_for(direction) if not m.is_raw}
        ours = {_key(m): m for m in own.messages_for(direction) if not m.is_raw}
        extra = set(ours) - set(theirs)
        assert extra <= ADDED_MESSAGES[kind], extra
        assert set(theirs) <= set(ours)
        assert len([m for m in own.messages_for(direction) if m.is_raw]) == len(
            [m for m in pub.messages_for(direction) if m.is_raw]
        )
        for key, their_message in theirs.items():
            their_fields = _fields(pub, their_message)
            our_fields = _fields(own, ours[key])
            added = {name for name in our_fields if name not in their_fields}
            assert {(key, name) for name in added} <= ADDED[kind], added
            for name, field in their_fields.items():
                _compare(kind, key, field, our_fields[name], pub, own)
            nested = [(f, our_fields[n]) for n, f in their_fields.items()]
            for their_field, our_field in nested:
                item, our_item = their_field.type.item, our_field.type.item
                if item is not None and item.kind is TypeKind.OBJECT:
                    assert our_item is not None
                    their_obj = next(o for o in pub.objects if o.name == item.name)
                    our_obj = next(o for o in own.objects if o.name == our_item.name)
                    kept = [
                        f for f in our_obj.fields if (our_obj.name, f.wire_name) not in ADDED[kind]
                    ]
                    assert [(f.wire_name, f.type.kind, f.required) for f in kept] == [
                        (f.wire_name, f.type.kind, f.required) for f in their_obj.fields
                    ]
    their_query = {q.wire_name: q for q in pub.query}
    our_query = {q.wire_name: q for q in own.query}
    assert {("query", n) for n in set(our_query) - set(their_query)} <= ADDED[kind]
    for name, parameter in their_query.items():
        _compare(kind, "query", parameter, our_query[name], pub, own)
        renamed = our_query[name].renamed_to
        if parameter.has_default:
            # A former name has no default of its own: the new name carries it.
            ours = our_query[renamed] if renamed is not None else our_query[name]
            assert ours.default == parameter.default, name
    assert [h.name for h in own.headers] == [h.name for h in pub.headers]


def _published_examples(kind: str) -> list[tuple[Message, Any]]:
    raw, pub = _published(kind)
    found = []
    for message in pub.messages:
        examples = list(message.examples)
        if message.payload is not None:
            node: Any = raw
            for part in message.payload.pointer.removeprefix("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            examples += node.get("examples", [])
        found += [(message, example) for example in examples]
    return found


@needs_reference
@pytest.mark.parametrize("kind", list(OURS))
def test_published_examples_decode_with_our_classes(
    packages: dict[str, ModuleType], kind: str
) -> None:
    api = packages[kind]
    _, own = _document(kind)
    ours = {(d, _key(m)): m for d in Direction for m in own.messages_for(d) if not m.is_raw}
    examples = _published_examples(kind)
    assert examples
    for message, example in examples:
        if message.is_raw:
            continue
        direction = message.directions[0]
        decode = api.decode if direction is Direction.RECEIVE else api.decode_client_message
        decoded = decode(json.dumps(example))
        assert type(decoded).__name__ == ours[(direction, _key(message))].name
        assert decoded.to_dict() == example


@needs_reference
@pytest.mark.parametrize("kind", list(PUBLISHED))
def test_published_files_still_generate(tmp_path: Path, kind: str) -> None:
    name = f"published_{kind}"
    written = generate(REFERENCE_DIR / PUBLISHED[kind], tmp_path / name)
    assert sorted(p.name for p in written) == [
        "__init__.py",
        "_runtime.py",
        "connection.py",
        "enums.py",
        "messages.py",
        "parameters.py",
    ]
    api = _import(tmp_path, name)
    try:
        assert isinstance(api.decode('{"type": "x", "message_type": "y"}'), api.UnknownMessage)
        assert api.ConnectionParameters.from_query({"sample_rate": "16000"}).sample_rate == 16000
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]


def _prose(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "title") and isinstance(value, str):
                yield " ".join(value.split()).lower()
            else:
                yield from _prose(value)
    elif isinstance(node, list):
        for value in node:
            yield from _prose(value)


@needs_reference
@pytest.mark.parametrize("kind", list(OURS))
def test_prose_is_our_own(kind: str) -> None:
    theirs = {text for text in _prose(load_file(REFERENCE_DIR / PUBLISHED[kind])) if len(text) > 24}
    # v3 streaming also tracks the 2026 revision and its Universal-3 Pro file.
    for later in PUBLISHED_2026.get(kind, ()):
        path = REFERENCE_DIR.parent / "spec-2026" / later
        if path.is_file():
            theirs |= {text for text in _prose(load_file(path)) if len(text) > 24}
    ours = {text for text in _prose(load_file(SPEC_DIR / OURS[kind])) if len(text) > 24}
    assert ours & theirs == set()
