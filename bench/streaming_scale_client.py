"""The client side of the streaming scale benchmark: N concurrent ``AsyncStreamingClient``
sessions in one process and one event loop, each streaming audio in real time.

Runs under either SDK (ours, or the official 1.0.0 in its side venv): standard library plus
the public ``assemblyai.streaming.v3`` names both have. Reads its configuration as JSON on
stdin and prints one ``SCALE_RESULT {json}`` line.

Each session connects (at most ``connect_concurrency`` handshakes at a time), waits until
every session is connected, then sends a ``chunk_ms`` chunk of 16 kHz PCM every ``chunk_ms``
milliseconds for ``seconds``, at a phase of its own so the sessions do not all send at once.
The sandbox hears a word per ``ms_per_word`` of audio and answers each with a ``Turn`` whose
last word is that one (a sentence's end adds a final copy, which reports no new word), so
the chunk that completed word k is known from the Turn; chunk→Turn latency is the time from
the call to ``stream()`` with that chunk to the Turn handler running. A Turn that fits no
chunk sent counts as a mismatch, a word never reported as missing. Memory per session is the
growth of the resident set from before the sessions were created (after one warm-up session
had loaded everything) to its peak while they streamed, divided by the number of sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import random
import resource
import sys
import time
from typing import Any

from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
)

RATE = 16_000


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Session:
    def __init__(self, config: dict[str, Any], index: int) -> None:
        self.config = config
        self.index = index
        self.sent_at: list[float] = []
        self.turns: list[tuple[float, Any]] = []
        self.errors: list[str] = []
        self.connect_s = 0.0
        self.all_turns = asyncio.Event()
        self.expected = int(config["seconds"] * 1000) // config["ms_per_word"]
        self.client = AsyncStreamingClient(
            StreamingClientOptions(api_host=config["host"], api_key=config["api_key"])
        )
        self.client.on(StreamingEvents.Turn, self.on_turn)
        self.client.on(StreamingEvents.Error, self.on_error)

    def on_turn(self, _client: Any, event: Any) -> None:
        self.turns.append((time.perf_counter(), event))
        words = getattr(event, "words", None) or []
        last = self.config["ms_per_word"] * (self.expected - 1)
        if words and isinstance(words[-1].start, int) and words[-1].start >= last:
            self.all_turns.set()

    def on_error(self, _client: Any, error: Any) -> None:
        self.errors.append(str(error))

    async def connect(self, gate: asyncio.Semaphore) -> None:
        async with gate:
            started = time.perf_counter()
            await self.client.connect(StreamingParameters(sample_rate=RATE))
            self.connect_s = time.perf_counter() - started

    async def stream(self, start: float) -> None:
        loop = asyncio.get_running_loop()
        chunk_ms = self.config["chunk_ms"]
        chunk = bytes(RATE * chunk_ms // 1000 * 2)
        count = int(self.config["seconds"] * 1000) // chunk_ms
        due = start + random.Random(self.index).uniform(0, chunk_ms / 1000)
        for _ in range(count):
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self.sent_at.append(time.perf_counter())
            await self.client.stream(chunk)
            due += chunk_ms / 1000
        # A Turn that never comes is reported as missing.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_turns.wait(), self.config["turn_timeout"])
        await self.client.disconnect(terminate=True)

    def latencies(self) -> tuple[list[float], int, int]:
        """Chunk→Turn latencies in ms (one per word, from the first Turn that reports it), the
        number of Turns that fit no chunk sent, and the number of words reported."""
        ms_per_word = self.config["ms_per_word"]
        per_word = ms_per_word // self.config["chunk_ms"]
        seen: set[int] = set()
        out: list[float] = []
        wrong = 0
        for at, event in self.turns:
            words = getattr(event, "words", None) or []
            start = words[-1].start if words else None
            if not isinstance(start, int) or start % ms_per_word:
                wrong += 1
                continue
            word = start // ms_per_word
            if word in seen:
                continue  # the final copy of a turn, or the flush at Terminate: no new word
            seen.add(word)
            chunk = (word + 1) * per_word - 1
            if chunk >= len(self.sent_at) or at < self.sent_at[chunk]:
                wrong += 1  # a word the client had not sent yet
                continue
            out.append((at - self.sent_at[chunk]) * 1000)
        return out, wrong, len(seen)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def main(config: dict[str, Any]) -> dict[str, Any]:
    gate = asyncio.Semaphore(config["connect_concurrency"])
    # Warm-up: one short session loads every module and lazy table before the baseline.
    warm = Session({**config, "seconds": config["ms_per_word"] / 1000}, -1)
    await warm.connect(gate)
    await warm.stream(asyncio.get_running_loop().time())
    del warm
    gc.collect()
    baseline = rss_kib()
    peak = baseline
    cpu0, wall0 = time.process_time(), time.perf_counter()
    sessions = [Session(config, i) for i in range(config["sessions"])]
    connect_results = await asyncio.gather(
        *(s.connect(gate) for s in sessions), return_exceptions=True
    )
    connect_failures = [repr(r) for r in connect_results if isinstance(r, BaseException)]
    live = [
        s
        for s, r in zip(sessions, connect_results, strict=True)
        if not isinstance(r, BaseException)
    ]
    connected_wall = time.perf_counter() - wall0
    peak = max(peak, rss_kib())

    async def sample_memory() -> None:
        nonlocal peak
        while True:
            await asyncio.sleep(0.25)
            peak = max(peak, rss_kib())

    sampler = asyncio.create_task(sample_memory())
    start = asyncio.get_running_loop().time() + 0.1
    stream_wall0 = time.perf_counter()
    await asyncio.gather(*(s.stream(start) for s in live), return_exceptions=True)
    stream_wall = time.perf_counter() - stream_wall0
    sampler.cancel()
    cpu = time.process_time() - cpu0
    latencies: list[float] = []
    mismatches = missing = 0
    errors: list[str] = []
    for s in live:
        values, wrong, words = s.latencies()
        latencies.extend(values)
        mismatches += wrong
        missing += max(0, s.expected - words)
        errors.extend(s.errors)
    connects = [s.connect_s * 1000 for s in live]
    return {
        "sessions": config["sessions"],
        "connected": len(live),
        "connect_failures": connect_failures[:5],
        "connect_ms": {"p50": percentile(connects, 50), "p95": percentile(connects, 95)},
        "connect_all_s": connected_wall,
        "turns": len(latencies),  # one per word reported
        "turns_expected": sum(s.expected for s in sessions),
        "missing_turns": missing,
        "mismatched_turns": mismatches,
        "errors": errors[:5],
        "error_count": len(errors),
        "latency_ms": {
            q: percentile(latencies, v) for q, v in (("p50", 50), ("p95", 95), ("p99", 99))
        }
        | {"max": max(latencies) if latencies else None},
        "rss_baseline_kib": baseline,
        "rss_peak_kib": peak,
        "kib_per_session": (peak - baseline) / max(1, config["sessions"]),
        "cpu_s": cpu,
        "stream_wall_s": stream_wall,
        "cpu_share": cpu / (connected_wall + stream_wall),
    }


if __name__ == "__main__":
    import assemblyai

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    settings = json.load(sys.stdin)
    result = asyncio.run(main(settings))
    result["sdk_path"] = os.path.dirname(assemblyai.__file__)
    result["sdk_version"] = getattr(assemblyai, "__version__", "?")
    print("SCALE_RESULT " + json.dumps(result), flush=True)
