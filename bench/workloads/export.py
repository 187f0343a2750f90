"""Per-call overhead of ``export_subtitles_srt()`` and ``get_sentences()`` on a short transcript.

Config: ``small_id``, ``calls``, ``srt`` (expected text), ``sentences`` (expected texts).
"""

from __future__ import annotations

import _common
from _common import now

import assemblyai as aai

cfg = _common.config()
transcript = aai.Transcript.get_by_id(cfg["small_id"])
errors: list[str] = []


def srt() -> float:
    t0 = now()
    text = transcript.export_subtitles_srt()
    elapsed = now() - t0
    if text != cfg["srt"]:
        errors.append(f"srt: {text[:80]!r}")
    return elapsed


def sentences() -> float:
    t0 = now()
    got = transcript.get_sentences()
    elapsed = now() - t0
    texts = [s.text for s in got]
    if texts != cfg["sentences"] or sum(len(s.words) for s in got) != cfg["sentence_words"]:
        errors.append(f"sentences: {texts!r}")
    return elapsed


srt()
sentences()
srt_times = [srt() for _ in range(cfg["calls"])]
sentence_times = [sentences() for _ in range(cfg["calls"])]
_common.emit(
    {
        "srt_per_call_s": _common.median(srt_times),
        "sentences_per_call_s": _common.median(sentence_times),
        "calls": cfg["calls"],
        "errors": errors,
    }
)
