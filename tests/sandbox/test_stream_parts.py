"""The pure parts of the streaming sandbox: pacing and turns, spec checks, fault rules."""

from __future__ import annotations

import pytest

from assemblyai.testing import StreamFaults
from assemblyai.testing._stream_check import StreamSpec
from assemblyai.testing._turns import (
    TurnTracker,
    formatted_tokens,
    v2_transcript_messages,
    v3_turn_messages,
)

# -- turns ----------------------------------------------------------------------------------


def test_one_word_per_slot_of_audio_received() -> None:
    tracker = TurnTracker("a b c d", ms_per_word=100)
    assert tracker.advance(99) == []
    assert [len(u.words) for u in tracker.advance(100)] == [1]
    assert [len(u.words) for u in tracker.advance(350)] == [2, 3]
    assert tracker.advance(350) == []  # nothing new: the same total again
    assert [(w.start, w.end) for w in tracker.current] == [(0, 85), (100, 185), (200, 285)]


def test_turns_end_with_sentences_and_at_the_word_limit() -> None:
    tracker = TurnTracker("One two. Three four five six", ms_per_word=10, max_turn_words=3)
    finals = [u for u in tracker.advance(120) if u.end_of_turn]
    assert [[w.raw for w in u.words] for u in finals] == [
        ["One", "two."],
        ["Three", "four", "five"],
        ["six", "One", "two."],
        ["Three", "four", "five"],
    ]
    assert [u.turn_order for u in finals] == [0, 1, 2, 3]


def test_end_turn_flushes_and_is_empty_when_nothing_was_heard() -> None:
    tracker = TurnTracker("a b c", ms_per_word=10)
    assert tracker.end_turn() == []
    tracker.advance(20)
    (final,) = tracker.end_turn()
    assert final.end_of_turn and [w.raw for w in final.words] == ["a", "b"]
    assert tracker.turn_order == 1 and tracker.current == ()


def test_an_empty_text_is_never_heard() -> None:
    assert TurnTracker("", ms_per_word=10).advance(10_000) == []


def test_formatting() -> None:
    tracker = TurnTracker("hello, Berlin! how are you", ms_per_word=10)
    updates = tracker.advance(50) + tracker.end_turn()
    finals = [u for u in updates if u.end_of_turn]
    assert [formatted_tokens(u.words) for u in finals] == [
        ["Hello,", "Berlin!"],
        ["How", "are", "you."],
    ]
    assert [w.plain for w in finals[0].words] == ["hello", "berlin"]


def test_v3_messages() -> None:
    tracker = TurnTracker("Put the kettle on.", ms_per_word=100)
    *partials, final = tracker.advance(400)
    partial = v3_turn_messages(partials[2])
    assert len(partial) == 1
    assert partial[0]["transcript"] == "put the"  # "kettle" may still change
    assert [w["word_is_final"] for w in partial[0]["words"]] == [True, True, False]
    plain, formatted = v3_turn_messages(final, format_turns=True)
    assert (plain["transcript"], plain["utterance"]) == ("put the kettle on", "put the kettle on")
    assert formatted["turn_is_formatted"] and formatted["transcript"] == "Put the kettle on."
    assert len(v3_turn_messages(final)) == 1


def test_v2_messages() -> None:
    tracker = TurnTracker("turn left", ms_per_word=100)
    partial, *_ = tracker.advance(200)
    (final,) = tracker.end_turn()
    created = "2024-03-18T09:41:09.518302"
    (message,) = v2_transcript_messages(partial, created=created)
    assert (message["message_type"], message["text"]) == ("PartialTranscript", "turn")
    assert v2_transcript_messages(partial, created=created, partials=False) == []
    (message,) = v2_transcript_messages(final, created=created, partials=False)
    assert message["text"] == "Turn left." and message["punctuated"] is True
    assert (message["audio_start"], message["audio_end"]) == (0, 185)


# -- spec checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"sample_rate": "16000", "keyterms_prompt": '["a", "b"]'}, None),
        ({"format_turns": "true"}, "required parameter 'sample_rate' is missing"),
        ({"sample_rate": "16000", "format_turns": "True"}, "is not JSON (boolean expected)"),
        ({"sample_rate": "0"}, "0 is not greater than 0"),
        ({"sample_rate": "16000", "encoding": "flac"}, "'flac' is not one of"),
        ({"sample_rate": "16000", "speakers": "2"}, "'speakers' is not a parameter"),
        # a self-describing stream needs no sample rate; raw PCM does
        ({"encoding": "ogg_opus"}, None),
        ({"encoding": "pcm_mulaw"}, "required parameter 'sample_rate' is missing"),
        ({"sample_rate": "16000", "max_speakers": "11"}, "11 is greater than the maximum of 10"),
    ],
)
def test_v3_query(query: dict[str, str], fragment: str | None) -> None:
    values, problems = StreamSpec.for_protocol("v3").check_query(query)
    if fragment is None:
        assert problems == [] and set(values) == set(query)
    else:
        assert len(problems) == 1 and fragment in problems[0]


def test_v2_messages_are_checked_against_their_closed_schemas() -> None:
    spec = StreamSpec.for_protocol("v2")
    assert spec.check_client_message({"force_end_utterance": True}) == []
    (problem,) = spec.check_client_message({"force_end_utterance": True, "extra": 1})
    assert "'extra' is not allowed" in problem


def test_audio_frames() -> None:
    spec = StreamSpec.for_protocol("v3")
    assert spec.check_audio(3200, bytes_per_second=32_000, sample_width=2) == []
    assert spec.check_audio(32_000, bytes_per_second=32_000, sample_width=2) == []
    (too_long,) = spec.check_audio(32_002, bytes_per_second=32_000, sample_width=2)
    assert "longer than 1000 ms" in too_long
    assert len(spec.check_audio(0, bytes_per_second=32_000, sample_width=2)) == 1


# -- fault rules ----------------------------------------------------------------------------


def test_fault_rules_match_a_protocol_and_wear_out() -> None:
    faults = StreamFaults()
    rule = faults.add("v2", close_code=4001, times=2)
    everywhere = faults.add(drop=True, persistent=True)
    assert faults.take("v3") is everywhere
    assert faults.take("v2") is rule and faults.take("v2") is rule
    assert faults.take("v2") is everywhere and faults.rules == (everywhere,)
    assert (rule.hits, everywhere.hits) == (2, 2)
    faults.clear()
    assert faults.take("v3") is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"close_code": 4001, "drop": True},
        {"reject_status": 200},
        {"close_code": 999},
        {"close_code": 4001, "reason": "x" * 124},
        {"drop": True, "after_messages": -1},
        {"drop": True, "times": 0},
        {"drop": True, "protocol": "v4"},
    ],
)
def test_bad_fault_rules_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        StreamFaults().add(**kwargs)  # type: ignore[arg-type]
