"""Sans-I/O core of the legacy v2 real-time protocol (the v3 core's twin; no I/O here).

* :func:`connect_request` — URL (``settings.base_url`` with http→ws, https→wss), query and
  headers. A temporary token goes in the ``token`` query parameter and the API key is then
  not sent; otherwise the key is the ``Authorization`` header (as in 0.45.4).
* :func:`encode_terminate` / :func:`encode_force_end_utterance` / :func:`encode_threshold`.
* :class:`Session` — frames in, events out; the end of the connection as at most one
  :class:`RealtimeError`. Messages are read leniently: an unknown ``message_type`` becomes a
  :class:`RealtimeUnknownMessage`, a field left out reads None and a value of another type is
  kept as sent. With ``aai.settings.strict_responses`` (read when the session starts) each
  such departure is instead a :class:`RealtimeError` for ``on_error`` that names the message
  type and field, as undecodable messages are.
* :func:`connect_error` — a failed handshake as 0.45.4's ``RealtimeError``.

The temporary-token call is a REST operation, shared with ``assemblyai._http.legacy_api``
(``assemblyai._http.operations.realtime_token``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

import attrs

from assemblyai._core.exceptions import RealtimeError
from assemblyai._core.settings import settings
from assemblyai._generated import realtime as gen
from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailure,
    FailureKind,
    describe_failure,
    encode_query,
    resolve_token,
    user_agent,
    websocket_url,
)
from assemblyai.streaming.v2.models import (
    AudioEncoding,
    RealtimeFinalTranscript,
    RealtimePartialTranscript,
    RealtimeSessionInformation,
    RealtimeSessionOpened,
    RealtimeSessionTerminated,
    RealtimeUnknownMessage,
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
    | RealtimeUnknownMessage
    | RealtimeError
)
"""What :meth:`Session.receive` hands out; a ``RealtimeError`` is for ``on_error``."""

_TAGGED: dict[str, Callable[[Mapping[str, Any]], RealtimeEvent]] = {
    "PartialTranscript": RealtimePartialTranscript.from_dict,
    "FinalTranscript": RealtimeFinalTranscript.from_dict,
    "SessionBegins": RealtimeSessionOpened.from_dict,
    "SessionInformation": RealtimeSessionInformation.from_dict,
    "SessionTerminated": RealtimeSessionTerminated.from_dict,
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
        encoding=gen.UNSET
        if encoding is None
        else gen.AudioEncoding(AudioEncoding(encoding).value),
        token=resolve_token(token) or gen.UNSET,
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

    def __init__(self, *, strict: bool | None = None) -> None:
        # A session is made at connect, so the setting is read then (None: from settings).
        self.strict = settings.strict_responses if strict is None else strict
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
        if message.get("message_type") is None and isinstance(message.get("error"), str):
            return [RealtimeError(message["error"])]
        try:
            event = gen.dispatch_server(message, "message_type", _TAGGED, (), self.strict)
        except gen.DecodeError as exc:
            if self.strict:
                return [
                    RealtimeError(
                        "Could not decode message: it departs from the API description "
                        f"(aai.settings.strict_responses is on): {exc}"
                    )
                ]
            # Lenient reading only fails for what is not an object, which was ruled out.
            logger.warning("realtime: ignoring a malformed message: %s", exc)
            return []
        if event is None:
            self._log_unknown(message.get("message_type"), message)
            return [RealtimeUnknownMessage(raw=message)]
        if isinstance(event, RealtimeSessionTerminated):
            self.terminated = True
        return [event]

    def _log_unknown(self, kind: object, message: Mapping[str, Any]) -> None:
        label = str(kind) if kind is not None else f"without message_type (keys {sorted(message)})"
        if label not in self._unknown_seen:
            self._unknown_seen.add(label)
            logger.warning(
                "realtime: received an unknown message %s, handed to on_unknown_message", label
            )

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
