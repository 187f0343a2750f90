"""``StreamingClient``: v3 streaming with a reader and a writer thread (the 0.45.4 interface)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

import httpx
from websockets.sync.client import connect as websocket_connect

from assemblyai._core.errors import connection_error
from assemblyai._core.exceptions import StreamingError
from assemblyai._core.settings import settings
from assemblyai._http.client import build_timeout, ssl_context
from assemblyai._http.client import user_agent as http_user_agent
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailed, FailureKind
from assemblyai.streaming._connection.patched import PatchedConnection, replacement
from assemblyai.streaming._session.controls import SessionControls
from assemblyai.streaming._session.threaded import SessionConnection
from assemblyai.streaming._session.v3 import v3_plan
from assemblyai.streaming.v3 import _protocol as _protocol
from assemblyai.streaming.v3._base import ClientBase
from assemblyai.streaming.v3.models import (
    BeginEvent,
    ErrorEvent,
    EventMessage,
    ForceEndpoint,
    StreamingClientOptions,
    StreamingErrorCodes,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    TerminateSession,
    TerminationEvent,
    TurnEvent,
    UpdateConfiguration,
)

# Besides the client, the message and option classes 0.45.4's client module had in scope, for
# code that imports them from here (``models`` is loaded by this module anyway).
__all__ = [
    "BeginEvent",
    "ErrorEvent",
    "ForceEndpoint",
    "RealTimeTranscriber",
    "StreamingClient",
    "StreamingClientOptions",
    "StreamingErrorCodes",
    "StreamingEvents",
    "TerminateSession",
    "TerminationEvent",
    "TurnEvent",
    "UpdateConfiguration",
]

# 0.45.4 connected through this name and users' tests patch it; connect() looks it up each
# time and, if it was replaced, connects through the replacement (see .._patched).
_UNPATCHED_CONNECT = websocket_connect


class StreamingClient(SessionControls, ClientBase):
    """Stream audio and receive turns, with handlers called from a background thread.

    Args:
        options: host and credentials (see :class:`StreamingClientOptions`).
        api_key: an API key that wins over the one in ``options`` (as in the official
            1.0.0); alone, it is all the options needed.
        send_queue_size: audio chunks and messages that may wait to be sent; when the
            connection is slower than the producer, :meth:`stream` blocks instead of
            buffering without limit.
        terminate_timeout: seconds ``disconnect(terminate=True)`` waits for queued audio to
            go out and for the server's Termination message (default: the options').
        open_timeout: seconds one attempt may take to connect and receive the Begin message
            (default: the options' ``connect_timeout``; attempts: see the options).
        close_timeout: seconds to wait for the server to acknowledge our close.

    Example::

        client = StreamingClient(StreamingClientOptions(api_key="..."))
        client.on(StreamingEvents.Turn, lambda c, event: print(event.transcript))
        client.connect(StreamingParameters(sample_rate=16_000))
        try:
            client.stream(MicrophoneStream(sample_rate=16_000))
        finally:
            client.disconnect(terminate=True)

    Handlers run in the reader thread, one at a time and in order; an exception in a handler
    is logged (logger ``assemblyai.streaming``) and the session goes on. Errors reach the
    Error handlers exactly once per session; a normal close is not an error. After an error
    :meth:`stream` returns at once and :meth:`disconnect` does not hang.
    """

    _conn: SessionConnection | PatchedConnection | None = None
    _session: _protocol.Session | None = None
    _closer: threading.Thread | None = None  # a disconnect() started from a handler

    def connect(self, params: StreamingParameters) -> None:
        """Open the session and wait for the server's Begin message (handled before returning).

        A failure is raised here and not also handed to the Error handlers (0.45.4 sent a
        close during the handshake to the handlers and let other failures escape unwrapped).

        Raises:
            ConfigurationError: no API key or token.
            StreamingError: the connection failed or the server refused it; ``code`` is
                the close code (4001 also for an HTTP 401 answer).
        """
        request = _protocol.connect_request(self._options, params)
        if self._conn is not None and not self._conn.closed:
            raise StreamingError("already connected; call disconnect() first")
        if self._conn is not None:
            self._conn.close()  # a session the server ended: join its threads
        session = _protocol.Session()
        self._ended = threading.Event()
        patched = replacement(globals().get("websocket_connect"), _UNPATCHED_CONNECT)
        if patched is not None:
            self._connect_patched(patched, request, session)
            return
        plan = v3_plan(
            options=self._options,
            params=params,
            request=request,
            open_timeout=self._open_timeout,
            queue_size=self._send_queue_size,
            close_timeout=self._close_timeout,
            session_id=lambda: session.session_id,
        )
        conn = SessionConnection(plan, on_message=self._on_message, on_closed=self._on_closed)
        try:
            first = conn.open()
        except ConnectFailed as exc:
            # An invalid URL's message repeats the URL, and the query may hold a token.
            cause = None if exc.failure.kind is FailureKind.INVALID else exc.__cause__
            raise _protocol.connect_error(exc.failure, request) from cause
        self._session, self._conn = session, conn
        self._on_message(first)
        conn.start()

    def _connect_patched(
        self,
        connect: Callable[..., Any],
        request: _protocol.ConnectRequest,
        session: _protocol.Session,
    ) -> None:
        """Connect through a replaced ``websocket_connect``, as 0.45.4 called it."""
        conn = PatchedConnection(
            connect,
            name="assemblyai-streaming",
            on_message=self._on_message,
            on_closed=self._on_closed,
        )
        headers = {**request.headers, "User-Agent": request.user_agent}
        try:
            conn.open(request.url, headers, open_timeout=self._patched_open_timeout)
        except ConnectFailed as exc:
            cause = None if exc.failure.kind is FailureKind.INVALID else exc.__cause__
            raise _protocol.connect_error(exc.failure, request) from cause
        self._session, self._conn = session, conn
        conn.start()

    def stream(self, data: bytes | Iterable[bytes]) -> None:
        """Send audio: one chunk, or every chunk of an iterable (consumed in this thread).

        Blocks while the send queue is full. Returns early, dropping the rest, once the
        session has ended (an error, or :meth:`disconnect` from another thread). While a
        ``ReconnectPolicy`` reconnects, the audio is kept and sent once connected.

        Raises:
            SendTimeoutError: the queue stayed full for the options' ``send_timeout``.
            StreamingError: :meth:`connect` was never called (0.45.4 queued the audio
                silently).
        """
        conn = self._require_connection()
        send = conn.send_audio if isinstance(conn, SessionConnection) else conn.send
        if isinstance(data, bytes | bytearray | memoryview):
            send(bytes(data))
            return
        for chunk in data:
            if not send(bytes(chunk)):
                return

    def set_params(self, params: StreamingSessionParameters) -> None:
        """Change turn-detection settings mid-session (only the fields that are set)."""
        self._require_connection().send(_protocol.encode_update(params))

    def force_endpoint(self) -> None:
        """End the current turn now."""
        self._require_connection().send(_protocol.encode_force_endpoint())

    def keep_alive(self) -> None:
        """Tell the server the client is still there while no audio flows (``KeepAlive``)."""
        self._require_connection().send(_protocol.encode_keep_alive())

    def disconnect(self, terminate: bool = False) -> None:
        """End the session; safe to call at any time, any number of times.

        Args:
            terminate: first send the audio still queued and ``Terminate``, and wait (up to
                ``terminate_timeout``) for the server's Termination message, so the last
                turns arrive. Without it the queued audio is still sent, then the websocket
                is closed normally.

        Returns within about ``terminate_timeout + close_timeout`` seconds. Called from a
        handler, it hands the work to a short-lived thread and returns at once.
        """
        conn, session = self._conn, self._session
        if conn is None or session is None:
            return
        if conn.in_reader_thread():
            # Waiting here would block the very thread that receives Termination.
            self._closer = threading.Thread(
                target=self.disconnect,
                args=(terminate,),
                name="assemblyai-streaming-closer",
                daemon=True,
            )
            self._closer.start()
            return
        deadline = time.monotonic() + self._terminate_timeout
        if (
            terminate
            and not session.terminated
            and conn.send(_protocol.encode_terminate(), timeout=self._terminate_timeout)
        ):
            self._ended.wait(max(deadline - time.monotonic(), 0.0))
        conn.drain(timeout=max(deadline - time.monotonic(), 0.1))
        session.closing = True
        conn.close()
        closer = self._closer
        if closer is not None and closer is not threading.current_thread():
            closer.join(self._terminate_timeout + self._close_timeout + 2.0)

    def create_temporary_token(
        self, expires_in_seconds: int, max_session_duration_seconds: int | None = None
    ) -> str:
        """Create a temporary token for a client that must not hold the API key.

        Sends ``GET https://{api_host}/v3/token`` with the API key (options, else
        ``aai.settings``, else the environment) and ``aai.settings.http_timeout``.

        Raises:
            AuthenticationError: the API key was refused (also a :class:`StreamingError`).
            APIConnectionError / APITimeoutError: the API could not be reached in time.
        """
        request = _protocol.token_request(
            self._options, expires_in_seconds, max_session_duration_seconds, http_user_agent()
        )
        try:
            with httpx.Client(
                timeout=build_timeout(settings.http_timeout),
                verify=ssl_context(settings.verify_tls),
            ) as http:
                response = http.get(request.url, params=request.params, headers=request.headers)
        except httpx.TransportError as exc:
            raise connection_error(
                exc,
                context="failed to create a temporary streaming token",
                family=StreamingError,
                method="GET",
                url=request.url,
            ) from exc
        return _protocol.parse_token_response(
            response.status_code, response.headers, response.content, request.url
        )

    def __enter__(self) -> StreamingClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.disconnect(terminate=exc is None)

    # -- called by the connection --------------------------------------------------------------

    def _require_connection(self) -> SessionConnection | PatchedConnection:
        if self._conn is None:
            raise StreamingError("not connected; call connect() first")
        return self._conn

    def _on_message(self, data: str | bytes) -> None:
        session = self._session
        assert session is not None
        for event in session.receive(data):
            if session.terminated:
                self._ended.set()
            self._dispatch(event)

    def _on_closed(self, info: CloseInfo) -> None:
        assert self._session is not None
        error = self._session.connection_closed(info)
        self._ended.set()
        if error is not None:
            self._dispatch(error)

    def _dispatch(self, event: EventMessage | StreamingError) -> None:
        kind, argument = _protocol.handler_target(event)
        for handler in list(self._handlers[kind]):
            try:
                handler(self, argument)
            except Exception:
                self._log_handler_failure(kind, handler)


RealTimeTranscriber = StreamingClient
"""The official 1.0.0's name for :class:`StreamingClient` (the same class)."""
