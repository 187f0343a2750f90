"""The transcript assembler, fed constructed events (no socket): every change record it emits."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from assemblyai.streaming.v3 import TranscriptAssembler, TurnEvent, UnknownEvent
from assemblyai.streaming.v3.assembler import (
    AssembledWord,
    Change,
    SpeakerRevised,
    TurnEnded,
    TurnFormatted,
    TurnReplaced,
    WordsAppended,
    WordsFinalised,
    WordsRevised,
)


def word(text: str, final: bool, start: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "text": text,
        "start": start,
        "end": start + 300,
        "confidence": 0.9,
        "word_is_final": final,
        **extra,
    }


def turn(
    order: int | None,
    words: list[dict[str, Any]],
    *,
    end: bool = False,
    formatted: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "type": "Turn",
        "turn_is_formatted": formatted,
        "end_of_turn": end,
        "transcript": " ".join(w.get("text", "") for w in words if w.get("word_is_final")),
        "end_of_turn_confidence": 0.5,
        "words": words,
        **extra,
    }
    if order is not None:
        message["turn_order"] = order
    return message


def as_event(message: dict[str, Any]) -> TurnEvent:
    return TurnEvent.from_dict(message)


@pytest.fixture(params=["event", "json"])
def feed(request: pytest.FixtureRequest) -> Any:
    """Feed the assembler a TurnEvent or the JSON object: both must give the same changes."""

    def feed(assembler: TranscriptAssembler, message: dict[str, Any]) -> list[Change]:
        return assembler.feed(as_event(message) if request.param == "event" else message)

    return feed


def test_partials_append_then_finalise_then_end(feed: Any) -> None:
    a = TranscriptAssembler()
    first = feed(a, turn(0, [word("hello", False)]))
    assert first == [WordsAppended(0, 0, (AssembledWord("hello", 0, 300, 0.9, False),))]
    second = feed(a, turn(0, [word("hello", True), word("wor", False, 400)]))
    assert [type(c) for c in second] == [WordsFinalised, WordsAppended]
    assert second[0] == WordsFinalised(0, (0,), (AssembledWord("hello", 0, 300, 0.9, True),))
    assert isinstance(second[1], WordsAppended) and second[1].index == 1
    third = feed(a, turn(0, [word("hello", True), word("world", False, 400)]))
    assert third == [WordsRevised(0, (1,), (AssembledWord("world", 400, 700, 0.9, False),))]
    fourth = feed(a, turn(0, [word("hello", True), word("world", True, 400)], end=True))
    assert [type(c) for c in fourth] == [WordsFinalised, TurnEnded]
    assert a.text == a.final_text == "hello world"
    assert [w.final for w in a.words] == [True, True]


def test_repeated_copy_changes_nothing(feed: Any) -> None:
    a = TranscriptAssembler()
    message = turn(0, [word("hello", True), word("there", False, 400)])
    feed(a, message)
    assert feed(a, message) == []


def test_formatted_copy_replaces_the_words_and_finalises_them(feed: Any) -> None:
    a = TranscriptAssembler()
    feed(a, turn(0, [word("hello", True), word("world", True, 400)], end=True))
    changes = feed(
        a, turn(0, [word("Hello", True), word("world.", True, 400)], end=True, formatted=True)
    )
    assert len(changes) == 1 and isinstance(changes[0], TurnFormatted)
    assert changes[0].previous.text == "hello world"
    assert changes[0].turn.text == "Hello world."
    # An unformatted copy arriving late does not undo the formatting.
    assert feed(a, turn(0, [word("hello", True), word("world", True, 400)], end=True)) == []
    assert a.final_text == "Hello world."


def test_u3_pro_final_turn_is_formatted_and_ends_it(feed: Any) -> None:
    """Universal-3 Pro sends the final turn formatted (``turn_is_formatted`` == ``end_of_turn``),
    with words that may still say ``word_is_final`` false: a formatted turn is final."""
    a = TranscriptAssembler()
    feed(a, turn(0, [word("good", False)]))
    changes = feed(
        a, turn(0, [word("Good", False), word("morning.", False, 400)], end=True, formatted=True)
    )
    assert [type(c) for c in changes] == [TurnFormatted, TurnEnded]
    assert all(w.final for w in a.words)


def test_a_copy_that_withdraws_words_replaces_the_turn(feed: Any) -> None:
    a = TranscriptAssembler()
    feed(a, turn(0, [word("i", True), word("scream", False, 400)]))
    changes = feed(a, turn(0, [word("ice", False)]))
    assert len(changes) == 1 and isinstance(changes[0], TurnReplaced)
    assert changes[0].previous.text == "i scream" and changes[0].turn.text == "ice"
    # A final word that changes text without formatting is a replacement too.
    feed(a, turn(0, [word("ice", True)]))
    changes = feed(a, turn(0, [word("eyes", True)]))
    assert isinstance(changes[0], TurnReplaced)


def test_turns_are_kept_in_order_and_text_has_a_line_each(feed: Any) -> None:
    a = TranscriptAssembler()
    feed(a, turn(0, [word("one", True)], end=True))
    feed(a, turn(2, [word("three", False)]))
    feed(a, turn(1, [word("two", True)], end=True))
    assert [t.turn_order for t in a.turns] == [0, 1, 2]
    assert a.text == "one\ntwo\nthree"
    assert a.final_text == "one\ntwo"


def test_turns_without_turn_order_continue_or_start_a_turn(feed: Any) -> None:
    """Real sessions leave out ``turn_order`` at times: such a copy belongs to the turn in
    progress, or starts the next turn after one ended."""
    a = TranscriptAssembler()
    feed(a, turn(None, [word("a", False)]))
    feed(a, turn(None, [word("a", True)], end=True))
    feed(a, turn(None, [word("b", False, 800)]))
    # The formatted copy of a turn, or a copy starting with the same word, is that turn.
    feed(a, turn(None, [word("B.", True, 800)], end=True, formatted=True))
    feed(a, turn(None, [word("c", False, 1600)]))
    feed(a, turn(None, [word("c", True, 1600)], end=True))
    assert [(t.turn_order, t.text) for t in a.turns] == [(0, "a"), (1, "B."), (2, "c")]


def test_an_ended_turn_stays_ended(feed: Any) -> None:
    a = TranscriptAssembler()
    feed(a, turn(0, [word("a", True)], end=True))
    feed(a, turn(0, [word("a", True), word("b", True, 400)]))
    assert a.turns[0].end_of_turn


def test_speakers_from_turn_label_word_speaker_and_revisions(feed: Any) -> None:
    a = TranscriptAssembler()
    feed(
        a,
        turn(
            0,
            [word("hi", True), word("there", True, 400, speaker="B")],
            end=True,
            speaker_label="A",
        ),
    )
    feed(a, turn(1, [word("yes", True)], end=True, speaker_label="UNKNOWN"))
    assert [(w.text, w.speaker) for w in a.words] == [
        ("hi", "A"),
        ("there", "B"),
        ("yes", "UNKNOWN"),
    ]
    revision = {
        "type": "SpeakerRevision",
        "revisions": [
            {
                "turn_order": 0,
                "speaker_label": "A",
                "words": [word("hi", True, speaker="A"), word("there", True, 400, speaker="A")],
            },
            {"turn_order": 1, "speaker_label": "B"},
            {"turn_order": 7, "speaker_label": "C"},  # never received: nothing to relabel
        ],
    }
    changes = a.feed(UnknownEvent(raw=revision))
    assert [type(c) for c in changes] == [SpeakerRevised, SpeakerRevised]
    assert isinstance(changes[0], SpeakerRevised) and changes[0].previous.words[1].speaker == "B"
    assert [(w.text, w.speaker) for w in a.words] == [("hi", "A"), ("there", "A"), ("yes", "B")]
    assert a.turns[1].speaker == "B"
    assert a.feed(revision) == []  # the same revision again changes nothing


def test_a_generated_style_revision_class_is_read_by_attribute() -> None:
    @attrs.define
    class Item:
        turn_order: int
        speaker_label: str | None
        words: list[Any]

    @attrs.define
    class SpeakerRevision:
        revisions: list[Item]
        type: str = "SpeakerRevision"

    a = TranscriptAssembler()
    a.feed(turn(0, [word("hi", True)], end=True, speaker_label="A"))
    changes = a.feed(SpeakerRevision([Item(0, "C", [])]))
    assert len(changes) == 1 and a.words[0].speaker == "C"


def test_other_events_change_nothing() -> None:
    a = TranscriptAssembler()
    assert a.feed(UnknownEvent(raw={"type": "SpeechStarted", "timestamp": 10})) == []
    assert a.feed({"type": "Begin", "id": "x"}) == []
    assert a.feed(object()) == []
    assert a.turns == []


def test_odd_values_are_read_leniently() -> None:
    a = TranscriptAssembler()
    message = turn(
        0,
        [
            word("a", True),
            {"start": 1},
            {"text": "b", "start": 4.0, "end": "x", "word_is_final": True},
        ],
    )
    a.feed(message)
    assert [(w.text, w.start, w.end) for w in a.words] == [("a", 0, 300), ("b", 4, None)]
    a.feed({"type": "Turn", "turn_order": 1, "words": "nonsense"})
    assert a.turns[1].words == ()


def test_listeners_get_every_change_and_a_failing_one_is_contained(
    caplog: pytest.LogCaptureFixture,
) -> None:
    a = TranscriptAssembler()
    seen: list[Change] = []

    def broken(change: Change) -> None:
        raise RuntimeError("boom")

    a.on_change(broken)
    a.on_change(seen.append)
    changes = a.feed(turn(0, [word("a", True)], end=True))
    assert seen == changes and len(changes) == 2
    assert "listener raised" in caplog.text
    a.reset()
    assert a.turns == [] and a.text == ""


def test_a_new_session_continues_the_transcript() -> None:
    """After a reconnect the server numbers turns from 0 again: they follow the ones held,
    and the previous session's last turn is not continued."""
    a = TranscriptAssembler()
    a.feed({"type": "Begin", "id": "one"})  # the first Begin moves nothing
    a.feed(turn(0, [word("one", True)], end=True, speaker_label="A"))
    a.feed(turn(1, [word("two", False, 400)]))  # cut off by the dropped connection
    a.feed({"type": "Begin", "id": "two"})
    a.feed(turn(None, [word("three", False, 0)]))
    a.feed(turn(0, [word("three", True, 0)], end=True, speaker_label="B"))
    assert [(t.turn_order, t.text) for t in a.turns] == [(0, "one"), (1, "two"), (2, "three")]
    changes = a.feed(
        {"type": "SpeakerRevision", "revisions": [{"turn_order": 0, "speaker_label": "C"}]}
    )
    assert isinstance(changes[0], SpeakerRevised) and changes[0].turn.turn_order == 2
    assert [t.speaker for t in a.turns] == ["A", None, "C"]
    a.reset()
    a.feed(turn(0, [word("again", True)]))
    assert [t.turn_order for t in a.turns] == [0]


def test_a_final_word_stays_final_and_a_corrected_final_word_is_a_revision() -> None:
    a = TranscriptAssembler()
    a.feed(turn(0, [word("yes", True), word("sir", False, 400)]))
    assert a.feed(turn(0, [word("yes", False), word("sir", False, 400)])) == []
    assert a.words[0].final
    changes = a.feed(turn(0, [word("yes", True, 20), word("sir", False, 400)]))
    assert changes == [WordsRevised(0, (0,), (AssembledWord("yes", 20, 320, 0.9, True),))]
