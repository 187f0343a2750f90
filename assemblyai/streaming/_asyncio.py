"""asyncio shell: moves frames between a websocket and two tasks; decides nothing.

The asyncio twin of :mod:`assemblyai.streaming._threaded`, with the same guarantees: a
bounded send queue (a fast producer awaits), one end-of-connection callback, and a
:meth:`AsyncConnection.close` that returns within its time bounds and leaves no task behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

from ._common import CloseInfo, ConnectFailed, ConnectFailure, FailureKind
from ._ws import close_info, connect_failure, handshake_logger, ssl_context_for

__all__ = ["AsyncConnection"]

logger = logging.getLogger("assemblyai.streaming")

_STOP = object()
_WATCHDOG = 0.5  # seconds between checks of a close handshake the server does not finish


class AsyncConnection:
    """A websocket with a reader task, a writer task and a bounded send queue.

    Args:
        name: prefix of the task names.
        on_message: awaited in the reader task with each frame received after the first.
        on_closed: awaited once, in the reader task, when the connection has ended.
        queue_size: frames that may wait to be sent before :meth:`send` waits.
        close_timeout: seconds to wait for the server's answer to our close frame.
    """

    def __init__(
        self,
        *,
        name: str,
        on_message: Callable[[str | bytes], Awaitable[None]],
        on_closed: Callable[[CloseInfo], Awaitable[None]],
        queue_size: int,
        close_timeout: float,
    ) -> None:
        if queue_size < 1:
            raise ValueError(f"queue_size must be at least 1, got {queue_size}")
        self._name = name
        self._on_message = on_message
        self._on_closed = on_closed
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=queue_size)
        self._close_timeout = close_timeout
        self._ws: ClientConnection | None = None
        self._closed = asyncio.Event()
        self._stopping = False
        self._reader: asyncio.Task[None] | None = None
        self._writer: asyncio.Task[None] | None = None

    @property
    def closed(self) -> bool:
        """The connection has ended (or never opened)."""
        return self._closed.is_set() or self._ws is None

    async def open(
        self, url: str, headers: Mapping[str, str], *, user_agent: str, open_timeout: float
    ) -> str | bytes:
        """Connect and return the server's first message (see ``ThreadedConnection.open``).

        Raises:
            ConnectFailed: the connection or the first message failed.
        """
        try:
            async with asyncio.timeout(open_timeout):
                ws = await connect(
                    url,
                    additional_headers=dict(headers),
                    user_agent_header=user_agent,
                    open_timeout=None,  # the enclosing timeout covers the first message too
                    close_timeout=self._close_timeout,
                    ssl=ssl_context_for(url),
                    logger=handshake_logger(),
                )
                try:
                    first = await ws.recv()
                except BaseException:
                    await ws.close()
                    raise
        except Exception as exc:
            failure = connect_failure(exc)
            if isinstance(exc, TimeoutError):
                failure = ConnectFailure(
                    FailureKind.TIMEOUT,
                    f"no connection or session-start message within {open_timeout} s",
                )
            if failure is None:
                raise
            raise ConnectFailed(failure) from exc
        self._ws = ws
        return first

    def start(self) -> None:
        """Start the reader and writer tasks (after the first message was handled)."""
        self._reader = asyncio.create_task(self._read_loop(), name=f"{self._name}-reader")
        self._writer = asyncio.create_task(self._write_loop(), name=f"{self._name}-writer")

    async def send(self, frame: str | bytes, timeout: float | None = None) -> bool:
        """Queue a frame, waiting while the queue is full.

        Returns ``False`` (the frame is dropped) once the connection is closed or closing,
        or when ``timeout`` seconds pass without queue space.
        """
        if self._closed.is_set() or self._stopping:
            return False
        try:
            self._queue.put_nowait(frame)
            return True
        except asyncio.QueueFull:
            pass
        put = asyncio.ensure_future(self._queue.put(frame))
        ended = asyncio.ensure_future(self._closed.wait())
        try:
            await asyncio.wait({put, ended}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ended.cancel()
            if not put.done():
                put.cancel()
        return put.done() and not put.cancelled()

    async def wait_closed(self, timeout: float) -> bool:
        """Wait until the connection has ended; ``True`` if it has."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._closed.wait()
        return self._closed.is_set()

    def in_reader_task(self) -> bool:
        """Whether the caller runs in the reader task (i.e. in a message or close handler)."""
        return self._reader is not None and asyncio.current_task() is self._reader

    async def drain(self, *, timeout: float) -> None:
        """Stop accepting frames and let the writer send the queued ones, for ``timeout`` s;
        then a writer stuck on a peer that stopped reading is cancelled."""
        self._stopping = True
        if self._writer is not None and not self._closed.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._queue.put(_STOP)
                    await asyncio.shield(self._writer)
        if self._writer is not None and not self._writer.done():
            logger.warning("streaming: queued audio not sent within %.1f s; dropping it", timeout)
        await self._finish(self._writer, 0.0)

    async def close(self) -> None:
        """Close the websocket (normal closure) and finish both tasks.

        Takes at most ``close_timeout`` plus a second; call :meth:`drain` first to send what
        is queued.
        """
        self._stopping = True
        if self._ws is not None:
            await self._ws.close()  # bounded by close_timeout, then the transport is aborted
        await self._finish(self._reader, self._close_timeout + 1.0)
        await self._finish(self._writer, 0.0)

    async def _finish(self, task: asyncio.Task[None] | None, timeout: float) -> None:
        """Wait up to ``timeout`` for ``task``, then cancel it; never waits for itself."""
        if task is None or task is asyncio.current_task() or task.done():
            return
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if not done:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _read_loop(self) -> None:
        assert self._ws is not None
        info = CloseInfo(None, "")
        try:
            loop = asyncio.get_running_loop()
            closing_since: float | None = None
            while True:
                try:
                    # Cancelling recv() loses no data (websockets guarantees it).
                    data = await asyncio.wait_for(self._ws.recv(), _WATCHDOG)
                except TimeoutError:
                    # A server that exchanged close frames but never ends the TCP connection
                    # would hold back the error report; cut it short (see _threaded).
                    if self._ws.state is not State.CLOSING:
                        continue
                    closing_since = closing_since or loop.time()
                    if loop.time() - closing_since > self._close_timeout:
                        self._ws.transport.abort()
                    continue
                except ConnectionClosed as exc:
                    info = close_info(exc)
                    return
                try:
                    await self._on_message(data)
                except Exception:  # a bug must not silently kill the session's reader
                    logger.exception("streaming: error while handling a message")
        finally:
            self._closed.set()
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(_STOP)
            try:
                await self._on_closed(info)
            except Exception:
                logger.exception("streaming: error while handling the end of the connection")

    async def _write_loop(self) -> None:
        assert self._ws is not None
        while True:
            frame = await self._queue.get()
            if frame is _STOP or self._closed.is_set():
                return
            assert isinstance(frame, (str, bytes))
            try:
                await self._ws.send(frame)
            except ConnectionClosed:
                return
