"""Describe the public surface of an importable `assemblyai` package as a flat, sorted mapping.

Run as a script, in a fresh interpreter, with the directory that holds the package to describe
as its only argument; it prints the mapping as JSON on stdout:

    python generator/surface_report/collect.py DIR

It imports only the standard library and the package, so it can describe a freshly generated
tree (see `generator.surface_report.overlay`) without the generator's dependencies. Each key is a
public path and each value one line saying what is there, e.g.

    assemblyai.Transcript                              class
    assemblyai.Transcript.text                         field: str | None
    assemblyai.Transcript.lemur                        property: assemblyai.Lemur
    assemblyai.Transcriber.transcribe                  method -> assemblyai.Transcript
    assemblyai.Transcriber.transcribe(data)            positional 1: str | bytes
    assemblyai.SpeechModel.best                        member: 'best'
    assemblyai.types.Transcript                        = assemblyai.Transcript

A class is described once, under the first public path that exports it (modules in the order
of MODULES); other exports name that path. Types are written with those public paths, so
moving a private module does not change the description.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

# The module paths of SDK 0.45.4 that users import, in the order that picks canonical paths.
MODULES = (
    "assemblyai",
    "assemblyai.types",
    "assemblyai.transcriber",
    "assemblyai.lemur",
    "assemblyai.client",
    "assemblyai.api",
    "assemblyai.streaming.v3",
    "assemblyai.realtime",
    "assemblyai.extras",
)
PACKAGE = "assemblyai"
# Dunder methods that are part of how users use an object (iterate it, call it, use it as a
# context manager); the rest (__repr__, __eq__, ...) are implementation.
PUBLIC_DUNDERS = frozenset(
    {
        "__init__",
        "__call__",
        "__iter__",
        "__aiter__",
        "__next__",
        "__anext__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
        "__getitem__",
        "__len__",
        "__contains__",
        "__bool__",
        "__await__",
    }
)
_TYPING_MODULES = frozenset({"builtins", "typing", "collections.abc", "types", "typing_extensions"})


class Collector:
    def __init__(self) -> None:
        self.entries: dict[str, str] = {}
        self.canonical: dict[int, str] = {}  # id(class or function) -> its public path

    # ----------------------------------------------------------------- naming types

    def type_name(self, tp: Any) -> str:
        """TP written with public paths for our classes and bare names for standard ones."""
        if isinstance(tp, str):
            return tp  # an annotation that could not be evaluated: kept as written
        if tp is None or tp is type(None):
            return "None"
        if tp is Any:
            return "Any"
        if isinstance(tp, typing.TypeVar):
            return tp.__name__
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated:
            return self.type_name(args[0])
        if origin is typing.Union or origin is types.UnionType:
            return " | ".join(self.type_name(a) for a in args)
        if origin is typing.Literal:
            return "Literal[" + ", ".join(self._value(a) for a in args) + "]"
        if origin is not None:
            if not args:
                return self.type_name(origin)
            if isinstance(args[0], list):  # Callable[[A, B], R]
                params = "[" + ", ".join(self.type_name(a) for a in args[0]) + "]"
                return f"{self.type_name(origin)}[{params}, {self.type_name(args[-1])}]"
            inner = ", ".join("..." if a is Ellipsis else self.type_name(a) for a in args)
            return f"{self.type_name(origin)}[{inner}]"
        if isinstance(tp, type):
            return self._class_name(tp)
        return repr(tp).replace("typing.", "")

    def _class_name(self, cls: type) -> str:
        if id(cls) in self.canonical:
            return self.canonical[id(cls)]
        if cls.__module__ in _TYPING_MODULES:
            return cls.__qualname__
        return f"{cls.__module__}.{cls.__qualname__}"

    def _value(self, value: Any) -> str:
        if type(value).__name__ == "_Nothing":  # attrs' marker: the default comes from a factory
            return "<factory>"
        if isinstance(value, enum.Enum):
            return f"{self._class_name(type(value))}.{value.name}"
        text = repr(value)
        if " at 0x" in text:  # an object's default repr: the address changes every run
            return f"<{self._class_name(type(value))}>"
        return text

    # ----------------------------------------------------------------- describing

    def index(self, modules: dict[str, types.ModuleType]) -> list[tuple[str, Any]]:
        """Record canonical paths of every exported class and function; return all exports."""
        exports: list[tuple[str, Any]] = []
        for mod_name, module in modules.items():
            for name in public_names(module):
                obj = getattr(module, name)
                exports.append((f"{mod_name}.{name}", obj))
                if isinstance(obj, type) or inspect.isroutine(obj):
                    # An alias (1.0.0's RealTimeTranscriber = StreamingClient) sorts before
                    # the class's own name at times; the own name stays canonical, so adding
                    # an alias does not read as removing the class.
                    current = self.canonical.get(id(obj))
                    own = name == getattr(obj, "__name__", None)
                    if current is None or (own and not current.endswith("." + name)):
                        self.canonical[id(obj)] = f"{mod_name}.{name}"
        return exports

    def describe_export(self, path: str, obj: Any) -> None:
        if isinstance(obj, types.ModuleType):
            self.entries[path] = f"module {obj.__name__}"
            return
        canonical = self.canonical.get(id(obj))
        if canonical is not None and canonical != path:
            self.entries[path] = f"= {canonical}"
            return
        if isinstance(obj, type):
            self.describe_class(path, obj)
        elif inspect.isroutine(obj):
            self.describe_callable(path, obj, "function")
        elif typing.get_origin(obj) is not None or isinstance(obj, types.UnionType):
            self.entries[path] = f"type alias: {self.type_name(obj)}"
        elif isinstance(obj, str | int | float | bool) and not isinstance(obj, enum.Enum):
            # a constant users may read (an endpoint path, a default): its value is the surface
            self.entries[path] = f"value: {type(obj).__name__} = {obj!r}"
        else:
            self.entries[path] = f"value: {self._class_name(type(obj))}"

    def describe_class(self, path: str, cls: type) -> None:
        if issubclass(cls, enum.Enum):
            self.entries[path] = "enum"
            for name, member in cls.__members__.items():
                self.entries[f"{path}.{name}"] = f"member: {member.value!r}"
        else:
            self.entries[path] = "class"
        hints = self._hints(cls)
        seen: set[str] = set(cls.__members__) if issubclass(cls, enum.Enum) else set()
        for owner in own_classes(cls):
            for name, annotation in inspect.get_annotations(owner).items():
                if name.startswith("_") or name in seen:
                    continue
                seen.add(name)
                self.entries[f"{path}.{name}"] = "field: " + self.type_name(
                    hints.get(name, annotation)
                )
            for name, member in owner.__dict__.items():
                if name in seen or (name.startswith("_") and name not in PUBLIC_DUNDERS):
                    continue
                seen.add(name)
                self._describe_member(f"{path}.{name}", member)

    def _describe_member(self, path: str, member: Any) -> None:
        if isinstance(member, property):
            self.entries[path] = "property: " + self._return_type(member.fget)
        elif hasattr(member, "func") and hasattr(member, "attrname"):  # functools.cached_property
            self.entries[path] = "property: " + self._return_type(member.func)
        elif isinstance(member, staticmethod):
            self.describe_callable(path, member.__func__, "staticmethod")
        elif isinstance(member, classmethod):
            self.describe_callable(path, member.__func__, "classmethod", skip_first=True)
        elif inspect.isfunction(member):
            kind = "async method" if inspect.iscoroutinefunction(member) else "method"
            self.describe_callable(path, member, kind, skip_first=True)

    def describe_callable(
        self, path: str, func: Callable[..., Any], kind: str, *, skip_first: bool = False
    ) -> None:
        if kind == "function" and inspect.iscoroutinefunction(func):
            kind = "async function"
        sig = signature(func)
        if sig is None:
            self.entries[path] = f"{kind} (signature unknown)"
            return
        params = list(sig.parameters.values())[1 if skip_first else 0 :]
        ret = sig.return_annotation
        returns = "" if ret is inspect.Signature.empty else f" -> {self.type_name(ret)}"
        self.entries[path] = kind + returns
        position = 0
        for param in params:
            if param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
                position += 1
                where = f"positional {position}"
                if param.kind is param.POSITIONAL_ONLY:
                    where += " (only)"
            elif param.kind is param.KEYWORD_ONLY:
                where = "keyword"
            elif param.kind is param.VAR_POSITIONAL:
                where = "*args"
            else:
                where = "**kwargs"
            text = where
            if param.annotation is not param.empty:
                text += ": " + self.type_name(param.annotation)
            if param.default is not param.empty:
                text += " = " + self._value(param.default)
            self.entries[f"{path}({param.name})"] = text

    def _return_type(self, func: Callable[..., Any] | None) -> str:
        sig = signature(func) if func is not None else None
        if sig is None or sig.return_annotation is inspect.Signature.empty:
            return "?"
        return self.type_name(sig.return_annotation)

    def _hints(self, cls: type) -> dict[str, Any]:
        try:
            return typing.get_type_hints(cls)
        except Exception:  # a TYPE_CHECKING-only name: evaluate what can be, keep the rest
            hints: dict[str, Any] = {}
            for owner in reversed(own_classes(cls)):
                module = sys.modules.get(owner.__module__)
                namespace = dict(vars(module)) if module else {}
                for name, annotation in inspect.get_annotations(owner).items():
                    try:
                        hints[name] = (
                            eval(annotation, namespace, dict(vars(owner)))
                            if isinstance(annotation, str)
                            else annotation
                        )
                    except Exception:
                        hints[name] = annotation
            return hints


def public_names(module: types.ModuleType) -> list[str]:
    declared = getattr(module, "__all__", None)
    if declared is not None:
        return sorted(declared)
    return sorted(
        name
        for name in dir(module)
        if not name.startswith("_") and not isinstance(getattr(module, name), types.ModuleType)
    )


def own_classes(cls: type) -> list[type]:
    """CLS and its bases that belong to the package, most derived first."""
    return [c for c in cls.__mro__ if c.__module__.split(".")[0] == PACKAGE]


def signature(func: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(func, eval_str=True)
    except Exception:  # an annotation names something only imported for type checkers
        try:
            return inspect.signature(func)
        except (TypeError, ValueError):
            return None


def collect() -> dict[str, str]:
    modules = {name: importlib.import_module(name) for name in MODULES}
    collector = Collector()
    exports = collector.index(modules)
    for path, obj in exports:
        collector.describe_export(path, obj)
    return dict(sorted(collector.entries.items()))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: collect.py DIR (the directory that holds the assemblyai package)")
        return 2
    sys.path.insert(0, argv[0])
    entries = collect()
    origin = sys.modules[PACKAGE].__file__ or ""
    if not origin.startswith(argv[0]):
        print(f"assemblyai was imported from {origin}, not from {argv[0]}", file=sys.stderr)
        return 1
    json.dump(entries, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
