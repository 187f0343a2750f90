"""A local streaming server for tests: speaks v3 (and legacy v2) and validates the client.

Runs a ``websockets`` asyncio server on 127.0.0.1 (ephemeral port) in a background thread, so
the threaded and the asyncio client talk to the very same server. Every handshake query,
JSON control message and binary audio frame the client sends is checked against our AsyncAPI
documents (:mod:`.spec_validation`); mismatches are collected in :attr:`FakeStreamingServer.errors`
and the ``streaming_server`` fixture fails the test on any.

Example::

    with FakeStreamingServer() as server:
        client = StreamingClient(StreamingClientOptions(api_host=server.url, api_key=server.api_key))

Knobs (set them before the client connects) say how the server misbehaves: reject the
handshake, close with a code, send an unknown message, stop reading, or vanish.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import attrs
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from .spec_validation import SpecValidator, validate_token_query

__all__ = ["FakeStreamingServer", "SessionRecord"]

Protocol = Literal["v3", "v2"]
WORDS = "the quick brown fox jumps over the lazy dog again and again".split()


@attrs.define
class SessionRecord:
    """What one client connection sent."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]
    messages: list[dict[str, Any]] = attrs.Factory(list)
    audio_frames: int = 0
    audio_bytes: int = 0
    config: dict[str, Any] = attrs.Factory(dict)
    closed_by_client: int | None = None
    finished: threading.Event = attrs.Factory(threading.Event)


class FakeStreamingServer:
    """The fake server. Use as a context manager, or call :meth:`start`/:meth:`stop`.

    Args:
        protocol: ``"v3"`` (``/v3/ws``) or ``"v2"`` (``/v2/realtime/ws``).
        api_key: the key the server accepts in ``Authorization``.
        validator: checks client traffic against the AsyncAPI document; the default loads
            the one for ``protocol``.
        words_per_turn: Turn (v3) / utterance (v2) length; one word per second of audio.
        tls: serve ``wss://`` with this context (certificates from ``trustme`` in tests).
    """

    def __init__(
        self,
        protocol: Protocol = "v3",
        *,
        api_key: str = "test-api-key",
        validator: SpecValidator | None = None,
        words_per_turn: int = 3,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.protocol = protocol
        self.tls = tls
        self.api_key = api_key
        self.tokens: set[str] = set()
        self.token_requests: list[dict[str, str]] = []
        self.validator = validator or SpecValidator.for_protocol(protocol)
        self.words_per_turn = words_per_turn
        self.sessions: list[SessionRecord] = []
        self.errors: list[str] = []
        # Knobs.
        self.reject_status: int | None = None  # answer the handshake with this HTTP status
        self.auth_failure: Literal["http", "close"] = "http"  # bad key: HTTP 401 or close 4001
        self.close_before_begin: tuple[int, str] | None = None
        self.close_after_audio: tuple[int, str] | None = None  # close once audio arrives
        self.unknown_after_begin = False  # send messages the client does not know
        self.error_message_after_begin: str | None = None  # send {"error": ...}
        self.messages_after_begin: list[dict[str, Any]] = []  # sent (and checked) in order
        self.termination_delay = 0.0
        self.reply_to_terminate = True
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._reading: asyncio.Event | None = None
        self._connections: set[ServerConnection] = set()
        self._started = threading.Event()
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``ws://127.0.0.1:<port>`` (``wss://localhost:<port>`` with TLS): pass as
        ``api_host`` (v3) or base URL (v2)."""
        return f"wss://localhost:{self.port}" if self.tls else f"ws://127.0.0.1:{self.port}"

    def start(self) -> FakeStreamingServer:
        self._thread = threading.Thread(target=self._run, name="fake-streaming-server", daemon=True)
        self._thread.start()
        if not self._started.wait(5):
            raise RuntimeError("fake streaming server did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> FakeStreamingServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._reading = asyncio.Event()
        self._reading.set()
        async with serve(
            self._handle, "127.0.0.1", 0, process_request=self._process_request, ssl=self.tls
        ) as server:
            self._server = server
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._started.set()
            await server.wait_closed()

    async def _shutdown(self) -> None:
        assert self._server is not None and self._reading is not None
        self._reading.set()
        self._server.close()
        await self._server.wait_closed()

    # -- controls usable from any thread ------------------------------------------------------

    def _call(self, fn: Callable[[], None]) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(fn)

    def pause_reading(self) -> None:
        """Stop reading client frames (a slow or stuck server)."""
        assert self._reading is not None
        self._call(self._reading.clear)

    def resume_reading(self) -> None:
        assert self._reading is not None
        self._call(self._reading.set)

    def drop(self) -> None:
        """Vanish: abort every connection without a close frame and stop listening."""

        async def go() -> None:
            assert self._server is not None
            self._server.close(close_connections=False)
            for connection in list(self._connections):
                connection.transport.abort()

        assert self._loop is not None
        asyncio.run_coroutine_threadsafe(go(), self._loop).result(5)

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until every session's handler has finished (its record is complete)."""
        deadline = time.monotonic() + timeout
        for record in list(self.sessions):
            if not record.finished.wait(max(deadline - time.monotonic(), 0)):
                raise AssertionError(f"server session still running: {record}")

    def issue_token(self) -> str:
        token = f"tok-{uuid.uuid4().hex}"
        self.tokens.add(token)
        return token

    # -- handshake -----------------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path, _, raw_query = request.path.partition("?")
        query = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
        if path == "/v3/token" and self.protocol == "v3":
            return self._token_response(connection, request, query)
        expected = "/v3/ws" if self.protocol == "v3" else "/v2/realtime/ws"
        if path != expected:
            self.errors.append(f"handshake to {path!r}, expected {expected!r}")
            return connection.respond(404, "Not Found\n")
        if self.reject_status is not None:
            return connection.respond(self.reject_status, "Rejected\n")
        if not self._authorized(query, dict(request.headers)) and self.auth_failure == "http":
            return connection.respond(401, "Unauthorized\n")
        return None

    def _token_response(
        self, connection: ServerConnection, request: Request, query: dict[str, str]
    ) -> Response:
        """``GET /v3/token``: validates the query against spec/streaming-token.yml."""
        self.token_requests.append(query)
        self.errors.extend(validate_token_query(query))
        auth = {k.lower(): v for k, v in request.headers.raw_items()}.get("authorization")
        if auth != self.api_key:
            status, body = 401, {"error": "Invalid API key"}
        else:
            status, body = 200, {"token": self.issue_token(), "expires_in_seconds": 60}
        response = connection.respond(status, json.dumps(body))
        del response.headers["Content-Type"]
        response.headers["Content-Type"] = "application/json"
        return response

    def _authorized(self, query: dict[str, str], headers: dict[str, str]) -> bool:
        token = query.get("token")
        auth = {k.lower(): v for k, v in headers.items()}.get("authorization")
        if token is not None:
            if auth is not None:
                self.errors.append("both a token and an Authorization header were sent")
            return token in self.tokens
        return auth == self.api_key

    # -- session -------------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        path, _, raw_query = ws.request.path.partition("?") if ws.request else ("", "", "")
        query = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
        headers = dict(ws.request.headers) if ws.request else {}
        record = SessionRecord(path=path, query=query, headers=headers)
        self.sessions.append(record)
        self._connections.add(ws)
        try:
            self.errors.extend(self.validator.validate_query(query))
            if not self._authorized(query, headers):
                await ws.close(4001, "Not Authorized")
                return
            if self.close_before_begin is not None:
                await ws.close(*self.close_before_begin)
                return
            session = _Session(self, ws, record)
            await session.run()
        except ConnectionClosed:
            pass
        finally:
            self._connections.discard(ws)
            rcvd = ws.protocol.close_rcvd
            record.closed_by_client = rcvd.code if rcvd else None
            record.finished.set()

    async def wait_reading(self) -> None:
        assert self._reading is not None
        await self._reading.wait()


class _Session:
    """One session: turns audio into word-per-second Turns, answers control messages."""

    def __init__(self, server: FakeStreamingServer, ws: ServerConnection, record: SessionRecord):
        self.server = server
        self.ws = ws
        self.record = record
        self.v3 = server.protocol == "v3"
        rate = int(record.query.get("sample_rate", "16000") or 16000)
        width = 1 if record.query.get("encoding") == "pcm_mulaw" else 2
        self.bytes_per_second = rate * width
        self.width = width
        self.started = datetime.now(UTC)
        self.audio_total = 0
        self.turn_order = 0
        self.words: list[str] = []
        self.format_turns = record.query.get("format_turns") == "true"
        self.short_frame_seen = False

    async def send(self, payload: dict[str, Any], *, check: bool = True) -> None:
        if check:  # the fake server must speak the spec too, or the tests prove nothing
            self.server.errors.extend(self.server.validator.validate_server_message(payload))
        await self.ws.send(json.dumps(payload))

    async def run(self) -> None:
        expires = (self.started + timedelta(minutes=10)).replace(tzinfo=None).isoformat()
        if self.v3:
            await self.send({"type": "Begin", "id": str(uuid.uuid4()), "expires_at": expires})
        else:
            await self.send(
                {
                    "message_type": "SessionBegins",
                    "session_id": str(uuid.uuid4()),
                    "expires_at": expires,
                }
            )
        if self.server.unknown_after_begin:
            # Deliberately outside the spec: messages a newer server might send.
            await self.send({"type": "FutureThing", "message_type": "FutureThing"}, check=False)
            await self.send({"neither": "type nor error"}, check=False)
            await self.ws.send("this is not json")
        if self.server.error_message_after_begin:
            await self.send({"error": self.server.error_message_after_begin})
        for payload in self.server.messages_after_begin:
            await self.send(payload)
        while True:
            await self.server.wait_reading()
            message = await self.ws.recv()
            if isinstance(message, bytes):
                if await self.on_audio(message):
                    return
            else:
                if await self.on_text(message):
                    return

    async def on_audio(self, frame: bytes) -> bool:
        self.record.audio_frames += 1
        self.record.audio_bytes += len(frame)
        validator = self.server.validator
        self.server.errors.extend(
            validator.validate_audio(frame, self.bytes_per_second, self.width)
        )
        if self.short_frame_seen:  # only the last frame of a stream may be short
            self.server.errors.append("an audio frame shorter than 50 ms was not the last one")
        self.short_frame_seen = validator.is_short(frame, self.bytes_per_second)
        if self.server.close_after_audio is not None:
            await self.close(*self.server.close_after_audio)
            return True
        before = self.audio_total // self.bytes_per_second
        self.audio_total += len(frame)
        for _ in range(self.audio_total // self.bytes_per_second - before):
            self.words.append(WORDS[(len(self.words) + self.turn_order) % len(WORDS)])
            await self.emit(end=len(self.words) >= self.server.words_per_turn)
        return False

    async def emit(self, *, end: bool) -> None:
        text = " ".join(self.words)
        if self.v3:
            words = [
                {
                    "text": w,
                    "start": i * 1000,
                    "end": i * 1000 + 800,
                    "confidence": 0.9,
                    "word_is_final": end,
                }
                for i, w in enumerate(self.words)
            ]
            turn = {
                "type": "Turn", "turn_order": self.turn_order, "turn_is_formatted": False,
                "end_of_turn": end, "transcript": text, "end_of_turn_confidence": 0.9 if end else 0.1,
                "words": words,
            }  # fmt: skip
            await self.send(turn)
            if end and self.format_turns:
                await self.send(
                    {**turn, "turn_is_formatted": True, "transcript": text.capitalize() + "."}
                )
        else:
            words = [
                {"start": i * 1000, "end": i * 1000 + 800, "confidence": 0.9, "text": w}
                for i, w in enumerate(self.words)
            ]
            await self.send(
                {
                    "message_type": "FinalTranscript" if end else "PartialTranscript",
                    "audio_start": 0, "audio_end": len(self.words) * 1000, "confidence": 0.9,
                    "text": text.capitalize() + "." if end else text, "words": words,
                    "created": datetime.now(UTC).replace(tzinfo=None).isoformat(),
                    **({"punctuated": True, "text_formatted": True} if end else {}),
                }
            )  # fmt: skip
        if end:
            self.words = []
            self.turn_order += 1

    async def on_text(self, text: str) -> bool:
        try:
            payload = json.loads(text)
        except ValueError:
            self.server.errors.append(f"client sent text that is not JSON: {text[:80]!r}")
            await self.close(4100, "invalid JSON")
            return True
        self.record.messages.append(payload)
        problems = self.server.validator.validate_message(payload)
        if problems:
            self.server.errors.extend(problems)
            await self.close(4101, "invalid schema")
            return True
        kind = payload.get("type") if self.v3 else next(iter(payload), None)
        if kind in ("Terminate", "terminate_session"):
            return await self.terminate()
        if kind in ("ForceEndpoint", "force_end_utterance"):
            await self.emit(end=True)
        else:  # UpdateConfiguration / end_utterance_silence_threshold
            self.record.config.update({k: v for k, v in payload.items() if k != "type"})
        return False

    async def terminate(self) -> bool:
        if not self.server.reply_to_terminate:
            return False
        await asyncio.sleep(self.server.termination_delay)
        seconds = self.audio_total / self.bytes_per_second
        if self.v3:
            elapsed = (datetime.now(UTC) - self.started).total_seconds()
            await self.send(
                {
                    "type": "Termination",
                    "audio_duration_seconds": round(seconds, 3),
                    "session_duration_seconds": round(elapsed, 3),
                }
            )
        else:
            if self.record.query.get("enable_extra_session_information") == "true":
                await self.send(
                    {"message_type": "SessionInformation", "audio_duration_seconds": seconds}
                )
            await self.send({"message_type": "SessionTerminated"})
        await self.close(1000, "")
        return True

    async def close(self, code: int, reason: str) -> None:
        """Close like a real server: keep reading (and dropping) what the client still sends,
        or websockets' flow control would stop reading before the client's close frame."""

        async def discard() -> None:
            with contextlib.suppress(ConnectionClosed):
                while True:
                    await self.ws.recv()

        draining = asyncio.create_task(discard())
        with contextlib.suppress(ConnectionClosed):
            await self.ws.close(code, reason)
        await draining
