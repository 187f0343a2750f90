"""``aai.RealtimeTranscriber``: the legacy v2 real-time client (0.45.4's interface, fixed)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from websockets.sync.client import connect as _unpatched_connect

from assemblyai._core.exceptions import RealtimeError
from assemblyai._http import operations as operations
from assemblyai._http.client import Client
from assemblyai._http.send import send
from assemblyai.streaming._connection.shared import (
    CloseInfo,
    ConnectFailed,
    PatchedConnection,
    ThreadedConnection,
    replacement,
)
from assemblyai.streaming.v2 import _protocol as _protocol
from assemblyai.streaming.v2.models import (
    AudioEncoding,
    RealtimeFinalTranscript,
    RealtimePartialTranscript,
    RealtimeSessionInformation,
    RealtimeSessionOpened,
    RealtimeTranscript,
    RealtimeUnknownMessage,
)

__all__ = ["RealtimeTranscriber"]


def _patched_connect() -> Callable[..., Any] | None:
    """A replacement of ``assemblyai.transcriber.websocket_connect`` (0.45.4's name for the
    connect function, which users' tests patch), or None when it was not replaced."""
    module = sys.modules.get("assemblyai.transcriber")
    if module is None:
        return None
    return replacement(vars(module).get("websocket_connect"), _unpatched_connect)


QUEUE_SIZE = 100
TERMINATE_TIMEOUT = 5.0
CLOSE_TIMEOUT = 3.0


class RealtimeTranscriber:
    """Transcribe live audio with the legacy v2 real-time API (prefer ``streaming.v3``).

    Callbacks run in a background thread. Every argument is keyword-only, as in 0.45.4.

    Args:
        on_data: called with each :class:`RealtimePartialTranscript` and
            :class:`RealtimeFinalTranscript`.
        on_error: called with a :class:`RealtimeError` (``status_code`` is the close code
            when the server closed the connection) — at most once for the end of a session.
        on_open: called with :class:`RealtimeSessionOpened` when the session starts.
        on_close: called once when the session has ended, whoever ended it.
        sample_rate: samples per second of the audio.
        word_boost: custom vocabulary.
        encoding: ``AudioEncoding.pcm_s16le`` (default on the server) or ``pcm_mulaw``.
        token: a temporary token (see :meth:`create_temporary_token`); the API key is then
            neither needed nor sent.
        client: the :class:`assemblyai.Client` whose settings (API key, base URL) to use.
        end_utterance_silence_threshold: milliseconds of silence that end an utterance, sent
            right after connecting.
        disable_partial_transcripts: only deliver final transcripts.
        on_extra_session_information: called with :class:`RealtimeSessionInformation` before
            the session ends (it is requested only when this is set).
        on_unknown_message: called with a :class:`RealtimeUnknownMessage` for each message
            this SDK has no class for (not in 0.45.4, which dropped them; they are also logged).
            With ``aai.settings.strict_responses`` such messages, and known ones that depart
            from the API description, go to ``on_error`` instead.

    ``aai.settings`` (API key, base URL) is read by :meth:`connect`, not here, so the
    settings may be set after the transcriber is made.

    Example::

        transcriber = aai.RealtimeTranscriber(
            sample_rate=16_000, on_data=print, on_error=print,
        )
        transcriber.connect()
        transcriber.stream(aai.extras.MicrophoneStream(sample_rate=16_000))
        transcriber.close()
    """

    def __init__(
        self,
        *,
        on_data: Callable[[RealtimeTranscript], None],
        on_error: Callable[[RealtimeError], None],
        on_open: Callable[[RealtimeSessionOpened], None] | None = None,
        on_close: Callable[[], None] | None = None,
        sample_rate: int,
        # 0.45.4's default, kept for inspect.signature; safe because it is copied, never mutated.
        word_boost: list[str] | None = [],  # noqa: B006
        encoding: AudioEncoding | None = None,
        token: str | None = None,
        client: Client | None = None,
        end_utterance_silence_threshold: int | None = None,
        disable_partial_transcripts: bool | None = None,
        on_extra_session_information: Callable[[RealtimeSessionInformation], None] | None = None,
        on_unknown_message: Callable[[RealtimeUnknownMessage], None] | None = None,
    ) -> None:
        # The settings are read at connect(): 0.45.4 code often makes the transcriber first
        # and sets ``aai.settings.api_key`` afterwards.
        self._client_arg = client
        self._on_data = on_data
        self._on_error = on_error
        self._on_open = on_open
        self._on_close = on_close
        self._on_extra = on_extra_session_information
        self._sample_rate = sample_rate
        self._word_boost = list(word_boost or [])
        self._encoding = encoding
        self._token = token
        self._threshold = end_utterance_silence_threshold
        self._disable_partials = disable_partial_transcripts
        self._conn: ThreadedConnection | PatchedConnection | None = None
        self._session: _protocol.Session | None = None
        self._ended = threading.Event()
        self._close_lock = threading.Lock()
        self._close_notified = False
        self._closer: threading.Thread | None = None  # a close() started from a callback
        self._on_unknown = on_unknown_message

    @property
    def _client(self) -> Client:
        if self._client_arg is not None:
            return self._client_arg
        return Client.get_default(api_key_required=self._token is None)

    def connect(self, timeout: float | None = 10.0) -> None:
        """Open the session; a failure goes to ``on_error`` (nothing is raised, as in 0.45.4).

        Args:
            timeout: seconds to connect and receive the session-start message (``None``:
                no limit).

        Raises:
            ConfigurationError: no client was given, no token either, and
                ``aai.settings.api_key`` is not set (or a setting is invalid).
        """
        settings = self._client.settings
        request = _protocol.connect_request(
            base_url=settings.base_url,
            api_key=settings.api_key,
            token=self._token,
            sample_rate=self._sample_rate,
            word_boost=self._word_boost,
            encoding=self._encoding,
            disable_partial_transcripts=self._disable_partials,
            extra_session_information=self._on_extra is not None,
        )
        self._session, self._ended = _protocol.Session(), threading.Event()
        patched = _patched_connect()
        if patched is not None:
            self._connect_patched(patched, request, timeout)
            return
        conn = ThreadedConnection(
            name="assemblyai-realtime",
            on_message=self._on_message,
            on_closed=self._on_closed,
            queue_size=QUEUE_SIZE,
            close_timeout=CLOSE_TIMEOUT,
        )
        try:
            first = conn.open(
                request.url, request.headers, user_agent=request.user_agent, open_timeout=timeout
            )
        except ConnectFailed as exc:
            self._call(self._on_error, _protocol.connect_error(exc.failure, request.url))
            return
        self._conn, self._close_notified = conn, False
        self._on_message(first)
        conn.start()
        if self._threshold is not None:
            self.configure_end_utterance_silence_threshold(self._threshold)

    def _connect_patched(
        self, connect: Callable[..., Any], request: _protocol.ConnectRequest, timeout: float | None
    ) -> None:
        """Connect through a replaced ``assemblyai.transcriber.websocket_connect``, with
        0.45.4's arguments (no headers at all with a token)."""
        conn = PatchedConnection(
            connect,
            name="assemblyai-realtime",
            on_message=self._on_message,
            on_closed=self._on_closed,
        )
        try:
            conn.open(request.url, request.headers or None, open_timeout=timeout)
        except ConnectFailed as exc:
            self._call(self._on_error, _protocol.connect_error(exc.failure, request.url))
            return
        self._conn, self._close_notified = conn, False
        conn.start()
        if self._threshold is not None:
            self.configure_end_utterance_silence_threshold(self._threshold)

    def stream(self, data: bytes | Iterable[bytes]) -> None:
        """Send audio: one chunk, or every chunk of an iterable (consumed in this thread).

        Blocks while the send queue is full; returns early once the session has ended.
        """
        conn = self._conn
        if conn is None:
            return  # not connected: 0.45.4 queued the data for nobody; we drop it
        if isinstance(data, bytes | bytearray | memoryview):
            conn.send(bytes(data))
            return
        for chunk in data:
            if not conn.send(bytes(chunk)):
                return

    def configure_end_utterance_silence_threshold(self, threshold_milliseconds: int) -> None:
        """Set how many milliseconds of silence end an utterance."""
        if self._conn is not None:
            self._conn.send(_protocol.encode_threshold(threshold_milliseconds))

    def force_end_utterance(self) -> None:
        """End the current utterance now (its final transcript follows)."""
        if self._conn is not None:
            self._conn.send(_protocol.encode_force_end_utterance())

    def close(self) -> None:
        """Send the queued audio, terminate the session, close, then call ``on_close``.

        Returns within about 5 s plus the close handshake even if the server does not
        answer; safe to call more than once.
        """
        conn, session = self._conn, self._session
        if conn is None or session is None:
            return
        if conn.in_reader_thread():  # from a callback: finish in a helper thread
            self._closer = threading.Thread(
                target=self.close, name="assemblyai-realtime-closer", daemon=True
            )
            self._closer.start()
            return
        deadline = time.monotonic() + TERMINATE_TIMEOUT
        if not session.terminated and conn.send(
            _protocol.encode_terminate(), timeout=TERMINATE_TIMEOUT
        ):
            self._ended.wait(max(deadline - time.monotonic(), 0.0))
        conn.drain(timeout=max(deadline - time.monotonic(), 0.1))
        session.closing = True
        conn.close()
        self._notify_closed()
        closer = self._closer
        if closer is not None and closer is not threading.current_thread():
            closer.join(TERMINATE_TIMEOUT + CLOSE_TIMEOUT + 2.0)

    @classmethod
    def create_temporary_token(cls, expires_in: int, timeout: float | None = None) -> str:
        """Create a temporary token (``POST /v2/realtime/token``) for a browser or device.

        Args:
            expires_in: seconds the token stays valid.
            timeout: seconds for the request; ``None`` uses ``aai.settings.http_timeout``
                (0.45.4 waited forever).

        Raises:
            AssemblyAIError: the API refused (e.g. ``AuthenticationError``) or could not be
                reached.
        """
        # The REST call shared with ``assemblyai._http.legacy_api.create_temporary_token``: retries,
        # error mapping and ``last_response`` as for every other request.
        client = Client.get_default()
        return send(client.http_client, operations.realtime_token(expires_in), timeout)

    # -- called by the connection (reader thread) ----------------------------------------------

    def _on_message(self, data: str | bytes) -> None:
        session = self._session
        assert session is not None
        for event in session.receive(data):
            if isinstance(event, RealtimeError):
                self._call(self._on_error, event)
            elif isinstance(event, RealtimePartialTranscript | RealtimeFinalTranscript):
                self._call(self._on_data, event)
            elif isinstance(event, RealtimeSessionOpened):
                self._call(self._on_open, event)
            elif isinstance(event, RealtimeSessionInformation):
                self._call(self._on_extra, event)
            elif isinstance(event, RealtimeUnknownMessage):
                self._call(self._on_unknown, event)
            else:  # SessionTerminated: the server closes next
                self._ended.set()

    def _on_closed(self, info: CloseInfo) -> None:
        assert self._session is not None
        error = self._session.connection_closed(info)
        self._ended.set()
        if error is not None:
            self._call(self._on_error, error)
        self._notify_closed()

    def _notify_closed(self) -> None:
        with self._close_lock:
            if self._close_notified:
                return
            self._close_notified = True
        self._call(self._on_close)

    @staticmethod
    def _call(callback: Callable[..., None] | None, *args: object) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # a failing callback must not end the session
            _protocol.logger.exception("realtime: the callback %r raised", callback)
