"""Deterministic data for the benchmark: the 3-hour transcript, small transcripts, the upload file.

Everything here is derived from fixed seeds, so every run (and every machine) serves the same
bytes, and the expected answers the workloads are checked against are computed from the same
generator rather than written down by hand.
"""

from __future__ import annotations

import hashlib
import json
import random
import zlib
from pathlib import Path
from typing import Any

__all__ = [
    "BIG_TRANSCRIPT_ID",
    "SMALL_TRANSCRIPT_ID",
    "UPLOAD_BLOCK",
    "UPLOAD_SIZE",
    "big_transcript",
    "dump",
    "expected_big",
    "small_sentences",
    "small_srt",
    "small_transcript",
    "text_for_audio_url",
    "transcript_for",
    "word_checksum",
    "write_upload_file",
]

BIG_TRANSCRIPT_ID = "bench-3h-transcript"
SMALL_TRANSCRIPT_ID = "bench-small-transcript"

# A 3-hour recording: 30,000 words in 1,500 utterances of four speakers.
_DURATION_MS = 3 * 60 * 60 * 1000
_WORDS = 30_000
_UTTERANCES = 1_500
_SENTENCE_WORDS = 15  # sentiment results are per sentence: 2,000 of them
_ENTITIES = 1_000
_HIGHLIGHTS = 100
_CHAPTERS = 18  # one per 10 minutes
_SPEAKERS = "ABCD"
_ENTITY_TYPES = (
    "person_name",
    "location",
    "organization",
    "date",
    "money_amount",
    "occupation",
    "nationality",
)
_SENTIMENTS = ("POSITIVE", "NEUTRAL", "NEGATIVE")

UPLOAD_BLOCK = 1 << 20
UPLOAD_SIZE = 300 * UPLOAD_BLOCK  # 300 MiB

_VOCABULARY_SEED = 20_250_512


def _vocabulary(rng: random.Random, size: int = 4_000) -> list[str]:
    letters = "etaoinshrdlcumwfgypbvkjxqz"
    weights = [26 - i for i in range(26)]
    words: set[str] = set()
    while len(words) < size:
        length = rng.choice((2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 11))
        words.add("".join(rng.choices(letters, weights=weights, k=length)))
    return sorted(words)


def _metadata(transcript_id: str, audio_url: str, status: str) -> dict[str, Any]:
    """The keys a real completed transcript carries besides its content (most of them null).

    Shaped like the bodies the real API sent (../shared/realworld/transcript/), not like its
    description: `language_confidence`, `language_confidence_threshold`, `speech_model` and the
    content-safety `severity_score_summary` are absent although the description requires them,
    and `word_boost`/`boost_param`, which it does not declare, are present. Both SDKs must read
    such bodies, so the benchmark measures them on what they meet in practice.
    """
    return {
        "id": transcript_id,
        "language_model": "assemblyai_default",
        "acoustic_model": "assemblyai_default",
        "language_code": "en_us",
        "language_detection": False,
        "status": status,
        "audio_url": audio_url,
        "punctuate": True,
        "format_text": True,
        "dual_channel": None,
        "multichannel": None,
        "audio_channels": None,
        "webhook_url": None,
        "webhook_status_code": None,
        "webhook_auth": False,
        "webhook_auth_header_name": None,
        "speed_boost": False,
        "auto_highlights": False,
        "auto_highlights_result": None,
        "audio_start_from": None,
        "audio_end_at": None,
        "word_boost": [],
        "boost_param": None,
        "filter_profanity": False,
        "redact_pii": False,
        "redact_pii_audio": False,
        "redact_pii_audio_quality": None,
        "redact_pii_policies": None,
        "redact_pii_sub": None,
        "speaker_labels": False,
        "speakers_expected": None,
        "content_safety": False,
        "content_safety_labels": {
            "status": "unavailable",
            "results": [],
            "summary": {},
        },
        "iab_categories": False,
        "iab_categories_result": {"status": "unavailable", "results": [], "summary": {}},
        "custom_spelling": None,
        "keyterms_prompt": None,
        "prompt": None,
        "disfluencies": False,
        "auto_chapters": False,
        "chapters": None,
        "summarization": False,
        "summary_type": None,
        "summary_model": None,
        "summary": None,
        "custom_topics": False,
        "topics": [],
        "sentiment_analysis": False,
        "sentiment_analysis_results": None,
        "entity_detection": False,
        "entities": None,
        "speech_threshold": None,
        "throttled": None,
        "error": None,
        "text": None,
        "words": None,
        "utterances": None,
        "confidence": None,
        "audio_duration": None,
    }


def big_transcript() -> dict[str, Any]:
    """The 3-hour transcript with speakers, sentiment, entities, highlights and chapters."""
    rng = random.Random(_VOCABULARY_SEED)
    vocabulary = _vocabulary(rng)
    step = _DURATION_MS // _WORDS  # 360 ms per word
    words: list[dict[str, Any]] = []
    per_utterance = _WORDS // _UTTERANCES
    for i in range(_WORDS):
        text = rng.choice(vocabulary)
        if i % _SENTENCE_WORDS == 0:
            text = text.capitalize()
        if i % _SENTENCE_WORDS == _SENTENCE_WORDS - 1:
            text += "."
        start = i * step + rng.randrange(0, 40)
        words.append(
            {
                "text": text,
                "start": start,
                "end": start + rng.randrange(120, 320),
                "confidence": round(rng.uniform(0.55, 0.9999), 5),
                "speaker": _SPEAKERS[(i // per_utterance) % len(_SPEAKERS)],
            }
        )

    def span(chunk: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "text": " ".join(w["text"] for w in chunk),
            "start": chunk[0]["start"],
            "end": chunk[-1]["end"],
            "confidence": round(sum(w["confidence"] for w in chunk) / len(chunk), 5),
        }

    utterances = []
    for u in range(_UTTERANCES):
        chunk = words[u * per_utterance : (u + 1) * per_utterance]
        utterances.append({**span(chunk), "speaker": chunk[0]["speaker"], "words": chunk})

    sentiments = []
    for s in range(_WORDS // _SENTENCE_WORDS):
        chunk = words[s * _SENTENCE_WORDS : (s + 1) * _SENTENCE_WORDS]
        sentiments.append(
            {**span(chunk), "sentiment": rng.choice(_SENTIMENTS), "speaker": chunk[0]["speaker"]}
        )

    entities = []
    for e in range(_ENTITIES):
        first = rng.randrange(0, _WORDS - 3)
        chunk = words[first : first + rng.randrange(1, 4)]
        entities.append(
            {
                "entity_type": _ENTITY_TYPES[e % len(_ENTITY_TYPES)],
                "text": " ".join(w["text"] for w in chunk),
                "start": chunk[0]["start"],
                "end": chunk[-1]["end"],
            }
        )

    highlights = []
    for h in range(_HIGHLIGHTS):
        phrase = f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}"
        stamps = sorted(rng.sample(range(0, _DURATION_MS, 1000), k=rng.randrange(1, 12)))
        highlights.append(
            {
                "count": len(stamps),
                "rank": round(1.0 - h / (_HIGHLIGHTS * 1.1), 3),
                "text": phrase,
                "timestamps": [{"start": t, "end": t + 700} for t in stamps],
            }
        )

    chapter_ms = _DURATION_MS // _CHAPTERS
    chapters = []
    for c in range(_CHAPTERS):
        gist = " ".join(rng.choices(vocabulary, k=3))
        chapters.append(
            {
                "gist": gist,
                "headline": " ".join(rng.choices(vocabulary, k=10)),
                "summary": " ".join(rng.choices(vocabulary, k=60)),
                "start": c * chapter_ms,
                "end": (c + 1) * chapter_ms - 1,
            }
        )

    body = _metadata(BIG_TRANSCRIPT_ID, "https://audio.bench.invalid/meeting-3h.mp3", "completed")
    body.update(
        {
            "speaker_labels": True,
            "auto_highlights": True,
            "auto_highlights_result": {"status": "success", "results": highlights},
            "auto_chapters": True,
            "chapters": chapters,
            "sentiment_analysis": True,
            "sentiment_analysis_results": sentiments,
            "entity_detection": True,
            "entities": entities,
            "text": " ".join(w["text"] for w in words),
            "words": words,
            "utterances": utterances,
            "confidence": round(sum(w["confidence"] for w in words) / len(words), 6),
            "audio_duration": _DURATION_MS // 1000,
        }
    )
    return body


def word_checksum(texts: list[str], starts_sum: int) -> str:
    """What a workload reports for the words it iterated: a digest of texts and start times."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    return f"{digest}:{starts_sum}"


def expected_big(body: dict[str, Any]) -> dict[str, Any]:
    """The answers the get_by_id workload must report for :func:`big_transcript`."""
    words = body["words"]
    return {
        "status": "completed",
        "words": len(words),
        "word_checksum": word_checksum([w["text"] for w in words], sum(w["start"] for w in words)),
        "utterances": len(body["utterances"]),
        "utterance_words": sum(len(u["words"]) for u in body["utterances"]),
        "sentiments": len(body["sentiment_analysis_results"]),
        "entities": len(body["entities"]),
        "chapters": len(body["chapters"]),
        "highlights": len(body["auto_highlights_result"]["results"]),
        "text_length": len(body["text"]),
    }


def text_for_audio_url(audio_url: str) -> str:
    """The transcript text the server gives every transcript it creates, derived from the URL."""
    return f"Transcript of {audio_url}."


def transcript_for(transcript_id: str, audio_url: str, status: str) -> dict[str, Any]:
    """A small transcript (queued, processing or completed) for ``audio_url``."""
    body = _metadata(transcript_id, audio_url, status)
    if status == "completed":
        text = text_for_audio_url(audio_url)
        words = [
            {"text": w, "start": 100 + 400 * i, "end": 400 + 400 * i, "confidence": 0.97}
            for i, w in enumerate(text.split())
        ]
        body.update(
            {
                "text": text,
                "words": [{**w, "speaker": None} for w in words],
                "utterances": None,
                "confidence": 0.97,
                "audio_duration": 3,
            }
        )
    return body


_SMALL_SENTENCES = (
    "Good morning everyone and welcome to the weekly planning meeting.",
    "First we will look at what shipped last week.",
    "Then we will go through the open questions one by one.",
    "Please keep your updates short so that we finish on time.",
    "Let us start with the platform team.",
)


def _small_words() -> list[dict[str, Any]]:
    words = []
    t = 0
    for sentence in _SMALL_SENTENCES:
        for w in sentence.split():
            words.append(
                {"text": w, "start": t, "end": t + 300, "confidence": 0.95, "speaker": "A"}
            )
            t += 350
        t += 400
    return words


def small_transcript() -> dict[str, Any]:
    """A short completed transcript, the one SRT export and sentences are fetched for."""
    body = _metadata(SMALL_TRANSCRIPT_ID, "https://audio.bench.invalid/standup.mp3", "completed")
    words = _small_words()
    body.update(
        {
            "speaker_labels": True,
            "text": " ".join(_SMALL_SENTENCES),
            "words": words,
            "confidence": 0.95,
            "audio_duration": words[-1]["end"] // 1000 + 1,
        }
    )
    return body


def small_sentences() -> dict[str, Any]:
    """``GET /v2/transcript/{id}/sentences`` for :func:`small_transcript`."""
    words = _small_words()
    sentences = []
    i = 0
    for sentence in _SMALL_SENTENCES:
        n = len(sentence.split())
        chunk = words[i : i + n]
        i += n
        sentences.append(
            {
                "text": sentence,
                "start": chunk[0]["start"],
                "end": chunk[-1]["end"],
                "confidence": 0.95,
                "speaker": "A",
                "channel": None,
                "words": chunk,
            }
        )
    return {
        "id": SMALL_TRANSCRIPT_ID,
        "confidence": 0.95,
        "audio_duration": words[-1]["end"] // 1000 + 1,
        "sentences": sentences,
    }


def _srt_time(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def small_srt() -> str:
    """``GET /v2/transcript/{id}/srt`` for :func:`small_transcript` (one caption per sentence)."""
    blocks = []
    for n, sentence in enumerate(small_sentences()["sentences"], start=1):
        blocks.append(
            f"{n}\n{_srt_time(sentence['start'])} --> {_srt_time(sentence['end'])}\n"
            f"{sentence['text']}\n"
        )
    return "\n".join(blocks)


def write_upload_file(path: Path) -> int:
    """Write the 300 MiB upload file (unless it is already there) and return its CRC-32.

    Each 1 MiB block is the same random block with its index in the first 8 bytes, so a
    dropped, repeated or reordered block changes the checksum.
    """
    base = bytearray(random.Random(7).randbytes(UPLOAD_BLOCK))
    blocks = UPLOAD_SIZE // UPLOAD_BLOCK
    crc = 0
    for i in range(blocks):
        base[:8] = i.to_bytes(8, "little")
        crc = zlib.crc32(base, crc)
    marker = path.with_suffix(".crc32")
    if (
        path.exists()
        and path.stat().st_size == UPLOAD_SIZE
        and marker.exists()
        and marker.read_text().strip() == str(crc)
    ):
        return crc
    with path.open("wb") as out:
        for i in range(blocks):
            base[:8] = i.to_bytes(8, "little")
            out.write(base)
    marker.write_text(str(crc))
    return crc


def dump(body: object) -> bytes:
    """JSON as the API sends it: compact, UTF-8."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
