"""The dual-channel extras' pure parts: energy VAD, timeline, attribution, resolution, mixing."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

import pytest

from assemblyai import ConfigurationError
from assemblyai.streaming.v3 import TurnEvent
from assemblyai.streaming.v3.extras import (
    RESOLVE_UNKNOWN_METHODS,
    UNKNOWN_CHANNEL,
    ChannelAttributionOptions,
    DualChannelTurnEvent,
    DualChannelWord,
    EnergyVad,
    VadDetector,
    VadFrame,
    VadResult,
    VadTimeline,
    attribute_turn,
    attribute_word,
    resolve_unknown_channels_by_speaker_history,
    resolve_unknown_channels_by_window,
    roll_up_turn_channel,
)
from assemblyai.streaming.v3.extras._attribution import enrich_turn
from assemblyai.streaming.v3.extras._mixer import ChannelMixer


def pcm(*samples: int) -> bytes:
    return struct.pack(f"<{len(samples)}h", *samples)


def dword(
    text: str, start: int, end: int, channel: str | None = None, speaker: str | None = None
) -> DualChannelWord:
    extra = {"speaker": speaker} if speaker else {}
    return DualChannelWord(
        text=text,
        start=start,
        end=end,
        confidence=0.9,
        word_is_final=True,
        channel=channel,
        additional_properties=extra,
    )


def dturn(words: Sequence[DualChannelWord]) -> DualChannelTurnEvent:
    return DualChannelTurnEvent(
        turn_order=0,
        turn_is_formatted=False,
        end_of_turn=True,
        transcript="",
        end_of_turn_confidence=0.9,
        words=list(words),
    )


def timeline(*spans: tuple[str, int, int, float]) -> VadTimeline:
    """Active 20 ms frames of ``channel`` from ``start`` to ``end`` ms at ``rms``."""
    tl = VadTimeline(30_000)
    for channel, start, end, rms in spans:
        for ts in range(start + 20, end + 1, 20):
            tl.push_frame(VadFrame(ts=ts, channel=channel, active=True, rms=rms))
    return tl


# ---- VAD ----------------------------------------------------------------------------------------


def test_energy_vad_speech_hangover_and_noise_floor() -> None:
    vad = EnergyVad(
        threshold_ratio=3.0, noise_floor_alpha=0.5, hangover_frames=2, initial_noise_floor=0.01
    )
    assert vad.process([0.0] * 320) == VadResult(active=False, energy=0.0)
    loud = vad.process([0.5, -0.5] * 160)
    assert loud.active and loud.energy == pytest.approx(0.5)
    # Two hangover frames count as speech, then silence again.
    assert [vad.process([0.0] * 320).active for _ in range(3)] == [True, True, False]
    # The floor follows quiet frames: a hum at 0.01 stops being speech.
    assert vad.process([0.03] * 320).active  # 0.03 > 3 x floor (which fell towards 0)
    vad.reset()
    for _ in range(20):
        vad.process([0.02] * 320)
    assert not vad.process([0.04] * 320).active
    assert vad.process([]).energy == 0.0


def test_the_detector_interface_says_what_is_missing() -> None:
    with pytest.raises(NotImplementedError, match="must implement process"):
        VadDetector().process([0.0])
    with pytest.raises(NotImplementedError, match="must implement reset"):
        VadDetector().reset()


def test_timeline_finds_frames_pushed_out_of_time_order_and_forgets_old_ones() -> None:
    tl = VadTimeline(window_ms=1000)
    # A whole 100 ms chunk of one channel, then the other's: frames arrive out of time order.
    for channel in ("mic", "system"):
        for ts in (20, 40, 60, 80, 100):
            tl.push_frame(VadFrame(ts=ts, channel=channel, active=True, rms=0.1))
    found = tl.frames_in_window(40, 60)
    assert sorted((f.channel, f.ts) for f in found) == [
        ("mic", 40),
        ("mic", 60),
        ("system", 40),
        ("system", 60),
    ]
    for ts in range(120, 5000, 20):
        tl.push_frame(VadFrame(ts=ts, channel="mic", active=False, rms=0.0))
    assert tl.frames_in_window(0, 3000) == []
    assert len(tl.frames_in_window(3980, 4980)) == 51
    tl.clear()
    assert tl.frames_in_window(0, 1e9) == []


# ---- attribution --------------------------------------------------------------------------------


def test_attribute_word_by_dominant_energy() -> None:
    tl = timeline(
        ("mic", 0, 400, 0.2),
        ("system", 200, 400, 0.02),
        ("system", 600, 800, 0.1),
        ("mic", 600, 800, 0.05),
    )
    assert attribute_word(dword("a", 0, 180), tl, 4.0) == "mic"  # only the mic
    assert attribute_word(dword("b", 200, 400), tl, 4.0) == "mic"  # 10 times the system
    assert attribute_word(dword("c", 600, 800), tl, 4.0) == UNKNOWN_CHANNEL  # 2 times: too close
    assert attribute_word(dword("c", 600, 800), tl, 2.0) == "system"
    assert attribute_word(dword("d", 1000, 1200), tl, 4.0) == UNKNOWN_CHANNEL  # silence
    untimed = DualChannelWord(text="e", start=None, end=None, confidence=None, word_is_final=True)
    assert attribute_word(untimed, tl, 4.0) == UNKNOWN_CHANNEL


def test_turn_channel_is_the_duration_weighted_majority() -> None:
    words = [dword("a", 0, 100, "mic"), dword("b", 100, 400, "system"), dword("c", 400, 500, "mic")]
    assert roll_up_turn_channel(words) == "system"
    assert (
        roll_up_turn_channel([dword("a", 0, 100, "mic"), dword("b", 0, 100, "system")])
        == UNKNOWN_CHANNEL
    )
    assert roll_up_turn_channel([dword("a", 0, 100, UNKNOWN_CHANNEL)]) == UNKNOWN_CHANNEL
    turn = dturn([dword("a", 0, 180), dword("b", 1000, 1200)])
    attribute_turn(turn, timeline(("mic", 0, 400, 0.2)), 4.0)
    assert [w.channel for w in turn.words] == ["mic", UNKNOWN_CHANNEL] and turn.channel == "mic"


def test_window_resolution_fills_unknown_words_from_neighbours() -> None:
    channels = [
        "mic",
        UNKNOWN_CHANNEL,
        "mic",
        "system",
        UNKNOWN_CHANNEL,
        UNKNOWN_CHANNEL,
        UNKNOWN_CHANNEL,
    ]
    turn = dturn([dword(str(i), i * 100, i * 100 + 80, c) for i, c in enumerate(channels)])
    resolve_unknown_channels_by_window(turn, resolution_window_words=1)
    assert [w.channel for w in turn.words] == [
        "mic",
        "mic",
        "mic",
        "system",
        "system",
        "system",
        "system",
    ]
    assert [bool(w.channel_resolved) for w in turn.words] == [
        False,
        True,
        False,
        False,
        True,
        True,
        True,
    ]
    tie = dturn(
        [
            dword("a", 0, 80, "mic"),
            dword("b", 100, 180, UNKNOWN_CHANNEL),
            dword("c", 200, 280, "system"),
        ]
    )
    resolve_unknown_channels_by_window(tie, resolution_window_words=1)
    assert tie.words[1].channel == UNKNOWN_CHANNEL and tie.words[1].channel_resolved is None


def test_speaker_history_resolution() -> None:
    tl = timeline(("mic", 0, 1000, 0.3), ("system", 1000, 1200, 0.1), ("mic", 1000, 1200, 0.1))
    history: dict[str, dict[str, float]] = {}
    turn = dturn(
        [
            dword("a", 0, 900, "mic", "A"),
            dword("b", 1000, 1200, UNKNOWN_CHANNEL, "A"),
            dword("c", 1000, 1200, UNKNOWN_CHANNEL, "B"),
        ]
    )
    resolve_unknown_channels_by_speaker_history(
        turn, tl, history, min_rms_evidence=0.5, dominance_ratio=3.0
    )
    assert [w.channel for w in turn.words] == ["mic", "mic", UNKNOWN_CHANNEL]
    assert turn.words[1].channel_resolved is True and turn.words[2].channel_resolved is None
    assert set(history) == {"A", "B"} and history["A"]["mic"] > history["A"]["system"]


def test_options_check_the_method_when_built() -> None:
    assert RESOLVE_UNKNOWN_METHODS == ("none", "window", "speaker-history")
    with pytest.raises(ConfigurationError, match="resolve_unknown_channels_method must be one of"):
        ChannelAttributionOptions(resolve_unknown_channels_method="nearest")
    with pytest.raises(ValueError):  # as in 1.0: a ValueError
        ChannelAttributionOptions(resolve_unknown_channels_method="")
    options = ChannelAttributionOptions(create_vad=lambda name: EnergyVad(threshold_ratio=5.0))
    assert isinstance(options.make_vad("mic"), EnergyVad)


def test_enriched_turn_keeps_every_field_and_leaves_the_base_turn_alone() -> None:
    base = TurnEvent.from_dict(
        {
            "type": "Turn",
            "turn_order": 3,
            "turn_is_formatted": True,
            "end_of_turn": True,
            "transcript": "Hi.",
            "end_of_turn_confidence": 0.9,
            "speaker_label": "A",
            "words": [
                {
                    "text": "Hi.",
                    "start": 0,
                    "end": 200,
                    "confidence": 0.9,
                    "word_is_final": True,
                    "speaker": "A",
                }
            ],
        }
    )
    enriched = enrich_turn(base, timeline(("mic", 0, 200, 0.2)), ChannelAttributionOptions(), {})
    assert isinstance(enriched, TurnEvent) and enriched.turn_order == 3
    assert enriched.channel == "mic" and enriched.words[0].channel == "mic"
    assert base.words is not None and not hasattr(base.words[0], "channel")
    data = enriched.to_dict()
    assert data["channel"] == "mic" and data["speaker_label"] == "A"
    assert data["words"][0] == {
        "text": "Hi.",
        "start": 0,
        "end": 200,
        "confidence": 0.9,
        "word_is_final": True,
        "speaker": "A",
        "channel": "mic",
    }


# ---- mixing -------------------------------------------------------------------------------------


def mixer(
    channels: Sequence[str] = ("mic", "system"), rate: int = 1000, **options: Any
) -> ChannelMixer:
    return ChannelMixer(channels, rate, ChannelAttributionOptions(**options))


def test_mixer_checks_its_arguments() -> None:
    with pytest.raises(ConfigurationError, match="at least 2"):
        mixer(["mic"])
    with pytest.raises(ConfigurationError, match="unique"):
        mixer(["mic", "mic"])
    with pytest.raises(ConfigurationError, match="non-empty"):
        mixer(["mic", ""])
    with pytest.raises(ConfigurationError, match="sample_rate"):
        mixer(rate=0)
    m = mixer()
    with pytest.raises(
        ConfigurationError, match="Unknown channel 'speaker'; the channels are mic, system"
    ):
        m.ingest("speaker", pcm(1))
    with pytest.raises(ConfigurationError, match="even number of bytes"):
        m.ingest("mic", b"\x01")


def test_mixer_keeps_channels_aligned_and_sends_50_to_200_ms() -> None:
    m = mixer(rate=1000)  # 1 sample per ms: lengths read as milliseconds
    m.ingest("mic", pcm(*[100] * 300))
    assert m.drain() == []  # the system has sent nothing yet: wait for it
    m.ingest("system", pcm(*[-50] * 40))
    assert m.drain() == []  # 40 ms in common: under the 50 ms minimum
    m.ingest("system", pcm(*[300] * 260))
    chunks = m.drain()
    assert [len(c) // 2 for c in chunks] == [200, 100]
    assert chunks[0][:4] == pcm(25, 25) and chunks[1][-2:] == pcm(200)
    m.ingest("mic", pcm(*[10] * 30))
    assert m.drain() == [] and m.drain(force=True) == [pcm(*[5] * 30)]  # flush pads the system


def test_a_closed_channel_is_padded_not_waited_for() -> None:
    frames: list[VadFrame] = []
    m = mixer(rate=1000)
    m.ingest("mic", pcm(*[1000] * 100), on_vad=frames.append)
    m.close_channel("system")
    assert [len(c) // 2 for c in m.drain()] == [100]
    assert len(frames) == 5 and frames[-1].ts == 100 and frames[0].channel == "mic"
    assert all(f.active for f in frames)
    with pytest.raises(ConfigurationError):
        m.close_channel("nobody")
