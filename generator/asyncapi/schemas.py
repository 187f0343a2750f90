"""JSON schemas -> `TypeRef`s, collecting the classes and enums the generated code needs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

import attrs

from .model import EnumDef, EnumMember, Field, ObjectDef, TypeKind, TypeRef
from .names import RESERVED_NAMES, field_name, member_name, pascal_name
from .resolve import GeneratorError, Resolver, child

__all__ = ["Schemas", "json_type", "renamed_to", "text"]

_COMPONENT_SCHEMA = re.compile(r"^#/components/schemas/([^/]+)$")


@attrs.define
class Schemas:
    """Turns JSON schemas into `TypeRef`s, collecting the classes and enums they need."""

    resolver: Resolver
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
            return json_type(target["const"])
        if isinstance(target.get("enum"), list):
            values = [v for v in target["enum"] if v is not None]
            kinds = {json_type(v) for v in values}
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
            names = self._varnames(target, tptr, values)
            for value in dict.fromkeys(values):
                member = names.get(value) or member_name(value)
                if member in seen:
                    raise GeneratorError(
                        child(tptr, "enum"),
                        f"enum values {seen[member]!r} and {value!r} both map to member {member}",
                    )
                seen[member] = value
                members.append(EnumMember(member, value))
            existing = EnumDef(name, text(target.get("description")), tuple(members), tptr)
            self.enums[tptr] = existing
        return TypeRef(TypeKind.ENUM, name=existing.name, nullable=nullable)

    @staticmethod
    def _varnames(target: Mapping[str, Any], tptr: str, values: list[str]) -> dict[str, str]:
        """`x-enum-varnames` (as in OpenAPI generators): a member name per value, in order."""
        raw = target.get("x-enum-varnames")
        if raw is None:
            return {}
        at = child(tptr, "x-enum-varnames")
        if not isinstance(raw, list) or len(raw) != len(values):
            raise GeneratorError(at, "must list one member name per enum value")
        if not all(isinstance(n, str) and n.isidentifier() and not n.startswith("_") for n in raw):
            raise GeneratorError(at, "member names must be public Python identifiers")
        return dict(zip(values, raw, strict=True))

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
                    description=description or text(prop_target.get("description")),
                    const=self.const_of(prop, pptr),
                    deprecated=bool(prop_target.get("deprecated"))
                    or bool(isinstance(prop, dict) and prop.get("deprecated")),
                    pointer=pptr,
                    renamed_to=renamed_to(prop, prop_target, pptr),
                )
            )
        return ObjectDef(name, text(target.get("description")), tuple(fields), tptr)

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
            description = text(prop.get("description")) if isinstance(prop, dict) else ""
            properties[str(wire)] = (prop, pptr, description)
        own_required = target.get("required", [])
        if not isinstance(own_required, list) or not all(isinstance(r, str) for r in own_required):
            raise GeneratorError(child(tptr, "required"), "'required' must be a list of names")
        required.extend(r for r in own_required if r not in required)
        return properties, required


def json_type(value: object) -> str:
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


def text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def renamed_to(prop: Any, target: Mapping[str, Any], pointer: str) -> str | None:
    """`x-sdk-renamed-to` of a property (beside a `$ref` or in its target), if any."""
    value = prop.get("x-sdk-renamed-to") if isinstance(prop, Mapping) else None
    value = value if value is not None else target.get("x-sdk-renamed-to")
    if value is not None and (not isinstance(value, str) or not value):
        raise GeneratorError(child(pointer, "x-sdk-renamed-to"), "must name a property")
    return value
