"""Fixtures of the 1.0 differential suite: 1.0.0's runner, the server, each mode run once."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import cases
from .official import missing_reason, run_official, run_ours
from .server import SubmitServingServer, recording_server

REALWORLD = Path(__file__).resolve().parents[2].parent / "shared" / "realworld"


@pytest.fixture(scope="session")
def official() -> None:
    """Skips the test when the side venv with 1.0.0 is missing (and says how to build it)."""
    reason = missing_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def server() -> Iterator[SubmitServingServer]:
    with recording_server() as running:
        yield running


@pytest.fixture(scope="session")
def shapes(official: None) -> dict[str, Any]:
    """1.0.0's models: field -> type, and which fields it requires."""
    result: dict[str, Any] = run_official({"mode": "shapes"})
    return result


def both(server: SubmitServingServer, request: dict[str, Any]) -> dict[str, Any]:
    """``request`` under 1.0.0, then ours: results and the requests each sent, per call."""
    server.reset()
    theirs = run_official({**request, "base_url": server.base_url})
    their_requests, their_log = server.by_call(), list(server.requests)
    server.reset()
    ours = run_ours({**request, "base_url": server.base_url})
    return {
        "theirs": theirs,
        "ours": ours,
        "their_requests": their_requests,
        "our_requests": server.by_call(),
        "their_log": their_log,
        "our_log": list(server.requests),
    }


@pytest.fixture(scope="session")
def config_observed(server: SubmitServingServer, official: None) -> dict[str, Any]:
    return both(server, {"mode": "config"})


@pytest.fixture(scope="session")
def calls_observed(server: SubmitServingServer, official: None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir:
        return both(server, {"mode": "calls", "calls": cases.CALLS, "workdir": workdir})


def read_cases(server: SubmitServingServer) -> list[dict[str, str]]:
    """Register every real-world body the read mode covers; the cases that read them."""
    out: list[dict[str, str]] = []
    for path in sorted((REALWORLD / "transcript").glob("*.json")):
        body = json.loads(path.read_text())
        if body.get("status") in ("completed", "error"):
            # Under its own id, as a program would fetch it (1.0's `id` is the id asked for).
            key = str(body.get("id") or path.stem)
            server.register("transcript", key, body)
            out.append({"kind": "transcript", "id": key, "file": path.name})
        else:  # get_by_id would wait for it forever: read it as a submission's answer
            url = f"https://example.org/{path.stem}.mp3"
            server.register("submit", url, body)
            out.append({"kind": "submitted", "id": url, "file": path.name})
    for kind, folder in (
        ("sentences", "sentences"),
        ("word_search", "word_search"),
        ("list", "transcript_list"),
    ):
        for path in sorted((REALWORLD / folder).glob("*.json")):
            server.register(kind, path.stem, json.loads(path.read_text()))
            out.append({"kind": kind, "id": path.stem, "file": path.name})
    return out


@pytest.fixture(scope="session")
def read_observed(
    server: SubmitServingServer, shapes: dict[str, Any]
) -> tuple[list[dict[str, str]], list[Any], list[Any]]:
    """(cases, 1.0.0's observations, ours) for every real-world body."""
    if not REALWORLD.is_dir():
        pytest.skip(f"the real-world payloads are not at {REALWORLD}")
    chosen = read_cases(server)
    request = {"mode": "read", "base_url": server.base_url, "cases": chosen, "shapes": shapes}
    return chosen, run_official(request), run_ours(request)
