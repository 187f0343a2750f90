"""The record of one streaming session of the sandbox (``fake.streaming_sessions``)."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlencode

import attrs

from assemblyai.testing._stream_check import Protocol

__all__ = ["StreamingSession"]


@attrs.define(eq=False)
class StreamingSession:
    """One websocket handshake the sandbox received, and what happened on the connection.

    Attributes:
        protocol: ``"v3"`` (``/v3/ws``) or ``"v2"`` (``/v2/realtime/ws``).
        path: the handshake path.
        query: the handshake query, one value per name; a ``token`` is shown as ``"***"``.
        headers: the handshake headers (lower-case names); ``authorization`` is ``"***"``.
        status: the HTTP status of the handshake answer: 101 when the websocket opened, 401
            for bad credentials, an injected status... ``None`` until answered.
        id: the session id sent in ``Begin`` / ``SessionBegins``.
        config: the session's settings: the query's values over the spec's defaults, then
            updated by ``UpdateConfiguration`` / ``end_utterance_silence_threshold``.
        messages: the client's text frames, JSON-decoded (a frame that is not JSON is kept
            as a string), oldest first.
        sent: every message the server sent, oldest first.
        audio_bytes: bytes of audio received.
        audio_frames: binary frames received.
        close_code: the code of the closing handshake (whoever started it); ``None`` while
            open, or when the connection dropped without one.
        close_reason: its reason.
        closed_by: ``"client"``, ``"server"``, or ``None`` (open, or dropped).
        fault: the injected fault, described, if one applied.
        problems: what the client did against the spec (also in ``fake.violations``).

    Example::

        session = fake.streaming_sessions[-1]
        assert session.wait_closed() and session.close_code == 1000
        assert {"type": "ForceEndpoint"} in session.messages
    """

    protocol: Protocol
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    status: int | None = None
    id: str | None = None
    config: dict[str, Any] = attrs.Factory(dict)
    messages: list[Any] = attrs.Factory(list)
    sent: list[dict[str, Any]] = attrs.Factory(list)
    audio_bytes: int = 0
    audio_frames: int = 0
    close_code: int | None = None
    close_reason: str = ""
    closed_by: str | None = None
    fault: str | None = None
    problems: list[str] = attrs.Factory(list)
    _done: threading.Event = attrs.field(factory=threading.Event, repr=False)

    @property
    def target(self) -> str:
        """The path and query (token hidden), as violations name the session."""
        return self.path + ("?" + urlencode(self.query) if self.query else "")

    @property
    def finished(self) -> bool:
        """The handshake was refused, or the connection has ended and this record is final."""
        return self._done.is_set()

    def wait_closed(self, timeout: float = 5.0) -> bool:
        """Wait until :attr:`finished`; returns whether it is."""
        return self._done.wait(timeout)

    def finish(self) -> None:
        self._done.set()
