"""Every generated REST model parses what its JSON schema allows, and round-trips it.

Instances come from hypothesis-jsonschema, drawn from the component schemas of the
document embedded in `assemblyai._generated.specs` (our normalised spec). Documented
normalisations when comparing `to_dict()` with the input: date-times and dates are
compared as values (`Z` comes back as `+00:00`), numbers by value (`1` == `1.0`).

Instances are drawn without unknown fields (allOf compositions flattened, as the generator
does); a separate test adds unknown fields and unknown enum values to drawn payloads.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import functools
import os
import re
import types
from collections.abc import Iterator
from enum import Enum
from typing import Any

import hypothesis.strategies as st
import hypothesis_jsonschema._from_schema as _hjs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.internal.conjecture import utils as _cu
from hypothesis_jsonschema import from_schema

from assemblyai._generated import specs
from assemblyai._generated.rest import models
from assemblyai._generated.rest.types import STRICT_READING, RecordModel, ResponseDeviationError
from generator.codegen_view import identical_enums
from tests.bodies import without_nulls


class _LegacyMany:
    """The `more()`/`reject()` protocol of hypothesis' old `many`, on top of the current one.

    hypothesis-jsonschema 0.23.1 draws object properties through `many(...).more()`, which
    newer hypothesis releases replaced by a context manager + iterator; without this every
    object schema fails with AttributeError. Installed only into hypothesis-jsonschema's
    module, and only when the hypothesis in use lacks `more()`.
    """

    def __init__(self, data: Any, **kwargs: Any) -> None:
        self._many = _cu.many(data, **kwargs)
        self._many.__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        try:
            next(self._elements)
        except StopIteration:
            self._many.__exit__(None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


if not hasattr(_cu.many, "more"):
    _hjs.cu = types.SimpleNamespace(**{**vars(_cu), "many": _LegacyMany})  # type: ignore[assignment]

DOC = specs.openapi_document()
SCHEMAS: dict[str, Any] = DOC["components"]["schemas"]
_DROP = {
    "discriminator",
    "xml",
    "externalDocs",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
}
_FORMATS = {"date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"}
_CLASSES = {name.lower(): getattr(models, name) for name in models.__all__}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))  # `make fuzz` style runs may raise it
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


# Enum schemas with the same values are generated as one class (generator/codegen_view.py).
_FOLDED = identical_enums(DOC)


def generated_class(schema_name: str) -> Any:
    schema_name = _FOLDED.get(schema_name, schema_name)
    return _CLASSES.get(re.sub(r"[^0-9a-zA-Z]", "", schema_name).lower())


def _flatten_all_of(schema: dict[str, Any]) -> dict[str, Any]:
    """One object schema for an allOf of object schemas (what the generator does too)."""
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema["allOf"]:
        ref = part.get("$ref")
        part = SCHEMAS[ref.rsplit("/", 1)[-1]] if isinstance(ref, str) else part
        if "allOf" in part:
            part = _flatten_all_of(part)
        merged.setdefault("properties", {}).update(part.get("properties") or {})
        merged["required"] = sorted({*merged.get("required", []), *part.get("required", [])})
        for key, value in part.items():
            if key not in ("properties", "required", "additionalProperties"):
                merged.setdefault(key, value)
    if not merged["required"]:
        del merged["required"]
    return merged


def _as_json_schema(node: Any) -> Any:
    """OpenAPI schema -> plain JSON Schema that hypothesis-jsonschema accepts.

    Objects get `additionalProperties: false` (unknown fields are added explicitly by the
    test that needs them, which keeps the drawn instances small).
    """
    if isinstance(node, list):
        return [_as_json_schema(x) for x in node]
    if not isinstance(node, dict):
        return node
    if "allOf" in node and all(
        "properties" in p
        or (
            isinstance(p.get("$ref"), str) and "properties" in SCHEMAS[p["$ref"].rsplit("/", 1)[-1]]
        )
        for p in node["allOf"]
    ):
        node = _flatten_all_of(node)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-") or key in _DROP:
            continue
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/components/schemas/", "#/$defs/")
        elif key == "format":
            fmt = "uri" if value == "url" else value
            if fmt in _FORMATS:
                out[key] = fmt
        elif key == "additionalProperties" and value is True:
            continue
        elif key in ("properties", "patternProperties"):
            out[key] = {k: _as_json_schema(v) for k, v in value.items()}
        else:
            out[key] = _as_json_schema(value)
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


@functools.cache
def strategy(schema_name: str) -> st.SearchStrategy[Any]:
    defs = {name: _as_json_schema(schema) for name, schema in SCHEMAS.items()}
    return from_schema({"$ref": f"#/$defs/{schema_name}", "$defs": defs})


def _is_enum(schema: dict[str, Any]) -> bool:
    return "enum" in schema and "properties" not in schema


MODEL_SCHEMAS = sorted(
    n for n, s in SCHEMAS.items() if not _is_enum(s) and hasattr(generated_class(n), "from_dict")
)
ENUM_SCHEMAS = sorted(n for n, s in SCHEMAS.items() if _is_enum(s))


def same_json(a: Any, b: Any) -> bool:
    """JSON equality, with the documented normalisations (see module docstring)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, str) and isinstance(b, str) and a != b:
        for parse in (datetime.datetime.fromisoformat, datetime.date.fromisoformat):
            try:
                return parse(a) == parse(b)
            except ValueError:
                continue
        return False
    return bool(a == b)


@contextlib.contextmanager
def strict_reading() -> Iterator[None]:
    token = STRICT_READING.set(True)
    try:
        yield
    finally:
        STRICT_READING.reset(token)


def test_every_component_schema_has_a_generated_class() -> None:
    missing = [n for n in SCHEMAS if generated_class(n) is None]
    # Pure compositions (allOf/oneOf of other components) and arrays become aliases or unions.
    for name in missing:
        schema = SCHEMAS[name]
        composed = bool({"allOf", "oneOf", "anyOf"} & set(schema)) and "properties" not in schema
        assert composed or schema.get("type") == "array", name
    assert len(MODEL_SCHEMAS) > 40 and len(ENUM_SCHEMAS) > 10


@pytest.mark.parametrize("schema_name", MODEL_SCHEMAS)
@SETTINGS
@given(data=st.data())
def test_model_round_trips(schema_name: str, data: st.DataObject) -> None:
    cls = generated_class(schema_name)
    instance = data.draw(strategy(schema_name), label=schema_name)
    # Strict: an instance of the schema must not count as a departure from it.
    with strict_reading():
        parsed = cls.from_dict(copy.deepcopy(instance))
    # Nulls inside free-form maps are kept as sent; both sides drop them for the comparison.
    assert same_json(without_nulls(parsed.to_dict()), without_nulls(instance)), instance
    assert cls.from_dict(parsed.to_dict()) == parsed


def _enum_properties(schema_name: str) -> list[str]:
    """Top-level properties of a model whose schema is (a reference to) a string enum."""
    found = []
    for prop, prop_schema in (SCHEMAS[schema_name].get("properties") or {}).items():
        target = prop_schema
        ref = prop_schema.get("$ref")
        if isinstance(ref, str):
            target = SCHEMAS.get(ref.rsplit("/", 1)[-1], {})
        if _is_enum(target) and all(isinstance(v, str) for v in target["enum"]):
            found.append(prop)
    return found


@pytest.mark.parametrize("schema_name", MODEL_SCHEMAS)
@settings(SETTINGS, max_examples=max(3, EXAMPLES // 3))
@given(data=st.data())
def test_unknown_fields_and_enum_values_parse(schema_name: str, data: st.DataObject) -> None:
    cls = generated_class(schema_name)
    payload = data.draw(strategy(schema_name), label=schema_name)
    if not isinstance(payload, dict):
        return
    payload["__field_from_the_future__"] = {"nested": [1, None, "x"]}
    for prop in _enum_properties(schema_name):
        payload[prop] = "value-from-the-future"
    parsed = cls.from_dict(copy.deepcopy(payload))
    assert parsed.additional_properties["__field_from_the_future__"] == {"nested": [1, None, "x"]}
    assert same_json(without_nulls(parsed.to_dict()), without_nulls(payload))
    # Strict reading refuses an unknown enum value, and an unknown key of a closed object.
    # Records are not checked (speed: they are read in C), their enum values only on access.
    schema = SCHEMAS[schema_name]
    closed = schema.get("additionalProperties") is False or any(
        part.get("additionalProperties") is False for part in schema.get("allOf", [])
    )
    if (_enum_properties(schema_name) or closed) and not isinstance(parsed, RecordModel):
        with strict_reading(), pytest.raises(ResponseDeviationError):
            cls.from_dict(copy.deepcopy(payload))


@pytest.mark.parametrize("schema_name", ENUM_SCHEMAS)
def test_enum_values(schema_name: str) -> None:
    cls = generated_class(schema_name)
    assert isinstance(cls, type) and issubclass(cls, Enum)
    values = [v for v in SCHEMAS[schema_name]["enum"] if v is not None]
    assert sorted(m.value for m in cls) == sorted(values)
    for value in values:
        assert cls(value).is_known
    unknown = cls("value-from-the-future" if issubclass(cls, str) else 987654)
    assert not unknown.is_known and unknown.value in ("value-from-the-future", 987654)
