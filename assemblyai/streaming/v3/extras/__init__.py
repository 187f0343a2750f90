"""Dual- and multi-channel streaming: two live sources in one session, each word attributed to
the source it came from (the official SDK 1.0's ``assemblyai.streaming.v3.extras``).

A note taker hears the microphone and the system audio. :class:`ChannelStreamer` (or
:class:`AsyncChannelStreamer`) takes each source's 16-bit PCM separately, runs a voice
activity detector per source (:class:`EnergyVad`, or your own :class:`VadDetector`), sends
the sources mixed into one mono stream over the client's single session, and matches each
word's timing against the per-source activity. ``Turn`` handlers registered on the streamer
get a :class:`DualChannelTurnEvent`: ``turn.channel`` and every ``word.channel`` name the
source (``"unknown"`` when none clearly dominated), independent of diarization's
``speaker``. It all happens on the client, so every speech model works unchanged.

Example::

    from assemblyai.streaming.v3 import StreamingClient, StreamingEvents, StreamingParameters
    from assemblyai.streaming.v3.extras import ChannelStreamer

    client = StreamingClient()
    mixer = ChannelStreamer(client, channels=["mic", "system"], sample_rate=16_000)
    mixer.on(StreamingEvents.Turn, lambda c, turn: print(f"[{turn.channel}] {turn.transcript}"))
    client.connect(StreamingParameters(sample_rate=16_000))
    for mic_pcm, system_pcm in capture():      # e.g. 100 ms of each at a time
        mixer.stream("mic", mic_pcm)
        mixer.stream("system", system_pcm)
    mixer.flush()
    client.disconnect(terminate=True)
"""

from assemblyai.streaming.v3.extras._attribution import (
    RESOLVE_UNKNOWN_METHODS,
    UNKNOWN_CHANNEL,
    ChannelAttributionOptions,
    DualChannelTurnEvent,
    DualChannelWord,
    attribute_turn,
    attribute_word,
    resolve_unknown_channels_by_speaker_history,
    resolve_unknown_channels_by_window,
    roll_up_turn_channel,
)
from assemblyai.streaming.v3.extras._streamer import AsyncChannelStreamer, ChannelStreamer
from assemblyai.streaming.v3.extras._vad import (
    EnergyVad,
    VadDetector,
    VadFrame,
    VadResult,
    VadTimeline,
)

__all__ = [
    "RESOLVE_UNKNOWN_METHODS",
    "UNKNOWN_CHANNEL",
    "AsyncChannelStreamer",
    "ChannelAttributionOptions",
    "ChannelStreamer",
    "DualChannelTurnEvent",
    "DualChannelWord",
    "EnergyVad",
    "VadDetector",
    "VadFrame",
    "VadResult",
    "VadTimeline",
    "attribute_turn",
    "attribute_word",
    "resolve_unknown_channels_by_speaker_history",
    "resolve_unknown_channels_by_window",
    "roll_up_turn_channel",
]
