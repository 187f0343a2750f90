"""Plain data passed between the sandbox's HTTP server, its handlers and its request log."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs

__all__ = ["HttpRequest", "HttpResponse", "RecordedRequest", "Violation"]


@attrs.frozen
class HttpRequest:
    """A request as the server read it. ``headers`` has lower-case names."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes = attrs.field(default=b"", repr=False)

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query_string(self) -> str:
        return urlsplit(self.target).query

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string, keep_blank_values=True)


@attrs.define
class HttpResponse:
    """A response to send. ``content_type`` ``None`` sends no body headers beyond the length."""

    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: list[tuple[str, str]] = attrs.Factory(list)

    @classmethod
    def json(cls, payload: Any, status: int = 200) -> HttpResponse:
        return cls(status, json.dumps(payload).encode())

    @classmethod
    def error(cls, status: int, message: str) -> HttpResponse:
        """The API's error shape: ``{"error": "<message>"}``."""
        return cls.json({"error": message}, status)

    @classmethod
    def text(cls, text: str, status: int = 200) -> HttpResponse:
        return cls(status, text.encode(), "text/plain; charset=utf-8")

    def json_body(self) -> Any:
        return json.loads(self.body)


@attrs.frozen
class Violation:
    """A request that broke the spec: what was sent and everything wrong with it."""

    method: str
    target: str
    errors: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.method} {self.target}: " + "; ".join(self.errors)


@attrs.frozen
class RecordedRequest:
    """One request the sandbox received (``fake.requests``).

    Attributes:
        method: ``"GET"``, ``"POST"``...
        path: the path without the query string.
        query: the query parameters, each with the list of values sent.
        headers: the request headers (lower-case names); the ``authorization`` value is
            replaced by ``"***"`` (or ``""`` when it was sent empty), so logs never hold keys.
        body_size: bytes of body read (less than sent when a fault dropped the connection).
        status: the status answered, ``None`` when the connection was dropped.
        operation_id: the spec operation the request matched, if any.
        fault: a description of the injected fault, if one applied.
        json: the decoded body of a JSON request (None otherwise), so tests can check what
            the SDK sent.
    """

    method: str
    path: str
    query: Mapping[str, Sequence[str]]
    headers: Mapping[str, str]
    body_size: int
    status: int | None
    operation_id: str | None
    fault: str | None = None
    json: Any = None

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with the ``authorization`` value hidden."""
    return {
        name: ("***" if value else "") if name == "authorization" else value
        for name, value in headers.items()
    }
