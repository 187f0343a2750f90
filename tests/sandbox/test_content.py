"""Deterministic content: scripts, placeholder speech, and every audio-intelligence option."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from assemblyai.testing import PLACEHOLDER_TEXT, FakeAssemblyAI
from assemblyai.testing._audio import make_wav

from .conftest import ManualClock, finished

FEATURE_FIELDS = {
    "speaker_labels": "utterances",
    "auto_chapters": "chapters",
    "summarization": "summary",
    "sentiment_analysis": "sentiment_analysis_results",
    "entity_detection": "entities",
    "auto_highlights": "auto_highlights_result",
    "content_safety": "content_safety_labels",
    "iab_categories": "iab_categories_result",
}


def test_placeholder_speech_fills_the_audio(client: httpx.Client, clock: ManualClock) -> None:
    body = finished(client, clock)
    words = body["words"]
    assert len(words) == 75  # 30 s at 2.5 words a second
    placeholder = PLACEHOLDER_TEXT.split()
    assert [w["text"] for w in words] == [placeholder[i % len(placeholder)] for i in range(75)]
    assert body["text"] == " ".join(w["text"] for w in words)
    assert all(w["speaker"] is None and "channel" not in w for w in words)
    starts = [w["start"] for w in words]
    assert starts == sorted(starts) and words[-1]["end"] <= 30_000
    assert 0.8 <= body["confidence"] <= 0.99
    assert body == finished(client, clock) | {"id": body["id"]}  # deterministic


def test_unrequested_features_are_null(client: httpx.Client, clock: ManualClock) -> None:
    body = finished(client, clock)
    for field in FEATURE_FIELDS.values():
        assert body[field] is None, field
    assert body["language_confidence"] is None
    assert body["speech_model"] is None
    assert body["language_model"] == body["acoustic_model"] == "assemblyai_default"
    assert body["language_code"] == "en_us" and body["punctuate"] is True


@pytest.mark.parametrize("option", sorted(FEATURE_FIELDS))
def test_each_requested_feature_is_present(
    client: httpx.Client, clock: ManualClock, option: str
) -> None:
    body = finished(client, clock, **{option: True})
    field = FEATURE_FIELDS[option]
    assert body[field], field
    assert body[option] is True
    others = {f for o, f in FEATURE_FIELDS.items() if o != option}
    assert all(body[f] is None for f in others)


def test_wav_upload_duration_and_scripts_by_bytes(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    audio = make_wav(4.0)
    url = client.post("/v2/upload", content=audio).json()["upload_url"]
    body = finished(client, clock, audio_url=url)
    assert body["audio_duration"] == 4 and len(body["words"]) == 10
    fake.register_script(audio, text="Bytes are matched. By hash.")
    body = finished(client, clock, audio_url=url)
    assert body["text"] == "Bytes are matched. By hash."
    assert body["words"][0] == {
        "text": "Bytes",
        "start": 0,
        "end": 680,
        "confidence": 0.8,
        "speaker": None,
    }
    other = client.post("/v2/upload", content=b"\x00" * 48_000).json()["upload_url"]
    assert finished(client, clock, audio_url=other)["audio_duration"] == 3  # size estimate


def test_scripts_by_path_and_name(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.wav"
    path.write_bytes(make_wav(2.0))
    fake.register_script(path, text="From a file.", duration=10)
    url = client.post("/v2/upload", content=path.read_bytes()).json()["upload_url"]
    body = finished(client, clock, audio_url=url)
    assert body["text"] == "From a file." and body["audio_duration"] == 10
    named = finished(client, clock, audio_url="https://cdn.example.com/2024/meeting.wav?sig=1")
    assert named["text"] == "From a file."
    fake.register_script(path, text="Newer wins.")
    assert finished(client, clock, audio_url=url)["text"] == "Newer wins."


def test_explicit_words(client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI) -> None:
    words = [
        {"text": "Hi", "start": 100, "end": 300, "confidence": 0.5, "speaker": "X"},
        {"text": "there.", "start": 300, "end": 700},
    ]
    fake.register_script("https://example.com/w.mp3", words=words, duration=1.0)
    plain = finished(client, clock, audio_url="https://example.com/w.mp3")
    assert [(w["text"], w["start"], w["end"], w["speaker"]) for w in plain["words"]] == [
        ("Hi", 100, 300, None),
        ("there.", 300, 700, None),
    ]
    labelled = finished(client, clock, audio_url="https://example.com/w.mp3", speaker_labels=True)
    assert [w["speaker"] for w in labelled["words"]] == ["X", "A"]
    with pytest.raises(ValueError, match="not both"):
        fake.register_script("x", text="a", words=words)


def test_speaker_labels_make_utterances(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    fake.register_script("https://example.com/d.mp3", text="Hello there. Hi! How are you? Fine.")
    body = finished(client, clock, audio_url="https://example.com/d.mp3", speaker_labels=True)
    assert [(u["speaker"], u["text"]) for u in body["utterances"]] == [
        ("A", "Hello there."),
        ("B", "Hi!"),
        ("A", "How are you?"),
        ("B", "Fine."),
    ]
    assert body["utterances"][0]["words"] == body["words"][:2]
    three = finished(
        client,
        clock,
        audio_url="https://example.com/d.mp3",
        speaker_labels=True,
        speakers_expected=3,
    )
    assert [u["speaker"] for u in three["utterances"]] == ["A", "B", "C", "A"]
    fake.register_script(
        "https://example.com/d.mp3", text="One. Two. Three.", speakers=["Host", "Guest"]
    )
    named = finished(client, clock, audio_url="https://example.com/d.mp3", speaker_labels=True)
    assert [u["speaker"] for u in named["utterances"]] == ["Host", "Guest", "Host"]
    sentences = client.get(f"/v2/transcript/{named['id']}/sentences").json()["sentences"]
    assert [s["speaker"] for s in sentences] == ["Host", "Guest", "Host"]


def test_multichannel(client: httpx.Client, clock: ManualClock) -> None:
    body = finished(client, clock, multichannel=True)
    assert body["audio_channels"] == 2
    assert {w["channel"] for w in body["words"]} == {"1", "2"}


def test_text_options(client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.com/t.mp3", text="Call Decarlo now, damn it. Okay?")
    url = "https://example.com/t.mp3"
    spelled = finished(
        client, clock, audio_url=url, custom_spelling=[{"from": ["decarlo"], "to": "DiCarlo"}]
    )
    assert spelled["text"] == "Call DiCarlo now, damn it. Okay?"
    phrase = finished(
        client, clock, audio_url=url, custom_spelling=[{"from": ["call decarlo"], "to": "Ring"}]
    )
    assert phrase["text"] == "Ring now, damn it. Okay?"
    assert phrase["custom_spelling"] == [{"from": ["call decarlo"], "to": "Ring"}]
    assert (
        finished(client, clock, audio_url=url, filter_profanity=True)["text"]
        == "Call Decarlo now, d*** it. Okay?"
    )
    assert (
        finished(client, clock, audio_url=url, punctuate=False)["text"]
        == "Call Decarlo now damn it Okay"
    )
    assert (
        finished(client, clock, audio_url=url, format_text=False)["text"]
        == "call decarlo now, damn it. okay?"
    )
    sliced = finished(client, clock, audio_url=url, audio_start_from=5000, audio_end_at=20000)
    assert all(w["start"] >= 5000 and w["end"] <= 20000 for w in sliced["words"])
    assert sliced["audio_start_from"] == 5000


def test_pii_redaction(client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.com/p.mp3", text="Maria Lopez flew to Berlin on Monday.")
    url = "https://example.com/p.mp3"
    hashed = finished(
        client,
        clock,
        audio_url=url,
        redact_pii=True,
        redact_pii_policies=["person_name", "location"],
    )
    assert hashed["text"] == "##### ##### flew to ###### on Monday."
    assert hashed["redact_pii_policies"] == ["person_name", "location"]
    named = finished(
        client,
        clock,
        audio_url=url,
        redact_pii=True,
        redact_pii_policies=["person_name", "date"],
        redact_pii_sub="entity_name",
    )
    assert named["text"] == "[PERSON_NAME] flew to Berlin on [DATE]."
    assert named["redact_pii_sub"] == "entity_name"


def test_entities_sentiment_and_safety(client: httpx.Client, clock: ManualClock) -> None:
    body = finished(
        client,
        clock,
        entity_detection=True,
        sentiment_analysis=True,
        content_safety=True,
        iab_categories=True,
    )
    entities = {(e["entity_type"], e["text"]) for e in body["entities"]}
    assert {("location", "Berlin"), ("person_name", "Maria Lopez"), ("date", "Monday")} <= entities
    sentiments = {s["text"]: s["sentiment"] for s in body["sentiment_analysis_results"]}
    assert sentiments["Welcome to the weekly planning call."] == "POSITIVE"
    assert (
        sentiments["There was a serious accident in the warehouse on Monday, but nobody was hurt."]
        == "NEGATIVE"
    )
    assert all(s["speaker"] is None for s in body["sentiment_analysis_results"])
    safety = body["content_safety_labels"]
    assert safety["status"] == "success"
    assert {label["label"] for r in safety["results"] for label in r["labels"]} >= {
        "accidents",
        "financials",
    }
    assert set(safety["summary"]) == set(safety["severity_score_summary"])
    topics = body["iab_categories_result"]
    assert "Science>Weather" in topics["summary"] and max(topics["summary"].values()) == 1.0
    strict = finished(client, clock, content_safety=True, content_safety_confidence=95)
    assert strict["content_safety_labels"]["results"] == []


def test_chapters_summary_and_highlights(client: httpx.Client, clock: ManualClock) -> None:
    chapters = finished(client, clock, auto_chapters=True)["chapters"]
    assert chapters[0]["headline"] == "Welcome to the weekly planning call."
    assert chapters[0]["start"] == 0 and all(c["start"] < c["end"] for c in chapters)
    expected = {
        "bullets": "- Welcome to the weekly planning call.\n- Today we review",
        "gist": "Welcome to the weekly planning",
        "headline": "Welcome to the weekly planning call.",
        "paragraph": "Welcome to the weekly planning call. Today we review",
    }
    for summary_type, start in expected.items():
        body = finished(client, clock, summarization=True, summary_type=summary_type)
        assert body["summary"].startswith(start)
        assert body["summary_type"] == summary_type and body["summary_model"] == "informative"
    highlights = finished(client, clock, auto_highlights=True)["auto_highlights_result"]
    ranks = [r["rank"] for r in highlights["results"]]
    assert ranks == sorted(ranks, reverse=True) and len(ranks) <= 10
    assert all(r["count"] == len(r["timestamps"]) for r in highlights["results"])


def test_language_detection(client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI) -> None:
    body = finished(client, clock, language_detection=True)
    assert body["language_code"] == "en" and body["language_confidence"] == 0.9876
    fake.register_script("https://example.com/es.mp3", text="Hola.", language_code="es")
    spanish = finished(
        client, clock, audio_url="https://example.com/es.mp3", language_detection=True
    )
    assert spanish["language_code"] == "es"


def test_request_options_are_echoed(client: httpx.Client, clock: ManualClock) -> None:
    options: dict[str, Any] = {
        "speech_model": "slam-1",
        "language_code": "de",
        "webhook_url": "https://example.com/hook",
        "webhook_auth_header_name": "X-Secret",
        "webhook_auth_header_value": "s3cret",
        "keyterms_prompt": ["AssemblyAI"],
        "speech_threshold": 0.5,
    }
    body = finished(client, clock, **options)
    assert body["speech_model"] == "slam-1" and body["language_code"] == "de"
    assert body["webhook_url"] == "https://example.com/hook" and body["webhook_auth"] is True
    assert body["webhook_auth_header_name"] == "X-Secret"
    assert "webhook_auth_header_value" not in body  # the secret is never echoed
    assert body["keyterms_prompt"] == ["AssemblyAI"] and body["speech_threshold"] == 0.5


def test_fake_transcript_accessor(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    body = finished(client, clock)
    assert fake.transcript(body["id"]) == body
    assert fake.transcript_ids == [body["id"]]
    with pytest.raises(KeyError):
        fake.transcript("nope")
    url = fake.add_upload(make_wav(1.0))
    assert finished(client, clock, audio_url=url)["audio_duration"] == 1
