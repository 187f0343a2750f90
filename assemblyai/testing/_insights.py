"""Deterministic audio-intelligence results computed from a transcript's words.

Each function returns the JSON the API puts in the matching transcript field. The "models"
are small word lists and fixed rules, so results are reproducible and easy to predict in tests:

- entities: names from a first-name list (plus a following capitalised surname), places,
  weekdays and months, organisations, e-mail addresses, money amounts and digit runs;
- sentiment, per sentence: words from a positive and a negative list (the larger count wins);
- chapters: one per paragraph (see ``assemblyai._core.render``); summary: the first sentences;
- key phrases: repeated or long words and word pairs, ranked by count then first use;
- content safety and topics: keyword lists mapped to the API's labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from assemblyai._core import render as _render

__all__ = [
    "EntitySpan",
    "auto_highlights",
    "chapters",
    "content_safety",
    "detect_entities",
    "entities",
    "iab_categories",
    "sentiment_analysis",
    "summary",
]

Word = Mapping[str, Any]


def _set(text: str) -> frozenset[str]:
    # A word list in one string reads better than a column of literals.
    return frozenset(text.split())


_FIRST_NAMES = _set(
    "maria john alice bob sarah david james emma anna peter laura michael olivia lucas"
)
_PLACES = _set("berlin paris london tokyo madrid rome boston chicago toronto sydney")
_DATES = _set(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december"
)
_ORGANIZATIONS = _set("assemblyai google microsoft acme nasa unicef")
_POSITIVE = _set("good great happy well love excellent thanks welcome glad nice wonderful faster")
_NEGATIVE = _set("bad sad serious accident hurt problem terrible angry worse fail")
_STOPWORDS = _set(
    "the a an and or but to of in on for with at by from is are was were be been it this "
    "that we you they he she i our your their there here as about have has had do does "
    "did will would can could should need see into up out not no so if then than next"
)
_SAFETY = {
    "accident": "accidents",
    "accidents": "accidents",
    "crash": "accidents",
    "alcohol": "alcohol",
    "beer": "alcohol",
    "wine": "alcohol",
    "budget": "financials",
    "finance": "financials",
    "stocks": "financials",
    "crime": "crime_violence",
    "robbery": "crime_violence",
    "drugs": "drugs",
    "casino": "gambling",
    "hospital": "health_issues",
    "hurt": "health_issues",
    "flood": "disasters",
    "earthquake": "disasters",
    "gun": "weapons",
    "weapon": "weapons",
}
_SAFETY_CONFIDENCE = 0.9
_TOPICS = {
    "app": "Technology&Computing>Computing>ComputerSoftwareAndApplications",
    "mobile": "Technology&Computing>Consumer Electronics>Smartphones",
    "software": "Technology&Computing>Computing>ComputerSoftwareAndApplications",
    "budget": "BusinessAndFinance>Business>BusinessAccounting&Finance",
    "finance": "BusinessAndFinance>Business>BusinessAccounting&Finance",
    "customers": "BusinessAndFinance>Business>Sales",
    "launch": "BusinessAndFinance>Business>Startups",
    "weather": "Science>Weather",
    "training": "Careers>JobTraining",
    "safety": "Home&Garden>HomeSecurity",
    "event": "Events&Attractions",
    "warehouse": "BusinessAndFinance>Industries>LogisticsIndustry",
}


def _core(word: Word) -> str:
    return str(word["text"]).strip(".,;:!?\"'()[]").casefold()


def _timestamp(words: Sequence[Word]) -> dict[str, int]:
    return {"start": int(words[0]["start"]), "end": int(words[-1]["end"])}


@attrs.frozen
class EntitySpan:
    """Words ``first``..``last`` (inclusive, indexes into the words) form one entity."""

    first: int
    last: int
    entity_type: str


def _single_word_type(word: Word) -> str | None:
    text, core = str(word["text"]), _core(word)
    if "@" in core and "." in core:
        return "email_address"
    if text.startswith("$") and any(ch.isdigit() for ch in text):
        return "money_amount"
    if core.isdigit() and len(core) >= 3:
        return "number_sequence"
    if core in _PLACES:
        return "location"
    if core in _DATES and (core != "may" or text[:1].isupper()):
        return "date"
    if core in _ORGANIZATIONS:
        return "organization"
    return None


def detect_entities(words: Sequence[Word]) -> list[EntitySpan]:
    """Entity spans in ``words``, in order (the rules are in the module docstring)."""
    spans: list[EntitySpan] = []
    index = 0
    while index < len(words):
        word = words[index]
        if _core(word) in _FIRST_NAMES and str(word["text"])[:1].isupper():
            last = index
            following = index + 1
            if (
                following < len(words)
                and not _render.ends_sentence(str(word["text"]))
                and str(words[following]["text"])[:1].isupper()
                and _core(words[following]) not in _STOPWORDS
            ):
                last = following
            spans.append(EntitySpan(index, last, "person_name"))
            index = last
        else:
            kind = _single_word_type(word)
            if kind is not None:
                spans.append(EntitySpan(index, index, kind))
        index += 1
    return spans


def entities(words: Sequence[Word]) -> list[dict[str, Any]]:
    """The ``entities`` field (``entity_detection``)."""
    result = []
    for span in detect_entities(words):
        chunk = words[span.first : span.last + 1]
        text = " ".join(str(w["text"]) for w in chunk).strip(".,;:!?")
        result.append({"entity_type": span.entity_type, "text": text, **_timestamp(chunk)})
    return result


def sentiment_analysis(words: Sequence[Word]) -> list[dict[str, Any]]:
    """The ``sentiment_analysis_results`` field: one result per sentence."""
    results = []
    for sentence in _render.split_sentences(words):
        cores = [_core(w) for w in sentence["words"]]
        score = sum(c in _POSITIVE for c in cores) - sum(c in _NEGATIVE for c in cores)
        label = "POSITIVE" if score > 0 else "NEGATIVE" if score < 0 else "NEUTRAL"
        result = {
            "text": sentence["text"],
            "start": sentence["start"],
            "end": sentence["end"],
            "sentiment": label,
            "confidence": round(min(0.99, 0.6 + 0.1 * abs(score)), 4),
            "speaker": sentence["speaker"],
        }
        if "channel" in sentence:
            result["channel"] = sentence["channel"]
        results.append(result)
    return results


def chapters(words: Sequence[Word]) -> list[dict[str, Any]]:
    """The ``chapters`` field (``auto_chapters``): one chapter per paragraph."""
    result = []
    for paragraph in _render.split_paragraphs(words):
        sentences = _render.split_sentences(paragraph["words"])
        gist_words = [_core(w) for w in paragraph["words"] if _core(w) not in _STOPWORDS][:3]
        result.append(
            {
                "gist": " ".join(gist_words) or paragraph["text"][:30],
                "headline": sentences[0]["text"],
                "summary": " ".join(s["text"] for s in sentences[:2]),
                "start": paragraph["start"],
                "end": paragraph["end"],
            }
        )
    return result


def summary(words: Sequence[Word], summary_type: str) -> str:
    """The ``summary`` field (``summarization``), shaped by ``summary_type``."""
    sentences: list[str] = [s["text"] for s in _render.split_sentences(words)]
    if not sentences:
        return ""
    if summary_type == "gist":
        return " ".join(sentences[0].split()[:5]).rstrip(".,;:!?")
    if summary_type == "headline":
        return sentences[0]
    if summary_type == "paragraph":
        return " ".join(sentences[:3])
    count = 5 if summary_type == "bullets_verbose" else 3
    return "\n".join(f"- {s}" for s in sentences[:count])


def auto_highlights(words: Sequence[Word]) -> dict[str, Any]:
    """The ``auto_highlights_result`` field (``auto_highlights``): up to 10 key phrases."""
    occurrences: dict[str, list[tuple[int, int]]] = {}
    cores = [_core(w) for w in words]

    def useful(core: str) -> bool:
        return core.isalpha() and core not in _STOPWORDS and len(core) >= 3

    for index, core in enumerate(cores):
        if useful(core) and len(core) >= 6:
            occurrences.setdefault(core, []).append((index, index))
        if index + 1 < len(cores) and useful(core) and useful(cores[index + 1]):
            occurrences.setdefault(f"{core} {cores[index + 1]}", []).append((index, index + 1))
    ranked = sorted(occurrences.items(), key=lambda item: (-len(item[1]), item[1][0][0]))[:10]
    results = [
        {
            "count": len(spans),
            "rank": round(max(0.05, 0.9 - 0.08 * position), 2),
            "text": phrase,
            "timestamps": [_timestamp(words[a : b + 1]) for a, b in spans],
        }
        for position, (phrase, spans) in enumerate(ranked)
    ]
    return {"status": "success", "results": results}


def content_safety(words: Sequence[Word], threshold: int) -> dict[str, Any]:
    """The ``content_safety_labels`` field (``content_safety``).

    A sentence containing a listed keyword gets that keyword's label with confidence 0.9
    and severity 0.4; labels below ``threshold`` percent are dropped.
    """
    results = []
    totals: Counter[str] = Counter()
    for index, sentence in enumerate(_render.split_sentences(words)):
        found = sorted({_SAFETY[c] for c in map(_core, sentence["words"]) if c in _SAFETY})
        labels = [
            {"label": label, "confidence": _SAFETY_CONFIDENCE, "severity": 0.4}
            for label in found
            if threshold <= _SAFETY_CONFIDENCE * 100
        ]
        if labels:
            totals.update(found)
            results.append(
                {
                    "text": sentence["text"],
                    "labels": labels,
                    "sentences_idx_start": index,
                    "sentences_idx_end": index + 1,
                    "timestamp": {"start": sentence["start"], "end": sentence["end"]},
                }
            )
    top = max(totals.values(), default=1)
    return {
        "status": "success",
        "results": results,
        "summary": {label: round(count / top, 4) for label, count in totals.items()},
        "severity_score_summary": {
            label: {"low": 0.5, "medium": 0.5, "high": 0.0} for label in totals
        },
    }


def iab_categories(words: Sequence[Word]) -> dict[str, Any]:
    """The ``iab_categories_result`` field (``iab_categories``): topics per paragraph."""
    results = []
    totals: Counter[str] = Counter()
    for paragraph in _render.split_paragraphs(words):
        counts = Counter(_TOPICS[c] for c in map(_core, paragraph["words"]) if c in _TOPICS)
        if not counts:
            continue
        top = max(counts.values())
        labels = [
            {"relevance": round(count / top, 4), "label": label}
            for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        totals.update(counts)
        results.append(
            {
                "text": paragraph["text"],
                "labels": labels,
                "timestamp": {"start": paragraph["start"], "end": paragraph["end"]},
            }
        )
    top = max(totals.values(), default=1)
    return {
        "status": "success",
        "results": results,
        "summary": {label: round(count / top, 4) for label, count in totals.items()},
    }
