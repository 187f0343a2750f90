"""A small JSON Schema validator for the keywords our OpenAPI document uses.

Pure (no I/O). :meth:`SchemaValidator.validate` returns a list of error strings, each starting
with the JSON pointer of the offending value (``/words/3/start: ...``; the document root is
written ``/``), so the sandbox can answer a bad request the way the API does: 400 with a
message naming the field.

Supported: ``type`` (a name or a list; ``integer`` accepts ``1.0`` as JSON Schema does; the
non-standard ``float``/``double`` mean ``number``), ``nullable`` (OpenAPI 3.0), ``enum``,
``const``, ``properties``, ``required``, ``additionalProperties`` (boolean or schema),
``propertyNames``,
``patternProperties``, ``items`` (one schema), ``prefixItems``, ``minItems``/``maxItems``,
``uniqueItems``, ``minLength``/``maxLength``/``pattern``, ``minimum``/``maximum``,
``exclusiveMinimum``/``exclusiveMaximum`` (numbers), ``multipleOf``, ``minProperties``/
``maxProperties``, ``allOf``/``anyOf``/``oneOf``/``not`` and ``$ref`` to any JSON pointer in
the document (``#/components/schemas/X``, even ``#/components/schemas/X/properties/y``).
``format`` and annotations (``description``, ``default``, ``x-*``...) are ignored.

Two composition modes:

``"json-schema"``
    Plain JSON Schema 2020-12 semantics; tested against the ``jsonschema`` package.
``"openapi"`` (the default)
    What OpenAPI documents mean when they combine ``allOf`` with ``additionalProperties:
    false``: the properties declared anywhere in an ``allOf`` group (the schema itself, its
    members, and their members through ``$ref``) are all "known" to every
    ``additionalProperties: false`` in the group, and a schema with ``oneOf``/``anyOf``
    also knows its branches' properties. Under plain JSON Schema such a group rejects every
    instance (each member forbids the others' properties), which is not what the API means.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, TypeGuard

__all__ = ["Composition", "SchemaError", "SchemaValidator", "json_equal"]

Composition = Literal["openapi", "json-schema"]

_TYPE_ALIASES = {"float": "number", "double": "number", "int": "integer"}
_KNOWN_TYPES = frozenset({"null", "boolean", "integer", "number", "string", "array", "object"})


class SchemaError(ValueError):
    """The schema itself is broken (an unresolvable ``$ref``, an unknown type name...)."""


def _pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _join(pointer: str, token: str | int) -> str:
    return f"{pointer}/{_pointer_token(token)}"


def _shown(pointer: str) -> str:
    return pointer or "/"


def _type_name(instance: object) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, int):
        return "integer"
    if isinstance(instance, float):
        return "number"
    if isinstance(instance, str):
        return "string"
    if isinstance(instance, list | tuple):
        return "array"
    if isinstance(instance, Mapping):
        return "object"
    return type(instance).__name__


def _is_number(instance: object) -> TypeGuard[int | float]:
    return isinstance(instance, int | float) and not isinstance(instance, bool)


def _has_type(instance: object, name: str) -> bool:
    if name == "null":
        return instance is None
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "integer":
        if isinstance(instance, float):
            return instance.is_integer()
        return isinstance(instance, int) and not isinstance(instance, bool)
    if name == "number":
        return _is_number(instance)
    if name == "string":
        return isinstance(instance, str)
    if name == "array":
        return isinstance(instance, list | tuple)
    if name == "object":
        return isinstance(instance, Mapping)
    raise SchemaError(f"unknown type name {name!r}")


def json_equal(a: object, b: object) -> bool:
    """Equality as JSON Schema defines it: ``True != 1``, ``1 == 1.0``, deep for containers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return a is None and b is None


def _repr(instance: object) -> str:
    text = repr(instance)
    return text if len(text) <= 60 else text[:57] + "..."


class SchemaValidator:
    """Validates JSON values against schemas that live inside one document.

    Args:
        document: the document that ``$ref`` pointers resolve against (our OpenAPI spec).
        composition: ``"openapi"`` (default) or ``"json-schema"``; see the module docstring.

    Example::

        validator = SchemaValidator(openapi_document())
        errors = validator.validate({"audio_url": 3}, {"$ref": "#/components/schemas/TranscriptParams"})
        # ['/audio_url: 3 is not of type string']
    """

    def __init__(
        self, document: Mapping[str, Any] | None = None, composition: Composition = "openapi"
    ) -> None:
        self._document: Mapping[str, Any] = document or {}
        self._composition = composition
        self._ref_cache: dict[str, Any] = {}
        self._known_cache: dict[tuple[int, bool], tuple[object, frozenset[str]]] = {}

    # -- public ----------------------------------------------------------------------------

    def validate(self, instance: object, schema: object, pointer: str = "") -> list[str]:
        """All the ways ``instance`` breaks ``schema``, as ``"<pointer>: <message>"`` strings.

        Each distinct error is listed once, in the order found (the members of an ``allOf``
        group can each report the same stray property).
        """
        return list(dict.fromkeys(self._errors(instance, schema, pointer, frozenset())))

    def is_valid(self, instance: object, schema: object) -> bool:
        """Whether ``instance`` satisfies ``schema``."""
        return next(iter(self._errors(instance, schema, "", frozenset())), None) is None

    def resolve(self, schema: object) -> Any:
        """Follow ``$ref`` chains until a schema without ``$ref`` (siblings are dropped)."""
        seen: set[str] = set()
        while isinstance(schema, Mapping) and "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen:
                raise SchemaError(f"$ref cycle through {ref!r}")
            seen.add(ref)
            schema = self._lookup(ref)
        return schema

    def properties_of(self, schema: object) -> dict[str, Any]:
        """Every property an object schema declares, merged through ``$ref`` and ``allOf``."""
        merged: dict[str, Any] = {}
        for part in self._all_of_parts(schema):
            merged.update(part.get("properties", {}))
        return merged

    def required_of(self, schema: object) -> set[str]:
        """Every required property name, merged through ``$ref`` and ``allOf``."""
        return {name for part in self._all_of_parts(schema) for name in part.get("required", [])}

    # -- references ------------------------------------------------------------------------

    def _lookup(self, ref: object) -> Any:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise SchemaError(f"only local $ref pointers are supported, got {ref!r}")
        if ref in self._ref_cache:
            return self._ref_cache[ref]
        target: Any = self._document
        for raw in ref[1:].split("/")[1:]:
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(target, Mapping) and token in target:
                target = target[token]
            elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                target = target[int(token)]
            else:
                raise SchemaError(f"$ref {ref!r} does not resolve in the document")
        self._ref_cache[ref] = target
        return target

    def _all_of_parts(self, schema: object) -> Iterator[Mapping[str, Any]]:
        """The schema and its ``allOf`` members, recursively, each with ``$ref`` followed."""
        stack = [schema]
        seen: set[int] = set()
        while stack:
            current = stack.pop()
            if not isinstance(current, Mapping) or id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            if "$ref" in current:
                stack.append(self._lookup(current["$ref"]))
            stack.extend(current.get("allOf", []))

    def _known_properties(self, schema: Mapping[str, Any], *, branches: bool) -> frozenset[str]:
        """Property names an ``additionalProperties: false`` in this group accepts (openapi mode).

        The group is the schema plus its ``allOf`` members (through ``$ref``); with
        ``branches`` the properties of its ``oneOf``/``anyOf`` branches count too.
        """
        key = (id(schema), branches)
        cached = self._known_cache.get(key)
        # Keep the schema in the cache entry: an id() alone could be reused after garbage
        # collection by a different (temporary) schema.
        if cached is not None and cached[0] is schema:
            return cached[1]
        names: set[str] = set()
        for part in self._all_of_parts(schema):
            names.update(part.get("properties", {}))
            if branches:
                for keyword in ("oneOf", "anyOf"):
                    for branch in part.get(keyword, []):
                        for sub in self._all_of_parts(branch):
                            names.update(sub.get("properties", {}))
        result = frozenset(names)
        self._known_cache[key] = (schema, result)
        return result

    # -- the keywords ----------------------------------------------------------------------

    def _errors(
        self, instance: object, schema: object, pointer: str, inherited: frozenset[str]
    ) -> Iterator[str]:
        """Yield errors. ``inherited``: property names an enclosing allOf group declares."""
        if schema is True or schema == {}:
            return
        if schema is False:
            yield f"{_shown(pointer)}: no value is allowed here"
            return
        if not isinstance(schema, Mapping):
            raise SchemaError(f"a schema must be an object or a boolean, got {schema!r}")
        if schema.get("nullable") is True and instance is None:
            return
        known = branch_known = inherited
        if self._composition == "openapi" and any(
            k in schema for k in ("allOf", "oneOf", "anyOf", "$ref")
        ):
            known = inherited | self._known_properties(schema, branches=True)
            branch_known = inherited | self._known_properties(schema, branches=False)
        if "$ref" in schema:
            target = self._lookup(schema["$ref"])
            yield from self._errors(instance, target, pointer, known)
        yield from self._type_errors(instance, schema, pointer)
        if "enum" in schema and not any(json_equal(instance, v) for v in schema["enum"]):
            options = ", ".join(_repr(v) for v in schema["enum"][:12])
            more = ", ..." if len(schema["enum"]) > 12 else ""
            yield f"{_shown(pointer)}: {_repr(instance)} is not one of [{options}{more}]"
        if "const" in schema and not json_equal(instance, schema["const"]):
            yield f"{_shown(pointer)}: {_repr(instance)} is not {_repr(schema['const'])}"
        if _is_number(instance):
            yield from self._number_errors(instance, schema, pointer)
        elif isinstance(instance, str):
            yield from self._string_errors(instance, schema, pointer)
        elif isinstance(instance, list | tuple):
            yield from self._array_errors(instance, schema, pointer)
        elif isinstance(instance, Mapping):
            yield from self._object_errors(instance, schema, pointer, known)
        yield from self._composition_errors(instance, schema, pointer, known, branch_known)

    def _type_errors(
        self, instance: object, schema: Mapping[str, Any], pointer: str
    ) -> Iterator[str]:
        if "type" not in schema:
            return
        declared = schema["type"]
        names = [declared] if isinstance(declared, str) else list(declared)
        names = [_TYPE_ALIASES.get(name, name) for name in names]
        for name in names:
            if name not in _KNOWN_TYPES:
                raise SchemaError(f"unknown type name {name!r}")
        if schema.get("nullable") is True:
            names.append("null")
        if not any(_has_type(instance, name) for name in names):
            expected = " or ".join(names)
            yield f"{_shown(pointer)}: {_repr(instance)} is not of type {expected}"

    def _number_errors(
        self, instance: float, schema: Mapping[str, Any], pointer: str
    ) -> Iterator[str]:
        where = _shown(pointer)
        if "minimum" in schema and instance < schema["minimum"]:
            yield f"{where}: {instance!r} is less than the minimum of {schema['minimum']!r}"
        if "maximum" in schema and instance > schema["maximum"]:
            yield f"{where}: {instance!r} is greater than the maximum of {schema['maximum']!r}"
        low = schema.get("exclusiveMinimum")
        if _is_number(low) and instance <= low:
            yield f"{where}: {instance!r} is not greater than {low!r}"
        high = schema.get("exclusiveMaximum")
        if _is_number(high) and instance >= high:
            yield f"{where}: {instance!r} is not less than {high!r}"
        step = schema.get("multipleOf")
        if _is_number(step) and step > 0:
            quotient = instance / step
            if math.isfinite(quotient) and not quotient.is_integer():
                yield f"{where}: {instance!r} is not a multiple of {step!r}"

    def _string_errors(
        self, instance: str, schema: Mapping[str, Any], pointer: str
    ) -> Iterator[str]:
        where = _shown(pointer)
        if "minLength" in schema and len(instance) < schema["minLength"]:
            yield f"{where}: {_repr(instance)} is shorter than {schema['minLength']} characters"
        if "maxLength" in schema and len(instance) > schema["maxLength"]:
            yield f"{where}: {_repr(instance)} is longer than {schema['maxLength']} characters"
        if "pattern" in schema and re.search(schema["pattern"], instance) is None:
            yield f"{where}: {_repr(instance)} does not match the pattern {schema['pattern']!r}"

    def _array_errors(
        self, instance: Sequence[Any], schema: Mapping[str, Any], pointer: str
    ) -> Iterator[str]:
        where = _shown(pointer)
        if "minItems" in schema and len(instance) < schema["minItems"]:
            yield f"{where}: expected at least {schema['minItems']} items, got {len(instance)}"
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            yield f"{where}: expected at most {schema['maxItems']} items, got {len(instance)}"
        if schema.get("uniqueItems") is True:
            for i, item in enumerate(instance):
                if any(json_equal(item, other) for other in instance[:i]):
                    yield f"{_join(pointer, i)}: {_repr(item)} repeats an earlier item"
                    break
        prefix = schema.get("prefixItems", [])
        for index, item in enumerate(instance):
            if index < len(prefix):
                yield from self._errors(item, prefix[index], _join(pointer, index), frozenset())
            elif "items" in schema:
                yield from self._errors(item, schema["items"], _join(pointer, index), frozenset())

    def _object_errors(
        self,
        instance: Mapping[str, Any],
        schema: Mapping[str, Any],
        pointer: str,
        known: frozenset[str],
    ) -> Iterator[str]:
        where = _shown(pointer)
        for name in schema.get("required", []):
            if name not in instance:
                yield f"{_join(pointer, name)}: the required property {name!r} is missing"
        if "minProperties" in schema and len(instance) < schema["minProperties"]:
            yield f"{where}: expected at least {schema['minProperties']} properties"
        if "maxProperties" in schema and len(instance) > schema["maxProperties"]:
            yield f"{where}: expected at most {schema['maxProperties']} properties"
        properties: Mapping[str, Any] = schema.get("properties", {})
        patterns: Mapping[str, Any] = schema.get("patternProperties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        for name, value in instance.items():
            path = _join(pointer, name)
            if names is not None:
                for problem in self._errors(name, names, path, frozenset()):
                    yield f"{path}: the property name {name!r} is not allowed ({problem})"
            matched = False
            if name in properties:
                matched = True
                yield from self._errors(value, properties[name], path, frozenset())
            for pattern, sub in patterns.items():
                if re.search(pattern, name):
                    matched = True
                    yield from self._errors(value, sub, path, frozenset())
            if matched or name in known:
                continue
            if extra is False:
                yield f"{path}: the property {name!r} is not allowed here"
            elif extra is not True:
                yield from self._errors(value, extra, path, frozenset())

    def _composition_errors(
        self,
        instance: object,
        schema: Mapping[str, Any],
        pointer: str,
        known: frozenset[str],
        branch_known: frozenset[str],
    ) -> Iterator[str]:
        where = _shown(pointer)
        for sub in schema.get("allOf", []):
            yield from self._errors(instance, sub, pointer, known)
        for keyword in ("anyOf", "oneOf"):
            if keyword not in schema:
                continue
            results = [
                list(self._errors(instance, sub, pointer, branch_known)) for sub in schema[keyword]
            ]
            passing = sum(1 for errors in results if not errors)
            if passing == 0:
                closest = min(results, key=len)
                hint = f" ({closest[0]})" if closest else ""
                yield f"{where}: {_repr(instance)} matches none of the {keyword} schemas{hint}"
            elif keyword == "oneOf" and passing > 1:
                yield f"{where}: {_repr(instance)} matches {passing} of the oneOf schemas, not exactly one"
        if "not" in schema and not list(
            self._errors(instance, schema["not"], pointer, frozenset())
        ):
            yield f"{where}: {_repr(instance)} must not match the 'not' schema"
