"""Read the transcription parameters and the enums out of the REST document plus the overlay.

The result is plain data (:class:`Field`, :class:`Model`, :class:`EnumInfo`) that
:mod:`generator.surface.render` turns into code. Every type decision is made here, from the
JSON Schema of each property: booleans, integers and numbers (with their bounds), strings,
enums, arrays of those, and inline objects (which become nested option models).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codegen_view import _module_name, identical_enums

__all__ = [
    "EnumInfo",
    "Field",
    "Model",
    "Overlay",
    "Surface",
    "SurfaceError",
    "has_params_schema",
    "read_surface",
]

Json = dict[str, Any]
REF_PREFIX = "#/components/schemas/"


class SurfaceError(ValueError):
    """The spec or the overlay cannot be turned into the public surface; the message says why."""


@dataclass(frozen=True)
class EnumInfo:
    """One enum schema of the spec and the public name its generated class goes by."""

    schema: str  # the spec's component name
    generated: str  # the class openapi-python-client writes (after identical enums are folded)
    public: str
    values: tuple[str, ...]

    @property
    def module(self) -> str:
        return _module_name(self.generated)


@dataclass
class Field:
    """One property of a request object, with everything the templates need."""

    name: str
    # bool | int | float | str | enum | list_str | list_enum | model | dict | any | custom
    kind: str
    description: str
    deprecated: bool = False
    enum: str | None = None  # public enum name (kind enum / list_enum)
    model: str | None = None  # model class name (kind model)
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None  # kind str: a regular expression the whole value must match
    custom_type: str | None = None
    custom_argument: str | None = None
    converter: str | None = None
    validator: str | None = None

    @property
    def value_type(self) -> str:
        """The type a reader sees (without the ``| None``)."""
        return {
            "bool": "bool",
            "int": "int",
            "float": "float",
            "str": "str",
            "enum": str(self.enum),
            "list_str": "list[str]",
            "list_enum": f"list[{self.enum}]",
            "model": str(self.model),
            "dict": "dict[str, Any]",
            "any": "Any",
            "custom": str(self.custom_type),
        }[self.kind]

    @property
    def argument_type(self) -> str:
        """The type a caller may pass (without the ``| None``)."""
        return {
            "enum": f"{self.enum} | str",
            "list_str": "Sequence[str]",
            "list_enum": f"Sequence[{self.enum} | str]",
            "model": f"{self.model} | Mapping[str, Any]",
            "dict": "Mapping[str, Any]",
            "custom": str(self.custom_argument or self.custom_type),
        }.get(self.kind, self.value_type)


@dataclass
class Model:
    """A nested option model (an inline object of the spec)."""

    name: str
    description: str
    fields: list[Field]
    validator: str | None = None


@dataclass
class Overlay:
    """generator/overlay.toml, parsed."""

    enum_names: dict[str, str]
    enum_aliases: dict[str, str]
    schema: str
    string_enums: frozenset[str]
    order: list[str]
    raw_argument_before: str
    keyword_only: list[str]
    defaults: dict[str, str]
    read_only: dict[str, str]
    handwritten: dict[str, str]
    field_overrides: dict[str, dict[str, str]]
    model_overrides: dict[str, dict[str, str]]

    @classmethod
    def load(cls, path: Path) -> Overlay:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        enums = dict(data.get("enums") or {})
        aliases = enums.pop("aliases", {})
        config = data["config"]
        return cls(
            enum_names={str(k): str(v) for k, v in enums.items()},
            enum_aliases={str(k): str(v) for k, v in aliases.items()},
            schema=str(config["schema"]),
            string_enums=frozenset(config.get("string_enums", [])),
            order=list(config.get("order", [])),
            raw_argument_before=str(config.get("raw_argument_before", "")),
            keyword_only=list(config.get("keyword_only", [])),
            defaults=dict(config.get("defaults", {})),
            read_only=dict(config.get("read_only", {})),
            handwritten=dict(config.get("handwritten", {})),
            field_overrides=dict(config.get("fields", {})),
            model_overrides=dict(config.get("models", {})),
        )


@dataclass
class Surface:
    """Everything generated into ``assemblyai/_generated/surface/``."""

    enums: list[EnumInfo]
    aliases: dict[str, str]
    fields: list[Field]  # RawTranscriptionConfig's, in order
    models: list[Model] = field(default_factory=list)
    overlay: Overlay | None = None

    @property
    def enum_modules(self) -> dict[str, str]:
        return {e.public: e.module for e in self.enums}


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return flat or "(no description in the spec)"


def _without_null(schema: Json) -> Json:
    """The schema with its ``null`` alternative removed (nullability means "not set" here)."""
    for key in ("oneOf", "anyOf"):
        options = schema.get(key)
        if isinstance(options, list):
            rest = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            if len(rest) == 1 and len(rest) != len(options):
                merged = {k: v for k, v in schema.items() if k != key}
                return {**merged, **_without_null(rest[0])}
    kinds = schema.get("type")
    if isinstance(kinds, list):
        rest_kinds = [k for k in kinds if k != "null"]
        return {**schema, "type": rest_kinds[0] if len(rest_kinds) == 1 else rest_kinds}
    return schema


class _Reader:
    def __init__(self, doc: Json, overlay: Overlay) -> None:
        self.schemas: dict[str, Json] = doc["components"]["schemas"]
        self.overlay = overlay
        self.folded = identical_enums(doc)
        self.models: list[Model] = []
        self.enums = self._enums()
        self.by_schema = {e.schema: e for e in self.enums}

    def _enums(self) -> list[EnumInfo]:
        found: list[EnumInfo] = []
        for name, schema in self.schemas.items():
            values = schema.get("enum") if isinstance(schema, dict) else None
            if not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
                continue
            generated = self.folded.get(name, name)
            public = self.overlay.enum_names.get(generated, generated)
            found.append(EnumInfo(name, generated, public, tuple(values)))
        return sorted(found, key=lambda e: e.schema)

    def field(self, name: str, schema: Json, owner: str) -> Field:
        override = self.overlay.field_overrides.get(name, {}) if owner == "" else {}
        plain = _without_null(schema)
        made = Field(
            name=name,
            kind="any",
            description=_first_sentence(str(schema.get("description", ""))),
            deprecated=bool(schema.get("deprecated") or plain.get("deprecated")),
        )
        if "model" in override:
            made.kind, made.model = "model", override["model"]
            return made
        if "type" in override:
            made.kind, made.custom_type = "custom", override["type"]
            made.custom_argument = override.get("argument")
            made.converter = override.get("converter")
            return made
        self._classify(made, plain, owner)
        return made

    def _enum_of(self, schema: Json) -> EnumInfo | None:
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            return self.by_schema.get(ref[len(REF_PREFIX) :])
        return None

    def _classify(self, made: Field, schema: Json, owner: str) -> None:
        enum = self._enum_of(schema)
        if enum is not None:
            if enum.schema in self.overlay.string_enums:
                made.kind = "str"
            else:
                made.kind, made.enum = "enum", enum.public
            return
        options = schema.get("anyOf") or schema.get("oneOf")
        strings = [o for o in options or () if isinstance(o, dict) and o.get("type") == "string"]
        if isinstance(options, list) and strings:
            made.kind = "str"  # an enum or any string: callers pass plain strings
            made.pattern = strings[0].get("pattern")
            return
        kind = schema.get("type")
        if kind in ("boolean", "integer", "number", "string"):
            made.kind = {"boolean": "bool", "integer": "int", "number": "float", "string": "str"}[
                kind
            ]
            made.minimum = schema.get("minimum")
            made.maximum = schema.get("maximum")
            made.pattern = schema.get("pattern") if kind == "string" else None
        elif kind == "array":
            items = _without_null(schema.get("items") or {})
            item_enum = self._enum_of(items)
            if item_enum is not None and item_enum.schema not in self.overlay.string_enums:
                made.kind, made.enum = "list_enum", item_enum.public
            elif item_enum is not None or items.get("type") == "string":
                made.kind = "list_str"
        elif kind == "object" and schema.get("properties"):
            model_name = _camel(made.name)
            self._model(model_name, schema)
            made.kind, made.model = "model", model_name
        elif kind == "object":
            made.kind = "dict"

    def _model(self, name: str, schema: Json) -> None:
        if any(m.name == name for m in self.models):
            raise SurfaceError(f"two inline objects would both become the option model {name}")
        override = self.overlay.model_overrides.get(name, {})
        fields = [
            self.field(prop, sub, name) for prop, sub in (schema.get("properties") or {}).items()
        ]
        self.models.append(
            Model(
                name=name,
                description=_first_sentence(str(schema.get("description", ""))),
                fields=fields,
                validator=override.get("validator"),
            )
        )


def has_params_schema(doc: Json, overlay_path: Path) -> bool:
    """Whether DOC has the object schema the overlay names as the transcription parameters."""
    schemas = (doc.get("components") or {}).get("schemas") or {}
    params = schemas.get(Overlay.load(overlay_path).schema)
    return isinstance(params, dict) and isinstance(params.get("properties"), dict)


def read_surface(doc: Json, overlay_path: Path) -> Surface:
    """Build the :class:`Surface` of the merged, normalised REST document ``doc``."""
    overlay = Overlay.load(overlay_path)
    reader = _Reader(doc, overlay)
    params = reader.schemas.get(overlay.schema)
    if not isinstance(params, dict) or not isinstance(params.get("properties"), dict):
        raise SurfaceError(f"the spec has no object schema {overlay.schema} (overlay [config])")
    properties: dict[str, Json] = params["properties"]
    listed = [n for n in overlay.order if n in properties]
    names = listed + [n for n in properties if n not in listed]
    for name in names:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise SurfaceError(f"{overlay.schema}.{name} is not a Python identifier")
    fields = [reader.field(name, properties[name], "") for name in names]
    known_publics = {e.public for e in reader.enums}
    for alias, target in overlay.enum_aliases.items():
        if target not in known_publics:
            raise SurfaceError(f"overlay alias {alias} names {target}, which is no spec enum")
    return Surface(reader.enums, overlay.enum_aliases, fields, reader.models, overlay)
