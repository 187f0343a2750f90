"""The generated `_decode_fast` path agrees with the checked path, and errors keep their paths.

A well-formed message never builds a path string; anything unusual falls back to the checked
(lenient) path, which keeps what the server sent and, under strict reading, raises the same
`DecodeError` as before the fast path existed.
"""

from __future__ import annotations

import types
from typing import Any

import pytest

from assemblyai._generated import streaming as gen


def turn(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "Turn",
        "turn_order": 3,
        "turn_is_formatted": False,
        "end_of_turn": True,
        "transcript": "hello",
        "end_of_turn_confidence": 0.93,
        "words": [{"text": "hello", "start": 0, "end": 90, "confidence": 1, "word_is_final": True}],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def checked(cls: Any, data: dict[str, Any]) -> Any:
    # A read-only mapping is not a dict, so it always takes the checked path.
    return cls.from_dict(types.MappingProxyType(data))


@pytest.mark.parametrize(
    "data",
    [
        turn(),
        turn(utterance="hello"),
        turn(extra_field={"kept": True}, words=[]),
        turn(type=...),  # the discriminator may be left out
        turn(end_of_turn_confidence=1),  # an int is a number, kept as an int
    ],
)
def test_fast_path_matches_checked_path(data: dict[str, Any]) -> None:
    assert gen.Turn._decode_fast(data) is not None
    fast = gen.Turn.from_dict(data)
    assert fast == checked(gen.Turn, data)
    assert fast.to_dict() == checked(gen.Turn, data).to_dict()
    assert type(fast.words) is list


def test_integer_valued_float_takes_checked_path_and_converts() -> None:
    data = turn(turn_order=3.0)
    assert gen.Turn._decode_fast(data) is None
    decoded = gen.Turn.from_dict(data)
    assert decoded.turn_order == 3 and type(decoded.turn_order) is int


@pytest.mark.parametrize(
    ("data", "message", "field", "kept"),
    [
        (
            turn(turn_order="3"),
            "Turn.turn_order: expected an integer, got string",
            "turn_order",
            "3",
        ),
        (
            turn(end_of_turn=1),
            "Turn.end_of_turn: expected a boolean, got integer",
            "end_of_turn",
            1,
        ),
        (
            turn(end_of_turn_confidence=True),
            "Turn.end_of_turn_confidence: expected a number",
            "end_of_turn_confidence",
            True,
        ),
        (turn(transcript=...), "Turn: missing required field 'transcript'", "transcript", None),
        (turn(utterance=None), "Turn.utterance: expected a string, got null", "utterance", None),
        (turn(words={}), "Turn.words: expected an array, got object", "words", {}),
    ],
)
def test_bad_fields_are_kept_and_strict_raises_with_their_path(
    data: dict[str, Any], message: str, field: str, kept: object
) -> None:
    assert gen.Turn._decode_fast(data) is None
    lenient = gen.Turn.from_dict(data)
    assert getattr(lenient, field) == kept and lenient == checked(gen.Turn, data)
    assert lenient.transcript == data.get("transcript")
    with pytest.raises(gen.DecodeError) as fast_err:
        gen.Turn.from_dict(data, strict=True)
    assert str(fast_err.value).startswith(message)
    with pytest.raises(gen.DecodeError) as checked_err:
        gen.Turn.from_dict(types.MappingProxyType(data), strict=True)
    assert str(fast_err.value) == str(checked_err.value)


def test_a_bad_word_is_kept_inside_its_word() -> None:
    word = turn()["words"][0]
    data = turn(words=[word, {**word, "confidence": "high"}])
    decoded = gen.Turn.from_dict(data)
    assert [type(w) for w in decoded.words] == [gen.Word, gen.Word]
    assert decoded.words[1].confidence == "high"
    with pytest.raises(gen.DecodeError, match=r"^Turn\.words\[1\]\.confidence: expected a number"):
        gen.Turn.from_dict(data, strict=True)


def test_another_tag_still_raises() -> None:
    with pytest.raises(gen.DecodeError, match=r"^Turn: expected type 'Turn', got 'Begin'"):
        gen.Turn.from_dict(turn(type="Begin"))


def test_begin_with_datetime() -> None:
    data = {"type": "Begin", "id": "s1", "expires_at": 1_700_000_000}
    fast = gen.Begin.from_dict(data)
    assert fast == checked(gen.Begin, data)
    assert fast.to_dict() == data  # the epoch number is re-emitted as received
    soon = gen.Begin.from_dict({**data, "expires_at": "soon"})
    assert soon.expires_at == "soon" and soon.to_dict()["expires_at"] == "soon"
    with pytest.raises(gen.DecodeError, match=r"^Begin\.expires_at: expected an ISO 8601"):
        gen.Begin.from_dict({**data, "expires_at": "soon"}, strict=True)


def test_decode_uses_the_fast_path_for_json_text() -> None:
    message = gen.decode(
        '{"type":"Termination","audio_duration_seconds":1,"session_duration_seconds":2.5}'
    )
    assert isinstance(message, gen.Termination)
    assert message.audio_duration_seconds == 1 and message.session_duration_seconds == 2.5
