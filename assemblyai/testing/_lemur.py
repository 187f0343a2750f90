"""Deterministic LeMUR answers derived from the source text.

No model runs: a task or summary answer is built from the first sentences, action items from
sentences that announce work ("need", "will", "should", "must"), and a question is answered
with the option (or sentence) that shares the most words with the source.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from typing import Any

from assemblyai._core import render as _render

__all__ = ["action_items", "answer_questions", "request_details", "summary", "task", "usage"]

_ACTION_WORDS = frozenset({"need", "needs", "will", "should", "must", "todo", "let's"})


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _set(
    "a an the is are was were be to of in on for and or what who when where why how "
    "does do did which with about from by at it this that there"
)


def _sentences(texts: Sequence[str]) -> list[str]:
    sentences: list[str] = []
    for text in texts:
        words = [{"text": t, "start": 0, "end": 0, "confidence": 1.0} for t in text.split()]
        sentences += [s["text"] for s in _render.split_sentences(words)]
    return sentences


def _tokens(text: str) -> set[str]:
    cleaned = (t.strip(".,;:!?\"'()").casefold() for t in text.split())
    return {t for t in cleaned if t and t not in _STOPWORDS}


def _wants_bullets(answer_format: object) -> bool:
    return isinstance(answer_format, str) and "bullet" in answer_format.casefold()


def task(texts: Sequence[str], prompt: str) -> str:
    """The answer to a custom prompt: the sentences that share most words with it."""
    sentences = _sentences(texts)
    if not sentences:
        return "There is no content to work with."
    wanted = _tokens(prompt)
    ranked = sorted(sentences, key=lambda s: -len(wanted & _tokens(s)))
    chosen = [s for s in sentences if s in ranked[:2]]
    return " ".join(chosen)


def summary(texts: Sequence[str], answer_format: object = None) -> str:
    """A summary: the first three sentences (as bullets when the format asks for them)."""
    sentences = _sentences(texts)[:3]
    if _wants_bullets(answer_format):
        return "\n".join(f"- {s}" for s in sentences)
    return " ".join(sentences)


def action_items(texts: Sequence[str], answer_format: object = None) -> str:
    """Action items: sentences that announce work, as bullets by default."""
    sentences = _sentences(texts)
    items = [s for s in sentences if _ACTION_WORDS & {t.casefold() for t in s.split()}]
    items = items or sentences[:1]
    if answer_format is None or _wants_bullets(answer_format):
        return "\n".join(f"- {s}" for s in items)
    return " ".join(items)


def answer_questions(
    texts: Sequence[str], questions: Sequence[Mapping[str, Any]]
) -> list[dict[str, str]]:
    """One ``{"question", "answer"}`` per question.

    With ``answer_options`` the answer is the option sharing the most words with the source
    (the first such option on a tie); otherwise it is the source sentence sharing the most
    words with the question.
    """
    sentences = _sentences(texts)
    source = set().union(*(_tokens(s) for s in sentences)) if sentences else set()
    answers = []
    for question in questions:
        text = str(question.get("question", ""))
        options = [str(o) for o in question.get("answer_options") or []]
        if options:
            answer = max(options, key=lambda o: (len(_tokens(o) & source), -options.index(o)))
        elif sentences:
            wanted = _tokens(text)
            answer = max(sentences, key=lambda s: (len(wanted & _tokens(s)), -sentences.index(s)))
        else:
            answer = "The source has no content to answer from."
        answers.append({"question": text, "answer": answer})
    return answers


def usage(inputs: Sequence[str], output: str) -> dict[str, int]:
    """Token counts in the ``usage`` shape: about 1.3 tokens per word, as English text has."""

    def tokens(text: str) -> int:
        return math.ceil(len(text.split()) * 1.3)

    return {"input_tokens": sum(tokens(t) for t in inputs), "output_tokens": tokens(output)}


_ECHOED = ("transcript_ids", "input_text", "questions", "prompt", "context", "answer_format")


def request_details(path: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """What the API echoes of a request under ``request`` when its result is fetched again."""
    details: dict[str, Any] = {
        "request_endpoint": path,
        "temperature": body.get("temperature", 0.0),
        "final_model": body.get("final_model", "default"),
        "max_output_size": body.get("max_output_size", 2000),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="microseconds"),
    }
    details.update((key, body[key]) for key in _ECHOED if body.get(key) is not None)
    return details
