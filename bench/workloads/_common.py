"""Helpers for the workload scripts: standard library only, so they run in either SDK's venv.

A workload is started as ``<sdk venv python> bench/workloads/NAME.py '<json config>'`` in a
fresh process. It uses only the public API of ``assemblyai``, checks what it got, and prints
one line ``BENCH_RESULT {json}`` with its timings and the values the orchestrator checks.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

__all__ = [
    "config",
    "emit",
    "median",
    "now",
    "peak_rss_mb",
    "reset_peak_rss",
    "rss_mb",
    "sdk",
    "value",
]

now = time.perf_counter
_PAGE = os.sysconf("SC_PAGE_SIZE")


def config() -> dict[str, Any]:
    """The JSON config the orchestrator passes as the only argument."""
    loaded: dict[str, Any] = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    return loaded


def rss_mb() -> float:
    """Resident memory of this process now, in MiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE / 2**20


def reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark of resident memory (VmHWM); False if not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """The high-water mark of resident memory since start or the last reset, in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM missing from /proc/self/status")


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def sdk() -> dict[str, str]:
    """Which ``assemblyai`` this process runs (the orchestrator checks the path)."""
    import assemblyai

    return {"file": str(assemblyai.__file__), "version": str(assemblyai.__version__)}


def value(x: object) -> object:
    """An enum member's value, or the object itself (statuses are str enums in both SDKs)."""
    return getattr(x, "value", x)


def emit(result: dict[str, Any]) -> None:
    result = {**result, "sdk": sdk()}
    sys.stdout.write("BENCH_RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
