"""The generator's pre-pass (generator/normalize.py), loader, and REST merge."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from generator.codegen_view import codegen_view
from generator.merge import MergeConflict, merge_openapi
from generator.normalize import (
    FIXES,
    drop_invalid_defaults,
    drop_invalid_examples,
    drop_uuid_format_on_ids,
    fix_float_type,
    fix_objects_typo,
    inline_deep_refs,
    iter_schemas,
    normalize,
)
from generator.specload import SpecKind, classify, load_document, load_spec_dir

REPO = Path(__file__).resolve().parents[2]
OUR_SPEC = REPO / "spec"
PUBLISHED = REPO.parent / "shared" / "reference" / "spec"


def doc(schemas: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        **extra,
        "components": {"schemas": schemas},
    }


def our_openapi_files() -> list[Path]:
    return [
        p for p in sorted(OUR_SPEC.glob("*.y*ml")) if classify(load_document(p)) is SpecKind.OPENAPI
    ]


# --------------------------------------------------------------------------- our spec


@pytest.mark.parametrize("path", our_openapi_files(), ids=lambda p: p.name)
def test_normalize_is_a_no_op_on_our_spec(path: Path) -> None:
    original = load_document(path)
    assert normalize(original) == original
    for fix in FIXES:
        assert fix(original) == original, f"{fix.__name__} changed {path.name}"


def test_our_spec_files_are_told_apart_by_content() -> None:
    kinds = {name: kind for name, (kind, _) in load_spec_dir(OUR_SPEC).items()}
    assert sum(k is SpecKind.OPENAPI for k in kinds.values()) >= 2
    assert all(name.endswith((".yml", ".yaml", ".json")) for name in kinds)


# --------------------------------------------------------------------------- each fix


def test_float_type_becomes_number() -> None:
    d = doc(
        {
            "A": {
                "type": "object",
                "properties": {"x": {"type": "float"}, "y": {"type": ["float", "null"]}},
            }
        }
    )
    out = fix_float_type(d)
    props = out["components"]["schemas"]["A"]["properties"]
    assert props["x"] == {"type": "number"}
    assert props["y"] == {"type": ["number", "null"]}
    assert d["components"]["schemas"]["A"]["properties"]["x"] == {"type": "float"}, "input mutated"


def test_objects_typo_becomes_items() -> None:
    d = doc({"A": {"type": "array", "objects": {"type": "string"}}})
    assert fix_objects_typo(d)["components"]["schemas"]["A"] == {
        "type": "array",
        "items": {"type": "string"},
    }
    ok = doc({"A": {"type": "object", "properties": {"objects": {"type": "string"}}}})
    assert fix_objects_typo(ok) == ok, "a property *named* objects is not the typo"


def test_refs_into_properties_are_inlined() -> None:
    d = doc(
        {
            "Params": {
                "type": "object",
                "properties": {"limit": {"type": "integer", "maximum": 200}},
            },
            "Other": {
                "type": "object",
                "properties": {
                    "n": {
                        "$ref": "#/components/schemas/Params/properties/limit",
                        "description": "n",
                    }
                },
            },
            "Whole": {"$ref": "#/components/schemas/Params"},
        },
        paths={
            "/x": {
                "get": {
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"$ref": "#/components/schemas/Params/properties/limit"},
                        }
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    )
    out = inline_deep_refs(d)
    assert out["components"]["schemas"]["Other"]["properties"]["n"] == {
        "type": "integer",
        "maximum": 200,
        "description": "n",
    }
    assert out["paths"]["/x"]["get"]["parameters"][0]["schema"] == {
        "type": "integer",
        "maximum": 200,
    }
    assert out["components"]["schemas"]["Whole"] == {"$ref": "#/components/schemas/Params"}, (
        "component refs stay"
    )


def test_uuid_format_dropped_on_ids_only() -> None:
    d = doc(
        {
            "T": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "transcript_ids": {
                        "type": "array",
                        "items": {"type": "string", "format": "uuid"},
                    },
                    "request_id_to_purge": {"type": "string", "format": "uuid"},
                    "token": {"type": "string", "format": "uuid"},
                    "idle": {"type": "string", "format": "uuid"},
                },
            }
        }
    )
    props = drop_uuid_format_on_ids(d)["components"]["schemas"]["T"]["properties"]
    assert props["id"] == {"type": "string"}
    assert props["transcript_ids"] == {"type": "array", "items": {"type": "string"}}
    assert props["request_id_to_purge"] == {"type": "string"}
    assert props["token"] == {"type": "string", "format": "uuid"}
    assert props["idle"] == {"type": "string", "format": "uuid"}


def test_invalid_defaults_are_dropped_valid_ones_kept() -> None:
    d = doc(
        {
            "Model": {"type": "string", "enum": ["best", "nano"]},
            "P": {
                "type": "object",
                "properties": {
                    "flag": {"type": "boolean", "default": "false"},
                    "ok_flag": {"type": "boolean", "default": False},
                    "model": {"$ref": "#/components/schemas/Model", "default": "turbo"},
                    "good_model": {"$ref": "#/components/schemas/Model", "default": "nano"},
                    "maybe": {"type": ["string", "null"], "default": None},
                    "never_null": {"type": "string", "default": None},
                },
            },
        }
    )
    props = drop_invalid_defaults(d)["components"]["schemas"]["P"]["properties"]
    assert "default" not in props["flag"]
    assert props["ok_flag"]["default"] is False
    assert "default" not in props["model"]
    assert props["good_model"]["default"] == "nano"
    assert props["maybe"]["default"] is None
    assert "default" not in props["never_null"]


def test_defaults_in_openapi_30_respect_nullable() -> None:
    d = doc(
        {
            "P": {
                "type": "object",
                "properties": {"x": {"type": "string", "nullable": True, "default": None}},
            }
        }
    )
    d["openapi"] = "3.0.3"
    assert drop_invalid_defaults(d) == d


def test_examples_with_forbidden_null_are_dropped() -> None:
    d = doc(
        {
            "W": {
                "type": "object",
                "properties": {"speaker": {"type": "string"}},
                "example": {"speaker": None},
            },
            "V": {
                "type": "object",
                "properties": {"speaker": {"type": ["string", "null"]}},
                "example": {"speaker": None},
            },
            "L": {"type": "string", "examples": ["a", None]},
        },
        paths={
            "/x": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/W"},
                                    "example": {"speaker": None},
                                }
                            },
                        }
                    }
                }
            }
        },
    )
    out = drop_invalid_examples(d)
    assert "example" not in out["components"]["schemas"]["W"]
    assert out["components"]["schemas"]["V"]["example"] == {"speaker": None}
    assert out["components"]["schemas"]["L"]["examples"] == ["a"]
    assert (
        "example"
        not in out["paths"]["/x"]["get"]["responses"]["200"]["content"]["application/json"]
    )


def test_normalize_does_not_mutate_and_is_idempotent_on_a_broken_doc() -> None:
    d = doc(
        {
            "A": {
                "type": "object",
                "properties": {
                    "t": {"type": "float", "default": "x"},
                    "l": {"type": "array", "objects": {"type": "string"}},
                },
            }
        }
    )
    before = copy.deepcopy(d)
    once = normalize(d)
    assert d == before
    assert normalize(once) == once
    assert once["components"]["schemas"]["A"]["properties"] == {
        "t": {"type": "number"},
        "l": {"type": "array", "items": {"type": "string"}},
    }


def test_iter_schemas_reaches_nested_positions() -> None:
    d = doc(
        {
            "A": {
                "type": "object",
                "properties": {"b": {"type": "array", "items": {"oneOf": [{"type": "string"}]}}},
            }
        },
        paths={
            "/p/{id}": {"parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}]}
        },
    )
    pointers = [p for p, _ in iter_schemas(d)]
    assert "#/components/schemas/A/properties/b/items/oneOf/0" in pointers
    assert "#/paths/~1p~1{id}/parameters/0/schema" in pointers


# --------------------------------------------------------------------------- loading


def test_yaml_is_read_with_yaml_12_scalars(tmp_path: Path) -> None:
    f = tmp_path / "x.yml"
    f.write_text(
        "openapi: 3.1.0\nenum: [no, yes, on, off]\ndate: 2024-01-01\nresponses:\n  200: ok\noctal: 010\nflag: true\n"
    )
    data = load_document(f)
    assert data["enum"] == ["no", "yes", "on", "off"]
    assert data["date"] == "2024-01-01"
    assert data["responses"] == {"200": "ok"}
    assert data["octal"] == 10
    assert data["flag"] is True


def test_classify_by_content() -> None:
    assert classify({"openapi": "3.0.3"}) is SpecKind.OPENAPI
    assert classify({"asyncapi": "3.0.0"}) is SpecKind.ASYNCAPI_3
    assert classify({"asyncapi": "2.6.0"}) is SpecKind.ASYNCAPI_2
    assert classify({"swagger": "2.0"}) is None


# --------------------------------------------------------------------------- merging


def _api(
    paths: dict[str, Any], schemas: dict[str, Any] | None = None, servers: str = "https://api"
) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": servers}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


def _op(op_id: str) -> dict[str, Any]:
    return {"operationId": op_id, "responses": {"200": {"description": "ok"}}}


def test_merge_adds_operations_and_keeps_their_host() -> None:
    main = _api({"/a": {"get": _op("a")}, "/b": {"get": _op("b")}})
    token = _api({"/v3/token": {"get": _op("token")}}, servers="https://streaming")
    merged = merge_openapi({"token.yml": token, "main.yml": main})
    assert set(merged["paths"]) == {"/a", "/b", "/v3/token"}
    assert merged["servers"] == [{"url": "https://api"}]
    assert merged["paths"]["/v3/token"]["servers"] == [{"url": "https://streaming"}]


def test_merge_rejects_conflicts() -> None:
    main = _api({"/a": {"get": _op("a")}, "/b": {"get": _op("b")}})
    with pytest.raises(MergeConflict, match="GET /a"):
        merge_openapi({"m": main, "n": _api({"/a": {"get": _op("other")}})})
    with pytest.raises(MergeConflict, match="operationId 'a'"):
        merge_openapi({"m": main, "n": _api({"/c": {"get": _op("a")}})})
    # Schemas of one name that cannot be unified no longer fail: the later document's
    # components move to a namespace named after its file (tests/generator/test_documents.py).
    merged = merge_openapi(
        {
            "m": _api(
                {"/a": {"get": _op("a")}, "/b": {"get": _op("b")}}, {"S": {"type": "string"}}
            ),
            "n": _api({"/c": {"get": _op("c")}}, {"S": {"type": "integer"}}),
        }
    )
    assert merged["components"]["schemas"]["S"] == {"type": "string"}
    assert merged["components"]["schemas"]["NS"] == {"type": "integer"}


def test_merge_unions_compatible_object_schemas() -> None:
    a = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string", "description": "A"},
            "status": {"type": "string"},
        },
    }
    b = {
        "type": "object",
        "required": ["error", "code"],
        "properties": {"error": {"type": "string", "description": "B"}, "code": {"type": "string"}},
    }
    merged = merge_openapi(
        {
            "m": _api({"/a": {"get": _op("a")}, "/b": {"get": _op("b")}}, {"Error": a}),
            "n": _api({"/c": {"get": _op("c")}}, {"Error": b}),
        }
    )
    error = merged["components"]["schemas"]["Error"]
    assert list(error["properties"]) == ["error", "status", "code"]
    assert error["required"] == ["error"]


def test_merge_lifts_openapi_30_nullable() -> None:
    main = _api({"/a": {"get": _op("a")}, "/b": {"get": _op("b")}})
    old = _api({"/c": {"get": _op("c")}}, {"N": {"type": "string", "nullable": True}})
    old["openapi"] = "3.0.3"
    assert merge_openapi({"m": main, "o": old})["components"]["schemas"]["N"] == {
        "type": ["string", "null"]
    }


def test_codegen_view_moves_defaults_into_docs_and_opens_objects() -> None:
    d = doc(
        {
            "P": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"n": {"type": "integer", "default": 3, "description": "How many."}},
            }
        }
    )
    p = codegen_view(d)["components"]["schemas"]["P"]
    assert "additionalProperties" not in p
    assert p["properties"]["n"] == {"type": "integer", "description": "How many.\n\nDefault: `3`."}


# --------------------------------------------------------------------------- the published files


@pytest.mark.skipif(
    not PUBLISHED.is_dir(), reason=f"published reference description not present at {PUBLISHED}"
)
def test_published_defects_are_gone_after_normalize() -> None:
    for name, (kind, original) in load_spec_dir(PUBLISHED).items():
        if kind is not SpecKind.OPENAPI:
            continue
        fixed = normalize(original)
        assert normalize(fixed) == fixed, f"normalize is not idempotent on {name}"
        for ptr, schema in iter_schemas(fixed):
            assert schema.get("type") != "float", ptr
            assert "objects" not in schema or "items" in schema, ptr
            ref = schema.get("$ref")
            assert not isinstance(ref, str) or ref.count("/") == 3, f"{ptr}: deep $ref {ref}"
        text = json.dumps(fixed)
        assert '"default": "false"' not in text
