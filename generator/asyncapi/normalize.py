"""Repairs applied to every AsyncAPI document before it is parsed.

`normalize(doc)` returns a repaired deep copy (the input is left alone) that is plain JSON
data. Each repair targets a defect of the published AssemblyAI descriptions that stops a
generator (or a JSON Schema validator) from reading the file as its authors meant; on a
document without the defect it changes nothing, so our own `spec/` files pass unchanged.

1. `_channel_parameters_to_ws_binding` (AsyncAPI 3.0): `usm-streaming.yml` lists the query
   string and the `Authorization` header as channel `parameters`. In AsyncAPI 3.0 channel
   parameters only fill `{placeholders}` of the channel address, and their values are
   strings without a schema. Parameters whose name is not a placeholder move into the
   WebSockets binding (`bindings.ws.query`, or `bindings.ws.headers` for a
   `$message.header#/...` location) with a schema inferred from the parameter: its
   `schema` if it has one; `boolean` for the enum `["true", "false"]`; a string enum for
   other enums; else `integer` or `number` when all examples and the default read as such,
   else `string`. Defaults and examples are converted to that type.
2. `_nullable_to_type_list`: `nullable: true` is OpenAPI 3.0 wording that JSON Schema (and
   so AsyncAPI) does not know; it becomes `type: [<type>, "null"]`.
3. `_fern_datetime_format`: `asyncapi.yml` marks time stamps only with the vendor key
   `x-fern-type: datetime`; such strings get `format: date-time`.
4. `_open_allof_parts`: `asyncapi.yml` puts `additionalProperties: false` on each part of
   an `allOf`, which makes every message invalid (each part forbids the other part's
   properties); the key is dropped from schemas used as `allOf` parts.
5. `_close_code_keys_as_text`: `x-close-codes` keys become strings, as JSON needs.

Content defects (a missing error message, durations typed `integer`, session parameters
missing from `UpdateConfiguration`) are corrected in our own `spec/` files, where each fix
carries a comment, not here: this pass only repairs how a file is written.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

__all__ = ["normalize"]


def normalize(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A repaired deep copy of an AsyncAPI document (see the module docstring)."""
    result: dict[str, Any] = copy.deepcopy(dict(doc))
    if str(result.get("asyncapi", "")).startswith("3."):
        _channel_parameters_to_ws_binding(result)
    _open_allof_parts(result)
    for node in list(_mappings(result)):
        _nullable_to_type_list(node)
        _fern_datetime_format(node)
    _close_code_keys_as_text(result)
    return result


# Keys whose values are data (examples, constants), not parts of the description.
_DATA_KEYS = frozenset({"examples", "example", "x-fern-examples", "const", "default", "enum"})


def _mappings(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping of the description, depth first, skipping example and constant data."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(reversed([v for k, v in current.items() if k not in _DATA_KEYS]))
        elif isinstance(current, list):
            stack.extend(reversed(current))


def _resolve(doc: Mapping[str, Any], node: Any) -> Any:
    """`node`, or the local target of its `$ref` (None if the ref does not resolve)."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            return None
        seen.add(ref)
        target: Any = doc
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and key in target:
                target = target[key]
            else:
                return None
        node = target
    return node


# ---- 1. channel parameters that are really query parameters or headers


def _channel_parameters_to_ws_binding(doc: dict[str, Any]) -> None:
    channels = doc.get("channels")
    if not isinstance(channels, dict):
        return
    for channel in channels.values():
        if not isinstance(channel, dict) or not isinstance(channel.get("parameters"), dict):
            continue
        address = channel.get("address") or ""
        placeholders = set(re.findall(r"{([^}]+)}", str(address)))
        parameters: dict[str, Any] = channel["parameters"]
        query: dict[str, Any] = {}
        headers: dict[str, Any] = {}
        for name in list(parameters):
            if name in placeholders:
                continue
            parameter = _resolve(doc, parameters[name])
            if not isinstance(parameter, dict):
                continue
            location = str(parameter.get("location", ""))
            schema = _parameter_schema(parameter)
            if location.startswith("$message.header"):
                header = location.split("#/", 1)[1] if "#/" in location else name
                schema.pop("examples", None)
                headers[header] = schema
            else:
                query[name] = schema
            del parameters[name]
        if not parameters:
            del channel["parameters"]
        if not query and not headers:
            continue
        bindings = channel.setdefault("bindings", {})
        ws = bindings.setdefault("ws", {})
        for key, moved in (("query", query), ("headers", headers)):
            if moved:
                target = ws.setdefault(key, {"type": "object", "properties": {}})
                properties = target.setdefault("properties", {})
                for name, schema in moved.items():
                    properties.setdefault(name, schema)


def _parameter_schema(parameter: Mapping[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any]
    convert: Callable[[Any], Any] = _identity
    enum = parameter.get("enum")
    if isinstance(parameter.get("schema"), dict):
        schema = copy.deepcopy(parameter["schema"])
    elif isinstance(enum, list) and enum and {str(v) for v in enum} <= {"true", "false"}:
        schema = {"type": "boolean"}
        convert = _to_bool
    elif isinstance(enum, list) and enum:
        schema = {"type": "string", "enum": [str(v) for v in enum]}
    else:
        samples = [str(v) for v in [*parameter.get("examples", []), parameter.get("default")]]
        samples = [s for s in samples if s != "None"]
        if samples and all(re.fullmatch(r"[-+]?\d+", s) for s in samples):
            schema, convert = {"type": "integer"}, int
        elif samples and all(_is_float(s) for s in samples):
            schema, convert = {"type": "number"}, float
        else:
            schema = {"type": "string"}
    for key in ("description", "deprecated"):
        if key in parameter:
            schema.setdefault(key, parameter[key])
    if "default" in parameter and "default" not in schema:
        schema["default"] = convert(parameter["default"])
    if isinstance(parameter.get("examples"), list) and "examples" not in schema:
        schema["examples"] = [convert(v) for v in parameter["examples"]]
    return schema


def _identity(value: Any) -> Any:
    return value


def _to_bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---- 2.-5. schema wording


def _nullable_to_type_list(node: dict[str, Any]) -> None:
    if not isinstance(node.get("nullable"), bool) or not isinstance(node.get("type"), str | None):
        return
    nullable = node.pop("nullable")
    if nullable is True and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]


def _fern_datetime_format(node: dict[str, Any]) -> None:
    if node.get("x-fern-type") == "datetime" and node.get("type") == "string":
        node.setdefault("format", "date-time")


def _open_allof_parts(doc: dict[str, Any]) -> None:
    parts: list[dict[str, Any]] = []
    for node in _mappings(doc):
        if isinstance(node.get("allOf"), list):
            for part in node["allOf"]:
                target = _resolve(doc, part)
                if isinstance(target, dict):
                    parts.append(target)
    for part in parts:
        if part.get("additionalProperties") is False:
            del part["additionalProperties"]


def _close_code_keys_as_text(doc: dict[str, Any]) -> None:
    for node in _mappings(doc):
        codes = node.get("x-close-codes")
        if isinstance(codes, dict):
            node["x-close-codes"] = {str(k): v for k, v in codes.items()}
