"""Programs written against the official SDK 1.0.0's streaming README run unchanged on ours.

The programs below use only what that README shows (the `RealTime*` names, handlers called as
`handler(client, event)`, a paced file generator, `async with`, `set_params`, temporary
tokens, `RealTimeErrorCodes`), written in our own words, and run against the offline sandbox.
The README's connection options that another part of issue 17 adds (`connect_timeout`, the
handshake retries) are not used: its examples do not need them.
"""

from __future__ import annotations

import asyncio
import time
import wave
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from assemblyai.testing import FakeAssemblyAI

pytestmark = pytest.mark.timeout(60)

RATE = 16_000


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    path = tmp_path / "audio.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"\0\0" * int(RATE * 1.5))
    return path


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI() as fake:
        fake.streaming_text = "Hello there. How are you today?"
        yield fake


# ---- the sync program -------------------------------------------------------------------------


def sync_program(api_key: str, path: str, log: list[str]) -> None:
    from assemblyai.streaming.v3 import (
        BeginEvent,
        RealTimeError,
        RealTimeEvents,
        RealTimeParameters,
        RealTimeSessionParameters,
        RealTimeTranscriber,
        RealTimeTranscriberOptions,
        TerminationEvent,
        TurnEvent,
    )

    def paced_chunks(path: str, sample_rate: int, seconds: float = 0.3) -> Iterator[bytes]:
        size = int(sample_rate * seconds) * 2
        with open(path, "rb") as source:
            while chunk := source.read(size):
                yield chunk
                time.sleep(seconds / 10)  # the README sleeps `seconds`; a tenth keeps tests fast

    def on_begin(client: Any, event: BeginEvent) -> None:
        log.append(f"begin {event.id}")

    def on_turn(client: Any, event: TurnEvent) -> None:
        log.append(f"turn {event.transcript!r} end={event.end_of_turn}")
        if event.end_of_turn and not event.turn_is_formatted:
            client.set_params(RealTimeSessionParameters(format_turns=True))

    def on_terminated(client: Any, event: TerminationEvent) -> None:
        log.append(f"done {event.audio_duration_seconds}")

    def on_error(client: Any, error: RealTimeError) -> None:
        log.append(f"error {error} {error.code}")

    client = RealTimeTranscriber(RealTimeTranscriberOptions(api_key=api_key))
    client.on(RealTimeEvents.Begin, on_begin)
    client.on(RealTimeEvents.Turn, on_turn)
    client.on(RealTimeEvents.Termination, on_terminated)
    client.on(RealTimeEvents.Error, on_error)
    client.connect(RealTimeParameters(sample_rate=RATE, speech_model="universal-3-5-pro"))
    try:
        client.stream(paced_chunks(path, sample_rate=RATE))
    finally:
        client.disconnect(terminate=True)


def test_the_sync_readme_program(fake: FakeAssemblyAI, audio: Path) -> None:
    log: list[str] = []
    sync_program(fake.api_key, str(audio), log)
    assert log[0].startswith("begin ")
    assert "turn 'hello there' end=True" in log
    assert log[-1].startswith("done 1.5")
    assert not [line for line in log if line.startswith("error")]
    (session,) = fake.streaming_sessions
    assert session.query == {"sample_rate": "16000", "speech_model": "universal-3-5-pro"}
    assert {"type": "UpdateConfiguration", "format_turns": True} in session.messages


# ---- the asyncio program ----------------------------------------------------------------------


async def async_program(api_key: str, path: str, log: list[str]) -> None:
    from assemblyai.streaming.v3 import (
        AsyncRealTimeTranscriber,
        RealTimeEvents,
        RealTimeParameters,
        RealTimeTranscriberOptions,
    )

    async def paced_chunks(
        path: str, sample_rate: int, seconds: float = 0.3
    ) -> AsyncIterator[bytes]:
        size = int(sample_rate * seconds) * 2
        with open(path, "rb") as source:
            while chunk := source.read(size):
                yield chunk
                await asyncio.sleep(seconds / 10)

    async def on_turn(client: Any, event: Any) -> None:
        log.append(f"turn {event.transcript!r} end={event.end_of_turn}")

    options = RealTimeTranscriberOptions(api_key=api_key)
    async with AsyncRealTimeTranscriber(options) as client:
        client.on(RealTimeEvents.Turn, on_turn)
        await client.connect(RealTimeParameters(sample_rate=RATE, speech_model="universal-3-5-pro"))
        await client.stream(paced_chunks(path, RATE))


def test_the_async_readme_program(fake: FakeAssemblyAI, audio: Path) -> None:
    log: list[str] = []
    asyncio.run(async_program(fake.api_key, str(audio), log))
    assert "turn 'hello there' end=True" in log
    (session,) = fake.streaming_sessions
    assert session.wait_closed() and session.close_code == 1000


# ---- errors, tokens ----------------------------------------------------------------------------


def test_the_readme_error_handler_reads_codes(fake: FakeAssemblyAI) -> None:
    from assemblyai.streaming.v3 import (
        RealTimeErrorCodes,
        RealTimeEvents,
        RealTimeParameters,
        RealTimeTranscriber,
        RealTimeTranscriberOptions,
    )

    seen: list[str] = []

    def on_error(client: Any, error: Any) -> None:
        message = RealTimeErrorCodes.get(error.code, str(error))
        seen.append(f"Streaming error {error.code}: {message}")

    fake.stream_faults.add("v3", close_code=4031, reason="idle", after_messages=1)
    client = RealTimeTranscriber(RealTimeTranscriberOptions(api_key=fake.api_key))
    client.on(RealTimeEvents.Error, on_error)
    client.connect(RealTimeParameters(sample_rate=RATE))
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    client.disconnect()
    assert seen == [f"Streaming error 4031: {RealTimeErrorCodes[4031]}"]


def test_the_readme_token_flows(fake: FakeAssemblyAI) -> None:
    from assemblyai.streaming.v3 import (
        AsyncRealTimeTranscriber,
        RealTimeParameters,
        RealTimeTranscriber,
        RealTimeTranscriberOptions,
    )

    server = RealTimeTranscriber(RealTimeTranscriberOptions(api_key=fake.api_key))
    token = server.create_temporary_token(expires_in_seconds=60)

    async def mint() -> str:
        async with AsyncRealTimeTranscriber(RealTimeTranscriberOptions(api_key=fake.api_key)) as c:
            return await c.create_temporary_token(expires_in_seconds=60)

    other = asyncio.run(mint())
    assert token and other and token != other
    browser = RealTimeTranscriber(RealTimeTranscriberOptions(token=token))
    browser.connect(RealTimeParameters(sample_rate=RATE, speech_model="universal-3-5-pro"))
    browser.disconnect(terminate=True)
    (session,) = fake.streaming_sessions
    assert session.status == 101 and session.query["token"] == "***"
