"""Public models of v3 streaming: options, parameters, events and control messages.

The messages are the generated classes of ``spec/streaming.asyncapi.yml``
(``assemblyai._generated.streaming``) under the names of the official SDK 0.45.4, with the
pydantic-style calls (``.dict()``, ``model_dump()``, ...) mixed in. Options and parameters are
written by hand: they are not messages, and they keep 0.45.4's field order and ``None``
defaults.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import attrs

from assemblyai._core.compat import ModelCompat
from assemblyai._core.exceptions import ConfigurationError, StreamingError
from assemblyai._core.settings import DEFAULT_STREAMING_HOST
from assemblyai._core.settings import settings as _settings
from assemblyai._generated import streaming as _gen
from assemblyai.streaming._session.core import (
    ReconnectPolicy,
    check_connection_options,
)
from assemblyai.streaming._session.core import (
    reconnect_policy as _reconnect_policy,
)

__all__ = [
    "BeginEvent",
    "Encoding",
    "ErrorEvent",
    "EventMessage",
    "ForceEndpoint",
    "HeartbeatEvent",
    "KeepAlive",
    "LLMGatewayConfig",
    "LLMGatewayMessage",
    "LLMGatewayResponseEvent",
    "NoiseSuppressionModel",
    "OperationMessage",
    "RealTimeError",
    "RealTimeErrorCodes",
    "RealTimeEvents",
    "RealTimeParameters",
    "RealTimeSessionParameters",
    "RealTimeTranscriberOptions",
    "SessionConfiguration",
    "SpeakerRevisionEvent",
    "SpeakerRevisionItem",
    "SpeechModel",
    "SpeechStartedEvent",
    "StreamingClientOptions",
    "StreamingError",
    "StreamingErrorCodes",
    "StreamingEvents",
    "StreamingMode",
    "StreamingParameters",
    "StreamingPiiPolicy",
    "StreamingPiiSubstitution",
    "StreamingSessionParameters",
    "TerminateSession",
    "TerminationEvent",
    "TurnEvent",
    "UnknownEvent",
    "UpdateConfiguration",
    "WarningEvent",
    "Word",
]


StreamingEvents = _gen.StreamingEvents
"""What a handler can be registered for with ``client.on(event, handler)``.

Generated from ``spec/streaming.asyncapi.yml``: a member per message the server sends
(``Begin``, ``Turn``, ``Termination``, ``Error`` in 0.45.4; ``SpeechStarted``, ``Warning``,
``Heartbeat``, ``LLMGatewayResponse``, ``SpeakerRevision`` since 2026, in the official
1.0.0's order), and ``Unknown`` (in neither official SDK) for messages newer than this SDK:
its handlers get an :class:`UnknownEvent`. ``RealTimeEvents`` is the same enum.
"""


Encoding = _gen.Encoding
"""Encoding of the audio you stream: ``pcm_s16le`` (the server's default) or ``pcm_mulaw``.

The generated enum of ``spec/streaming.asyncapi.yml`` (member names from its
``x-enum-varnames``); a value it does not list is kept as a pseudo-member (``is_known`` False).
"""

SpeechModel = _gen.SpeechModel
"""Streaming model: ``universal_streaming_english``, ``universal_streaming_multilingual``,
``u3_rt_pro`` (Universal-3 Pro), ``whisper_rt``, ...

The generated enum of ``spec/streaming.asyncapi.yml``, as :data:`Encoding` is."""

# The other enums of the 2026 parameters, generated as Encoding is (1.0.0's names).
NoiseSuppressionModel = _gen.NoiseSuppressionModel
StreamingMode = _gen.StreamingMode
StreamingPiiPolicy = _gen.StreamingPiiPolicy
StreamingPiiSubstitution = _gen.StreamingPiiSubstitution

LLMGatewayConfig = _gen.LLMGatewayConfig
"""``StreamingParameters(llm_gateway=...)``: ``model``, ``messages`` and ``max_tokens`` (a
mapping of the same keys works too); sent in the query as a JSON object."""
LLMGatewayMessage = _gen.LLMGatewayMessage


#: Close code -> meaning, for the codes the server uses (from ``spec/streaming.asyncapi.yml``).
StreamingErrorCodes: dict[int, str] = dict(_gen.CLOSE_CODES)


class _SettingsHostDefault(str):
    """The type of the ``api_host`` default: told apart from any host a caller passes."""

    __slots__ = ()


# 0.45.4's default host shows in the signature; an options object built without `api_host`
# still takes `aai.settings.streaming_host` (which defaults to that same host) when built.
_SETTINGS_HOST = _SettingsHostDefault(DEFAULT_STREAMING_HOST)


def _redact(value: object) -> str:
    return "None" if value is None else "'***'"


@attrs.define(kw_only=True)
class StreamingClientOptions(ModelCompat):
    """Where and how a :class:`StreamingClient` connects.

    Args:
        api_host: the streaming host. A bare host means ``wss://``; a URL with a scheme
            (``ws://127.0.0.1:8765``) is used as given, which is how tests and the offline
            sandbox point the client at a local server. Defaults to
            ``aai.settings.streaming_host`` (``streaming.assemblyai.com``).
        api_key: your API key; when ``None``, ``aai.settings.api_key`` and then the
            ``ASSEMBLYAI_API_KEY`` environment variable are used (0.45.4 required it here).
        token: a temporary token from :meth:`StreamingClient.create_temporary_token`. When
            given it is sent as the ``token`` query parameter and the API key is not sent.
        connect_timeout: seconds one connection attempt may take, handshake and the
            server's ``Begin`` included (1.0's option and default).
        max_connection_retries: further attempts after a transient failure (refused, reset,
            timed out, HTTP 429 or 5xx, a 1011/1012/1013 close before ``Begin``); ``0``
            disables them. An answer such as 401 or 400 is never retried.
        connection_retry_delay: seconds before the first retry; each further one waits
            twice as long (at most 10 s), less up to a quarter at random.
        terminate_timeout: seconds ``disconnect(terminate=True)`` waits for the queued audio
            to go out and for the server's ``Termination``.
        reconnect: a :class:`~assemblyai.streaming.v3.ReconnectPolicy` (or ``True`` for the
            default one) to carry the session on over a new connection when it drops;
            ``None`` (the default) reports a drop as an error, as before.
        send_timeout: seconds :meth:`StreamingClient.stream` may wait for room in the send
            queue before raising :class:`~assemblyai.streaming.v3.SendTimeoutError`;
            ``None`` waits as long as the connection is open.

    Example::

        options = StreamingClientOptions(api_key="...")
    """

    api_host: str = attrs.field(default=_SETTINGS_HOST)
    api_key: str | None = attrs.field(default=None, repr=_redact)
    token: str | None = attrs.field(default=None, repr=_redact)
    # -- connection and session resilience --
    connect_timeout: float = 1.0
    max_connection_retries: int = 2
    connection_retry_delay: float = 0.5
    terminate_timeout: float = 5.0
    reconnect: ReconnectPolicy | None = attrs.field(default=None, converter=_reconnect_policy)
    send_timeout: float | None = None

    def __attrs_post_init__(self) -> None:
        if self.api_host is _SETTINGS_HOST:
            self.api_host = _settings.streaming_host
        check_connection_options(self)


class StreamingSessionParameters(_gen.SessionParameters, ModelCompat):
    """Turn-detection settings; also what :meth:`StreamingClient.set_params` changes mid-session.

    Generated from ``spec/streaming.asyncapi.yml``: one keyword per query parameter that the
    ``UpdateConfiguration`` message can also change, typed and checked (type, allowed values,
    bounds) when the object is built; a misfit raises :class:`ConfigurationError` before
    anything is sent. Every field defaults to ``None``, meaning "the server's default". A
    keyword the description does not list is kept in ``additional_properties`` and sent as
    given (0.45.4 dropped it without a word).

    Example::

        client.set_params(StreamingSessionParameters(max_turn_silence=1500))
    """

    _ERROR = ConfigurationError

    def _extra_fields(self) -> dict[str, object]:
        return dict(self.additional_properties)


class StreamingParameters(_gen.Parameters, StreamingSessionParameters):
    """Everything sent in the query string when connecting.

    Generated from ``spec/streaming.asyncapi.yml``: a keyword for each query parameter of the
    handshake (the temporary ``token`` is set from :class:`StreamingClientOptions` instead),
    in the description's order, which is the order they are sent in. ``sample_rate`` is
    required for raw PCM and may be left out for ``opus``, ``ogg_opus`` and ``aac``;
    ``encoding`` takes :class:`Encoding` values, ``speech_model`` :class:`SpeechModel` ones
    (``u3_rt_pro`` for Universal-3 Pro). A former name
    (``min_end_of_turn_silence_when_confident``, ``noise_suppression_model``, ...) is still
    accepted and sent under its new name (``min_turn_silence``, ``voice_focus``, ...). A
    value of the wrong type, outside the allowed values or bounds raises :class:`ConfigurationError` before connecting. A keyword the description
    does not list is sent as given on the handshake.

    Example::

        params = StreamingParameters(sample_rate=16_000, format_turns=True,
                                     keyterms_prompt=["AssemblyAI"])
    """


# ---- messages: the generated classes under their 0.45.4 names ---------------------------------

Word = _gen.Word
"""One word of a turn: ``text``, ``start``/``end`` (ms), ``confidence``, ``word_is_final``,
and ``speaker`` with ``speaker_labels``."""

SessionConfiguration = _gen.SessionConfiguration
"""``BeginEvent.configuration``: the ``model``, ``mode`` and ``api_version`` of the session."""

SpeakerRevisionItem = _gen.SpeakerRevisionItem
"""One revised turn of a :class:`SpeakerRevisionEvent`: ``turn_order``, ``speaker_label`` and
the ``words`` with their new ``speaker``."""


@attrs.define(kw_only=True)
class BeginEvent(_gen.Begin, ModelCompat):
    """The session has started: ``id`` and ``expires_at`` (a ``datetime``)."""


@attrs.define(kw_only=True)
class TurnEvent(_gen.Turn, ModelCompat):
    """A turn in progress or finished (``end_of_turn``): ``transcript``, ``words``, ...

    Example::

        def on_turn(client: StreamingClient, event: TurnEvent) -> None:
            if event.end_of_turn:
                print(event.transcript)
    """


@attrs.define(kw_only=True)
class TerminationEvent(_gen.Termination, ModelCompat):
    """The session is over: ``audio_duration_seconds`` and ``session_duration_seconds``.

    Both default to None, as in 0.45.4, so a test or a handler can build one without totals.
    """

    audio_duration_seconds: float | None = None
    session_duration_seconds: float | None = None
    # Redeclared so that it stays last in the constructor and repr, after the fields above.
    additional_properties: dict[str, Any] = attrs.field(factory=dict)


@attrs.define(kw_only=True)
class UnknownEvent(_gen.UnknownMessage, ModelCompat):
    """A message this SDK has no class for (not in 0.45.4, which logged and dropped it).

    ``type`` is the message's ``type`` (``"FutureThing"``, say; None when it has none) and
    ``raw`` the whole message as received. Handlers registered for
    ``StreamingEvents.Unknown`` get it, and ``async for`` yields it.

    Example::

        def on_unknown(client: StreamingClient, event: UnknownEvent) -> None:
            print("a newer message:", event.type, event.raw)
    """


@attrs.define(kw_only=True)
class ErrorEvent(_gen.Error, ModelCompat):
    """An ``{"error": ...}`` message (since 2026 with ``error_code``); handlers receive it as a
    :class:`StreamingError` whose ``code`` is the ``error_code``."""


@attrs.define(kw_only=True)
class SpeechStartedEvent(_gen.SpeechStarted, ModelCompat):
    """Speech began at ``timestamp`` ms into the stream (``confidence``: how sure the VAD is)."""


@attrs.define(kw_only=True)
class WarningEvent(_gen.Warning, ModelCompat):
    """Something the server accepted but will not do as asked: ``warning_code``, ``warning``."""


@attrs.define(kw_only=True)
class HeartbeatEvent(_gen.Heartbeat, ModelCompat):
    """Running totals, with ``session_heartbeat``: ``total_audio_received_ms``,
    ``total_duration_ms``, ``realtime_factor``, ``max_speech_probability``."""


@attrs.define(kw_only=True)
class LLMGatewayResponseEvent(_gen.LLMGatewayResponse, ModelCompat):
    """The ``llm_gateway`` model's answer to turn ``turn_order``: ``data`` as the gateway sent
    it (``data["choices"][0]["message"]["content"]`` holds the text)."""


@attrs.define(kw_only=True)
class SpeakerRevisionEvent(_gen.SpeakerRevision, ModelCompat):
    """New speaker labels for earlier turns (``revisions``, matched by ``turn_order``)."""


@attrs.define(kw_only=True)
class KeepAlive(_gen.KeepAlive, ModelCompat):
    """Sent by ``keep_alive()``: ``{"type": "KeepAlive"}``."""


@attrs.define(kw_only=True)
class TerminateSession(_gen.Terminate, ModelCompat):
    """Sent by ``disconnect(terminate=True)``: ``{"type": "Terminate"}``."""


@attrs.define(kw_only=True)
class ForceEndpoint(_gen.ForceEndpoint, ModelCompat):
    """Sent by ``force_endpoint()``: ``{"type": "ForceEndpoint"}``."""


# The session parameters are, by construction, the UpdateConfiguration fields.
_UPDATE_FIELDS = tuple(
    f.name for f in attrs.fields(_gen.SessionParameters) if f.name != "additional_properties"
)


@attrs.define(kw_only=True)
class UpdateConfiguration(_gen.UpdateConfiguration, ModelCompat):
    """Sent by ``set_params()``; a field left ``None`` is not sent (as in 0.45.4).

    The values are checked against the API description when the message is built and again
    when it is encoded; a wrong type raises ``ValueError`` before anything is sent.

    Example::

        UpdateConfiguration(max_turn_silence=1500).to_dict()
        # {"type": "UpdateConfiguration", "max_turn_silence": 1500}
    """

    # None rather than the generated UNSET for "not sent": 0.45.4 users read and pass None.
    # (The generated class types the last three without None, as null is no value for them on
    # the wire; here None never reaches the wire, hence the ignores.)
    end_of_turn_confidence_threshold: float | None = None
    min_end_of_turn_silence_when_confident: int | None = None
    max_turn_silence: int | None = None
    format_turns: bool | None = None  # type: ignore[assignment]
    keyterms_prompt: list[str] | None = None  # type: ignore[assignment]
    filter_profanity: bool | None = None  # type: ignore[assignment]
    additional_properties: dict[str, Any] = attrs.field(factory=dict)  # kept last, as generated

    def __attrs_post_init__(self) -> None:
        # The generated decoder passes UNSET for a field the message leaves out.
        for name in _UPDATE_FIELDS:
            if getattr(self, name) is _gen.UNSET:
                setattr(self, name, None)
        self.to_dict()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object sent: ``type`` and the fields that are not None (a former name,
        such as ``min_end_of_turn_silence_when_confident``, under its new one)."""
        data = dict(
            _gen.apply_renames(
                [
                    (key, value)
                    for key, value in super().to_dict().items()
                    if value is not None or key not in _UPDATE_FIELDS
                ],
                _gen.RENAMED_PARAMETERS,
            )
        )
        try:
            _gen.UpdateConfiguration.from_dict(data)
        except _gen.DecodeError as exc:
            raise ValueError(f"This UpdateConfiguration cannot be sent: {exc}") from None
        return data

    @classmethod
    def from_parameters(cls, params: StreamingSessionParameters) -> UpdateConfiguration:
        """The message that applies ``params`` (only the fields that are set)."""
        return cls(
            **{name: getattr(params, name) for name in _UPDATE_FIELDS},
            additional_properties=dict(params.additional_properties),
        )


EventMessage: TypeAlias = (
    BeginEvent
    | TerminationEvent
    | TurnEvent
    | ErrorEvent
    | SpeechStartedEvent
    | WarningEvent
    | HeartbeatEvent
    | LLMGatewayResponseEvent
    | SpeakerRevisionEvent
    | UnknownEvent
    | _gen.ServerMessage
)
"""Any message the server sends, as the clients hand them out (``UnknownEvent``: not in 0.45.4).

A message the API description lists but this module has no class for arrives as its
generated class (``assemblyai._generated.streaming``)."""

OperationMessage: TypeAlias = (
    bytes | TerminateSession | ForceEndpoint | UpdateConfiguration | KeepAlive
)
"""Anything the client sends: audio bytes or a control message."""

#: The public class of each server message the generated code decodes (the shells hand these
#: out; a message without one arrives as its generated class).
PUBLIC_EVENTS: tuple[type[Any], ...] = (
    BeginEvent,
    TurnEvent,
    TerminationEvent,
    ErrorEvent,
    SpeechStartedEvent,
    WarningEvent,
    HeartbeatEvent,
    LLMGatewayResponseEvent,
    SpeakerRevisionEvent,
)

# ---- the official 1.0.0 names: the same objects under their RealTime* names -----------------

RealTimeEvents = StreamingEvents
RealTimeParameters = StreamingParameters
RealTimeSessionParameters = StreamingSessionParameters
RealTimeTranscriberOptions = StreamingClientOptions
RealTimeError = StreamingError
RealTimeErrorCodes = StreamingErrorCodes
