"""The status a waiting transcript shows changes with every poll (issue 14), in every shell."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

from .conftest import _closing

URL = "https://example.org/long.mp3"


@pytest.fixture
def slow_fake() -> Iterator[FakeAssemblyAI]:
    # Queued briefly, then processing until the test completes the transcript itself.
    with FakeAssemblyAI(processing_time=60, queue_time=0.01, polling_interval=0.01) as sandbox:
        yield sandbox
        sandbox.assert_no_violations()


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never became true"
        time.sleep(0.005)


def run_closing(scenario: Coroutine[Any, Any, None]) -> None:
    """``asyncio.run``, closing the default client's AsyncClient before its loop ends."""
    asyncio.run(_closing(scenario))


def status_or_none(transcript: aai.Transcript) -> aai.TranscriptStatus | None:
    try:
        return transcript.status
    except ValueError:  # nothing polled or loaded yet
        return None


def test_sync_wait_shows_processing_while_polling(slow_fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().submit(URL)
    assert transcript.status == aai.TranscriptStatus.queued
    waiter = threading.Thread(target=transcript.wait_for_completion)
    waiter.start()
    try:
        wait_until(lambda: transcript.status == aai.TranscriptStatus.processing)
        assert "status=processing" in repr(transcript)
    finally:
        slow_fake.complete(transcript.id or "")
        waiter.join(5)
    assert transcript.status == aai.TranscriptStatus.completed
    assert transcript.text


def test_polling_callback_sees_each_status(slow_fake: FakeAssemblyAI) -> None:
    # A transcript made from an id alone (as Transcript.get_by_id does) has a status too.
    transcript_id = aai.Transcriber().submit(URL).id
    assert transcript_id is not None
    transcript = aai.Transcript(transcript_id)
    seen: list[str] = []
    original = transcript._poll_once

    def observed_poll(client: aai.Client | None = None) -> bool:
        finished = original(client)
        seen.append(transcript.status.value)
        if seen.count("processing") == 2:
            slow_fake.complete(transcript_id)
        return finished

    transcript._poll_once = observed_poll  # type: ignore[method-assign]
    transcript.wait_for_completion(timeout=5)
    assert seen[-3:] == ["processing", "processing", "completed"]


def test_group_status_updates_while_polling(slow_fake: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    ids = [transcriber.submit(f"{URL}?n={n}").id or "" for n in range(3)]
    group = aai.TranscriptGroup(ids)
    waiter = threading.Thread(target=group.wait_for_completion)
    waiter.start()
    try:
        wait_until(
            lambda: all(
                status_or_none(t) == aai.TranscriptStatus.processing for t in group.transcripts
            )
        )
        assert group.status == aai.TranscriptStatus.processing
    finally:
        for transcript_id in ids:
            slow_fake.complete(transcript_id)
        waiter.join(5)
    assert group.status == aai.TranscriptStatus.completed


def test_async_wait_shows_processing_while_polling(slow_fake: FakeAssemblyAI) -> None:
    async def scenario() -> None:
        transcriber = aai.AsyncTranscriber()
        transcript = await transcriber.submit(URL)
        assert transcript.status == aai.TranscriptStatus.queued
        waiting = asyncio.create_task(transcript.wait_for_completion())
        deadline = time.monotonic() + 5
        while transcript.status != aai.TranscriptStatus.processing:
            assert time.monotonic() < deadline, "the status never became processing"
            await asyncio.sleep(0.005)
        assert "status=processing" in repr(transcript)
        slow_fake.complete(transcript.id)
        await asyncio.wait_for(waiting, 5)
        assert transcript.status == aai.TranscriptStatus.completed

    run_closing(scenario())


def test_async_group_members_update_while_polling(slow_fake: FakeAssemblyAI) -> None:
    async def scenario() -> None:
        transcriber = aai.AsyncTranscriber()
        members = [await transcriber.submit(f"{URL}?n={n}") for n in range(3)]
        waiting = asyncio.gather(*(m.wait_for_completion() for m in members))
        deadline = time.monotonic() + 5
        while any(m.status != aai.TranscriptStatus.processing for m in members):
            assert time.monotonic() < deadline, "the statuses never became processing"
            await asyncio.sleep(0.005)
        for member in members:
            slow_fake.complete(member.id)
        await asyncio.wait_for(waiting, 5)
        assert all(m.status == aai.TranscriptStatus.completed for m in members)

    run_closing(scenario())
