"""One loopback HTTP server that answers like the API and records every request.

Both SDKs talk to the same server, so their requests can be compared one for one. It answers
with bodies a test registered (:meth:`RecordingServer.register`) or with plain answers shaped
like the API's. Each request is recorded as ``[method, path, sorted query, body]``, the body
being the parsed JSON, or the size and digest of any other content.
"""

from __future__ import annotations

import hashlib
import json
import socket
import ssl
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests import bodies

__all__ = ["RecordingServer", "Request", "recording_server", "transcript_body"]

Request = list[Any]  # [method, path, [[key, value], ...], body]

WORDS = [
    {"text": "Hello", "start": 0, "end": 400, "confidence": 0.9, "speaker": "A"},
    {"text": "big", "start": 450, "end": 700, "confidence": 0.8, "speaker": "A"},
    {"text": "world.", "start": 750, "end": 1200, "confidence": 0.95, "speaker": "B"},
]


def transcript_body(transcript_id: str, status: str = "completed", **fields: Any) -> dict[str, Any]:
    """A transcript with every field the API's description requires.

    The differential body tests cover what the API really omits; the calls tests need
    answers both SDKs read, to go on to the requests that follow them.
    """
    body = bodies.transcript_body(
        id=transcript_id, audio_url="https://example.org/audio.mp3", status=status
    )
    if status == "completed":
        body.update(
            text="Hello big world.",
            words=WORDS,
            confidence=0.9,
            audio_duration=2,
            language_code="en_us",
            punctuate=True,
            format_text=True,
            speech_model="best",
            webhook_auth=False,
        )
    body.update(fields)
    return body


def _sentence(**fields: Any) -> dict[str, Any]:
    return {
        "text": "Hello big world.",
        "start": 0,
        "end": 1200,
        "confidence": 0.9,
        "words": WORDS,
        **fields,
    }


def _lemur(request_id: str, response: Any) -> dict[str, Any]:
    return {
        "request_id": request_id,
        "usage": {"input_tokens": 10, "output_tokens": 3},
        "response": response,
    }


class RecordingServer:
    """Answers like the API; ``requests`` holds what was asked, in arrival order."""

    def __init__(
        self, ssl_context: ssl.SSLContext | None = None, sink: RecordingServer | None = None
    ) -> None:
        """``sink``: another server whose log this one's requests go to (one log for all)."""
        self.sink = sink or self
        self.requests: list[Request] = []
        self.marks: list[tuple[str, int]] = []
        self.bodies: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._polled: set[str] = set()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{port}"
        if ssl_context is not None:
            self._httpd.socket = ssl_context.wrap_socket(self._httpd.socket, server_side=True)
            self.base_url = f"https://localhost:{port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def register(self, kind: str, key: str, body: Any) -> None:
        """Serve ``body`` for the read of ``kind`` keyed ``key`` (see the driver's read kinds)."""
        self.bodies[(kind, key)] = body

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.marks.clear()
            self._polled.clear()

    def by_call(self) -> dict[str, list[Request]]:
        """The recorded requests split by the driver's marker requests."""
        with self._lock:
            bounds = [*self.marks, ("", len(self.requests))]
            return {
                name: self.requests[start : bounds[i + 1][1]]
                for i, (name, start) in enumerate(bounds[:-1])
            }

    # --- answering ---

    def _answer(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if parts[:2] == ["v2", "upload"]:
            return 200, {"upload_url": f"https://cdn.example.org/{body['sha256'][:12]}"}
        if parts[:2] == ["v2", "realtime"]:
            return 200, {"token": "rt-token"}
        if parts[:2] == ["v3", "token"]:
            return 200, {"token": "v3-token", "expires_in_seconds": 60}
        if parts[:2] == ["v2", "transcript"]:
            return self._transcripts(method, parts[2:], query, body)
        if parts[:2] == ["lemur", "v3"]:
            return self._lemur(method, parts[2:], body)
        return 404, {"error": f"no route for {method} {path}"}

    def _transcripts(
        self, method: str, rest: list[str], query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        if not rest and method == "POST":
            audio_url = str(body.get("audio_url", ""))
            tid = "tr_" + hashlib.sha256(audio_url.encode()).hexdigest()[:10]
            return 200, {**transcript_body(tid, "queued"), **body, "id": tid}
        if not rest:
            after = query.get("after_id", [""])[0]
            if ("list", after) in self.bodies:
                return 200, self.bodies[("list", after)]
            items = [
                {
                    "id": f"tr_{n}",
                    "resource_url": f"https://api.example.org/v2/transcript/tr_{n}",
                    "status": "completed",
                    "created": "2024-01-01T00:00:00.000000",
                    "completed": "2024-01-01T00:01:00.000000",
                    "audio_url": "https://example.org/audio.mp3",
                    "error": None,
                }
                for n in range(2)
            ]
            page = {
                "limit": 10,
                "result_count": 2,
                "current_url": "https://api.example.org/v2/transcript",
                "prev_url": "https://api.example.org/v2/transcript?before_id=tr_0",
                "next_url": None,
            }
            return 200, {"page_details": page, "transcripts": items}
        tid = rest[0]
        if len(rest) == 1 and method == "DELETE":
            return 200, transcript_body(
                tid,
                "completed",
                text="Deleted by user.",
                audio_url="http://deleted_by_user",
                words=[],
            )
        if len(rest) == 1:
            if ("transcript", tid) in self.bodies:
                return 200, self.bodies[("transcript", tid)]
            if tid == "tr_redacted":
                return 200, transcript_body(
                    tid,
                    redact_pii=True,
                    redact_pii_audio=True,
                    redact_pii_policies=["person_name"],
                    redact_pii_sub="hash",
                )
            return 200, transcript_body(tid)
        sub = rest[1]
        if sub in ("sentences", "paragraphs"):
            if (sub, tid) in self.bodies:
                return 200, self.bodies[(sub, tid)]
            return 200, {"id": tid, "confidence": 0.9, "audio_duration": 2, sub: [_sentence()]}
        if sub == "word-search":
            if ("word_search", tid) in self.bodies:
                return 200, self.bodies[("word_search", tid)]
            match = {"text": "hello", "count": 1, "timestamps": [[0, 400]], "indexes": [0]}
            return 200, {"id": tid, "total_count": 1, "matches": [match]}
        if sub in ("srt", "vtt"):
            return 200, f"{sub} of {tid}"
        if sub == "redacted-audio":
            return 200, {
                "status": "redacted_audio_ready",
                "redacted_audio_url": f"https://cdn.example.org/{tid}.mp3",
            }
        return 404, {"error": f"no transcript route {sub}"}

    def _lemur(self, method: str, rest: list[str], body: Any) -> tuple[int, Any]:
        if rest[:1] == ["generate"]:
            endpoint = rest[1]
            prompt = str(body.get("prompt")) if isinstance(body, dict) else ""
            if endpoint == "task" and ("lemur_task", prompt) in self.bodies:
                return 200, self.bodies[("lemur_task", prompt)]
            if endpoint == "question-answer":
                return 200, _lemur("req_q", [{"question": "Who?", "answer": "a"}])
            return 200, _lemur(f"req_{endpoint}", f"{endpoint} answer")
        request_id = rest[0]
        if method == "DELETE":
            return 200, {
                "request_id": "req_purge",
                "request_id_to_purge": request_id,
                "deleted": True,
            }
        if ("lemur_response", request_id) in self.bodies:
            return 200, self.bodies[("lemur_response", request_id)]
        return 200, _lemur(request_id, "an answer")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, delayed ACKs add ~40 ms
                # to every request.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def _serve(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
                if url.path.startswith("/__mark__/"):
                    with server._lock:
                        server.marks.append(
                            (url.path.removeprefix("/__mark__/"), len(server.requests))
                        )
                    self._send(200, {})
                    return
                raw = self._read_body()
                body: Any
                try:
                    body = (
                        json.loads(raw)
                        if raw and "json" in self.headers.get("content-type", "")
                        else None
                    )
                except ValueError:
                    body = None
                if body is None and raw:
                    body = {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
                pairs = sorted(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
                server.sink.record([self.command, url.path, [list(p) for p in pairs], body])
                status, answer = server._answer(self.command, url.path, query, body or {})
                self._send(status, answer)

            def _read_body(self) -> bytes:
                if self.headers.get("transfer-encoding", "").lower() == "chunked":
                    chunks: list[bytes] = []
                    while True:
                        size = int(self.rfile.readline().strip() or b"0", 16)
                        chunk = self.rfile.read(size)
                        self.rfile.readline()
                        if size == 0:
                            return b"".join(chunks)
                        chunks.append(chunk)
                return self.rfile.read(int(self.headers.get("content-length") or 0))

            def _send(self, status: int, answer: Any) -> None:
                if isinstance(answer, str):
                    data, kind = answer.encode(), "text/plain"
                else:
                    data, kind = json.dumps(answer).encode(), "application/json"
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PUT = _serve

        return Handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def recording_server() -> Iterator[RecordingServer]:
    server = RecordingServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def pretty(requests: list[Request]) -> Iterator[str]:
    for method, path, query, body in requests:
        yield f"{method} {path} {query} {json.dumps(body, sort_keys=True)}"
