"""assemblyai.testing._schema: keyword examples, OpenAPI composition, and a cross-check
against the ``jsonschema`` package on Hypothesis-generated schemas and instances."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assemblyai.testing._schema import SchemaError, SchemaValidator, json_equal

# -- examples, one per keyword --------------------------------------------------------------

DOC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Word": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "start"],
                "properties": {
                    "text": {"type": "string", "minLength": 1},
                    "start": {"type": "integer", "minimum": 0},
                    "speaker": {"type": ["string", "null"]},
                },
            },
            "Base": {
                "type": "object",
                "additionalProperties": False,
                "required": ["request_id"],
                "properties": {"request_id": {"type": "string"}},
            },
            "WithResponse": {
                "type": "object",
                "allOf": [
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"response": {"type": "string"}},
                        "required": ["response"],
                    },
                    {"$ref": "#/components/schemas/Base"},
                ],
            },
            "Limit": {
                "type": "object",
                "properties": {"limit": {"type": "integer", "maximum": 200}},
            },
        }
    }
}


def errors(instance: object, schema: object, composition: str = "openapi") -> list[str]:
    return SchemaValidator(DOC, composition).validate(instance, schema)  # type: ignore[arg-type]


WORD = {"$ref": "#/components/schemas/Word"}


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        ({"text": "hi", "start": 0}, []),
        ({"text": "hi", "start": 0, "speaker": None}, []),
        ({"text": "hi", "start": 1.0}, []),
        ({"text": "", "start": 0}, ["/text: '' is shorter than 1 characters"]),
        ({"text": "hi", "start": -1}, ["/start: -1 is less than the minimum of 0"]),
        ({"text": "hi", "start": True}, ["/start: True is not of type integer"]),
        ({"text": "hi"}, ["/start: the required property 'start' is missing"]),
        (
            {"text": "hi", "start": 0, "extra": 1},
            ["/extra: the property 'extra' is not allowed here"],
        ),
        ({"text": "hi", "start": 0, "speaker": 3}, ["/speaker: 3 is not of type string or null"]),
        ([], ["/: [] is not of type object"]),
    ],
)
def test_object_keywords(instance: object, expected: list[str]) -> None:
    assert errors(instance, WORD) == expected


def test_pointers_descend_into_arrays_and_escape_tokens() -> None:
    schema = {"type": "object", "properties": {"a/b": {"type": "array", "items": WORD}}}
    assert errors({"a/b": [{"text": "x", "start": 0}, {"text": "x", "start": "0"}]}, schema) == [
        "/a~1b/1/start: '0' is not of type integer"
    ]


def test_scalar_keywords() -> None:
    assert errors("b", {"enum": ["a", "c"]}) == ["/: 'b' is not one of ['a', 'c']"]
    assert errors(1, {"enum": [True]}) == ["/: 1 is not one of [True]"]
    assert errors(True, {"const": 1}) == ["/: True is not 1"]
    assert errors(1.0, {"const": 1}) == []
    assert errors(5, {"maximum": 4}) == ["/: 5 is greater than the maximum of 4"]
    assert errors(4, {"exclusiveMaximum": 4}) == ["/: 4 is not less than 4"]
    assert errors(4, {"exclusiveMinimum": 4}) == ["/: 4 is not greater than 4"]
    assert errors(7, {"multipleOf": 2}) == ["/: 7 is not a multiple of 2"]
    assert errors("abc", {"maxLength": 2}) == ["/: 'abc' is longer than 2 characters"]
    assert errors("2024-01-01", {"pattern": r"^\d{4}-\d{2}-\d{2}$"}) == []
    assert errors("x", {"pattern": r"^\d+$"}) == ["/: 'x' does not match the pattern '^\\\\d+$'"]
    assert errors("x", {"type": "string", "format": "uuid"}) == []
    assert errors(None, {"type": "string", "nullable": True}) == []
    assert errors(0.5, {"type": "float"}) == []
    assert errors([1, 1], {"uniqueItems": True}) == ["/1: 1 repeats an earlier item"]
    assert errors([1], {"minItems": 2}) == ["/: expected at least 2 items, got 1"]
    assert errors([1, 2], {"maxItems": 1}) == ["/: expected at most 1 items, got 2"]
    assert errors({"a": 1}, {"minProperties": 2}) == ["/: expected at least 2 properties"]
    assert errors("x", False) == ["/: no value is allowed here"]
    assert errors("x", True) == []
    assert errors(["a", 1], {"prefixItems": [{"type": "string"}], "items": {"type": "string"}}) == [
        "/1: 1 is not of type string"
    ]
    assert errors({"x1": 1}, {"patternProperties": {"^x": {"type": "string"}}}) == [
        "/x1: 1 is not of type string"
    ]
    assert errors({"a": 1}, {"additionalProperties": {"type": "string"}}) == [
        "/a: 1 is not of type string"
    ]


def test_composition_keywords() -> None:
    one_of = {"oneOf": [{"type": "integer"}, {"type": "number"}]}
    assert errors(1, one_of) == ["/: 1 matches 2 of the oneOf schemas, not exactly one"]
    assert errors(1.5, one_of) == []
    assert errors("x", one_of) == [
        "/: 'x' matches none of the oneOf schemas (/: 'x' is not of type integer)"
    ]
    assert errors("x", {"anyOf": [{"type": "integer"}, {"enum": ["y"]}]})[0].startswith(
        "/: 'x' matches none of the anyOf schemas"
    )
    assert errors(3, {"not": {"type": "integer"}}) == ["/: 3 must not match the 'not' schema"]
    assert errors(3, {"allOf": [{"minimum": 4}, {"maximum": 2}]}) == [
        "/: 3 is less than the minimum of 4",
        "/: 3 is greater than the maximum of 2",
    ]


def test_openapi_composition_merges_properties_across_all_of() -> None:
    schema = {"$ref": "#/components/schemas/WithResponse"}
    good = {"response": "r", "request_id": "1"}
    assert errors(good, schema) == []
    assert errors({**good, "usage": 1}, schema) == [
        "/usage: the property 'usage' is not allowed here"
    ]
    assert errors({"response": "r"}, schema) == [
        "/request_id: the required property 'request_id' is missing"
    ]
    # Plain JSON Schema rejects every instance of such a group.
    assert errors(good, schema, "json-schema")
    assert not jsonschema.Draft202012Validator({**DOC, **schema}).is_valid(good)


def test_refs_into_properties_and_errors_in_the_schema() -> None:
    assert errors(500, {"$ref": "#/components/schemas/Limit/properties/limit"}) == [
        "/: 500 is greater than the maximum of 200"
    ]
    with pytest.raises(SchemaError, match="does not resolve"):
        errors(1, {"$ref": "#/components/schemas/Nope"})
    with pytest.raises(SchemaError, match="local"):
        errors(1, {"$ref": "other.yml#/x"})
    with pytest.raises(SchemaError, match="unknown type"):
        errors(1, {"type": "decimal"})
    with pytest.raises(SchemaError, match="cycle"):
        SchemaValidator({"a": {"$ref": "#/a"}}).resolve({"$ref": "#/a"})


def test_helpers() -> None:
    validator = SchemaValidator(DOC)
    assert set(validator.properties_of({"$ref": "#/components/schemas/WithResponse"})) == {
        "response",
        "request_id",
    }
    assert validator.required_of({"$ref": "#/components/schemas/WithResponse"}) == {
        "response",
        "request_id",
    }
    assert validator.resolve(WORD)["required"] == ["text", "start"]
    assert validator.is_valid({"text": "a", "start": 0}, WORD)
    assert json_equal({"a": [1, 2.0]}, {"a": [1.0, 2]})
    assert not json_equal([True], [1])
    assert not json_equal(None, 0)


# -- cross-check against jsonschema ----------------------------------------------------------

KEYS = ["a", "b", "c"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from([0.0, 1.0, 1.5, -2.5, 3.0])
    | st.sampled_from(["", "a", "b", "ab", "10", "xyz"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=3)
    ),
    max_leaves=8,
)

TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"]

leaf_schemas = st.one_of(
    st.just({}),
    st.booleans(),
    st.sampled_from(TYPES).map(lambda t: {"type": t}),
    st.lists(st.sampled_from(TYPES), min_size=1, max_size=3, unique=True).map(
        lambda t: {"type": t}
    ),
    st.lists(json_values, min_size=1, max_size=3).map(lambda v: {"enum": v}),
    json_values.map(lambda v: {"const": v}),
    st.integers(-3, 3).map(lambda n: {"minimum": n}),
    st.integers(-3, 3).map(lambda n: {"maximum": n}),
    st.integers(-3, 3).map(lambda n: {"exclusiveMinimum": n}),
    st.integers(-3, 3).map(lambda n: {"exclusiveMaximum": n}),
    st.integers(1, 3).map(lambda n: {"multipleOf": n}),
    st.integers(0, 3).map(lambda n: {"minLength": n}),
    st.integers(0, 3).map(lambda n: {"maxLength": n}),
    st.sampled_from(["^a", "b$", "[0-9]", "^$"]).map(lambda p: {"pattern": p}),
    st.integers(0, 3).map(lambda n: {"minItems": n}),
    st.integers(0, 3).map(lambda n: {"maxItems": n}),
    st.just({"uniqueItems": True}),
    st.integers(0, 2).map(lambda n: {"minProperties": n}),
    st.integers(0, 2).map(lambda n: {"maxProperties": n}),
)
refs = st.sampled_from(["#/$defs/A", "#/$defs/B"]).map(lambda r: {"$ref": r})


def _extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    objects = st.builds(
        lambda props, required, extra: {
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": extra,
        },
        st.dictionaries(st.sampled_from(KEYS), children, max_size=2),
        st.lists(st.sampled_from(KEYS), max_size=2, unique=True),
        st.booleans() | children,
    )
    return st.one_of(
        objects,
        children.map(lambda s: {"type": "array", "items": s}),
        st.lists(children, min_size=1, max_size=2).map(lambda s: {"prefixItems": s}),
        st.lists(children, min_size=1, max_size=3).map(lambda s: {"allOf": s}),
        st.lists(children, min_size=1, max_size=3).map(lambda s: {"anyOf": s}),
        st.lists(children, min_size=1, max_size=3).map(lambda s: {"oneOf": s}),
        children.map(lambda s: {"not": s}),
        st.tuples(children, children).map(
            lambda pair: (
                {**pair[0], **pair[1]}
                if isinstance(pair[0], dict) and isinstance(pair[1], dict)
                else pair[0]
            )
        ),
    )


# $defs/A has no $ref and $defs/B may only refer to A, so no reference cycle can form.
schemas = st.recursive(leaf_schemas | refs, _extend, max_leaves=6)
definitions = st.fixed_dictionaries(
    {
        "A": st.recursive(leaf_schemas, _extend, max_leaves=3),
        "B": st.recursive(leaf_schemas | st.just({"$ref": "#/$defs/A"}), _extend, max_leaves=3),
    }
)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(schema=schemas, defs=definitions, instance=json_values)
def test_agrees_with_jsonschema(schema: Any, defs: dict[str, Any], instance: Any) -> None:
    root = {"$defs": defs, "allOf": [schema]}
    # The definitions must not refer to themselves (a cycle that consumes no input).
    expected = jsonschema.Draft202012Validator(root).is_valid(instance)
    mine = SchemaValidator(root, "json-schema")
    actual = mine.is_valid(instance, root)
    assert actual == expected, (schema, defs, instance, mine.validate(instance, root))
    assert (mine.validate(instance, root) == []) == expected


# -- our OpenAPI document's schemas ----------------------------------------------------------


def _load_spec() -> dict[str, Any] | None:
    try:
        module = importlib.import_module("assemblyai._generated.specs")
        return module.openapi_document()  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        pass
    path = Path(__file__).resolve().parents[2] / "spec" / "openapi.yml"
    if not path.exists():
        return None
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


SPEC = _load_spec()
needs_spec = pytest.mark.skipif(SPEC is None, reason="spec/openapi.yml is not written yet")


def _plain_schemas() -> set[str]:
    """Component schemas where the two composition modes agree: no composition keyword
    combined with additionalProperties anywhere they reach, and only standard types."""
    if SPEC is None:
        return set()
    validator = SchemaValidator(SPEC)
    names = set()

    def plain(node: Any, seen: set[int]) -> bool:
        if isinstance(node, dict):
            if id(node) in seen:
                return True
            seen.add(id(node))
            if "$ref" in node:
                try:
                    if not plain(validator.resolve(node), seen):
                        return False
                except SchemaError:
                    return False
            if (
                any(k in node for k in ("allOf", "oneOf", "anyOf"))
                and "additionalProperties" in node
            ):
                return False
            if "allOf" in node:
                return False
            types = node.get("type", [])
            types = [types] if isinstance(types, str) else types
            if any(t not in TYPES for t in types if isinstance(t, str)):
                return False
            return all(
                plain(v, seen)
                for k, v in node.items()
                if k not in ("example", "examples", "default")
            )
        if isinstance(node, list):
            return all(plain(v, seen) for v in node)
        return True

    for name, schema in SPEC["components"]["schemas"].items():
        if plain(schema, set()):
            names.add(name)
    return names


PLAIN_SCHEMAS = _plain_schemas()


@needs_spec
def test_the_composed_spec_schemas_accept_what_they_mean() -> None:
    assert SPEC is not None
    mine = SchemaValidator(SPEC)
    assert "Transcript" in PLAIN_SCHEMAS and "TranscriptParams" not in PLAIN_SCHEMAS
    params = {"$ref": "#/components/schemas/TranscriptParams"}
    assert mine.validate({"audio_url": "https://x/a.mp3", "speaker_labels": True}, params) == []
    assert mine.validate({"audio_url": "https://x/a.mp3", "word_boost_typo": 1}, params) == [
        "/word_boost_typo: the property 'word_boost_typo' is not allowed here",
    ]
    assert mine.validate({"speaker_labels": True}, params) == [
        "/audio_url: the required property 'audio_url' is missing"
    ]
    answer = {"request_id": "r", "usage": {"input_tokens": 1, "output_tokens": 2}, "response": "x"}
    assert mine.validate(answer, {"$ref": "#/components/schemas/LemurTaskResponse"}) == []
    assert mine.validate(answer, {"$ref": "#/components/schemas/LemurResponse"}) == []


def instances(schema: Any, validator: SchemaValidator, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values shaped by ``schema``: mostly valid, sometimes not (a random value, a missing
    required property, an extra property), so both outcomes are exercised."""
    noise = json_values
    if depth > 4 or not isinstance(schema, dict):
        return noise
    schema = validator.resolve(schema)
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            return st.one_of([instances(s, validator, depth + 1) for s in schema[keyword]])
    if "allOf" in schema:
        merged: dict[str, Any] = {"type": "object", "properties": validator.properties_of(schema)}
        merged["required"] = sorted(validator.required_of(schema))
        return instances(merged, validator, depth + 1)
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | noise
    if "const" in schema:
        return st.just(schema["const"]) | noise
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    options: list[st.SearchStrategy[Any]] = [noise]
    for name in types:
        if name == "object":
            properties = schema.get("properties", {})
            required = [n for n in schema.get("required", []) if n in properties]
            optional = {
                n: instances(s, validator, depth + 1)
                for n, s in properties.items()
                if n not in required
            }
            fixed = {n: instances(properties[n], validator, depth + 1) for n in required}
            options.append(
                st.fixed_dictionaries(fixed, optional=optional)
                | st.fixed_dictionaries(fixed, optional={**optional, "unexpected": noise})
            )
        elif name == "array":
            options.append(
                st.lists(instances(schema.get("items", {}), validator, depth + 1), max_size=3)
            )
        elif name == "integer":
            low, high = schema.get("minimum", -10), schema.get("maximum", 1000)
            options.append(st.integers(int(low) - 1, int(high) + 1))
        elif name == "number":
            low, high = schema.get("minimum", -10), schema.get("maximum", 1000)
            options.append(st.floats(low - 1, high + 1, allow_nan=False))
        elif name == "string":
            options.append(st.text(max_size=12))
        elif name == "boolean":
            options.append(st.booleans())
        elif name == "null":
            options.append(st.none())
    return st.one_of(options[1:] or options) if len(options) > 1 else noise


def _spec_schema_names() -> list[str]:
    return sorted(SPEC["components"]["schemas"]) if SPEC is not None else []


@needs_spec
@pytest.mark.parametrize("name", _spec_schema_names())
@settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
@given(data=st.data())
def test_spec_schemas_agree_with_jsonschema(name: str, data: st.DataObject) -> None:
    """On the spec's own schemas: the openapi mode agrees with jsonschema wherever the two
    semantics coincide, and the json-schema mode agrees everywhere."""
    assert SPEC is not None
    root = {"components": SPEC["components"], "$ref": f"#/components/schemas/{name}"}
    reference = jsonschema.Draft202012Validator(root)
    strict = SchemaValidator(root, "json-schema")
    mine = SchemaValidator(SPEC)
    instance = data.draw(instances(root, mine))
    assert strict.is_valid(instance, root) == reference.is_valid(instance)
    if name in PLAIN_SCHEMAS:
        assert mine.is_valid(instance, root) == reference.is_valid(instance)


def test_property_names() -> None:
    schema = {"type": "object", "propertyNames": {"enum": ["profanity", "violence"]}}
    assert errors({"profanity": 0.5}, schema) == []
    [problem] = errors({"unexpected": 0}, schema)
    assert "'unexpected' is not allowed" in problem
