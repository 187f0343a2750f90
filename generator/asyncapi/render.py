"""`model.Document` -> Python source files, through the jinja2 templates in `templates/`.

The templates own the layout of the generated modules. The helpers here only turn model
values into Python text (type annotations, decoder expressions, literals, docstrings,
import blocks) and lay long calls out the way `ruff format` would, so the output is
already formatted (line length 100) and lint-clean before the orchestrator runs ruff.
"""

from __future__ import annotations

import io
import json
import keyword
import re
import textwrap
import tokenize
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from .model import Direction, Document, Field, Message, ObjectDef, TypeKind, TypeRef

__all__ = ["LINE_LENGTH", "render", "render_sources"]

LINE_LENGTH = 100
TEMPLATES = Path(__file__).resolve().parent / "templates"

# Names the generated `_runtime.py` defines (kept in step with templates/runtime.py.jinja).
RUNTIME_NAMES = (
    "UNSET",
    "DecodeError",
    "Unset",
    "as_any",
    "as_bool",
    "as_datetime",
    "as_enum",
    "as_float",
    "as_int",
    "as_list",
    "as_map",
    "as_nullable",
    "as_object",
    "as_str",
    "check_tag",
    "dispatch",
    "dispatch_server",
    "encode_query",
    "NUMBER_TYPES",
    "extra_fields",
    "fast_list",
    "get_optional",
    "get_present",
    "get_required",
    "load_json_object",
    "query_extra",
    "query_optional",
    "query_required",
    "read_field",
    "read_object",
    "report_deviation",
    "STRICT_READING",
    "to_wire",
    "unknown_member",
    "wire_values",
)

# The runtime names the package re-exports: the handwritten SDK dispatches server messages to
# its own subclasses with `dispatch_server` and reports its own departures.
_RUNTIME_EXPORTS = frozenset(
    {"UNSET", "DecodeError", "Unset", "STRICT_READING", "dispatch_server", "report_deviation"}
)

# name -> (module, straight import?) for the standard library and attrs.
_EXTERNAL: dict[str, tuple[str, bool]] = {
    "json": ("json", True),
    "logging": ("logging", True),
    "re": ("re", True),
    "ContextVar": ("contextvars", False),
    "attrs": ("attrs", True),
    "Callable": ("collections.abc", False),
    "Mapping": ("collections.abc", False),
    "Sequence": ("collections.abc", False),
    "UTC": ("datetime", False),
    "datetime": ("datetime", False),
    "Enum": ("enum", False),
    "Any": ("typing", False),
    "ClassVar": ("typing", False),
    "Final": ("typing", False),
    "Literal": ("typing", False),
    "Never": ("typing", False),
    "Self": ("typing", False),
    "TypeAlias": ("typing", False),
    "TypeVar": ("typing", False),
    "cast": ("typing", False),
}
_THIRD_PARTY = frozenset({"attrs"})


# --------------------------------------------------------------------------- text helpers


def pystr(text: str) -> str:
    """A Python string literal in the quote style `ruff format` settles on."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]  # escapes \ " and control characters
    if '"' in text and "'" not in text:
        return "'" + body.replace('\\"', '"') + "'"
    return '"' + body + '"'


def pyliteral(value: object) -> str:
    """Python source for JSON data (used for defaults)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return pystr(value)
    if isinstance(value, list):
        return "[" + ", ".join(pyliteral(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{pystr(str(k))}: {pyliteral(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(f"not JSON data: {value!r}")


def _clean(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').replace("\t", "    ")
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _paragraphs(text: str) -> list[str]:
    """Split prose into paragraphs; lines inside a paragraph are joined (markdown style)."""
    result: list[str] = []
    for block in re.split(r"\n\s*\n", _clean(text)):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            result.append(" ".join(lines))
    return result


def docstring(blocks: Sequence[str | tuple[str, str]], indent: int) -> str:
    """A docstring at `indent`: prose paragraphs, then `(name, text)` attribute entries.

    Returns the text starting with the opening quotes (the caller indents that first line).
    """
    pad = " " * indent
    width = LINE_LENGTH - indent
    paragraphs: list[str] = []
    attributes: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, tuple):
            attributes.append(block)
        else:
            paragraphs.extend(_paragraphs(block))
    if not paragraphs:
        paragraphs = ["(No description.)"]
    summary = paragraphs[0]
    if not attributes and len(paragraphs) == 1:
        single = f'"""{summary}"""'
        if len(single) <= width and not summary.endswith('"'):
            return single
    lines = textwrap.wrap(summary, width - 3, break_long_words=False, break_on_hyphens=False)
    out = ['"""' + lines[0]] + [pad + line for line in lines[1:]]
    for paragraph in paragraphs[1:]:
        out.append("")
        out.extend(
            pad + line
            for line in textwrap.wrap(
                paragraph, width, break_long_words=False, break_on_hyphens=False
            )
        )
    if attributes:
        out.append("")
        out.append(pad + "Attributes:")
        for name, text in attributes:
            entry = f"{name}: {' '.join(_paragraphs(text)) or '(No description.)'}"
            wrapped = textwrap.wrap(
                entry,
                width - 4,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            out.extend(pad + "    " + line for line in wrapped)
    out.append(pad + '"""')
    return "\n".join(out)


def fit_call(indent: int, head: str, args: Sequence[str], tail: str) -> str:
    """`head + args + tail` laid out as `ruff format` does for a call that may be too long.

    `head` ends with the opening parenthesis, `tail` starts with the closing one.
    """
    pad = " " * indent
    inner = " " * (indent + 4)
    one = f"{pad}{head}{', '.join(args)}{tail}"
    if len(one) <= LINE_LENGTH:
        return one
    body = f"{inner}{', '.join(args)}"
    if len(body) <= LINE_LENGTH:
        return f"{pad}{head}\n{body}\n{pad}{tail}"
    return "\n".join([f"{pad}{head}", *(f"{inner}{arg}," for arg in args), f"{pad}{tail}"])


def exploded(indent: int, head: str, items: Sequence[str], tail: str, *, tuple_: bool) -> str:
    """A bracketed display with one item per line (kept by ruff's magic trailing comma).

    `ruff format` joins a one-element tuple back onto one line, so those are written that
    way from the start.
    """
    pad = " " * indent
    if not items:
        return f"{pad}{head}{tail}"
    if tuple_ and len(items) == 1:
        one = f"{pad}{head}{items[0].removesuffix(',')},{tail}"
        if len(one) <= LINE_LENGTH and "\n" not in one:
            return one
    inner = " " * (indent + 4)
    lines = [f"{inner}{item}" if item.endswith(",") else f"{inner}{item}," for item in items]
    return "\n".join([f"{pad}{head}", *lines, f"{pad}{tail}"])


def type_alias(name: str, members: Sequence[str]) -> str:
    """`name: TypeAlias = A | B | ...` laid out as ruff does."""
    union = " | ".join(members) if members else "Never"
    one = f"{name}: TypeAlias = {union}"
    if len(one) <= LINE_LENGTH or len(members) < 2:
        return one
    if len(union) + 4 <= LINE_LENGTH:
        return f"{name}: TypeAlias = (\n    {union}\n)"
    rest = [f"    | {m}" for m in members[1:]]
    return "\n".join([f"{name}: TypeAlias = (", f"    {members[0]}", *rest, ")"])


def tuple_item(indent: int, items: Sequence[str]) -> str:
    """A tuple display used as an element of an exploded display (trailing comma included)."""
    pad = " " * indent
    one = f"{pad}({', '.join(items)}),"
    if len(one) <= LINE_LENGTH:
        return one.removeprefix(pad)
    inner = " " * (indent + 4)
    lines = ["(", *(f"{inner}{item}," for item in items), f"{pad})"]
    return "\n".join(lines) + ","


def declaration(indent: int, name: str, annotation_: str, default: str = "") -> str:
    """`name: annotation = default` in a class body, wrapped as ruff wraps long annotations."""
    pad = " " * indent
    tail = f" = {default}" if default else ""
    one = f"{pad}{name}: {annotation_}{tail}"
    if len(one) <= LINE_LENGTH:
        return one
    return f"{pad}{name}: (\n{pad}    {annotation_}\n{pad}){tail}"


# --------------------------------------------------------------------------- types


def annotation(type_: TypeRef) -> str:
    """The Python annotation of a value of `type_`."""
    simple = {
        TypeKind.STRING: "str",
        TypeKind.INTEGER: "int",
        TypeKind.NUMBER: "float",
        TypeKind.BOOLEAN: "bool",
        TypeKind.DATETIME: "datetime",
        TypeKind.ANY: "Any",
    }
    if type_.kind in simple:
        text = simple[type_.kind]
    elif type_.kind is TypeKind.LIST:
        assert type_.item is not None
        text = f"list[{annotation(type_.item)}]"
    elif type_.kind is TypeKind.MAP:
        assert type_.item is not None
        text = f"dict[str, {annotation(type_.item)}]"
    else:
        assert type_.name is not None
        text = type_.name
    if type_.nullable and type_.kind is not TypeKind.ANY:
        text += " | None"
    return text


def decoder(type_: TypeRef) -> str:
    """An expression for the runtime decoder of `type_` (a `(value, where) -> T` callable)."""
    simple = {
        TypeKind.STRING: "as_str",
        TypeKind.INTEGER: "as_int",
        TypeKind.NUMBER: "as_float",
        TypeKind.BOOLEAN: "as_bool",
        TypeKind.DATETIME: "as_datetime",
        TypeKind.ANY: "as_any",
    }
    if type_.kind in simple:
        text = simple[type_.kind]
    elif type_.kind is TypeKind.LIST:
        assert type_.item is not None
        text = f"as_list({decoder(type_.item)})"
    elif type_.kind is TypeKind.MAP:
        assert type_.item is not None
        text = f"as_map({decoder(type_.item)})"
    elif type_.kind is TypeKind.ENUM:
        text = f"as_enum({type_.name})"
    else:
        text = f"{type_.name}._from_dict"
    if type_.nullable and type_.kind is not TypeKind.ANY:
        text = f"as_nullable({text})"
    return text


# Expressions true when `{v}` does NOT have the exact JSON type of a scalar field.
_FAST_MISFITS = {
    TypeKind.STRING: "type({v}) is not str",
    TypeKind.INTEGER: "type({v}) is not int",
    TypeKind.NUMBER: "type({v}) not in NUMBER_TYPES",
    TypeKind.BOOLEAN: "type({v}) is not bool",
}


def fast_decoder(obj: ObjectDef, lenient: bool) -> list[str]:
    """The body of `_decode_fast` (indented): `_from_dict` for data that fits, else None.

    Scalars are accepted only with their exact JSON type (an integer sent as `1.0` takes the
    checked path, which converts it); lists of objects go through the items' own fast path;
    every other type is decoded as usual with an empty path, any `DecodeError` meaning "take
    the checked path". Scalar checks all run before any other decoding, so the first error in
    field order never comes from the fast path. Locals are `f0`, `f1`, ... so every line stays
    short. For a `lenient` class an absent optional field reads None, and anything the lenient
    path would report (a null where none is allowed, an unknown enum value) is left to it.
    """
    fields = [*(f for f in obj.fields if f.required), *(f for f in obj.fields if not f.required)]
    pad = " " * 8
    test = "type(data) is not dict"
    if obj.discriminator is not None:
        key, value = pystr(obj.discriminator.wire_name), pystr(obj.discriminator.value)
        test += f" or data.get({key}, {value}) != {value}"
    lines = [f"{pad}if {test}:", f"{pad}    return None"]
    later: list[str] = []
    for index, f in enumerate(fields):
        var, key, t = f"f{index}", pystr(f.wire_name), f.type
        misfit = _FAST_MISFITS.get(t.kind)
        if misfit is not None:
            text = misfit.format(v=var)
            if f.required and t.nullable:
                default = ", UNSET"
                text = f"{var} is UNSET or ({var} is not None and {text})"
            elif f.required:
                default = ""
            elif lenient and t.nullable:
                default = ""
                text = f"{var} is not None and {text}"
            elif lenient:
                default = ""
                text = f"{text} and ({var} is not None or {key} in data)"
            else:
                default = ", UNSET"
                if t.nullable:
                    text = f"{var} is not None and {text}"
                text = f"{var} is not UNSET and {text}"
            lines.append(f"{pad}{var}: Any = data.get({key}{default})")
            lines += [f"{pad}if {text}:", f"{pad}    return None"]
        elif (
            t.kind is TypeKind.LIST
            and not t.nullable
            and f.required
            and t.item is not None
            and t.item.kind is TypeKind.OBJECT
            and not t.item.nullable
        ):
            later += [
                fit_call(
                    8,
                    f"{var} = fast_list(",
                    [f"{t.item.name}._decode_fast", f"data.get({key})"],
                    ")",
                ),
                f"{pad}if {var} is None:",
                f"{pad}    return None",
            ]
        else:
            getter = {True: "get_required", False: "get_present" if lenient else "get_optional"}[
                f.required
            ]
            later += [
                f"{pad}try:",
                fit_call(12, f"{var} = {getter}(", ["data", key, '""', decoder(t)], ")"),
                f"{pad}except DecodeError:",
                f"{pad}    return None",
            ]
    lines += later
    args = [f"{f.python_name}=f{index}" for index, f in enumerate(fields)]
    args.append(f"additional_properties=extra_fields(data, cls._WIRE_KEYS, {pystr(obj.name)})")
    lines.append(fit_call(8, "result = cls(", args, ")"))
    return lines


def field_annotation(field: Field, lenient: bool = False) -> str:
    """The attribute annotation: `| Unset` for optional fields, `None` kept last (RUF036).

    Fields of a `lenient` class are `T | None`: None when the server leaves them out.
    """
    text = annotation(field.type)
    if lenient:
        return text if text.endswith(" | None") or text == "Any" else f"{text} | None"
    if field.required:
        return text
    if text.endswith(" | None"):
        return text.removesuffix(" | None") + " | Unset | None"
    return f"{text} | Unset"


# --------------------------------------------------------------------------- imports


def _isort_key(name: str) -> tuple[int, str, str]:
    if len(name) > 1 and name.isupper():
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, name.lower(), name


def _from_import(module: str, names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=_isort_key)
    line = f"from {module} import {', '.join(ordered)}"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"from {module} import (", *(f"    {n}," for n in ordered), ")"])


def import_block(used: Iterable[str], local: Mapping[str, str]) -> str:
    """The import section for the names a module uses (`local`: name -> sibling module)."""
    straight: set[str] = set()
    stdlib: dict[str, set[str]] = {}
    third: dict[str, set[str]] = {}
    third_straight: set[str] = set()
    siblings: dict[str, set[str]] = {}
    for name in used:
        if name in local:
            siblings.setdefault(local[name], set()).add(name)
        elif name in _EXTERNAL:
            module, is_straight = _EXTERNAL[name]
            if module in _THIRD_PARTY:
                if is_straight:
                    third_straight.add(module)
                else:
                    third.setdefault(module, set()).add(name)
            elif is_straight:
                straight.add(module)
            else:
                stdlib.setdefault(module, set()).add(name)
    sections = ["from __future__ import annotations"]
    std_lines = [f"import {m}" for m in sorted(straight)]
    std_lines += [_from_import(m, stdlib[m]) for m in sorted(stdlib)]
    third_lines = [f"import {m}" for m in sorted(third_straight)]
    third_lines += [_from_import(m, third[m]) for m in sorted(third)]
    local_lines = [_from_import(f".{m}", siblings[m]) for m in sorted(siblings, key=str.lower)]
    for lines in (std_lines, third_lines, local_lines):
        if lines:
            sections.append("\n".join(lines))
    return "\n\n".join(sections)


def used_names(source: str) -> set[str]:
    """Names a module's code refers to (not attribute names, strings or comments)."""
    names: set[str] = set()
    previous = ""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and previous != "." and not keyword.iskeyword(token.string):
            names.add(token.string)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token.string
    return names


# --------------------------------------------------------------------------- view


def _message_role(message: Message) -> str:
    parts = []
    if Direction.SEND in message.directions:
        parts.append("the client")
    if Direction.RECEIVE in message.directions:
        parts.append("the server")
    return "Sent by " + " and ".join(parts) + "."


def _sentence(text: str) -> str:
    """`text` ending with a full stop, so that notes can be appended after it."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else text + "."


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


def _class_view(obj: ObjectDef, message: Message | None, lenient: bool) -> dict[str, Any]:
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


def _query_view(document: Document) -> dict[str, Any]:
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


def _dispatch_view(document: Document, direction: Direction) -> dict[str, Any]:
    messages = [m for m in document.messages_for(direction) if not m.is_raw]
    tagged = [f"{pystr(m.tag)}: {m.name}.from_dict" for m in messages if m.tag is not None]
    untagged_messages = sorted(
        (m for m in messages if m.tag is None), key=lambda m: (-len(m.match_keys), m.name)
    )
    untagged = []
    for m in untagged_messages:
        keys = ", ".join(pystr(k) for k in sorted(m.match_keys))
        untagged.append(tuple_item(4, [f"frozenset({{{keys}}})", f"{m.name}.from_dict"]))
    side = "server" if direction is Direction.RECEIVE else "client"
    prefix = f"_{side.upper()}"
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
        "doc": _decode_doc(document, side, messages),
    }


def _decode_doc(document: Document, side: str, messages: Sequence[Message]) -> str:
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
        if m.tag is None:
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


def _unknown_doc(document: Document) -> str:
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


def _module_doc(document: Document, what: str) -> str:
    title = document.title or "(untitled)"
    version = f", description version {document.version}" if document.version else ""
    return docstring([f"{what}.", f"API: {title}{version}."], 0)


# --------------------------------------------------------------------------- rendering


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pystr"] = pystr
    env.filters["pyliteral"] = pyliteral
    env.filters["annotation"] = annotation
    return env


def render_sources(document: Document) -> dict[str, str]:
    """The generated package as file name -> source text."""
    env = _environment()
    messages = [m for m in document.messages if not m.is_raw]
    classes = {m.name: m for m in messages}
    local: dict[str, str] = {name: "_runtime" for name in RUNTIME_NAMES}
    local.update({e.name: "enums" for e in document.enums})
    message_exports = [
        *classes,
        *(o.name for o in document.objects),
        "ClientMessage",
        "ServerMessage",
        "UnknownMessage",
        "decode",
        "decode_client_message",
        "encode",
    ]
    local.update({name: "messages" for name in message_exports})
    connection_exports = [
        "CHANNEL_ADDRESS",
        "CLOSE_CODES",
        "HEADER_NAMES",
        "QUERY_DEFAULTS",
        "SERVER_URL",
        "ConnectionParameters",
    ]
    local.update({name: "connection" for name in connection_exports})

    server = _dispatch_view(document, Direction.RECEIVE)
    client = _dispatch_view(document, Direction.SEND)
    context: dict[str, Any] = {
        "document": document,
        "docstring": docstring,
        # What the server sends is read leniently (the API departs from its description);
        # what the client sends is checked strictly (test servers use it to catch SDK bugs).
        # Nested objects only occur in server messages in our descriptions.
        "server_classes": [
            _class_view(m.payload, m, lenient=True)
            for m in messages
            if m.payload and m.directions == (Direction.RECEIVE,)
        ],
        "client_classes": [
            _class_view(m.payload, m, lenient=False)
            for m in messages
            if m.payload and Direction.SEND in m.directions
        ],
        "object_classes": [_class_view(o, None, lenient=True) for o in document.objects],
        "enums": document.enums,
        "server": server,
        "client": client,
        "discriminator": document.discriminator,
        "discriminator_key": pystr(document.discriminator) if document.discriminator else "None",
        "discriminator_python": document.discriminator_python or "",
        "server_dispatch": fit_call(
            4,
            "known = dispatch_server(",
            [
                "message",
                pystr(document.discriminator) if document.discriminator else "None",
                "_SERVER_TAGGED",
                "_SERVER_UNTAGGED",
                "strict",
            ],
            ")",
        ),
        "unknown_doc": _unknown_doc(document),
        "query": _query_view(document),
        "server_url": pystr(document.server_url),
        "address": pystr(document.address),
    }

    sources: dict[str, str] = {}
    modules = {
        "_runtime.py": (
            "runtime.py.jinja",
            "Helpers shared by the generated modules of this package",
        ),
        "enums.py": ("enums.py.jinja", "Enumerations that keep values they do not list"),
        "messages.py": ("messages.py.jinja", "Message classes, `decode` and `encode`"),
        "connection.py": (
            "connection.py.jinja",
            "Connection details: URL, query parameters, headers, close codes",
        ),
    }
    for filename, (template_name, what) in modules.items():
        template = env.get_template(template_name)
        module = filename.removesuffix(".py")
        view = {**context, "module_doc": _module_doc(document, what), "imports": ""}
        body = template.render(view)
        own = {name for name, where in local.items() if where == module}
        used = {n for n in used_names(body) if n not in own}
        siblings = {} if module == "_runtime" else {n: m for n, m in local.items() if m != module}
        view["imports"] = import_block(used, siblings)
        sources[filename] = template.render(view)

    exports: dict[str, list[str]] = {}
    for name, module in local.items():
        if module != "_runtime" or name in _RUNTIME_EXPORTS:
            exports.setdefault(module, []).append(name)
    all_names = sorted((n for names in exports.values() for n in names), key=_natural_key)
    init = env.get_template("init.py.jinja")
    sources["__init__.py"] = init.render(
        module_doc=_package_doc(document),
        imports=import_block(
            [n for names in exports.values() for n in names],
            {n: m for m, names in exports.items() for n in names},
        ),
        all_names=exploded(0, "__all__ = [", [pystr(n) for n in all_names], "]", tuple_=False),
    )
    return sources


def _natural_key(name: str) -> tuple[int, list[Any]]:
    """The order ruff's RUF022 wants for `__all__`: CONSTANTS, Classes, then the rest."""
    if len(name) > 1 and name.isupper():
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    parts: list[Any] = [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name) if p]
    return rank, parts


def _package_doc(document: Document) -> str:
    title = document.title or "the websocket API"
    url = f"{document.server_url}{document.address}"
    blocks: list[str] = [f"Types for {title}, generated from its AsyncAPI description."]
    if url:
        blocks.append(f"Endpoint: {url}")
    if document.description:
        blocks.append(document.description)
    blocks.append(
        "Modules: `messages` (a class per message, `decode`, `decode_client_message`,"
        " `encode`), `connection` (URL, query parameters, close codes) and `enums`."
        " Everything public is re-exported here."
    )
    return docstring(blocks, 0)


def render(document: Document, out_dir: Path) -> list[Path]:
    """Write the generated package into `out_dir`; returns the written paths, sorted."""
    sources = render_sources(document)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for filename in sorted(sources):
        path = out_dir / filename
        path.write_text(sources[filename], encoding="utf-8", newline="\n")
        written.append(path)
    return written
