"""Sans-I/O core of v3 streaming: every protocol decision, no sockets, no threads, no asyncio.

The threaded :class:`~assemblyai.streaming.v3.StreamingClient` and the asyncio
:class:`~assemblyai.streaming.v3.AsyncStreamingClient` are thin shells around this module:

* :func:`connect_request` — URL, query string and headers for the handshake;
* :func:`encode_update` / :func:`encode_force_endpoint` / :func:`encode_terminate` — outgoing
  JSON text;
* :class:`Session` — decodes incoming frames into events (leniently: see below), remembers
  whether Termination arrived, and turns the end of the connection into at most one
  :class:`StreamingError`;
* :func:`connect_error` — a failed handshake as a :class:`StreamingError`;
* :func:`token_request` / :func:`parse_token_response` — the temporary-token HTTP call.

Authentication (a choice, documented here once): with a temporary token the token goes in
the ``token`` query parameter, as the published API description specifies, and the API key
is *not* sent; without one the key goes in the ``Authorization`` header. (0.45.4 sent the
token in the ``Authorization`` header instead.)

Reading (also a choice): real sessions depart from the API description. A message of a type
the SDK has no class for (``SpeechStarted``, say) becomes an :class:`UnknownEvent` for the
``StreamingEvents.Unknown`` handlers; a field left out reads None and a value of another type
is kept as sent (the generated classes log each departure once on ``assemblyai.deviations``).
With ``aai.settings.strict_responses`` (read when a session starts) every such departure is
instead delivered as an error, the way the server's own ``{"error": ...}`` messages are: an
:class:`ErrorEvent` whose text names the message type and field.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from assemblyai._core.errors import invalid_body_error, status_error
from assemblyai._core.exceptions import ConfigurationError, StreamingError
from assemblyai._core.settings import settings
from assemblyai._generated import streaming as gen
from assemblyai._http.query_check import check_query
from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailure,
    FailureKind,
    describe_failure,
    encode_query,
    http_url,
    resolve_api_key,
    resolve_token,
    user_agent,
    websocket_url,
)
from assemblyai.streaming.v3.models import (
    PUBLIC_EVENTS,
    BeginEvent,
    ErrorEvent,
    EventMessage,
    ForceEndpoint,
    KeepAlive,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    TerminateSession,
    TerminationEvent,
    UnknownEvent,
    UpdateConfiguration,
)

__all__ = [
    "API_VERSION",
    "ConnectRequest",
    "Session",
    "close_error",
    "connect_error",
    "connect_request",
    "encode_force_endpoint",
    "encode_keep_alive",
    "encode_terminate",
    "encode_update",
    "handler_target",
    "parse_token_response",
    "token_request",
]

logger = logging.getLogger("assemblyai.streaming")

#: The protocol version the client speaks, sent as ``AssemblyAI-Version`` (as 0.45.4 does).
API_VERSION = "2025-05-12"
TOKEN_PATH = "/v3/token"

# The generated dispatch tables, with the public classes in place of the generated ones they
# derive from: a message the description lists and this module does not name still arrives,
# as its generated class.
_PUBLIC: dict[type, Callable[[Mapping[str, Any]], EventMessage]] = {
    event.__mro__[1]: event.from_dict for event in PUBLIC_EVENTS
}


def _public(decoder: Callable[[Mapping[str, Any]], Any]) -> Callable[[Mapping[str, Any]], Any]:
    return _PUBLIC.get(getattr(decoder, "__self__", None), decoder)  # type: ignore[arg-type]


_TAGGED: dict[str, Callable[[Mapping[str, Any]], EventMessage]] = {
    tag: _public(decoder) for tag, decoder in gen.SERVER_TAGGED.items()
}
_UNTAGGED: tuple[tuple[frozenset[str], Callable[[Mapping[str, Any]], EventMessage]], ...] = tuple(
    (keys, _public(decoder)) for keys, decoder in gen.SERVER_UNTAGGED
)
_STRICT_HINT = "aai.settings.strict_responses is on"
_MISSING_KEY_HINT = (
    "no API key: pass StreamingClientOptions(api_key=...) or a temporary token, set "
    "aai.settings.api_key, or export ASSEMBLYAI_API_KEY"
)


def _secret_repr(value: Mapping[str, str]) -> str:
    return repr({k: ("***" if k.lower() == "authorization" else v) for k, v in value.items()})


@attrs.frozen
class ConnectRequest:
    """Everything the shell needs to open the websocket. Its repr hides the secrets."""

    url: str = attrs.field(repr=False)
    headers: Mapping[str, str] = attrs.field(repr=_secret_repr)
    user_agent: str

    @property
    def display_url(self) -> str:
        """The URL without its query (which may hold a token), for messages and logs."""
        return self.url.split("?", 1)[0]


def connect_request(options: StreamingClientOptions, params: StreamingParameters) -> ConnectRequest:
    """The handshake for ``params``: ``wss://host/v3/ws?sample_rate=...`` plus headers.

    Raises:
        ConfigurationError: there is neither a token nor an API key.
    """
    token = resolve_token(options.token)
    api_key = None if token else resolve_api_key(options.api_key)
    if token is None and api_key is None:
        raise ConfigurationError(_MISSING_KEY_HINT + ".")
    # Every parameter set is sent, the ones the description does not list included; an object
    # (llm_gateway) goes as its JSON, as lists do.
    query = [(key, _json_ready(value)) for key, value in params.query_pairs()]
    query.append(("token", token))
    headers = {"AssemblyAI-Version": API_VERSION}
    if api_key is not None:
        headers["Authorization"] = api_key
    url = websocket_url(options.api_host, gen.CHANNEL_ADDRESS, encode_query(query))
    return ConnectRequest(url=url, headers=headers, user_agent=user_agent())


def _json_ready(value: object) -> object:
    """A generated object (``LLMGatewayConfig``) as its JSON data; anything else as it is."""
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if attrs.has(type(value)) and callable(to_dict) else value


def encode_update(params: StreamingSessionParameters) -> str:
    """``{"type":"UpdateConfiguration", ...}`` with the fields of ``params`` that are set."""
    return gen.encode(UpdateConfiguration.from_parameters(params))


def encode_force_endpoint() -> str:
    """``{"type":"ForceEndpoint"}``."""
    return gen.encode(ForceEndpoint())


def encode_keep_alive() -> str:
    """``{"type":"KeepAlive"}``."""
    return gen.encode(KeepAlive())


def encode_terminate() -> str:
    """``{"type":"Terminate"}``."""
    return gen.encode(TerminateSession())


def handler_target(event: EventMessage | StreamingError) -> tuple[StreamingEvents, Any]:
    """Which handlers get ``event``, and what they are passed.

    An ``{"error": ...}`` message reaches the Error handlers as a :class:`StreamingError`,
    as in 0.45.4, whose ``code`` is the message's ``error_code`` (2026; None without one).
    """
    if isinstance(event, StreamingError):
        return StreamingEvents.Error, event
    if isinstance(event, ErrorEvent):
        text = event.error if isinstance(event.error, str) else json.dumps(event.to_dict())
        code = event.error_code if isinstance(event.error_code, int) else None
        return StreamingEvents.Error, StreamingError(text, code=code)
    return StreamingEvents.of(event), event


class Session:
    """The state of one v3 session, fed with what the shell receives.

    Example (what a shell does)::

        session = Session()
        for event in session.receive(frame_text):
            dispatch(*handler_target(event))
        error = session.connection_closed(CloseInfo(4001, ""))
    """

    def __init__(self, *, strict: bool | None = None) -> None:
        # A session is made at connect, so the setting is read then (None: from settings).
        self.strict = settings.strict_responses if strict is None else strict
        self.session_id: str | None = None
        self.terminated = False  # a Termination message arrived
        self.closing = False  # we started closing: the end is not an error
        self.closed = False
        self._unknown_seen: set[str] = set()

    def receive(self, data: str | bytes) -> list[EventMessage]:
        """Decode one frame; returns the events to hand out (zero or one)."""
        if isinstance(data, bytes):
            logger.warning(
                "streaming: ignoring a %d-byte binary message from the server", len(data)
            )
            return []
        try:
            message = json.loads(data)
        except ValueError:
            logger.warning("streaming: ignoring a message that is not JSON: %.80r", data)
            return []
        if not isinstance(message, dict):
            logger.warning("streaming: ignoring a JSON message that is not an object: %.80r", data)
            return []
        try:
            event = gen.dispatch_server(message, "type", _TAGGED, _UNTAGGED, self.strict)
        except gen.DecodeError as exc:
            if self.strict:
                return [
                    ErrorEvent(
                        error=f"the server sent a message that departs from the API "
                        f"description ({_STRICT_HINT}): {exc}"
                    )
                ]
            # Lenient reading only fails for what is not an object, which was ruled out.
            logger.warning("streaming: ignoring a malformed message: %s", exc)
            return []
        if event is None:
            self._log_unknown(message.get("type"), message)
            return [UnknownEvent(raw=message)]
        if isinstance(event, BeginEvent) and isinstance(event.id, str):
            self.session_id = event.id
        elif isinstance(event, TerminationEvent):
            self.terminated = True
        return [event]

    def _log_unknown(self, kind: object, message: Mapping[str, Any]) -> None:
        label = str(kind) if kind is not None else f"without type (keys {sorted(message)})"
        if label in self._unknown_seen:
            logger.debug("streaming: another unknown message %s", label)
            return
        self._unknown_seen.add(label)
        logger.warning(
            "streaming: received an unknown message %s, handed to the StreamingEvents.Unknown "
            "handlers; a newer SDK version may support it",
            label,
        )

    def connection_closed(self, info: CloseInfo) -> StreamingError | None:
        """The error to report for the end of the connection, at most once per session.

        A normal close (1000), a close we started, and anything after Termination are not
        errors.
        """
        if self.closed:
            return None
        self.closed = True
        if self.closing or self.terminated or info.code == 1000:
            return None
        return close_error(info)


def close_error(info: CloseInfo) -> StreamingError:
    """The :class:`StreamingError` for a close code, with the table's message when known."""
    code = info.effective_code
    known = gen.CLOSE_CODES.get(code)
    if known is not None:
        extra = f" ({info.reason})" if info.reason and info.reason != known else ""
        return StreamingError(f"{known}{extra}", code=code)
    if info.code is None:
        return StreamingError(
            "connection lost: the server went away without closing the websocket", code=code
        )
    return StreamingError(info.reason or f"connection closed with code {code}", code=code)


def connect_error(failure: ConnectFailure, request: ConnectRequest) -> StreamingError:
    """The :class:`StreamingError` :meth:`connect` raises for a failed handshake.

    An HTTP 401/403 answer is reported like a 4001 close ("Not Authorized"), so callers can
    check ``error.code == 4001`` whichever way the server refuses; ``status_code`` keeps the
    HTTP status.
    """
    sentence = describe_failure(failure, request.url)
    if failure.kind is FailureKind.REJECTED and failure.status in (401, 403):
        error = StreamingError(
            f"{gen.CLOSE_CODES.get(4001, 'Not Authorized')}: {sentence}; check the API key or "
            "token.",
            code=4001,
        )
        error.status_code = failure.status
        return error
    if failure.kind is FailureKind.CLOSED and failure.close is not None:
        closed = close_error(failure.close)
        return StreamingError(f"{closed} (while connecting to {request.display_url})", closed.code)
    error = StreamingError(sentence[0].upper() + sentence[1:] + ".")
    error.status_code = failure.status
    return error


# ---- temporary tokens -------------------------------------------------------------------------


@attrs.frozen
class TokenRequest:
    """``GET https://{api_host}/v3/token`` with its query and headers (repr hides the key)."""

    url: str
    params: Mapping[str, int]
    headers: Mapping[str, str] = attrs.field(repr=_secret_repr)


def token_request(
    options: StreamingClientOptions,
    expires_in_seconds: int,
    max_session_duration_seconds: int | None,
    user_agent_header: str,
) -> TokenRequest:
    """The token request; the API key is required here (a token cannot make tokens)."""
    api_key = resolve_api_key(options.api_key)
    if api_key is None:
        raise ConfigurationError(_MISSING_KEY_HINT.replace(" or a temporary token", "") + ".")
    params = {"expires_in_seconds": expires_in_seconds}
    if max_session_duration_seconds is not None:
        params["max_session_duration_seconds"] = max_session_duration_seconds
    check_query("generateStreamingToken", params, owner="create_temporary_token")
    return TokenRequest(
        url=http_url(options.api_host, TOKEN_PATH),
        params=params,
        headers={"Authorization": api_key, "User-Agent": user_agent_header},
    )


def parse_token_response(status: int, headers: Mapping[str, str], content: bytes, url: str) -> str:
    """The token from the response, or the SDK error for an error status or bad body."""
    context = "failed to create a temporary streaming token"
    if status != 200:
        raise status_error(
            status_code=status,
            headers=headers,
            content=content,
            context=context,
            family=StreamingError,
            method="GET",
            url=url,
        )
    try:
        data = json.loads(content)
        token = data["token"]
        if not isinstance(token, str) or not token:
            raise ValueError("the token is empty or not a string")
    except (ValueError, KeyError, TypeError) as exc:
        raise invalid_body_error(
            status_code=status,
            content=content,
            context=context,
            family=StreamingError,
            reason=f"{type(exc).__name__}: {exc}",
        ) from None
    return token
