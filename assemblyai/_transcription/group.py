"""``aai.TranscriptGroup``: several transcripts waited on, and queried with LeMUR, together."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Literal, overload

from assemblyai._core.enums import TranscriptStatus
from assemblyai._core.exceptions import AssemblyAIError
from assemblyai._http.client import Client
from assemblyai._http.executor import shared_executor
from assemblyai._transcription.transcript import Transcript

if TYPE_CHECKING:
    import httpx

    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )
    from assemblyai._lemur.lemur import Lemur
    from assemblyai.llm_gateway._types import (
        CustomFormattingInput,
        SpeakerIdentificationInput,
        SpeechUnderstandingInput,
        TranslationInput,
    )

__all__ = ["TranscriptGroup", "aggregate_status", "describe_input", "log_dropped"]

logger = logging.getLogger("assemblyai.transcriber")


def describe_input(item: object) -> str:
    """A short, safe name for an audio input in a log line.

    A URL loses its query, which can be a credential (presigned URLs); bytes are counted,
    not shown; a file object is named by its ``name`` when it has one.
    """
    if isinstance(item, str):
        return repr(item.split("?", 1)[0])
    if isinstance(item, os.PathLike):
        return repr(os.fspath(item))
    if isinstance(item, bytes | bytearray | memoryview):
        return f"{len(item)} bytes of audio"
    name = getattr(item, "name", None)
    return repr(name) if isinstance(name, str) else f"a {type(item).__name__}"


def log_dropped(index: int, member: str, stage: str, error: BaseException) -> None:
    """Warn that a group member was dropped, so a shorter group is never silent.

    0.45.4 dropped failed members without a word unless ``return_failures=True`` was passed;
    the meaning of the result is kept, and each drop is now also logged.
    """
    logger.warning(
        "transcript group: member %d (%s) was dropped because %s failed: %s "
        "(pass return_failures=True to get the errors)",
        index,
        member,
        stage,
        error,
    )


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
        from assemblyai._lemur.lemur import Lemur, LemurSource

        return Lemur(client=self._client_arg, sources=[LemurSource(t) for t in self._transcripts])

    def understand(
        self,
        *,
        translation: TranslationInput | None = None,
        speaker_identification: SpeakerIdentificationInput | None = None,
        custom_formatting: CustomFormattingInput | None = None,
        speech_understanding: SpeechUnderstandingInput | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> list[LlmGatewayUnderstandingResponse]:
        """``Transcript.understand`` on each transcript, in order (one request each)."""
        return [
            transcript.understand(
                translation=translation,
                speaker_identification=speaker_identification,
                custom_formatting=custom_formatting,
                speech_understanding=speech_understanding,
                timeout=timeout,
            )
            for transcript in self._transcripts
        ]

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
        polled ``polling_interval`` after its own previous answer, on a shared pool, so no
        pool thread sits asleep and one transcript's pause overlaps the others' requests. Two
        requests run at once, up to eight while requests spend their time waiting on the
        network (see ``assemblyai._transcription.group_run``).
        """
        failures = self._complete([None] * len(self._transcripts))
        if return_failures is True:
            return self, failures
        return self

    def _complete(
        self,
        submits: Sequence[Callable[[], str] | None],
        inputs: Sequence[object] | None = None,
    ) -> list[AssemblyAIError]:
        """Submit (where ``submits[i]`` is given) and wait for every member; the failures.

        A member with a submission is created by it, and polled as soon as it has an id; the
        others are the group's transcripts, in order. Members that failed with a
        ``TranscriptError`` are dropped: submission failures come first in the returned list,
        then polling failures, each in input order. Any other error, or a member still
        unfinished at ``polling_timeout``, is raised once the requests in flight are done.
        Each dropped member is logged as a warning, named by its id and, when ``inputs`` (the
        audio of each member) is given, its input.
        """
        from assemblyai._transcription.group_run import GroupRun

        settings = (self._client_arg or Client.get_default()).settings
        pending = iter(self._transcripts)
        members = [None if submit is not None else next(pending) for submit in submits]
        run = GroupRun(members, submits, settings, self._client_arg)
        run.run()
        for index in sorted({*run.submit_failed, *run.poll_failed}):
            member = run.members[index]
            names = [] if member is None else [f"transcript {member.id}"]
            if inputs is not None:
                names.append(f"audio {describe_input(inputs[index])}")
            name = ", ".join(names) or "no id yet"
            if index in run.submit_failed:
                log_dropped(index, name, "its submission", run.submit_failed[index])
            else:
                log_dropped(index, name, "waiting for it", run.poll_failed[index])
        self._transcripts = [
            member
            for index, member in enumerate(run.members)
            if member is not None
            and index not in run.submit_failed
            and index not in run.poll_failed
        ]
        return [run.submit_failed[i] for i in sorted(run.submit_failed)] + [
            run.poll_failed[i] for i in sorted(run.poll_failed)
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
