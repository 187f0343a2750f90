"""How much of an answer the SDK reads, and for how long: the guard against hostile servers.

Per-phase timeouts alone do not bound a call: a body that trickles one byte a second resets
the read timeout with every byte, and an endless or compressed body (1 MB of gzip can decode
to 1 GiB) grows memory until the process dies. So every buffered answer is read through a
:class:`BodyBudget`: at most :func:`max_body_bytes` bytes (raw, and again once decoded), and
all of it within :func:`body_deadline` seconds; a compressed body is then decompressed by
:func:`decompress`, which stops at the same limit. Pure decisions and transformations; the
transports do the reading.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Mapping

__all__ = [
    "BODY_DEADLINE_FACTOR",
    "MAX_ANSWER_BYTES",
    "MAX_ERROR_BYTES",
    "BodyBudget",
    "BodyTooLarge",
    "BodyTooSlow",
    "body_deadline",
    "decompress",
    "max_body_bytes",
]

# The longest transcripts (many hours, every word timed, translations) are tens of MB; an
# answer past this is not one the API sends.
MAX_ANSWER_BYTES = 256 << 20
# Only the message of an error answer is read.
MAX_ERROR_BYTES = 1 << 20
# The whole body may take this many read timeouts: generous for a slow link, yet finite.
BODY_DEADLINE_FACTOR = 4


class BodyTooLarge(Exception):
    """The answer passed its size limit; nothing more of it is read."""

    def __init__(self, limit: int, status_code: int) -> None:
        super().__init__(
            f"the answer is larger than {limit >> 20} MiB (after decompression, where it was "
            "compressed), more than the API ever sends; the SDK stopped reading it"
        )
        self.limit = limit
        self.status_code = status_code


class BodyTooSlow(Exception):
    """The body did not arrive within its deadline, however steadily bytes trickled in."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the answer's body did not arrive within {seconds:g} s "
            f"({BODY_DEADLINE_FACTOR} times the read timeout)"
        )
        self.seconds = seconds


def max_body_bytes(status_code: int) -> int:
    """The most bytes read of an answer with this status."""
    return MAX_ANSWER_BYTES if 200 <= status_code < 300 else MAX_ERROR_BYTES


def body_deadline(timeouts: Mapping[str, float | None] | None) -> float | None:
    """Seconds the whole body may take, from httpx's per-request ``timeout`` extension."""
    read = (timeouts or {}).get("read")
    return None if read is None else read * BODY_DEADLINE_FACTOR


class BodyBudget:
    """Counts the bytes of one answer's body against its size limit and deadline."""

    def __init__(
        self,
        status_code: int,
        deadline: float | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.status_code = status_code
        self.limit = max_body_bytes(status_code)
        self.deadline = deadline
        self._clock = clock
        self._ends_at = None if deadline is None else clock() + deadline
        self.size = 0

    def take(self, chunk: bytes) -> bytes:
        """Account for ``chunk``; raises :class:`BodyTooLarge` or :class:`BodyTooSlow`."""
        self.size += len(chunk)
        if self.size > self.limit:
            raise BodyTooLarge(self.limit, self.status_code)
        if self._ends_at is not None and self._clock() > self._ends_at:
            assert self.deadline is not None
            raise BodyTooSlow(self.deadline)
        return chunk


# Content-Encoding -> zlib's wbits; requests ask for these two only (see ``assemblyai._http.client``).
_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}


def decompress(encoding: str, data: bytes, status_code: int) -> bytes | None:
    """``data`` decoded per ``encoding``, never past :func:`max_body_bytes`.

    Returns None for an encoding this function does not handle (the body is then left as it
    is). Raises :class:`BodyTooLarge`, or ``zlib.error`` for bytes that do not decode.
    """
    wbits = _WBITS.get(encoding.strip().lower())
    if wbits is None:
        return None
    limit = max_body_bytes(status_code)
    try:
        return _inflate(data, wbits, limit, status_code)
    except zlib.error:
        if wbits != 15:
            raise
        # "deflate" should be zlib-wrapped, but some servers send raw deflate.
        return _inflate(data, -15, limit, status_code)


def _inflate(data: bytes, wbits: int, limit: int, status_code: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = bytearray()
    pending = data
    while pending:
        # max_length bounds each step's output, so a bomb never decodes past the limit.
        out += inflater.decompress(pending, limit + 1 - len(out))
        if len(out) > limit:
            raise BodyTooLarge(limit, status_code)
        pending = inflater.unconsumed_tail
    out += inflater.flush()
    if len(out) > limit:
        raise BodyTooLarge(limit, status_code)
    return bytes(out)
