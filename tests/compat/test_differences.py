"""Each deliberate difference from 0.45.4 still holds (or it is no longer a difference, and
its entry, its exclusion from the comparisons, and the README line go)."""

from __future__ import annotations

from typing import Any

import pytest

from .differences import DIFFERENCES, Difference


@pytest.fixture(scope="module")
def observed(calls_observed: dict[str, Any], config_observed: Any) -> dict[str, Any]:
    return {"calls": calls_observed, "config": config_observed}


@pytest.mark.parametrize("difference", DIFFERENCES, ids=lambda d: d.what[:60])
def test_difference_still_holds(observed: dict[str, Any], difference: Difference) -> None:
    assert difference.check(observed), f"no longer differs: {difference.what}"


def test_every_difference_has_a_reason() -> None:
    assert all(d.what and d.reason for d in DIFFERENCES)
