"""Deterministic transcript content: the words the sandbox "hears", and what the request's
options do to them (audio slice, punctuation, custom spelling, profanity filter, speakers,
channels, PII redaction).

Without a registered script the sandbox speaks :data:`PLACEHOLDER_TEXT` (our own text, written
to give every audio-intelligence option something to find), cycled to fill the audio at
:data:`WORDS_PER_SECOND`. Times are spread evenly: word ``i`` of ``n`` over ``d`` milliseconds
starts at ``i * d / n`` and lasts 85% of its slot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from assemblyai._core import render as _render
from assemblyai.testing._audio import AudioInfo
from assemblyai.testing._insights import detect_entities

__all__ = ["PLACEHOLDER_TEXT", "WORDS_PER_SECOND", "Script", "base_words", "spoken_words"]

PLACEHOLDER_TEXT = (
    "Welcome to the weekly planning call. "
    "Today we review the launch of the new mobile app in Berlin. "
    "Maria Lopez said the beta went well and customers are happy with the faster search. "
    "There was a serious accident in the warehouse on Monday, but nobody was hurt. "
    "We need to update the safety training before the end of the month. "
    "John Carter will send the budget to the finance team by Friday. "
    "The weather for the outdoor event in Paris looks great. "
    "Does anyone have questions about the schedule? "
    "Thanks everyone, see you next week."
)
"""What the sandbox transcribes when no script is registered for the audio."""

WORDS_PER_SECOND = 2.5
"""Speaking rate of the placeholder speech (150 words a minute)."""

_PROFANITY = frozenset({"damn", "hell", "crap", "shit", "fuck"})
_PUNCTUATION = ".,;:!?"


@attrs.frozen
class Script:
    """What the sandbox should "hear" in one piece of audio (see ``register_script``).

    Attributes:
        text: the spoken text; words are spread evenly over the audio.
        words: explicit words (``text`` and optionally ``start``, ``end``, ``confidence``,
            ``speaker``, ``channel``); missing times are spread evenly.
        speakers: with ``speaker_labels``: a number of speakers, or the label of each sentence
            in turn (cycled); by default sentences alternate between two speakers.
        duration: the audio's length in seconds, overriding what the upload suggests.
        language_code: what language detection reports (default ``"en"``).
        error: makes the transcript end with ``status: "error"`` and this message.
        processing_time: seconds from creation to completion for this audio.
    """

    text: str | None = None
    words: tuple[Mapping[str, Any], ...] | None = None
    speakers: int | tuple[str, ...] | None = None
    duration: float | None = None
    language_code: str | None = None
    error: str | None = None
    processing_time: float | None = None


def _confidence(index: int) -> float:
    # Varied but reproducible: 0.80 ... 0.99.
    return round(0.80 + 0.19 * ((index * 37) % 100) / 99, 4)


def _spread(texts: Sequence[str], duration_ms: int) -> list[dict[str, Any]]:
    count = max(1, len(texts))
    slot = duration_ms / count
    return [
        {
            "text": text,
            "start": round(index * slot),
            "end": round(index * slot + 0.85 * slot),
            "confidence": _confidence(index),
            "speaker": None,
        }
        for index, text in enumerate(texts)
    ]


def base_words(script: Script | None, audio: AudioInfo) -> tuple[list[dict[str, Any]], float]:
    """The words heard in the whole audio, and the audio's duration in seconds."""
    duration = script.duration if script and script.duration is not None else audio.duration
    duration_ms = max(1, round(duration * 1000))
    if script and script.words is not None:
        texts = [str(w["text"]) for w in script.words]
        spread = _spread(texts, duration_ms)
        words = []
        for given, default in zip(script.words, spread, strict=True):
            word = {
                **default,
                **{k: v for k, v in given.items() if v is not None or k == "speaker"},
            }
            word.setdefault("speaker", None)
            words.append(word)
        return words, duration
    if script and script.text is not None:
        return _spread(script.text.split(), duration_ms), duration
    placeholder = PLACEHOLDER_TEXT.split()
    count = max(1, round(duration * WORDS_PER_SECOND))
    texts = [placeholder[i % len(placeholder)] for i in range(count)]
    return _spread(texts, duration_ms), duration


def _strip_punctuation(text: str) -> str:
    stripped = text.strip(_PUNCTUATION)
    return stripped or text


def _respell(words: list[dict[str, Any]], rules: Sequence[Mapping[str, Any]]) -> None:
    """Apply ``custom_spelling``: each ``from`` word or phrase (case-insensitive) becomes ``to``."""
    replacements: list[tuple[tuple[str, ...], str]] = []
    for rule in rules:
        for source in rule.get("from", []):
            tokens = tuple(t.casefold() for t in str(source).split())
            if tokens:
                replacements.append((tokens, str(rule.get("to", ""))))
    replacements.sort(key=lambda item: -len(item[0]))  # longest phrase first
    index = 0
    while index < len(words):
        for tokens, target in replacements:
            window = words[index : index + len(tokens)]
            if len(window) == len(tokens) and all(
                _strip_punctuation(w["text"]).casefold() == t
                for w, t in zip(window, tokens, strict=True)
            ):
                tail = window[-1]["text"]
                suffix = tail[len(tail.rstrip(_PUNCTUATION)) :]
                window[0]["text"] = target + suffix
                window[0]["end"] = window[-1]["end"]
                del words[index + 1 : index + len(tokens)]
                break
        index += 1


def _mask_profanity(words: list[dict[str, Any]]) -> None:
    for word in words:
        core = _strip_punctuation(word["text"])
        if core.casefold() in _PROFANITY:
            word["text"] = word["text"].replace(core, core[0] + "*" * (len(core) - 1))


def _labels(script: Script | None, params: Mapping[str, Any]) -> list[str]:
    if script and isinstance(script.speakers, tuple) and script.speakers:
        return list(script.speakers)
    count = 2
    if script and isinstance(script.speakers, int):
        count = script.speakers
    elif isinstance(params.get("speakers_expected"), int):
        count = params["speakers_expected"]
    elif isinstance(params.get("speaker_options"), Mapping):
        count = int(params["speaker_options"].get("min_speakers_expected", 2) or 2)
    return [chr(ord("A") + i) for i in range(max(1, min(count, 26)))]


def _assign_by_sentence(words: list[dict[str, Any]], key: str, labels: Sequence[str]) -> None:
    """Label each word that has no ``key`` yet with its sentence's label (cycled)."""
    sentence = 0
    for word in words:
        if word.get(key) is None:
            word[key] = labels[sentence % len(labels)]
        if _render.ends_sentence(word["text"]):
            sentence += 1


def _redact(words: list[dict[str, Any]], params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Replace the words of detected PII entities (``redact_pii``) as ``redact_pii_sub`` says."""
    policies = set(params.get("redact_pii_policies") or [])
    substitution = params.get("redact_pii_sub") or "hash"
    spans = [
        span for span in detect_entities(words) if not policies or span.entity_type in policies
    ]
    redacted = [dict(w) for w in words]
    # Work from the end so earlier indexes stay valid when entity_name merges words.
    for span in sorted(spans, key=lambda s: -s.first):
        first, last = redacted[span.first], redacted[span.last]
        suffix = last["text"][len(last["text"].rstrip(_PUNCTUATION)) :]
        if substitution == "entity_name":
            first["text"] = f"[{span.entity_type.upper()}]{suffix}"
            first["end"] = last["end"]
            del redacted[span.first + 1 : span.last + 1]
        else:
            for word in redacted[span.first : span.last + 1]:
                core = word["text"].rstrip(_PUNCTUATION)
                word["text"] = "#" * len(core) + word["text"][len(core) :]
    return redacted


def spoken_words(
    params: Mapping[str, Any], script: Script | None, audio: AudioInfo
) -> tuple[list[dict[str, Any]], float, int]:
    """The final words for a transcript request, its duration (s) and its channel count."""
    words, duration = base_words(script, audio)
    start_from, end_at = params.get("audio_start_from"), params.get("audio_end_at")
    if isinstance(start_from, int) or isinstance(end_at, int):
        low = start_from if isinstance(start_from, int) else 0
        high = end_at if isinstance(end_at, int) else float("inf")
        words = [w for w in words if w["start"] >= low and w["end"] <= high]
    if params.get("punctuate") is False:
        words = [{**w, "text": _strip_punctuation(w["text"])} for w in words]
    if params.get("format_text") is False:
        words = [{**w, "text": w["text"].lower()} for w in words]
    if params.get("custom_spelling"):
        _respell(words, params["custom_spelling"])
    if params.get("filter_profanity"):
        _mask_profanity(words)
    channels = 1
    if params.get("multichannel"):
        channels = max(2, audio.channels)
        _assign_by_sentence(words, "channel", [str(c + 1) for c in range(channels)])
    if params.get("speaker_labels"):
        _assign_by_sentence(words, "speaker", _labels(script, params))
    else:
        for word in words:
            word["speaker"] = None
    if params.get("redact_pii"):
        words = _redact(words, params)
    return words, duration, channels
