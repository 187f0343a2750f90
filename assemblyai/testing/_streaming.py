"""The websocket half of the sandbox: v3 streaming and legacy v2 real-time on one port.

:class:`StreamingService` runs a ``websockets`` asyncio server on a daemon thread and serves

- ``/v3/ws``: Universal Streaming (v3), what ``StreamingClient``/``AsyncStreamingClient``
  connect to (``FakeAssemblyAI`` sets ``aai.settings.streaming_host`` to :attr:`url`);
- ``/v2/realtime/ws``: legacy real-time (v2). ``RealtimeTranscriber`` connects to the REST
  host (``aai.settings.base_url``), whose server passes websocket upgrades through to this
  port (``_tunnel``), so it works unchanged;
- any other plain ``GET`` (``/v3/token``, which ``StreamingClient.create_temporary_token``
  sends to the streaming host) is answered by the REST side, recorded in ``fake.requests``,
  with its ``status`` and ``latency`` faults (not the connection-level ones).

At the handshake: an injected ``reject_status`` fault answers first; then credentials (the
API key in ``Authorization``, or a ``token`` query parameter issued for this protocol and not
expired) or HTTP 401, as the API does; then the query is checked against the AsyncAPI
document (violations are recorded, the session still opens). A session whose sample rate is
missing (for raw PCM) or not positive is closed with 4000, one with a parameter value the
spec refuses (out of bounds, say) with 3006. The v3 settings follow the spec's per-model
rules (:mod:`._stream_features`). What a session does is :mod:`._stream_session`.

Example::

    with FakeAssemblyAI() as fake:           # started with the fake
        client = StreamingClient()           # api_host defaults to fake.streaming_url
        client.connect(StreamingParameters(sample_rate=16_000))
        ...
        fake.streaming_sessions[-1].messages
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import http
import json
import socket
import threading
from collections.abc import Callable, Iterable, MutableSequence
from urllib.parse import parse_qsl

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from assemblyai.testing._content import PLACEHOLDER_TEXT
from assemblyai.testing._faults import reason
from assemblyai.testing._http import (
    HttpRequest,
    HttpResponse,
    RecordedRequest,
    Violation,
    redact_headers,
)
from assemblyai.testing._server import Dispatcher
from assemblyai.testing._stream_check import Protocol, StreamSpec
from assemblyai.testing._stream_faults import StreamFaultRule, StreamFaults
from assemblyai.testing._stream_features import session_config
from assemblyai.testing._stream_session import SessionEnv, StreamingSession, run_session
from assemblyai.testing._turns import MS_PER_WORD

__all__ = ["CHANNELS", "StreamingService"]

CHANNELS: dict[str, Protocol] = {"/v3/ws": "v3", "/v2/realtime/ws": "v2"}
"""Websocket path -> protocol."""

_UNAUTHORIZED = "Authentication error, API token missing/invalid"
_MAX_FRAME = 2**22  # bytes; far above the 1000 ms limit, which is checked (and reported) instead


def _response(
    status: int, body: bytes, content_type: str | None, extra: Iterable[tuple[str, str]] = ()
) -> Response:
    headers = Headers()
    headers["Date"] = email.utils.formatdate(usegmt=True)
    headers["Connection"] = "close"
    if content_type is not None:
        headers["Content-Type"] = content_type
    headers["Content-Length"] = str(len(body))
    for name, value in extra:
        headers[name] = value
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return Response(status, phrase, headers, body)


def _error(status: int, message: str) -> Response:
    return _response(status, json.dumps({"error": message}).encode(), "application/json")


class StreamingService:
    """The streaming server, bound at construction (so :attr:`url` is known before start).

    Args:
        host: interface to bind.
        port: port to bind; ``0`` picks a free one.
        api_key: returns the key the sandbox accepts.
        token_is_valid: ``(token, "v3" | "v2") -> bool``, the REST side's token store.
        new_id: returns a fresh session id.
        violations: where client traffic that breaks the spec is reported (``fake.violations``).
        sandbox_errors: where the sandbox's own spec breaches go (``fake.response_errors``).
        http: the REST side, for plain HTTP requests on this port.
        validate_responses: check every server message against the spec.
        real_shapes: reshape v3 messages as the real API sends them (``_real_stream``).
        seed: seeds those reshapings.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        api_key: Callable[[], str],
        token_is_valid: Callable[[str, str], bool],
        new_id: Callable[[], str],
        violations: MutableSequence[Violation],
        sandbox_errors: MutableSequence[str],
        http: Dispatcher,
        validate_responses: bool = True,
        real_shapes: bool = False,
        seed: int | None = 0,
        recognise: Callable[[bytes], tuple[str, float] | None] = lambda first_audio: None,
    ) -> None:
        self._recognise = recognise
        self._real_shapes = real_shapes
        self._seed = seed
        self._sock = socket.create_server((host, port))
        bound = self._sock.getsockname()
        self._address = (str(bound[0]), int(bound[1]))
        self._api_key = api_key
        self._token_is_valid = token_is_valid
        self._new_id = new_id
        self._violations = violations
        self._sandbox_errors = sandbox_errors
        self._http = http
        self._validate_responses = validate_responses
        self.text = PLACEHOLDER_TEXT
        """What sessions hear (read when a session opens); see ``fake.streaming_text``."""
        self.ms_per_word = MS_PER_WORD
        """Milliseconds of audio per word heard."""
        self.faults = StreamFaults()
        self._lock = threading.Lock()
        self._sessions: list[StreamingSession] = []
        self._pending: dict[
            ServerConnection, tuple[StreamingSession, StreamFaultRule | None, tuple[str, ...]]
        ] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    # -- addresses and records -------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)`` the server listens on."""
        return self._address

    @property
    def url(self) -> str:
        """``ws://127.0.0.1:<port>``: a value for ``aai.settings.streaming_host``."""
        host, port = self.address
        return f"ws://{host}:{port}"

    @property
    def sessions(self) -> list[StreamingSession]:
        """Every handshake received, oldest first (a snapshot of the list)."""
        with self._lock:
            return list(self._sessions)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(
            target=asyncio.run,
            args=(self._main(),),
            name=f"assemblyai-fake-streaming-{self.address[1]}",
            daemon=True,
        )
        self._thread.start()
        if not self._ready.wait(10) or self._startup_error is not None:
            raise RuntimeError("the streaming sandbox did not start") from self._startup_error

    def close(self) -> None:
        """Close every session (code 1001), stop the thread and release the port."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and self._thread is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already finished
                loop.call_soon_threadsafe(stop.set)
            self._thread.join(10)
        self._thread = None
        self._sock.close()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            server: Server = await serve(
                self._handle,
                sock=self._sock,
                process_request=self._process_request,
                process_response=self._process_response,
                compression=None,
                max_size=_MAX_FRAME,
                close_timeout=2,
            )
        except BaseException as exc:
            self._startup_error = exc
            self._ready.set()
            raise
        self._ready.set()
        await self._stop.wait()
        server.close()
        await server.wait_closed()

    # -- the handshake ---------------------------------------------------------------------

    async def _process_request(
        self, connection: ServerConnection, request: Request
    ) -> Response | None:
        path, _, raw_query = request.path.partition("?")
        headers = {name.lower(): value for name, value in request.headers.raw_items()}
        protocol = CHANNELS.get(path)
        if protocol is None:
            if headers.get("upgrade", "").lower() == "websocket":
                problem = f"no websocket channel at {path}; the sandbox serves {sorted(CHANNELS)}"
                self._violations.append(Violation("WS", path, (problem,)))
                return _error(404, "Not found")
            return await self._plain_http(request, headers)
        query = dict(parse_qsl(raw_query, keep_blank_values=True))
        shown = {k: ("***" if k == "token" else v) for k, v in query.items()}
        record = StreamingSession(protocol, path, shown, redact_headers(headers))
        with self._lock:
            self._sessions.append(record)
        fault = self.faults.take(protocol)
        if fault is not None:
            record.fault = fault.describe()
            if fault.reject_status is not None:
                return self._refuse(
                    record, _error(fault.reject_status, reason(fault.reject_status))
                )
        token = query.get("token")
        if token is not None:
            authorized = self._token_is_valid(token, protocol)
        else:
            authorized = headers.get("authorization") == self._api_key()
        if not authorized:
            return self._refuse(record, _error(401, _UNAUTHORIZED))
        spec = StreamSpec.for_protocol(protocol)
        values, problems = spec.check_query(query)
        if problems:
            self._report(record, problems)
        values.pop("token", None)
        if protocol == "v3":
            record.config = session_config(spec, values, query)
        else:
            record.config = {**spec.query_defaults, **values}
        # Declared parameters whose value the spec refuses: the session opens, then closes with
        # the API's validation error (3006) after Begin.
        invalid = tuple(
            n for n in query if n in spec.query_schemas and n not in values and n != "token"
        )
        self._pending[connection] = (record, fault, invalid)
        return None

    def _refuse(self, record: StreamingSession, response: Response) -> Response:
        record.status = response.status_code
        record.finish()
        return response

    def _process_response(
        self, connection: ServerConnection, request: Request, response: Response
    ) -> None:
        pending = self._pending.get(connection)
        if pending is not None:
            pending[0].status = response.status_code
            if response.status_code != 101:  # websockets itself refused (a bad upgrade)
                del self._pending[connection]
                pending[0].finish()

    async def _handle(self, connection: ServerConnection) -> None:
        record, fault, invalid = self._pending.pop(connection)
        env = SessionEnv(
            spec=StreamSpec.for_protocol(record.protocol),
            text=self.text,
            ms_per_word=self.ms_per_word,
            new_id=self._new_id,
            report_problems=self._report,
            report_sandbox_error=self._sandbox_errors.append,
            validate_responses=self._validate_responses,
            real_shapes=self._real_shapes,
            seed=self._seed,
            recognise=self._recognise,
            invalid_query=invalid,
        )
        await run_session(connection, record, env, fault)

    def _report(self, record: StreamingSession, problems: list[str]) -> None:
        record.problems.extend(problems)
        self._violations.append(Violation("WS", record.target, tuple(problems)))

    # -- plain HTTP (GET /v3/token) --------------------------------------------------------

    async def _plain_http(self, request: Request, headers: dict[str, str]) -> Response:
        target = request.path
        path = target.split("?", 1)[0]
        operation_id = self._http.operation_id("GET", path)
        fault = self._http.take_fault("GET", path, operation_id)
        if fault is not None and fault.latency:
            await asyncio.sleep(fault.latency)
        http_request = HttpRequest("GET", target, headers)
        if fault is not None and fault.status is not None:
            answer = HttpResponse.error(fault.status, fault.message or reason(fault.status))
            answer.headers.extend(fault.headers)
        else:
            answer = self._http.handle(http_request)
        self._http.record(
            RecordedRequest(
                method="GET",
                path=path,
                query=http_request.query,
                headers=redact_headers(headers),
                body_size=0,
                status=answer.status,
                operation_id=operation_id,
                fault=fault.describe() if fault else None,
            )
        )
        return _response(answer.status, answer.body, answer.content_type, answer.headers)
