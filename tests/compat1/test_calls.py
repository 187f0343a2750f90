"""Public calls, sync and asyncio: the same method, path, query and body as 1.0.0, and the
same results.

Both SDKs run every call of ``cases.CALLS`` against one recording server; a marker request
before each call splits its log. Requests are compared in a stable order (group members go
out in parallel) and normalized for the listed differences (``differences.comparable``).
"""

from __future__ import annotations

from typing import Any

import pytest

from . import cases
from .differences import comparable

# Calls whose results differ on purpose (see differences.DIFFERENCES); their requests still
# have to match.
RESULTS_DIFFER = {"transcribe_group_in_order", "construct_without_key", "config_of_wrong_type"}


@pytest.mark.parametrize("name", cases.CALLS)
def test_same_requests(name: str, calls_observed: dict[str, Any]) -> None:
    theirs = comparable(calls_observed["their_requests"].get(name, []), ours=False)
    ours = comparable(calls_observed["our_requests"].get(name, []), ours=True)
    assert ours == theirs


@pytest.mark.parametrize("name", [c for c in cases.CALLS if c not in RESULTS_DIFFER])
def test_same_results(name: str, calls_observed: dict[str, Any]) -> None:
    theirs, ours = calls_observed["theirs"][name], calls_observed["ours"][name]
    assert "<raised>" not in str(theirs), f"1.0.0 failed the call: {theirs}"
    assert ours == theirs


def test_every_call_sent_requests(calls_observed: dict[str, Any]) -> None:
    quiet = {"construct_without_key", "config_of_wrong_type"}
    assert [
        n for n in cases.CALLS if n not in quiet and not calls_observed["our_requests"].get(n)
    ] == []
