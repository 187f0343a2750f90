"""Retry decisions: pure functions shared by the sync and async HTTP shells.

Which failures are retried:

* a connection that could not be made (refused, DNS, TLS, connect or pool timeout) — the
  request never reached the API;
* a status of 408, 409, 429 or any 5xx;
* a connection lost, or a read timeout, after the request was sent.

A TLS certificate the client refused is not retried: the next attempt would be refused too.

A retry must never do work twice. Creating a transcript, the LeMUR generate calls and LLM
Gateway's chat completions and understanding calls are not idempotent, so for them only the
failures where the API certainly did not act are retried: no connection, 408, 429 and 503. Uploads are safe to repeat, but only when the body can be sent
again from its first byte (see ``assemblyai._http.upload.FileStream``).

Backoff doubles from 0.5 s (``settings.retry_backoff``) up to 8 s, with up to 25 % jitter
removed so that many clients do not retry in step. A ``Retry-After`` or ``retry-after-ms`` header is honoured up to 120 s; a longer
wait gives up at once, because a caller blocked for minutes is worse than an error.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable, Mapping
from enum import Enum

__all__ = [
    "INITIAL_BACKOFF",
    "MAX_BACKOFF",
    "MAX_RETRY_AFTER",
    "RETRYABLE_STATUSES",
    "Failure",
    "backoff_delay",
    "is_idempotent",
    "parse_retry_after",
    "retry_delay",
    "retryable_status",
]

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 120.0
# 408 Request Timeout, 409 Conflict (a lock the API holds briefly), 429 and every 5xx (CDNs
# use 520-527 for transient origin failures).
RETRYABLE_STATUSES = frozenset({408, 409, 429, *range(500, 600)})
# Statuses that say the API did not act on the request, so even a non-idempotent call may repeat.
_NOT_ACTED_STATUSES = frozenset({408, 429, 503})


class Failure(Enum):
    """How a request failed, as far as retrying is concerned."""

    NOT_CONNECTED = "not_connected"  # the request never left: refused, DNS, TLS, pool timeout
    LOST_AFTER_SEND = "lost_after_send"  # sent, then the connection dropped or timed out
    TLS_REJECTED = "tls_rejected"  # the server's certificate was refused: retrying cannot help


# LLM Gateway's calls run (and bill) a model: like LeMUR's, they are not repeated blindly.
_NON_IDEMPOTENT_POSTS = ("/v2/transcript", "/lemur/", "/v1/chat/completions", "/v1/understanding")


def is_idempotent(method: str, path: str) -> bool:
    """Whether repeating this request cannot do the same work twice."""
    if method.upper() != "POST":
        return True
    return not any(
        path == prefix.rstrip("/") or path.startswith(prefix) for prefix in _NON_IDEMPOTENT_POSTS
    )


def parse_retry_after(
    headers: Mapping[str, str], now: Callable[[], float] = time.time
) -> float | None:
    """Seconds the API asked us to wait, from ``retry-after-ms`` or ``Retry-After``.

    ``Retry-After`` may be a number of seconds or an HTTP date. Unreadable values count as
    absent.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    millis = lowered.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(0.0, float(email.utils.mktime_tz(parsed)) - now())


def backoff_delay(
    retry_number: int,
    rand: Callable[[], float] = random.random,
    initial: float = INITIAL_BACKOFF,
) -> float:
    """The pause before retry ``retry_number`` (1 for the first retry), jitter included.

    ``initial`` is the first pause; each later one doubles, up to ``MAX_BACKOFF``.
    """
    # The exponent is capped so that a large ``max_retries`` cannot overflow a float.
    base: float = min(MAX_BACKOFF, initial * 2.0 ** min(max(0, retry_number - 1), 64))
    return base * (1.0 - 0.25 * rand())


def retryable_status(status: int) -> bool:
    """Whether an answer with this status may be retried at all (most answers: no)."""
    return status in RETRYABLE_STATUSES


def retry_delay(
    *,
    method: str,
    path: str,
    retries_done: int,
    max_retries: int,
    status: int | None = None,
    failure: Failure | None = None,
    headers: Mapping[str, str] | None = None,
    body_replayable: bool = True,
    rand: Callable[[], float] = random.random,
    initial_backoff: float = INITIAL_BACKOFF,
) -> float | None:
    """Seconds to wait before retrying, or ``None`` when the request must not be retried.

    Give exactly one of ``status`` (a response arrived) or ``failure`` (none did).
    """
    if retries_done >= max_retries:
        return None
    idempotent = is_idempotent(method, path)
    if failure is not None:
        if failure is Failure.TLS_REJECTED:
            return None
        if failure is Failure.LOST_AFTER_SEND and not idempotent:
            return None
        if failure is Failure.LOST_AFTER_SEND and not body_replayable:
            return None
        return backoff_delay(retries_done + 1, rand, initial_backoff)
    if status is None or status not in RETRYABLE_STATUSES:
        return None
    if not idempotent and status not in _NOT_ACTED_STATUSES:
        return None
    if not body_replayable:
        return None
    asked = parse_retry_after(headers or {})
    if asked is not None:
        if asked > MAX_RETRY_AFTER:
            return None
        return asked
    return backoff_delay(retries_done + 1, rand, initial_backoff)
