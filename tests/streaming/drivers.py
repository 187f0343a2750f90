"""One async interface over both v3 clients, so each scenario is written once and run twice.

``ThreadedDriver`` runs the blocking :class:`StreamingClient` calls in worker threads
(``asyncio.to_thread``), so a scenario can start a producer and then watch it; its handlers
still run in the client's own reader thread. ``AsyncDriver`` awaits the
:class:`AsyncStreamingClient` directly. Both record what the handlers saw.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
)

KINDS = ["threaded", "asyncio"]


class Driver:
    """What the handlers saw, plus the client calls as coroutines."""

    kind: str
    client: StreamingClient | AsyncStreamingClient

    def __init__(self) -> None:
        self.events: list[tuple[StreamingEvents, Any]] = []
        self.lock = threading.Lock()
        self.termination_at: float | None = None

    def record(self, kind: StreamingEvents) -> Callable[[Any, Any], None]:
        def handler(client: Any, event: Any) -> None:
            assert client is self.client
            with self.lock:
                self.events.append((kind, event))
                if kind is StreamingEvents.Termination:
                    self.termination_at = time.monotonic()

        return handler

    def register(self) -> None:
        for kind in StreamingEvents:
            self.client.on(kind, self.record(kind))

    def of(self, kind: StreamingEvents) -> list[Any]:
        with self.lock:
            return [event for k, event in self.events if k is kind]

    @property
    def errors(self) -> list[StreamingError]:
        return self.of(StreamingEvents.Error)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; events so far: {self.events}")
            await asyncio.sleep(0.01)

    async def connect(self, params: StreamingParameters) -> None:
        raise NotImplementedError

    async def stream(self, data: bytes | Iterable[bytes]) -> None:
        raise NotImplementedError

    async def set_params(self, params: StreamingSessionParameters) -> None:
        raise NotImplementedError

    async def force_endpoint(self) -> None:
        raise NotImplementedError

    async def disconnect(self, terminate: bool = False) -> None:
        raise NotImplementedError

    async def create_temporary_token(self, expires: int, max_duration: int | None = None) -> str:
        raise NotImplementedError


class ThreadedDriver(Driver):
    kind = "threaded"

    def __init__(self, options: StreamingClientOptions, **kwargs: Any) -> None:
        super().__init__()
        self.client = StreamingClient(options, **kwargs)
        self.register()

    async def connect(self, params: StreamingParameters) -> None:
        await asyncio.to_thread(self.client.connect, params)

    async def stream(self, data: bytes | Iterable[bytes]) -> None:
        await asyncio.to_thread(self.client.stream, data)

    async def set_params(self, params: StreamingSessionParameters) -> None:
        await asyncio.to_thread(self.client.set_params, params)

    async def force_endpoint(self) -> None:
        await asyncio.to_thread(self.client.force_endpoint)

    async def disconnect(self, terminate: bool = False) -> None:
        await asyncio.to_thread(self.client.disconnect, terminate)

    async def create_temporary_token(self, expires: int, max_duration: int | None = None) -> str:
        return await asyncio.to_thread(self.client.create_temporary_token, expires, max_duration)


class AsyncDriver(Driver):
    kind = "asyncio"
    client: AsyncStreamingClient

    def __init__(self, options: StreamingClientOptions, **kwargs: Any) -> None:
        super().__init__()
        self.client = AsyncStreamingClient(options, **kwargs)
        self.register()

    async def connect(self, params: StreamingParameters) -> None:
        await self.client.connect(params)

    async def stream(self, data: bytes | Iterable[bytes]) -> None:
        await self.client.stream(data)

    async def set_params(self, params: StreamingSessionParameters) -> None:
        await self.client.set_params(params)

    async def force_endpoint(self) -> None:
        await self.client.force_endpoint()

    async def disconnect(self, terminate: bool = False) -> None:
        await self.client.disconnect(terminate)

    async def create_temporary_token(self, expires: int, max_duration: int | None = None) -> str:
        return await self.client.create_temporary_token(expires, max_duration)


def make_driver(kind: str, options: StreamingClientOptions, **kwargs: Any) -> Driver:
    return (
        ThreadedDriver(options, **kwargs) if kind == "threaded" else AsyncDriver(options, **kwargs)
    )


def silence(seconds: float, rate: int = 16_000, chunk_ms: int = 100) -> list[bytes]:
    """PCM16 silence in ``chunk_ms`` chunks (the server makes one word per second of audio)."""
    chunk = b"\x00\x00" * (rate * chunk_ms // 1000)
    return [chunk] * int(seconds * 1000 / chunk_ms)
