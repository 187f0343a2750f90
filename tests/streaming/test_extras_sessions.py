"""Dual-channel streaming over loopback websockets with the sandbox, threaded and asyncio.

A stereo WAV is made in the test (speech-like audio on the left for the first sentence, on the
right for the second), split into its channels, and fed to a ``ChannelStreamer`` or
``AsyncChannelStreamer`` 100 ms at a time per channel, as two capture callbacks would. The
sandbox hears the mixed session's words at 400 ms each, so words 0-3 lie in the left
channel's speech and words 4-7 in the right's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    BeginEvent,
    StreamingClient,
    StreamingEvents,
    StreamingParameters,
    TranscriptAssembler,
)
from assemblyai.streaming.v3.extras import (
    AsyncChannelStreamer,
    ChannelStreamer,
    DualChannelTurnEvent,
    VadFrame,
)
from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._channels import speech_like, split_wav, stereo_wav

pytestmark = pytest.mark.timeout(60)

RATE = 16_000
TEXT = "Alice opens the call. Bob answers right away."
CHUNK = RATE // 10 * 2  # 100 ms of 16-bit samples


@cache
def channels() -> tuple[bytes, bytes]:
    left = speech_like(3.2, active=[(0.0, 1.6)], sample_rate=RATE)
    right = speech_like(3.2, active=[(1.6, 3.2)], sample_rate=RATE, pitch_hz=190, seed=1)
    rate, (mic, system) = split_wav(stereo_wav([left, right], sample_rate=RATE))
    assert rate == RATE
    return mic, system


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI() as fake:
        fake.streaming_text = TEXT
        yield fake
        for session in fake.streaming_sessions:
            assert session.wait_closed()
        assert fake.violations == []


def check_turns(turns: list[DualChannelTurnEvent], fake: FakeAssemblyAI) -> None:
    finals = [t for t in turns if t.end_of_turn and t.turn_is_formatted]
    assert [(t.transcript, t.channel) for t in finals] == [
        ("Alice opens the call.", "mic"),
        ("Bob answers right away.", "system"),
    ]
    for turn in finals:
        assert [w.channel for w in turn.words] == [turn.channel] * 4
        assert not any(w.channel_resolved for w in turn.words)
    # One mono session carried the mix: 3.2 s of audio, none of it lost or doubled.
    (session,) = fake.streaming_sessions
    assert session.audio_bytes == 2 * round(3.2 * RATE)


def test_threaded_channel_streamer(fake: FakeAssemblyAI) -> None:
    mic, system = channels()
    client = StreamingClient()
    mixer = ChannelStreamer(client, channels=["mic", "system"], sample_rate=RATE)
    turns: list[DualChannelTurnEvent] = []
    begins: list[BeginEvent] = []
    mixer.on(StreamingEvents.Turn, lambda _c, turn: turns.append(turn))
    mixer.on(StreamingEvents.Begin, lambda _c, begin: begins.append(begin))  # goes to the client
    client.connect(StreamingParameters(sample_rate=RATE, format_turns=True))
    for at in range(0, len(mic), CHUNK):
        mixer.stream("mic", mic[at : at + CHUNK])
        mixer.stream("system", system[at : at + CHUNK])
    mixer.flush()
    client.disconnect(terminate=True)
    assert len(begins) == 1
    check_turns(turns, fake)


def test_asyncio_channel_streamer_with_coroutine_handlers(fake: FakeAssemblyAI) -> None:
    mic, system = channels()
    turns: list[DualChannelTurnEvent] = []
    frames: list[VadFrame] = []

    async def on_turn(_client: Any, turn: DualChannelTurnEvent) -> None:
        await asyncio.sleep(0)
        turns.append(turn)

    async def scenario() -> None:
        client = AsyncStreamingClient()
        mixer = AsyncChannelStreamer(
            client, channels=["mic", "system"], sample_rate=RATE, on_vad=frames.append
        )
        mixer.on(StreamingEvents.Turn, on_turn)
        await client.connect(StreamingParameters(sample_rate=RATE, format_turns=True))
        for at in range(0, len(mic), CHUNK):
            await mixer.stream("mic", mic[at : at + CHUNK])
            await mixer.stream("system", system[at : at + CHUNK])
        await mixer.flush()
        await client.disconnect(terminate=True)

    asyncio.run(scenario())
    check_turns(turns, fake)
    # 20 ms VAD frames on each channel; the mic is active first, the system second.
    assert len(frames) == 2 * 160
    mic_active = [f.ts for f in frames if f.channel == "mic" and f.active]
    system_active = [f.ts for f in frames if f.channel == "system" and f.active]
    assert min(mic_active) < 100 and max(mic_active) <= 1600 + 220  # hangover: 10 frames
    assert 1600 <= min(system_active) < 1700


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_a_source_that_ends_early_degrades_to_the_other(fake: FakeAssemblyAI, kind: str) -> None:
    """The system source stops after 1.6 s (silent so far); once it is closed the mic, which
    speaks both sentences, goes on alone and nothing stalls."""
    _, system = channels()
    mic = speech_like(3.2, active=[(0.0, 1.5), (1.7, 3.2)], sample_rate=RATE)
    half = len(system) // 2
    turns: list[DualChannelTurnEvent] = []

    def on_turn(_client: Any, turn: DualChannelTurnEvent) -> None:
        turns.append(turn)

    if kind == "threaded":
        client = StreamingClient()
        mixer = ChannelStreamer(client, channels=["mic", "system"], sample_rate=RATE)
        mixer.on(StreamingEvents.Turn, on_turn)
        client.connect(StreamingParameters(sample_rate=RATE))
        for at in range(0, half, CHUNK):
            mixer.stream("mic", mic[at : at + CHUNK])
            mixer.stream("system", system[at : at + CHUNK])
        mixer.close_channel("system")
        mixer.stream("mic", mic[half:])
        mixer.flush()
        client.disconnect(terminate=True)
    else:

        async def scenario() -> None:
            client = AsyncStreamingClient()
            mixer = AsyncChannelStreamer(client, channels=["mic", "system"], sample_rate=RATE)
            mixer.on(StreamingEvents.Turn, on_turn)
            await client.connect(StreamingParameters(sample_rate=RATE))
            for at in range(0, half, CHUNK):
                await mixer.stream("mic", mic[at : at + CHUNK])
                await mixer.stream("system", system[at : at + CHUNK])
            await mixer.close_channel("system")
            await mixer.stream("mic", mic[half:])
            await mixer.flush()
            await client.disconnect(terminate=True)

        asyncio.run(scenario())
    (session,) = fake.streaming_sessions
    assert session.audio_bytes == len(mic)
    assert [t.channel for t in turns if t.end_of_turn] == ["mic", "mic"]
    assert [t.transcript for t in turns if t.end_of_turn] == [
        "alice opens the call",
        "bob answers right away",
    ]
    # Audio frames stay within the server's 50-1000 ms per message (checked by the sandbox too).
    assert fake.violations == []


def test_the_assembler_takes_the_enriched_turns(fake: FakeAssemblyAI) -> None:
    """The assembler and the dual-channel streamer compose: the mixer's Turn handler feeds it."""
    mic, system = channels()
    client = StreamingClient()
    mixer = ChannelStreamer(client, channels=["mic", "system"], sample_rate=RATE)
    assembler = TranscriptAssembler()
    by_word: list[tuple[str, str | None]] = []

    def on_turn(_client: Any, turn: DualChannelTurnEvent) -> None:
        assembler.feed(turn)
        if turn.turn_is_formatted:
            by_word.extend((w.text or "", w.channel) for w in turn.words)

    mixer.on(StreamingEvents.Turn, on_turn)
    client.connect(StreamingParameters(sample_rate=RATE, format_turns=True))
    mixer.stream("mic", mic)
    mixer.stream("system", system)
    mixer.flush()
    client.disconnect(terminate=True)
    assert assembler.final_text == "Alice opens the call.\nBob answers right away."
    assert by_word[3] == ("call.", "mic") and by_word[4] == ("Bob", "system")


@pytest.mark.parametrize("kind", ["threaded", "asyncio"])
def test_each_channel_of_a_stereo_wav_as_its_own_session(fake: FakeAssemblyAI, kind: str) -> None:
    """The other way to stream two channels: split the WAV and give each its own session."""
    mic, system = channels()
    transcripts: dict[str, list[str]] = {"mic": [], "system": []}

    def recorder(name: str) -> Any:
        def on_turn(_client: Any, turn: Any) -> None:
            if turn.end_of_turn:
                transcripts[name].append(turn.transcript)

        return on_turn

    params = StreamingParameters(sample_rate=RATE)
    if kind == "threaded":
        clients = {name: StreamingClient() for name in transcripts}
        for name, client in clients.items():
            client.on(StreamingEvents.Turn, recorder(name))
            client.connect(params)
        for at in range(0, len(mic), CHUNK):
            clients["mic"].stream(mic[at : at + CHUNK])
            clients["system"].stream(system[at : at + CHUNK])
        for client in clients.values():
            client.disconnect(terminate=True)
    else:

        async def one(name: str, pcm: bytes) -> None:
            client = AsyncStreamingClient()
            client.on(StreamingEvents.Turn, recorder(name))
            await client.connect(params)
            await client.stream([pcm[at : at + CHUNK] for at in range(0, len(pcm), CHUNK)])
            await client.disconnect(terminate=True)

        async def both() -> None:
            await asyncio.gather(one("mic", mic), one("system", system))

        asyncio.run(both())
    # The sandbox hears each session on its own: both hear the text from its start.
    assert (
        transcripts["mic"]
        == transcripts["system"]
        == [
            "alice opens the call",
            "bob answers right away",
        ]
    )
    assert sorted(s.audio_bytes for s in fake.streaming_sessions) == [len(mic), len(system)]
