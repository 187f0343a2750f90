"""Python names for spec names: classes, attributes and enum members, and the reserved ones."""

from __future__ import annotations

import keyword
import re

from .resolve import GeneratorError

__all__ = ["RESERVED_NAMES", "field_name", "member_name", "pascal_name"]

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
        "Parameters",
        "SessionParameters",
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
