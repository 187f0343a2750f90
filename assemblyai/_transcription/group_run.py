"""One wait for a transcript group: the threaded shell around ``assemblyai._core.polling.DueQueue``.

Each member is submitted (when it has to be) and then polled ``polling_interval`` after its
own previous answer. Workers of the shared fan-out pool run the requests; a worker keeps
taking members that are due until none is, then returns its thread to the pool, so no pool
thread sleeps through a polling interval. The calling thread only starts workers when
members fall due and fewer than the current limit are running. The limit starts at two and
grows, up to ``SHARED_POOL_SIZE``, while requests spend their time waiting on the network
(``assemblyai._core.polling.next_concurrency``); against a server that answers at once more workers would
only take turns on the GIL.

Why workers take their own next member instead of getting one request each: handing every
request from the calling thread to a worker and its answer back costs two thread switches
per request, which with CPython's GIL made a group of 50 spend more time switching than in
the HTTP stack.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from assemblyai._core.exceptions import AssemblyAIError, TranscriptError
from assemblyai._core.polling import (
    START_CONCURRENCY,
    DueQueue,
    PollPlan,
    deadline_error,
    next_concurrency,
    next_poll_at,
)
from assemblyai._core.settings import Settings
from assemblyai._http.client import Client
from assemblyai._http.executor import SHARED_POOL_SIZE, fanout_executor
from assemblyai._transcription.transcript import Transcript

__all__ = ["GroupRun"]


class GroupRun:
    """Submit (where ``submits[i]`` is given) and poll every member until all are finished.

    ``members[i]`` is the transcript of member ``i`` (created by its submission when there is
    one). Members whose request raised a ``TranscriptError`` end in ``submit_failed`` or
    ``poll_failed``; any other error, or a member unfinished at ``polling_timeout``, is raised
    by :meth:`run` once the requests in flight are done.
    """

    def __init__(
        self,
        members: Sequence[Transcript | None],
        submits: Sequence[Callable[[], str] | None],
        settings: Settings,
        client_arg: Client | None,
    ) -> None:
        self.members = list(members)
        self._submits = submits
        self._settings = settings
        self._client_arg = client_arg
        self.submit_failed: dict[int, AssemblyAIError] = {}
        self.poll_failed: dict[int, AssemblyAIError] = {}
        self._plans: list[PollPlan | None] = [None] * len(self.members)
        self._due = DueQueue()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # the caller waits on it
        self._workers = 0
        self._limit = min(START_CONCURRENCY, SHARED_POOL_SIZE)
        self._wall_per_cpu = 1.0  # a moving average over the recent requests
        self._left = len(self.members)  # members neither finished nor failed
        self._stop: BaseException | None = None
        started = time.monotonic()
        for index, member in enumerate(self.members):
            self._due.put(index, started)
            if member is not None:
                self._plans[index] = self._plan(started)

    def _plan(self, now: float) -> PollPlan:
        return PollPlan(self._settings.polling_interval, self._settings.polling_timeout, now)

    def run(self) -> None:
        pool = fanout_executor()
        with self._changed:
            while self._workers or (self._stop is None and self._left):
                now = time.monotonic()
                free = self._limit - self._workers
                ready = self._due.count_due(now) if self._stop is None else 0
                for _ in range(min(ready, free)):
                    self._workers += 1
                    pool.submit(self._work)
                # Wake when a worker ends (it notifies), or when the next member falls due
                # while a worker is free to take it.
                timeout = None
                if self._stop is None and self._workers < self._limit:
                    upcoming = self._due.next_due_after(now)
                    if upcoming is not None:
                        timeout = upcoming - now
                try:
                    self._changed.wait(timeout)
                except BaseException as exc:
                    # The caller was interrupted (Ctrl-C): the workers stop after the request
                    # each has in flight instead of polling on for nobody.
                    self._stop = self._stop or exc
                    raise
        if self._stop is not None:
            raise self._stop

    def _work(self) -> None:
        lock = self._lock
        with lock:
            try:
                while self._stop is None and self._workers <= self._limit:
                    taken = self._due.take(time.monotonic(), 1)
                    if not taken:
                        break
                    index = taken[0]
                    lock.release()
                    began, cpu_began = time.monotonic(), time.thread_time()
                    try:
                        result, error = self._step(index), None
                    except BaseException as exc:
                        result, error = None, exc
                    finally:
                        wall, cpu = time.monotonic() - began, time.thread_time() - cpu_began
                        lock.acquire()
                    self._adapt(wall, cpu)
                    self._record(index, result, error, time.monotonic())
            finally:
                self._workers -= 1
                self._changed.notify()

    def _adapt(self, wall: float, cpu: float) -> None:
        # A quarter of each new reading: a few requests show a change, one outlier does not.
        self._wall_per_cpu += (wall / max(cpu, 1e-5) - self._wall_per_cpu) / 4
        limit = next_concurrency(self._limit, self._wall_per_cpu, SHARED_POOL_SIZE)
        if limit > self._limit:
            self._changed.notify()  # the caller starts another worker if members are due
        self._limit = limit

    def _step(self, index: int) -> str | bool:
        member = self.members[index]
        if member is None:
            submit = self._submits[index]
            assert submit is not None
            return submit()
        return member._poll_once()

    def _record(
        self, index: int, result: str | bool | None, error: BaseException | None, now: float
    ) -> None:
        """What an answer means for member INDEX (called with the lock held)."""
        member = self.members[index]
        if error is not None:
            if not isinstance(error, TranscriptError):
                self._stop = self._stop or error
            elif member is None:
                self.submit_failed[index] = error
            else:
                self.poll_failed[index] = error
            self._finish_one()
            return
        if member is None:
            assert isinstance(result, str)
            self.members[index] = Transcript(result, self._client_arg)
            self._plans[index] = self._plan(now)
            self._due.put(index, now)
            return
        if result:
            self._finish_one()
            return
        plan = self._plans[index]
        assert plan is not None
        next_at = next_poll_at(plan, now)
        if next_at is None:
            assert self._settings.polling_timeout is not None
            self._stop = self._stop or deadline_error(
                member.id, self._settings.polling_timeout, member._last_status
            )
        else:
            self._due.put(index, next_at)

    def _finish_one(self) -> None:
        self._left -= 1
        if not self._left:
            self._changed.notify()
