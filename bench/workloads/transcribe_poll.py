"""``Transcriber.transcribe(url)`` repeatedly, with a small polling interval.

Config: ``url_template`` (``{i}`` is replaced; its query says how many GETs until done),
``calls``, ``polling_interval``. The first call is a warm-up and is not timed.

The client's overhead is measured as the CPU time this process spends per call
(``time.process_time``): wall time would also count the server's work and the sleeps. Each
SDK call is followed by the same protocol made with plain ``httpx`` (POST, then GET until
completed, sleeping the same interval), the floor any SDK built on httpx could reach.
"""

from __future__ import annotations

import os
import time

import _common
import httpx
from _common import now

import assemblyai as aai

cfg = _common.config()
interval = cfg["polling_interval"]
aai.settings.polling_interval = interval
transcriber = aai.Transcriber()

bad: list[str] = []


def run(i: int) -> tuple[float, float]:
    url = cfg["url_template"].format(i=i)
    t0, c0 = now(), time.process_time()
    transcript = transcriber.transcribe(url)
    elapsed, cpu = now() - t0, time.process_time() - c0
    if _common.value(transcript.status) != "completed":
        bad.append(f"call {i}: status {transcript.status!r}")
    elif transcript.text != f"Transcript of {url}.":
        bad.append(f"call {i}: text {transcript.text!r}")
    elif not transcript.id:
        bad.append(f"call {i}: no id")
    return elapsed, cpu


http = httpx.Client(
    base_url=os.environ["ASSEMBLYAI_BASE_URL"],
    headers={"Authorization": os.environ["ASSEMBLYAI_API_KEY"]},
)


def floor(i: int) -> float:
    """The same protocol with plain httpx and json: the CPU time any httpx-based SDK needs."""
    url = cfg["url_template"].format(i=f"floor-{i}")
    c0 = time.process_time()
    body = http.post("/v2/transcript", json={"audio_url": url}).json()
    while body["status"] not in ("completed", "error"):
        time.sleep(interval)
        body = http.get(f"/v2/transcript/{body['id']}").json()
    cpu = time.process_time() - c0
    if body["text"] != f"Transcript of {url}.":
        bad.append(f"floor call {i}: text {body['text']!r}")
    return cpu


run(0)
floor(0)
measured: list[tuple[float, float]] = []
floor_cpu: list[float] = []
for i in range(1, cfg["calls"] + 1):  # interleaved, so drifting background load hits both
    measured.append(run(i))
    floor_cpu.append(floor(i))
http.close()

_common.emit(
    {
        "calls": len(measured),
        "per_call_s": sum(m[0] for m in measured) / len(measured),
        "cpu_per_call_s": sum(m[1] for m in measured) / len(measured),
        "floor_cpu_per_call_s": sum(floor_cpu) / len(floor_cpu),
        "errors": bad,
    }
)
