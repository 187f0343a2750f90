"""``aai.TranscriptGroup``: several transcripts waited on, and queried with LeMUR, together."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Literal, overload

from ._client import Client
from ._enums import TranscriptStatus
from ._exceptions import AssemblyAIError, TranscriptError
from ._executor import SHARED_POOL_SIZE, fanout_executor, shared_executor
from ._polling import DueQueue, PollPlan, deadline_error, next_poll_at
from ._transcript import Transcript

if TYPE_CHECKING:
    from .lemur import Lemur

__all__ = ["TranscriptGroup", "aggregate_status"]


def aggregate_status(statuses: Sequence[object]) -> TranscriptStatus:
    """The status of a group: error, else queued, else processing, else completed.

    An empty group is completed, as in 0.45.4.
    """
    values = [getattr(status, "value", status) for status in statuses]
    for candidate in (TranscriptStatus.error, TranscriptStatus.queued, TranscriptStatus.processing):
        if candidate.value in values:
            return candidate
    if all(value == TranscriptStatus.completed.value for value in values):
        return TranscriptStatus.completed
    raise ValueError(f"Unexpected transcript statuses in the group: {values!r}")


class TranscriptGroup:
    """Transcripts handled as one: iterate it, wait for all, or ask LeMUR about all.

    Example::

        group = aai.TranscriptGroup.get_by_ids(["id1", "id2"])
        for transcript in group:
            print(transcript.text)
    """

    def __init__(self, transcript_ids: Sequence[str] = (), client: Client | None = None) -> None:
        self._client_arg = client
        self._transcripts = [Transcript(transcript_id, client) for transcript_id in transcript_ids]

    @property
    def transcripts(self) -> list[Transcript]:
        return self._transcripts

    def __iter__(self) -> Iterator[Transcript]:
        return iter(self._transcripts)

    def __len__(self) -> int:
        return len(self._transcripts)

    def __repr__(self) -> str:
        return f"<TranscriptGroup of {len(self._transcripts)} transcripts>"

    def add_transcript(self, transcript: Transcript | str) -> TranscriptGroup:
        if isinstance(transcript, Transcript):
            self._transcripts.append(transcript)
        elif isinstance(transcript, str):
            self._transcripts.append(Transcript(transcript, self._client_arg))
        else:
            raise TypeError(
                f"add_transcript takes a Transcript or a transcript id, not {type(transcript).__name__}."
            )
        return self

    @property
    def status(self) -> TranscriptStatus:
        return aggregate_status([transcript.status for transcript in self._transcripts])

    @property
    def lemur(self) -> Lemur:
        from .lemur import Lemur, LemurSource

        return Lemur(client=self._client_arg, sources=[LemurSource(t) for t in self._transcripts])

    @overload
    def wait_for_completion(
        self, return_failures: Literal[True]
    ) -> tuple[TranscriptGroup, list[AssemblyAIError]]: ...

    @overload
    def wait_for_completion(
        self, return_failures: Literal[False] | None = False
    ) -> TranscriptGroup: ...

    def wait_for_completion(
        self, return_failures: bool | None = False
    ) -> TranscriptGroup | tuple[TranscriptGroup, list[AssemblyAIError]]:
        """Wait for every transcript; failures are dropped from the group (and returned on request).

        The group keeps its order (0.45.4 reordered it by completion). Each transcript is
        polled ``polling_interval`` after its own previous answer, at most eight requests at a
        time on a shared pool, so no pool thread sits asleep and one transcript's pause
        overlaps the others' requests.
        """
        failures = self._complete([None] * len(self._transcripts))
        if return_failures is True:
            return self, failures
        return self

    def _complete(self, submits: Sequence[Callable[[], str] | None]) -> list[AssemblyAIError]:
        """Submit (where ``submits[i]`` is given) and wait for every member; the failures.

        A member with a submission is created by it, and polled as soon as it has an id; the
        others are the group's transcripts, in order. Members that failed with a
        ``TranscriptError`` are dropped: submission failures come first in the returned list,
        then polling failures, each in input order. Any other error, or a member still
        unfinished at ``polling_timeout``, is raised once the requests in flight are done.
        """
        settings = (self._client_arg or Client.get_default()).settings
        pending = iter(self._transcripts)
        members: list[Transcript | None] = [
            None if submit is not None else next(pending) for submit in submits
        ]
        plans: list[PollPlan | None] = [None] * len(members)
        submit_failed: dict[int, AssemblyAIError] = {}
        poll_failed: dict[int, AssemblyAIError] = {}
        stop: BaseException | None = None

        started = time.monotonic()
        due = DueQueue()
        for index in range(len(members)):
            due.put(index, started)
            if members[index] is not None:
                plans[index] = PollPlan(
                    settings.polling_interval, settings.polling_timeout, started
                )

        def step(index: int) -> str | bool:
            member = members[index]
            if member is None:
                submit = submits[index]
                assert submit is not None
                return submit()
            return member._poll_once()

        pool = fanout_executor()
        finished: queue.SimpleQueue[Future[str | bool]] = queue.SimpleQueue()
        running: dict[Future[str | bool], int] = {}
        while running or (stop is None and due):
            if stop is None:
                for index in due.take(time.monotonic(), SHARED_POOL_SIZE - len(running)):
                    future = pool.submit(step, index)
                    running[future] = index
                    future.add_done_callback(finished.put)
            blocked = stop is not None or len(running) >= SHARED_POOL_SIZE
            try:
                future = finished.get(timeout=None if blocked else due.wait(time.monotonic()))
            except queue.Empty:
                continue  # the next member is due
            index = running.pop(future)
            now = time.monotonic()
            exc = future.exception()
            member = members[index]
            if exc is not None:
                if not isinstance(exc, TranscriptError):
                    stop = stop or exc
                elif member is None:
                    submit_failed[index] = exc
                else:
                    poll_failed[index] = exc
                continue
            result = future.result()
            if member is None:
                assert isinstance(result, str)
                members[index] = Transcript(result, self._client_arg)
                plans[index] = PollPlan(settings.polling_interval, settings.polling_timeout, now)
                due.put(index, now)
                continue
            if result:
                continue
            plan = plans[index]
            assert plan is not None
            next_at = next_poll_at(plan, now)
            if next_at is None:
                assert settings.polling_timeout is not None
                stop = stop or deadline_error(
                    member.id, settings.polling_timeout, member._last_status
                )
            else:
                due.put(index, next_at)
        if stop is not None:
            raise stop
        self._transcripts = [
            member
            for index, member in enumerate(members)
            if member is not None and index not in submit_failed and index not in poll_failed
        ]
        return [submit_failed[i] for i in sorted(submit_failed)] + [
            poll_failed[i] for i in sorted(poll_failed)
        ]

    def wait_for_completion_async(
        self, return_failures: bool | None = False
    ) -> Future[TranscriptGroup | tuple[TranscriptGroup, list[AssemblyAIError]]]:
        return shared_executor().submit(self.wait_for_completion, bool(return_failures))

    @classmethod
    def get_by_ids(cls, transcript_ids: Sequence[str]) -> TranscriptGroup:
        return cls(transcript_ids).wait_for_completion()

    @classmethod
    def get_by_ids_async(cls, transcript_ids: Sequence[str]) -> Future[TranscriptGroup]:
        return shared_executor().submit(cls.get_by_ids, transcript_ids)
