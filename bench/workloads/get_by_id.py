"""``Transcript.get_by_id`` of the 3-hour transcript, iterating every word, and memory growth.

Config: ``big_id``, ``small_id`` (fetched first, to warm the connection and the code paths),
``body_path`` (the exact bytes the server sends, for the ``json.loads`` reference). Also
measured, as the floor any SDK could reach: a plain ``httpx`` GET of the same URL plus
``json.loads``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from typing import Any

import _common
import httpx
from _common import now

import assemblyai as aai

cfg = _common.config()

# Warm up: the same call on a small transcript (connection, lazily loaded code).
warm = aai.Transcript.get_by_id(cfg["small_id"])
assert _common.value(warm.status) == "completed", warm.status

# Reference: json.loads of the very same body, best of three, in this process.
with open(cfg["body_path"], "rb") as f:
    body = f.read()
loads: list[float] = []
for _ in range(3):
    t0 = now()
    parsed = json.loads(body)
    loads.append(now() - t0)
    del parsed
del body

# Floor: what fetching and parsing the body costs with httpx and json.loads alone (best of
# three, on a warm connection).
floors: list[float] = []
with httpx.Client(
    base_url=os.environ["ASSEMBLYAI_BASE_URL"],
    headers={"Authorization": os.environ["ASSEMBLYAI_API_KEY"]},
) as http:
    http.get(f"/v2/transcript/{cfg['small_id']}").raise_for_status()
    for _ in range(3):
        t0 = now()
        parsed = json.loads(http.get(f"/v2/transcript/{cfg['big_id']}").content)
        floors.append(now() - t0)
        del parsed
gc.collect()

rss_before = _common.rss_mb()
t0 = now()
# Any: the script runs against both SDKs, whose type hints differ.
transcript: Any = aai.Transcript.get_by_id(cfg["big_id"])
t1 = now()
texts: list[str] = []
starts = 0
for word in transcript.words:
    texts.append(word.text)
    starts += word.start
    touched = (word.end, word.confidence, word.speaker)
t2 = now()
gc.collect()
rss_after_words = _common.rss_mb()

# Checks (not timed): everything the fixture holds is there and right.
utterances = transcript.utterances
highlights = transcript.auto_highlights
result = {
    "get_by_id_s": t1 - t0,
    "iterate_words_s": t2 - t1,
    "total_s": t2 - t0,
    "json_loads_s": min(loads),
    "httpx_get_and_loads_s": min(floors),
    "rss_growth_mb": rss_after_words - rss_before,
    "status": _common.value(transcript.status),
    "words": len(texts),
    "word_checksum": hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16] + f":{starts}",
    "utterances": len(utterances),
    "utterance_words": sum(len(u.words) for u in utterances),
    "sentiments": len(transcript.sentiment_analysis),
    "entities": len(transcript.entities),
    "chapters": len(transcript.chapters),
    "highlights": len(highlights.results),
    "text_length": len(transcript.text),
}
gc.collect()
result["rss_growth_all_mb"] = _common.rss_mb() - rss_before
_common.emit(result)
