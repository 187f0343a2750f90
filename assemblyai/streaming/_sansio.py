"""One client websocket: our own socket I/O around websockets' public sans-I/O ``ClientProtocol``.

websockets parses and builds frames (``receive_data``, ``events_received``, ``send_*``,
``data_to_send``); this module only moves bytes between that object and a socket. Nothing here
subclasses a websockets class or touches its private attributes, so a new websockets release
can only break us through its documented API.

Threads: one reader calls :meth:`WebSocket.receive`; any thread may send. ``ClientProtocol`` is
not thread-safe, so every call into it holds ``_lock``, a lock that is never held while the
socket blocks. Bytes it produces go to ``_pending``, and whoever holds ``_write_lock`` writes
them out in order. The reader never waits for ``_write_lock``: while a sender is stuck on a
server that waits for us to read, the reader must keep reading.
"""

from __future__ import annotations

import base64
import collections
import contextlib
import logging
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping

from websockets.client import ClientProtocol
from websockets.exceptions import ConnectionClosed
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.protocol import State
from websockets.uri import WebSocketURI, parse_uri

from ._common import CloseInfo, UnsupportedProxy

__all__ = ["MessageAssembler", "WebSocket", "connect"]

logger = logging.getLogger("assemblyai.streaming")

_READ_SIZE = 65536
_MAX_PROXY_ANSWER = 65536  # bytes of a proxy's CONNECT answer before we give up on it


class MessageAssembler:
    """Joins fragmented frames into messages and decodes text (websockets checks the order)."""

    def __init__(self) -> None:
        self._fragments: list[bytes] = []
        self._text = False

    def feed(self, frame: Frame) -> str | bytes | None:
        """The message this data frame completes, or ``None`` (a fragment, or bad UTF-8)."""
        if frame.opcode is Opcode.CONT:
            self._fragments.append(bytes(frame.data))
            if not frame.fin:
                return None
            data, text = b"".join(self._fragments), self._text
            self._fragments = []
        elif not frame.fin:
            self._fragments, self._text = [bytes(frame.data)], frame.opcode is Opcode.TEXT
            return None
        else:
            data, text = bytes(frame.data), frame.opcode is Opcode.TEXT
        if not text:
            return data
        try:
            return data.decode()
        except UnicodeDecodeError:
            logger.warning("streaming: ignoring a text message that is not valid UTF-8")
            return None


_DATA = (Opcode.TEXT, Opcode.BINARY, Opcode.CONT)


class WebSocket:
    """An open websocket on a connected socket (see :func:`connect`)."""

    def __init__(self, sock: socket.socket, protocol: ClientProtocol) -> None:
        self.socket = sock
        self._protocol = protocol
        self._lock = threading.Lock()  # guards _protocol and _pending; never held on I/O
        self._write_lock = threading.Lock()  # held while bytes go to the socket
        self._pending: list[bytes] = []
        self._assembler = MessageAssembler()
        self._close_timeout: float | None = None
        self.pinged_at: float | None = None  # an unanswered keepalive ping's send time

    @property
    def state(self) -> State:
        return self._protocol.state

    def send(self, message: str | bytes) -> bool:
        """Write one message; ``False`` if the connection is no longer open (or broke)."""
        with self._lock:
            if self._protocol.state is not State.OPEN:
                return False
            if isinstance(message, str):
                self._protocol.send_text(message.encode())
            else:
                self._protocol.send_binary(message)
            self._pending.extend(self._protocol.data_to_send())
        return self.flush()

    def ping(self) -> None:
        """Send a keepalive ping (its pong clears :attr:`pinged_at`)."""
        with self._lock:
            if self._protocol.state is not State.OPEN:
                return
            self._protocol.send_ping(b"")
            self._pending.extend(self._protocol.data_to_send())
            self.pinged_at = time.monotonic()
        self.flush()

    def start_closing(self, close_timeout: float) -> None:
        """Send a normal-closure close frame; the server then ends the TCP connection.

        May block while the server does not read: call it where that is bounded.
        """
        with self._lock:
            self._close_timeout = close_timeout
            if self._protocol.state is State.OPEN:
                self._protocol.send_close(1000)
                self._pending.extend(self._protocol.data_to_send())
        self.flush()

    def flush(self, *, blocking: bool = True) -> bool:
        """Write the pending bytes; ``False`` if the socket failed.

        Without ``blocking``, returns at once when another thread is writing: that thread
        writes our bytes too, as it checks ``_pending`` again after releasing the lock.
        """
        while True:
            if not self._write_lock.acquire(blocking):
                return True
            try:
                while True:
                    with self._lock:
                        chunks, self._pending = self._pending, []
                    if not chunks:
                        break
                    for chunk in chunks:
                        if chunk:
                            self.socket.sendall(chunk)
                        else:  # websockets' end-of-stream marker: half-close
                            self.socket.shutdown(socket.SHUT_WR)
            except OSError:
                self.abort()
                return False
            finally:
                self._write_lock.release()
            with self._lock:
                if not self._pending:
                    return True

    def receive(self) -> tuple[list[str | bytes], bool]:
        """Read the socket once (blocking): the messages completed, and whether it ended."""
        try:
            data = self.socket.recv(_READ_SIZE)
        except OSError:  # reset, shut down by abort(), or the closing timeout below
            data = b""
        messages, _, closing, ended = self.feed(data)
        if self._pending:
            self.flush(blocking=False)
        if closing and not ended:
            # Close frames are exchanged; the server should now end the TCP connection.
            # One that never does would hold back the end of the session: stop waiting.
            timeout = self._close_timeout if self._close_timeout is not None else 10.0
            with contextlib.suppress(OSError):  # already closed by abort()
                self.socket.settimeout(timeout)
        return messages, ended

    def feed(self, data: bytes) -> tuple[list[str | bytes], list[Response], bool, bool]:
        """Hand received bytes (``b""``: end of stream) to the protocol.

        Returns the messages completed, the handshake responses, whether the protocol
        expects the TCP connection to end, and whether the connection has ended. Bytes to
        send in answer (pongs, the close echo) are left in ``_pending`` for :meth:`flush`.
        """
        messages: list[str | bytes] = []
        responses: list[Response] = []
        with self._lock:
            if data:
                self._protocol.receive_data(data)
            else:
                self._protocol.receive_eof()
            events = self._protocol.events_received()
            self._pending.extend(self._protocol.data_to_send())
            closing = self._protocol.close_expected()
            ended = self._protocol.state is State.CLOSED
            for event in events:
                if isinstance(event, Response):
                    responses.append(event)
                elif isinstance(event, Frame):
                    if event.opcode in _DATA:
                        message = self._assembler.feed(event)
                        if message is not None:
                            messages.append(message)
                    elif event.opcode is Opcode.PONG:
                        self.pinged_at = None
        return messages, responses, closing, ended

    def close_info(self) -> CloseInfo:
        """The close code and reason the server sent (``None`` code: no close frame)."""
        with self._lock:
            if self._protocol.state is not State.CLOSED:
                return CloseInfo(None, "")
            exc: ConnectionClosed = self._protocol.close_exc
        if exc.rcvd is None:
            return CloseInfo(None, "")
        return CloseInfo(int(exc.rcvd.code), exc.rcvd.reason)

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
    ssl_context: ssl.SSLContext | None,
    logger: logging.LoggerAdapter[logging.Logger],
) -> tuple[WebSocket, collections.deque[str | bytes]]:
    """Connect (TCP, proxy, TLS), do the opening handshake, and wait for the first message.

    Everything happens in the calling thread: the request is written before anything is
    read. (With TLS 1.3 the server sends session tickets while the request is being written;
    a read in another thread at that moment, on the same OpenSSL object, is unsupported and
    lost about one request in 500.)

    Returns:
        the websocket, and the messages received so far (at least one).

    Raises:
        InvalidURI, InvalidStatus and other websockets handshake errors; ConnectionClosed
        when the server closed before its first message; TimeoutError; OSError;
        UnsupportedProxy.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    wsuri = parse_uri(url)
    sock = _open_socket(wsuri, deadline, ssl_context, user_agent)
    try:
        protocol = ClientProtocol(
            wsuri,
            # The compression websockets' own connect() offers by default.
            extensions=[
                ClientPerMessageDeflateFactory(
                    client_max_window_bits=True, compress_settings={"memLevel": 5}
                )
            ],
            logger=logger,
        )
        request = protocol.connect()
        for name, value in headers.items():
            request.headers[name] = value
        request.headers["User-Agent"] = user_agent
        protocol.send_request(request)
        _settimeout(sock, deadline, "during the opening handshake")
        for chunk in protocol.data_to_send():
            sock.sendall(chunk)
        ws = WebSocket(sock, protocol)
        early: collections.deque[str | bytes] = collections.deque()
        answered = False
        while not early:
            what = "for the first message" if answered else "during the opening handshake"
            _settimeout(sock, deadline, what)
            try:
                data = sock.recv(_READ_SIZE)
            except TimeoutError:
                raise TimeoutError(f"timed out {what}") from None
            messages, responses, _, ended = ws.feed(data)
            if responses:
                answered = True
            if protocol.handshake_exc is not None:
                raise protocol.handshake_exc
            early.extend(messages)
            ws.flush()
            if not early and ended:
                raise protocol.close_exc
        sock.settimeout(None)
        return ws, early
    except BaseException:
        sock.close()
        raise


def _settimeout(sock: socket.socket, deadline: float | None, what: str) -> None:
    if deadline is None:
        sock.settimeout(None)
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError(f"timed out {what}")
    sock.settimeout(remaining)


def _open_socket(
    wsuri: WebSocketURI,
    deadline: float | None,
    ssl_context: ssl.SSLContext | None,
    user_agent: str,
) -> socket.socket:
    """A TCP connection to the server, through the environment's proxy if any, with TLS."""
    proxy = _proxy_for(wsuri)
    timeout = None if deadline is None else max(deadline - time.monotonic(), 0.001)
    if proxy is None:
        sock = socket.create_connection((wsuri.host, wsuri.port), timeout)
    else:
        sock = socket.create_connection((proxy.hostname or "", proxy.port or 80), timeout)
        try:
            _tunnel(sock, proxy, wsuri, deadline, user_agent)
        except BaseException:
            sock.close()
            raise
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
    if not wsuri.secure:
        return sock
    context = ssl_context if ssl_context is not None else ssl.create_default_context()
    try:
        _settimeout(sock, deadline, "during the TLS handshake")
        return context.wrap_socket(sock, server_hostname=wsuri.host)
    except BaseException:
        sock.close()
        raise


def _proxy_for(wsuri: WebSocketURI) -> urllib.parse.SplitResult | None:
    """The proxy the environment names for this server (``HTTPS_PROXY``, ``NO_PROXY``...).

    The variables are looked up as websockets' own ``connect()`` (15 and later) does, so the
    choice of proxy does not depend on the installed websockets version.
    """
    if urllib.request.proxy_bypass(f"{wsuri.host}:{wsuri.port}"):
        return None
    proxies = urllib.request.getproxies()
    schemes = ["wss", "socks", "https"] if wsuri.secure else ["ws", "socks", "https", "http"]
    for scheme in schemes:
        value = proxies.get(scheme)
        if value is None:
            continue
        parts = urllib.parse.urlsplit(value if "://" in value else f"http://{value}")
        if scheme == "socks" or parts.scheme != "http":
            raise UnsupportedProxy(
                f"the {scheme} proxy {parts.scheme}://{parts.hostname} from the environment "
                "is not supported for streaming; use an http:// proxy, or add the streaming "
                "host to NO_PROXY"
            )
        return parts
    return None


def _tunnel(
    sock: socket.socket,
    proxy: urllib.parse.SplitResult,
    wsuri: WebSocketURI,
    deadline: float | None,
    user_agent: str,
) -> None:
    """Ask an HTTP proxy for a tunnel to the server (``CONNECT host:port``)."""
    target = f"[{wsuri.host}]:{wsuri.port}" if ":" in wsuri.host else f"{wsuri.host}:{wsuri.port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}", f"User-Agent: {user_agent}"]
    if proxy.username is not None:
        credentials = f"{urllib.parse.unquote(proxy.username)}:"
        credentials += urllib.parse.unquote(proxy.password or "")
        lines.append(
            f"Proxy-Authorization: Basic {base64.b64encode(credentials.encode()).decode()}"
        )
    _settimeout(sock, deadline, "while connecting through the proxy")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        _settimeout(sock, deadline, "while connecting through the proxy")
        try:
            data = sock.recv(4096)
        except TimeoutError:
            raise TimeoutError("timed out while connecting through the proxy") from None
        if not data or len(answer) > _MAX_PROXY_ANSWER:
            raise ConnectionError(f"the proxy {proxy.hostname} did not answer the CONNECT request")
        answer += data
    status_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit() or not 200 <= int(parts[1]) < 300:
        raise ConnectionError(f"the proxy {proxy.hostname} refused the tunnel: {status_line}")
