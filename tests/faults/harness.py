"""Helpers shared by the fault matrix and the unit tests that talk to a loopback server."""

from __future__ import annotations

import gc
import os
import threading
import time
from pathlib import Path
from typing import Any

import assemblyai as aai

__all__ = ["API_KEY", "LeakCheck", "make_settings", "open_fds", "write_audio"]

API_KEY = "test-key-4f1c9a7e2b"  # a fake key, asserted never to leave the API host


# --- leak checks ---------------------------------------------------------------------------


def open_fds() -> set[int]:
    """The file descriptors open in this process (sockets included)."""
    return {int(name) for name in os.listdir("/proc/self/fd")}


def _describe_fds(fds: set[int]) -> list[str]:
    described = []
    for fd in sorted(fds):
        try:
            described.append(f"{fd} -> {os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            described.append(f"{fd} (closed while listing)")
    return described


class LeakCheck:
    """Threads and file descriptors before a test, compared with after it."""

    def __init__(self) -> None:
        gc.collect()
        self.threads = set(threading.enumerate())
        self.fds = open_fds()

    def assert_clean(self) -> None:
        # Objects held only by reference cycles (tracebacks holding frames) close on collection.
        deadline = time.monotonic() + 2.0
        while True:
            gc.collect()
            threads = [t for t in threading.enumerate() if t not in self.threads and t.is_alive()]
            fds = open_fds() - self.fds
            if (not threads and not fds) or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        assert not threads, f"threads left behind: {[t.name for t in threads]}"
        assert not fds, f"file descriptors left open: {_describe_fds(fds)}"


def make_settings(base_url: str, **overrides: Any) -> aai.Settings:
    """Settings for one scenario: tiny backoffs and short timeouts, so each runs in < 1 s."""
    values: dict[str, Any] = {
        "api_key": API_KEY,
        "base_url": base_url,
        "max_retries": 2,
        "retry_backoff": 0.01,
        "http_timeout": 2.0,
        "polling_interval": 0.05,
        "upload_timeout": 5.0,
    }
    values.update(overrides)
    return aai.Settings(**values)


def write_audio(tmp_path: Path, size: int, name: str = "audio.wav") -> Path:
    """A file of ``size`` bytes whose content encodes positions (so truncation shows)."""
    path = tmp_path / name
    block = bytes(range(256)) * 4096  # 1 MiB
    with path.open("wb") as handle:
        remaining = size
        while remaining > 0:
            handle.write(block[:remaining])
            remaining -= len(block)
    return path
