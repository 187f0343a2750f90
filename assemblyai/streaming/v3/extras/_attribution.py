"""Which channel each word and turn came from, decided from the VAD timeline. Pure.

A word belongs to the channel with the most active-frame energy during ``[start, end]``
when that channel beats the runner-up by ``dominance_ratio``; otherwise it is
``"unknown"``, which a resolution strategy may fill from the neighbouring words
(``"window"``) or from what the word's diarization speaker has been heard on so far
(``"speaker-history"``). A turn's channel is the one holding most word time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from assemblyai._core.exceptions import ConfigurationError
from assemblyai.streaming.v3._assembly import read_field
from assemblyai.streaming.v3.extras._vad import EnergyVad, VadDetector, VadFrame, VadTimeline
from assemblyai.streaming.v3.models import TurnEvent, Word

__all__ = [
    "RESOLVE_UNKNOWN_METHODS",
    "UNKNOWN_CHANNEL",
    "ChannelAttributionOptions",
    "DualChannelTurnEvent",
    "DualChannelWord",
    "attribute_turn",
    "attribute_word",
    "enrich_turn",
    "resolve_unknown_channels_by_speaker_history",
    "resolve_unknown_channels_by_window",
    "roll_up_turn_channel",
]

UNKNOWN_CHANNEL = "unknown"
"""The channel of a word no channel clearly dominated (silence, or too close to call)."""

RESOLVE_UNKNOWN_METHODS = ("none", "window", "speaker-history")
"""The values of :attr:`ChannelAttributionOptions.resolve_unknown_channels_method`."""


@attrs.define(kw_only=True)
class DualChannelWord(Word):
    """A :class:`Word` with the channel it came from (independent of ``speaker``).

    Attributes:
        channel: the channel name, or ``"unknown"``.
        channel_resolved: True when ``channel`` was filled in by a resolution strategy
            rather than measured.
    """

    channel: str | None = None
    channel_resolved: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        for name in ("channel", "channel_resolved"):
            if (value := getattr(self, name)) is not None:
                data[name] = value
        return data


@attrs.define(kw_only=True)
class DualChannelTurnEvent(TurnEvent):
    """A :class:`TurnEvent` whose words are :class:`DualChannelWord` and whose ``channel`` is
    the channel holding most of the turn's word time (or ``"unknown"``)."""

    # Narrowed from list[Word]: every word of an enriched turn carries its channel.
    words: list[DualChannelWord] = attrs.field(factory=list)  # type: ignore[assignment]
    channel: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["words"] = [w.to_dict() for w in self.words]
        if self.channel is not None:
            data["channel"] = self.channel
        return data


def _fields(instance: attrs.AttrsInstance) -> dict[str, Any]:
    # Every attrs field by its init name, so fields the models gain later are carried over.
    return {f.alias: getattr(instance, f.name) for f in attrs.fields(type(instance))}


def enrich_word(word: Word) -> DualChannelWord:
    return DualChannelWord(**_fields(word))


def _scores(frames: Iterable[VadFrame]) -> dict[str, float]:
    """Active-frame RMS summed per channel (channels without any left out)."""
    totals: dict[str, float] = {}
    for frame in frames:
        if frame.active:
            totals[frame.channel] = totals.get(frame.channel, 0.0) + frame.rms
    return totals


def _dominant(scores: Mapping[str, float], ratio: float) -> str | None:
    """The top channel if it is the only one or beats the runner-up by ``ratio``."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[1][1] <= 0 or ranked[0][1] >= ratio * ranked[1][1]:
        return ranked[0][0]
    return None


def _span(word: Word) -> tuple[float, float] | None:
    start, end = word.start, word.end
    if isinstance(start, int | float) and isinstance(end, int | float):
        return float(start), float(end)
    return None  # a word without timing cannot be placed on the timeline


def attribute_word(word: Word, timeline: VadTimeline, dominance_ratio: float) -> str:
    """The channel that dominated ``word``'s time span, or ``"unknown"``."""
    span = _span(word)
    if span is None:
        return UNKNOWN_CHANNEL
    winner = _dominant(_scores(timeline.frames_in_window(*span)), dominance_ratio)
    return UNKNOWN_CHANNEL if winner is None else winner


def roll_up_turn_channel(words: Sequence[DualChannelWord]) -> str:
    """The channel holding most word time, or ``"unknown"`` (no known word, or a tie)."""
    totals: dict[str, float] = {}
    for word in words:
        span = _span(word)
        if word.channel and word.channel != UNKNOWN_CHANNEL and span is not None:
            totals[word.channel] = totals.get(word.channel, 0.0) + max(0.0, span[1] - span[0])
    ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return UNKNOWN_CHANNEL
    return ranked[0][0]


def attribute_turn(
    turn: DualChannelTurnEvent, timeline: VadTimeline, dominance_ratio: float
) -> None:
    """Set the channel of every word of ``turn`` and of the turn itself, in place."""
    for word in turn.words:
        word.channel = attribute_word(word, timeline, dominance_ratio)
    turn.channel = roll_up_turn_channel(turn.words)


def resolve_unknown_channels_by_window(
    turn: DualChannelTurnEvent, resolution_window_words: int
) -> None:
    """Fill each ``"unknown"`` word from the most common known channel among the
    ``resolution_window_words`` words on either side (a tie leaves it unknown). Measured
    channels are never changed; filled words get ``channel_resolved = True``."""
    words = turn.words
    changed = False
    for i, word in enumerate(words):
        if word.channel != UNKNOWN_CHANNEL:
            continue
        # As 1.0 does, a word filled in just before counts as a neighbour of the next one.
        lo, hi = max(0, i - resolution_window_words), i + resolution_window_words + 1
        votes = Counter(
            w.channel
            for j, w in enumerate(words[lo:hi], lo)
            if j != i and w.channel and w.channel != UNKNOWN_CHANNEL
        ).most_common(2)
        if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
            word.channel, word.channel_resolved, changed = votes[0][0], True, True
    if changed:
        turn.channel = roll_up_turn_channel(words)


def _speaker(word: Word) -> str | None:
    value = read_field(word, "speaker")  # new in the 2026 API: tolerant of older models
    return value if isinstance(value, str) and value else None


def resolve_unknown_channels_by_speaker_history(
    turn: DualChannelTurnEvent,
    timeline: VadTimeline,
    speaker_history: dict[str, dict[str, float]],
    min_rms_evidence: float,
    dominance_ratio: float,
) -> None:
    """Fill ``"unknown"`` words from their speaker's channel so far.

    ``speaker_history`` (speaker -> channel -> active RMS) is first updated with this
    turn's words; a speaker with at least ``min_rms_evidence`` in total whose top channel
    beats the runner-up by ``dominance_ratio`` gives that channel to their unknown words.
    """
    for word in turn.words:
        speaker, span = _speaker(word), _span(word)
        if speaker is None or span is None:
            continue
        evidence = speaker_history.setdefault(speaker, {})
        for channel, rms in _scores(timeline.frames_in_window(*span)).items():
            evidence[channel] = evidence.get(channel, 0.0) + rms
    changed = False
    for word in turn.words:
        speaker = _speaker(word)
        if word.channel != UNKNOWN_CHANNEL or speaker is None:
            continue
        evidence = speaker_history.get(speaker, {})
        if sum(evidence.values()) < min_rms_evidence:
            continue
        winner = _dominant(evidence, dominance_ratio)
        if winner is not None:
            word.channel, word.channel_resolved, changed = winner, True, True
    if changed:
        turn.channel = roll_up_turn_channel(turn.words)


def _check_method(instance: object, attribute: object, value: str) -> None:
    if value not in RESOLVE_UNKNOWN_METHODS:
        raise ConfigurationError(
            f"resolve_unknown_channels_method must be one of {', '.join(RESOLVE_UNKNOWN_METHODS)}; "
            f"got {value!r}."
        )


@attrs.define
class ChannelAttributionOptions:
    """How words are attributed to channels (the defaults suit most captures).

    Attributes:
        dominance_ratio: how many times more active energy the top channel needs than the
            runner-up during a word to be its channel.
        timeline_window_ms: how much VAD history is kept for matching words.
        create_vad: makes the detector of a channel, given its name (default: a new
            :class:`EnergyVad` each).
        resolve_unknown_channels_method: ``"window"`` (from neighbouring words),
            ``"speaker-history"`` (from the speaker's channel so far; needs
            ``speaker_labels``) or ``"none"``. Checked when the options are built.
        resolution_window_words: neighbours on each side that ``"window"`` consults.
        speaker_history_min_rms_evidence: active energy a speaker needs in total before
            ``"speaker-history"`` trusts their channel.
        speaker_history_dominance_ratio: the ratio ``"speaker-history"`` requires.
    """

    dominance_ratio: float = 4.0
    timeline_window_ms: int = 30_000
    create_vad: Callable[[str], VadDetector] | None = None
    resolve_unknown_channels_method: str = attrs.field(default="window", validator=_check_method)
    resolution_window_words: int = 2
    speaker_history_min_rms_evidence: float = 0.5
    speaker_history_dominance_ratio: float = 3.0

    def make_vad(self, channel: str) -> VadDetector:
        """The detector for ``channel``."""
        return self.create_vad(channel) if self.create_vad is not None else EnergyVad()


def enrich_turn(
    turn: TurnEvent,
    timeline: VadTimeline,
    options: ChannelAttributionOptions,
    speaker_history: dict[str, dict[str, float]],
) -> DualChannelTurnEvent:
    """A :class:`DualChannelTurnEvent` for ``turn`` (left untouched), attributed and resolved
    as ``options`` say."""
    fields = _fields(turn)
    fields["words"] = [enrich_word(w) for w in turn.words or []]
    enriched = DualChannelTurnEvent(**fields)
    attribute_turn(enriched, timeline, options.dominance_ratio)
    method = options.resolve_unknown_channels_method
    if method == "window":
        resolve_unknown_channels_by_window(enriched, options.resolution_window_words)
    elif method == "speaker-history":
        resolve_unknown_channels_by_speaker_history(
            enriched,
            timeline,
            speaker_history,
            options.speaker_history_min_rms_evidence,
            options.speaker_history_dominance_ratio,
        )
    return enriched
