"""What only the asyncio client has: ``async for event in client``, coroutine handlers, async sources."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    BeginEvent,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    TerminationEvent,
    TurnEvent,
)

from .drivers import silence
from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)
PARAMS = StreamingParameters(sample_rate=16_000)


def client_for(server: FakeStreamingServer) -> AsyncStreamingClient:
    return AsyncStreamingClient(StreamingClientOptions(api_host=server.url, api_key=server.api_key))


def test_iteration_yields_every_event_then_ends(v3_server: FakeStreamingServer) -> None:
    async def audio() -> AsyncIterator[bytes]:
        for chunk in silence(3):
            yield chunk

    async def scenario() -> list[object]:
        async with client_for(v3_server) as client:
            await client.connect(PARAMS)
            await client.stream(audio())
            await client.force_endpoint()
            closer = asyncio.create_task(client.disconnect(terminate=True))
            events = [event async for event in client]
            await closer
            assert [event async for event in client] == []  # a finished session stays finished
            return events

    events = asyncio.run(scenario())
    assert isinstance(events[0], BeginEvent)
    assert isinstance(events[-1], TerminationEvent)
    turns = [e for e in events if isinstance(e, TurnEvent)]
    # The fake server closes the (empty) turn in progress on ForceEndpoint.
    assert [t.transcript for t in turns if t.end_of_turn] == ["the quick brown", ""]


def test_iteration_raises_the_session_error(v3_server: FakeStreamingServer) -> None:
    v3_server.close_after_audio = (4029, "slow down")

    async def scenario() -> None:
        client = client_for(v3_server)
        await client.connect(PARAMS)
        await client.stream(silence(1))
        with pytest.raises(StreamingError) as info:
            async for _ in client:
                pass
        assert info.value.code == 4029
        await client.disconnect()

    asyncio.run(scenario())


def test_coroutine_handlers_are_awaited_in_order(v3_server: FakeStreamingServer) -> None:
    seen: list[str] = []

    async def scenario() -> None:
        client = client_for(v3_server)

        async def on_turn(c: AsyncStreamingClient, event: TurnEvent) -> None:
            await asyncio.sleep(0.01)
            seen.append(f"turn:{event.transcript}")

        def on_termination(c: AsyncStreamingClient, event: TerminationEvent) -> None:
            seen.append("termination")

        client.on(StreamingEvents.Turn, on_turn)
        client.on(StreamingEvents.Termination, on_termination)
        await client.connect(PARAMS)
        await client.stream(silence(2))
        await client.disconnect(terminate=True)

    asyncio.run(scenario())
    assert seen == ["turn:the", "turn:the quick", "termination"]


def test_blocking_source_runs_off_the_event_loop(v3_server: FakeStreamingServer) -> None:
    def slow_source() -> object:
        import time

        for chunk in silence(1.0, chunk_ms=50):  # 20 chunks, 0.4 s of blocking in all
            time.sleep(0.02)  # a microphone read blocks like this
            yield chunk

    async def scenario() -> None:
        client = client_for(v3_server)
        await client.connect(PARAMS)
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        task = asyncio.create_task(ticker())
        await client.stream(slow_source())  # type: ignore[arg-type]
        task.cancel()
        await client.disconnect(terminate=True)
        assert ticks > 40  # the loop kept running while the source blocked

    asyncio.run(scenario())
