"""asyncio shell: moves frames between a websocket and two tasks; decides nothing.

The asyncio twin of :mod:`assemblyai.streaming._connection.threaded`, with the same guarantees: a
bounded send queue (a fast producer awaits), one end-of-connection callback, and a
:meth:`AsyncConnection.close` that returns within its time bounds and leaves no task behind.

It runs the same sans-I/O core (:mod:`.wscore`) over asyncio streams, so both shells share
the handshake, proxy choice, message assembly, keepalive and close bookkeeping. (websockets'
own asyncio client, used before, lost the messages still queued when the server closed,
before websockets 14.2.)
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import ssl
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping

from websockets.uri import WebSocketURI

from assemblyai.streaming._connection import wscore as _wscore
from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailed,
    ConnectFailure,
    FailureKind,
)
from assemblyai.streaming._connection.ws import connect_failure, handshake_logger, ssl_context_for

__all__ = ["AsyncConnection"]

logger = logging.getLogger("assemblyai.streaming")

_STOP = object()


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
        self._core: _wscore.Core | None = None
        self._stream: asyncio.StreamReader | None = None
        self._out: asyncio.StreamWriter | None = None
        self._early: collections.deque[str | bytes] = collections.deque()
        self._closed = asyncio.Event()
        self._stopping = False
        self._closing = False  # close frames exchanged: the server should end TCP soon
        self._reader: asyncio.Task[None] | None = None
        self._writer: asyncio.Task[None] | None = None

    @property
    def closed(self) -> bool:
        """The connection has ended (or never opened)."""
        return self._closed.is_set() or self._core is None

    async def open(
        self, url: str, headers: Mapping[str, str], *, user_agent: str, open_timeout: float
    ) -> str | bytes:
        """Connect and return the server's first message (see ``ThreadedConnection.open``).

        Raises:
            ConnectFailed: the connection or the first message failed.
        """
        try:
            async with asyncio.timeout(open_timeout):
                core = _wscore.start(url, headers, user_agent=user_agent, logger=handshake_logger())
                stream, out = await _open_streams(core.uri, ssl_context_for(url), user_agent)
                try:
                    early: collections.deque[str | bytes] = collections.deque()
                    _write(out, core.take())
                    while not early:
                        early.extend(core.feed_handshake(await stream.read(_wscore.READ_SIZE)))
                        _write(out, core.take())
                    await out.drain()
                except BaseException:
                    out.close()
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
        self._core, self._stream, self._out = core, stream, out
        first = early.popleft()
        self._early = early
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

    def offer(self, frame: str | bytes) -> bool:
        """Queue a frame without waiting; ``False`` if the queue is full or the connection
        is closed or closing."""
        if self._closed.is_set() or self._stopping:
            return False
        try:
            self._queue.put_nowait(frame)
        except asyncio.QueueFull:
            return False
        return True

    def take_unsent(self) -> list[str | bytes]:
        """The frames still queued once the connection has ended (none were written)."""
        frames: list[str | bytes] = []
        while not self._queue.empty():
            frame = self._queue.get_nowait()
            if isinstance(frame, (str, bytes)):
                frames.append(frame)
        self._queue.put_nowait(_STOP)  # the end-of-queue mark was taken too
        return frames

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
        core, out = self._core, self._out
        if core is None or out is None:
            return
        if not self._closed.is_set():
            core.close()
            _write(out, core.take())
            try:
                # The server answers our close frame and ends the TCP connection.
                async with asyncio.timeout(self._close_timeout):
                    await out.drain()
                    if self._reader is not None:
                        await asyncio.shield(self._reader)
            except (TimeoutError, OSError):
                out.transport.abort()  # a server that does not read or does not answer
        await self._finish(self._reader, 1.0)
        await self._finish(self._writer, 0.0)
        if self._reader is None:
            out.close()  # never started: no reader to close the connection

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
        core, stream, out = self._core, self._stream, self._out
        assert core is not None and stream is not None and out is not None
        info = CloseInfo(None, "")
        try:
            while self._early:
                await self._deliver(self._early.popleft())
            ended = False
            while not ended:
                try:
                    if self._closing:
                        # A server that exchanged close frames but never ends the TCP
                        # connection would hold back the end of the session.
                        async with asyncio.timeout(self._close_timeout):
                            data = await stream.read(_wscore.READ_SIZE)
                    else:
                        data = await stream.read(_wscore.READ_SIZE)
                except (OSError, TimeoutError):
                    data = b""
                messages, self._closing, ended = core.feed(data)
                _write(out, core.take())  # pongs, the close echo: no waiting on the peer
                for message in messages:
                    await self._deliver(message)
            info = core.close_info()
        finally:
            self._closed.set()
            out.close()
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(_STOP)
            try:
                await self._on_closed(info)
            except Exception:
                logger.exception("streaming: error while handling the end of the connection")

    async def _deliver(self, message: str | bytes) -> None:
        try:
            await self._on_message(message)
        except Exception:  # a bug must not silently kill the session's reader
            logger.exception("streaming: error while handling a message")

    async def _write_loop(self) -> None:
        core, out = self._core, self._out
        assert core is not None and out is not None
        while True:
            try:
                async with asyncio.timeout(_wscore.PING_INTERVAL):
                    frame = await self._queue.get()
            except TimeoutError:
                if core.pinged_at is None:
                    core.ping()
                    _write(out, core.take())
                elif time.monotonic() - core.pinged_at > _wscore.PING_TIMEOUT:
                    logger.warning(
                        "streaming: no answer to a keepalive ping; closing the connection"
                    )
                    out.transport.abort()
                continue
            if frame is _STOP or self._closed.is_set():
                return
            assert isinstance(frame, (str, bytes))
            if not core.send(frame):
                return  # the reader sees the end and reports it
            _write(out, core.take())
            try:
                await out.drain()
            except OSError:
                return


def _write(out: asyncio.StreamWriter, chunks: list[bytes]) -> None:
    for chunk in chunks:
        if chunk:
            out.write(chunk)
        elif out.can_write_eof():  # websockets' end-of-stream marker (not over TLS)
            out.write_eof()


async def _open_streams(
    uri: WebSocketURI, ssl_context: ssl.SSLContext | None, user_agent: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection to the server, through the environment's proxy if any, with TLS."""
    context = (ssl_context or ssl.create_default_context()) if uri.secure else None
    hostname = uri.host if uri.secure else None
    proxy = _wscore.proxy_for(uri)
    if proxy is None:
        return await asyncio.open_connection(
            uri.host, uri.port, ssl=context, server_hostname=hostname
        )
    stream, out = await asyncio.open_connection(proxy.hostname, proxy.port or 80)
    try:
        await _tunnel(stream, out, proxy, uri, user_agent)
        if context is not None:
            await out.start_tls(context, server_hostname=hostname)
    except BaseException:
        out.close()
        raise
    return stream, out


async def _tunnel(
    stream: asyncio.StreamReader,
    out: asyncio.StreamWriter,
    proxy: urllib.parse.SplitResult,
    uri: WebSocketURI,
    user_agent: str,
) -> None:
    """Ask an HTTP proxy for a tunnel to the server."""
    out.write(_wscore.tunnel_request(proxy, uri, user_agent))
    try:
        answer = await stream.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        raise ConnectionError(
            f"the proxy {proxy.hostname} did not answer the CONNECT request"
        ) from None
    _wscore.check_tunnel_answer(answer, proxy)
