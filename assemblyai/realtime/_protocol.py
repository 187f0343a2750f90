"""Sans-I/O core of the legacy v2 real-time protocol (the v3 core's twin; no I/O here).

* :func:`connect_request` — URL (``settings.base_url`` with http→ws, https→wss), query and
  headers. A temporary token goes in the ``token`` query parameter and the API key is then
  not sent; otherwise the key is the ``Authorization`` header (as in 0.45.4).
* :func:`encode_terminate` / :func:`encode_force_end_utterance` / :func:`encode_threshold`.
* :class:`Session` — frames in, events out; the end of the connection as at most one
  :class:`RealtimeError`.
* :func:`connect_error` — a failed handshake as 0.45.4's ``RealtimeError``.

The temporary-token call is a REST operation, shared with ``assemblyai.api``
(``_operations.realtime_token``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs

from .._exceptions import RealtimeError
from .._generated import realtime as gen
from ..streaming._common import (
    CloseInfo,
    ConnectFailure,
    FailureKind,
    describe_failure,
    encode_query,
    user_agent,
    websocket_url,
)
from .models import (
    AudioEncoding,
    RealtimeFinalTranscript,
    RealtimePartialTranscript,
    RealtimeSessionInformation,
    RealtimeSessionOpened,
    RealtimeSessionTerminated,
)

__all__ = [
    "ConnectRequest",
    "RealtimeEvent",
    "Session",
    "close_error",
    "connect_error",
    "connect_request",
    "encode_force_end_utterance",
    "encode_terminate",
    "encode_threshold",
]

logger = logging.getLogger("assemblyai.streaming")

RealtimeEvent: TypeAlias = (
    RealtimePartialTranscript
    | RealtimeFinalTranscript
    | RealtimeSessionOpened
    | RealtimeSessionInformation
    | RealtimeSessionTerminated
    | RealtimeError
)
"""What :meth:`Session.receive` hands out; a ``RealtimeError`` is for ``on_error``."""

_EVENT_CLASSES: dict[str, type[RealtimeEvent]] = {
    "PartialTranscript": RealtimePartialTranscript,
    "FinalTranscript": RealtimeFinalTranscript,
    "SessionBegins": RealtimeSessionOpened,
    "SessionInformation": RealtimeSessionInformation,
    "SessionTerminated": RealtimeSessionTerminated,
}


@attrs.frozen
class ConnectRequest:
    """The handshake: URL (its repr hidden: the query may hold a token) and headers."""

    url: str = attrs.field(repr=False)
    headers: Mapping[str, str] = attrs.field(
        repr=lambda h: repr({k: "***" if k.lower() == "authorization" else v for k, v in h.items()})
    )
    user_agent: str


def connect_request(
    *,
    base_url: str,
    api_key: str | None,
    token: str | None,
    sample_rate: int,
    word_boost: list[str],
    encoding: AudioEncoding | str | None,
    disable_partial_transcripts: bool | None,
    extra_session_information: bool,
) -> ConnectRequest:
    """The v2 handshake, with 0.45.4's rules for which parameters are sent.

    ``word_boost`` only when non-empty, ``disable_partial_transcripts`` only when true,
    ``enable_extra_session_information`` only when that callback is set.
    """
    query = gen.ConnectionParameters(
        sample_rate=sample_rate,
        word_boost=list(word_boost) if word_boost else gen.UNSET,
        encoding=gen.UNSET if encoding is None else gen.AudioEncoding(str(AudioEncoding(encoding))),
        token=token or gen.UNSET,
        disable_partial_transcripts=True if disable_partial_transcripts else gen.UNSET,
        enable_extra_session_information=True if extra_session_information else gen.UNSET,
    ).to_query()
    headers = {} if token or not api_key else {"Authorization": api_key}
    url = websocket_url(base_url, gen.CHANNEL_ADDRESS, encode_query(query.items()))
    return ConnectRequest(url=url, headers=headers, user_agent=user_agent())


def encode_terminate() -> str:
    """``{"terminate_session":true}``."""
    return gen.encode(gen.TerminateSession(terminate_session=True))


def encode_force_end_utterance() -> str:
    """``{"force_end_utterance":true}``."""
    return gen.encode(gen.ForceEndUtterance(force_end_utterance=True))


def encode_threshold(milliseconds: int) -> str:
    """``{"end_utterance_silence_threshold":N}``."""
    return gen.encode(
        gen.ConfigureEndUtteranceSilenceThreshold(end_utterance_silence_threshold=milliseconds)
    )


class Session:
    """The state of one v2 session, fed with what the shell receives."""

    def __init__(self) -> None:
        self.terminated = False  # SessionTerminated arrived
        self.closing = False  # we started closing: the end is not an error
        self.closed = False
        self._unknown_seen: set[str] = set()

    def receive(self, data: str | bytes) -> list[RealtimeEvent]:
        """Decode one frame into the events to hand out (zero or one)."""
        if isinstance(data, bytes):
            logger.warning("realtime: ignoring a %d-byte binary message", len(data))
            return []
        try:
            message = json.loads(data)
            if not isinstance(message, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            # 0.45.4 reported undecodable messages to on_error (and went on); so do we.
            return [RealtimeError(f"Could not decode message: {exc}")]
        kind = message.get("message_type")
        cls = _EVENT_CLASSES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            if kind is None and isinstance(message.get("error"), str):
                return [RealtimeError(message["error"])]
            self._log_unknown(kind, message)
            return []
        try:
            event = cls.from_dict(message)  # type: ignore[union-attr]
        except gen.DecodeError as exc:
            logger.warning("realtime: ignoring a malformed %s message: %s", kind, exc)
            return []
        if isinstance(event, RealtimeSessionTerminated):
            self.terminated = True
        return [event]

    def _log_unknown(self, kind: object, message: Mapping[str, Any]) -> None:
        label = str(kind) if kind is not None else f"without message_type (keys {sorted(message)})"
        if label not in self._unknown_seen:
            self._unknown_seen.add(label)
            logger.warning("realtime: skipped an unknown message %s", label)

    def connection_closed(self, info: CloseInfo) -> RealtimeError | None:
        """The error for the end of the connection, at most once; none for a normal end."""
        if self.closed:
            return None
        self.closed = True
        if self.closing or self.terminated or info.code == 1000:
            return None
        return close_error(info)


def close_error(info: CloseInfo) -> RealtimeError:
    """A close as a :class:`RealtimeError` whose ``status_code`` is the close code.

    Every code of the table is mapped, 1013 included (0.45.4 only looked up 4000-4999).
    """
    code = info.effective_code
    known = gen.CLOSE_CODES.get(code)
    if known is not None:
        extra = f" ({info.reason})" if info.reason and info.reason != known else ""
        return RealtimeError(f"{known}{extra}", code)
    if info.code is None:
        return RealtimeError("connection lost: the server went away without closing", code)
    return RealtimeError(info.reason or f"connection closed with code {code}", code)


def connect_error(failure: ConnectFailure, url: str) -> RealtimeError:
    """0.45.4's ``Could not connect to the real-time service: ...`` for a failed handshake."""
    if failure.kind is FailureKind.CLOSED and failure.close is not None:
        closed = close_error(failure.close)
        return RealtimeError(
            f"Could not connect to the real-time service: {closed}", closed.status_code
        )
    return RealtimeError(
        f"Could not connect to the real-time service: {describe_failure(failure, url)}",
        failure.status,
    )
