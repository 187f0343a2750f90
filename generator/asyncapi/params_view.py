"""What `templates/parameters.py.jinja` gets: the classes a caller builds the query string with.

`SessionParameters` holds the query parameters that a client message can also change
mid-session (a property of the same JSON name), `Parameters` all of them; credentials (a
security scheme `in: query`) are left to the client's options. Each keyword is typed from
the description and checked before anything is sent: type, enum values and bounds; unknown
keywords are kept and sent as given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .model import Document, Field, TypeKind, TypeRef
from .pytext import docstring, exploded, pyliteral, pystr, sentence
from .pytypes import annotation

__all__ = ["parameters_view"]

_CHECKS = {
    TypeKind.STRING: "as_str",
    TypeKind.INTEGER: "param_int",
    TypeKind.NUMBER: "as_float",
    TypeKind.BOOLEAN: "as_bool",
    TypeKind.DATETIME: "as_datetime",
}


def _argument_type(type_: TypeRef) -> str:
    """What the keyword accepts: enums also as their text, lists as any iterable."""
    if type_.kind is TypeKind.ENUM:
        return f"{type_.name} | str"
    if type_.kind is TypeKind.LIST:
        assert type_.item is not None
        return f"Iterable[{_argument_type(type_.item)}]"
    if type_.kind is TypeKind.OBJECT:
        return f"{type_.name} | Mapping[str, Any]"
    return annotation(type_)


def _check(field: Field, type_: TypeRef) -> str:
    if type_.kind is TypeKind.ENUM:
        return f"param_enum({type_.name})"
    if type_.kind is TypeKind.LIST:
        assert type_.item is not None
        return f"param_list({_check(field, type_.item)})"
    if type_.kind is TypeKind.OBJECT:
        return f"param_object({type_.name})"
    text = _CHECKS[type_.kind]
    bounds = {
        "minimum": field.minimum,
        "maximum": field.maximum,
        "exclusive_minimum": field.exclusive_minimum,
        "exclusive_maximum": field.exclusive_maximum,
    }
    given = [f"{k}={pyliteral(v)}" for k, v in bounds.items() if v is not None]
    if given and type_.kind in (TypeKind.INTEGER, TypeKind.NUMBER):
        text = f"param_bounds({text}, {', '.join(given)})"
    return text


def _doc(what: str, fields: Sequence[Field]) -> str:
    blocks: list[str | tuple[str, str]] = [
        what,
        "Every keyword is typed and checked (type, allowed values, bounds) when the object is"
        " built, raising `ValueError` (or the class's `_ERROR`) before anything is sent. A"
        " keyword the description does not list is kept in `additional_properties` and sent"
        " as given. `query_pairs()` lists what goes into the query string.",
    ]
    for f in fields:
        text = sentence(f.description or "(No description.)")
        if f.wire_name != f.python_name:
            text += f" (query name: `{f.wire_name}`)"
        if f.deprecated:
            text += " Deprecated."
        if f.renamed_to is not None:
            text += f" Sent as `{f.renamed_to}` (which wins when both are given)."
        if f.required_unless is not None:
            other, waivers = f.required_unless
            text += f" Required unless `{other}` is one of {', '.join(waivers)}."
        if f.has_default:
            text += f" Server default when None: `{json.dumps(f.default)}`."
        blocks.append((f.python_name, text))
    blocks.append(("additional_properties", "Parameters this SDK does not know, sent as given."))
    return docstring(blocks, 4)


def _rule(field: Field, fields: Sequence[Field]) -> str | None:
    """The check run once every keyword is set, for a conditionally required parameter."""
    if field.required_unless is None:
        return None
    wire, waivers = field.required_unless
    other = next((f for f in fields if f.wire_name == wire), None)
    if other is None:
        return None
    values = "(" + "".join(f"{pystr(w)}, " for w in waivers) + ")"
    return (
        f'require_unless(self.{field.python_name}, f"{{where}}.{field.python_name}",'
        f" {pystr(other.python_name)}, self.{other.python_name}, {values}, error)"
    )


def _class(name: str, what: str, fields: Sequence[Field], own: Sequence[Field]) -> dict[str, Any]:
    required = [f for f in fields if f.required]
    optional = [f for f in fields if not f.required]
    arguments = [f"{f.python_name}: {_argument_type(f.type)}" for f in required]
    arguments += [f"{f.python_name}: {_argument_type(f.type)} | None = None" for f in optional]
    values = []
    for f in fields:
        helper = "require_param" if f.required else "check_param"
        where = f'f"{{where}}.{f.python_name}"'
        values.append(
            f"{f.python_name}={helper}({f.python_name}, {where}, {_check(f, f.type)}, error)"
        )
    declarations = [f"{f.python_name}: {annotation(f.type)}" for f in own if f.required]
    declarations += [
        f"{f.python_name}: {annotation(f.type)} | None = None" for f in own if not f.required
    ]
    return {
        "name": name,
        "doc": _doc(what, fields),
        "declarations": declarations,
        "arguments": ", ".join(["*", *arguments] if arguments else [])
        + (", " if arguments else "")
        + "**additional_properties: object",
        "inits": "".join(f"{v}, " for v in values),
        "known": "(" + "".join(f"{pystr(f.python_name)}, " for f in fields) + ")",
        "pairs": ", ".join(f"({pystr(f.wire_name)}, self.{f.python_name})" for f in fields),
        "renames": any(f.renamed_to is not None for f in fields),
        "rules": [r for r in (_rule(f, fields) for f in fields) if r is not None],
        # attrs' generated __attrs_init__ gains required keywords in the subclass, which mypy
        # reports as an incompatible override; the constructor callers use is __init__.
        "needs_ignore": any(f.required for f in own),
    }


def parameters_view(document: Document) -> dict[str, Any]:
    session = document.session_parameters
    rest = [f for f in document.parameters if f not in session]
    renamed = [f"{pystr(old)}: {pystr(new)}" for old, new in document.renamed.items()]
    return {
        "renamed": exploded(
            0, "RENAMED_PARAMETERS: Final[dict[str, str]] = {", renamed, "}", tuple_=False
        )
        if renamed
        else "",
        "session": _class(
            "SessionParameters",
            "The connection parameters a client message can also change mid-session.",
            session,
            session,
        ),
        "all": _class(
            "Parameters",
            "Every connection parameter a caller sets, sent in the query string of the URL.",
            document.parameters,
            rest,
        ),
    }
