"""Connections made through a ``websocket_connect`` that user code replaced.

0.45.4 connected through the name ``websocket_connect`` in ``assemblyai.streaming.v3.client``
(v3) and in ``assemblyai.transcriber`` (the v2 ``RealtimeTranscriber``), and users' tests
patch those names with fakes (``mocker.patch("assemblyai.streaming.v3.client.websocket_connect",
...)``). When a client finds its name replaced at ``connect()``, it connects through the
replacement with 0.45.4's arguments, ``(url, additional_headers=..., open_timeout=...)``, and
drives whatever comes back the way 0.45.4 did: ``recv(timeout=1)`` in a reader thread,
``send(frame)`` and ``close()``. As in 0.45.4, ``connect()`` then returns without waiting for
the session-start message, which arrives in the reader thread like any other.

Unpatched, the clients use :class:`~assemblyai.streaming._connection.threaded.ThreadedConnection`, with
its bounded queue, TLS settings and redacted handshake logs; none of that applies to a fake.

The asyncio ``AsyncStreamingClient`` does not look for a replacement: 0.45.4 had no async
client, so no existing test patches one for it, and the one patch point there is, the sync
client's ``websocket_connect``, returns a blocking connection that an event loop cannot drive
(tests/streaming/test_transport.py shows the async client ignoring it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from websockets.exceptions import ConnectionClosed

from assemblyai.streaming._connection.common import CloseInfo, ConnectFailed
from assemblyai.streaming._connection.ws import close_info, connect_failure

__all__ = ["PatchedConnection", "replacement"]

logger = logging.getLogger("assemblyai.streaming")

_RECV_TIMEOUT = 1.0  # what 0.45.4 passed to recv(); fakes may expect it
_JOIN_TIMEOUT = _RECV_TIMEOUT + 1.0


def replacement(candidate: object, original: object) -> Callable[..., Any] | None:
    """``candidate`` when it is a callable that is not ``original`` (a user's patch), else None."""
    if candidate is None or candidate is original or not callable(candidate):
        return None
    return candidate


class PatchedConnection:
    """The connection interface the clients use, over a patched ``websocket_connect``.

    Args:
        connect: the replacement for ``websocket_connect``.
        name: prefix of the reader thread's name.
        on_message: called in the reader thread with each text or binary message.
        on_closed: called once, in the reader thread, when reading has ended.
    """

    def __init__(
        self,
        connect: Callable[..., Any],
        *,
        name: str,
        on_message: Callable[[str | bytes], None],
        on_closed: Callable[[CloseInfo], None],
    ) -> None:
        self._connect = connect
        self._name = name
        self._on_message = on_message
        self._on_closed = on_closed
        self._ws: Any = None
        self._reader: threading.Thread | None = None
        self._closed = threading.Event()
        self._stopping = threading.Event()
        self._send_lock = threading.Lock()

    @property
    def closed(self) -> bool:
        """The connection has ended (or the fake returned no connection)."""
        return self._closed.is_set() or self._ws is None

    def open(
        self, url: str, headers: Mapping[str, str] | None, *, open_timeout: float | None
    ) -> None:
        """Call the replacement as 0.45.4 called ``websocket_connect``.

        Raises:
            ConnectFailed: it raised one of websockets' or the OS's connection errors.
        """
        try:
            ws = self._connect(
                url,
                additional_headers=None if headers is None else dict(headers),
                open_timeout=open_timeout,
            )
        except Exception as exc:
            failure = connect_failure(exc)
            if failure is None:
                raise
            raise ConnectFailed(failure) from exc
        # A real websockets connection returned through a wrapping mock: it is closed by
        # close() below, so websockets' "use connect() as a context manager" warning is moot.
        if hasattr(ws, "pending_legacy_warning"):
            ws.pending_legacy_warning = False
        self._ws = ws

    def start(self) -> None:
        """Start reading (nothing to read when the fake returned no connection)."""
        if self._ws is None:
            return
        self._reader = threading.Thread(
            target=self._read_loop, name=f"{self._name}-reader", daemon=True
        )
        self._reader.start()

    def send(self, frame: str | bytes, timeout: float | None = None) -> bool:
        """Send a frame in the caller's thread; ``False`` once closed or closing."""
        ws = self._ws
        if ws is None or self._closed.is_set() or self._stopping.is_set():
            return False
        with self._send_lock:
            try:
                ws.send(frame)
            except ConnectionClosed:
                return False
        return True

    def drain(self, *, timeout: float) -> None:
        """Accept no more frames (sends are synchronous here: nothing is queued)."""
        self._stopping.set()

    def wait_closed(self, timeout: float) -> bool:
        return self._closed.wait(timeout)

    def in_reader_thread(self) -> bool:
        return threading.current_thread() is self._reader

    def close(self) -> None:
        """Close the connection and wait for the reader, which checks every second."""
        self._stopping.set()
        ws = self._ws
        if ws is not None:
            try:
                ws.close()
            except Exception:
                logger.exception("streaming: closing the patched websocket_connect's connection")
        reader = self._reader
        # ident is None when the thread never ran (tests that also patch Thread.start).
        if reader is not None and reader.ident is not None and not self.in_reader_thread():
            reader.join(_JOIN_TIMEOUT)

    def _read_loop(self) -> None:
        info = CloseInfo(None, "")
        ended = True
        try:
            while not self._stopping.is_set():
                try:
                    data = self._ws.recv(timeout=_RECV_TIMEOUT)
                except TimeoutError:
                    continue
                except ConnectionClosed as exc:
                    info = close_info(exc)
                    return
                except StopIteration:
                    # A mock whose scripted messages (recv.side_effect=[...]) ran out: the
                    # script is over, which reads as a normal close rather than a failure.
                    logger.debug("streaming: the patched connection has no more messages")
                    info = CloseInfo(1000, "")
                    return
                if not isinstance(data, str | bytes):
                    # A bare MagicMock: nothing to read, but sends still go to the mock
                    # (tests assert on them), so the connection is not reported as ended.
                    logger.warning(
                        "streaming: the patched websocket_connect's connection returned a %s "
                        "from recv(), not text or bytes; reading stops",
                        type(data).__name__,
                    )
                    ended = False
                    return
                if self._stopping.is_set():
                    return
                try:
                    self._on_message(data)
                except Exception:
                    logger.exception("streaming: error while handling a message")
        except Exception:
            logger.exception("streaming: the patched websocket_connect's connection failed")
        finally:
            if ended:
                self._report_end(info)

    def _report_end(self, info: CloseInfo) -> None:
        self._closed.set()
        try:
            self._on_closed(info)
        except Exception:
            logger.exception("streaming: error while handling the end of the connection")
