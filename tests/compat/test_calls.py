"""The same public calls, made by both SDKs against one recording server, send the same
requests (method, path, query, JSON body) and return the same values."""

from __future__ import annotations

import tempfile
from typing import Any

import pytest

from . import driver
from .differences import DIFFERENT_CALLS, comparable_request
from .official import run_official, run_ours
from .server import RecordingServer, pretty
from .streaming import streaming_servers, trusting


def _run(
    server: RecordingServer, runner: Any, shapes: dict[str, Any], hosts: dict[str, str]
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    server.reset()
    with tempfile.TemporaryDirectory() as workdir:
        request = {"mode": "calls", "base_url": server.base_url, "cases": driver.CALLS}
        results = runner({**request, "workdir": workdir, "shapes": shapes, "hosts": hosts})
    return results, server.by_call()


def run_both(server: RecordingServer, shapes: dict[str, Any]) -> dict[str, Any]:
    with streaming_servers(server) as streaming, trusting(streaming.ca_file):
        hosts = {"token_host": streaming.token_host, "ws_host": streaming.ws_host}
        ours, ours_requests = _run(server, run_ours, {**shapes}, hosts)
        theirs, their_requests = _run(server, run_official, {**shapes}, hosts)
    return {
        "ours": ours,
        "theirs": theirs,
        "ours_requests": ours_requests,
        "their_requests": their_requests,
    }


# 0.45.4 runs a group's members on threads and collects them as they finish.
UNORDERED = {"transcribe_group"}


COMPARED = [name for name in driver.CALLS if name not in DIFFERENT_CALLS]


@pytest.mark.parametrize("name", COMPARED)
def test_same_requests(calls_observed: dict[str, Any], name: str) -> None:
    both = calls_observed
    ours = [comparable_request(r) for r in both["ours_requests"].get(name, [])]
    theirs = [comparable_request(r) for r in both["their_requests"].get(name, [])]
    if name in UNORDERED:
        ours, theirs = sorted(ours, key=repr), sorted(theirs, key=repr)
    assert ours == theirs, (
        f"{name}: requests differ\n ours:\n  "
        + "\n  ".join(pretty(ours))
        + "\n 0.45.4:\n  "
        + "\n  ".join(pretty(theirs))
    )


@pytest.mark.parametrize("name", COMPARED)
def test_same_results(calls_observed: dict[str, Any], name: str) -> None:
    both = calls_observed
    assert both["ours"][name] == both["theirs"][name]
