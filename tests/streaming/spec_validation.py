"""Check client traffic against our AsyncAPI documents (``spec/*.yml``), for the test server.

Reads the documents with PyYAML, so the tests check the client against the source text, not
against anything generated from it. Handles AsyncAPI 3 (v3 streaming) and 2.x (legacy v2):

* the handshake query: every parameter must be declared by the channel, and its value must
  decode (JSON for non-string types: ``true``, ``16000``, ``["a","b"]``) and validate against
  the parameter's schema;
* JSON control messages: must validate against exactly the payload schemas of the messages
  the client may send (``action: send`` in 3.x, ``publish`` in 2.x);
* binary frames: must be allowed by a binary send message, hold whole samples, and last at
  most 1000 ms (the published limit; a short frame is only allowed as the last one).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import yaml

__all__ = ["SpecValidator", "load_spec", "validate_token_query"]

SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"
MAX_FRAME_MS = 1000
MIN_FRAME_MS = 50
# Query parameters the client may always send even if a spec forgets them.
_AUTH_PARAMS = {"token"}


@functools.cache
def load_spec(major: int) -> dict[str, Any]:
    """The AsyncAPI document in ``spec/`` whose major version is ``major`` (3 or 2).

    Cached: PyYAML takes a good fraction of a second per document. Treat it as read-only.
    """
    for path in sorted(SPEC_DIR.glob("*.y*ml")):
        doc = yaml.safe_load(path.read_text())
        version = str(doc.get("asyncapi", "")) if isinstance(doc, dict) else ""
        if version.startswith(f"{major}."):
            return dict(doc)
    raise FileNotFoundError(f"no AsyncAPI {major}.x document in {SPEC_DIR}")


def _deref(doc: dict[str, Any], node: Any, seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` inlined (specs are small and acyclic)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                raise ValueError(f"cyclic $ref {ref}")
            target: Any = doc
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = {
                **_deref(doc, target, (*seen, ref)),
                **{k: v for k, v in node.items() if k != "$ref"},
            }
            return _deref(doc, merged, (*seen, ref))
        return {key: _deref(doc, value, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_deref(doc, item, seen) for item in node]
    return node


def _openapi_nullable(schema: Any) -> Any:
    """Turn OpenAPI-style ``nullable: true`` into JSON Schema (``type: [T, "null"]``)."""
    if isinstance(schema, dict):
        schema = {key: _openapi_nullable(value) for key, value in schema.items()}
        if schema.pop("nullable", False) and isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
        return schema
    if isinstance(schema, list):
        return [_openapi_nullable(item) for item in schema]
    return schema


class SpecValidator:
    """Validates what a client sends against one AsyncAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = _deref(document, copy.deepcopy(document))
        self.major = int(str(self.document["asyncapi"]).split(".")[0])
        channels = self.document.get("channels", {})
        if len(channels) != 1:
            raise ValueError(f"expected one channel, found {sorted(channels)}")
        ((self.channel_key, self.channel),) = channels.items()
        self.query = self._query_parameters()
        self.json_payloads, self.binary_allowed = self._send_payloads()
        self.server_payloads = [
            _openapi_nullable(m.get("payload", {})) for m in self._messages("receive")
        ]
        if not self.json_payloads:
            raise ValueError("the document declares no JSON message the client may send")

    @classmethod
    @functools.cache
    def for_protocol(cls, protocol: str) -> SpecValidator:
        """The (cached, read-only) validator for ``"v3"`` or ``"v2"``."""
        return cls(load_spec(3 if protocol == "v3" else 2))

    # -- reading the document ------------------------------------------------------------------

    def _query_parameters(self) -> dict[str, dict[str, Any]]:
        """Parameter name -> JSON schema, from ``bindings.ws.query`` or channel parameters."""
        found: dict[str, dict[str, Any]] = {}
        query = self.channel.get("bindings", {}).get("ws", {}).get("query")
        if isinstance(query, dict):
            self.required_query = set(query.get("required", []))
            for name, schema in query.get("properties", {}).items():
                found[name] = _openapi_nullable(schema)
        else:
            self.required_query = set()
        for name, param in (self.channel.get("parameters") or {}).items():
            if name in found or not isinstance(param, dict):
                continue
            if "location" in param and "header" in str(param["location"]):
                continue  # e.g. an Authorization header described as a parameter
            schema = dict(param.get("schema") or {})
            if "enum" in param:
                schema.setdefault("enum", param["enum"])
            found[name] = _openapi_nullable(schema)
        if not found:
            raise ValueError("the document declares no query parameters")
        return found

    def _messages(self, action: str) -> Iterator[dict[str, Any]]:
        """The messages of one direction: ``send`` (client to server) or ``receive``."""
        if self.major >= 3:
            for op in (self.document.get("operations") or {}).values():
                if op.get("action") == action:
                    yield from op.get("messages", [])
        else:  # AsyncAPI 2 names operations from the server's side
            operation = "publish" if action == "send" else "subscribe"
            message = (self.channel.get(operation) or {}).get("message", {})
            yield from message.get("oneOf", [message])

    def _send_payloads(self) -> tuple[list[dict[str, Any]], bool]:
        payloads: list[dict[str, Any]] = []
        binary = False
        for message in self._messages("send"):
            payload = message.get("payload", {})
            raw = payload.get("type") == "string" and payload.get("format") in ("binary", "base64")
            if raw or message.get("contentType") == "application/octet-stream":
                binary = True
            else:
                payloads.append(_openapi_nullable(payload))
        return payloads, binary

    # -- validation ------------------------------------------------------------------------------

    def validate_query(self, query: dict[str, str]) -> list[str]:
        problems = [
            f"query: missing required {name!r}" for name in self.required_query - set(query)
        ]
        for name, raw in query.items():
            schema = self.query.get(name)
            if schema is None:
                if name not in _AUTH_PARAMS:
                    problems.append(f"query: {name!r} is not a parameter of {self.channel_key}")
                continue
            kind = schema.get("type")
            if kind == "string" or (kind is None and "enum" in schema):
                value: Any = raw
            else:
                try:
                    value = json.loads(raw)
                except ValueError:
                    if kind is not None:
                        problems.append(f"query: {name}={raw!r} is not JSON ({kind} expected)")
                        continue
                    value = raw
            for error in jsonschema.Draft202012Validator(schema).iter_errors(value):
                problems.append(f"query: {name}={raw!r}: {error.message}")
        return problems

    def validate_message(self, payload: Any) -> list[str]:
        """Problems if ``payload`` matches none of the client's JSON messages."""
        return self._match(payload, self.json_payloads, "send")

    def validate_server_message(self, payload: Any) -> list[str]:
        """Problems if what the fake server sends matches none of the server's messages."""
        return self._match(payload, self.server_payloads, "receive")

    @staticmethod
    def _match(payload: Any, schemas: list[dict[str, Any]], direction: str) -> list[str]:
        reasons = []
        for schema in schemas:
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(payload))
            if not errors:
                return []
            reasons.append("; ".join(e.message for e in errors[:2]))
        text = json.dumps(payload)[:200]
        return [f"message {text} matches no {direction} message: {' | '.join(reasons)}"]

    def validate_audio(self, frame: bytes, bytes_per_second: int, width: int) -> list[str]:
        problems = []
        if not self.binary_allowed:
            problems.append("binary frame, but the document declares no binary send message")
        if not frame or len(frame) % width:
            problems.append(f"audio frame of {len(frame)} bytes is not whole {width}-byte samples")
        if len(frame) * 1000 > MAX_FRAME_MS * bytes_per_second:
            problems.append(
                f"audio frame of {len(frame) * 1000 // bytes_per_second} ms > {MAX_FRAME_MS} ms"
            )
        return problems

    @staticmethod
    def is_short(frame: bytes, bytes_per_second: int) -> bool:
        return len(frame) * 1000 < MIN_FRAME_MS * bytes_per_second


@functools.cache
def _token_parameters() -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load((SPEC_DIR / "streaming-token.yml").read_text())
    operation = _deref(doc, doc)["paths"]["/v3/token"]["get"]
    return {p["name"]: p for p in operation.get("parameters", []) if p.get("in") == "query"}


def validate_token_query(query: dict[str, str]) -> list[str]:
    """Check a ``GET /v3/token`` query against ``spec/streaming-token.yml``."""
    params = _token_parameters()
    problems = [
        f"token query: missing required {name!r}"
        for name, p in params.items()
        if p.get("required") and name not in query
    ]
    for name, raw in query.items():
        if name not in params:
            problems.append(f"token query: {name!r} is not a parameter")
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            problems.append(f"token query: {name}={raw!r} is not a number")
            continue
        for error in jsonschema.Draft202012Validator(params[name]["schema"]).iter_errors(value):
            problems.append(f"token query: {name}={raw!r}: {error.message}")
    return problems
