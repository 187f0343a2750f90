"""End to end: a 40-second WAV file through ``stream_file`` into both v3 clients."""

from __future__ import annotations

import asyncio
import math
import random
import struct
import time
import wave
from pathlib import Path

import pytest

from assemblyai.extras import stream_file
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
    TerminationEvent,
    TurnEvent,
)

from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(60)
RATE = 16_000
SECONDS = 40


@pytest.fixture(scope="module")
def wav_40s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tone with a little noise, 16-bit mono at 16 kHz (synthesised: no audio is shipped)."""
    rng = random.Random(7)
    samples = (
        int(6000 * math.sin(2 * math.pi * 220 * i / RATE) + rng.gauss(0, 500))
        for i in range(RATE * SECONDS)
    )
    path = tmp_path_factory.mktemp("audio") / "speech-like.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", max(-32768, min(32767, s))) for s in samples))
    return path


def options(server: FakeStreamingServer) -> StreamingClientOptions:
    return StreamingClientOptions(api_host=server.url, api_key=server.api_key)


def check(server: FakeStreamingServer, turns: list[TurnEvent], end: list[TerminationEvent]) -> None:
    finished = [t.transcript for t in turns if t.end_of_turn and not t.turn_is_formatted]
    print(f"\n{len(turns)} turn messages; finished turns:")
    for text in finished:
        print("  ", text)
    assert len(finished) == SECONDS // server.words_per_turn
    (termination,) = end
    assert termination.audio_duration_seconds == SECONDS
    server.wait_idle()
    assert server.sessions[0].audio_bytes == RATE * 2 * SECONDS


def test_threaded_client(wav_40s: Path, v3_server: FakeStreamingServer) -> None:
    turns: list[TurnEvent] = []
    end: list[TerminationEvent] = []
    end_at: list[float] = []
    client = StreamingClient(options(v3_server))
    client.on(StreamingEvents.Turn, lambda c, e: turns.append(e))
    client.on(
        StreamingEvents.Termination, lambda c, e: (end.append(e), end_at.append(time.monotonic()))
    )
    client.on(StreamingEvents.Error, lambda c, e: pytest.fail(f"error: {e!r}"))
    client.connect(StreamingParameters(sample_rate=RATE, format_turns=True))
    client.stream(stream_file(wav_40s, RATE, realtime=False))
    client.disconnect(terminate=True)
    assert time.monotonic() - end_at[0] < 1.0
    check(v3_server, turns, end)


def test_asyncio_client(wav_40s: Path, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> tuple[list[TurnEvent], list[TerminationEvent]]:
        turns: list[TurnEvent] = []
        end: list[TerminationEvent] = []
        async with AsyncStreamingClient(options(v3_server)) as client:
            await client.connect(StreamingParameters(sample_rate=RATE, format_turns=True))
            await client.stream(stream_file(wav_40s, RATE, realtime=False))
            closing = asyncio.create_task(client.disconnect(terminate=True))
            async for event in client:
                if isinstance(event, TurnEvent):
                    turns.append(event)
                elif isinstance(event, TerminationEvent):
                    end.append(event)
                    ended = time.monotonic()
            await closing
            assert time.monotonic() - ended < 1.0
        return turns, end

    check(v3_server, *asyncio.run(scenario()))
