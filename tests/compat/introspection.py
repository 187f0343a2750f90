"""0.45.4's models and public names, read by introspection (``shapes`` runs under 0.45.4 only;
``names`` under both SDKs)."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Mapping
from typing import Any

if __package__:
    from .observing import MISSING, normalize, type_desc
else:  # run as a script by 0.45.4's interpreter (see driver.py): the siblings are top-level
    from observing import MISSING, normalize, type_desc  # type: ignore[no-redef,import-not-found]


def shapes() -> dict[str, Any]:
    """Every pydantic model of 0.45.4's ``assemblyai.types``: field -> type description."""
    import assemblyai.types as types

    out: dict[str, Any] = {}
    for name, cls in vars(types).items():
        fields = getattr(cls, "__fields__", None)
        if not inspect.isclass(cls) or not isinstance(fields, Mapping):
            continue
        if not cls.__module__.startswith("assemblyai"):
            continue
        # pydantic v1 fallback mode (0.45.4's default install) turns the config into a field.
        kept = {f: field for f, field in fields.items() if f != "model_config"}
        out[name] = {
            "fields": {
                f: type_desc(getattr(field, "annotation", None) or field.outer_type_)
                for f, field in kept.items()
            },
            "required": [f for f, field in kept.items() if field.required],
        }
    return out


def _parameters(obj: Any) -> Any:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    # Underscored parameters (pydantic-settings' ``_env_file``...) and pydantic v1's leaked
    # ``model_config`` field are not the SDK's API.
    return [
        [
            p.name,
            p.kind.name,
            None if p.default is inspect.Parameter.empty else ["default", normalize(p.default)],
        ]
        for p in signature.parameters.values()
        if p.name[:1] != "_" and p.name != "model_config"
    ]


def _validators(cls: type) -> set[str]:
    """Names of pydantic validator methods: pydantic's machinery, not the SDK's API."""
    found = set()
    for validators in getattr(cls, "__validators__", {}).values():
        found |= {v.func.__name__ for v in validators}
    for v in [
        *getattr(cls, "__pre_root_validators__", []),
        *getattr(cls, "__post_root_validators__", []),
    ]:
        found.add(getattr(v[-1] if isinstance(v, tuple) else v, "__name__", ""))
    return found


def _members(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    skipped = _validators(cls)
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("assemblyai"):
            continue
        for name, member in vars(klass).items():
            if (
                name[:1] == "_"
                or name in skipped
                or name == "model_config"
                or inspect.isclass(member)
            ):
                continue
            if isinstance(member, property):
                out[name] = "property"
            elif isinstance(member, classmethod | staticmethod):
                out[name] = _parameters(getattr(cls, name))
            elif inspect.isfunction(member):
                out[name] = _parameters(member)
            elif name[:1] != "_":
                out.setdefault(name, "attribute")  # a slot, a record's field getter, a constant
    for field in getattr(cls, "__attrs_attrs__", ()):
        out.setdefault(field.name, "attribute")
    return out


def names(modules: list[str], wanted: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """Public names per module (or the ``wanted`` ones): kind, signature, and for classes
    their members' signatures."""
    import importlib

    out: dict[str, Any] = {}
    for module_name in modules:
        module = importlib.import_module(module_name)
        public = getattr(module, "__all__", None) or [n for n in vars(module) if n[:1] != "_"]
        if wanted is not None:
            public = wanted.get(module_name, [])
        entries: dict[str, Any] = {}
        for name in public:
            obj = getattr(module, name, MISSING)
            if obj is MISSING:
                entries[name] = {"kind": "missing"}
            elif inspect.ismodule(obj):
                entries[name] = {"kind": "module"}
            elif inspect.isclass(obj) and issubclass(obj, enum.Enum):
                entries[name] = {
                    "kind": "enum",
                    "defined_here": obj.__module__.startswith("assemblyai"),
                    "members": {k: normalize(m.value) for k, m in obj.__members__.items()},
                }
            elif inspect.isclass(obj):
                defined = obj.__module__.startswith("assemblyai")
                entries[name] = {
                    "kind": "class",
                    "defined_here": defined,
                    "signature": _parameters(obj) if defined else None,
                    "members": _members(obj) if defined else {},
                }
            elif callable(obj):
                module_of = str(getattr(obj, "__module__", "") or "")
                entries[name] = {
                    "kind": "function",
                    "defined_here": module_of.startswith("assemblyai"),
                    "signature": _parameters(obj),
                }
            else:
                entries[name] = {
                    "kind": "value",
                    "type": type(obj).__name__,
                    "value": normalize(obj) if isinstance(obj, str | int | float | dict) else None,
                }
        out[module_name] = entries
    return out
