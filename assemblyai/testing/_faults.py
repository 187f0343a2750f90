"""Fault injection: make the sandbox fail the way real networks and servers do.

A rule matches requests by route (or every request when no route is given) and is used up
after ``times`` requests (or never, with ``persistent=True``). The ``n``-th request it
catches answers with ``statuses[n]`` while the list lasts; after that the request is handled
normally, but latency, truncation and non-JSON bodies still apply until the rule is used up.
A persistent rule repeats its statuses in a cycle (``statuses=[503], persistent=True`` is an
outage).

Kinds of fault, freely combined:

- ``statuses``: answer with these statuses (``{"error": ...}`` bodies) instead of handling;
- ``retry_after`` / ``retry_after_ms``: add ``Retry-After`` (seconds) / ``retry-after-ms``
  headers to those error answers;
- ``latency``: wait this many seconds before answering;
- ``drop_after_bytes``: read this many bytes of the request body (``0``: none), then reset
  the connection without answering;
- ``truncate_body``: send a ``Content-Length`` larger than the body actually sent, then close;
- ``non_json``: replace the body with an HTML error page (``text/html``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

import attrs

__all__ = ["FaultAction", "FaultRule", "Faults", "RoutePattern", "RuleBook"]

R = TypeVar("R")

_REASONS = {
    400: "Bad request",
    401: "Authentication error, API token missing/invalid",
    403: "Forbidden",
    404: "Not found",
    408: "Request timeout",
    409: "Conflict",
    429: "Too many requests, please slow down",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service temporarily unavailable",
    504: "Gateway timeout",
}


def reason(status: int) -> str:
    """A short English reason for an HTTP status, used in injected error bodies."""
    return _REASONS.get(status, f"HTTP {status}")


@attrs.frozen
class RoutePattern:
    """Which requests a rule (or a query over recorded requests) is about.

    Written as ``"METHOD /path"``, ``"/path"`` (any method) or an ``operationId``. In the
    path, ``{name}`` and ``*`` match one segment and ``**`` matches the rest.

    Example::

        RoutePattern.parse("GET /v2/transcript/{transcript_id}").matches("GET", "/v2/transcript/x", None)
        RoutePattern.parse("createTranscript").matches("POST", "/v2/transcript", "createTranscript")
    """

    text: str
    method: str | None
    regex: re.Pattern[str] | None
    operation_id: str | None

    @classmethod
    def parse(cls, text: str) -> RoutePattern:
        stripped = text.strip()
        method: str | None = None
        path = stripped
        if " " in stripped:
            method, path = stripped.split(None, 1)
            method = method.upper()
            if method == "*":
                method = None
        if not path.startswith("/"):
            if method is not None:
                raise ValueError(f"route {text!r}: the path must start with '/'")
            return cls(text, None, None, path)
        parts = []
        for segment in path.strip("/").split("/"):
            if segment == "**":
                parts.append(".*")
            elif segment == "*" or (segment.startswith("{") and segment.endswith("}")):
                parts.append("[^/]+")
            else:
                parts.append(re.escape(segment))
        return cls(text, method, re.compile("/" + "/".join(parts)), None)

    def matches(self, method: str, path: str, operation_id: str | None) -> bool:
        if self.operation_id is not None:
            return operation_id == self.operation_id
        if self.method is not None and self.method != method.upper():
            return False
        assert self.regex is not None
        return self.regex.fullmatch("/" + path.strip("/")) is not None


@attrs.frozen
class FaultAction:
    """What to do to one request (the sandbox server carries it out)."""

    rule: FaultRule = attrs.field(repr=False)
    status: int | None
    headers: tuple[tuple[str, str], ...]
    message: str | None
    latency: float
    drop_after_bytes: int | None
    truncate_body: bool
    non_json: bool

    def describe(self) -> str:
        """A short summary for the request log, e.g. ``"status=503 latency=0.2"``."""
        parts = []
        if self.status is not None:
            parts.append(f"status={self.status}")
        if self.latency:
            parts.append(f"latency={self.latency}")
        if self.drop_after_bytes is not None:
            parts.append(f"drop_after_bytes={self.drop_after_bytes}")
        if self.truncate_body:
            parts.append("truncate_body")
        if self.non_json:
            parts.append("non_json")
        return " ".join(parts) or "none"


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@attrs.define(eq=False)
class FaultRule:
    """One registered fault; see :meth:`Faults.add`. ``hits`` counts the requests it caught."""

    route: RoutePattern | None
    statuses: tuple[int, ...]
    retry_after: float | None
    retry_after_ms: float | None
    latency: float
    drop_after_bytes: int | None
    truncate_body: bool
    non_json: bool
    message: str | None
    times: int | None
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def _action(self) -> FaultAction:
        if self.times is None and self.statuses:
            status: int | None = self.statuses[self.hits % len(self.statuses)]
        else:
            status = self.statuses[self.hits] if self.hits < len(self.statuses) else None
        headers: list[tuple[str, str]] = []
        if status is not None and self.retry_after is not None:
            headers.append(("Retry-After", _seconds(self.retry_after)))
        if status is not None and self.retry_after_ms is not None:
            headers.append(("retry-after-ms", _seconds(self.retry_after_ms)))
        self.hits += 1
        return FaultAction(
            rule=self,
            status=status,
            headers=tuple(headers),
            message=self.message,
            latency=self.latency,
            drop_after_bytes=self.drop_after_bytes,
            truncate_body=self.truncate_body,
            non_json=self.non_json,
        )


class RuleBook(Generic[R]):
    """An ordered, thread-safe list of fault rules: what ``Faults`` and ``StreamFaults`` share.

    Subclasses add rules through :meth:`_append` and decide in their own ``take`` which rule
    applies to what arrives.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[R] = []

    def _append(self, rule: R) -> R:
        with self._lock:
            self._rules.append(rule)
        return rule

    def remove(self, rule: R) -> None:
        """Stop applying ``rule``."""
        with self._lock:
            if rule in self._rules:
                self._rules.remove(rule)

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> Sequence[R]:
        """The rules still in effect, oldest first."""
        with self._lock:
            return tuple(self._rules)


class Faults(RuleBook[FaultRule]):
    """The sandbox's fault rules (``fake.faults``). Thread-safe.

    Example::

        fake.faults.add("POST /v2/transcript", statuses=[503, 503], retry_after=1.5)
        fake.faults.add("/v2/upload", drop_after_bytes=1024)
        fake.faults.add(latency=0.2, persistent=True)   # every request, forever
    """

    def add(
        self,
        route: str | None = None,
        *,
        statuses: Iterable[int] = (),
        retry_after: float | None = None,
        retry_after_ms: float | None = None,
        latency: float = 0.0,
        drop_after_bytes: int | None = None,
        truncate_body: bool = False,
        non_json: bool = False,
        message: str | None = None,
        times: int | None = None,
        persistent: bool = False,
    ) -> FaultRule:
        """Register a fault.

        Args:
            route: ``"METHOD /path/{param}"``, ``"/path"``, an ``operationId``, or ``None``
                for every request (see :class:`RoutePattern`).
            statuses: statuses to answer with, one per request, in order.
            retry_after: seconds for a ``Retry-After`` header on those answers.
            retry_after_ms: milliseconds for a ``retry-after-ms`` header on those answers.
            latency: seconds to wait before answering (or dropping).
            drop_after_bytes: reset the connection after reading this many body bytes.
            truncate_body: announce more body than is sent, then close the connection.
            non_json: answer with an HTML page instead of JSON.
            message: the ``error`` text of injected error answers.
            times: how many requests the rule affects; default ``len(statuses)`` or 1.
            persistent: affect every matching request until removed (statuses then cycle).

        Returns:
            The rule; ``rule.hits`` tells how many requests it affected.
        """
        status_list = tuple(statuses)
        for status in status_list:
            if not 100 <= status <= 599:
                raise ValueError(f"{status} is not an HTTP status")
        if drop_after_bytes is not None and drop_after_bytes < 0:
            raise ValueError("drop_after_bytes must be 0 or more")
        if latency < 0:
            raise ValueError("latency must be 0 or more")
        count = None if persistent else (times if times is not None else len(status_list) or 1)
        if count is not None and count < 1:
            raise ValueError("times must be at least 1")
        rule = FaultRule(
            route=RoutePattern.parse(route) if route is not None else None,
            statuses=status_list,
            retry_after=retry_after,
            retry_after_ms=retry_after_ms,
            latency=latency,
            drop_after_bytes=drop_after_bytes,
            truncate_body=truncate_body,
            non_json=non_json,
            message=message,
            times=count,
        )
        return self._append(rule)

    def take(self, method: str, path: str, operation_id: str | None) -> FaultAction | None:
        """The action for a request (consuming one use of the first matching rule), if any."""
        with self._lock:
            for rule in self._rules:
                if rule.route is None or rule.route.matches(method, path, operation_id):
                    action = rule._action()
                    if rule.exhausted:
                        self._rules.remove(rule)
                    return action
        return None
