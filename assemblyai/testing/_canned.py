"""Canned answers: serve a given JSON body for a route instead of the sandbox's own.

The point is to replay bodies captured from the real API, which break the spec in ways the
sandbox never would. So a canned body is sent as given and is not checked against the spec's
response schemas; the request that reaches it is still checked like any other.
"""

from __future__ import annotations

import json
import threading

import attrs

from assemblyai.testing._faults import RoutePattern
from assemblyai.testing._http import HttpResponse

__all__ = ["CannedBodies", "JsonValue"]

JsonValue = dict[str, object] | list[object] | str | int | float | bool | None
"""A value ``json.dumps`` can write."""


@attrs.define(eq=False)
class _Canned:
    pattern: RoutePattern
    body: bytes
    status: int
    remaining: int | None


class CannedBodies:
    """The canned answers of a sandbox, newest rule first (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_Canned] = []

    def add(self, route: str, body: JsonValue, *, status: int, times: int | None) -> None:
        if times is not None and times < 1:
            raise ValueError(f"times must be at least 1 (or None for every request), not {times}")
        encoded = json.dumps(body).encode()
        with self._lock:
            self._rules.insert(0, _Canned(RoutePattern.parse(route), encoded, status, times))

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def take(self, method: str, path: str, operation_id: str | None) -> HttpResponse | None:
        """The canned answer for this request, using up one of its ``times``; else ``None``."""
        with self._lock:
            for rule in self._rules:
                if rule.pattern.matches(method, path, operation_id):
                    if rule.remaining is not None:
                        rule.remaining -= 1
                        if rule.remaining == 0:
                            self._rules.remove(rule)
                    return HttpResponse(rule.status, rule.body, "application/json")
        return None
