"""Routing and request validation driven by our OpenAPI documents.

The sandbox knows the API only through ``spec/``: every route it serves is an operation in one
of the documents, and every request is checked against that operation (method, path
parameters, query parameters, the ``Authorization`` header, the body's media type and JSON
schema) before a handler sees it. Pure: no sockets, no threads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from assemblyai.testing._schema import SchemaValidator

__all__ = ["Match", "MethodNotAllowed", "Operation", "ParsedRequest", "Router", "check_request"]

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@attrs.frozen
class Operation:
    """One operation of a document: ``GET /v2/transcript/{transcript_id}`` and what it takes."""

    method: str
    template: str
    operation_id: str
    parameters: tuple[Mapping[str, Any], ...]
    request_body: Mapping[str, Any] | None
    responses: Mapping[str, Any]
    validator: SchemaValidator = attrs.field(repr=False, eq=False)
    secured: bool = True

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.template.strip("/").split("/"))

    @property
    def route(self) -> str:
        """``"METHOD /template"``, the form used in messages and fault patterns."""
        return f"{self.method} {self.template}"

    def response_schema(self, status: int, content_type: str) -> tuple[bool, Any]:
        """``(documented, schema)`` for a response; ``schema`` is ``None`` when the document
        gives no body schema for that status and media type."""
        response = self.responses.get(str(status)) or self.responses.get(f"{str(status)[0]}XX")
        if response is None:
            response = self.responses.get("default")
        if response is None:
            return False, None
        response = self.validator.resolve(response)
        content = response.get("content") or {}
        media = content.get(content_type.split(";")[0].strip())
        return True, (media or {}).get("schema")


@attrs.frozen
class Match:
    """A request path matched to an operation, with the path parameters' raw values."""

    operation: Operation
    path_params: Mapping[str, str]


class MethodNotAllowed(LookupError):
    """The path exists, but not with this method; ``allowed`` lists the methods it has."""

    def __init__(self, allowed: Sequence[str]) -> None:
        super().__init__(f"allowed methods: {', '.join(allowed)}")
        self.allowed = list(allowed)


def _is_secured(document: Mapping[str, Any], operation: Mapping[str, Any]) -> bool:
    security = operation.get("security", document.get("security", []))
    return bool(security) and all(bool(requirement) for requirement in security)


def _operation(
    document: Mapping[str, Any],
    validator: SchemaValidator,
    template: str,
    method: str,
    item: Mapping[str, Any],
) -> Operation:
    operation = item[method]
    # Operation-level parameters override path-level ones with the same name and location.
    parameters: dict[tuple[str, str], Mapping[str, Any]] = {}
    for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
        resolved = validator.resolve(parameter)
        parameters[(resolved["name"], resolved["in"])] = resolved
    body = operation.get("requestBody")
    return Operation(
        method=method.upper(),
        template=template,
        operation_id=operation.get("operationId", f"{method.upper()} {template}"),
        parameters=tuple(parameters.values()),
        request_body=validator.resolve(body) if body is not None else None,
        responses=operation.get("responses", {}),
        validator=validator,
        secured=_is_secured(document, operation),
    )


class Router:
    """Matches ``(method, path)`` to the operations of one or more OpenAPI documents.

    A path matches a template segment by segment (a ``{param}`` segment matches any single
    non-empty segment); when several templates match, the one with the most literal segments
    wins, so ``/v2/transcript/{id}/sentences`` beats ``/v2/transcript/{id}/{subtitle_format}``.

    Example::

        router = Router([openapi_document()])
        router.match("GET", "/v2/transcript/abc").operation.operation_id   # 'getTranscript'
    """

    def __init__(self, documents: Iterable[Mapping[str, Any]]) -> None:
        self.operations: list[Operation] = []
        for document in documents:
            validator = SchemaValidator(document)
            for template, item in (document.get("paths") or {}).items():
                item = validator.resolve(item)
                for method in _METHODS:
                    if method in item:
                        self.operations.append(
                            _operation(document, validator, template, method, item)
                        )

    def operation(self, operation_id: str) -> Operation:
        """The operation with this ``operationId``."""
        for operation in self.operations:
            if operation.operation_id == operation_id:
                return operation
        raise KeyError(operation_id)

    def match(self, method: str, path: str) -> Match | None:
        """The best operation for the request, ``None`` for an unknown path.

        Raises:
            MethodNotAllowed: the path is known but not with ``method``.
        """
        parts = tuple(path.strip("/").split("/"))
        candidates: list[tuple[int, Operation, dict[str, str]]] = []
        for operation in self.operations:
            params = _match_segments(operation.segments, parts)
            if params is not None:
                literal = sum(1 for s in operation.segments if not s.startswith("{"))
                candidates.append((literal, operation, params))
        if not candidates:
            return None
        best = max(literal for literal, _, _ in candidates)
        top = [(op, params) for literal, op, params in candidates if literal == best]
        for operation, params in top:
            if operation.method == method.upper():
                return Match(operation, params)
        raise MethodNotAllowed(sorted({op.method for op, _ in top}))


def _match_segments(template: Sequence[str], parts: Sequence[str]) -> dict[str, str] | None:
    if len(template) != len(parts):
        return None
    params: dict[str, str] = {}
    for expected, actual in zip(template, parts, strict=True):
        if expected.startswith("{") and expected.endswith("}"):
            if not actual:
                return None
            params[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return params


# -- request checking ----------------------------------------------------------------------


@attrs.frozen
class ParsedRequest:
    """A request's values after checking: path and query parameters typed per the spec, and
    the JSON body (``None`` when the operation takes none, raw bytes when not JSON)."""

    path: Mapping[str, Any]
    query: Mapping[str, Any]
    body: Any


def _types(schema: Any) -> list[str]:
    declared = schema.get("type", []) if isinstance(schema, Mapping) else []
    return [declared] if isinstance(declared, str) else list(declared)


def _coerce(raw: str, schema: Any, validator: SchemaValidator) -> Any:
    """A query or path string read as the type the schema asks for (left as-is otherwise)."""
    schema = validator.resolve(schema)
    types = _types(schema)
    if "integer" in types and re.fullmatch(r"[+-]?\d+", raw):
        return int(raw)
    if "number" in types and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", raw):
        return float(raw)
    if "boolean" in types and raw in ("true", "false"):
        return raw == "true"
    if "null" in types and raw == "null":
        return None
    return raw


def _short(error: str) -> str:
    """``'/: msg'`` → ``'msg'``; keeps deeper pointers."""
    return error[3:] if error.startswith("/: ") else error


def _check_parameters(
    operation: Operation,
    path_params: Mapping[str, str],
    query: Mapping[str, Sequence[str]],
) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    validator = operation.validator
    errors: list[str] = []
    typed_path: dict[str, Any] = {}
    typed_query: dict[str, Any] = {}
    declared_query = set()
    for parameter in operation.parameters:
        name, where = parameter["name"], parameter["in"]
        schema = parameter.get("schema", {})
        if where == "path":
            value = _coerce(path_params.get(name, ""), schema, validator)
            typed_path[name] = value
            errors += [
                f"path parameter {name}: {_short(e)}" for e in validator.validate(value, schema)
            ]
        elif where == "query":
            declared_query.add(name)
            values = query.get(name)
            if values is None:
                if parameter.get("required"):
                    errors.append(f"query parameter {name} is required")
                continue
            resolved = validator.resolve(schema)
            if "array" in _types(resolved):
                explode = parameter.get("explode", parameter.get("style", "form") == "form")
                items = list(values) if explode else [p for v in values for p in v.split(",")]
                value = [_coerce(item, resolved.get("items", {}), validator) for item in items]
            elif len(values) > 1:
                errors.append(f"query parameter {name} is given {len(values)} times; send it once")
                continue
            else:
                value = _coerce(values[0], schema, validator)
            typed_query[name] = value
            errors += [
                f"query parameter {name}: {_short(e)}" for e in validator.validate(value, schema)
            ]
    for name in query:
        if name not in declared_query:
            errors.append(f"query parameter {name} is not defined for {operation.route}")
    return errors, typed_path, typed_query


def _check_body(
    operation: Operation, headers: Mapping[str, str], body: bytes
) -> tuple[list[str], Any]:
    spec = operation.request_body
    if spec is None:
        if body:
            return [f"{operation.route} takes no request body, got {len(body)} bytes"], None
        return [], None
    content: Mapping[str, Any] = spec.get("content") or {}
    if not body:
        if spec.get("required"):
            return ["the request body is required"], None
        return [], None
    sent = headers.get("content-type", "").split(";")[0].strip().lower()
    json_types = [t for t in content if t == "application/json" or t.endswith("+json")]
    if not json_types:
        # Binary uploads: the API accepts any media type for the raw bytes.
        return [], body
    if sent and sent not in json_types:
        return [f"the request body must be sent as {json_types[0]}, got Content-Type {sent}"], None
    if not sent:
        return [f"the request body must be sent as {json_types[0]} (no Content-Type header)"], None
    try:
        document = json.loads(body)
    except ValueError as exc:
        return [f"the request body is not valid JSON: {exc}"], None
    schema = content[json_types[0]].get("schema", {})
    errors = operation.validator.validate(document, schema)
    return [f"request body {e}" for e in errors], document


def check_request(
    match: Match,
    query: Mapping[str, Sequence[str]],
    headers: Mapping[str, str],
    body: bytes,
) -> tuple[list[str], ParsedRequest]:
    """Every way the request breaks its operation, and its parsed values.

    ``headers`` must have lower-case names. The ``Authorization`` check only looks for the
    header's presence here; comparing the key is the caller's business (a 401, not a 400).
    """
    errors, typed_path, typed_query = _check_parameters(match.operation, match.path_params, query)
    body_errors, parsed_body = _check_body(match.operation, headers, body)
    return errors + body_errors, ParsedRequest(typed_path, typed_query, parsed_body)
