"""Every public name of 1.0.0's REST side exists in ours and accepts 1.0.0's arguments.

What ours lacks is either a listed deliberate difference (``differences.deliberate``) or
brought by another part of issue 16 (``differences.owner``), whose test is an expected
failure until that part is merged.
"""

from __future__ import annotations

from typing import Any

import pytest

from .differences import PENDING, Problem, deliberate, owner
from .names import MODULES, problems
from .official import run_official, run_ours


@pytest.fixture(scope="module")
def names_observed(official: None) -> tuple[dict[str, Any], dict[str, Any]]:
    theirs = run_official({"mode": "names", "modules": MODULES})
    wanted = {module: sorted(entries) for module, entries in theirs.items()}
    ours = run_ours({"mode": "names", "modules": MODULES, "wanted": wanted})
    return theirs, ours


@pytest.fixture(scope="module")
def all_problems(names_observed: tuple[dict[str, Any], dict[str, Any]]) -> list[Problem]:
    return problems(*names_observed)


def test_every_rest_name_of_1_0_exists_and_accepts_its_arguments(
    all_problems: list[Problem],
) -> None:
    unexplained = [str(p) for p in all_problems if not owner(p) and not deliberate(p)]
    assert unexplained == []


@pytest.mark.parametrize(
    "part",
    [
        pytest.param(part, marks=pytest.mark.xfail(strict=True, reason=PENDING[part]))
        for part in ("R1", "R6")
    ],
)
def test_names_other_parts_bring(all_problems: list[Problem], part: str) -> None:
    assert [str(p) for p in all_problems if owner(p) == part] == []


def test_the_1_0_module_paths_are_ours(
    names_observed: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    _, ours = names_observed
    for name in (
        "AsyncTranscriber",
        "AsyncTranscript",
        "Transcriber",
        "Transcript",
        "TranscriptGroup",
    ):
        assert ours["assemblyai.prerecorded.v2"][name]["kind"] == "class", name
    assert ours["assemblyai.async_client"]["AsyncClient"]["kind"] == "class"
