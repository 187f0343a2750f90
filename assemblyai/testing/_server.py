"""The sandbox's HTTP/1.1 server: stdlib ``ThreadingHTTPServer`` on a daemon thread.

It moves bytes and carries out faults; everything the API decides is in ``_rest.RestApp``.
Bodies sent with ``Transfer-Encoding: chunked`` (httpx streams file uploads that way) are
decoded here, because ``http.server`` does not do it. Websocket upgrades (the v2 real-time
endpoint lives on the REST host) are passed through to the streaming server (``_tunnel``).
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from assemblyai.testing._faults import FaultAction, reason
from assemblyai.testing._http import HttpRequest, HttpResponse, RecordedRequest, redact_headers
from assemblyai.testing._tunnel import tunnel

__all__ = ["HttpService", "RestServer", "Service"]

_HTML_ERROR = (
    "<html><head><title>{status}</title></head><body><h1>{status} {reason}</h1></body></html>"
)


class Service(Protocol):
    """Something the sandbox starts and stops with itself (the HTTP server, a websocket server)."""

    def start(self) -> None: ...

    def close(self) -> None: ...


class Dispatcher(Protocol):
    """What the server needs from the sandbox."""

    def operation_id(self, method: str, path: str) -> str | None: ...

    def take_fault(
        self, method: str, path: str, operation_id: str | None
    ) -> FaultAction | None: ...

    def handle(self, request: HttpRequest) -> HttpResponse: ...

    def error(self, operation_id: str | None, status: int, message: str) -> HttpResponse:
        """An error answer in the shape of the product serving OPERATION_ID."""
        ...

    def record(self, entry: RecordedRequest) -> None: ...


class _BodyDropped(Exception):
    """A fault dropped the connection while the body was being read."""

    def __init__(self, read: int) -> None:
        super().__init__(read)
        self.read = read


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 keeps connections alive, as httpx's pool expects; every response has a length.
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK add ~40 ms to every response.
    disable_nagle_algorithm = True
    server: RestServer

    def log_message(self, format: str, *args: object) -> None:
        # The request log is ``fake.requests``; keep the test output clean.
        pass

    def do_GET(self) -> None:
        backend = self.server.websocket_backend
        if backend is not None and self.headers.get("Upgrade", "").lower() == "websocket":
            # The v2 real-time websocket lives on the REST host; the streaming server speaks it.
            self.close_connection = True
            lines = [self.requestline, *(f"{k}: {v}" for k, v in self.headers.items()), "", ""]
            tunnel(self.connection, self.rfile, "\r\n".join(lines).encode("latin-1"), backend)
            return
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    # -- reading ---------------------------------------------------------------------------

    def _read_body(self, limit: int | None) -> bytes:
        """The request body; with ``limit``, stop after that many bytes and raise."""
        chunks: list[bytes] = []
        total = 0

        def take(size: int) -> None:
            nonlocal total
            if limit is not None and total + size >= limit:
                chunks.append(self.rfile.read(limit - total))
                raise _BodyDropped(limit)
            data = self.rfile.read(size)
            chunks.append(data)
            total += len(data)

        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            while True:
                size_line = self.rfile.readline(1024).split(b";")[0].strip()
                size = int(size_line or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024).strip():
                        pass  # trailers
                    break
                take(size)
                self.rfile.readline(8)  # the CRLF after each chunk
        else:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                take(length)
        if limit is not None:
            # The body was shorter than the limit: drop the connection anyway, unanswered.
            raise _BodyDropped(total)
        return b"".join(chunks)

    # -- writing ---------------------------------------------------------------------------

    def _reset(self) -> None:
        """Drop the connection with a TCP reset, as a crashed proxy does."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def _send(self, response: HttpResponse, truncate: bool) -> None:
        self.send_response(response.status)
        body = b"" if self.command == "HEAD" else response.body
        if response.content_type is not None:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if truncate:
            # Announce the whole body, send half of it, then hang up.
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_WR)
        else:
            self.wfile.write(body)

    # -- one request -----------------------------------------------------------------------

    def _serve(self) -> None:
        dispatcher = self.server.dispatcher
        method, target = self.command, self.path
        headers = {name.lower(): value for name, value in self.headers.items()}
        path = target.split("?", 1)[0]
        operation_id = dispatcher.operation_id(method, path)
        fault = dispatcher.take_fault(method, path, operation_id)
        request = HttpRequest(method, target, headers)

        def record(size: int, status: int | None, body: bytes = b"") -> None:
            dispatcher.record(
                RecordedRequest(
                    method=method,
                    path=path,
                    query=request.query,
                    headers=redact_headers(headers),
                    body_size=size,
                    status=status,
                    operation_id=operation_id,
                    fault=fault.describe() if fault else None,
                    json=_json_or_none(headers, body),
                )
            )

        if fault is not None and fault.latency:
            time.sleep(fault.latency)
        try:
            body = self._read_body(fault.drop_after_bytes if fault else None)
        except _BodyDropped as dropped:
            record(dropped.read, None)
            self._reset()
            return
        except (ValueError, OSError):
            record(0, 400)
            self._send(HttpResponse.error(400, "Malformed request body framing."), truncate=False)
            self.close_connection = True
            return
        request = HttpRequest(method, target, headers, body)
        if fault is not None and fault.status is not None:
            response = dispatcher.error(
                operation_id, fault.status, fault.message or reason(fault.status)
            )
            response.headers.extend(fault.headers)
        else:
            response = dispatcher.handle(request)
        if fault is not None and fault.non_json:
            page = _HTML_ERROR.format(status=response.status, reason=reason(response.status))
            response = HttpResponse(response.status, page.encode(), "text/html", response.headers)
        record(len(body), response.status, body)
        self._send(response, truncate=bool(fault and fault.truncate_body))


def _json_or_none(headers: Mapping[str, str], body: bytes) -> Any:
    if not body or "json" not in headers.get("content-type", ""):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


class RestServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` that hands each request to a :class:`Dispatcher`."""

    daemon_threads = True
    # close() must not wait for handler threads stuck in an injected latency.
    block_on_close = False
    allow_reuse_address = True
    # socketserver's default listen backlog of 5 overflows when a client opens its whole
    # connection pool at once, and the kernel then drops connections mid-handshake.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], dispatcher: Dispatcher) -> None:
        super().__init__(address, _Handler)
        self.dispatcher = dispatcher
        self.websocket_backend: tuple[str, int] | None = None
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-request (and faults hanging up on them) are routine here;
        # the default prints a traceback to stderr for each.
        pass

    def close_connections(self) -> None:
        """Hang up on every client still connected (kept-alive connections included), so a
        closed sandbox can never answer through a pooled connection."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class HttpService:
    """Runs a :class:`RestServer` on a background daemon thread.

    Args:
        host: interface to bind (``127.0.0.1`` keeps the sandbox private to this machine).
        port: port to bind; ``0`` picks a free one (read it back from :attr:`port`).
        dispatcher: the sandbox.
    """

    def __init__(self, host: str, port: int, dispatcher: Dispatcher) -> None:
        self._server = RestServer((host, port), dispatcher)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def tunnel_websockets(self, address: tuple[str, int]) -> None:
        """Pass websocket upgrade requests through to the server at ``address``."""
        self._server.websocket_backend = address

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"assemblyai-fake-http-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def close(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.close_connections()
        self._server.server_close()
