"""AsyncAPI 2.x / 3.0 document (already loaded into plain data) -> `model.Document`.

What is read, per AsyncAPI version:

- 3.0: `servers`, the single entry of `channels` (its `address`, `messages`, `bindings.ws`
  and the `x-` extensions below) and `operations` (`action: send` = client to server,
  `action: receive` = server to client).
- 2.x: `servers`, the single entry of `channels` (the key is the address); `publish`
  carries the client's messages and `subscribe` the server's (AsyncAPI 2 names operations
  from the server's point of view: clients publish to it and subscribe to its messages).

Both versions: query parameters come from `bindings.ws.query` and header names from
`bindings.ws.headers` (the WebSockets channel binding); `x-close-codes` on the channel maps
websocket close codes to their meaning; `x-discriminator` on the channel names the property
that tells messages apart. Without it the discriminator is inferred: the property that
carries a `const` in the most messages.

Only local `$ref`s (`#/...`) are followed. Any problem raises `GeneratorError`, whose
message starts with the JSON pointer of the offending node.
"""

from __future__ import annotations

import keyword
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
import yaml

from ..specload import load_document
from .model import (
    SCALAR_KINDS,
    Direction,
    Discriminator,
    Document,
    EnumDef,
    EnumMember,
    Field,
    Header,
    Message,
    ObjectDef,
    TypeKind,
    TypeRef,
)
from .normalize import normalize

__all__ = ["RESERVED_NAMES", "GeneratorError", "load_file", "parse", "parse_file"]

# Names the generated package defines itself (or imports); a spec's message, schema or
# enum may not take them.
RESERVED_NAMES = frozenset(
    {
        "Any",
        "CLOSE_CODES",
        "Callable",
        "ClassVar",
        "ClientMessage",
        "ConnectionParameters",
        "DecodeError",
        "Enum",
        "Final",
        "Literal",
        "Mapping",
        "Never",
        "Self",
        "ServerMessage",
        "TypeAlias",
        "TypeVar",
        "UNSET",
        "UnknownMessage",
        "Unset",
    }
)

# Attribute names a generated class uses for itself, and names its annotations refer to.
_RESERVED_FIELD_NAMES = frozenset(
    {
        "additional_properties",
        "additional_parameters",
        "attrs",
        "bool",
        "cls",
        "datetime",
        "dict",
        "float",
        "from_dict",
        "from_query",
        "int",
        "json",
        "list",
        "object",
        "self",
        "str",
        "to_dict",
        "to_query",
        "tuple",
    }
)

_SUPPORTED_2X = re.compile(r"^2\.[0-6]\.\d+$")
_SUPPORTED_3X = re.compile(r"^3\.0\.\d+$")
_COMPONENT_SCHEMA = re.compile(r"^#/components/schemas/([^/]+)$")
_COMPONENT_MESSAGE = re.compile(r"^#/components/messages/([^/]+)$")


class GeneratorError(Exception):
    """The AsyncAPI document cannot be turned into code.

    `pointer` is the JSON pointer (`#/components/schemas/Turn/properties/words`) of the
    offending node; the message is `"<pointer>: <problem>"`.
    """

    def __init__(self, pointer: str, problem: str) -> None:
        super().__init__(f"{pointer}: {problem}")
        self.pointer = pointer
        self.problem = problem


def load_file(path: Path) -> dict[str, Any]:
    """Read a YAML/JSON AsyncAPI file the way `generator.regenerate` does (YAML 1.2 core)."""
    try:
        return load_document(path)
    except (OSError, ValueError, yaml.YAMLError) as err:
        raise GeneratorError("#", f"cannot read {path}: {err}") from err


# --------------------------------------------------------------------------- pointers


def child(pointer: str, *keys: str | int) -> str:
    """The JSON pointer of `pointer`'s descendant along `keys` (escaping `~` and `/`)."""
    for key in keys:
        pointer += "/" + str(key).replace("~", "~0").replace("/", "~1")
    return pointer


class _Resolver:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc

    def lookup(self, ref: object, at: str) -> tuple[Any, str]:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise GeneratorError(at, f"only local $ref values ('#/...') are supported, got {ref!r}")
        node: Any = self.doc
        if ref not in ("#", "#/"):
            if not ref.startswith("#/"):
                raise GeneratorError(at, f"unresolvable $ref {ref!r}")
            for raw in ref[2:].split("/"):
                key = unquote(raw).replace("~1", "/").replace("~0", "~")
                if isinstance(node, Mapping) and key in node:
                    node = node[key]
                elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                    node = node[int(key)]
                else:
                    raise GeneratorError(at, f"unresolvable $ref {ref!r}")
        return node, ref

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref`s from `node` (found at `pointer`) to a concrete node and its pointer."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if isinstance(ref, str) and ref in seen:
                raise GeneratorError(pointer, f"$ref cycle through {ref!r}")
            seen.add(str(ref))
            node, pointer = self.lookup(ref, pointer)
        return node, pointer


# --------------------------------------------------------------------------- names


def pascal_name(name: str, pointer: str) -> str:
    """A class name from a spec name: `session_begins`/`sessionBegins` -> `SessionBegins`."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", name) if p]
    result = "".join(p[0].upper() + p[1:] for p in parts)
    if not result:
        raise GeneratorError(pointer, f"cannot make a class name from {name!r}")
    if result[0].isdigit():
        result = "N" + result
    return result


def field_name(wire: str) -> str:
    """A Python attribute name for a wire property name (snake_case, never a keyword)."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", wire)
    name = re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").lower()
    if not name:
        name = "field"
    if name[0].isdigit():
        name = "field_" + name
    if keyword.iskeyword(name) or name in _RESERVED_FIELD_NAMES:
        name += "_"
    return name


def member_name(value: str) -> str:
    """An enum member name for a value: `pcm_s16le` -> `PCM_S16LE`."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", value)
    name = re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").upper()
    if not name:
        return "EMPTY"
    if name[0].isdigit():
        name = "VALUE_" + name
    return name


# --------------------------------------------------------------------------- schemas


@attrs.define
class _Schemas:
    """Turns JSON schemas into `TypeRef`s, collecting the classes and enums they need."""

    resolver: _Resolver
    objects: dict[tuple[str, str], ObjectDef] = attrs.field(factory=dict)
    object_refs: dict[tuple[str, str], TypeRef] = attrs.field(factory=dict)
    enums: dict[str, EnumDef] = attrs.field(factory=dict)
    names: dict[str, str] = attrs.field(factory=dict)  # class/enum name -> pointer

    def claim(self, name: str, pointer: str) -> None:
        if name in RESERVED_NAMES:
            raise GeneratorError(pointer, f"the name {name!r} is reserved by the generator")
        other = self.names.setdefault(name, pointer)
        if other != pointer:
            raise GeneratorError(pointer, f"the class name {name!r} is already used by {other}")

    def deref(self, node: Any, pointer: str) -> tuple[dict[str, Any], str]:
        target, tptr = self.resolver.deref(node, pointer)
        if not isinstance(target, dict):
            raise GeneratorError(tptr, "a schema must be a mapping")
        return target, tptr

    def const_of(self, node: Any, pointer: str) -> str | None:
        target, _ = self.deref(node, pointer)
        const = target.get("const")
        if isinstance(const, str):
            return const
        values = target.get("enum")
        if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
            return values[0]
        return None

    @staticmethod
    def is_object(schema: Mapping[str, Any]) -> bool:
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        return kind == "object" or (kind is None and ("properties" in schema or "allOf" in schema))

    def type_of(self, node: Any, pointer: str, hint: str) -> TypeRef:
        """The type of the schema `node` (at `pointer`); `hint` names classes made for it."""
        target, tptr = self.deref(node, pointer)
        match = _COMPONENT_SCHEMA.match(tptr) if tptr != pointer else None
        name = pascal_name(unquote(match.group(1)), tptr) if match else hint
        for keyword_ in ("oneOf", "anyOf", "not", "if"):
            if keyword_ in target:
                raise GeneratorError(tptr, f"'{keyword_}' is not supported")
        nullable = target.get("nullable") is True
        kind: Any = target.get("type")
        if isinstance(kind, list):
            nullable = nullable or "null" in kind
            others = [k for k in kind if k != "null"]
            if len(others) != 1:
                raise GeneratorError(tptr, f"unsupported type union {kind!r}")
            kind = others[0]
        if kind is None:
            kind = self._infer_type(target)
        if not isinstance(kind, str):
            raise GeneratorError(tptr, f"unsupported type {kind!r}")
        if "enum" in target and kind == "string":
            return self._enum_type(target, tptr, name, nullable)
        simple = {
            "string": TypeKind.STRING,
            "integer": TypeKind.INTEGER,
            "number": TypeKind.NUMBER,
            "boolean": TypeKind.BOOLEAN,
        }
        if kind in simple:
            if kind == "string" and target.get("format") == "date-time":
                return TypeRef(TypeKind.DATETIME, nullable=nullable)
            return TypeRef(simple[kind], nullable=nullable)
        if kind == "any":
            return TypeRef(TypeKind.ANY, nullable=True)
        if kind == "array":
            items = target.get("items")
            if items is None:
                item = TypeRef(TypeKind.ANY, nullable=True)
            else:
                item = self.type_of(items, child(tptr, "items"), name + "Item")
            return TypeRef(TypeKind.LIST, item=item, nullable=nullable)
        if kind == "object":
            if "properties" in target or "allOf" in target:
                ref = self.object_type(target, tptr, name)
                return attrs.evolve(ref, nullable=nullable)
            extra = target.get("additionalProperties")
            if isinstance(extra, dict):
                value = self.type_of(extra, child(tptr, "additionalProperties"), name + "Value")
            else:
                value = TypeRef(TypeKind.ANY, nullable=True)
            return TypeRef(TypeKind.MAP, item=value, nullable=nullable)
        if kind == "null":
            raise GeneratorError(tptr, "a schema of type 'null' alone is not supported")
        raise GeneratorError(tptr, f"unsupported type {kind!r}")

    @staticmethod
    def _infer_type(target: Mapping[str, Any]) -> str:
        if "properties" in target or "allOf" in target or "additionalProperties" in target:
            return "object"
        if "items" in target:
            return "array"
        if "const" in target:
            return _json_type(target["const"])
        if isinstance(target.get("enum"), list):
            values = [v for v in target["enum"] if v is not None]
            kinds = {_json_type(v) for v in values}
            return kinds.pop() if len(kinds) == 1 else "any"
        return "any"

    def _enum_type(
        self, target: Mapping[str, Any], tptr: str, name: str, nullable: bool
    ) -> TypeRef:
        raw_values = target["enum"]
        if not isinstance(raw_values, list) or not raw_values:
            raise GeneratorError(child(tptr, "enum"), "'enum' must be a non-empty list")
        if None in raw_values:
            nullable = True
        values = [v for v in raw_values if v is not None]
        if not all(isinstance(v, str) for v in values):
            raise GeneratorError(child(tptr, "enum"), "only string enums are supported")
        if len(values) == 1:  # a one-value enum is a constant, not worth a class
            return TypeRef(TypeKind.STRING, nullable=nullable)
        existing = self.enums.get(tptr)
        if existing is None:
            self.claim(name, tptr)
            members: list[EnumMember] = []
            seen: dict[str, str] = {}
            for value in dict.fromkeys(values):
                member = member_name(value)
                if member in seen:
                    raise GeneratorError(
                        child(tptr, "enum"),
                        f"enum values {seen[member]!r} and {value!r} both map to member {member}",
                    )
                seen[member] = value
                members.append(EnumMember(member, value))
            existing = EnumDef(name, _text(target.get("description")), tuple(members), tptr)
            self.enums[tptr] = existing
        return TypeRef(TypeKind.ENUM, name=existing.name, nullable=nullable)

    def object_type(self, target: dict[str, Any], tptr: str, name: str) -> TypeRef:
        key = (tptr, name)
        ref = self.object_refs.get(key)
        if ref is None:
            self.claim(name, tptr)
            ref = TypeRef(TypeKind.OBJECT, name=name)
            self.object_refs[key] = ref  # before the fields: schemas may be recursive
            self.objects[key] = self.object_def(target, tptr, name)
        return ref

    def object_def(self, target: dict[str, Any], tptr: str, name: str) -> ObjectDef:
        properties, required = self._collect(target, tptr)
        fields: list[Field] = []
        by_python: dict[str, str] = {}
        for wire, (prop, pptr, description) in properties.items():
            python = field_name(wire)
            if python in by_python:
                raise GeneratorError(
                    pptr, f"properties {by_python[python]!r} and {wire!r} both map to {python!r}"
                )
            by_python[python] = wire
            prop_target, _ = self.deref(prop, pptr)
            fields.append(
                Field(
                    wire_name=wire,
                    python_name=python,
                    type=self.type_of(prop, pptr, name + pascal_name(wire, pptr)),
                    required=wire in required,
                    description=description or _text(prop_target.get("description")),
                    const=self.const_of(prop, pptr),
                    deprecated=bool(prop_target.get("deprecated")),
                    pointer=pptr,
                )
            )
        return ObjectDef(name, _text(target.get("description")), tuple(fields), tptr)

    def _collect(
        self, target: Mapping[str, Any], tptr: str
    ) -> tuple[dict[str, tuple[Any, str, str]], list[str]]:
        """Properties (wire name -> (schema, pointer, description)) and required names,
        merged over `allOf` parts in order (a later part overrides an earlier one)."""
        properties: dict[str, tuple[Any, str, str]] = {}
        required: list[str] = []
        parts = target.get("allOf", [])
        if not isinstance(parts, list):
            raise GeneratorError(child(tptr, "allOf"), "'allOf' must be a list")
        for index, part in enumerate(parts):
            part_target, part_ptr = self.deref(part, child(tptr, "allOf", index))
            for keyword_ in ("oneOf", "anyOf", "not"):
                if keyword_ in part_target:
                    raise GeneratorError(part_ptr, f"'{keyword_}' is not supported")
            if part_target.get("type", "object") != "object":
                raise GeneratorError(part_ptr, "every 'allOf' part must be an object schema")
            sub_props, sub_required = self._collect(part_target, part_ptr)
            properties.update(sub_props)
            required.extend(r for r in sub_required if r not in required)
        own = target.get("properties", {})
        if not isinstance(own, dict):
            raise GeneratorError(child(tptr, "properties"), "'properties' must be a mapping")
        for wire, prop in own.items():
            pptr = child(tptr, "properties", wire)
            description = _text(prop.get("description")) if isinstance(prop, dict) else ""
            properties[str(wire)] = (prop, pptr, description)
        own_required = target.get("required", [])
        if not isinstance(own_required, list) or not all(isinstance(r, str) for r in own_required):
            raise GeneratorError(child(tptr, "required"), "'required' must be a list of names")
        required.extend(r for r in own_required if r not in required)
        return properties, required


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "any"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


# --------------------------------------------------------------------------- messages


@attrs.define
class _MessageDraft:
    name: str
    pointer: str
    directions: list[Direction]
    payload: ObjectDef | None
    summary: str
    description: str
    content_type: str
    binary: bool
    examples: tuple[object, ...]


class _Parser:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.resolver = _Resolver(doc)
        self.schemas = _Schemas(self.resolver)
        self.drafts: dict[str, _MessageDraft] = {}  # by resolved message pointer
        self.message_names: dict[str, str] = {}  # class name -> message pointer

    # ---- messages

    def message(self, node: Any, pointer: str, fallback: str, direction: Direction) -> None:
        msg, mptr = self.resolver.deref(node, pointer)
        if not isinstance(msg, dict):
            raise GeneratorError(mptr, "a message must be a mapping")
        draft = self.drafts.get(mptr)
        if draft is not None:
            if direction not in draft.directions:
                draft.directions.append(direction)
            return
        component = _COMPONENT_MESSAGE.match(mptr)
        spec_name = msg.get("name")
        if not isinstance(spec_name, str) or not spec_name:
            spec_name = unquote(component.group(1)) if component else fallback
        name = pascal_name(spec_name, mptr)
        other = self.message_names.setdefault(name, mptr)
        if other != mptr:
            raise GeneratorError(mptr, f"duplicate message name {name!r} (also used by {other})")
        if "payload" not in msg or msg["payload"] is None:
            raise GeneratorError(mptr, f"message {spec_name!r} has no payload")
        content_type = msg.get("contentType") or self.doc.get("defaultContentType") or ""
        payload, pptr = self.schemas.deref(msg["payload"], child(mptr, "payload"))
        binary = False
        obj: ObjectDef | None = None
        if self.schemas.is_object(payload):
            self.schemas.claim(name, mptr)
            obj = self.schemas.object_def(payload, pptr, name)
        elif payload.get("type") == "string":
            binary = payload.get("format") in ("binary", "base64") or "octet-stream" in str(
                content_type
            )
        else:
            raise GeneratorError(
                pptr, "a message payload must be an object schema or a (binary) string schema"
            )
        examples: list[object] = []
        raw_examples = msg.get("examples", [])
        if not isinstance(raw_examples, list):
            raise GeneratorError(child(mptr, "examples"), "'examples' must be a list")
        for example in raw_examples:
            if isinstance(example, dict) and "payload" in example:
                examples.append(example["payload"])
        self.drafts[mptr] = _MessageDraft(
            name=name,
            pointer=mptr,
            directions=[direction],
            payload=obj,
            summary=_text(msg.get("summary")) or _text(msg.get("title")),
            description=_text(msg.get("description")),
            content_type=str(content_type),
            binary=binary,
            examples=tuple(examples),
        )

    # ---- channel

    def single_channel(self) -> tuple[str, dict[str, Any], str]:
        channels = self.doc.get("channels")
        if not isinstance(channels, dict) or len(channels) != 1:
            count = len(channels) if isinstance(channels, dict) else 0
            raise GeneratorError("#/channels", f"exactly one channel is supported, found {count}")
        key = next(iter(channels))
        channel, cptr = self.resolver.deref(channels[key], child("#/channels", key))
        if not isinstance(channel, dict):
            raise GeneratorError(cptr, "a channel must be a mapping")
        return str(key), channel, cptr

    def v3_messages(self, channel: dict[str, Any], cptr: str) -> None:
        entries = channel.get("messages") or {}
        if not isinstance(entries, dict):
            raise GeneratorError(child(cptr, "messages"), "'messages' must be a mapping")
        by_target: dict[str, tuple[Any, str, str]] = {}  # resolved pointer -> entry
        for key, node in entries.items():
            entry_ptr = child(cptr, "messages", key)
            _, target = self.resolver.deref(node, entry_ptr)
            by_target[target] = (node, entry_ptr, str(key))
        operations = self.doc.get("operations")
        if not isinstance(operations, dict) or not operations:
            raise GeneratorError("#/operations", "no operations: message directions are unknown")
        used: set[str] = set()
        for op_key, op_node in operations.items():
            op, optr = self.resolver.deref(op_node, child("#/operations", op_key))
            if not isinstance(op, dict):
                raise GeneratorError(optr, "an operation must be a mapping")
            action = op.get("action")
            if action not in ("send", "receive"):
                raise GeneratorError(child(optr, "action"), f"unknown action {action!r}")
            direction = Direction.SEND if action == "send" else Direction.RECEIVE
            _, op_channel = self.resolver.deref(op.get("channel"), child(optr, "channel"))
            if op_channel != cptr:
                raise GeneratorError(child(optr, "channel"), f"does not refer to {cptr}")
            refs = op.get("messages")
            if refs is None:
                targets = list(by_target)
            elif isinstance(refs, list):
                targets = []
                for index, ref in enumerate(refs):
                    at = child(optr, "messages", index)
                    _, target = self.resolver.deref(ref, at)
                    if target not in by_target:
                        raise GeneratorError(at, f"not a message of the channel at {cptr}")
                    targets.append(target)
            else:
                raise GeneratorError(child(optr, "messages"), "'messages' must be a list")
            for target in targets:
                node, entry_ptr, key = by_target[target]
                self.message(node, entry_ptr, key, direction)
                used.add(target)
        for target, (_, entry_ptr, _key) in by_target.items():
            if target not in used:
                raise GeneratorError(entry_ptr, "the message is not used by any operation")

    def v2_messages(self, channel: dict[str, Any], cptr: str) -> None:
        found = False
        for op_key, direction in (("publish", Direction.SEND), ("subscribe", Direction.RECEIVE)):
            if op_key not in channel:
                continue
            found = True
            op, optr = self.resolver.deref(channel[op_key], child(cptr, op_key))
            if not isinstance(op, dict) or op.get("message") is None:
                raise GeneratorError(child(optr, "message"), "the operation has no message")
            mptr = child(optr, "message")
            message = op["message"]
            if isinstance(message, dict) and "oneOf" in message and "$ref" not in message:
                choices = message["oneOf"]
                if not isinstance(choices, list):
                    raise GeneratorError(child(mptr, "oneOf"), "'oneOf' must be a list")
                for index, choice in enumerate(choices):
                    at = child(mptr, "oneOf", index)
                    self.message(choice, at, _v2_fallback_name(choice), direction)
            else:
                self.message(message, mptr, _v2_fallback_name(message), direction)
        if not found:
            raise GeneratorError(
                cptr, "the channel has neither a publish nor a subscribe operation"
            )

    # ---- discriminator

    def discriminator(self, channel: dict[str, Any], cptr: str) -> str | None:
        explicit = channel.get("x-discriminator")
        if explicit is not None:
            if not isinstance(explicit, str) or not explicit:
                raise GeneratorError(child(cptr, "x-discriminator"), "must be a property name")
            return explicit
        counts: Counter[str] = Counter()
        for draft in self.drafts.values():
            if draft.payload is not None:
                counts.update(f.wire_name for f in draft.payload.fields if f.const is not None)
        if not counts:
            return None
        ranked = counts.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            raise GeneratorError(
                cptr,
                f"cannot tell whether {ranked[0][0]!r} or {ranked[1][0]!r} is the discriminator;"
                " name it with x-discriminator",
            )
        return ranked[0][0]

    def finish_messages(self, discriminator: str | None) -> tuple[Message, ...]:
        messages: list[Message] = []
        for draft in self.drafts.values():
            tag: str | None = None
            match_keys: tuple[str, ...] = ()
            payload = draft.payload
            if payload is not None:
                field = next((f for f in payload.fields if f.wire_name == discriminator), None)
                if field is not None and discriminator is not None:
                    if field.const is None:
                        raise GeneratorError(
                            field.pointer,
                            f"the discriminator {discriminator!r} has no const value",
                        )
                    tag = field.const
                    payload = attrs.evolve(
                        payload,
                        fields=tuple(f for f in payload.fields if f is not field),
                        discriminator=Discriminator(field.wire_name, field.python_name, tag),
                    )
                else:
                    match_keys = tuple(f.wire_name for f in payload.fields if f.required)
                    if not match_keys:
                        what = (
                            f"no {discriminator!r} const" if discriminator else "no discriminator"
                        )
                        raise GeneratorError(
                            draft.pointer,
                            f"message {draft.name!r} has {what} and no required property"
                            " to recognise it by",
                        )
            messages.append(
                Message(
                    name=draft.name,
                    directions=tuple(d for d in Direction if d in draft.directions),
                    payload=payload,
                    pointer=draft.pointer,
                    summary=draft.summary,
                    description=draft.description,
                    content_type=draft.content_type,
                    binary=draft.binary,
                    examples=draft.examples,
                    tag=tag,
                    match_keys=match_keys,
                )
            )
        for direction in Direction:
            tags: dict[str, str] = {}
            keysets: dict[frozenset[str], str] = {}
            for message in messages:
                if direction not in message.directions or message.is_raw:
                    continue
                if message.tag is not None:
                    other = tags.setdefault(message.tag, message.pointer)
                    if other != message.pointer:
                        raise GeneratorError(
                            message.pointer,
                            f"{discriminator} {message.tag!r} is also used by {other}",
                        )
                else:
                    keys = frozenset(message.match_keys)
                    other = keysets.setdefault(keys, message.pointer)
                    if other != message.pointer:
                        raise GeneratorError(
                            message.pointer,
                            f"cannot be told apart from {other}: same required properties",
                        )
        return tuple(sorted(messages, key=lambda m: m.name))

    # ---- connection details

    def query(self, channel: dict[str, Any], cptr: str) -> tuple[Field, ...]:
        ws = self._ws_binding(channel, cptr)
        if "query" not in ws:
            return ()
        qptr = child(cptr, "bindings", "ws", "query")
        schema, sptr = self.schemas.deref(ws["query"], qptr)
        properties, required = self.schemas._collect(schema, sptr)
        fields: list[Field] = []
        for wire, (prop, pptr, description) in properties.items():
            type_ = self.schemas.type_of(prop, pptr, pascal_name(wire, pptr))
            item = type_.item if type_.kind is TypeKind.LIST else None
            scalar_like = SCALAR_KINDS | {TypeKind.ENUM}
            ok = type_.kind in scalar_like or (item is not None and item.kind in scalar_like)
            if not ok or type_.nullable:
                raise GeneratorError(
                    pptr, "a query parameter must be a scalar, an enum or a list of them"
                )
            prop_target, _ = self.schemas.deref(prop, pptr)
            own_default = isinstance(prop, dict) and "default" in prop
            has_default = own_default or "default" in prop_target
            default = prop["default"] if own_default else prop_target.get("default")
            fields.append(
                Field(
                    wire_name=wire,
                    python_name=field_name(wire),
                    type=type_,
                    required=wire in required,
                    description=description or _text(prop_target.get("description")),
                    default=default,
                    has_default=has_default,
                    deprecated=bool(prop_target.get("deprecated"))
                    or bool(isinstance(prop, dict) and prop.get("deprecated")),
                    pointer=pptr,
                )
            )
        names = [f.python_name for f in fields]
        for f in fields:
            if names.count(f.python_name) > 1:
                raise GeneratorError(f.pointer, f"two query parameters map to {f.python_name!r}")
        return tuple(fields)

    def headers(self, channel: dict[str, Any], cptr: str) -> tuple[Header, ...]:
        ws = self._ws_binding(channel, cptr)
        if "headers" not in ws:
            return ()
        schema, sptr = self.schemas.deref(ws["headers"], child(cptr, "bindings", "ws", "headers"))
        properties, required = self.schemas._collect(schema, sptr)
        return tuple(
            Header(name, description, name in required)
            for name, (_, _, description) in properties.items()
        )

    def _ws_binding(self, channel: dict[str, Any], cptr: str) -> dict[str, Any]:
        bindings, bptr = self.resolver.deref(channel.get("bindings") or {}, child(cptr, "bindings"))
        if not isinstance(bindings, dict):
            raise GeneratorError(bptr, "'bindings' must be a mapping")
        ws, wptr = self.resolver.deref(bindings.get("ws") or {}, child(bptr, "ws"))
        if not isinstance(ws, dict):
            raise GeneratorError(wptr, "the ws binding must be a mapping")
        return ws

    def close_codes(self, channel: dict[str, Any], cptr: str) -> tuple[tuple[int, str], ...]:
        raw = channel.get("x-close-codes")
        if raw is None:
            return ()
        at = child(cptr, "x-close-codes")
        if not isinstance(raw, dict):
            raise GeneratorError(at, "must map close codes to their meaning")
        codes: dict[int, str] = {}
        for key, meaning in raw.items():
            text = str(key)
            if not text.isdigit() or not 1000 <= int(text) <= 4999:
                raise GeneratorError(child(at, text), "not a websocket close code (1000-4999)")
            if not isinstance(meaning, str):
                raise GeneratorError(child(at, text), "the meaning must be a string")
            codes[int(text)] = meaning
        return tuple(sorted(codes.items()))

    def server_url(self, channel: dict[str, Any], cptr: str, major: int) -> str:
        servers = self.doc.get("servers") or {}
        if not isinstance(servers, dict):
            raise GeneratorError("#/servers", "'servers' must be a mapping")
        server: Any = None
        sptr = "#/servers"
        wanted = channel.get("servers") if major == 3 else None
        if isinstance(wanted, list) and wanted:
            server, sptr = self.resolver.deref(wanted[0], child(cptr, "servers", 0))
        elif servers:
            key = next(iter(servers))
            server, sptr = self.resolver.deref(servers[key], child("#/servers", key))
        if server is None:
            return ""
        if not isinstance(server, dict):
            raise GeneratorError(sptr, "a server must be a mapping")
        protocol = str(server.get("protocol") or "wss")
        if major == 3:
            return f"{protocol}://{server.get('host', '')}{server.get('pathname') or ''}"
        url = str(server.get("url", ""))
        return url if "://" in url else f"{protocol}://{url}"


def _v2_fallback_name(node: Any) -> str:
    if isinstance(node, dict):
        for key in ("messageId", "title"):
            if isinstance(node.get(key), str):
                return str(node[key])
    return ""


# --------------------------------------------------------------------------- entry points


def parse(doc: Mapping[str, Any]) -> Document:
    """Build the intermediate representation of an AsyncAPI 2.x/3.0 document."""
    version = doc.get("asyncapi")
    if not isinstance(version, str):
        raise GeneratorError("#/asyncapi", "missing 'asyncapi' version")
    if _SUPPORTED_3X.match(version):
        major = 3
    elif _SUPPORTED_2X.match(version):
        major = 2
    else:
        raise GeneratorError(
            "#/asyncapi", f"unsupported AsyncAPI version {version!r} (supported: 2.0-2.6, 3.0)"
        )
    parser = _Parser(doc)
    key, channel, cptr = parser.single_channel()
    if major == 3:
        parser.v3_messages(channel, cptr)
        address = channel.get("address") or ""
    else:
        parser.v2_messages(channel, cptr)
        address = key
    discriminator = parser.discriminator(channel, cptr)
    messages = parser.finish_messages(discriminator)
    query = parser.query(channel, cptr)
    headers = parser.headers(channel, cptr)
    message_names = {m.name for m in messages}
    objects = sorted(
        (o for o in parser.schemas.objects.values() if o.name not in message_names),
        key=lambda o: o.name,
    )
    info = doc.get("info") if isinstance(doc.get("info"), dict) else {}
    assert isinstance(info, dict)
    return Document(
        asyncapi_version=version,
        title=_text(info.get("title")),
        version=_text(str(info.get("version", ""))),
        description=_text(info.get("description")),
        server_url=parser.server_url(channel, cptr, major),
        address=str(address),
        discriminator=discriminator,
        discriminator_python=field_name(discriminator) if discriminator else None,
        messages=messages,
        objects=tuple(objects),
        enums=tuple(sorted(parser.schemas.enums.values(), key=lambda e: e.name)),
        query=query,
        headers=headers,
        close_codes=parser.close_codes(channel, cptr),
    )


def parse_file(path: Path) -> Document:
    """`parse(normalize(load_file(path)))`."""
    return parse(normalize(load_file(path)))
