"""Fixtures of the differential suite: the official SDK's runner, the server, 0.45.4's shapes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .official import missing_reason, run_official
from .server import RecordingServer, recording_server


@pytest.fixture(scope="session")
def official() -> None:
    """Skips the test when the side venv with 0.45.4 is missing."""
    reason = missing_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def server() -> Iterator[RecordingServer]:
    with recording_server() as running:
        yield running


class Shapes(dict[str, Any]):
    """0.45.4's models (a short repr: hypothesis prints its test's arguments on failure)."""

    def __repr__(self) -> str:
        return f"<0.45.4's shapes of {len(self)} models>"


@pytest.fixture(scope="session")
def shapes(official: None) -> Shapes:
    """0.45.4's models: field -> type, and which fields it requires."""
    return Shapes(run_official({"mode": "shapes"}))


@pytest.fixture(scope="session")
def config_observed(
    server: RecordingServer, shapes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every config case under (ours, 0.45.4), by case id."""
    from .test_config import run_both

    return run_both(server, shapes)


@pytest.fixture(scope="session")
def calls_observed(server: RecordingServer, shapes: dict[str, Any]) -> dict[str, Any]:
    """Every public call under both SDKs: results and requests."""
    from .test_calls import run_both

    return run_both(server, shapes)
