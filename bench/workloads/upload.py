"""``Transcriber.upload_file(path)`` of a large file: time, throughput and peak memory growth.

Config: ``path``. The orchestrator checks the byte count and CRC-32 the server received.
"""

from __future__ import annotations

import gc
import os
import time

import _common
from _common import now

import assemblyai as aai

cfg = _common.config()
size = os.path.getsize(cfg["path"])
transcriber = aai.Transcriber()
gc.collect()
rss_before = _common.rss_mb()
exact_peak = _common.reset_peak_rss()
t0, c0 = now(), time.process_time()
upload_url = transcriber.upload_file(cfg["path"])
elapsed, cpu = now() - t0, time.process_time() - c0
peak = _common.peak_rss_mb()
_common.emit(
    {
        "upload_s": elapsed,
        "cpu_s": cpu,
        "throughput_mb_s": size / elapsed / 1e6,
        "peak_growth_mb": peak - rss_before,
        "peak_exact": exact_peak,
        "size": size,
        "upload_url": upload_url,
    }
)
