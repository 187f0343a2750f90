"""Documents that generator/asyncapi refuses, and the JSON pointer its error names.

Each case starts from a small valid document, breaks one thing, and checks that
`GeneratorError` names the offending node as a JSON pointer (`#/...`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.asyncapi import GeneratorError, generate, normalize, parse

VALID_V3: dict[str, Any] = {
    "asyncapi": "3.0.0",
    "info": {"title": "t", "version": "1"},
    "channels": {
        "live": {
            "address": "/live",
            "x-discriminator": "type",
            "messages": {
                "turn": {"$ref": "#/components/messages/Turn"},
                "stop": {"$ref": "#/components/messages/Stop"},
            },
        }
    },
    "operations": {
        "down": {
            "action": "receive",
            "channel": {"$ref": "#/channels/live"},
            "messages": [{"$ref": "#/channels/live/messages/turn"}],
        },
        "up": {
            "action": "send",
            "channel": {"$ref": "#/channels/live"},
            "messages": [{"$ref": "#/channels/live/messages/stop"}],
        },
    },
    "components": {
        "messages": {
            "Turn": {"payload": {"$ref": "#/components/schemas/Turn"}},
            "Stop": {
                "payload": {
                    "type": "object",
                    "required": ["type"],
                    "properties": {"type": {"type": "string", "const": "Stop"}},
                }
            },
        },
        "schemas": {
            "Turn": {
                "type": "object",
                "required": ["type", "words"],
                "properties": {
                    "type": {"type": "string", "const": "Turn"},
                    "words": {"type": "array", "items": {"$ref": "#/components/schemas/Word"}},
                },
            },
            "Word": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string"}, "confidence": {"type": "number"}},
            },
        },
    },
}

VALID_V2: dict[str, Any] = {
    "asyncapi": "2.6.0",
    "info": {"title": "t", "version": "1"},
    "channels": {
        "/v2/ws": {
            "subscribe": {
                "message": {
                    "name": "Said",
                    "payload": {
                        "type": "object",
                        "properties": {"message_type": {"type": "string", "const": "Said"}},
                    },
                }
            }
        }
    },
}


def _schemas(doc: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _messages(doc: dict[str, Any]) -> dict[str, Any]:
    messages: dict[str, Any] = doc["components"]["messages"]
    return messages


def _set_type(doc: dict[str, Any]) -> None:
    _schemas(doc)["Turn"]["properties"]["words"] = {"type": "float"}


def _bad_ref(doc: dict[str, Any]) -> None:
    _messages(doc)["Turn"]["payload"] = {"$ref": "#/components/schemas/Nope"}


def _external_ref(doc: dict[str, Any]) -> None:
    _schemas(doc)["Turn"]["properties"]["words"]["items"] = {"$ref": "other.yml#/Word"}


def _ref_cycle(doc: dict[str, Any]) -> None:
    _schemas(doc)["A"] = {"$ref": "#/components/schemas/B"}
    _schemas(doc)["B"] = {"$ref": "#/components/schemas/A"}
    _schemas(doc)["Word"]["properties"]["loop"] = {"$ref": "#/components/schemas/A"}


def _no_payload(doc: dict[str, Any]) -> None:
    del _messages(doc)["Turn"]["payload"]


def _no_const(doc: dict[str, Any]) -> None:
    _schemas(doc)["Turn"]["properties"]["type"] = {"type": "string"}


def _duplicate_names(doc: dict[str, Any]) -> None:
    _messages(doc)["Stop"]["name"] = "Turn"


def _duplicate_tags(doc: dict[str, Any]) -> None:
    _messages(doc)["Again"] = {"payload": {"$ref": "#/components/schemas/Turn"}}
    doc["channels"]["live"]["messages"]["again"] = {"$ref": "#/components/messages/Again"}
    doc["operations"]["down"]["messages"].append({"$ref": "#/channels/live/messages/again"})


def _untagged_twins(doc: dict[str, Any]) -> None:
    payload = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
    for name in ("Oops", "Ouch"):
        _messages(doc)[name] = {"payload": copy.deepcopy(payload)}
        doc["channels"]["live"]["messages"][name.lower()] = {
            "$ref": f"#/components/messages/{name}"
        }
        doc["operations"]["down"]["messages"].append(
            {"$ref": f"#/channels/live/messages/{name.lower()}"}
        )


def _untagged_without_required(doc: dict[str, Any]) -> None:
    _messages(doc)["Stop"]["payload"] = {
        "type": "object",
        "properties": {"reason": {"type": "string"}},
    }


def _version(version: str | None) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        if version is None:
            del doc["asyncapi"]
        else:
            doc["asyncapi"] = version

    return mutate


def _two_channels(doc: dict[str, Any]) -> None:
    doc["channels"]["other"] = {"address": "/other"}


def _one_of_property(doc: dict[str, Any]) -> None:
    _schemas(doc)["Word"]["properties"]["text"] = {
        "oneOf": [{"type": "string"}, {"type": "integer"}]
    }


def _integer_enum(doc: dict[str, Any]) -> None:
    _schemas(doc)["Word"]["properties"]["level"] = {"type": "string", "enum": [1, 2]}


def _enum_member_clash(doc: dict[str, Any]) -> None:
    _schemas(doc)["Word"]["properties"]["level"] = {"type": "string", "enum": ["a-b", "a_b"]}


def _object_query(doc: dict[str, Any]) -> None:
    doc["channels"]["live"]["bindings"] = {
        "ws": {"query": {"type": "object", "properties": {"filter": {"type": "object"}}}}
    }


def _bad_close_code(doc: dict[str, Any]) -> None:
    doc["channels"]["live"]["x-close-codes"] = {"4000": "fine", "99": "not a close code"}


def _unused_message(doc: dict[str, Any]) -> None:
    doc["operations"]["up"]["messages"] = []


def _bad_action(doc: dict[str, Any]) -> None:
    doc["operations"]["up"]["action"] = "publish"


def _reserved_name(doc: dict[str, Any]) -> None:
    _messages(doc)["Stop"]["name"] = "UnknownMessage"


def _class_name_clash(doc: dict[str, Any]) -> None:
    _messages(doc)["Stop"]["name"] = "Word"


def _property_name_clash(doc: dict[str, Any]) -> None:
    _schemas(doc)["Word"]["properties"]["Text"] = {"type": "string"}


def _string_and_integer(doc: dict[str, Any]) -> None:
    _schemas(doc)["Word"]["properties"]["confidence"] = {"type": ["string", "integer"]}


def _number_payload(doc: dict[str, Any]) -> None:
    _messages(doc)["Stop"]["payload"] = {"type": "integer"}


CASES = [
    pytest.param(
        _set_type,
        "#/components/schemas/Turn/properties/words: unsupported type 'float'",
        id="unknown-type",
    ),
    pytest.param(
        _bad_ref,
        "#/components/messages/Turn/payload: unresolvable $ref '#/components/schemas/Nope'",
        id="unresolvable-ref",
    ),
    pytest.param(
        _external_ref,
        "#/components/schemas/Turn/properties/words/items: only local $ref values",
        id="external-ref",
    ),
    pytest.param(_ref_cycle, "#/components/schemas/B: $ref cycle", id="ref-cycle"),
    pytest.param(
        _no_payload, "#/components/messages/Turn: message 'Turn' has no payload", id="no-payload"
    ),
    pytest.param(
        _no_const,
        "#/components/schemas/Turn/properties/type: the discriminator 'type' has no const value",
        id="discriminator-without-const",
    ),
    pytest.param(
        _duplicate_names,
        "#/components/messages/Stop: duplicate message name 'Turn'"
        " (also used by #/components/messages/Turn)",
        id="duplicate-message-names",
    ),
    pytest.param(
        _duplicate_tags,
        "#/components/messages/Again: type 'Turn' is also used by #/components/messages/Turn",
        id="duplicate-discriminator-values",
    ),
    pytest.param(
        _untagged_twins,
        "#/components/messages/Ouch: cannot be told apart from #/components/messages/Oops",
        id="indistinguishable-messages",
    ),
    pytest.param(
        _untagged_without_required,
        "#/components/messages/Stop: message 'Stop' has no 'type' const and no required property",
        id="unrecognisable-message",
    ),
    pytest.param(
        _version("1.2.0"), "#/asyncapi: unsupported AsyncAPI version '1.2.0'", id="version-1"
    ),
    pytest.param(
        _version("3.1.0"), "#/asyncapi: unsupported AsyncAPI version '3.1.0'", id="version-3.1"
    ),
    pytest.param(_version(None), "#/asyncapi: missing 'asyncapi' version", id="no-version"),
    pytest.param(
        _two_channels, "#/channels: exactly one channel is supported, found 2", id="two-channels"
    ),
    pytest.param(
        _one_of_property,
        "#/components/schemas/Word/properties/text: 'oneOf' is not supported",
        id="one-of",
    ),
    pytest.param(
        _integer_enum,
        "#/components/schemas/Word/properties/level/enum: only string enums are supported",
        id="integer-enum",
    ),
    pytest.param(
        _enum_member_clash,
        "#/components/schemas/Word/properties/level/enum: enum values 'a-b' and 'a_b' both map",
        id="enum-member-clash",
    ),
    pytest.param(
        _object_query,
        "#/channels/live/bindings/ws/query/properties/filter: a query parameter must be a scalar",
        id="object-query-parameter",
    ),
    pytest.param(
        _bad_close_code,
        "#/channels/live/x-close-codes/99: not a websocket close code",
        id="bad-close-code",
    ),
    pytest.param(
        _unused_message,
        "#/channels/live/messages/stop: the message is not used by any operation",
        id="message-without-operation",
    ),
    pytest.param(
        _bad_action, "#/operations/up/action: unknown action 'publish'", id="unknown-action"
    ),
    pytest.param(
        _reserved_name,
        "#/components/messages/Stop: the name 'UnknownMessage' is reserved",
        id="reserved-name",
    ),
    pytest.param(
        _class_name_clash,
        "#/components/messages/Stop: the class name 'Word' is already used by"
        " #/components/schemas/Word",
        id="class-name-clash",
    ),
    pytest.param(
        _property_name_clash,
        "#/components/schemas/Word/properties/Text: properties 'text' and 'Text' both map",
        id="property-name-clash",
    ),
    pytest.param(
        _string_and_integer,
        "#/components/schemas/Word/properties/confidence: unsupported type union",
        id="type-union",
    ),
    pytest.param(
        _number_payload,
        "#/components/messages/Stop/payload: a message payload must be an object schema",
        id="integer-payload",
    ),
]


def test_the_base_documents_are_valid() -> None:
    assert [m.name for m in parse(VALID_V3).messages] == ["Stop", "Turn"]
    assert [m.name for m in parse(VALID_V2).messages] == ["Said"]


@pytest.mark.parametrize(("mutate", "expected"), CASES)
def test_bad_documents_name_the_offending_node(
    mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    doc = copy.deepcopy(VALID_V3)
    mutate(doc)
    with pytest.raises(GeneratorError) as info:
        parse(normalize(doc))
    assert expected in str(info.value)
    assert str(info.value).startswith(info.value.pointer + ": ")
    assert info.value.pointer.startswith("#")


def test_asyncapi_2_pointers_escape_the_channel_address() -> None:
    doc = copy.deepcopy(VALID_V2)
    del doc["channels"]["/v2/ws"]["subscribe"]["message"]["payload"]
    with pytest.raises(GeneratorError, match=r"^#/channels/~1v2~1ws/subscribe/message: "):
        parse(doc)


def test_asyncapi_2_channel_without_operations() -> None:
    doc = copy.deepcopy(VALID_V2)
    del doc["channels"]["/v2/ws"]["subscribe"]
    with pytest.raises(GeneratorError, match=r"^#/channels/~1v2~1ws: the channel has neither"):
        parse(doc)


def test_generate_writes_nothing_for_a_bad_file(tmp_path: Path) -> None:
    doc = copy.deepcopy(VALID_V3)
    _set_type(doc)
    spec = tmp_path / "bad.yml"
    spec.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(GeneratorError, match="#/components/schemas/Turn/properties/words"):
        generate(spec, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match=r"^#: cannot read"):
        generate(tmp_path / "missing.yml", tmp_path / "out")
    (tmp_path / "broken.yml").write_text("asyncapi: [unclosed", encoding="utf-8")
    with pytest.raises(GeneratorError, match=r"^#: cannot read"):
        generate(tmp_path / "broken.yml", tmp_path / "out")
