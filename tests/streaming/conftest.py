"""Fixtures for the streaming tests: the fake server, and leak checks after every test."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from .server import FakeStreamingServer


def _socket_inodes() -> set[str]:
    fds = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            fds.add(target)
    return fds


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    """After each test: no new non-daemon thread, no SDK thread, no new open socket."""
    threads_before = set(threading.enumerate())
    linux = sys.platform.startswith("linux")
    sockets_before = _socket_inodes() if linux else set()
    yield
    deadline = time.monotonic() + 3.0
    while True:
        extra = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
        ours = [t for t in extra if t.name.startswith("assemblyai-")]
        non_daemon = [t for t in extra if not t.daemon]
        sockets = (_socket_inodes() - sockets_before) if linux else set()
        if not (ours or non_daemon or sockets) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not non_daemon, f"non-daemon threads left running: {non_daemon}"
    assert not ours, f"SDK threads left running: {ours}"
    assert not sockets, f"sockets left open: {sorted(sockets)}"


@pytest.fixture
def v3_server() -> Iterator[FakeStreamingServer]:
    """A v3 fake server; the test fails if the client sent anything the spec does not allow."""
    with FakeStreamingServer("v3") as server:
        yield server
    assert server.errors == [], "client traffic did not match spec/:\n" + "\n".join(server.errors)


@pytest.fixture
def v2_server() -> Iterator[FakeStreamingServer]:
    """A legacy v2 fake server, validating like :func:`v3_server`."""
    with FakeStreamingServer("v2") as server:
        yield server
    assert server.errors == [], "client traffic did not match spec/:\n" + "\n".join(server.errors)
