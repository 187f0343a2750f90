"""The websocket client core shared by the threaded and asyncio transports: no I/O at all.

websockets' public sans-I/O ``ClientProtocol`` parses and builds frames; :class:`Core` adds
what both of our transports need on top (whole messages, keepalive bookkeeping, close
information, the first message after the handshake) and leaves moving bytes to them:
:mod:`.sansio` over a blocking socket and threads, :mod:`.aio` over asyncio streams.
Nothing here subclasses a websockets class or touches its private attributes, so a new
websockets release can only break us through its documented API.

A :class:`Core` is not thread-safe; the threaded transport serializes calls into it.
"""

from __future__ import annotations

import base64
import logging
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping

from websockets.client import ClientProtocol
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.protocol import State
from websockets.uri import WebSocketURI, parse_uri

from assemblyai._core.secret import secret
from assemblyai.streaming._connection.common import CloseInfo, UnsupportedProxy

__all__ = [
    "Core",
    "FirstMessageTimeout",
    "MessageAssembler",
    "check_tunnel_answer",
    "proxy_for",
    "start",
    "tunnel_request",
]

logger = logging.getLogger("assemblyai.streaming")

READ_SIZE = 65536
# Keepalive while no audio flows, as websockets' own connections do: an idle connection that
# a NAT or load balancer dropped silently is noticed and reported. (Read at each use, so
# tests can shorten them.)
PING_INTERVAL = 20.0
PING_TIMEOUT = 20.0
MAX_PROXY_ANSWER = 65536  # bytes of a proxy's CONNECT answer before we give up on it
_DATA = (Opcode.TEXT, Opcode.BINARY, Opcode.CONT)


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


class FirstMessageTimeout(TimeoutError):
    """The handshake succeeded but no first (session-start) message came in time."""


class Core:
    """One client connection's protocol state; the caller moves :meth:`take`'s bytes."""

    def __init__(self, uri: WebSocketURI, protocol: ClientProtocol) -> None:
        self.uri = uri
        self._protocol = protocol
        self._assembler = MessageAssembler()
        self._pending: list[bytes] = []
        self.answered = False  # the server answered the opening handshake
        self.pinged_at: float | None = None  # when the unanswered keepalive ping went out

    @property
    def state(self) -> State:
        return self._protocol.state

    def take(self) -> list[bytes]:
        """The bytes to write, in order; ``b""`` asks for a half-close (end of stream)."""
        self._pending.extend(self._protocol.data_to_send())
        pending, self._pending = self._pending, []
        return pending

    def has_pending(self) -> bool:
        return bool(self._pending)

    def send(self, message: str | bytes) -> bool:
        """Frame one message; ``False`` if the connection is no longer open."""
        if self._protocol.state is not State.OPEN:
            return False
        if isinstance(message, str):
            self._protocol.send_text(message.encode())
        else:
            self._protocol.send_binary(message)
        return True

    def ping(self) -> None:
        """Frame a keepalive ping; its pong clears :attr:`pinged_at`."""
        if self._protocol.state is State.OPEN:
            self._protocol.send_ping(b"")
            self.pinged_at = time.monotonic()

    def close(self) -> None:
        """Frame a normal-closure close; the server then ends the TCP connection."""
        if self._protocol.state is State.OPEN:
            self._protocol.send_close(1000)

    def feed(self, data: bytes) -> tuple[list[str | bytes], bool, bool]:
        """Hand received bytes (``b""``: end of stream) to the protocol.

        Returns the messages completed, whether the protocol expects the TCP connection to
        end (close frames exchanged), and whether the connection has ended. Answers (pongs,
        the close echo) wait in :meth:`take`.
        """
        if data:
            self._protocol.receive_data(data)
        else:
            self._protocol.receive_eof()
        messages: list[str | bytes] = []
        for event in self._protocol.events_received():
            if isinstance(event, Response):
                self.answered = True
            elif isinstance(event, Frame):
                if event.opcode in _DATA:
                    message = self._assembler.feed(event)
                    if message is not None:
                        messages.append(message)
                elif event.opcode is Opcode.PONG:
                    self.pinged_at = None
        self._pending.extend(self._protocol.data_to_send())
        ended = self._protocol.state is State.CLOSED
        return messages, self._protocol.close_expected() and not ended, ended

    def feed_handshake(self, data: bytes) -> list[str | bytes]:
        """:meth:`feed` while waiting for the handshake answer and the first message.

        Raises:
            InvalidStatus (or another handshake error): the server refused the upgrade.
            ConnectionClosed: the connection ended before a first message.
        """
        messages, _, ended = self.feed(data)
        if self._protocol.handshake_exc is not None:
            raise self._protocol.handshake_exc
        if ended and not messages:
            raise self._protocol.close_exc
        return messages

    def timeout(self) -> TimeoutError:
        """The error for a deadline that passed during :meth:`feed_handshake`'s phase."""
        if self.answered:
            return FirstMessageTimeout("timed out waiting for the first message")
        return TimeoutError("timed out while waiting for handshake response")

    def close_info(self) -> CloseInfo:
        """The close code and reason the server sent (``None`` code: no close frame)."""
        if self._protocol.state is not State.CLOSED:
            return CloseInfo(None, "")
        received = self._protocol.close_exc.rcvd
        if received is None:
            return CloseInfo(None, "")
        return CloseInfo(int(received.code), received.reason)


def start(
    url: str,
    headers: Mapping[str, str],
    *,
    user_agent: str,
    logger: logging.LoggerAdapter[logging.Logger],
) -> Core:
    """A core whose opening request waits in :meth:`Core.take`.

    Raises:
        InvalidURI: ``url`` is not a websocket URL.
    """
    # The query may carry a temporary token. websockets' URI and request objects print their
    # fields, so the query is kept out of the URI and joined to the request's path as a
    # Secret (see assemblyai._core.secret), which prints as '***'.
    base, _, query = url.partition("?")
    uri = parse_uri(base)
    protocol = ClientProtocol(
        uri,
        # The compression websockets' own connect() offers by default.
        extensions=[
            ClientPerMessageDeflateFactory(
                client_max_window_bits=True, compress_settings={"memLevel": 5}
            )
        ],
        logger=logger,
    )
    request = protocol.connect()
    if query:
        request.path = secret(f"{request.path}?{query}")
    for name, value in headers.items():
        request.headers[name] = value
    request.headers["User-Agent"] = user_agent
    protocol.send_request(request)
    return Core(uri, protocol)


def proxy_for(uri: WebSocketURI) -> urllib.parse.SplitResult | None:
    """The proxy the environment names for this server (``HTTPS_PROXY``, ``NO_PROXY``...).

    The variables are looked up as websockets' own ``connect()`` (15 and later) does, so the
    choice of proxy does not depend on the installed websockets version.
    """
    if urllib.request.proxy_bypass(f"{uri.host}:{uri.port}"):
        return None
    proxies = urllib.request.getproxies()
    schemes = ["wss", "socks", "https"] if uri.secure else ["ws", "socks", "https", "http"]
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


def tunnel_request(proxy: urllib.parse.SplitResult, uri: WebSocketURI, user_agent: str) -> bytes:
    """An HTTP proxy's ``CONNECT host:port`` request for a tunnel to the server."""
    target = f"[{uri.host}]:{uri.port}" if ":" in uri.host else f"{uri.host}:{uri.port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}", f"User-Agent: {user_agent}"]
    if proxy.username is not None:
        credentials = f"{urllib.parse.unquote(proxy.username)}:"
        credentials += urllib.parse.unquote(proxy.password or "")
        token = base64.b64encode(credentials.encode()).decode()
        lines.append(f"Proxy-Authorization: Basic {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def check_tunnel_answer(answer: bytes, proxy: urllib.parse.SplitResult) -> None:
    """Raise unless the proxy's answer head (up to the blank line) grants the tunnel."""
    status_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit() or not 200 <= int(parts[1]) < 300:
        raise ConnectionError(f"the proxy {proxy.hostname} refused the tunnel: {status_line}")
