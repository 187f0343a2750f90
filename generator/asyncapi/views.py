"""What the templates get for each class, the query parameters and the dispatch tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .model import Direction, Document, Message, ObjectDef, TypeKind
from .pytext import (
    declaration,
    docstring,
    exploded,
    fit_call,
    pyliteral,
    pystr,
    tuple_item,
    type_alias,
)
from .pytext import (
    sentence as _sentence,
)
from .pytypes import decoder, fast_decoder, field_annotation

__all__ = ["class_view", "decode_doc", "dispatch_view", "module_doc", "query_view", "unknown_doc"]


def _message_role(message: Message) -> str:
    parts = []
    if Direction.SEND in message.directions:
        parts.append("the client")
    if Direction.RECEIVE in message.directions:
        parts.append("the server")
    return "Sent by " + " and ".join(parts) + "."


_LENIENT_NOTE = (
    "Read leniently, as the server may depart from the API description: a field it leaves"
    " out is None, a value of another type (or an unknown enum value) is kept as sent, and"
    " each departure is logged once at DEBUG on `assemblyai.deviations` (strict reading"
    " raises `DecodeError` instead)."
)


def _class_doc(obj: ObjectDef, message: Message | None, extra_field: str, lenient: bool) -> str:
    blocks: list[str | tuple[str, str]] = []
    if message is not None:
        if message.summary:
            blocks.append(message.summary)
        if message.description:
            blocks.append(message.description)
        if obj.description and obj.description not in (message.summary, message.description):
            blocks.append(obj.description)
        if not blocks:
            blocks.append(f"The `{message.name}` message.")
        blocks.append(_message_role(message))
    else:
        blocks.append(obj.description or f"The `{obj.name}` object.")
    if lenient:
        blocks.append(_LENIENT_NOTE)
    if obj.discriminator is not None:
        blocks.append(
            (
                obj.discriminator.python_name,
                f"Always `{pystr(obj.discriminator.value)}`, the default; another value raises"
                " `ValueError`.",
            )
        )
    for f in obj.fields:
        text = _sentence(f.description or "(No description.)")
        if f.wire_name != f.python_name:
            text += f" (JSON name: `{f.wire_name}`)"
        if f.deprecated:
            text += " Deprecated."
        if not f.required:
            text += " Optional: None when absent." if lenient else " Optional: `UNSET` when absent."
        blocks.append((f.python_name, text))
    blocks.append((extra_field, "Fields this version of the SDK does not know, kept as received."))
    return docstring(blocks, 4)


def class_view(obj: ObjectDef, message: Message | None, lenient: bool) -> dict[str, Any]:
    """What `_class.jinja` needs for one class; `lenient` for what the server sends."""
    required = [f for f in obj.fields if f.required]
    optional = [f for f in obj.fields if not f.required]
    wire_keys = [pystr(f.wire_name) for f in obj.fields]
    if obj.discriminator is not None:
        wire_keys.insert(0, pystr(obj.discriminator.wire_name))
    kwargs = []
    for f in [*required, *optional]:
        if lenient:
            getter = "read_field("
            args = ["data", pystr(f.wire_name), "where", decoder(f.type), str(f.required)]
        else:
            getter = "get_required(" if f.required else "get_optional("
            args = ["data", pystr(f.wire_name), "where", decoder(f.type)]
        kwargs.append(fit_call(12, f"{f.python_name}={getter}", args, "),"))
    entries = []
    if obj.discriminator is not None:
        d = obj.discriminator
        entries.append(f"{pystr(d.wire_name)}: self.{d.python_name}")
    entries += [f"{pystr(f.wire_name)}: self.{f.python_name}" for f in obj.fields]
    datetimes = [f for f in obj.fields if f.type.kind is TypeKind.DATETIME]
    wire_map = [f"{pystr(f.wire_name)}: result.{f.python_name}" for f in datetimes]
    discriminator_line = ""
    if obj.discriminator is not None:
        # A keyword with the tag as default (as 0.45.4's models have it), refusing any other
        # value: to_dict sends the field, so it must stay the one the wire expects.
        value = pystr(obj.discriminator.value)
        discriminator_line = fit_call(
            4,
            f"{obj.discriminator.python_name}: Literal[{value}] = attrs.field(",
            [f"default={value}", f"validator=attrs.validators.in_(({value},))"],
            ")",
        )
    to_wire_args = ["fields", "self.additional_properties"]
    if datetimes:
        to_wire_args.append("self._wire")
    nullable = [
        pystr(f.wire_name) for f in obj.fields if f.type.nullable or f.type.kind is TypeKind.ANY
    ]
    if lenient:
        to_wire_args.append("nullable=cls_nullable")
    return {
        "discriminator_line": discriminator_line,
        "name": obj.name,
        "doc": _class_doc(obj, message, "additional_properties", lenient),
        "discriminator": obj.discriminator,
        "discriminator_value": pystr(obj.discriminator.value) if obj.discriminator else "",
        "discriminator_key": pystr(obj.discriminator.wire_name) if obj.discriminator else "",
        "declarations": [
            declaration(4, f.python_name, field_annotation(f, lenient)) for f in required
        ]
        + [
            declaration(
                4, f.python_name, field_annotation(f, lenient), "None" if lenient else "UNSET"
            )
            for f in optional
        ],
        "wire_keys": exploded(
            4, "_WIRE_KEYS: ClassVar[tuple[str, ...]] = (", wire_keys, ")", tuple_=True
        ),
        "nullable_keys": exploded(
            4, "_NULLABLE_KEYS: ClassVar[tuple[str, ...]] = (", nullable, ")", tuple_=True
        )
        if lenient
        else "",
        "fields_dict": exploded(8, "fields: dict[str, Any] = {", entries, "}", tuple_=False),
        "to_wire": fit_call(
            8,
            "return to_wire(",
            [a.replace("cls_nullable", "self._NULLABLE_KEYS") for a in to_wire_args],
            ")",
        ),
        "kwargs": kwargs,
        "has_datetimes": bool(datetimes),
        "fast": fast_decoder(obj, lenient),
        "wire_map": fit_call(
            8, "result._wire = wire_values(", ["data", "{" + ", ".join(wire_map) + "}"], ")"
        ),
        "name_literal": pystr(obj.name),
        "lenient": lenient,
    }


def query_view(document: Document) -> dict[str, Any]:
    required = [f for f in document.query if f.required]
    optional = [f for f in document.query if not f.required]
    kwargs = []
    for f in [*required, *optional]:
        getter = "query_required(" if f.required else "query_optional("
        args = ["query", pystr(f.wire_name), decoder(f.type)]
        if f.type.kind in (TypeKind.STRING, TypeKind.ENUM, TypeKind.DATETIME):
            args.append("text=True")
        kwargs.append(fit_call(12, f"{f.python_name}={getter}", args, "),"))
    blocks: list[str | tuple[str, str]] = [
        "The query string of the connection URL.",
        "`to_query()` writes each parameter that is set as text: strings as they are, enums as"
        " their value, booleans as `true`/`false`, numbers and lists as JSON. Parameters left"
        " `UNSET` are not sent; the server then applies its default (see `QUERY_DEFAULTS`)."
        " `from_query()` reads such a mapping back, for test servers.",
    ]
    for f in document.query:
        text = _sentence(f.description or "(No description.)")
        if f.wire_name != f.python_name:
            text += f" (query name: `{f.wire_name}`)"
        if f.deprecated:
            text += " Deprecated."
        if f.has_default:
            text += f" Server default: `{json.dumps(f.default)}`."
        blocks.append((f.python_name, text))
    blocks.append(
        (
            "additional_parameters",
            "Extra parameters, sent as given (for options this SDK does not know).",
        )
    )
    names = [pystr(f.wire_name) for f in document.query]
    entries = [f"{pystr(f.wire_name)}: self.{f.python_name}" for f in document.query]
    defaults = [
        f"{pystr(f.wire_name)}: {pyliteral(f.default)}" for f in document.query if f.has_default
    ]
    close_codes = [f"{code}: {pystr(text)}" for code, text in document.close_codes]
    headers = [pystr(h.name) for h in document.headers]
    return {
        "doc": docstring(blocks, 4),
        "declarations": [declaration(4, f.python_name, field_annotation(f)) for f in required]
        + [declaration(4, f.python_name, field_annotation(f), "UNSET") for f in optional],
        "names": exploded(4, "_NAMES: ClassVar[tuple[str, ...]] = (", names, ")", tuple_=True),
        "values_dict": exploded(8, "values: dict[str, object] = {", entries, "}", tuple_=False),
        "kwargs": kwargs,
        "defaults": exploded(
            0, "QUERY_DEFAULTS: Final[dict[str, object]] = {", defaults, "}", tuple_=False
        ),
        "close_codes": exploded(
            0, "CLOSE_CODES: Final[dict[int, str]] = {", close_codes, "}", tuple_=False
        ),
        "headers": exploded(
            0, "HEADER_NAMES: Final[tuple[str, ...]] = (", headers, ")", tuple_=True
        ),
    }


def dispatch_view(document: Document, direction: Direction) -> dict[str, Any]:
    messages = [m for m in document.messages_for(direction) if not m.is_raw]
    tagged = [f"{pystr(m.tag)}: {m.name}.from_dict" for m in messages if m.tag is not None]
    untagged_messages = sorted(
        (m for m in messages if m.match_keys), key=lambda m: (-len(m.match_keys), m.name)
    )
    untagged = []
    for m in untagged_messages:
        keys = ", ".join(pystr(k) for k in sorted(m.match_keys))
        untagged.append(tuple_item(4, [f"frozenset({{{keys}}})", f"{m.name}.from_dict"]))
    side = "server" if direction is Direction.RECEIVE else "client"
    # The server's tables are public: the SDK dispatches to its own subclasses with them.
    prefix = "SERVER" if side == "server" else "_CLIENT"
    alias = "_ServerDecoder" if direction is Direction.RECEIVE else "_ClientDecoder"
    return {
        "alias": type_alias(
            "ServerMessage" if side == "server" else "ClientMessage", [m.name for m in messages]
        ),
        "names": [m.name for m in messages],
        "tagged": exploded(
            0, f"{prefix}_TAGGED: Final[dict[str, {alias}]] = {{", tagged, "}", tuple_=False
        ),
        "untagged": exploded(
            0,
            f"{prefix}_UNTAGGED: Final[tuple[tuple[frozenset[str], {alias}], ...]] = (",
            untagged,
            ")",
            tuple_=True,
        ),
        "untagged_messages": untagged_messages,
        "doc": decode_doc(document, side, messages),
    }


def decode_doc(document: Document, side: str, messages: Sequence[Message]) -> str:
    key = document.discriminator
    tagged = [m.name for m in messages if m.tag is not None]
    blocks: list[str] = [
        f"Decode one message sent by the {side}.",
        "`data` is the text (or UTF-8 bytes) of a websocket text frame, or JSON that is"
        " already parsed.",
    ]
    if key and tagged:
        blocks.append(f"The `{key}` field picks the class: {', '.join(f'`{n}`' for n in tagged)}.")
    for m in messages:
        if m.match_keys:
            fields = ", ".join(f"`{k}`" for k in m.match_keys)
            lead = f"A message without `{key}`" if key else "A message"
            blocks.append(f"{lead} that has {fields} becomes `{m.name}`.")
    blocks.append(
        "Anything else"
        + (f", including a `{key}` this SDK does not know," if key else "")
        + " becomes `UnknownMessage` instead of an error."
    )
    raw = [
        m.name
        for m in document.messages_for(Direction.SEND if side == "client" else Direction.RECEIVE)
        if m.is_raw
    ]
    if raw:
        blocks.append(
            f"Binary frames ({', '.join(f'`{n}`' for n in raw)}) are not messages for this function."
        )
    if side == "server":
        blocks.append(
            "Known messages are read leniently (see their classes): a field left out is None,"
            " a value of another type is kept as sent, and each departure from the description,"
            " an unknown message included, is logged once at DEBUG on `assemblyai.deviations`."
            " `strict=True` raises `DecodeError` for any of them instead; None keeps the"
            " reading set in `STRICT_READING`."
        )
        blocks.append(
            "Raises `DecodeError` (a `ValueError`) when `data` is not JSON or not a JSON object."
        )
    else:
        blocks.append(
            "Raises `DecodeError` (a `ValueError`) when `data` is not JSON, not a JSON object,"
            " or a known message with a missing or mistyped field."
        )
    return docstring(blocks, 4)


def unknown_doc(document: Document) -> str:
    key = document.discriminator
    what = (
        f"a `{key}` it does not know, or a message without `{key}` that no class matches"
        if key
        else "a message that no class matches"
    )
    return docstring(
        [
            "A message that this version of the SDK has no class for.",
            f"`decode` returns it for {what}, instead of raising: servers may add messages"
            " that older SDKs were not generated for (and send some that the description"
            " never listed).",
            ("raw", "The message as received."),
        ],
        4,
    )


def module_doc(document: Document, what: str) -> str:
    title = document.title or "(untitled)"
    version = f", description version {document.version}" if document.version else ""
    return docstring([f"{what}.", f"API: {title}{version}."], 0)
