"""Each deliberate difference from 1.0.0 (``differences.DIFFERENCES``) still holds.

A difference that needs another part of issue 16 is an expected failure until it is merged.
"""

from __future__ import annotations

from typing import Any

import pytest

from .differences import DIFFERENCES, Difference, Problem
from .names import MODULES, problems
from .official import run_official, run_ours


@pytest.fixture(scope="module")
def observed(
    config_observed: dict[str, Any], calls_observed: dict[str, Any], read_observed: Any
) -> dict[str, Any]:
    theirs = run_official({"mode": "names", "modules": MODULES})
    wanted = {module: sorted(entries) for module, entries in theirs.items()}
    wanted["assemblyai"].append("Lemur")
    ours = run_ours({"mode": "names", "modules": MODULES, "wanted": wanted})
    found: list[Problem] = problems(theirs, ours)
    return {
        "config": config_observed,
        "calls": calls_observed,
        "read": read_observed,
        "names": (theirs, ours),
        "problems": found,
    }


def _param(difference: Difference) -> Any:
    return pytest.param(difference, id=difference.name)


@pytest.mark.parametrize("difference", [_param(d) for d in DIFFERENCES])
def test_difference_holds(difference: Difference, observed: dict[str, Any]) -> None:
    assert difference.check(observed), f"{difference.name} no longer holds: {difference.why}"


def test_differences_are_named_once_and_explained() -> None:
    names = [d.name for d in DIFFERENCES]
    assert len(names) == len(set(names))
    assert all(len(d.why) > 40 for d in DIFFERENCES)
