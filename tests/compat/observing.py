"""Observing what an SDK hands out, as JSON both SDKs' observations compare in.

Shared by both sides of the differential tests (see ``driver.py``): standard library only.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import importlib
import inspect
import typing
import uuid
from collections.abc import Mapping
from typing import Any

MISSING = "<no such attribute>"


def public_name(value: Any) -> str:
    """The name ``assemblyai.types`` exports VALUE's class under (what users write), or the
    class's ``__name__`` when that module exports it under no single name."""
    cls = type(value)
    with contextlib.suppress(ImportError):
        types = importlib.import_module("assemblyai.types")
        # dir() rather than vars(): a module may resolve some names lazily.
        names = [name for name in dir(types) if getattr(types, name, None) is cls]
        if len(names) == 1:
            return names[0]
    return cls.__name__


def normalize(value: Any) -> Any:
    """A JSON value for any SDK value: enums by value, models as dicts, records as dicts."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return normalize(value.value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(normalize(k)): normalize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    dump = getattr(value, "dict", None)
    if callable(dump):
        with contextlib.suppress(Exception):
            return normalize(dump())
    return {"<object>": type(value).__name__}


def observe(value: Any, desc: Any, shapes: Mapping[str, Any]) -> Any:
    """``value`` seen through 0.45.4's type ``desc``: a model's fields read as attributes."""
    if value is None or desc in ("any", None):
        return normalize(value)
    if isinstance(desc, list) and desc[0] == "model":
        fields = shapes[desc[1]]["fields"]
        if isinstance(value, Mapping):
            return {f: observe(value.get(f), d, shapes) for f, d in fields.items()}
        plain = isinstance(value, str | int | float | list)
        if plain or (isinstance(value, tuple) and not hasattr(value, next(iter(fields), ""))):
            return normalize(value)
        return {f: observe(_attribute(value, f), d, shapes) for f, d in fields.items()}
    if isinstance(desc, list) and desc[0] == "list" and isinstance(value, list | tuple):
        return [observe(v, desc[1], shapes) for v in value]
    if isinstance(desc, list) and desc[0] == "dict" and isinstance(value, Mapping):
        return {str(normalize(k)): observe(v, desc[1], shapes) for k, v in value.items()}
    return normalize(value)


def _attribute(value: Any, name: str) -> Any:
    try:
        return getattr(value, name)
    except AttributeError:
        return MISSING
    except Exception as error:  # an attribute that raises is observed as its error
        return f"<{type(error).__name__}>"


def guarded(read: Any) -> Any:
    """``read()`` observed, or ``{"<raised>": name}`` if it raised."""
    try:
        return read()
    except Exception as error:
        return raised(error)


def raised(error: Exception) -> dict[str, Any]:
    """An exception observed: its class, the classes it derives from, its message."""
    mro = [c.__name__ for c in type(error).__mro__]
    return {"<raised>": type(error).__name__, "mro": mro, "message": str(error)[:300]}


def type_desc(tp: Any) -> Any:
    """A JSON description of a pydantic field type: what :func:`observe` and the body
    strategies need (models by name, lists, maps, enums with their values, scalars)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union:
        kept = [a for a in args if a is not type(None)]
        return type_desc(kept[0]) if len(kept) == 1 else ["union", [type_desc(a) for a in kept]]
    if origin is typing.Literal:
        return ["enum", list(args)]
    if origin in (list, typing.List, typing.Sequence):  # noqa: UP006
        return ["list", type_desc(args[0]) if args else "any"]
    if origin in (dict, typing.Dict):  # noqa: UP006
        return [
            "dict",
            type_desc(args[1]) if args else "any",
            type_desc(args[0]) if args else "any",
        ]
    if origin is tuple:
        return ["tuple", [type_desc(a) for a in args]]
    if origin is typing.Annotated:
        return type_desc(args[0])
    if not inspect.isclass(tp):
        return "any"
    if hasattr(tp, "__fields__") and tp.__module__.startswith("assemblyai"):
        return ["model", tp.__name__]
    if issubclass(tp, enum.Enum):
        return ["enum", [m.value for m in tp]]
    for kind, name in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str")):
        if issubclass(tp, kind):
            return name
    if issubclass(tp, datetime.datetime):
        return "datetime"
    return "any"
