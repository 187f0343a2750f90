"""The view of the merged REST document that openapi-python-client is run on.

The embedded document (`specs/openapi.json`) keeps the API description as it is; this view only
changes what the *generated Python* should do, in two ways:

* Defaults are moved into the description ("Default: `x`."): a field the caller did not set
  stays UNSET and is not sent, so the server applies its own default (which may change
  without an SDK release). Query, header and body parameters alike.
* A parameter's description is copied into its schema when the schema has none (the
  generator documents parameters from their schemas only).
* `additionalProperties: false` is dropped, so every object model keeps unknown response
  fields in `additional_properties` (the API adds fields without notice) and callers can
  send parameters newer than the SDK through the same mapping. Request validation against
  the real schema is the offline sandbox's job, using the embedded document.
* An object that lists no properties and only says what its values are
  (`additionalProperties: <schema>` or `true`) is a mapping from arbitrary keys, such as a
  confidence per content-safety label. It is marked `x-codegen-map`, and the model template
  makes it a `dict` subclass (`map_model.py.jinja`), so it reads like the mapping it is
  (`.items()`, `[key]`, `json.dumps`) and its values are the generated type of that schema.
* An inline object that may be null (`type: [object, "null"]`) is generated as the object
  alone: the generator would otherwise name its class `..._Type0` (a union member), and a
  null reads as None like any field the API left out.
* Enum schemas that list exactly the same values are one concept under two names (the
  published description has `EntityType` and `PiiPolicy`, the SDK one class for both): every
  reference to one of them points to the name that sorts first, and the others are left out
  of the view, so one Python class carries every such value the SDK hands out.
* A component schema that only answers use (reachable from a response, never from a request
  body or parameter) is marked `x-sdk-response-only`: its model takes every field as an
  optional keyword (default None), as users build such objects only to stand in for an
  answer (tests, fixtures), where required-ness guards nothing. Request models keep the
  spec's required fields required, so a request is checked before it is sent.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from .normalize import map_schemas

__all__ = [
    "CLOSED_MARK",
    "MAP_MARK",
    "NULLABLE_MARK",
    "RESPONSE_ONLY_MARK",
    "codegen_view",
    "identical_enums",
    "is_map_schema",
    "response_only_schemas",
]

Json = dict[str, Any]

MAP_MARK = "x-codegen-map"
#: Put on map schemas whose keys are an enum's values (their `propertyNames`).
MAP_KEYS_MARK = "x-codegen-map-keys"
#: Put on inline object schemas that may be null (see codegen_view).
NULLABLE_MARK = "x-sdk-nullable"
#: Put on object schemas that had `additionalProperties: false` (see codegen_view).
CLOSED_MARK = "x-sdk-closed"
#: Put on component schemas that only responses use (see codegen_view).
RESPONSE_ONLY_MARK = "x-sdk-response-only"


def _module_name(class_name: str) -> str:
    """The module openapi-python-client writes a component's class to (CamelCase -> snake)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", class_name).lower()


def is_map_schema(schema: Json) -> bool:
    """Whether SCHEMA is an object of arbitrary keys whose values share one schema."""
    values = schema.get("additionalProperties")
    return (
        schema.get("type") == "object"
        and not schema.get("properties")
        and not schema.get("patternProperties")
        and not schema.get("allOf")
        and (values is True or isinstance(values, dict))
    )


def _default_note(value: Any) -> str:
    return f"Default: `{json.dumps(value)}`."


def codegen_view(doc: Json) -> Json:
    """A copy of DOC prepared for openapi-python-client (see module docstring)."""

    def fix(schema: Json, _ptr: str) -> Json:
        out = schema
        if "default" in out:
            out = {k: v for k, v in out.items() if k != "default"}
            note = _default_note(schema["default"])
            desc = out.get("description")
            out["description"] = (
                f"{desc.rstrip()}\n\n{note}" if isinstance(desc, str) and desc.strip() else note
            )
        if _nullable_object(out):
            # The mark keeps what the type list said: a null here is as described, so
            # tolerant reading (model.py.jinja) does not report it as a departure.
            out = {**out, "type": "object", NULLABLE_MARK: True}
        if out.get("additionalProperties") is False:
            out = {k: v for k, v in out.items() if k != "additionalProperties"}
            # Remembered for tolerant reading: only a closed object's extra keys are reported
            # as fields the description lacks (model.py.jinja reads this mark).
            out[CLOSED_MARK] = True
        elif is_map_schema(out):
            out = {**out, MAP_MARK: True}
            keys = out.get("propertyNames")
            ref = keys.get("$ref") if isinstance(keys, dict) else None
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                # Keys drawn from an enum (content-safety labels): map_model.py.jinja makes
                # each key a member of that enum, as 0.45.4's Dict[ContentSafetyLabel, ...].
                name = ref.rsplit("/", 1)[-1]
                out = {k: v for k, v in out.items() if k != "propertyNames"}
                out[MAP_KEYS_MARK] = {"class": name, "module": _module_name(name)}
        return out

    out = map_schemas(_merge_identical_enums(_describe_parameters(_hoist_union_members(doc))), fix)
    schemas = out["components"]["schemas"] if "schemas" in (out.get("components") or {}) else {}
    for name in response_only_schemas(out):
        if isinstance(schemas.get(name), dict):
            schemas[name] = {**schemas[name], RESPONSE_ONLY_MARK: True}
    return out


def _hoist_union_members(doc: Json) -> Json:
    """DOC with each inline object member of a component's oneOf/anyOf made a component.

    openapi-python-client builds such a member's nested inline objects twice and drops the
    member as a "duplicate model" (LLM Gateway's ToolChoice). As a component of the name the
    generator would give it anyway (`ToolChoiceType1`), it is built once.
    """
    schemas = (doc.get("components") or {}).get("schemas")
    if not isinstance(schemas, dict):
        return doc
    out = copy.deepcopy(doc)
    schemas = out["components"]["schemas"]
    for name in list(schemas):
        schema = schemas[name]
        if not isinstance(schema, dict):
            continue
        for keyword in ("oneOf", "anyOf"):
            members = schema.get(keyword)
            if not isinstance(members, list):
                continue
            for index, member in enumerate(members):
                hoisted = f"{name}Type{index}"
                if isinstance(member, dict) and "properties" in member and hoisted not in schemas:
                    schemas[hoisted] = member
                    members[index] = {"$ref": f"#/components/schemas/{hoisted}"}
    return out


def response_only_schemas(doc: Json) -> set[str]:
    """Component schema names of DOC reachable from a response but from no request."""
    sent: list[Any] = []
    answered: list[Any] = []
    for item in (doc.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        sent.append(item.get("parameters"))
        for op in item.values():
            if isinstance(op, dict):
                sent.extend([op.get("parameters"), op.get("requestBody")])
                answered.extend([op.get("responses"), op.get("callbacks")])
    answered.append(doc.get("webhooks"))
    return _schemas_reached(doc, answered) - _schemas_reached(doc, sent)


def _schemas_reached(doc: Json, roots: list[Any]) -> set[str]:
    """Component schema names that ROOTS refer to, directly or through other components."""
    components = doc.get("components") or {}
    reached: set[str] = set()
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/") and ref not in seen:
                seen.add(ref)
                section, _, name = ref[len("#/components/") :].partition("/")
                if section == "schemas":
                    reached.add(name)
                todo.append((components.get(section) or {}).get(name))
            todo.extend(value for key, value in node.items() if key != "$ref")
    return reached


def identical_enums(doc: Json) -> dict[str, str]:
    """Enum component names of DOC that the view folds into another: name -> kept name."""
    schemas = (doc.get("components") or {}).get("schemas") or {}
    by_values: dict[tuple[str, ...], list[str]] = {}
    for name, schema in schemas.items():
        values = schema.get("enum") if isinstance(schema, dict) else None
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            by_values.setdefault(tuple(sorted(values)), []).append(name)
    return {
        other: names[0]
        for names in (sorted(group) for group in by_values.values())
        for other in names[1:]
    }


def _nullable_object(schema: Json) -> bool:
    kinds = schema.get("type")
    return isinstance(kinds, list) and sorted(kinds) == ["null", "object"]


def _merge_identical_enums(doc: Json) -> Json:
    prefix = "#/components/schemas/"
    renamed = {prefix + other: prefix + kept for other, kept in identical_enums(doc).items()}
    if not renamed:
        return doc

    def point(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref in renamed:
                return {**node, "$ref": renamed[ref]}
            return {key: point(value) for key, value in node.items()}
        if isinstance(node, list):
            return [point(value) for value in node]
        return node

    out: Json = point(doc)
    dropped = {ref.rsplit("/", 1)[1] for ref in renamed}
    out["components"]["schemas"] = {
        name: schema for name, schema in out["components"]["schemas"].items() if name not in dropped
    }
    return out


def _describe_parameters(doc: Json) -> Json:
    out = copy.deepcopy(doc)

    def describe(params: Any) -> None:
        for param in params if isinstance(params, list) else []:
            schema = param.get("schema") if isinstance(param, dict) else None
            if (
                isinstance(schema, dict)
                and param.get("description")
                and not schema.get("description")
            ):
                schema["description"] = param["description"]

    for item in (out.get("paths") or {}).values():
        if isinstance(item, dict):
            describe(item.get("parameters"))
            for op in item.values():
                if isinstance(op, dict):
                    describe(op.get("parameters"))
    for param in ((out.get("components") or {}).get("parameters") or {}).values():
        describe([param])
    return out
