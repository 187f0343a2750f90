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

The socket I/O is ours (:mod:`.sansio`, over websockets' public sans-I/O protocol). A send
blocked on a peer that stopped reading is failed by shutting the socket down once the drain
deadline passes.

Latency: every thread switch between ``send()`` and a message handler costs tens of
microseconds, so an idle connection writes a frame in the caller's thread (the writer
thread only takes over when frames queue up), and the reader thread that reads the socket
calls the handlers itself instead of queueing messages for a second thread.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping

from assemblyai.streaming._connection import sansio as _sansio
from assemblyai.streaming._connection import wscore as _wscore
from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailed,
    ConnectFailure,
    FailureKind,
)
from assemblyai.streaming._connection.ws import connect_failure, handshake_logger, ssl_context_for

__all__ = ["ThreadedConnection"]

logger = logging.getLogger("assemblyai.streaming")

_STOP = object()  # queued after the last frame: the writer exits when it gets here
_POLL = 0.1  # seconds between checks while a producer waits for queue space


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
        self._ws: _sansio.WebSocket | None = None
        self._early: collections.deque[str | bytes] = collections.deque()
        self._closed = threading.Event()  # the connection has ended (set by the reader)
        self._stopping = threading.Event()  # close() was called: accept no more frames
        self._reader: threading.Thread | None = None  # reads the socket; runs the handlers
        self._writer: threading.Thread | None = None
        # Messages and the end of the connection are handled one at a time, and nothing
        # after the end.
        self._dispatch_lock = threading.Lock()
        # Held by whichever thread is sending a frame: the writer, or a producer sending
        # directly (see send()). It keeps frames in queue order.
        self._send_lock = threading.Lock()

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
        try:
            ws, early = _sansio.connect(
                url,
                headers,
                user_agent=user_agent,
                timeout=open_timeout,
                close_timeout=self._close_timeout,
                ssl_context=ssl_context_for(url),
                logger=handshake_logger(),
            )
        except Exception as exc:
            failure = connect_failure(exc)
            if isinstance(exc, _wscore.FirstMessageTimeout):
                failure = ConnectFailure(
                    FailureKind.TIMEOUT, f"no session-start message within {open_timeout} s"
                )
            if failure is None:
                raise
            raise ConnectFailed(failure) from exc
        self._ws = ws
        first = early.popleft()
        self._early = early
        return first

    def start(self) -> None:
        """Start the reader and writer threads (after the first message was handled).

        Messages that arrived after the first one are handled here, in the caller's thread.
        """
        assert self._ws is not None
        self._reader = threading.Thread(
            target=self._read_loop, name=f"{self._name}-reader", daemon=True
        )
        self._writer = threading.Thread(
            target=self._write_loop, name=f"{self._name}-writer", daemon=True
        )
        while self._early:
            self._deliver(self._early.popleft())
        # The writer first: a reader that sees the end at once may have close() called on
        # this connection from its end handler, which joins both.
        self._writer.start()
        self._reader.start()

    def send(self, frame: str | bytes, timeout: float | None = None) -> bool:
        """Send a frame, or queue it, blocking while the queue is full.

        When nothing is queued and no frame is being written, the frame is written in the
        caller's thread: handing it to the writer thread would add a thread switch to every
        chunk's latency. Otherwise it joins the queue behind the frames already there.

        Returns ``False`` (the frame is dropped) once the connection is closed or closing,
        or when ``timeout`` seconds pass without queue space.
        """
        if self._closed.is_set() or self._stopping.is_set():
            return False
        # A caller with a deadline always queues: a direct write could block past it. So
        # does a handler: while the reader thread is stuck writing to a server that waits
        # for us to read, neither side would move.
        if (
            timeout is None
            and not self.in_reader_thread()
            and self._send_lock.acquire(blocking=False)
        ):
            try:
                # unfinished_tasks counts frames queued and not yet written by the writer;
                # while we hold the lock the writer cannot write, so order is kept.
                ws = self._ws
                if self._queue.unfinished_tasks == 0 and ws is not None:
                    return ws.send(frame)  # False: the reader sees the end and reports it
            finally:
                self._send_lock.release()
        return self._enqueue(frame, timeout)

    def _enqueue(self, frame: str | bytes, timeout: float | None) -> bool:
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

    def offer(self, frame: str | bytes) -> bool:
        """Queue a frame without ever blocking; ``False`` if the queue is full or the
        connection is closed or closing (for audio callbacks, which must not wait)."""
        if self._closed.is_set() or self._stopping.is_set():
            return False
        try:
            self._queue.put_nowait(frame)
        except queue.Full:
            return False
        return True

    def take_unsent(self) -> list[str | bytes]:
        """The frames still queued once the connection has ended (none were written)."""
        frames: list[str | bytes] = []
        while True:
            try:
                frame = self._queue.get_nowait()
            except queue.Empty:
                self._wake_writer()  # the end-of-queue mark may have been taken too
                return frames
            self._queue.task_done()
            if isinstance(frame, (str, bytes)):
                frames.append(frame)

    def wait_closed(self, timeout: float) -> bool:
        """Wait until the connection has ended; ``True`` if it has."""
        return self._closed.wait(timeout)

    def in_reader_thread(self) -> bool:
        """Whether the caller is the thread that runs the message and close handlers."""
        return self._reader is not None and threading.current_thread() is self._reader

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
        writing = self._writer is not None and self._writer.is_alive()
        # A producer may be stuck in a direct write (see send()) while the writer is idle.
        if not writing and self._send_lock.acquire(timeout=max(deadline - time.monotonic(), 0)):
            self._send_lock.release()
        else:
            writing = True
        if writing and not self._closed.is_set():
            logger.warning("streaming: queued audio not sent within %.1f s; dropping it", timeout)
            self._abort()

    def close(self) -> None:
        """Close the websocket (normal closure) and join both threads.

        Takes at most ``close_timeout`` plus a second (two if a handler never returns);
        call :meth:`drain` first to send what is queued.
        """
        if self.in_reader_thread():
            # Joining the reader from the reader is impossible: finish in a helper thread.
            self._stopping.set()
            threading.Thread(target=self.close, name=f"{self._name}-closer", daemon=True).start()
            return
        self._stopping.set()
        deadline = time.monotonic() + self._close_timeout + 1.0
        ws = self._ws
        if ws is not None and not self._closed.is_set():
            # Writing the close frame blocks if the server stopped reading: write it aside
            # and cut the connection at the deadline.
            closing = threading.Thread(target=ws.start_closing, name=f"{self._name}-close")
            closing.daemon = True
            closing.start()
            closing.join(max(deadline - time.monotonic() - 1.0, 0.0))
            if closing.is_alive():
                self._abort()
                closing.join(1.0)
        # The server answers our close frame and ends the TCP connection; the reader sees it.
        self._join(self._reader, deadline - time.monotonic())
        if self._reader is not None and self._reader.is_alive():
            logger.warning("streaming: the connection did not end in time; cutting it")
            self._abort()
            self._join(self._reader, 1.0)
        self._wake_writer()
        self._join(self._writer, 1.0)
        if ws is not None and self._reader is None:
            ws.release()  # never started: no reader to close the socket

    def _read_loop(self) -> None:
        ws = self._ws
        assert ws is not None
        try:
            ended = False
            while not ended:
                messages, ended = ws.receive()
                for message in messages:
                    self._deliver(message)
        except Exception:
            logger.exception("streaming: the connection's reader failed")
        finally:
            info = ws.close_info()
            ws.release()
            with self._dispatch_lock:
                self._closed.set()
                self._wake_writer()
                try:
                    self._on_closed(info)
                except Exception:
                    logger.exception("streaming: error while handling the end of the connection")

    def _deliver(self, data: str | bytes) -> None:
        with self._dispatch_lock:
            if self._closed.is_set():
                return
            try:
                self._on_message(data)
            except Exception:  # a bug must not silently kill the session's reader
                logger.exception("streaming: error while handling a message")

    def _write_loop(self) -> None:
        ws = self._ws
        assert ws is not None
        while True:
            try:
                frame = self._queue.get(timeout=_wscore.PING_INTERVAL)
            except queue.Empty:
                self._keepalive(ws)
                continue
            if frame is _STOP or self._closed.is_set():
                return
            assert isinstance(frame, (str, bytes))
            try:
                with self._send_lock:
                    if not ws.send(frame):
                        return  # the reader sees the end and reports it
            finally:
                self._queue.task_done()

    def _keepalive(self, ws: _sansio.WebSocket) -> None:
        pinged_at = ws.pinged_at
        if pinged_at is None:
            with self._send_lock:
                ws.ping()
        elif time.monotonic() - pinged_at > _wscore.PING_TIMEOUT:
            logger.warning("streaming: no answer to a keepalive ping; closing the connection")
            self._abort()

    def _wake_writer(self) -> None:
        # A full queue means the writer is busy; it checks _closed before its next send.
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_STOP)

    def _abort(self) -> None:
        """Shut the socket down so that blocked sends and receives fail at once."""
        if self._ws is not None:
            self._ws.abort()

    def _join(self, thread: threading.Thread | None, timeout: float) -> None:
        if (
            thread is not None
            and thread.ident is not None
            and thread is not threading.current_thread()
        ):
            thread.join(max(timeout, 0.0))
