"""``aai.TranscriptGroup``: several transcripts waited on, and queried with LeMUR, together."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Literal, overload

from ._client import Client
from ._enums import TranscriptStatus
from ._exceptions import AssemblyAIError, TranscriptError
from ._executor import fanout_executor, shared_executor
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

        The group keeps its order (0.45.4 reordered it by completion).
        """
        pool = fanout_executor()
        futures = [pool.submit(transcript.wait_for_completion) for transcript in self._transcripts]
        kept: list[Transcript] = []
        failures: list[AssemblyAIError] = []
        for future in futures:
            try:
                kept.append(future.result())
            except TranscriptError as exc:
                failures.append(exc)
        self._transcripts = kept
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
