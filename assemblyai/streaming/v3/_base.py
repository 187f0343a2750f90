"""What the threaded and asyncio v3 clients share besides the protocol core: settings, handlers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

import attrs

from assemblyai._core.exceptions import ConfigurationError, StreamingError
from assemblyai.streaming.v3.models import (
    BeginEvent,
    HeartbeatEvent,
    LLMGatewayResponseEvent,
    SpeakerRevisionEvent,
    SpeechStartedEvent,
    StreamingClientOptions,
    StreamingEvents,
    TerminationEvent,
    TurnEvent,
    UnknownEvent,
    WarningEvent,
)

__all__ = ["ClientBase", "EventHandler", "Handler", "resolve_options"]

logger = logging.getLogger("assemblyai.streaming")

#: ``handler(client, event)``; the asyncio client also accepts coroutine functions (hence the
#: ``object`` return). The client parameter is ``Any`` on purpose: 0.45.4's documented handlers
#: annotate it ``Type[StreamingClient]`` though they get the instance, and must still type-check.
E = TypeVar("E", contravariant=True)
EventHandler = Callable[[Any, E], object]
Handler = EventHandler[Any]
#: What a handler registered with a non-literal ``StreamingEvents`` value may be given.
AnyHandlerArgument = (
    BeginEvent
    | TerminationEvent
    | TurnEvent
    | StreamingError
    | SpeechStartedEvent
    | WarningEvent
    | HeartbeatEvent
    | LLMGatewayResponseEvent
    | SpeakerRevisionEvent
    | UnknownEvent
)

DEFAULT_QUEUE_SIZE = 100  # frames; 10 s of 100 ms microphone chunks
DEFAULT_TERMINATE_TIMEOUT = 5.0
DEFAULT_OPEN_TIMEOUT = 15.0  # as in 0.45.4
DEFAULT_CLOSE_TIMEOUT = 3.0


def resolve_options(
    options: StreamingClientOptions | None, api_key: str | None
) -> StreamingClientOptions:
    """The options a client uses, with the official 1.0.0's precedence: ``api_key=`` wins over
    the key of ``options`` (on a copy; the caller's object is left alone) and, alone, makes
    options with every other field at its default. With neither, the key comes from
    ``aai.settings`` or the environment when connecting (1.0.0 raised here instead)."""
    if options is None:
        return StreamingClientOptions(api_key=api_key)
    if api_key is None:
        return options
    return attrs.evolve(options, api_key=api_key)


class ClientBase:
    """Options, timeouts and the handler registry of a v3 client."""

    def __init__(
        self,
        options: StreamingClientOptions | None = None,
        *,
        api_key: str | None = None,
        send_queue_size: int = DEFAULT_QUEUE_SIZE,
        terminate_timeout: float | None = None,
        open_timeout: float | None = None,
        close_timeout: float = DEFAULT_CLOSE_TIMEOUT,
    ) -> None:
        if send_queue_size < 1:
            raise ConfigurationError(f"send_queue_size must be at least 1, got {send_queue_size}.")
        for name, value in (
            ("terminate_timeout", terminate_timeout),
            ("open_timeout", open_timeout),
            ("close_timeout", close_timeout),
        ):
            if value is not None and value <= 0:
                raise ConfigurationError(f"{name} must be > 0 seconds, got {value!r}.")
        self._options = resolve_options(options, api_key)
        self._send_queue_size = send_queue_size
        # None: the options' (1.0's) connect_timeout, per attempt, and terminate_timeout.
        self._terminate_timeout = terminate_timeout or self._options.terminate_timeout
        self._open_timeout = open_timeout or self._options.connect_timeout
        self._patched_open_timeout = open_timeout or DEFAULT_OPEN_TIMEOUT
        self._close_timeout = close_timeout
        self._handlers: dict[StreamingEvents, list[Handler]] = {e: [] for e in StreamingEvents}

    @property
    def options(self) -> StreamingClientOptions:
        return self._options

    # One overload per event, so a handler's event parameter is checked against what it gets.
    @overload
    def on(
        self, event: Literal[StreamingEvents.Begin], handler: EventHandler[BeginEvent]
    ) -> None: ...
    @overload
    def on(
        self, event: Literal[StreamingEvents.Turn], handler: EventHandler[TurnEvent]
    ) -> None: ...
    @overload
    def on(
        self, event: Literal[StreamingEvents.Termination], handler: EventHandler[TerminationEvent]
    ) -> None: ...
    @overload
    def on(
        self, event: Literal[StreamingEvents.Error], handler: EventHandler[StreamingError]
    ) -> None: ...
    @overload
    def on(
        self,
        event: Literal[StreamingEvents.SpeechStarted],
        handler: EventHandler[SpeechStartedEvent],
    ) -> None: ...
    @overload
    def on(
        self, event: Literal[StreamingEvents.Warning], handler: EventHandler[WarningEvent]
    ) -> None: ...
    @overload
    def on(
        self, event: Literal[StreamingEvents.Heartbeat], handler: EventHandler[HeartbeatEvent]
    ) -> None: ...
    @overload
    def on(
        self,
        event: Literal[StreamingEvents.LLMGatewayResponse],
        handler: EventHandler[LLMGatewayResponseEvent],
    ) -> None: ...
    @overload
    def on(
        self,
        event: Literal[StreamingEvents.SpeakerRevision],
        handler: EventHandler[SpeakerRevisionEvent],
    ) -> None: ...
    @overload
    def on(
        self, event: Literal[StreamingEvents.Unknown], handler: EventHandler[UnknownEvent]
    ) -> None: ...
    @overload
    def on(self, event: StreamingEvents, handler: EventHandler[AnyHandlerArgument]) -> None: ...
    def on(self, event: StreamingEvents, handler: Handler) -> None:
        """Call ``handler(client, event)`` for each ``event`` (Error handlers get a
        :class:`StreamingError`, Unknown handlers an ``UnknownEvent``). Several handlers per
        event run in registration order."""
        if not isinstance(event, StreamingEvents):
            raise ConfigurationError(f"on() takes a StreamingEvents member, got {event!r}.")
        self._handlers[event].append(handler)

    def _log_handler_failure(self, event: StreamingEvents, handler: Handler) -> None:
        # A failing user handler must not end a live session; it is logged with its traceback.
        logger.exception("streaming: the %s handler %r raised", event.name, handler)
