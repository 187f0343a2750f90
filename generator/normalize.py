"""Pre-pass that repairs the known defects of the published OpenAPI description.

Every function here is pure: it takes a document (plain JSON data) and returns a new one,
never mutating its input. `normalize(doc)` applies all fixes in order.

Our own `spec/` states the API correctly, so on it every function is a no-op (tested in
`tests/generator/test_normalize.py`); the fixes exist so that the published files can be
generated from and compared with ours (`tests/contract/test_spec_coverage.py`).

Fixes, each for a defect found in the published files:

* `fix_float_type`: `type: float` is not a JSON Schema type; it means `number`.
* `fix_objects_typo`: an array schema with `objects:` instead of `items:`.
* `inline_deep_refs`: `$ref`s that point inside another schema (for example at
  `#/components/schemas/ListTranscriptParams/properties/limit`) are replaced by a copy of
  their target; code generators only follow references to whole components.
* `drop_uuid_format_on_ids`: transcript ids look like `64nygnr62k-405c-...` or
  `5551722-f677-...`, which are not UUIDs, and no id (transcript or LeMUR request) is
  promised to be one, so `format: uuid` on them would make valid responses unparsable.
* `drop_invalid_defaults`: a `default` outside the schema's enum or of the wrong type
  (`default: "false"` on a boolean) is dropped.
* `drop_invalid_examples`: examples that do not validate against their own schema (mostly
  `null` where null is not allowed) are dropped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import jsonschema  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

__all__ = [
    "ID_NAME",
    "drop_invalid_defaults",
    "drop_invalid_examples",
    "drop_uuid_format_on_ids",
    "fix_float_type",
    "fix_objects_typo",
    "inline_deep_refs",
    "iter_schemas",
    "normalize",
]

Json = dict[str, Any]
SchemaFn = Callable[[Json, str], Json]

# Keywords whose value is one subschema, a map of subschemas, or a list of subschemas.
_ONE = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
)
_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Property and parameter names that carry ids (see module docstring): `id`, `transcript_id`,
# `transcript_ids`, `before_id`, `request_id_to_purge`, ...
ID_NAME = re.compile(r"(^|_)ids?($|_)")


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


# --------------------------------------------------------------------------- walking


def _map_schema(node: Any, ptr: str, fn: SchemaFn) -> Any:
    """Apply FN to a schema and (afterwards) to each of its subschemas, pre-order."""
    if not isinstance(node, dict):
        return node
    node = fn(node, ptr)
    out: Json = {}
    for key, value in node.items():
        sub = f"{ptr}/{_esc(key)}"
        if key in _ONE and isinstance(value, dict):
            out[key] = _map_schema(value, sub, fn)
        elif key == "items" and isinstance(value, list):
            out[key] = [_map_schema(v, f"{sub}/{i}", fn) for i, v in enumerate(value)]
        elif key in _MAP and isinstance(value, dict):
            out[key] = {k: _map_schema(v, f"{sub}/{_esc(k)}", fn) for k, v in value.items()}
        elif key in _LIST and isinstance(value, list):
            out[key] = [_map_schema(v, f"{sub}/{i}", fn) for i, v in enumerate(value)]
        else:
            out[key] = value
    return out


def _map_content(content: Any, ptr: str, fn: SchemaFn) -> Any:
    if not isinstance(content, dict):
        return content
    out: Json = {}
    for media, obj in content.items():
        sub = f"{ptr}/{_esc(media)}"
        if isinstance(obj, dict) and "schema" in obj:
            obj = {**obj, "schema": _map_schema(obj["schema"], f"{sub}/schema", fn)}
        out[media] = obj
    return out


def _map_with_schema(obj: Any, ptr: str, fn: SchemaFn) -> Any:
    """Parameter, header, request body or response object."""
    if not isinstance(obj, dict):
        return obj
    obj = dict(obj)
    if "schema" in obj:
        obj["schema"] = _map_schema(obj["schema"], f"{ptr}/schema", fn)
    if "content" in obj:
        obj["content"] = _map_content(obj["content"], f"{ptr}/content", fn)
    if isinstance(obj.get("headers"), dict):
        obj["headers"] = {
            k: _map_with_schema(v, f"{ptr}/headers/{_esc(k)}", fn)
            for k, v in obj["headers"].items()
        }
    return obj


def _map_path_item(item: Any, ptr: str, fn: SchemaFn) -> Any:
    if not isinstance(item, dict):
        return item
    item = dict(item)
    if isinstance(item.get("parameters"), list):
        item["parameters"] = [
            _map_with_schema(p, f"{ptr}/parameters/{i}", fn)
            for i, p in enumerate(item["parameters"])
        ]
    for method in _METHODS:
        op = item.get(method)
        if not isinstance(op, dict):
            continue
        op = dict(op)
        mptr = f"{ptr}/{method}"
        if isinstance(op.get("parameters"), list):
            op["parameters"] = [
                _map_with_schema(p, f"{mptr}/parameters/{i}", fn)
                for i, p in enumerate(op["parameters"])
            ]
        if "requestBody" in op:
            op["requestBody"] = _map_with_schema(op["requestBody"], f"{mptr}/requestBody", fn)
        if isinstance(op.get("responses"), dict):
            op["responses"] = {
                code: _map_with_schema(r, f"{mptr}/responses/{_esc(code)}", fn)
                for code, r in op["responses"].items()
            }
        if isinstance(op.get("callbacks"), dict):
            op["callbacks"] = {
                name: {
                    expr: _map_path_item(pi, f"{mptr}/callbacks/{_esc(name)}/{_esc(expr)}", fn)
                    for expr, pi in cb.items()
                }
                if isinstance(cb, dict)
                else cb
                for name, cb in op["callbacks"].items()
            }
        item[method] = op
    return item


def map_schemas(doc: Json, fn: SchemaFn) -> Json:
    """A copy of an OpenAPI DOC with FN applied to every schema object (pre-order)."""
    out = copy.deepcopy(doc)
    for section in ("paths", "webhooks"):
        if isinstance(out.get(section), dict):
            out[section] = {
                k: _map_path_item(v, f"#/{section}/{_esc(k)}", fn) for k, v in out[section].items()
            }
    comps = out.get("components")
    if isinstance(comps, dict):
        comps = dict(comps)
        if isinstance(comps.get("schemas"), dict):
            comps["schemas"] = {
                k: _map_schema(v, f"#/components/schemas/{_esc(k)}", fn)
                for k, v in comps["schemas"].items()
            }
        for section in ("parameters", "headers", "requestBodies", "responses"):
            if isinstance(comps.get(section), dict):
                comps[section] = {
                    k: _map_with_schema(v, f"#/components/{section}/{_esc(k)}", fn)
                    for k, v in comps[section].items()
                }
        if isinstance(comps.get("pathItems"), dict):
            comps["pathItems"] = {
                k: _map_path_item(v, f"#/components/pathItems/{_esc(k)}", fn)
                for k, v in comps["pathItems"].items()
            }
        out["components"] = comps
    return out


def iter_schemas(doc: Json) -> Iterator[tuple[str, Json]]:
    """Every schema object of DOC with its JSON pointer (as a `#/...` fragment)."""
    found: list[tuple[str, Json]] = []

    def visit(schema: Json, ptr: str) -> Json:
        found.append((ptr, schema))
        return schema

    map_schemas(doc, visit)
    return iter(found)


def _resolve_pointer(doc: Json, ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, got {ref!r}")
    node: Any = doc
    for raw in ref[2:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


# --------------------------------------------------------------------------- fixes


def fix_float_type(doc: Json) -> Json:
    """`type: float` (alone or in a type list) becomes `type: number`."""

    def fix(schema: Json, _ptr: str) -> Json:
        t = schema.get("type")
        if t == "float":
            return {**schema, "type": "number"}
        if isinstance(t, list) and "float" in t:
            return {**schema, "type": ["number" if x == "float" else x for x in t]}
        return schema

    return map_schemas(doc, fix)


def fix_objects_typo(doc: Json) -> Json:
    """An array schema that spells `items:` as `objects:` gets `items:`."""

    def fix(schema: Json, _ptr: str) -> Json:
        if "objects" in schema and "items" not in schema and isinstance(schema["objects"], dict):
            return {("items" if k == "objects" else k): v for k, v in schema.items()}
        return schema

    return map_schemas(doc, fix)


_COMPONENT_REF = re.compile(r"^#/components/[^/]+/[^/]+$")


def inline_deep_refs(doc: Json) -> Json:
    """Replace `$ref`s that point below a component by a copy of their target."""

    def target_of(ref: str, seen: tuple[str, ...]) -> Json:
        if ref in seen:
            raise ValueError(f"reference cycle through {ref}")
        target = _resolve_pointer(doc, ref)
        if not isinstance(target, dict):
            raise ValueError(f"{ref} does not point at a schema")
        expanded: Json = _map_schema(target, ref, lambda s, p: expand(s, (*seen, ref)))
        return expanded

    def expand(schema: Json, seen: tuple[str, ...]) -> Json:
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and not _COMPONENT_REF.match(ref):
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            return {**copy.deepcopy(target_of(ref, seen)), **siblings}
        return schema

    return map_schemas(doc, lambda s, p: expand(s, ()))


def _is_id(name: Any) -> bool:
    return isinstance(name, str) and ID_NAME.search(name) is not None


def drop_uuid_format_on_ids(doc: Json) -> Json:
    """Drop `format: uuid` from id properties and parameters (and their array items)."""

    def strip(schema: Any) -> Any:
        if not isinstance(schema, dict):
            return schema
        if schema.get("format") == "uuid":
            schema = {k: v for k, v in schema.items() if k != "format"}
        if isinstance(schema.get("items"), dict) and schema["items"].get("format") == "uuid":
            schema = {**schema, "items": strip(schema["items"])}
        return schema

    def fix(schema: Json, _ptr: str) -> Json:
        props = schema.get("properties")
        if isinstance(props, dict) and any(_is_id(k) for k in props):
            return {
                **schema,
                "properties": {k: strip(v) if _is_id(k) else v for k, v in props.items()},
            }
        return schema

    out = map_schemas(doc, fix)

    def fix_params(params: Any) -> Any:
        if not isinstance(params, list):
            return params
        return [
            {**p, "schema": strip(p["schema"])}
            if isinstance(p, dict) and _is_id(p.get("name")) and "schema" in p
            else p
            for p in params
        ]

    for item in (out.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        if "parameters" in item:
            item["parameters"] = fix_params(item["parameters"])
        for method in _METHODS:
            if isinstance(item.get(method), dict) and "parameters" in item[method]:
                item[method]["parameters"] = fix_params(item[method]["parameters"])
    comp_params = (out.get("components") or {}).get("parameters")
    if isinstance(comp_params, dict):
        fixed = fix_params(list(comp_params.values()))
        out["components"]["parameters"] = dict(zip(comp_params, fixed, strict=True))
    return out


class _Validator:
    """Validates instances against schemas found by pointer in one OpenAPI document."""

    def __init__(self, doc: Json) -> None:
        view = _nullable_as_type(doc) if str(doc.get("openapi", "")).startswith("3.0") else doc
        resource = Resource.from_contents(view, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource("urn:normalize", resource)

    def is_valid(self, instance: Any, ptr: str) -> bool:
        ref = "urn:normalize" + quote(ptr, safe="#/~")
        validator = jsonschema.Draft202012Validator({"$ref": ref}, registry=self._registry)
        try:
            return bool(validator.is_valid(instance))
        except Unresolvable:
            return True  # an unresolvable reference is not this pass's business


def _nullable_as_type(doc: Json) -> Json:
    """OpenAPI 3.0 `nullable: true` spelled as JSON Schema, for validation only."""

    def fix(schema: Json, _ptr: str) -> Json:
        if schema.get("nullable") is not True:
            return schema
        out = dict(schema)
        t = out.get("type")
        if isinstance(t, str):
            out["type"] = [t, "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out

    return map_schemas(doc, fix)


def drop_invalid_defaults(doc: Json) -> Json:
    """Drop each `default` that its own schema rejects (wrong type, outside the enum)."""
    validator = _Validator(doc)

    def fix(schema: Json, ptr: str) -> Json:
        if "default" in schema and not validator.is_valid(schema["default"], ptr):
            return {k: v for k, v in schema.items() if k != "default"}
        return schema

    return map_schemas(doc, fix)


def drop_invalid_examples(doc: Json) -> Json:
    """Drop examples (schema, parameter and media-type level) that their schema rejects."""
    validator = _Validator(doc)

    def prune(obj: Json, schema_ptr: str, examples_are_objects: bool) -> Json:
        out = dict(obj)
        if "example" in out and not validator.is_valid(out["example"], schema_ptr):
            del out["example"]
        examples = out.get("examples")
        if isinstance(examples, list) and not examples_are_objects:
            kept = [e for e in examples if validator.is_valid(e, schema_ptr)]
            if kept != examples:
                out["examples"] = kept
                if not kept:
                    del out["examples"]
        elif isinstance(examples, dict) and examples_are_objects:
            kept_map = {
                name: ex
                for name, ex in examples.items()
                if not (isinstance(ex, dict) and "value" in ex)
                or validator.is_valid(ex["value"], schema_ptr)
            }
            if kept_map != examples:
                out["examples"] = kept_map
                if not kept_map:
                    del out["examples"]
        return out

    out = map_schemas(doc, lambda s, p: prune(s, p, examples_are_objects=False))

    def walk_holder(obj: Any, ptr: str) -> Any:
        """Parameters, headers, request bodies and responses: examples beside a schema."""
        if not isinstance(obj, dict):
            return obj
        if "schema" in obj and isinstance(obj["schema"], dict):
            obj = prune(obj, f"{ptr}/schema", examples_are_objects=True)
        if isinstance(obj.get("content"), dict):
            obj = {
                **obj,
                "content": {
                    media: prune(
                        mt, f"{ptr}/content/{_esc(media)}/schema", examples_are_objects=True
                    )
                    if isinstance(mt, dict) and isinstance(mt.get("schema"), dict)
                    else mt
                    for media, mt in obj["content"].items()
                },
            }
        return obj

    for path, item in (out.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        iptr = f"#/paths/{_esc(path)}"
        if isinstance(item.get("parameters"), list):
            item["parameters"] = [
                walk_holder(p, f"{iptr}/parameters/{i}") for i, p in enumerate(item["parameters"])
            ]
        for method in _METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            mptr = f"{iptr}/{method}"
            if isinstance(op.get("parameters"), list):
                op["parameters"] = [
                    walk_holder(p, f"{mptr}/parameters/{i}") for i, p in enumerate(op["parameters"])
                ]
            if "requestBody" in op:
                op["requestBody"] = walk_holder(op["requestBody"], f"{mptr}/requestBody")
            if isinstance(op.get("responses"), dict):
                op["responses"] = {
                    code: walk_holder(r, f"{mptr}/responses/{_esc(code)}")
                    for code, r in op["responses"].items()
                }
    comps = out.get("components")
    if isinstance(comps, dict):
        for section in ("parameters", "headers", "requestBodies", "responses"):
            if isinstance(comps.get(section), dict):
                comps[section] = {
                    k: walk_holder(v, f"#/components/{section}/{_esc(k)}")
                    for k, v in comps[section].items()
                }
    return out


# --------------------------------------------------------------------------- entry points

FIXES: tuple[Callable[[Json], Json], ...] = (
    fix_float_type,
    fix_objects_typo,
    inline_deep_refs,
    drop_uuid_format_on_ids,
    drop_invalid_defaults,
    drop_invalid_examples,
)


def normalize(doc: Json) -> Json:
    """All per-document fixes, in order. A no-op on a correct document."""
    if not str(doc.get("openapi", "")).startswith("3."):
        return copy.deepcopy(doc)
    for fix in FIXES:
        doc = fix(doc)
    return doc
