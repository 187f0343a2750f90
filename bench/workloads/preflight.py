"""Preflight: does this SDK reach the bench servers, and does it verify their certificate?

Run once with ``SSL_CERT_FILE`` naming the bench CA (both calls must work) and once without
(both must fail certificate verification), so the benchmark is known to measure real TLS.
Config: ``small_id``, ``api_host``, ``api_key``.
"""

from __future__ import annotations

import _common

import assemblyai as aai
from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions, StreamingParameters

cfg = _common.config()


def chain(exc: BaseException) -> str:
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(parts) < 8:
        parts.append(f"{type(seen).__name__}: {seen}")
        seen = seen.__cause__ or seen.__context__
    return " <- ".join(parts)


outcome: dict[str, str] = {}
try:
    transcript = aai.Transcript.get_by_id(cfg["small_id"])
    outcome["rest"] = f"ok {_common.value(transcript.status)}"
except Exception as exc:
    outcome["rest"] = "error " + chain(exc)

client = StreamingClient(StreamingClientOptions(api_key=cfg["api_key"], api_host=cfg["api_host"]))
try:
    client.connect(StreamingParameters(sample_rate=16_000))
    outcome["streaming"] = "ok"
    client.disconnect(terminate=True)
except Exception as exc:
    outcome["streaming"] = "error " + chain(exc)

_common.emit(outcome)
