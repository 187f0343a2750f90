"""The audio-intelligence examples of the official 0.45.4 README, run against the sandbox.

Each test is one README example, in our own words but with the same calls and the same
attribute accesses (``content_safety.summary.items()``, ``severity_score_summary.items()``,
``iab_categories.summary.items()``...). Where the README prints, these collect the lines and
check they say something. They run against the real-shaped sandbox: a program written from
the README must work on what the API really sends (``--assemblyai-responses=spec`` runs them
against the spec-shaped one instead). The sandbox's placeholder speech mentions
Maria Lopez, Berlin, an accident, a budget, etc., so every feature has something to find.
"""

from __future__ import annotations

from pathlib import Path

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

AUDIO = "https://example.org/audio.mp3"
SANDBOX_RESPONSES = ("real",)


def test_pii_redaction(fake: FakeAssemblyAI, tmp_path: Path) -> None:
    config = aai.TranscriptionConfig()
    config.set_redact_pii(
        policies=[
            aai.PIIRedactionPolicy.credit_card_number,
            aai.PIIRedactionPolicy.email_address,
            aai.PIIRedactionPolicy.location,
            aai.PIIRedactionPolicy.person_name,
            aai.PIIRedactionPolicy.phone_number,
        ],
        substitution=aai.PIISubstitutionPolicy.hash,
    )
    transcript = aai.Transcriber().transcribe(AUDIO, config)
    assert transcript.status == aai.TranscriptStatus.completed
    assert "Maria Lopez" not in (transcript.text or "")

    beeped = aai.Transcriber().transcribe(
        AUDIO,
        config=aai.TranscriptionConfig(
            redact_pii=True,
            redact_pii_policies=[aai.PIIRedactionPolicy.person_name],
            redact_pii_audio=True,
        ),
    )
    redacted_url = beeped.get_redacted_audio_url()
    target = tmp_path / "redacted_audio.mp3"
    beeped.save_redacted_audio(str(target))
    assert redacted_url.startswith("http") and target.stat().st_size > 0


def test_auto_chapters(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(
        AUDIO, config=aai.TranscriptionConfig(auto_chapters=True)
    )
    lines = []
    for chapter in transcript.chapters:
        lines.append(f"Summary: {chapter.summary}")
        lines.append(f"Start: {chapter.start}, End: {chapter.end}")
        lines.append(f"Headline: {chapter.headline}")
        lines.append(f"Gist: {chapter.gist}")
    assert lines and all(isinstance(c.start, int) for c in transcript.chapters)


def test_summarization(fake: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    transcript = transcriber.transcribe(AUDIO, config=aai.TranscriptionConfig(summarization=True))
    assert transcript.summary

    headline = transcriber.transcribe(
        AUDIO,
        config=aai.TranscriptionConfig(
            summarization=True,
            summary_model=aai.SummarizationModel.catchy,
            summary_type=aai.SummarizationType.headline,
        ),
    )
    assert headline.summary and "\n" not in headline.summary


def test_content_safety(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(
        AUDIO, config=aai.TranscriptionConfig(content_safety=True)
    )
    lines = []
    for result in transcript.content_safety.results:
        lines.append(result.text)
        lines.append(f"{result.timestamp.start} {result.timestamp.end}")
        for label in result.labels:
            lines.append(f"{label.label} {label.confidence} {label.severity}")
    assert any("accident" in line for line in lines)

    summary = [
        f"{confidence * 100}% confident that the audio contains {label}"
        for label, confidence in transcript.content_safety.summary.items()
    ]
    severities = []
    for label, severity in transcript.content_safety.severity_score_summary.items():
        severities.append(f"{severity.low * 100}% low-severity {label}")
        severities.append(f"{severity.medium * 100}% mid-severity {label}")
        severities.append(f"{severity.high * 100}% high-severity {label}")
    assert summary and len(severities) == 3 * len(summary)

    stricter = aai.TranscriptionConfig(content_safety=True, content_safety_confidence=80)
    assert aai.Transcriber().transcribe(AUDIO, config=stricter).content_safety is not None


def test_sentiment_analysis(fake: FakeAssemblyAI) -> None:
    transcriber = aai.Transcriber()
    transcript = transcriber.transcribe(
        AUDIO, config=aai.TranscriptionConfig(sentiment_analysis=True)
    )
    lines = []
    for sentiment_result in transcript.sentiment_analysis:
        lines.append(sentiment_result.text)
        lines.append(str(sentiment_result.sentiment))
        lines.append(f"{sentiment_result.confidence}")
        lines.append(f"Timestamp: {sentiment_result.start} - {sentiment_result.end}")
    kinds = {r.sentiment for r in transcript.sentiment_analysis}
    assert lines and aai.SentimentType.positive in kinds and aai.SentimentType.negative in kinds

    with_speakers = transcriber.transcribe(
        AUDIO, config=aai.TranscriptionConfig(sentiment_analysis=True, speaker_labels=True)
    )
    assert {r.speaker for r in with_speakers.sentiment_analysis} <= {"A", "B"}


def test_entity_detection(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(
        AUDIO, config=aai.TranscriptionConfig(entity_detection=True)
    )
    lines = []
    for entity in transcript.entities:
        lines.append(entity.text)
        lines.append(str(entity.entity_type))
        lines.append(f"Timestamp: {entity.start} - {entity.end}")
    found = {(e.text, e.entity_type) for e in transcript.entities}
    assert ("Maria Lopez", aai.EntityType.person_name) in found
    assert ("Berlin", aai.EntityType.location) in found


def test_topic_detection(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(
        AUDIO, config=aai.TranscriptionConfig(iab_categories=True)
    )
    lines = []
    for result in transcript.iab_categories.results:
        lines.append(result.text)
        lines.append(f"Timestamp: {result.timestamp.start} - {result.timestamp.end}")
        for label in result.labels:
            lines.append(f"{label.label} {label.relevance}")
    topics = [
        f"Audio is {relevance * 100}% relevant to {label}"
        for label, relevance in transcript.iab_categories.summary.items()
    ]
    assert lines and topics


def test_key_phrases(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(
        AUDIO, config=aai.TranscriptionConfig(auto_highlights=True)
    )
    lines = []
    for result in transcript.auto_highlights.results:
        lines.append(f"{result.text} {result.rank} {result.count}")
        for timestamp in result.timestamps:
            lines.append(f"Timestamp: {timestamp.start} - {timestamp.end}")
    assert lines and transcript.auto_highlights.results[0].count >= 1


def test_speaker_labels(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(
        AUDIO, config=aai.TranscriptionConfig(speaker_labels=True)
    )
    lines = [f"Speaker {u.speaker}: {u.text}" for u in transcript.utterances]
    assert lines and {u.speaker for u in transcript.utterances} == {"A", "B"}


def test_exports_search_sentences_and_paragraphs(fake: FakeAssemblyAI) -> None:
    transcript = aai.Transcriber().transcribe(AUDIO)
    assert transcript.export_subtitles_srt().startswith("1\n")
    assert transcript.export_subtitles_vtt().startswith("WEBVTT")

    sentences = [sentence.text for sentence in transcript.get_sentences()]
    paragraphs = [paragraph.text for paragraph in transcript.get_paragraphs()]
    assert sentences[0] == "Welcome to the weekly planning call." and paragraphs

    matches = transcript.word_search(["budget", "Berlin"])
    found = [f"Found '{match.text}' {match.count} times in the transcript" for match in matches]
    assert {m.text.lower() for m in matches} == {"budget", "berlin"} and found
