"""The generator's view of the spec: value-only objects become maps, identical enums one class."""

from __future__ import annotations

from typing import Any

import pytest

from generator.codegen_view import MAP_MARK, codegen_view, identical_enums, is_map_schema


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "object", "additionalProperties": {"type": "number"}}, True),
        ({"type": "object", "additionalProperties": True}, True),
        ({"type": "object", "additionalProperties": {"$ref": "#/components/schemas/X"}}, True),
        ({"type": "object", "additionalProperties": False}, False),
        ({"type": "object"}, False),  # an open object with nothing said about its values
        (
            {
                "type": "object",
                "properties": {"a": {"type": "string"}},
                "additionalProperties": True,
            },
            False,
        ),
        ({"type": "array", "additionalProperties": True}, False),
    ],
)
def test_map_schemas(schema: dict[str, Any], expected: bool) -> None:
    assert is_map_schema(schema) is expected


def _doc(schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": {}, "components": {"schemas": schemas}}


def test_identical_enums_fold_into_the_name_that_sorts_first() -> None:
    doc = _doc(
        {
            "Policy": {"type": "string", "enum": ["a", "b"]},
            "Kind": {"type": "string", "enum": ["b", "a"]},
            "Other": {"type": "string", "enum": ["a"]},
            "Holder": {
                "type": "object",
                "properties": {
                    "policies": {"type": "array", "items": {"$ref": "#/components/schemas/Policy"}}
                },
            },
        }
    )
    assert identical_enums(doc) == {"Policy": "Kind"}
    view = codegen_view(doc)
    schemas = view["components"]["schemas"]
    assert "Policy" not in schemas and {"Kind", "Other", "Holder"} <= set(schemas)
    items = schemas["Holder"]["properties"]["policies"]["items"]
    assert items == {"$ref": "#/components/schemas/Kind"}
    assert "Policy" in doc["components"]["schemas"]  # the input is not changed


def test_value_only_objects_are_marked_and_nullable_objects_keep_their_class() -> None:
    doc = _doc(
        {
            "Result": {
                "type": "object",
                "properties": {
                    "summary": {"type": "object", "additionalProperties": {"type": "number"}},
                    "texts": {
                        "type": ["object", "null"],
                        "additionalProperties": {"type": "string"},
                    },
                    "options": {
                        "type": ["object", "null"],
                        "properties": {"n": {"type": "integer"}},
                    },
                    "name": {"type": ["string", "null"]},
                },
            }
        }
    )
    props = codegen_view(doc)["components"]["schemas"]["Result"]["properties"]
    assert props["summary"][MAP_MARK] is True
    assert props["texts"]["type"] == "object" and props["texts"][MAP_MARK] is True
    assert props["options"]["type"] == "object" and MAP_MARK not in props["options"]
    assert props["name"]["type"] == ["string", "null"]
