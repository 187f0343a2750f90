"""Polling decisions for waiting on a transcript: pure functions used by both shells.

The shells (``Transcript.wait_for_completion`` and its asyncio twin) only fetch and sleep;
what counts as finished, how long to sleep and when to give up is decided here.
"""

from __future__ import annotations

import heapq
import math
from typing import cast

import attrs

from assemblyai._core.exceptions import (
    APITimeoutError,
    ConfigurationError,
    TranscriptError,
    combine,
)

__all__ = [
    "TERMINAL_STATUSES",
    "DueQueue",
    "PollPlan",
    "check_wait_timeout",
    "choose_wait_timeout",
    "deadline_error",
    "is_terminal",
    "next_poll_at",
]

TERMINAL_STATUSES = frozenset({"completed", "error"})


def is_terminal(status: object) -> bool:
    """Whether a transcript status is final (``completed`` or ``error``)."""
    value = getattr(status, "value", status)
    return value in TERMINAL_STATUSES


def choose_wait_timeout(
    name: str, timeout: float | None, poll_timeout: float | None
) -> float | None:
    """One deadline from our keyword (``name``) and the official 1.0's ``poll_timeout``.

    Either may be given; both with different values is refused, since one would be ignored.
    """
    first = check_wait_timeout(name, timeout)
    second = check_wait_timeout("poll_timeout", poll_timeout)
    if first is not None and second is not None and first != second:
        raise ConfigurationError(
            f"{name}={timeout!r} and poll_timeout={poll_timeout!r} name the same deadline; "
            "pass one of them."
        )
    return first if first is not None else second


def check_wait_timeout(name: str, timeout: object) -> float | None:
    """An overall deadline in seconds (``None``: no deadline); refused unless > 0."""
    if timeout is None:
        return None
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not 0 < timeout < math.inf
    ):
        raise ConfigurationError(
            f"{name} must be a number of seconds > 0, or None to wait as long as it takes; "
            f"got {timeout!r}."
        )
    return float(timeout)


@attrs.frozen
class PollPlan:
    """When to poll next, given the interval and an optional overall deadline.

    ``started`` and ``now`` are ``time.monotonic()`` readings supplied by the shell.
    """

    interval: float
    timeout: float | None
    started: float

    def next_sleep(self, now: float) -> float | None:
        """Seconds to sleep before the next poll, or ``None`` when the deadline has passed."""
        if self.timeout is None:
            return self.interval
        remaining = self.started + self.timeout - now
        if remaining <= 0:
            return None
        return min(self.interval, remaining)

    @property
    def max_polls(self) -> float:
        if self.timeout is None:
            return math.inf
        return math.ceil(self.timeout / self.interval) + 1


@attrs.define
class DueQueue:
    """When each member of a group is next due, for a shell that runs a few at a time.

    Each member is due on its own schedule (``interval`` after its own previous answer), so
    one member's pause overlaps the others' requests instead of holding up a whole round.
    Members due at the same moment start in the order of their keys (the input order).
    Readings of ``time.monotonic()`` are supplied by the shell.
    """

    _heap: list[tuple[float, int]] = attrs.field(factory=list, init=False)

    def __len__(self) -> int:
        return len(self._heap)

    def put(self, key: int, due: float) -> None:
        """Member ``key`` is due at ``due`` (not already in the queue)."""
        heapq.heappush(self._heap, (due, key))

    def take(self, now: float, limit: int) -> list[int]:
        """Up to ``limit`` members due by ``now``, the earliest first; they leave the queue."""
        taken: list[int] = []
        while self._heap and len(taken) < limit and self._heap[0][0] <= now:
            taken.append(heapq.heappop(self._heap)[1])
        return taken

    def count_due(self, now: float) -> int:
        """How many members are due by ``now``."""
        return len(self._split(now)[0])

    def next_due_after(self, now: float) -> float | None:
        """The earliest moment after ``now`` at which a member falls due; ``None`` if none."""
        return min(self._split(now)[1], default=None)

    def _split(self, now: float) -> tuple[list[float], list[float]]:
        """The due times by ``now``, and the earliest of each part of the heap after ``now``.

        A heap entry is never earlier than its parent, so below an entry that is not due
        nothing is: the walk visits the due entries and the first ones after them, not the
        whole group (the calling thread asks at every turn, for groups of thousands too).
        """
        due: list[float] = []
        later: list[float] = []
        heap, pending = self._heap, [0] if self._heap else []
        while pending:
            index = pending.pop()
            at = heap[index][0]
            if at > now:
                later.append(at)
                continue
            due.append(at)
            pending.extend(child for child in (2 * index + 1, 2 * index + 2) if child < len(heap))
        return due, later

    def wait(self, now: float) -> float | None:
        """Seconds until the next member is due (0 if one already is); ``None`` if empty."""
        if not self._heap:
            return None
        return max(0.0, self._heap[0][0] - now)


#: Requests a group starts with at once; `next_concurrency` raises it when the network is slow.
START_CONCURRENCY = 2


def next_concurrency(limit: int, wall_per_cpu: float, maximum: int) -> int:
    """How many requests a group should run at once, after one took WALL_PER_CPU times its
    own thread's CPU time (a recent average), at LIMIT at once.

    With CPython's GIL, requests that barely wait for the network only take turns on one
    CPU: each then lasts about LIMIT times its CPU time, and more of them at once would add
    switching, not speed. A request lasting clearly longer (by a whole request's worth or
    more) was waiting on the network, which more requests at once overlap: one more, up to
    MAXIMUM. The limit falls back one step when the waiting stops (a server that got fast).
    """
    if wall_per_cpu > limit + 1:
        return min(limit + 1, maximum)
    if wall_per_cpu < limit - 1:
        return max(limit - 1, min(START_CONCURRENCY, maximum))
    return limit


def next_poll_at(plan: PollPlan, answered: float) -> float | None:
    """When to poll again after an unfinished answer at ``answered``; ``None`` past the deadline."""
    pause = plan.next_sleep(answered)
    return None if pause is None else answered + pause


def deadline_error(transcript_id: str | None, timeout: float, status: object) -> APITimeoutError:
    """The error raised when a transcript is not finished within ``timeout`` seconds."""
    shown = getattr(status, "value", status)
    cls = cast(type[APITimeoutError], combine(APITimeoutError, TranscriptError))
    return cls(
        f"transcript {transcript_id} was still {shown!s} after {timeout:g} s of waiting; "
        "wait longer (polling_timeout=...) or fetch it later with Transcript.get_by_id().",
        None,
    )
