"""Every public name of 1.0.0's REST side exists in ours and accepts 1.0.0's arguments.

What ours lacks must be a listed deliberate difference (``differences.deliberate``).
"""

from __future__ import annotations

from typing import Any

import pytest

from .differences import Problem, deliberate
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
    unexplained = [str(p) for p in all_problems if not deliberate(p)]
    assert unexplained == []


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
