"""``AsyncStreamingClient``: v3 streaming on asyncio (``websockets.asyncio``)."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from types import TracebackType

import httpx

from assemblyai._core.errors import connection_error
from assemblyai._core.exceptions import StreamingError
from assemblyai._core.settings import settings
from assemblyai._http.client import build_timeout, ssl_context
from assemblyai._http.client import user_agent as http_user_agent
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailed, FailureKind
from assemblyai.streaming._session.aio import AsyncSessionConnection
from assemblyai.streaming._session.controls import SessionControls
from assemblyai.streaming._session.v3 import v3_plan
from assemblyai.streaming.v3 import _protocol as _protocol
from assemblyai.streaming.v3._base import ClientBase
from assemblyai.streaming.v3.models import (
    EventMessage,
    StreamingParameters,
    StreamingSessionParameters,
)

__all__ = ["AsyncRealTimeTranscriber", "AsyncStreamingClient"]

_END = object()  # queued after the last event
EVENT_BUFFER = 1000  # events kept for `async for` before the first iteration starts


def _next_chunk(iterator: Iterator[bytes]) -> bytes | None:
    return next(iterator, None)


class AsyncStreamingClient(SessionControls, ClientBase):
    """The asyncio twin of :class:`StreamingClient`: same protocol, same guarantees.

    Consume events with handlers (plain functions or coroutine functions, called as
    ``handler(client, event)``), by iterating, or both::

        async with AsyncStreamingClient(StreamingClientOptions(api_key="...")) as client:
            await client.connect(StreamingParameters(sample_rate=16_000))
            sender = asyncio.create_task(client.stream(stream_file("a.wav", 16_000)))
            await sender
            await client.disconnect(terminate=True)
            async for event in client:   # Begin, Turns, Termination, then the loop ends
                print(event)

    Iteration yields every event from Begin on (up to 1000 are kept until an iteration
    starts; while one runs, the client waits for it rather than dropping events). It ends
    after the session ends, raising the session's :class:`StreamingError` if it failed.

    Arguments are those of :class:`StreamingClient`.
    """

    _conn: AsyncSessionConnection | None = None
    _session: _protocol.Session | None = None
    _events: asyncio.Queue[object] | None = None
    _final_error: StreamingError | None = None
    _iterators = 0
    _closer: asyncio.Task[None] | None = None

    async def connect(self, params: StreamingParameters) -> None:
        """Open the session and wait for the Begin message (handled before returning).

        Raises:
            ConfigurationError: no API key or token.
            StreamingError: the connection failed or the server refused it.
        """
        request = _protocol.connect_request(self._options, params)
        if self._conn is not None and not self._conn.closed:
            raise StreamingError("already connected; call disconnect() first")
        if self._conn is not None:
            await self._conn.close()  # a session the server ended: finish its tasks
        self._ended = asyncio.Event()
        self._events = asyncio.Queue(maxsize=EVENT_BUFFER)
        self._final_error = None
        session = _protocol.Session()
        plan = v3_plan(
            options=self._options,
            params=params,
            request=request,
            open_timeout=self._open_timeout,
            queue_size=self._send_queue_size,
            close_timeout=self._close_timeout,
            session_id=lambda: session.session_id,
        )
        conn = AsyncSessionConnection(plan, on_message=self._on_message, on_closed=self._on_closed)
        try:
            first = await conn.open()
        except ConnectFailed as exc:
            cause = None if exc.failure.kind is FailureKind.INVALID else exc.__cause__
            raise _protocol.connect_error(exc.failure, request) from cause
        self._session, self._conn = session, conn
        await self._on_message(first)
        conn.start()

    async def stream(self, data: bytes | Iterable[bytes] | AsyncIterable[bytes]) -> None:
        """Send audio: one chunk, or every chunk of an (async) iterable.

        A plain iterator (a generator, ``MicrophoneStream``, ``stream_file``) may block while
        it produces a chunk, so each ``next()`` runs in a worker thread; lists and tuples
        are read directly. Waits while the send queue is full; returns early once the
        session has ended.

        Raises:
            SendTimeoutError: the queue stayed full for the options' ``send_timeout``.
        """
        send = self._require_connection().send_audio
        if isinstance(data, bytes | bytearray | memoryview):
            await send(bytes(data))
            return
        if isinstance(data, AsyncIterable):
            async for chunk in data:
                if not await send(bytes(chunk)):
                    return
            return
        if isinstance(data, list | tuple):
            for chunk in data:
                if not await send(bytes(chunk)):
                    return
            return
        iterator = iter(data)
        while True:
            item = await asyncio.to_thread(_next_chunk, iterator)
            if item is None or not await send(bytes(item)):
                return

    async def set_params(self, params: StreamingSessionParameters) -> None:
        """Change turn-detection settings mid-session (only the fields that are set)."""
        await self._require_connection().send(_protocol.encode_update(params))

    async def force_endpoint(self) -> None:
        """End the current turn now."""
        await self._require_connection().send(_protocol.encode_force_endpoint())

    async def keep_alive(self) -> None:
        """Tell the server the client is still there while no audio flows (``KeepAlive``)."""
        await self._require_connection().send(_protocol.encode_keep_alive())

    async def disconnect(self, terminate: bool = False) -> None:
        """End the session; see :meth:`StreamingClient.disconnect`.

        Called from a handler, it schedules the work in a task and returns at once.
        """
        conn, session = self._conn, self._session
        if conn is None or session is None:
            return
        if conn.in_reader_task():
            self._closer = asyncio.create_task(self.disconnect(terminate))
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._terminate_timeout
        if (
            terminate
            and not session.terminated
            and await conn.send(_protocol.encode_terminate(), timeout=self._terminate_timeout)
        ):
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout_at(deadline):
                    await self._ended.wait()
        await conn.drain(timeout=max(deadline - loop.time(), 0.1))
        session.closing = True
        await conn.close()
        closer = self._closer
        if closer is not None and closer is not asyncio.current_task():
            await closer

    async def create_temporary_token(
        self, expires_in_seconds: int, max_session_duration_seconds: int | None = None
    ) -> str:
        """Create a temporary token; see :meth:`StreamingClient.create_temporary_token`."""
        request = _protocol.token_request(
            self._options, expires_in_seconds, max_session_duration_seconds, http_user_agent()
        )
        try:
            async with httpx.AsyncClient(
                timeout=build_timeout(settings.http_timeout),
                verify=ssl_context(settings.verify_tls),
            ) as http:
                response = await http.get(
                    request.url, params=request.params, headers=request.headers
                )
        except httpx.TransportError as exc:
            raise connection_error(
                exc,
                context="failed to create a temporary streaming token",
                family=StreamingError,
                method="GET",
                url=request.url,
            ) from exc
        return _protocol.parse_token_response(
            response.status_code, response.headers, response.content, request.url
        )

    def __aiter__(self) -> AsyncIterator[EventMessage]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[EventMessage]:
        events = self._events
        if events is None:
            raise StreamingError("not connected; call connect() first")
        self._iterators += 1
        try:
            while True:
                item = await events.get()
                if item is _END:
                    events.put_nowait(_END)  # for any other iteration
                    if self._final_error is not None:
                        raise self._final_error
                    return
                yield item  # type: ignore[misc]
        finally:
            self._iterators -= 1

    async def __aenter__(self) -> AsyncStreamingClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.disconnect(terminate=exc is None)

    # -- called by the connection --------------------------------------------------------------

    def _require_connection(self) -> AsyncSessionConnection:
        if self._conn is None:
            raise StreamingError("not connected; call connect() first")
        return self._conn

    async def _on_message(self, data: str | bytes) -> None:
        session = self._session
        assert session is not None
        for event in session.receive(data):
            if session.terminated:
                self._ended.set()
            await self._dispatch(event)
            await self._publish(event)

    async def _on_closed(self, info: CloseInfo) -> None:
        assert self._session is not None
        error = self._session.connection_closed(info)
        self._ended.set()
        if error is not None:
            self._final_error = error
            await self._dispatch(error)
        await self._publish(_END)

    async def _publish(self, item: object) -> None:
        """Hand an event to iterators: wait for a running one, else keep the latest ones."""
        events = self._events
        assert events is not None
        if self._iterators:
            await events.put(item)
            return
        if events.full():
            events.get_nowait()  # nobody iterates: the oldest event goes
        events.put_nowait(item)

    async def _dispatch(self, event: EventMessage | StreamingError) -> None:
        kind, argument = _protocol.handler_target(event)
        for handler in list(self._handlers[kind]):
            try:
                result = handler(self, argument)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                self._log_handler_failure(kind, handler)


AsyncRealTimeTranscriber = AsyncStreamingClient
"""The official 1.0.0's name for :class:`AsyncStreamingClient` (the same class)."""
