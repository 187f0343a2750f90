"""Public models of v3 streaming: options, parameters, events and control messages.

The messages are the generated classes of ``spec/streaming.asyncapi.yml``
(``assemblyai._generated.streaming``) under the names of the official SDK 0.45.4, with the
pydantic-style calls (``.dict()``, ``model_dump()``, ...) mixed in. Options and parameters are
written by hand: they are not messages, and they keep 0.45.4's field order and ``None``
defaults.
"""

from __future__ import annotations

import difflib
import enum
import warnings
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from ..._compat import ModelCompat
from ..._enums import TolerantStrEnum
from ..._exceptions import ConfigurationError, StreamingError
from ..._generated import streaming as _gen
from ..._settings import DEFAULT_STREAMING_HOST
from ..._settings import settings as _settings

__all__ = [
    "BeginEvent",
    "Encoding",
    "ErrorEvent",
    "EventMessage",
    "ForceEndpoint",
    "OperationMessage",
    "SpeechModel",
    "StreamingClientOptions",
    "StreamingError",
    "StreamingErrorCodes",
    "StreamingEvents",
    "StreamingParameters",
    "StreamingSessionParameters",
    "TerminateSession",
    "TerminationEvent",
    "TurnEvent",
    "UnknownEvent",
    "UpdateConfiguration",
    "Word",
]


class StreamingEvents(enum.Enum):
    """What a handler can be registered for with ``client.on(event, handler)``.

    ``Unknown`` (not in 0.45.4) is for messages this SDK has no class for, such as the
    ``SpeechStarted`` that real sessions send: its handlers get an :class:`UnknownEvent`.
    """

    Begin = "Begin"
    Termination = "Termination"
    Turn = "Turn"
    Error = "Error"
    Unknown = "Unknown"


class Encoding(TolerantStrEnum):
    """Encoding of the audio you stream (the values of the spec's ``Encoding``)."""

    pcm_s16le = "pcm_s16le"
    pcm_mulaw = "pcm_mulaw"


class SpeechModel(TolerantStrEnum):
    """Streaming model (the values of the spec's ``SpeechModel``)."""

    universal_streaming_english = "universal-streaming-english"
    universal_streaming_multilingual = "universal-streaming-multilingual"


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

    Example::

        options = StreamingClientOptions(api_key="...")
    """

    api_host: str = attrs.field(default=_SETTINGS_HOST)
    api_key: str | None = attrs.field(default=None, repr=_redact)
    token: str | None = attrs.field(default=None, repr=_redact)

    def __attrs_post_init__(self) -> None:
        if self.api_host is _SETTINGS_HOST:
            self.api_host = _settings.streaming_host


def _to_encoding(value: Encoding | str | None) -> Encoding | None:
    return None if value is None else Encoding(value)


def _to_speech_model(value: SpeechModel | str | None) -> SpeechModel | None:
    return None if value is None else SpeechModel(value)


def _to_keyterms(value: Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):  # a lone string would otherwise become a list of letters
        return [value]
    return list(value)


def _warn_unknown(cls: type, unknown: dict[str, Any]) -> None:
    known = [a.name for a in attrs.fields(cls)]
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        # 0.45.4 (pydantic) dropped unknown arguments without a word; the README's
        # `formatted_finals=True` did nothing. We still accept them, but say so.
        warnings.warn(
            f"{cls.__name__} has no parameter {name!r}; it is ignored{hint}",
            UserWarning,
            stacklevel=3,
        )


@attrs.define(init=False, kw_only=True)
class StreamingSessionParameters(ModelCompat):
    """Turn-detection settings; also what :meth:`StreamingClient.set_params` changes mid-session.

    Every field defaults to ``None``, meaning "the server's default". Unknown keyword
    arguments are ignored with a ``UserWarning`` (0.45.4 ignored them silently).

    Example::

        client.set_params(StreamingSessionParameters(max_turn_silence=1500))
    """

    end_of_turn_confidence_threshold: float | None = None
    min_end_of_turn_silence_when_confident: int | None = None
    max_turn_silence: int | None = None
    format_turns: bool | None = None
    keyterms_prompt: list[str] | None = attrs.field(default=None, converter=_to_keyterms)
    filter_profanity: bool | None = None

    def __init__(
        self,
        *,
        end_of_turn_confidence_threshold: float | None = None,
        min_end_of_turn_silence_when_confident: int | None = None,
        max_turn_silence: int | None = None,
        format_turns: bool | None = None,
        keyterms_prompt: Iterable[str] | None = None,
        filter_profanity: bool | None = None,
        **unknown: Any,
    ) -> None:
        _warn_unknown(type(self), unknown)
        self.__attrs_init__(
            end_of_turn_confidence_threshold=end_of_turn_confidence_threshold,
            min_end_of_turn_silence_when_confident=min_end_of_turn_silence_when_confident,
            max_turn_silence=max_turn_silence,
            format_turns=format_turns,
            keyterms_prompt=keyterms_prompt,
            filter_profanity=filter_profanity,
        )


# The attrs-made __attrs_init__ gains a required `sample_rate`, which mypy reports as an
# incompatible override; the public constructor is the explicit __init__ below.
@attrs.define(init=False, kw_only=True)
class StreamingParameters(StreamingSessionParameters):  # type: ignore[override]
    """Everything sent in the query string when connecting.

    Args:
        sample_rate: samples per second of your audio (required).
        encoding: ``Encoding.pcm_s16le`` (the server's default) or ``pcm_mulaw``.
        speech_model: the streaming model, e.g. ``"universal-streaming-multilingual"``
            (not in 0.45.4).
        **session: the :class:`StreamingSessionParameters` fields.

    Example::

        params = StreamingParameters(sample_rate=16_000, format_turns=True,
                                     keyterms_prompt=["AssemblyAI"])
    """

    sample_rate: int
    encoding: Encoding | None = attrs.field(default=None, converter=_to_encoding)
    speech_model: SpeechModel | None = attrs.field(default=None, converter=_to_speech_model)

    def __init__(
        self,
        *,
        sample_rate: int,
        encoding: Encoding | str | None = None,
        speech_model: SpeechModel | str | None = None,
        end_of_turn_confidence_threshold: float | None = None,
        min_end_of_turn_silence_when_confident: int | None = None,
        max_turn_silence: int | None = None,
        format_turns: bool | None = None,
        keyterms_prompt: Iterable[str] | None = None,
        filter_profanity: bool | None = None,
        **unknown: Any,
    ) -> None:
        if isinstance(sample_rate, bool) or not isinstance(sample_rate, int) or sample_rate <= 0:
            raise ConfigurationError(
                f"sample_rate must be a positive whole number of Hz, got {sample_rate!r}."
            )
        _warn_unknown(type(self), unknown)
        self.__attrs_init__(
            end_of_turn_confidence_threshold=end_of_turn_confidence_threshold,
            min_end_of_turn_silence_when_confident=min_end_of_turn_silence_when_confident,
            max_turn_silence=max_turn_silence,
            format_turns=format_turns,
            keyterms_prompt=keyterms_prompt,
            filter_profanity=filter_profanity,
            sample_rate=sample_rate,
            encoding=encoding,
            speech_model=speech_model,
        )


# ---- messages: the generated classes under their 0.45.4 names ---------------------------------

Word = _gen.Word
"""One word of a turn: ``text``, ``start``/``end`` (ms), ``confidence``, ``word_is_final``."""


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

    ``type`` is the message's ``type`` (``"SpeechStarted"``, say; None when it has none) and
    ``raw`` the whole message as received. Handlers registered for
    ``StreamingEvents.Unknown`` get it, and ``async for`` yields it.

    Example::

        def on_unknown(client: StreamingClient, event: UnknownEvent) -> None:
            if event.type == "SpeechStarted":
                print("speech at", event.raw.get("timestamp"), "ms")
    """


@attrs.define(kw_only=True)
class ErrorEvent(_gen.Error, ModelCompat):
    """An ``{"error": ...}`` message; handlers receive it as a :class:`StreamingError`."""


@attrs.define(kw_only=True)
class TerminateSession(_gen.Terminate, ModelCompat):
    """Sent by ``disconnect(terminate=True)``: ``{"type": "Terminate"}``."""


@attrs.define(kw_only=True)
class ForceEndpoint(_gen.ForceEndpoint, ModelCompat):
    """Sent by ``force_endpoint()``: ``{"type": "ForceEndpoint"}``."""


_UPDATE_FIELDS = (
    "end_of_turn_confidence_threshold",
    "min_end_of_turn_silence_when_confident",
    "max_turn_silence",
    "format_turns",
    "keyterms_prompt",
    "filter_profanity",
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
        """The JSON object sent: ``type`` and the fields that are not None."""
        data = {
            key: value
            for key, value in super().to_dict().items()
            if value is not None or key not in _UPDATE_FIELDS
        }
        try:
            _gen.UpdateConfiguration.from_dict(data)
        except _gen.DecodeError as exc:
            raise ValueError(f"This UpdateConfiguration cannot be sent: {exc}") from None
        return data

    @classmethod
    def from_parameters(cls, params: StreamingSessionParameters) -> UpdateConfiguration:
        """The message that applies ``params`` (only the fields that are set)."""
        return cls(**{name: getattr(params, name) for name in _UPDATE_FIELDS})


EventMessage: TypeAlias = BeginEvent | TerminationEvent | TurnEvent | ErrorEvent | UnknownEvent
"""Any message the server sends, as the clients hand them out (``UnknownEvent``: not in 0.45.4)."""

OperationMessage: TypeAlias = bytes | TerminateSession | ForceEndpoint | UpdateConfiguration
"""Anything the client sends: audio bytes or a control message."""
