"""The coordinators: feed named channels, send the mono mix through one client session, and
hand ``Turn`` handlers an event whose words carry their channel."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from assemblyai.streaming.v3.extras._attribution import (
    ChannelAttributionOptions,
    DualChannelTurnEvent,
    enrich_turn,
)
from assemblyai.streaming.v3.extras._mixer import ChannelMixer
from assemblyai.streaming.v3.extras._vad import VadFrame
from assemblyai.streaming.v3.models import StreamingEvents, TurnEvent

if TYPE_CHECKING:
    from assemblyai.streaming.v3.async_client import AsyncStreamingClient
    from assemblyai.streaming.v3.client import StreamingClient

__all__ = ["AsyncChannelStreamer", "ChannelStreamer"]

logger = logging.getLogger("assemblyai.streaming")

Audio = bytes | bytearray | memoryview | Iterable[bytes]


def _chunks(data: Audio) -> Iterable[bytes]:
    if isinstance(data, bytes | bytearray | memoryview):
        return [bytes(data)]
    return data


class _Coordinator:
    """What both streamers share: the mixer, the options, and the Turn handlers.

    The channel settings stay here and never reach the client's parameters: the session
    itself is an ordinary mono one.
    """

    def __init__(
        self,
        channels: Iterable[str],
        sample_rate: int,
        attribution: ChannelAttributionOptions | None,
        on_vad: Callable[[VadFrame], None] | None,
    ) -> None:
        self._options = attribution if attribution is not None else ChannelAttributionOptions()
        self._mixer = ChannelMixer(list(channels), sample_rate, self._options)
        self._on_vad = on_vad
        self._speaker_history: dict[str, dict[str, float]] = {}
        self._turn_handlers: list[Callable[[Any, DualChannelTurnEvent], object]] = []

    @property
    def channels(self) -> list[str]:
        """The channel names, in the order given."""
        return list(self._mixer.channels)

    def _enrich(self, turn: TurnEvent) -> DualChannelTurnEvent:
        return enrich_turn(turn, self._mixer.timeline, self._options, self._speaker_history)

    def _ingest(self, channel: str, data: Audio) -> list[bytes]:
        self._mixer.check(channel)
        for chunk in _chunks(data):
            self._mixer.ingest(channel, chunk, self._on_vad)
        return self._mixer.drain()


class ChannelStreamer(_Coordinator):
    """Two or more live sources (a microphone and the system audio, say) as one session of
    a :class:`StreamingClient`, knowing which source each word came from.

    Feed each channel's 16-bit little-endian PCM with :meth:`stream`, all at ``sample_rate``
    and without gaps (silence as zeros). The channels are mixed into the client's mono
    stream; each channel's energy VAD records when it was active; each ``Turn`` is handed to
    the handlers registered here with :meth:`on` as a :class:`DualChannelTurnEvent` (every
    word's ``channel``, and the turn's). Other events go to the client's own handlers.
    ``pcm_mulaw`` cannot be mixed this way. Call :meth:`close_channel` when a source ends
    early, and :meth:`flush` before ``client.disconnect(terminate=True)``.

    Example::

        mixer = ChannelStreamer(client, channels=["mic", "system"], sample_rate=16_000)
        mixer.on(StreamingEvents.Turn, lambda client, turn: print(turn.channel, turn.transcript))
        client.connect(StreamingParameters(sample_rate=16_000))
        mixer.stream("mic", mic_pcm)
        mixer.stream("system", system_pcm)
        mixer.flush()
        client.disconnect(terminate=True)
    """

    def __init__(
        self,
        client: StreamingClient,
        channels: Iterable[str],
        sample_rate: int,
        attribution: ChannelAttributionOptions | None = None,
        on_vad: Callable[[VadFrame], None] | None = None,
    ) -> None:
        super().__init__(channels, sample_rate, attribution, on_vad)
        self._client = client
        client.on(StreamingEvents.Turn, self._handle_turn)

    def on(self, event: StreamingEvents, handler: Callable[[Any, Any], object]) -> None:
        """Register ``handler(client, event)``; ``Turn`` handlers get a
        :class:`DualChannelTurnEvent`, the others are registered on the client."""
        if event == StreamingEvents.Turn:
            self._turn_handlers.append(handler)
        else:
            self._client.on(event, handler)

    def _handle_turn(self, client: object, turn: TurnEvent) -> None:
        enriched = self._enrich(turn)
        for handler in list(self._turn_handlers):
            try:
                handler(client, enriched)
            except Exception:
                logger.exception("streaming: a dual-channel Turn handler raised")

    def stream(self, channel: str, data: Audio) -> None:
        """Add PCM for ``channel`` and send whatever can be mixed now."""
        for chunk in self._ingest(channel, data):
            self._client.stream(chunk)

    def close_channel(self, channel: str) -> None:
        """``channel``'s source has ended: mix the others on without waiting for it."""
        self._mixer.close_channel(channel)
        for chunk in self._mixer.drain():
            self._client.stream(chunk)

    def flush(self) -> None:
        """Mix and send everything still buffered."""
        for chunk in self._mixer.drain(force=True):
            self._client.stream(chunk)


class AsyncChannelStreamer(_Coordinator):
    """:class:`ChannelStreamer` for an :class:`AsyncStreamingClient`: :meth:`stream`,
    :meth:`close_channel` and :meth:`flush` are coroutines, and ``Turn`` handlers may be
    coroutine functions (awaited on the client's reading task)."""

    def __init__(
        self,
        client: AsyncStreamingClient,
        channels: Iterable[str],
        sample_rate: int,
        attribution: ChannelAttributionOptions | None = None,
        on_vad: Callable[[VadFrame], None] | None = None,
    ) -> None:
        super().__init__(channels, sample_rate, attribution, on_vad)
        self._client = client
        client.on(StreamingEvents.Turn, self._handle_turn)

    def on(self, event: StreamingEvents, handler: Callable[[Any, Any], object]) -> None:
        """As :meth:`ChannelStreamer.on`."""
        if event == StreamingEvents.Turn:
            self._turn_handlers.append(handler)
        else:
            self._client.on(event, handler)

    async def _handle_turn(self, client: object, turn: TurnEvent) -> None:
        enriched = self._enrich(turn)
        for handler in list(self._turn_handlers):
            try:
                result = handler(client, enriched)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                logger.exception("streaming: a dual-channel Turn handler raised")

    async def stream(self, channel: str, data: Audio) -> None:
        """Add PCM for ``channel`` and send whatever can be mixed now."""
        for chunk in self._ingest(channel, data):
            await self._client.stream(chunk)

    async def close_channel(self, channel: str) -> None:
        """``channel``'s source has ended: mix the others on without waiting for it."""
        self._mixer.close_channel(channel)
        for chunk in self._mixer.drain():
            await self._client.stream(chunk)

    async def flush(self) -> None:
        """Mix and send everything still buffered."""
        for chunk in self._mixer.drain(force=True):
            await self._client.stream(chunk)
