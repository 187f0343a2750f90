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
that tells messages apart; `x-sdk-events` on the channel names an enum to generate with a
member per server message (what handlers subscribe to) and `Unknown`. Without it the discriminator is inferred: the property that
carries a `const` in the most messages.

Only local `$ref`s (`#/...`) are followed. Any problem raises `GeneratorError`, whose
message starts with the JSON pointer of the offending node.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs

from .channel import ChannelDetails
from .model import (
    Direction,
    Discriminator,
    Document,
    Message,
    ObjectDef,
)
from .names import RESERVED_NAMES, field_name, pascal_name
from .normalize import normalize
from .resolve import GeneratorError, Resolver, child, load_file
from .schemas import Schemas
from .schemas import text as _text

__all__ = ["GeneratorError", "load_file", "parse", "parse_file"]

_SUPPORTED_2X = re.compile(r"^2\.[0-6]\.\d+$")
_SUPPORTED_3X = re.compile(r"^3\.0\.\d+$")
_COMPONENT_MESSAGE = re.compile(r"^#/components/messages/([^/]+)$")


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


class _Parser(ChannelDetails):
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.resolver = Resolver(doc)
        self.schemas = Schemas(self.resolver)
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
                    if field.required:
                        payload = attrs.evolve(
                            payload,
                            fields=tuple(f for f in payload.fields if f is not field),
                            discriminator=Discriminator(field.wire_name, field.python_name, tag),
                        )
                    else:
                        # The tag may be left out (an older form of the message): without it,
                        # the message is recognised by its required properties, and the class
                        # keeps the tag as an ordinary field, so it re-encodes as received.
                        match_keys = tuple(f.wire_name for f in payload.fields if f.required)
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
                if message.match_keys:
                    keys = frozenset(message.match_keys)
                    other = keysets.setdefault(keys, message.pointer)
                    if other != message.pointer:
                        raise GeneratorError(
                            message.pointer,
                            f"cannot be told apart from {other}: same required properties",
                        )
        return tuple(sorted(messages, key=lambda m: m.name))


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
        credentials=parser.credentials(),
        events_name=_events_name(channel, cptr),
        server_order=tuple(
            d.name
            for d in parser.drafts.values()
            if Direction.RECEIVE in d.directions and d.payload is not None
        ),
        headers=headers,
        close_codes=parser.close_codes(channel, cptr),
    )


def _events_name(channel: Mapping[str, Any], cptr: str) -> str | None:
    name = channel.get("x-sdk-events")
    if name is None:
        return None
    if not isinstance(name, str) or not name.isidentifier() or name in RESERVED_NAMES:
        raise GeneratorError(child(cptr, "x-sdk-events"), "must name a class (an identifier)")
    return name


def parse_file(path: Path) -> Document:
    """`parse(normalize(load_file(path)))`."""
    return parse(normalize(load_file(path)))
