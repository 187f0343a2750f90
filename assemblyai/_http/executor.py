"""The one thread pool behind the 0.45.4-style ``*_async`` methods.

0.45.4 made a ``ThreadPoolExecutor`` per ``Transcript``, ``TranscriptGroup`` and ``Lemur``, so
a program holding many of them held many idle threads. All of ours share a single bounded
pool, created on first use; a ``Transcriber(max_workers=N)`` still gets a pool of its own, as
its signature promises.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

__all__ = ["SHARED_POOL_SIZE", "default_worker_count", "fanout_executor", "shared_executor"]

SHARED_POOL_SIZE = 8

_lock = threading.Lock()
_pools: dict[str, ThreadPoolExecutor] = {}


def _after_fork_in_child() -> None:
    # A forked child inherits the pools but none of their threads: work submitted there would
    # wait forever. It starts with no pools (made again on first use) and a fresh lock.
    global _lock
    _lock = threading.Lock()
    _pools.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def _pool(name: str) -> ThreadPoolExecutor:
    with _lock:
        pool = _pools.get(name)
        if pool is None:
            pool = ThreadPoolExecutor(
                max_workers=SHARED_POOL_SIZE, thread_name_prefix=f"assemblyai-{name}"
            )
            _pools[name] = pool
        return pool


def shared_executor() -> ThreadPoolExecutor:
    """The pool that runs the ``*_async`` methods (at most 8 threads, made lazily)."""
    return _pool("async")


def fanout_executor() -> ThreadPoolExecutor:
    """The pool for one call's parallel parts (a group's uploads and polls).

    It is separate from :func:`shared_executor` because an ``*_async`` task may fan out and
    wait: sharing one pool would let eight such tasks wait forever on work with no thread
    left to run it. Tasks on this pool never submit work themselves.
    """
    return _pool("fanout")


def default_worker_count() -> int:
    """0.45.4's default for ``Transcriber(max_workers=None)``: one fewer than the CPUs."""
    return max(1, (os.cpu_count() or 2) - 1)
