"""v3 streaming: client construction, connect→Begin, chunk→Turn latency, disconnect time.

Config: ``api_host``, ``api_key``, ``chunks``, ``chunk_bytes``, ``constructions``. The server
answers every audio chunk with one Turn whose transcript names the bytes received so far.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

import _common
from _common import now

from assemblyai.streaming.v3 import (
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
)

cfg = _common.config()
options = StreamingClientOptions(api_key=cfg["api_key"], api_host=cfg["api_host"])

t0 = now()
client = StreamingClient(options)
construct_first = now() - t0
more: list[float] = []
for _ in range(cfg["constructions"]):
    t0 = now()
    StreamingClient(options)
    more.append(now() - t0)

began = threading.Event()
began_at: list[float] = []
terminated = threading.Event()
turns: queue.Queue[tuple[float, Any]] = queue.Queue()
errors: list[str] = []


def on_begin(_client: Any, event: Any) -> None:
    began_at.append(now())
    began.set()


def on_turn(_client: Any, event: Any) -> None:
    turns.put((now(), event))


def on_terminated(_client: Any, event: Any) -> None:
    terminated.set()


def on_error(_client: Any, error: Any) -> None:
    errors.append(repr(error))


client.on(StreamingEvents.Begin, on_begin)
client.on(StreamingEvents.Turn, on_turn)
client.on(StreamingEvents.Termination, on_terminated)
client.on(StreamingEvents.Error, on_error)

t0 = now()
client.connect(StreamingParameters(sample_rate=16_000))
if not began.wait(10):
    errors.append("no Begin within 10 s")
connect_to_begin = (began_at[0] if began_at else now()) - t0

chunk = (bytes(range(256)) * (cfg["chunk_bytes"] // 256 + 1))[: cfg["chunk_bytes"]]
latencies: list[float] = []
transcripts: list[str] = []
for i in range(cfg["chunks"]):
    t0 = now()
    client.stream(chunk)
    try:
        arrived, event = turns.get(timeout=10)
    except queue.Empty:
        errors.append(f"no Turn for chunk {i}")
        break
    latencies.append(arrived - t0)
    transcripts.append(event.transcript)

t0 = now()
client.disconnect(terminate=True)
disconnect_s = now() - t0
threads_left = [t.name for t in threading.enumerate() if t is not threading.main_thread()]

_common.emit(
    {
        "construct_first_s": construct_first,
        "construct_s": _common.median(more),
        "connect_to_begin_s": connect_to_begin,
        "chunk_to_turn_s": _common.median(latencies) if latencies else None,
        "disconnect_s": disconnect_s,
        "turns": len(transcripts),
        "transcripts": transcripts,
        "terminated": terminated.is_set(),
        "errors": errors,
        "threads_left": threads_left,
    }
)
