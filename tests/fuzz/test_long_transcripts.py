"""Long transcript bodies take the fast decoder (``assemblyai._core.decoding``), which must give
exactly what ``json.loads`` and the models give, for valid and broken bodies alike.

Fuzzed transcripts are small, so each is made long with an unknown top-level field; the
words lists are drawn as the spec allows, or as the real API sends them (fields left out,
nulls, floats for integers, undeclared fields), with the utterances' words copied from the
top-level ones (which is what the API sends and what the text comparison looks for).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assemblyai._core.decoding import decode_transcript
from assemblyai._generated.rest.models.transcript import Transcript
from tests.bodies import transcript_body

from .strategies import realistic, valid, with_a_field_replaced, without_a_required_field
from .test_response_parsing import FUZZ

_PADDING = "p" * (70 * 1024)  # past the size from which bodies are walked


def _parse(decode: Any, raw: bytes) -> tuple[str, Any]:
    try:
        return "ok", Transcript.from_dict(decode(raw)).to_dict()
    except Exception as exc:  # the kind of failure is what is compared
        return "error", type(exc).__name__


_WORD_KEYS = ("confidence", "start", "end", "text", "speaker")


def _long(body: Any, *, echo_words: bool) -> bytes:
    if isinstance(body, dict):
        body = dict(body)
        words = body.get("words")
        if echo_words and isinstance(words, list):
            # Words with just the required keys, as the API usually sends them: the decoder's
            # fast paths, not only its fallbacks.
            words = body["words"] = [
                {k: w[k] for k in _WORD_KEYS if k in w} if isinstance(w, dict) else w for w in words
            ]
        if echo_words and isinstance(words, list) and isinstance(body.get("utterances"), list):
            # Utterances repeat the top-level words in order, as the API writes them.
            for index, utterance in enumerate(body["utterances"]):
                if isinstance(utterance, dict):
                    utterance["words"] = words[index : index + 1]
        body["zz_padding"] = _PADDING
    return json.dumps(body, separators=(",", ":")).encode()


@FUZZ
@given(
    body=st.one_of(
        valid("Transcript"),
        with_a_field_replaced("Transcript"),
        without_a_required_field("Transcript"),
    ),
    echo_words=st.booleans(),
)
def test_the_fast_decoder_agrees_with_json_loads(body: Any, echo_words: bool) -> None:
    raw = _long(body, echo_words=echo_words)
    assert len(raw) > 64 * 1024
    assert _parse(decode_transcript, raw) == _parse(json.loads, raw)


def _sent(value: Any) -> Any:
    """VALUE without null object members: to_dict() leaves fields that are None out."""
    if isinstance(value, dict):
        return {k: _sent(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_sent(v) for v in value]
    return value


@FUZZ
@given(body=realistic("Transcript"), echo_words=st.booleans())
def test_the_fast_decoder_reads_real_shaped_bodies_as_json_loads_does(
    body: Any, echo_words: bool
) -> None:
    # Real answers depart from the description; both paths read them, with the same result.
    raw = _long(body, echo_words=echo_words)
    fast = Transcript.from_dict(decode_transcript(raw))
    plain = Transcript.from_dict(json.loads(raw))
    assert fast.to_dict() == plain.to_dict()
    # Nulls of undeclared fields are kept as sent: both sides drop them to compare.
    assert _sent(fast.to_dict()) == _sent(json.loads(raw))
    assert fast.words == plain.words and fast.utterances == plain.utterances


_real_word = st.fixed_dictionaries(
    {},
    optional={
        "text": st.text(max_size=12),
        "start": st.one_of(st.integers(0, 10**7), st.floats(0, 10**7)),
        "end": st.integers(0, 10**7),
        "confidence": st.one_of(st.floats(0, 1), st.none()),
        "speaker": st.one_of(st.none(), st.text(max_size=3)),
        "channel": st.sampled_from(["1", "2"]),
        "word_is_new": st.booleans(),
    },
)


@FUZZ
@given(words=st.lists(_real_word, min_size=1, max_size=40), share=st.booleans())
def test_real_shaped_words_take_the_fallback_and_keep_every_value(
    words: list[dict[str, Any]], share: bool
) -> None:
    utterances = [
        {"text": "", "start": 0, "end": 0, "confidence": 0.5, "speaker": "A", "words": words}
    ]
    if not share:
        utterances[0]["words"] = [dict(w, text="other") for w in words]
    body = transcript_body(words=words, utterances=utterances, zz_padding=_PADDING)
    del body["language_confidence"]  # as real answers do
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    fast = Transcript.from_dict(decode_transcript(raw))
    assert fast.to_dict() == Transcript.from_dict(json.loads(raw)).to_dict() == _sent(body)
    for record, word in zip(fast.words or [], words, strict=True):
        assert record.text == word.get("text") and record.start == word.get("start")


_word = st.fixed_dictionaries(
    {
        "text": st.text(max_size=12),
        "start": st.integers(0, 10**7),
        "end": st.integers(0, 10**7),
        "confidence": st.floats(0, 1),
        "speaker": st.one_of(st.none(), st.text(max_size=3)),
    },
    optional={"channel": st.sampled_from(["1", "2"]), "extra": st.text(max_size=3)},
)


@FUZZ
@given(
    words=st.lists(_word, min_size=1, max_size=60),
    cuts=st.lists(st.integers(0, 60), max_size=8),
    copy_exactly=st.booleans(),
)
def test_utterance_words_compared_as_text_are_the_top_level_ones(
    words: list[dict[str, Any]], cuts: list[int], copy_exactly: bool
) -> None:
    # Arbitrary word texts (quotes, braces, backslashes, any character) split into utterances
    # at arbitrary points: whatever path the decoder takes, the result is json.loads's.
    bounds = sorted({0, len(words), *(c for c in cuts if c <= len(words))})
    utterances = []
    for a, b in itertools.pairwise(bounds):
        part = [dict(w) for w in words[a:b]]
        if not copy_exactly and part:
            part[0]["text"] += "!"  # an utterance that does not repeat the top-level words
        utterances.append(
            {"text": "", "start": 0, "end": 0, "confidence": 0.5, "speaker": "A", "words": part}
        )
    body = transcript_body(words=words, utterances=utterances, zz_padding=_PADDING)
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    assert _parse(decode_transcript, raw) == _parse(json.loads, raw)
    decoded = Transcript.from_dict(decode_transcript(raw))
    assert decoded.to_dict() == _sent(body)
