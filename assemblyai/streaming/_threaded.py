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

Latency: every thread switch between ``send()`` and a message handler costs tens of
microseconds, so an idle connection writes a frame in the caller's thread (the writer
thread only takes over when frames queue up), and messages are handled in websockets' own
receiving thread instead of being queued for a second thread (see :class:`_Receiver`).
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.frames import Frame, Opcode
from websockets.protocol import Event, State
from websockets.sync.client import ClientConnection, connect

from ._common import CloseInfo, ConnectFailed, ConnectFailure, FailureKind
from ._ws import close_info, connect_failure, handshake_logger, ssl_context_for

__all__ = ["ThreadedConnection"]

logger = logging.getLogger("assemblyai.streaming")

_STOP = object()  # queued after the last frame: the writer exits when it gets here
_POLL = 0.1  # seconds between checks while a producer waits for queue space
_WATCHDOG = 0.5  # seconds between checks of a close handshake the server does not finish
_DATA = (Opcode.TEXT, Opcode.BINARY, Opcode.CONT)


class _Receiver(ClientConnection):
    """websockets' client connection, handing each data message to a consumer directly.

    Stock websockets reads the socket in its own thread and queues messages for ``recv()``
    in another; waking that second thread adds a thread switch to every message. Here the
    receiving thread calls the consumer itself. Messages that arrive before a consumer is
    attached (the session-start message, and any right behind it) wait in ``_early``.
    ``recv()`` then never returns a message: it only reports the end of the connection.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before super().__init__(), which starts the receiving thread.
        self._cond = threading.Condition()
        self._early: collections.deque[str | bytes] = collections.deque()
        self._consumer: Callable[[str | bytes], None] | None = None
        self._ended = False
        self._fragments: list[bytes] = []
        self._fragmented_text = False
        self._request_written = threading.Event()  # see recv_events()
        super().__init__(*args, **kwargs)

    def recv_events(self) -> None:
        # With TLS 1.3 the server sends its session tickets right after the TLS handshake,
        # while the caller is writing the opening HTTP request. Stock websockets reads (and
        # so processes the tickets) in this thread at that very moment, on the same OpenSSL
        # object, which OpenSSL does not support: about one connection in 500 lost its
        # request and failed after the server's handshake timeout (seen on loopback with the
        # stock client as well). Reading starts once the request has been written.
        self._request_written.wait()
        super().recv_events()

    def send_data(self) -> None:
        try:
            super().send_data()
        finally:
            self._request_written.set()

    def process_event(self, event: Event) -> None:
        if not isinstance(event, Frame) or event.opcode not in _DATA:
            super().process_event(event)
            return
        # The protocol has already checked the frame order (no stray continuation frames).
        if event.opcode is Opcode.CONT:
            self._fragments.append(bytes(event.data))
            if not event.fin:
                return
            data: bytes = b"".join(self._fragments)
            text = self._fragmented_text
            self._fragments = []
        elif not event.fin:
            self._fragments = [bytes(event.data)]
            self._fragmented_text = event.opcode is Opcode.TEXT
            return
        else:
            data, text = bytes(event.data), event.opcode is Opcode.TEXT
        message: str | bytes = data
        if text:
            try:
                message = data.decode()
            except UnicodeDecodeError:
                logger.warning("streaming: ignoring a text message that is not valid UTF-8")
                return
        consumer = self._consumer
        if consumer is None:
            with self._cond:
                consumer = self._consumer
                if consumer is None:
                    self._early.append(message)
                    self._cond.notify_all()
                    return
        consumer(message)

    def close_socket(self) -> None:
        self._request_written.set()  # a handshake that failed before writing: stop waiting
        super().close_socket()
        with self._cond:
            self._ended = True
            self._cond.notify_all()

    def first_message(self, timeout: float | None) -> str | bytes:
        """The first message, waiting up to ``timeout`` seconds.

        Raises:
            TimeoutError: no message in time.
            ConnectionClosed: the connection ended first.
        """
        with self._cond:
            if not self._cond.wait_for(lambda: self._early or self._ended, timeout):
                raise TimeoutError(f"no message within {timeout} s")
            if self._early:
                return self._early.popleft()
        return self.recv(0)  # the connection has ended: raises ConnectionClosed

    def attach(self, consumer: Callable[[str | bytes], None]) -> None:
        """Hand the waiting messages to ``consumer`` (in this thread), then all later ones
        (in the receiving thread), in order."""
        with self._cond:
            while self._early:
                consumer(self._early.popleft())
            self._consumer = consumer


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
        self._ws: _Receiver | None = None
        self._closed = threading.Event()  # the connection has ended (set by the reader)
        self._stopping = threading.Event()  # close() was called: accept no more frames
        self._reader: threading.Thread | None = None  # watches for the end of the connection
        self._receiver: threading.Thread | None = None  # websockets' thread; runs the handlers
        self._writer: threading.Thread | None = None
        # Messages (in the receiver) and the end of the connection (in the reader) are
        # handled one at a time, and nothing after the end.
        self._dispatch_lock = threading.Lock()
        # Held by whichever thread is writing a frame to the websocket: the writer, or a
        # producer sending directly (see send()).
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
                create_connection=_Receiver,
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
        assert isinstance(ws, _Receiver)
        ws.recv_events_thread.name = f"{self._name}-receiver"
        try:
            first = ws.first_message(
                None if deadline is None else max(deadline - time.monotonic(), 0.001)
            )
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
        """Start the reader and writer threads (after the first message was handled).

        Messages that arrived after the first one are handled here, in the caller's thread.
        """
        assert self._ws is not None
        self._receiver = self._ws.recv_events_thread
        self._reader = threading.Thread(
            target=self._read_loop, name=f"{self._name}-reader", daemon=True
        )
        self._writer = threading.Thread(
            target=self._write_loop, name=f"{self._name}-writer", daemon=True
        )
        self._reader.start()
        self._writer.start()
        self._ws.attach(self._deliver)

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
        # does a handler: while the receiving thread is stuck writing to a server that
        # waits for us to read, neither side would move.
        if (
            timeout is None
            and not self.in_reader_thread()
            and self._send_lock.acquire(blocking=False)
        ):
            try:
                # unfinished_tasks counts frames queued and not yet written by the writer;
                # while we hold the lock the writer cannot write, so order is kept.
                ws = self._ws
                if (
                    self._queue.unfinished_tasks == 0
                    and ws is not None
                    and ws.protocol.state is State.OPEN
                ):
                    try:
                        ws.send(frame)
                    except ConnectionClosed:
                        return False  # the reader sees the close and reports it
                    return True
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

    def wait_closed(self, timeout: float) -> bool:
        """Wait until the connection has ended; ``True`` if it has."""
        return self._closed.wait(timeout)

    def in_reader_thread(self) -> bool:
        """Whether the caller is a thread that runs the message or close handlers."""
        current = threading.current_thread()
        return current is self._receiver or current is self._reader

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
        if self._receiver is not None and self._in(self._receiver):
            # websockets' close waits for its receiving thread, which is this one.
            self._stopping.set()
            threading.Thread(target=self.close, name=f"{self._name}-closer", daemon=True).start()
            return
        self._stopping.set()
        deadline = time.monotonic() + self._close_timeout + 1.0
        if self._ws is not None:
            # websockets' close() (a no-op if already closed) waits for its receiving thread,
            # which runs the handlers: one that never returns (an application bug) would hold
            # it forever, so it runs aside and the connection is cut at the deadline.
            closing = threading.Thread(target=self._ws.close, name=f"{self._name}-close")
            closing.daemon = True
            closing.start()
            closing.join(max(deadline - time.monotonic(), 0.0))
            if closing.is_alive():
                logger.warning("streaming: a handler did not return; closing the connection")
                self._abort()
        self._join(self._reader, deadline - time.monotonic())
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
                self._deliver(data)  # not expected: _Receiver keeps messages from recv()
        finally:
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
            except Exception:  # a bug must not silently kill the session's receiver
                logger.exception("streaming: error while handling a message")

    def _write_loop(self) -> None:
        assert self._ws is not None
        while True:
            frame = self._queue.get()
            if frame is _STOP or self._closed.is_set():
                return
            assert isinstance(frame, (str, bytes))
            try:
                with self._send_lock:
                    self._ws.send(frame)
            except ConnectionClosed:
                return  # the reader sees the close and reports it
            finally:
                self._queue.task_done()

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
