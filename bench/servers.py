"""Loopback servers for the benchmark: the REST API over HTTPS and v3 streaming over WSS.

Both SDKs are pointed at these servers the way a user points them at a host, and both trust
the servers' certificate the way a user trusts a corporate CA: ``SSL_CERT_FILE`` names the
bundle of a throw-away certificate authority made with ``trustme`` for this run.

The servers count what they see (TCP connections, requests per route, upload bytes and their
CRC-32, streaming turns), so the orchestrator can check each run for correctness and report
connection counts without trusting the SDK under test.

Transcripts created with ``POST /v2/transcript`` finish according to their ``audio_url``'s
query: ``?polls=N`` completes at the N-th GET, ``?delay_ms=D`` completes D ms after creation;
otherwise at once. The text of a finished transcript is derived from its ``audio_url``.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import fixtures
import trustme
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

__all__ = ["API_KEY", "BenchServers", "Stats"]

API_KEY = "bench-api-key"


class Stats:
    """Counters shared by the server threads; ``reset()`` between runs, ``snapshot()`` after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.connections = 0
            self.open_connections = 0
            self.max_open_connections = 0
            self.requests: Counter[str] = Counter()
            self.unauthorized = 0
            self.upload_bytes = 0
            self.upload_crc32 = 0
            self.upload_chunked = False
            self.ws_sessions = 0
            self.ws_turns = 0
            self.ws_audio_bytes = 0
            self.ws_terminations = 0

    def add(self, **deltas: int) -> None:
        with self._lock:
            for name, delta in deltas.items():
                setattr(self, name, getattr(self, name) + delta)
            self.max_open_connections = max(self.max_open_connections, self.open_connections)

    def request(self, route: str) -> None:
        with self._lock:
            self.requests[route] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "connections": self.connections,
                "max_open_connections": self.max_open_connections,
                "requests": dict(self.requests),
                "unauthorized": self.unauthorized,
                "upload_bytes": self.upload_bytes,
                "upload_crc32": self.upload_crc32,
                "upload_chunked": self.upload_chunked,
                "ws_sessions": self.ws_sessions,
                "ws_turns": self.ws_turns,
                "ws_audio_bytes": self.ws_audio_bytes,
                "ws_terminations": self.ws_terminations,
            }


class _Record:
    """A transcript created by ``POST /v2/transcript`` and its completion rule."""

    __slots__ = ("audio_url", "created", "delay", "gets", "polls", "transcript_id")

    def __init__(self, transcript_id: str, audio_url: str) -> None:
        self.transcript_id = transcript_id
        self.audio_url = audio_url
        self.created = time.monotonic()
        self.gets = 0
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(audio_url).query)
        self.polls = int(query["polls"][0]) if "polls" in query else 0
        self.delay = int(query["delay_ms"][0]) / 1000 if "delay_ms" in query else 0.0

    def status_on_get(self) -> str:
        self.gets += 1
        if self.gets < self.polls or time.monotonic() - self.created < self.delay:
            return "processing"
        return "completed"


class _RestState:
    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self.lock = threading.Lock()
        self.ids = itertools.count(1)
        self.records: dict[str, _Record] = {}
        self.static: dict[str, tuple[str, bytes]] = {
            f"/v2/transcript/{fixtures.BIG_TRANSCRIPT_ID}": (
                "application/json",
                fixtures.dump(fixtures.big_transcript()),
            ),
            f"/v2/transcript/{fixtures.SMALL_TRANSCRIPT_ID}": (
                "application/json",
                fixtures.dump(fixtures.small_transcript()),
            ),
            f"/v2/transcript/{fixtures.SMALL_TRANSCRIPT_ID}/sentences": (
                "application/json",
                fixtures.dump(fixtures.small_sentences()),
            ),
            f"/v2/transcript/{fixtures.SMALL_TRANSCRIPT_ID}/srt": (
                "text/plain; charset=utf-8",
                fixtures.small_srt().encode(),
            ),
        }

    def create(self, audio_url: str) -> _Record:
        with self.lock:
            record = _Record(f"bench-{next(self.ids):06d}", audio_url)
            self.records[record.transcript_id] = record
        return record


class _TLSServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], context: ssl.SSLContext, state: _RestState
    ) -> None:
        self.context = context
        self.state = state
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[Any, Any]:
        sock, addr = self.socket.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.state.stats.add(connections=1, open_connections=1)
        # The handshake runs in the connection's own thread (see _Handler.setup), so one slow
        # client cannot hold up the accept loop.
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr

    def shutdown_request(self, request: Any) -> None:
        self.state.stats.add(open_connections=-1)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients closing keep-alive connections mid-read are normal at the end of a run.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _TLSServer

    def setup(self) -> None:
        self.request.settimeout(60)
        self.request.do_handshake()
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing ----------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        head = (
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            f"Content-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"Date: {self.date_time_string()}\r\n"
            "\r\n"
        ).encode()
        # One write: headers and body in the same TLS records where they fit.
        self.wfile.write(head + body if len(body) < 65536 else head)
        if len(body) >= 65536:
            self.wfile.write(body)

    def _json(self, status: int, body: object) -> None:
        self._send(status, fixtures.dump(body))

    def _authorized(self) -> bool:
        if self.headers.get("Authorization") == API_KEY:
            return True
        self.server.state.stats.add(unauthorized=1)
        self._json(401, {"error": "Authentication error, API token missing/invalid"})
        return False

    def _read_body(self, sink: Callable[[memoryview], None]) -> None:
        length = self.headers.get("Content-Length")
        buffer = bytearray(1 << 20)
        view = memoryview(buffer)
        if length is not None:
            remaining = int(length)
            while remaining:
                n = self.rfile.readinto(view[: min(remaining, len(buffer))])
                if not n:
                    raise ConnectionError("client closed the connection mid-body")
                sink(view[:n])
                remaining -= n
            return
        if "chunked" not in self.headers.get("Transfer-Encoding", "").lower():
            return
        self.server.state.stats.upload_chunked = True
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return
            while size:
                n = self.rfile.readinto(view[: min(size, len(buffer))])
                if not n:
                    raise ConnectionError("client closed the connection mid-chunk")
                sink(view[:n])
                size -= n
            self.rfile.readline()

    def _read_small_body(self) -> bytes:
        parts: list[bytes] = []
        self._read_body(lambda chunk: parts.append(bytes(chunk)))
        return b"".join(parts)

    # -- routes ------------------------------------------------------------------------------

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        state = self.server.state
        if not self._authorized():
            self._read_small_body()
            return
        if path == "/v2/upload":
            state.stats.request("POST /v2/upload")
            received = 0
            crc = 0

            def sink(chunk: memoryview) -> None:
                nonlocal received, crc
                received += len(chunk)
                crc = zlib.crc32(chunk, crc)

            self._read_body(sink)
            state.stats.add(upload_bytes=received)
            state.stats.upload_crc32 = crc
            self._json(
                200, {"upload_url": f"https://cdn.bench.invalid/upload/{received}-{crc:08x}"}
            )
        elif path == "/v2/transcript":
            state.stats.request("POST /v2/transcript")
            request = json.loads(self._read_small_body() or b"{}")
            audio_url = request.get("audio_url")
            if not isinstance(audio_url, str):
                self._json(400, {"error": "audio_url is required"})
                return
            record = state.create(audio_url)
            self._json(200, fixtures.transcript_for(record.transcript_id, audio_url, "queued"))
        else:
            self._read_small_body()
            self._json(404, {"error": "Not found"})

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        state = self.server.state
        if not self._authorized():
            return
        static = state.static.get(path)
        if static is not None:
            state.stats.request(f"GET {path}")
            self._send(200, static[1], static[0])
            return
        prefix = "/v2/transcript/"
        record = state.records.get(path[len(prefix) :]) if path.startswith(prefix) else None
        if record is None:
            self._json(404, {"error": "Transcript not found"})
            return
        state.stats.request("GET /v2/transcript/{id}")
        with state.lock:
            status = record.status_on_get()
        self._json(200, fixtures.transcript_for(record.transcript_id, record.audio_url, status))


# -- streaming (v3) ----------------------------------------------------------------------------


def turn_transcript(turn_order: int, audio_bytes: int) -> str:
    """The transcript of the server's Turn for a chunk: proves the chunk arrived whole."""
    return f"turn {turn_order} after {audio_bytes} bytes"


def _streaming_session(ws: ServerConnection, stats: Stats) -> None:
    request = ws.request
    assert request is not None
    url = urllib.parse.urlsplit(request.path)
    if url.path != "/v3/ws":
        ws.close(1008, "unknown path")
        return
    if request.headers.get("Authorization") != API_KEY:
        stats.add(unauthorized=1)
        ws.close(4001, "Not Authorized")
        return
    query = urllib.parse.parse_qs(url.query)
    if "sample_rate" not in query:
        ws.close(4000, "sample rate must be positive")
        return
    stats.add(ws_sessions=1)
    started = time.monotonic()
    ws.send(
        json.dumps(
            {"type": "Begin", "id": f"session-{id(ws):x}", "expires_at": int(time.time()) + 600}
        )
    )
    audio_bytes = 0
    turn_order = 0
    try:
        for message in ws:
            if isinstance(message, bytes):
                audio_bytes += len(message)
                stats.add(ws_audio_bytes=len(message), ws_turns=1)
                text = turn_transcript(turn_order, audio_bytes)
                word = {
                    "start": turn_order * 100,
                    "end": turn_order * 100 + 90,
                    "confidence": 0.93,
                    "text": text,
                    "word_is_final": True,
                }
                ws.send(
                    json.dumps(
                        {
                            "type": "Turn",
                            "turn_order": turn_order,
                            "turn_is_formatted": False,
                            "end_of_turn": True,
                            "transcript": text,
                            "end_of_turn_confidence": 0.93,
                            "words": [word],
                        }
                    )
                )
                turn_order += 1
                continue
            if json.loads(message).get("type") == "Terminate":
                stats.add(ws_terminations=1)
                ws.send(
                    json.dumps(
                        {
                            "type": "Termination",
                            "audio_duration_seconds": audio_bytes // 32_000,
                            "session_duration_seconds": int(time.monotonic() - started),
                        }
                    )
                )
                ws.close(1000)
                return
    except ConnectionClosed:
        return


# -- both together -----------------------------------------------------------------------------


class BenchServers:
    """Start the HTTPS and WSS servers on 127.0.0.1 and write the CA bundle to ``ca_path``.

    The websocket server is websockets' threaded one, like the REST server: asyncio's TLS
    layer occasionally left a client's upgrade request unread after the TLS handshake (the
    client then timed out), which would have been blamed on the SDK under test.
    """

    def __init__(self, work_dir: Path) -> None:
        self.stats = Stats()
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        # One file per run: two runs at once (say, profiling beside a bench) must not trust
        # each other's throw-away CA.
        self.ca_path = work_dir / f"bench-ca-{os.getpid()}.pem"
        ca.cert_pem.write_to_path(str(self.ca_path))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        # No TLS 1.3 session tickets (neither SDK resumes sessions across processes). With
        # them, websockets' stock sync client, which 0.45.4 uses, loses its opening request
        # about once in 500 connections (its receiving thread reads the tickets while the
        # caller writes the request, on one OpenSSL object) and fails after the server's
        # 10 s handshake timeout; that would fail the official SDK's runs at random. Ours
        # reads only after the request is written (assemblyai/streaming/_connection/threaded.py).
        context.num_tickets = 0
        self._rest = _TLSServer(("127.0.0.1", 0), context, _RestState(self.stats))
        self.rest_port = self._rest.server_address[1]
        self._rest_thread = threading.Thread(
            target=self._rest.serve_forever, name="bench-rest", daemon=True
        )
        sock = socket.create_server(("127.0.0.1", 0))
        # Accepted sockets inherit this; without it a message written right after another
        # waits ~40 ms for a delayed ACK (Nagle's algorithm).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.ws_port = sock.getsockname()[1]
        stats = self.stats
        self._ws: Server = serve(
            lambda ws: _streaming_session(ws, stats),
            sock=sock,
            ssl=context,
            compression=None,
            max_size=2**24,
        )
        self._ws_thread = threading.Thread(
            target=self._ws.serve_forever, name="bench-ws", daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.rest_port}"

    @property
    def streaming_host(self) -> str:
        return f"127.0.0.1:{self.ws_port}"

    def start(self) -> BenchServers:
        self._rest_thread.start()
        self._ws_thread.start()
        return self

    def stop(self) -> None:
        self._rest.shutdown()
        self._rest.server_close()
        self._ws.shutdown()
        self._ws_thread.join(10)
        self.ca_path.unlink(missing_ok=True)

    def __enter__(self) -> BenchServers:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
