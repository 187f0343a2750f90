"""``Transcriber.transcribe_group`` of many URLs: wall time, threads left alive, order.

Config: ``url_template`` (``{i}`` replaced), ``count``, ``polling_interval``. The orchestrator
adds the TCP connections the server accepted during the run.
"""

from __future__ import annotations

import threading

import _common
from _common import now

import assemblyai as aai

cfg = _common.config()
aai.settings.polling_interval = cfg["polling_interval"]
urls = [cfg["url_template"].format(i=i) for i in range(cfg["count"])]
transcriber = aai.Transcriber()
threads_before = threading.active_count()
t0 = now()
group = transcriber.transcribe_group(urls)
elapsed = now() - t0
threads_after = threading.active_count()

transcripts = list(group)
got = [t.audio_url for t in transcripts]
errors = [
    f"{t.audio_url}: status {t.status!r}, text {t.text!r}"
    for t in transcripts
    if _common.value(t.status) != "completed" or t.text != f"Transcript of {t.audio_url}."
]
_common.emit(
    {
        "wall_s": elapsed,
        "threads_alive_after": threads_after - 1,
        "threads_started": threads_after - threads_before,
        "results": len(transcripts),
        "same_set": sorted(got) == sorted(urls),
        "in_input_order": got == urls,
        "errors": errors,
    }
)
