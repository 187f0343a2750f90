"""Threaded shell: moves frames between a websocket and two daemon threads; decides nothing.

Used by the v3 :class:`~assemblyai.streaming.v3.StreamingClient` and the legacy v2
``RealtimeTranscriber``. What a frame means is the pure core's business; this module only
guarantees the properties the official SDK 0.45.4 lacked:

* sends go through a *bounded* queue, so a producer faster than the network blocks instead
  of growing memory;
* once the connection ends, for any reason, both threads finish, :meth:`send` returns
  ``False`` at once and :meth:`close` returns within its time bounds;
* threads are daemons (a forgotten session never keeps the interpreter alive) *and* are
  joined by :meth:`close`, unless it is called from the reader thread itself (a handler).

websockets' sync connection writes under a lock that its own receiving thread also needs, so
a send blocked on a peer that stopped reading would block the close handshake too. When the
drain deadline passes we therefore shut the socket down, which fails the stuck send.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Mapping

from websockets.exceptions import ConnectionClosed
from websockets.protocol import State
from websockets.sync.client import ClientConnection, connect

from ._common import CloseInfo, ConnectFailed, ConnectFailure, FailureKind
from ._ws import close_info, connect_failure, handshake_logger, ssl_context_for

__all__ = ["ThreadedConnection"]

logger = logging.getLogger("assemblyai.streaming")

_STOP = object()  # queued after the last frame: the writer exits when it gets here
_POLL = 0.1  # seconds between checks while a producer waits for queue space
_WATCHDOG = 0.5  # seconds between checks of a close handshake the server does not finish


class ThreadedConnection:
    """A websocket with a reader thread, a writer thread and a bounded send queue.

    Args:
        name: prefix of the thread names (visible in debuggers and thread dumps).
        on_message: called in the reader thread with each frame received after the first.
        on_closed: called once, in the reader thread, when the connection has ended.
        queue_size: frames that may wait to be sent before :meth:`send` blocks.
        close_timeout: seconds to wait for the server's answer to our close frame.
    """

    def __init__(
        self,
        *,
        name: str,
        on_message: Callable[[str | bytes], None],
        on_closed: Callable[[CloseInfo], None],
        queue_size: int,
        close_timeout: float,
    ) -> None:
        if queue_size < 1:
            raise ValueError(f"queue_size must be at least 1, got {queue_size}")
        self._name = name
        self._on_message = on_message
        self._on_closed = on_closed
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._close_timeout = close_timeout
        self._ws: ClientConnection | None = None
        self._closed = threading.Event()  # the connection has ended (set by the reader)
        self._stopping = threading.Event()  # close() was called: accept no more frames
        self._reader: threading.Thread | None = None
        self._writer: threading.Thread | None = None

    @property
    def closed(self) -> bool:
        """The connection has ended (or never opened)."""
        return self._closed.is_set() or self._ws is None

    def open(
        self, url: str, headers: Mapping[str, str], *, user_agent: str, open_timeout: float | None
    ) -> str | bytes:
        """Connect and wait for the server's first message, which is returned.

        Waiting for the first message turns a close right after the handshake (a bad key
        answered with 4001, say) into a connection error instead of a late callback. The
        caller handles the first message, then calls :meth:`start`.

        Raises:
            ConnectFailed: the connection or the first message failed.
        """
        deadline = None if open_timeout is None else time.monotonic() + open_timeout
        try:
            ws = connect(
                url,
                additional_headers=dict(headers),
                user_agent_header=user_agent,
                open_timeout=open_timeout,
                close_timeout=self._close_timeout,
                ssl=ssl_context_for(url),
                logger=handshake_logger(),
            )
        except Exception as exc:
            failure = connect_failure(exc)
            if failure is None:
                raise
            raise ConnectFailed(failure) from exc
        # websockets 17 wants connect() used as a context manager (or `legacy=True`, which
        # older releases reject). Entering the connection is what the `with` would do; our
        # close() ends it.
        ws.__enter__()
        try:
            first = ws.recv(None if deadline is None else max(deadline - time.monotonic(), 0.001))
        except BaseException as exc:
            ws.close()
            failure = connect_failure(exc)
            if isinstance(exc, TimeoutError):
                failure = ConnectFailure(
                    FailureKind.TIMEOUT, f"no session-start message within {open_timeout} s"
                )
            if failure is None:
                raise
            raise ConnectFailed(failure) from exc
        self._ws = ws
        return first

    def start(self) -> None:
        """Start the reader and writer threads (after the first message was handled)."""
        self._reader = threading.Thread(
            target=self._read_loop, name=f"{self._name}-reader", daemon=True
        )
        self._writer = threading.Thread(
            target=self._write_loop, name=f"{self._name}-writer", daemon=True
        )
        self._reader.start()
        self._writer.start()

    def send(self, frame: str | bytes, timeout: float | None = None) -> bool:
        """Queue a frame, blocking while the queue is full.

        Returns ``False`` (the frame is dropped) once the connection is closed or closing,
        or when ``timeout`` seconds pass without queue space.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while not (self._closed.is_set() or self._stopping.is_set()):
            if deadline is not None and time.monotonic() >= deadline:
                return False
            try:
                self._queue.put(frame, timeout=_POLL)
            except queue.Full:
                continue
            return True
        return False

    def wait_closed(self, timeout: float) -> bool:
        """Wait until the connection has ended; ``True`` if it has."""
        return self._closed.wait(timeout)

    def in_reader_thread(self) -> bool:
        """Whether the caller is the reader thread (i.e. a message or close handler)."""
        return self._reader is not None and self._in(self._reader)

    def drain(self, *, timeout: float) -> None:
        """Stop accepting frames and let the writer send the queued ones, for ``timeout`` s.

        If they are not all sent by then (the server stopped reading), the socket is shut
        down: the stuck send fails and the connection ends.
        """
        self._stopping.set()
        deadline = time.monotonic() + timeout
        # Mark the end of the queue; frames queued earlier still go out first.
        while not self._closed.is_set() and time.monotonic() < deadline:
            try:
                self._queue.put(_STOP, timeout=_POLL)
                break
            except queue.Full:
                continue
        self._join(self._writer, deadline - time.monotonic())
        if self._writer is not None and self._writer.is_alive() and not self._closed.is_set():
            logger.warning("streaming: queued audio not sent within %.1f s; dropping it", timeout)
            self._abort()

    def close(self) -> None:
        """Close the websocket (normal closure) and join both threads.

        Takes at most ``close_timeout`` plus a second; call :meth:`drain` first to send
        what is queued.
        """
        self._stopping.set()
        if self._ws is not None:
            self._ws.close()  # bounded by close_timeout; a no-op if already closed
        self._join(self._reader, self._close_timeout + 1.0)
        if self._reader is not None and self._reader.is_alive() and not self._in(self._reader):
            self._abort()
            self._join(self._reader, 1.0)
        self._wake_writer()
        self._join(self._writer, 1.0)

    def _read_loop(self) -> None:
        assert self._ws is not None
        info = CloseInfo(None, "")
        try:
            closing_since: float | None = None
            while True:
                try:
                    data = self._ws.recv(timeout=_WATCHDOG)
                except TimeoutError:
                    # After the close frames are exchanged the server should end the TCP
                    # connection; websockets waits for that without a limit, so a server
                    # that never does would hold back the error report. Cut it short.
                    if self._ws.state is not State.CLOSING:
                        continue
                    closing_since = closing_since or time.monotonic()
                    if time.monotonic() - closing_since > self._close_timeout:
                        self._abort()
                    continue
                except ConnectionClosed as exc:
                    info = close_info(exc)
                    return
                try:
                    self._on_message(data)
                except Exception:  # a bug must not silently kill the session's reader
                    logger.exception("streaming: error while handling a message")
        finally:
            self._closed.set()
            self._wake_writer()
            try:
                self._on_closed(info)
            except Exception:
                logger.exception("streaming: error while handling the end of the connection")

    def _write_loop(self) -> None:
        assert self._ws is not None
        while True:
            frame = self._queue.get()
            if frame is _STOP or self._closed.is_set():
                return
            assert isinstance(frame, (str, bytes))
            try:
                self._ws.send(frame)
            except ConnectionClosed:
                return  # the reader sees the close and reports it

    def _wake_writer(self) -> None:
        # A full queue means the writer is busy; it checks _closed before its next send.
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_STOP)

    def _abort(self) -> None:
        """Shut the socket down so that blocked sends and receives fail at once."""
        if self._ws is None:
            return
        with contextlib.suppress(OSError):  # already closed
            self._ws.socket.shutdown(socket.SHUT_RDWR)

    @staticmethod
    def _in(thread: threading.Thread) -> bool:
        return threading.current_thread() is thread

    def _join(self, thread: threading.Thread | None, timeout: float) -> None:
        if thread is not None and not self._in(thread):
            thread.join(max(timeout, 0.0))
