"""Properties and examples of assemblyai._core.render (subtitles, sentences, paragraphs, search)."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assemblyai._core import render as _render

# -- strategies ----------------------------------------------------------------------------

_word_text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        categories=("L", "N", "P", "S"),
        exclude_characters="\x85\u2028\u2029",
    ),
    min_size=1,
    max_size=14,
).filter(lambda t: t.strip() == t and "-->" not in t)


@st.composite
def word_lists(draw: st.DrawFn, *, max_size: int = 40) -> list[dict[str, Any]]:
    texts = draw(st.lists(_word_text, max_size=max_size))
    speakers = draw(st.sampled_from([None, "AB", "A"]))
    time = draw(st.integers(0, 10_000))
    words = []
    for index, text in enumerate(texts):
        time += draw(st.integers(0, 3000))
        duration = draw(st.integers(0, 2000))
        word: dict[str, Any] = {
            "text": text,
            "start": time,
            "end": time + duration,
            "confidence": draw(st.floats(0, 1)),
            "speaker": None
            if speakers is None
            else speakers[index % len(speakers) // 3 % len(speakers)],
        }
        words.append(word)
        time += duration
    return words


# -- a small independent parser for what we render -------------------------------------------

_SRT_TIME = r"(\d{2}):(\d{2}):(\d{2}),(\d{3})"
_VTT_TIME = r"(\d{2}):(\d{2}):(\d{2})\.(\d{3})"


def _to_ms(groups: tuple[str, ...]) -> int:
    h, m, s, ms = (int(g) for g in groups)
    return ((h * 60 + m) * 60 + s) * 1000 + ms


def parse_srt(text: str) -> list[tuple[int, int, str]]:
    if text == "":
        return []
    assert text.endswith("\n\n")
    cues = []
    for number, block in enumerate(text[:-2].split("\n\n"), 1):
        index, timing, caption = block.split("\n")
        assert index == str(number)
        match = re.fullmatch(f"{_SRT_TIME} --> {_SRT_TIME}", timing)
        assert match, timing
        cues.append((_to_ms(match.groups()[:4]), _to_ms(match.groups()[4:]), caption))
    return cues


def parse_vtt(text: str) -> list[tuple[int, int, str]]:
    assert text.startswith("WEBVTT\n\n")
    body = text[len("WEBVTT\n\n") :]
    if body == "":
        return []
    assert body.endswith("\n\n")
    cues = []
    for block in body[:-2].split("\n\n"):
        timing, caption = block.split("\n")
        match = re.fullmatch(f"{_VTT_TIME} --> {_VTT_TIME}", timing)
        assert match, timing
        assert "<" not in caption and ">" not in caption
        unescaped = caption.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        cues.append((_to_ms(match.groups()[:4]), _to_ms(match.groups()[4:]), unescaped))
    return cues


# -- captions ------------------------------------------------------------------------------

limits = st.one_of(st.none(), st.integers(1, 60))


@given(words=word_lists(), limit=limits)
def test_srt_and_vtt_parse_back_to_the_same_cues(
    words: list[dict[str, Any]], limit: int | None
) -> None:
    srt = parse_srt(_render.render_srt(words, limit))
    vtt = parse_vtt(_render.render_vtt(words, limit))
    assert srt == vtt


@given(words=word_lists(), limit=limits)
def test_every_word_appears_exactly_once_in_order(
    words: list[dict[str, Any]], limit: int | None
) -> None:
    cues = parse_srt(_render.render_srt(words, limit))
    rendered = [token for _, _, caption in cues for token in caption.split(" ")]
    assert rendered == [w["text"] for w in words]


@given(words=word_lists(), limit=limits)
def test_timestamps_are_monotonic_and_cover_their_words(
    words: list[dict[str, Any]], limit: int | None
) -> None:
    cues = parse_srt(_render.render_srt(words, limit))
    for start, end, _ in cues:
        assert start <= end
    for (_, end_a, _), (start_b, _, _) in itertools.pairwise(cues):
        assert end_a <= start_b
    position = 0
    for start, end, caption in cues:
        count = len(caption.split(" "))
        assert start == words[position]["start"]
        assert end == words[position + count - 1]["end"]
        position += count


@given(words=word_lists(), limit=st.integers(1, 60))
def test_caption_length_bound_holds_unless_one_word_is_longer(
    words: list[dict[str, Any]], limit: int
) -> None:
    for _, _, caption in parse_srt(_render.render_srt(words, limit)):
        assert len(caption) <= limit or " " not in caption


@given(words=word_lists())
def test_captions_are_packed_greedily(words: list[dict[str, Any]]) -> None:
    # The next caption's first word would not have fitted into the previous caption.
    limit = 20
    cues = parse_srt(_render.render_srt(words, limit))
    for (_, _, a), (_, _, b) in itertools.pairwise(cues):
        assert len(a) + 1 + len(b.split(" ")[0]) > limit


def test_srt_example() -> None:
    words = [
        {"text": "Hello", "start": 0, "end": 500, "confidence": 0.9},
        {"text": "world.", "start": 500, "end": 1000, "confidence": 0.9},
        {"text": "Again", "start": 3_723_004, "end": 3_723_500, "confidence": 0.9},
    ]
    assert _render.render_srt(words) == (
        "1\n00:00:00,000 --> 00:00:01,000\nHello world.\n\n"
        "2\n01:02:03,004 --> 01:02:03,500\nAgain\n\n"
    )
    assert _render.render_vtt(words, chars_per_caption=5) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:00.500\nHello\n\n"
        "00:00:00.500 --> 00:00:01.000\nworld.\n\n"
        "01:02:03.004 --> 01:02:03.500\nAgain\n\n"
    )


def test_empty_inputs_and_bad_limits() -> None:
    assert _render.render_srt([]) == ""
    assert _render.render_vtt([]) == "WEBVTT\n\n"
    with pytest.raises(ValueError, match="chars_per_caption"):
        _render.render_srt([], 0)
    none_times = [{"text": "x", "start": None, "end": None, "confidence": 1.0}]
    assert "00:00:00,000 --> 00:00:00,000" in _render.render_srt(none_times)
    with pytest.raises(TypeError):
        _render.render_srt([{"text": "x", "start": "1", "end": 2}])


def test_vtt_escapes_markup() -> None:
    words = [{"text": "<b>&", "start": 0, "end": 1, "confidence": 1.0}]
    assert "&lt;b&gt;&amp;" in _render.render_vtt(words)


def test_format_timestamp() -> None:
    assert _render.format_timestamp(3_723_004) == "01:02:03,004"
    assert _render.format_timestamp(-5, ".") == "00:00:00.000"
    assert _render.format_timestamp(100 * 3_600_000) == "100:00:00,000"


# -- sentences and paragraphs --------------------------------------------------------------


@given(words=word_lists())
def test_sentences_partition_the_words(words: list[dict[str, Any]]) -> None:
    sentences = _render.split_sentences(words)
    assert [w for s in sentences for w in s["words"]] == words
    for sentence in sentences:
        assert sentence["words"]
        assert sentence["start"] == sentence["words"][0]["start"]
        assert sentence["end"] == sentence["words"][-1]["end"]
        assert 0.0 <= sentence["confidence"] <= 1.0
        assert sentence["speaker"] == sentence["words"][0]["speaker"]
        assert len({w["speaker"] for w in sentence["words"]}) == 1
        # Only the last word may end the sentence.
        assert not any(_render.ends_sentence(w["text"]) for w in sentence["words"][:-1])


@given(words=word_lists())
def test_paragraphs_partition_the_sentences(words: list[dict[str, Any]]) -> None:
    def boundaries(groups: list[dict[str, Any]]) -> list[int]:
        offsets, total = [], 0
        for group in groups:
            total += len(group["words"])
            offsets.append(total)
        return offsets

    sentences = _render.split_sentences(words)
    paragraphs = _render.split_paragraphs(words)
    assert [w for p in paragraphs for w in p["words"]] == words
    sentence_ends = boundaries(sentences)
    paragraph_ends = boundaries(paragraphs)
    assert set(paragraph_ends) <= set(sentence_ends)
    previous = 0
    for paragraph, end in zip(paragraphs, paragraph_ends, strict=True):
        assert set(paragraph) == {"text", "start", "end", "confidence", "words"}
        inside = [e for e in sentence_ends if previous < e <= end]
        assert 1 <= len(inside) <= _render.PARAGRAPH_MAX_SENTENCES
        previous = end


def test_sentence_and_paragraph_examples() -> None:
    def w(text: str, start: int, speaker: str | None = "A") -> dict[str, Any]:
        return {
            "text": text,
            "start": start,
            "end": start + 100,
            "confidence": 0.5,
            "speaker": speaker,
        }

    words = [
        w("Mr.", 0),
        w("Smith", 200),
        w("arrived.", 400),
        w("Really?", 600),
        w("Yes!", 5000),
        w("Okay", 5200, "B"),
        w("then", 5400, "B"),
    ]
    sentences = _render.split_sentences(words)
    assert [s["text"] for s in sentences] == ["Mr. Smith arrived.", "Really?", "Yes!", "Okay then"]
    assert [s["speaker"] for s in sentences] == ["A", "A", "A", "B"]
    assert "channel" not in sentences[0]
    paragraphs = _render.split_paragraphs(words)
    # A 4.3 s pause before "Yes!" and a speaker change before "Okay".
    assert [p["text"] for p in paragraphs] == ["Mr. Smith arrived. Really?", "Yes!", "Okay then"]

    many = [w(f"s{i}.", i * 200) for i in range(12)]
    assert [len(p["words"]) for p in _render.split_paragraphs(many)] == [5, 5, 2]

    with_channel = [dict(w("One.", 0), channel="1"), dict(w("Two.", 200), channel="2")]
    assert [s["channel"] for s in _render.split_sentences(with_channel)] == ["1", "2"]


def test_sentence_end_rule() -> None:
    assert _render.ends_sentence('done."')
    assert _render.ends_sentence("why?)")
    assert not _render.ends_sentence("e.g.")
    assert not _render.ends_sentence("3,5")


# -- word search ---------------------------------------------------------------------------


@given(words=word_lists(max_size=25), data=st.data())
def test_search_finds_every_occurrence(words: list[dict[str, Any]], data: st.DataObject) -> None:
    if not words:
        assert _render.search_words(words, ["x"]) == []
        return
    index = data.draw(st.integers(0, len(words) - 1))
    size = data.draw(st.integers(1, min(3, len(words) - index)))
    query = " ".join(w["text"] for w in words[index : index + size])
    normalized = [_render._normalize(w["text"]) for w in words]
    tokens = [_render._normalize(t) for t in query.split()]
    if not all(tokens):
        return
    # Search ignores case; shout the query unless upper-casing changes its letters
    # (e.g. the dotless "ı" upper-cases to "I", which folds back to "i").
    if [_render._normalize(t) for t in query.upper().split()] == tokens:
        query = query.upper()
    matches = _render.search_words(words, [query])
    assert len(matches) == 1
    match = matches[0]
    assert index in match["indexes"]
    assert match["count"] == len(match["indexes"]) == len(match["timestamps"])
    for found in match["indexes"]:
        assert normalized[found : found + size] == tokens
        assert match["timestamps"][match["indexes"].index(found)] == [
            words[found]["start"],
            words[found + size - 1]["end"],
        ]


def test_search_examples() -> None:
    words = [
        {"text": "Smoke", "start": 0, "end": 10, "confidence": 1.0},
        {"text": "from", "start": 10, "end": 20, "confidence": 1.0},
        {"text": "wildfires,", "start": 20, "end": 30, "confidence": 1.0},
        {"text": "smoke!", "start": 30, "end": 40, "confidence": 1.0},
    ]
    assert _render.search_words(words, ["smoke", "from Wildfires", "absent", "", "SMOKE"]) == [
        {"text": "smoke", "count": 2, "timestamps": [[0, 10], [30, 40]], "indexes": [0, 3]},
        {"text": "from Wildfires", "count": 1, "timestamps": [[10, 30]], "indexes": [1]},
    ]


@settings(max_examples=50)
@given(words=word_lists())
def test_renderers_do_not_mutate_their_input(words: list[dict[str, Any]]) -> None:
    snapshot = [dict(w) for w in words]
    _render.render_srt(words)
    for sentence in _render.split_sentences(words):
        sentence["words"][0]["text"] = "changed"
    _render.split_paragraphs(words)
    _render.search_words(words, ["a"])
    assert words == snapshot
