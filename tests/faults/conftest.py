"""Fixtures for the fault matrix, and the ``fault matrix: N scenarios, N ok`` summary line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import LeakCheck
from .server import ScriptedServer


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[LeakCheck]:
    """Every fault test leaves no thread and no socket behind (checked after its teardown)."""
    check = LeakCheck()
    yield check
    check.assert_clean()


# --- servers and clients -------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer("127.0.0.1") as api:
        yield api


@pytest.fixture
def other_host() -> Iterator[ScriptedServer]:
    """A second server on another loopback address: a host the API key must never reach."""
    with ScriptedServer("127.0.0.2") as other:
        yield other


@pytest.fixture
def retry_log() -> Iterator[list[str]]:
    """The SDK's log lines (INFO and DEBUG) while the test runs."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("assemblyai")
    handler = Collect(logging.DEBUG)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


# --- summary line --------------------------------------------------------------------------

_FAULTS_DIR = Path(__file__).parent
_results: dict[str, bool] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not Path(str(report.fspath)).resolve().is_relative_to(_FAULTS_DIR):
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _results[report.nodeid] = report.outcome == "passed"
    elif report.outcome == "failed":  # a failing teardown (leak check) fails the scenario
        _results[report.nodeid] = False


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _results:
        ok = sum(_results.values())
        terminalreporter.write_line(f"fault matrix: {len(_results)} scenarios, {ok} ok")
