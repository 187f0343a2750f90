"""Fixtures of the contract tests, and the terminal line of the spec-coverage test."""

from __future__ import annotations

import pytest

COVERAGE_LINES = pytest.StashKey[list[str]]()


@pytest.fixture
def coverage_lines(request: pytest.FixtureRequest) -> list[str]:
    """Lines a test wants shown at the end of the run (pytest hides captured prints)."""
    return request.config.stash.setdefault(COVERAGE_LINES, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in terminalreporter.config.stash.get(COVERAGE_LINES, []):
        terminalreporter.write_line(line)
