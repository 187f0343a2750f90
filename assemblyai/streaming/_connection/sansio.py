"""The threaded transport's socket I/O: a blocking socket around the shared :mod:`.wscore`.

Threads: one reader calls :meth:`WebSocket.receive`; any thread may send. The core is not
thread-safe, so every call into it holds ``_lock``, a lock that is never held while the
socket blocks. Whoever holds ``_write_lock`` writes the core's pending bytes, in order. The
reader never waits for ``_write_lock``: while a sender is stuck on a server that waits for
us to read, the reader must keep reading.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Mapping

from websockets.protocol import State
from websockets.uri import WebSocketURI

from assemblyai.streaming._connection import wscore as _wscore
from assemblyai.streaming._connection.common import CloseInfo

__all__ = ["WebSocket", "connect"]


class WebSocket:
    """An open websocket on a connected socket (see :func:`connect`)."""

    def __init__(self, sock: socket.socket, core: _wscore.Core, close_timeout: float) -> None:
        self.socket = sock
        self._core = core
        self._lock = threading.Lock()  # guards _core; never held on I/O
        self._write_lock = threading.Lock()  # held while bytes go to the socket
        self._close_timeout = close_timeout

    @property
    def state(self) -> State:
        return self._core.state

    @property
    def pinged_at(self) -> float | None:
        """When the unanswered keepalive ping went out (``None``: none unanswered)."""
        return self._core.pinged_at

    def send(self, message: str | bytes) -> bool:
        """Write one message; ``False`` if the connection is no longer open (or broke)."""
        with self._lock:
            if not self._core.send(message):
                return False
        return self.flush()

    def ping(self) -> None:
        """Send a keepalive ping."""
        with self._lock:
            self._core.ping()
        self.flush()

    def start_closing(self) -> None:
        """Send a normal-closure close frame; the server then ends the TCP connection.

        May block while the server does not read: call it where that is bounded.
        """
        with self._lock:
            self._core.close()
        self.flush()

    def flush(self, *, blocking: bool = True) -> bool:
        """Write the pending bytes; ``False`` if the socket failed.

        Without ``blocking``, returns at once when another thread is writing: that thread
        writes our bytes too, as it checks for pending bytes again after releasing the lock.
        """
        while True:
            if not self._write_lock.acquire(blocking):
                return True
            try:
                while True:
                    with self._lock:
                        chunks = self._core.take()
                    if not chunks:
                        break
                    for chunk in chunks:
                        if chunk:
                            self.socket.sendall(chunk)
                        else:
                            self.socket.shutdown(socket.SHUT_WR)
            except OSError:
                self.abort()
                return False
            finally:
                self._write_lock.release()
            with self._lock:
                if not self._core.has_pending():
                    return True

    def receive(self) -> tuple[list[str | bytes], bool]:
        """Read the socket once (blocking): the messages completed, and whether it ended."""
        try:
            data = self.socket.recv(_wscore.READ_SIZE)
        except OSError:  # reset, shut down by abort(), or the closing timeout below
            data = b""
        with self._lock:
            messages, closing, ended = self._core.feed(data)
            answer = self._core.has_pending()
        if answer:
            self.flush(blocking=False)
        if closing:
            # Close frames are exchanged; the server should now end the TCP connection.
            # One that never does would hold back the end of the session: stop waiting.
            with contextlib.suppress(OSError):  # already closed by abort()
                self.socket.settimeout(self._close_timeout)
        return messages, ended

    def close_info(self) -> CloseInfo:
        """The close code and reason the server sent (``None`` code: no close frame)."""
        with self._lock:
            return self._core.close_info()

    def abort(self) -> None:
        """Shut the socket down: blocked sends and receives fail at once."""
        with contextlib.suppress(OSError):  # already shut down, or never connected
            self.socket.shutdown(socket.SHUT_RDWR)

    def release(self) -> None:
        """Shut down and close the socket, once no thread is writing to it."""
        self.abort()
        with self._write_lock:  # a stuck sendall fails now that the socket is shut down
            self.socket.close()


def connect(
    url: str,
    headers: Mapping[str, str],
    *,
    user_agent: str,
    timeout: float | None,
    close_timeout: float,
    ssl_context: ssl.SSLContext | None,
    logger: logging.LoggerAdapter[logging.Logger],
) -> tuple[WebSocket, collections.deque[str | bytes]]:
    """Connect (TCP, proxy, TLS), do the opening handshake, and wait for the first message.

    Everything happens in the calling thread: the request is written before anything is
    read. (With TLS 1.3 the server sends session tickets while the request is being written;
    a read in another thread at that moment, on the same OpenSSL object, is unsupported and
    lost about one request in 500.)

    Args:
        timeout: seconds for all of it, first message included (``None``: no limit).
        close_timeout: seconds the server gets to end the TCP connection once close frames
            have been exchanged.

    Returns:
        the websocket, and the messages received so far (at least one).

    Raises:
        InvalidURI, InvalidStatus and other websockets handshake errors; ConnectionClosed
        when the server closed before its first message; TimeoutError; OSError;
        UnsupportedProxy.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    core = _wscore.start(url, headers, user_agent=user_agent, logger=logger)
    sock = _open_socket(core.uri, deadline, ssl_context, user_agent)
    try:
        _settimeout(sock, deadline, "while sending the handshake request")
        _send_pending(sock, core)
        early: collections.deque[str | bytes] = collections.deque()
        while not early:
            if deadline is not None and deadline <= time.monotonic():
                raise core.timeout()
            sock.settimeout(None if deadline is None else max(deadline - time.monotonic(), 0.001))
            try:
                data = sock.recv(_wscore.READ_SIZE)
            except TimeoutError:
                raise core.timeout() from None
            early.extend(core.feed_handshake(data))
            _send_pending(sock, core)
        sock.settimeout(None)
        return WebSocket(sock, core, close_timeout), early
    except BaseException:
        sock.close()
        raise


def _send_pending(sock: socket.socket, core: _wscore.Core) -> None:
    # No local names the bytes: the opening request holds the API key (or a token), and a
    # traceback rendered with capture_locals=True would print them.
    sock.sendall(b"".join(core.take()))


def _settimeout(sock: socket.socket, deadline: float | None, what: str) -> None:
    if deadline is None:
        sock.settimeout(None)
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError(f"timed out {what}")
    sock.settimeout(remaining)


def _open_socket(
    uri: WebSocketURI,
    deadline: float | None,
    ssl_context: ssl.SSLContext | None,
    user_agent: str,
) -> socket.socket:
    """A TCP connection to the server, through the environment's proxy if any, with TLS."""
    proxy = _wscore.proxy_for(uri)
    timeout = None if deadline is None else max(deadline - time.monotonic(), 0.001)
    if proxy is None:
        sock = socket.create_connection((uri.host, uri.port), timeout)
    else:
        sock = socket.create_connection((proxy.hostname or "", proxy.port or 80), timeout)
        try:
            _tunnel(sock, proxy, uri, deadline, user_agent)
        except BaseException:
            sock.close()
            raise
    # As websockets' own clients do: small frames go out at once.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
    if not uri.secure:
        return sock
    context = ssl_context if ssl_context is not None else ssl.create_default_context()
    try:
        _settimeout(sock, deadline, "during the TLS handshake")
        return context.wrap_socket(sock, server_hostname=uri.host)
    except BaseException:
        sock.close()
        raise


def _tunnel(
    sock: socket.socket,
    proxy: urllib.parse.SplitResult,
    uri: WebSocketURI,
    deadline: float | None,
    user_agent: str,
) -> None:
    """Ask an HTTP proxy for a tunnel to the server."""
    what = "while connecting through the proxy"
    _settimeout(sock, deadline, what)
    sock.sendall(_wscore.tunnel_request(proxy, uri, user_agent))
    answer = b""
    while b"\r\n\r\n" not in answer:
        _settimeout(sock, deadline, what)
        try:
            data = sock.recv(4096)
        except TimeoutError:
            raise TimeoutError(f"timed out {what}") from None
        if not data or len(answer) > _wscore.MAX_PROXY_ANSWER:
            raise ConnectionError(f"the proxy {proxy.hostname} did not answer the CONNECT request")
        answer += data
    _wscore.check_tunnel_answer(answer, proxy)
