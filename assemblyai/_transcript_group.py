"""``aai.TranscriptGroup``: several transcripts waited on, and queried with LeMUR, together."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Literal, overload

from ._client import Client
from ._enums import TranscriptStatus
from ._exceptions import AssemblyAIError, TranscriptError
from ._executor import fanout_executor, shared_executor
from ._polling import PollPlan, deadline_error
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

        The group keeps its order (0.45.4 reordered it by completion). All unfinished
        transcripts are fetched in one round on the pool, then one pause follows, so no pool
        thread sits asleep and a large group waits about as long as its slowest member.
        """
        settings = (self._client_arg or Client.get_default()).settings
        plan = PollPlan(settings.polling_interval, settings.polling_timeout, time.monotonic())
        pool = fanout_executor()
        failed: dict[int, AssemblyAIError] = {}
        pending = list(self._transcripts)
        while True:
            rounds = [(t, pool.submit(t._poll_once)) for t in pending]
            pending = []
            for transcript, future in rounds:
                try:
                    if not future.result():
                        pending.append(transcript)
                except TranscriptError as exc:
                    failed[id(transcript)] = exc
            if not pending:
                break
            pause = plan.next_sleep(time.monotonic())
            if pause is None:
                first = pending[0]
                assert settings.polling_timeout is not None
                raise deadline_error(first.id, settings.polling_timeout, first._last_status)
            time.sleep(pause)
        failures = [failed[id(t)] for t in self._transcripts if id(t) in failed]
        self._transcripts = [t for t in self._transcripts if id(t) not in failed]
        if return_failures is True:
            return self, failures
        return self

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
