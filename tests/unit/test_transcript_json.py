"""Record models (words, sentiments, entities) and the fast transcript decoder.

The decoder must give exactly what ``json.loads`` plus the models give, for every body: the
fast path for the usual layout, and the plain path for anything else.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._core.decoding import decode_transcript
from assemblyai._generated.rest.models.entity import Entity
from assemblyai._generated.rest.models.sentiment_analysis_result import SentimentAnalysisResult
from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
from assemblyai._generated.rest.models.transcript_word import TranscriptWord
from assemblyai._generated.rest.types import STRICT_READING, ResponseDeviationError
from assemblyai.testing import FakeAssemblyAI
from tests.bodies import transcript_body as minimal_transcript


def word(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "text": f"w{i}",
        "start": i * 100,
        "end": i * 100 + 80,
        "confidence": 0.5,
        "speaker": "AB"[i % 2],
        **extra,
    }


def long_transcript_body(
    n_words: int = 3000, per_utterance: int = 30, **top: Any
) -> dict[str, Any]:
    words = [word(i) for i in range(n_words)]
    utterances = [
        {
            "text": " ".join(w["text"] for w in words[k : k + per_utterance]),
            "start": words[k]["start"],
            "end": words[min(k + per_utterance, n_words) - 1]["end"],
            "confidence": 0.5,
            "speaker": words[k]["speaker"],
            "words": [dict(w) for w in words[k : k + per_utterance]],
        }
        for k in range(0, n_words, per_utterance)
    ]
    return minimal_transcript(
        text=" ".join(w["text"] for w in words), words=words, utterances=utterances, **top
    )


def sent(value: Any) -> Any:
    """VALUE without null members: what to_dict() gives back for a body (it leaves None out)."""
    if isinstance(value, dict):
        return {k: sent(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [sent(v) for v in value]
    return value


def parse(body: dict[str, Any] | bytes) -> TranscriptResponse:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return TranscriptResponse.from_dict(decode_transcript(raw))


# --- record models ---------------------------------------------------------------------------


def test_a_record_reads_like_a_model_and_serialises_back() -> None:
    w = TranscriptWord(confidence=0.9, start=1, end=2, text="hi", speaker=None)
    assert (w.text, w.start, w.end, w.confidence, w.speaker, w.channel) == (
        "hi",
        1,
        2,
        0.9,
        None,
        None,
    )
    # None is left out, as 0.45.4 sent models (exclude_none).
    assert w.to_dict() == {"confidence": 0.9, "start": 1, "end": 2, "text": "hi"}
    assert w.dict() == w.to_dict() and json.loads(w.json()) == w.to_dict()
    assert repr(w) == "TranscriptWord(confidence=0.9, start=1, end=2, text='hi', speaker=None)"
    assert isinstance(w, aai.Word) and w.additional_properties == {}


def test_a_record_keeps_optional_and_unknown_fields() -> None:
    data = word(1, channel="2", novel={"x": 1})
    w = TranscriptWord.from_dict(data)
    assert w.channel == "2" and w.additional_properties == {"novel": {"x": 1}}
    assert w.to_dict() == data
    built = TranscriptWord(
        confidence=0.5, start=1, end=2, text="a", speaker="A", additional_properties={"k": 1}
    )
    assert built.channel is None and built.to_dict()["k"] == 1


def test_a_record_missing_a_required_field_reads_none_and_strict_mode_names_it() -> None:
    data = word(1, novel=True)
    del data["start"]
    w = TranscriptWord.from_dict(data)
    assert w.start is None and w.text == data["text"] and w.additional_properties == {"novel": True}
    assert TranscriptWord.from_dicts([word(2), data])[1] == w
    token = STRICT_READING.set(True)
    try:
        with pytest.raises(ResponseDeviationError, match="start"):
            TranscriptWord.from_dict(data)
    finally:
        STRICT_READING.reset(token)


def test_records_are_immutable_and_survive_pickle_and_copy() -> None:
    w = TranscriptWord.from_dict(word(3, channel="1"))
    with pytest.raises(AttributeError):
        w.text = "changed"  # type: ignore[misc]
    for clone in (pickle.loads(pickle.dumps(w)), copy.copy(w), copy.deepcopy(w)):
        assert type(clone) is TranscriptWord and clone == w and clone.channel == "1"


def test_enum_fields_of_records_read_as_members_and_keep_unknown_values() -> None:
    s = SentimentAnalysisResult.from_dict(
        {
            "text": "ok",
            "start": 0,
            "end": 1,
            "sentiment": "POSITIVE",
            "confidence": 1.0,
            "speaker": None,
        }
    )
    assert s.sentiment == aai.SentimentType.positive and s.sentiment.value == "POSITIVE"
    e = Entity.from_dict(
        {"entity_type": "a_kind_from_the_future", "text": "x", "start": 0, "end": 1}
    )
    assert e.entity_type == "a_kind_from_the_future"
    assert e.to_dict()["entity_type"] == "a_kind_from_the_future"


def test_from_dicts_converts_usual_items_in_bulk_and_the_rest_one_by_one() -> None:
    usual = [word(i) for i in range(5)]
    assert TranscriptWord.from_dicts(usual) == [TranscriptWord.from_dict(w) for w in usual]
    mixed: list[Any] = [word(0), word(1, channel="1"), "not an object", 5]
    out = TranscriptWord.from_dicts(mixed)
    assert out[1].channel == "1" and out[2:] == ["not an object", 5]
    records = TranscriptWord.from_dicts(usual)
    assert all(a is b for a, b in zip(TranscriptWord.from_dicts(records), records, strict=True))
    broken = [word(0), {k: v for k, v in word(1).items() if k != "text"}]
    tolerated = TranscriptWord.from_dicts(broken)
    assert tolerated[0] == records[0] and tolerated[1].text is None and tolerated[1].end == 180


# --- the decoder -----------------------------------------------------------------------------


def test_a_long_transcript_decodes_to_what_json_loads_gives() -> None:
    body = long_transcript_body()
    raw = json.dumps(body).encode()
    assert len(raw) > 64 * 1024  # the fast path
    decoded = decode_transcript(raw)
    assert all(type(w) is TranscriptWord for w in decoded["words"])
    model = TranscriptResponse.from_dict(decoded)
    assert model.to_dict() == sent(body)
    assert model.to_dict() == TranscriptResponse.from_dict(json.loads(raw)).to_dict()


def test_utterances_share_the_top_level_word_records() -> None:
    model = parse(long_transcript_body())
    assert model.utterances and model.words
    first = model.utterances[1].words[0]
    assert first is model.words[30]


def test_utterance_words_written_differently_are_decoded_and_still_shared() -> None:
    body = long_transcript_body()
    raw = json.dumps(body).encode()
    # Spaces inside the utterances' word arrays only: the text comparison fails, the full
    # decode runs, and equal words still share the top-level records.
    head, _, tail = raw.partition(b'"utterances": ')
    tail = tail.replace(b'}, {"text": "w', b'},  {"text": "w')
    model = parse(head + b'"utterances": ' + tail)
    assert model.to_dict() == sent(body)
    assert model.utterances[1].words[0] is model.words[30]


def test_an_utterance_whose_words_differ_keeps_its_own() -> None:
    body = long_transcript_body()
    body["utterances"][2]["words"][0]["text"] = "different"
    model = parse(body)
    assert model.utterances[2].words[0].text == "different"
    assert model.words[60].text == "w60"
    assert model.utterances[3].words[0] is model.words[90]
    assert model.to_dict() == sent(body)


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["words"][7].update(channel="2"),  # an optional key
        lambda b: b["words"][7].update(future=[1, 2]),  # an unknown key
        lambda b: b["words"][7].update(text='a quote": inside'),  # the marker inside a value
        lambda b: b["utterances"][0]["words"][3].update(channel="1"),
        lambda b: b["utterances"][0].update(detail=word(99)),  # word-shaped, not a word
        lambda b: b.update(words=[]),
        lambda b: b.update(utterances=None),
        # What the text comparison of utterance words must not get wrong:
        lambda b: b["words"][3].update(text="a]b"),  # brackets and braces inside values
        lambda b: b["words"][3].update(text="{x}"),
        lambda b: b["utterances"][1].update(words=1),  # a number where a cut number would be
        lambda b: b["utterances"][1].update(detail={"words": [word(5)]}),  # a nested word list
        lambda b: b["utterances"][1].update({'x"words': [1]}),  # a key ending in "words
        lambda b: b["utterances"][0].update(text="words"),
        lambda b: b["utterances"].pop(0),  # utterances that do not start at the first word
        lambda b: b["utterances"][4]["words"].pop(),  # or that skip one
        lambda b: b["utterances"][4].update(words=[]),
        lambda b: b["utterances"].append({**b["utterances"][0], "words": [word(1)]}),
        lambda b: b["utterances"][2]["words"][0].update(note=word(7)),  # word-shaped, nested
        lambda b: b.update(after={"words": [1, 2]}),  # word lists after the utterances
    ],
)
def test_unusual_bodies_decode_exactly_as_sent(change: Any) -> None:
    body = long_transcript_body()
    change(body)
    assert parse(body).to_dict() == sent(body)


def test_a_word_without_a_required_field_reads_none_on_the_long_path() -> None:
    body = long_transcript_body()
    del body["words"][5]["confidence"]
    model = parse(body)
    assert model.words[5].confidence is None and model.words[5].text == body["words"][5]["text"]
    assert model == TranscriptResponse.from_dict(json.loads(json.dumps(body)))
    body = long_transcript_body()
    del body["utterances"][4]["words"][1]["end"]
    model = parse(body)
    assert model.utterances[4].words[1].end is None
    assert model.to_dict() == sent(body)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[:-100],  # cut short
        lambda raw: raw + b" {}",  # trailing data
        lambda raw: b"[" + raw + b"]",  # not an object
        lambda raw: raw.replace(b'"words"', b"words", 1),  # a bare key
        lambda raw: b"\xef\xbb\xbf" + raw,  # a byte-order mark, which json.loads accepts
    ],
)
def test_malformed_long_bodies_behave_as_with_json_loads(mangle: Any) -> None:
    raw = mangle(json.dumps(long_transcript_body()).encode())
    try:
        expected: Any = json.loads(raw)
    except ValueError as exc:
        with pytest.raises(type(exc)):
            decode_transcript(raw)
    else:
        assert decode_transcript(raw) == expected


def test_get_by_id_of_a_long_transcript_over_http() -> None:
    # The whole public path over loopback HTTP: the sandbox serves a long script; words,
    # utterances and their shared records come back as sent.
    words = [
        {"text": f"word{i}", "start": i * 300, "end": i * 300 + 250, "speaker": "AB"[i // 40 % 2]}
        for i in range(4000)
    ]
    url = "https://example.org/long.mp3"
    with FakeAssemblyAI(processing_time=0.01) as fake:
        fake.register_script(url, words=words, duration=1300)
        config = aai.TranscriptionConfig(speaker_labels=True)
        transcript = aai.Transcriber(config=config).transcribe(url)
        assert transcript.status == aai.TranscriptStatus.completed, transcript.error
        got = aai.Transcript.get_by_id(transcript.id)
        assert aai.Client.get_default().last_response is not None
        assert len(aai.Client.get_default().last_response.content) > 64 * 1024
    assert [w.text for w in got.words] == [w["text"] for w in words]
    assert got.utterances and got.utterances[0].words[0] is got.words[0]
    assert sum(len(u.words) for u in got.utterances) == len(words)


def test_overlapping_pauses_keep_the_collector_off_until_the_last_one_ends() -> None:
    from assemblyai._core.decoding import collection_paused

    big = 1 << 20
    assert gc.isenabled()
    with collection_paused(big):
        assert not gc.isenabled()
        with collection_paused(big):  # another thread's decode, overlapping
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first decode is still running
    assert gc.isenabled()
    with collection_paused(100):  # a polling answer: not worth a pause
        assert gc.isenabled()


def test_a_collector_the_application_turned_off_stays_off() -> None:
    from assemblyai._core.decoding import collection_paused

    gc.disable()
    try:
        with collection_paused(1 << 20):
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
