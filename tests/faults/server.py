"""A scripted HTTP/1.1 server on a loopback address, for fault tests.

Each request is answered by the next :class:`Step` scripted for its route: a normal answer, or
a fault (drop the connection before, during or after reading the body, never answer, cut the
answer short, read the body slowly or not at all). Every request is recorded with its method,
path, headers and how many body bytes arrived, so tests can assert exactly what the server saw.

It is written on raw sockets rather than ``http.server`` because the faults live below HTTP:
``http.server`` always reads a whole request and always answers.

Example::

    with ScriptedServer() as server:
        server.route("GET", "/v2/transcript/t1", fail(503), respond(200, json={...}))
        ...
        assert [r.path for r in server.requests] == ["/v2/transcript/t1"] * 2
"""

from __future__ import annotations

import contextlib
import hashlib
import json as jsonlib
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any, Literal

import attrs

__all__ = [
    "Recorded",
    "ScriptedServer",
    "Step",
    "drop_after_body",
    "drop_before_body",
    "drop_mid_body",
    "endless",
    "fail",
    "hang",
    "respond",
    "slow_read",
    "stall",
    "trickle",
    "truncate",
]

Action = Literal[
    "respond",  # read the whole body, then answer
    "drop_before_body",  # read the head only, then close the connection
    "drop_mid_body",  # read part of the body, then close
    "drop_after_body",  # read the whole body, then close without answering
    "hang",  # read the whole body, never answer (until the client leaves)
    "stall",  # read the head only, never read the body, never answer
    "truncate",  # read the body, announce the full answer but send half of it, then close
    "trickle",  # answer, sending the body one byte every `send_delay` seconds
    "endless",  # answer with a chunked body that never ends (until the client leaves)
]

_POLL = 0.02  # how often blocked server threads look at the stop flag


@attrs.frozen
class Step:
    """What the server does with one request."""

    action: Action = "respond"
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    read_chunk: int = 1 << 16
    read_delay: float = 0.0
    read_limit: int | None = None  # drop_mid_body: body bytes to read before closing
    send_delay: float = 0.0  # trickle: seconds between the bytes of the answer's body


def respond(
    status: int = 200,
    *,
    json: Any = None,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
) -> Step:
    """A normal answer (JSON when ``json`` is given)."""
    extra = dict(headers or {})
    if json is not None:
        payload = jsonlib.dumps(json).encode()
        extra.setdefault("Content-Type", "application/json")
    else:
        payload = body.encode() if isinstance(body, str) else (body or b"")
    return Step(status=status, body=payload, headers=tuple(extra.items()))


def fail(status: int, error: str | None = None, headers: dict[str, str] | None = None) -> Step:
    """An error answer with the API's ``{"error": ...}`` body."""
    return respond(status, json={"error": error or f"scripted {status}"}, headers=headers)


def drop_before_body() -> Step:
    return Step(action="drop_before_body")


def drop_mid_body(read_limit: int | None = None) -> Step:
    return Step(action="drop_mid_body", read_limit=read_limit)


def drop_after_body() -> Step:
    return Step(action="drop_after_body")


def hang() -> Step:
    return Step(action="hang")


def stall() -> Step:
    return Step(action="stall")


def truncate(status: int = 200, *, json: Any) -> Step:
    return attrs.evolve(respond(status, json=json), action="truncate")


def trickle(step: Step, *, delay: float) -> Step:
    """``step``'s answer, its body sent one byte every ``delay`` seconds."""
    return attrs.evolve(step, action="trickle", send_delay=delay)


def endless(chunk: bytes = b"[" * 65536) -> Step:
    """A 200 whose chunked body repeats ``chunk`` for as long as the client reads."""
    return Step(
        action="endless",
        body=chunk,
        headers=(("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")),
    )


def slow_read(step: Step, *, chunk: int, delay: float) -> Step:
    """``step``, after reading the body ``chunk`` bytes at a time with ``delay`` between."""
    return attrs.evolve(step, read_chunk=chunk, read_delay=delay)


@attrs.frozen
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body_bytes: int  # body bytes that arrived
    body_complete: bool  # whether the whole announced body arrived
    body: bytes  # the body (kept when under 1 MiB)
    sha256: str  # of the whole body that arrived

    def json(self) -> Any:
        return jsonlib.loads(self.body)


class _Stopped(Exception):
    pass


class _Connection:
    """Reads from one client socket, giving up promptly when the server stops."""

    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self.sock = sock
        self.stopping = stopping
        self.buffer = bytearray()
        sock.settimeout(_POLL)

    def _fill(self, limit: int = 1 << 16) -> bool:
        """Receive more bytes; False at end of stream."""
        while True:
            if self.stopping.is_set():
                raise _Stopped
            try:
                data = self.sock.recv(limit)
            except (TimeoutError, ssl.SSLWantReadError):
                continue
            except OSError:
                return False
            if not data:
                return False
            self.buffer += data
            return True

    def read_head(self) -> bytes | None:
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                return None
        head, _, rest = bytes(self.buffer).partition(b"\r\n\r\n")
        self.buffer = bytearray(rest)
        return head

    def read_body(self, headers: dict[str, str], step: Step) -> tuple[bytes, bool]:
        chunk, delay = step.read_chunk, step.read_delay
        limit = step.read_limit
        collected = bytearray()
        if "content-length" in headers:
            total = int(headers["content-length"])
            wanted = total if limit is None else min(limit, total)
            got = self._read_into(collected, wanted, chunk, delay)
            return bytes(collected), got == total
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                line = self._read_line()
                if line is None:
                    return bytes(collected), False
                size = int(line.split(b";")[0], 16)
                if size == 0:
                    self._read_line()
                    return bytes(collected), True
                if limit is not None and len(collected) + size > limit:
                    self._read_into(collected, limit - len(collected), chunk, delay)
                    return bytes(collected), False
                if self._read_into(collected, size, chunk, delay) < size:
                    return bytes(collected), False
                self._read_line()
        return b"", True

    def _read_into(self, out: bytearray, count: int, chunk: int, delay: float) -> int:
        got = 0
        while got < count:
            if not self.buffer and not self._fill(min(chunk, count - got)):
                return got
            take = min(len(self.buffer), count - got, chunk)
            out += self.buffer[:take]
            del self.buffer[:take]
            got += take
            if delay and got < count:
                self._sleep(delay)
        return got

    def _read_line(self) -> bytes | None:
        while b"\r\n" not in self.buffer:
            if not self._fill():
                return None
        line, _, rest = bytes(self.buffer).partition(b"\r\n")
        self.buffer = bytearray(rest)
        return line

    def _sleep(self, seconds: float) -> None:
        if self.stopping.wait(seconds):
            raise _Stopped

    def wait_for_close(self, *, read: bool) -> None:
        """Block until the client leaves or the server stops (reading nothing if not ``read``)."""
        while not self.stopping.is_set():
            if not read:
                self.stopping.wait(_POLL)
                continue
            try:
                data = self.sock.recv(1 << 16)
            except (TimeoutError, ssl.SSLWantReadError):
                continue
            except OSError:
                return
            if not data:
                return


def _status_line(status: int) -> bytes:
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    return f"HTTP/1.1 {status} {phrase}\r\n".encode()


def _encode_response(step: Step, *, declared_length: int | None = None) -> bytes:
    headers = dict(step.headers)
    headers.setdefault(
        "Content-Length", str(len(step.body) if declared_length is None else declared_length)
    )
    headers.setdefault("Connection", "keep-alive")
    head = b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items())
    return _status_line(step.status) + head + b"\r\n"


class ScriptedServer:
    """An HTTP/1.1 server on ``host`` answering each route from a script.

    Args:
        host: the loopback address to bind (``127.0.0.2`` makes a second "host").
        listen: start listening at once; with False the port is bound but refuses connections
            until :meth:`listen` (a deterministic "connection refused").
        tls: a server-side SSL context, to serve HTTPS.
        recv_buffer: SO_RCVBUF for accepted connections (small values make a client's writes
            block as soon as the server stops reading).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        *,
        listen: bool = True,
        tls: ssl.SSLContext | None = None,
        recv_buffer: int | None = None,
    ) -> None:
        self.host = host
        self._tls = tls
        self._routes: dict[tuple[str, str], tuple[deque[Step], Step | None]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self.requests: list[Recorded] = []
        self.unscripted: list[str] = []
        self.connections = 0
        self.tls_failures = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if recv_buffer is not None:
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, recv_buffer)
        self._listener.bind((host, 0))
        self.port: int = self._listener.getsockname()[1]
        self._listening = False
        if listen:
            self.listen()

    @property
    def url(self) -> str:
        scheme = "https" if self._tls is not None else "http"
        return f"{scheme}://{self.host}:{self.port}"

    # --- scripting ---------------------------------------------------------------------------

    def route(self, method: str, path: str, *steps: Step, then: Step | None = None) -> None:
        """Answer ``method path`` with ``steps`` in turn, then with ``then`` for ever.

        ``path`` matches the request path without its query; a trailing ``*`` matches a prefix.
        A request no route answers gets a 599 and is listed in :attr:`unscripted`.
        """
        with self._lock:
            self._routes[(method.upper(), path)] = (deque(steps), then)

    def _next_step(self, method: str, path: str) -> Step:
        bare = path.split("?", 1)[0]
        with self._lock:
            entry = self._routes.get((method, bare))
            if entry is None:
                for (m, pattern), candidate in self._routes.items():
                    if m == method and pattern.endswith("*") and bare.startswith(pattern[:-1]):
                        entry = candidate
                        break
            if entry is not None:
                steps, then = entry
                if steps:
                    return steps.popleft()
                if then is not None:
                    return then
            self.unscripted.append(f"{method} {path}")
        return fail(599, f"nothing scripted for {method} {path}")

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """How many requests arrived (for one method and path, if given)."""
        return sum(
            1
            for r in self.requests
            if (method is None or r.method == method)
            and (path is None or r.path.split("?", 1)[0] == path)
        )

    # --- life cycle --------------------------------------------------------------------------

    def listen(self) -> None:
        """Start accepting connections (idempotent)."""
        if self._listening:
            return
        self._listening = True
        self._listener.listen(16)
        self._listener.settimeout(_POLL)
        self._spawn(self._accept_loop, "accept")

    def _spawn(self, target: Any, name: str, *args: Any) -> None:
        thread = threading.Thread(
            target=target, args=args, name=f"scripted-{self.port}-{name}", daemon=True
        )
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._sockets.add(sock)
            self._spawn(self._serve, "conn", sock)

    def close(self) -> None:
        """Stop, close every socket and join every thread (asserting none is left)."""
        self._stopping.set()
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + 5.0
        while True:
            with self._lock:
                threads = list(self._threads)
            for thread in threads:
                thread.join(max(0.0, deadline - time.monotonic()))
            with self._lock:
                if len(self._threads) == len(threads):
                    break
        alive = [t.name for t in threads if t.is_alive()]
        assert not alive, f"server threads still running: {alive}"

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- one connection ----------------------------------------------------------------------

    def _serve(self, raw: socket.socket) -> None:
        sock = raw
        try:
            if self._tls is not None:
                raw.settimeout(2.0)
                try:
                    sock = self._tls.wrap_socket(raw, server_side=True)
                except (ssl.SSLError, OSError):
                    with self._lock:
                        self.tls_failures += 1
                    return
                with self._lock:
                    self._sockets.add(sock)
            conn = _Connection(sock, self._stopping)
            while self._handle_one(conn):
                pass
        except _Stopped:
            pass
        finally:
            with self._lock:
                self._sockets.discard(raw)
                self._sockets.discard(sock)
            sock.close()
            raw.close()

    def _handle_one(self, conn: _Connection) -> bool:
        """Serve one request; False when the connection is finished."""
        head = conn.read_head()
        if head is None:
            return False
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        step = self._next_step(method, target)

        def record(body: bytes, complete: bool) -> None:
            entry = Recorded(
                method=method,
                path=target,
                headers=headers,
                body_bytes=len(body),
                body_complete=complete,
                body=body if len(body) < (1 << 20) else b"",
                sha256=hashlib.sha256(body).hexdigest(),
            )
            with self._lock:
                self.requests.append(entry)

        if step.action in ("drop_before_body", "stall"):
            record(b"", not _has_body(headers))
            if step.action == "stall":
                conn.wait_for_close(read=False)
            return False
        if step.action == "drop_mid_body" and step.read_limit is None:
            length = int(headers.get("content-length", "0"))
            step = attrs.evolve(step, read_limit=max(1, length // 2) if length else 1 << 16)
        body, complete = conn.read_body(headers, step)
        record(body, complete)
        if step.action in ("drop_mid_body", "drop_after_body") or not complete:
            return False
        if step.action == "hang":
            conn.wait_for_close(read=True)
            return False
        if step.action in ("trickle", "endless"):
            self._send_slowly(conn, step)
            return False
        if step.action == "truncate":
            conn.sock.sendall(
                _encode_response(step, declared_length=len(step.body))
                + step.body[: len(step.body) // 2]
            )
            return False
        conn.sock.sendall(_encode_response(step) + step.body)
        return headers.get("connection", "").lower() != "close"

    def _send_slowly(self, conn: _Connection, step: Step) -> None:
        """Trickle or repeat the body until it is sent, the client leaves or the server stops."""

        def send(data: bytes) -> None:
            view = memoryview(data)
            while view and not self._stopping.is_set():
                try:
                    view = view[conn.sock.send(view) :]
                except TimeoutError:  # the client is slow to read: wait, unless stopping
                    continue

        with contextlib.suppress(OSError):
            if step.action == "endless":
                head = _status_line(step.status) + b"".join(
                    f"{k}: {v}\r\n".encode() for k, v in step.headers
                )
                send(head + b"\r\n")
                frame = f"{len(step.body):x}\r\n".encode() + step.body + b"\r\n"
                while not self._stopping.is_set():
                    send(frame)
                return
            send(_encode_response(step))
            for index in range(len(step.body)):
                if self._stopping.wait(step.send_delay):
                    return
                send(step.body[index : index + 1])


def _has_body(headers: dict[str, str]) -> bool:
    return int(headers.get("content-length", "0") or 0) > 0 or "transfer-encoding" in headers


def iter_paths(server: ScriptedServer) -> Iterator[str]:
    """The paths of the recorded requests, in order."""
    for entry in server.requests:
        yield entry.path
