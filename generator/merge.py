"""Merge several OpenAPI documents into the one REST document the client is generated from.

The primary document is the one with the most paths (ties: first file name); its `info`,
`servers`, `tags` and top-level `security` win. Every other document contributes paths and
components. A document whose servers differ from the primary's keeps them on each of its
path items (OpenAPI's path-level `servers`), so that, for example, `GET /v3/token` still says
it lives on the streaming host. OpenAPI 3.0 documents are lifted to 3.1 (`nullable`) when the
primary is 3.1.

Conflicts fail with `MergeConflict`: the same path+method twice, the same operationId twice,
or two different definitions of one component name. Identical duplicates are fine, and so
are two object schemas of one name that differ only by *which* properties they list, every
shared property saying the same thing (prose aside): they become one schema with all the
properties, `required` being the intersection. That is the case of `Error`, which both
`openapi.yml` (`error`, `status`) and `streaming-token.yml` (`error`, `code`, `details`)
define for their own error responses.

A document that describes another product (LLM Gateway, say) has its own schemas, some of
whose names the others use too (`Error`, `Message`). Such a document lives in a namespace:
every component it defines is renamed with a prefix, and its `$ref`s follow. `namespace_of`
is the one place that decides the prefix: the document's `info.x-sdk-namespace` when it gives
one, otherwise, only when one of its components clashes with another document's, a prefix made
from its file name (`llm-gateway.yml` -> `LlmGateway`, so `Error` -> `LlmGatewayError`).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from .normalize import map_schemas

__all__ = ["MergeConflict", "merge_openapi", "namespace_of"]

Json = dict[str, Any]
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class MergeConflict(ValueError):
    """Two OpenAPI documents disagree about the same path, operation or component."""


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def lift_30_to_31(doc: Json) -> Json:
    """Rewrite OpenAPI 3.0 `nullable: true` as a JSON Schema type list."""

    def fix(schema: Json, _ptr: str) -> Json:
        if "nullable" not in schema:
            return schema
        out = {k: v for k, v in schema.items() if k != "nullable"}
        if schema["nullable"] is True:
            t = out.get("type")
            if isinstance(t, str):
                out["type"] = [t, "null"]
            elif "$ref" in out or "allOf" in out or "oneOf" in out or "anyOf" in out:
                out = {"anyOf": [out, {"type": "null"}]}
            if isinstance(out.get("enum"), list) and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        return out

    return map_schemas(doc, fix)


def merge_openapi(docs: dict[str, Json]) -> Json:
    """Merge DOCS (file name -> OpenAPI document) into one document. Inputs are not mutated."""
    if not docs:
        raise ValueError("no OpenAPI document to merge")
    names = sorted(docs, key=lambda n: (-len(docs[n].get("paths") or {}), n))
    primary_name = names[0]
    merged = copy.deepcopy(docs[primary_name])
    primary_31 = str(merged.get("openapi", "")).startswith("3.1")
    primary_servers = merged.get("servers")
    op_ids: dict[str, str] = {}
    _collect_operation_ids(merged, primary_name, op_ids)

    for name in names[1:]:
        doc = copy.deepcopy(docs[name])
        if primary_31 and str(doc.get("openapi", "")).startswith("3.0"):
            doc = lift_30_to_31(doc)
        prefix = namespace_of(name, doc, merged)
        if prefix:
            doc = _in_namespace(doc, prefix)
        _collect_operation_ids(doc, name, op_ids)
        servers = doc.get("servers")
        doc_security = doc.get("security")
        paths = merged.setdefault("paths", {})
        for path, item in (doc.get("paths") or {}).items():
            item = dict(item)
            if servers and servers != primary_servers and "servers" not in item:
                item["servers"] = servers
            if doc_security is not None and doc_security != merged.get("security"):
                for method in _METHODS:
                    if isinstance(item.get(method), dict):
                        item[method].setdefault("security", doc_security)
            if path not in paths:
                paths[path] = item
                continue
            existing = paths[path]
            for key, value in item.items():
                if key not in existing:
                    existing[key] = value
                elif _canonical(existing[key]) != _canonical(value):
                    what = f"{key.upper()} {path}" if key in _METHODS else f"{path} ({key})"
                    raise MergeConflict(
                        f"{name} redefines {what}, already defined by {primary_name}"
                    )
        for section, entries in (doc.get("components") or {}).items():
            target = merged.setdefault("components", {}).setdefault(section, {})
            for comp_name, comp in entries.items():
                if comp_name not in target:
                    target[comp_name] = comp
                elif _canonical(target[comp_name]) != _canonical(comp):
                    union = (
                        _union_objects([target[comp_name], comp]) if section == "schemas" else None
                    )
                    if union is not None:
                        target[comp_name] = union
                        continue
                    raise MergeConflict(
                        f"{name} defines components.{section}.{comp_name} differently from "
                        f"another document; make the definitions identical or rename one"
                    )
        existing_tags = {t.get("name") for t in merged.get("tags") or [] if isinstance(t, dict)}
        for tag in doc.get("tags") or []:
            if isinstance(tag, dict) and tag.get("name") not in existing_tags:
                merged.setdefault("tags", []).append(tag)
                existing_tags.add(tag.get("name"))
    return merged


def namespace_of(name: str, doc: Json, merged: Json) -> str:
    """The prefix for the components of document NAME (DOC), merged into MERGED; "" for none.

    `info.x-sdk-namespace` when the document gives one; otherwise a prefix made from the file
    name, but only when a component of DOC cannot join MERGED's of the same name.
    """
    explicit = (doc.get("info") or {}).get("x-sdk-namespace")
    if isinstance(explicit, str) and explicit:
        return explicit
    if not _clashes(doc, merged):
        return ""
    stem = name.rsplit(".", 1)[0]
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", stem) if part)


def _clashes(doc: Json, merged: Json) -> bool:
    """Whether some component of DOC differs from MERGED's of the same name beyond a union."""
    theirs = merged.get("components") or {}
    for section, entries in (doc.get("components") or {}).items():
        existing = theirs.get(section) or {}
        for comp_name, comp in entries.items():
            if comp_name not in existing or _canonical(existing[comp_name]) == _canonical(comp):
                continue
            if section == "schemas" and _union_objects([existing[comp_name], comp]) is not None:
                continue
            return True
    return False


def _in_namespace(doc: Json, prefix: str) -> Json:
    """DOC with every component renamed PREFIX + name and each `$ref` to one rewritten."""
    renamed: dict[str, str] = {}
    components = doc.get("components") or {}
    for section, entries in components.items():
        if isinstance(entries, dict):
            for comp_name in entries:
                renamed[f"#/components/{section}/{comp_name}"] = (
                    f"#/components/{section}/{_prefixed(prefix, comp_name)}"
                )
            components[section] = {_prefixed(prefix, k): v for k, v in entries.items()}

    def rewrite(value: Any) -> Any:
        if isinstance(value, dict):
            out = {k: rewrite(v) for k, v in value.items()}
            ref = out.get("$ref")
            if isinstance(ref, str):
                target, sep, rest = ref.partition("/properties/")
                if target in renamed:
                    out["$ref"] = renamed[target] + sep + rest
            return out
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        return value

    result: Json = rewrite(doc)
    # Security requirements name their schemes (no $ref): rename those names too.
    schemes = set((components.get("securitySchemes") or {}).keys())

    result["security"] = _renamed_requirements(result.get("security"), schemes, prefix)
    for item in (result.get("paths") or {}).values():
        for method in _METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if isinstance(op, dict) and "security" in op:
                op["security"] = _renamed_requirements(op["security"], schemes, prefix)
    if result["security"] is None:
        del result["security"]
    return result


def _prefixed(prefix: str, name: str) -> str:
    """NAME in namespace PREFIX; a name that already starts with it (`LLMGatewayRequest` in
    `LlmGateway`) is kept, rather than doubled."""
    return name if name.lower().startswith(prefix.lower()) else f"{prefix}{name}"


def _renamed_requirements(value: Any, schemes: set[str], prefix: str) -> Any:
    """Security requirements VALUE with each scheme PREFIX-ed (SCHEMES: names already prefixed)."""
    if not isinstance(value, list):
        return value
    return [
        {
            (_prefixed(prefix, k) if _prefixed(prefix, k) in schemes else k): v
            for k, v in req.items()
        }
        if isinstance(req, dict)
        else req
        for req in value
    ]


def _collect_operation_ids(doc: Json, name: str, seen: dict[str, str]) -> None:
    for path, item in (doc.get("paths") or {}).items():
        for method in _METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if isinstance(op, dict) and isinstance(op.get("operationId"), str):
                where = f"{method.upper()} {path} in {name}"
                if op["operationId"] in seen and seen[op["operationId"]] != where:
                    raise MergeConflict(
                        f"operationId {op['operationId']!r} is used by both "
                        f"{seen[op['operationId']]} and {where}"
                    )
                seen[op["operationId"]] = where


_ANNOTATIONS = frozenset({"description", "title", "example", "examples", "x-label"})


def _facts(schema: Any) -> str:
    """A schema without its prose, for "do these say the same thing" comparisons."""
    if isinstance(schema, dict):
        return _canonical({k: v for k, v in schema.items() if k not in _ANNOTATIONS})
    return _canonical(schema)


def _union_objects(schemas: list[Json]) -> Json | None:
    """The union of object schemas whose shared properties agree; None if they don't."""
    if not all(
        s.get("type") == "object" and isinstance(s.get("properties"), dict) for s in schemas
    ):
        return None
    merged: Json = {}
    props: Json = {}
    required: list[str] | None = None
    for schema in schemas:
        for key, value in schema.items():
            if key in ("properties", "required"):
                continue
            if (
                key in merged
                and key not in _ANNOTATIONS
                and _canonical(merged[key]) != _canonical(value)
            ):
                return None
            merged.setdefault(key, value)
        for prop, prop_schema in schema["properties"].items():
            if prop in props and _facts(props[prop]) != _facts(prop_schema):
                return None
            props.setdefault(prop, prop_schema)
        req = list(schema.get("required") or [])
        required = req if required is None else [r for r in required if r in req]
    merged["properties"] = props
    if required:
        merged["required"] = required
    return merged
