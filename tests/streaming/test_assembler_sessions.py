"""The transcript assembler attached to both v3 clients, in sessions with the sandbox over
loopback websockets: partial, final and formatted turns, what the real API sends, and a
session the server ends mid-stream."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterator

import pytest

from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    TranscriptAssembler,
)
from assemblyai.streaming.v3.assembler import (
    Change,
    TurnEnded,
    TurnFormatted,
    WordsAppended,
    WordsFinalised,
)
from assemblyai.testing import FakeAssemblyAI

pytestmark = pytest.mark.timeout(60)

TEXT = "Welcome to the weekly planning call. Today we review the budget. Thanks everyone."
RATE = 16_000


def audio(seconds: float) -> list[bytes]:
    """100 ms frames of 16-bit silence: the sandbox hears words paced by length, not sound."""
    return [b"\0\0" * (RATE // 10)] * round(seconds * 10)


def run_session(
    kind: str, params: StreamingParameters, seconds: float
) -> tuple[TranscriptAssembler, list[Change], list[StreamingError]]:
    assembler = TranscriptAssembler()
    changes: list[Change] = []
    errors: list[StreamingError] = []
    assembler.on_change(changes.append)
    if kind == "threaded":
        client = StreamingClient()
        assembler.attach(client)
        client.on(StreamingEvents.Error, lambda _c, e: errors.append(e))
        client.connect(params)
        try:
            client.stream(audio(seconds))
        except StreamingError as exc:
            errors.append(exc)
        client.disconnect(terminate=True)
    else:

        async def scenario() -> None:
            client = AsyncStreamingClient()
            assembler.attach(client)
            client.on(StreamingEvents.Error, lambda _c, e: errors.append(e))
            await client.connect(params)
            try:
                await client.stream(audio(seconds))
            except StreamingError as exc:
                errors.append(exc)
            await client.disconnect(terminate=True)

        asyncio.run(scenario())
    return assembler, changes, errors


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI() as fake:
        fake.streaming_text = TEXT
        yield fake
        for session in fake.streaming_sessions:
            assert session.wait_closed()


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_formatted_session_assembles_the_formatted_text(fake: FakeAssemblyAI, kind: str) -> None:
    assembler, changes, errors = run_session(
        kind, StreamingParameters(sample_rate=RATE, format_turns=True), seconds=5.2
    )
    assert errors == []
    # 13 words at 400 ms: all three sentences heard, each turn formatted at its end.
    assert assembler.final_text.split("\n") == [
        "Welcome to the weekly planning call.",
        "Today we review the budget.",
        "Thanks everyone.",
    ]
    assert all(w.final for w in assembler.words)
    kinds = {type(c) for c in changes}
    assert {WordsAppended, WordsFinalised, TurnEnded, TurnFormatted} <= kinds
    # Append-only: each word position was appended exactly once.
    appended = [
        (c.turn_order, c.index + i)
        for c in changes
        if isinstance(c, WordsAppended)
        for i in range(len(c.words))
    ]
    assert len(appended) == len(set(appended)) == len(assembler.words)
    assert [t.turn_order for t in assembler.turns] == [0, 1, 2]
    assert all(t.formatted and t.end_of_turn for t in assembler.turns)


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_unformatted_session_keeps_partials_tentative_until_final(
    fake: FakeAssemblyAI, kind: str
) -> None:
    assembler = TranscriptAssembler()
    snapshots: list[str] = []
    assembler.on_change(lambda change: snapshots.append(assembler.final_text))
    if kind == "threaded":
        client = StreamingClient()
        assembler.attach(client)
        client.connect(StreamingParameters(sample_rate=RATE))
        client.stream(audio(1.0))
        client.disconnect(terminate=True)
    else:

        async def scenario() -> None:
            client = AsyncStreamingClient()
            assembler.attach(client)
            await client.connect(StreamingParameters(sample_rate=RATE))
            await client.stream(audio(1.0))
            await client.disconnect(terminate=True)

        asyncio.run(scenario())
    # Terminate flushes the turn in progress as final, without formatting.
    assert assembler.final_text == "welcome to"
    assert not any(t.formatted for t in assembler.turns)
    # The final text only ever grew.
    assert all(b.startswith(a) for a, b in itertools.pairwise(snapshots))


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_real_shaped_session_with_turns_missing_turn_order(kind: str) -> None:
    with FakeAssemblyAI(responses="real", seed=3) as fake:
        fake.streaming_text = TEXT
        assembler, _changes, errors = run_session(
            kind, StreamingParameters(sample_rate=RATE, format_turns=True), seconds=5.2
        )
    assert errors == []
    assert "Today we review the budget." in assembler.final_text
    assert assembler.final_text.count("Welcome to the weekly planning call.") == 1


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_session_ended_by_the_server_keeps_what_was_assembled(
    fake: FakeAssemblyAI, kind: str
) -> None:
    # Begin + 8 turn messages, then the server closes with an error mid-stream. (A TCP reset
    # would be no better test here: it may discard what the client had not read yet.)
    fake.stream_faults.add("v3", close_code=1011, reason="internal error", after_messages=9)
    assembler, _changes, errors = run_session(
        kind, StreamingParameters(sample_rate=RATE, format_turns=True), seconds=5.2
    )
    assert errors, "the dropped connection is reported"
    # Six partial copies, the final one and its formatted copy arrived before the close.
    assert assembler.text == "Welcome to the weekly planning call."
    assert assembler.turns[0].formatted


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_a_second_session_continues_after_the_connection_dropped(
    fake: FakeAssemblyAI, kind: str
) -> None:
    """The first connection is dropped (no close frame) after Begin and three Turns; a new
    session attached to the same assembler carries on after what the first one delivered."""
    fake.stream_faults.add("v3", drop=True, after_messages=4)
    assembler = TranscriptAssembler()
    params = StreamingParameters(sample_rate=RATE)
    # Each session's words are read before it ends: a client that writes to a dropped
    # connection may get a reset, which discards what it had not read yet.
    words_after = (3, 5)
    if kind == "threaded":
        for seconds, words in zip((1.2, 0.8), words_after, strict=True):
            client = StreamingClient()
            assembler.attach(client)
            client.connect(params)
            client.stream(audio(seconds))
            wait_for(lambda words=words: len(assembler.words) >= words)
            client.disconnect(terminate=True)
    else:

        async def scenario() -> None:
            for seconds, words in zip((1.2, 0.8), words_after, strict=True):
                client = AsyncStreamingClient()
                assembler.attach(client)
                await client.connect(params)
                await client.stream(audio(seconds))
                while len(assembler.words) < words:
                    await asyncio.sleep(0.01)
                await client.disconnect(terminate=True)

        asyncio.run(asyncio.wait_for(scenario(), 10))
    turns = assembler.turns
    # The first session's turn was cut off after three words, never final; the second
    # session heard the text from its start again, and its turn comes after.
    assert [t.turn_order for t in turns] == [0, 1]
    assert turns[0].text == "welcome to the" and not turns[0].end_of_turn
    assert turns[1].text == "welcome to" and turns[1].end_of_turn
    assert fake.stream_faults.rules == ()
