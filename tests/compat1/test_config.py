"""Config construction and setters: the same request JSON as 1.0.0 for the same inputs.

Each case builds a ``TranscriptionConfig`` (keywords, then setters) under both SDKs and
submits it to the recording server; the bodies must be equal, apart from the listed default
``speech_models`` (``differences.without_default_models``).
"""

from __future__ import annotations

from typing import Any

import pytest

from . import cases
from .differences import case_names_a_model, without_default_models, without_named_model_echo


def _param(case: dict[str, Any]) -> Any:
    return pytest.param(case, id=case["id"])


def _bodies(log: list[list[Any]]) -> dict[str, Any]:
    return {
        r[3]["audio_url"].split("case=")[1]: r[3]
        for r in log
        if r[0] == "POST" and r[1] == "/v2/transcript"
    }


@pytest.mark.parametrize("case", [_param(c) for c in cases.CONFIG_CASES])
def test_same_request_json(case: dict[str, Any], config_observed: dict[str, Any]) -> None:
    key = case["id"]
    theirs, ours = config_observed["theirs"][key], config_observed["ours"][key]
    assert "<raised>" not in str(theirs), f"1.0.0 refused the case: {theirs}"
    assert ours == theirs
    their_body = _bodies(config_observed["their_log"])[key]
    our_body = _bodies(config_observed["our_log"])[key]
    if not case_names_a_model(case):
        our_body = without_default_models(our_body)
    our_body = without_named_model_echo(our_body)
    assert our_body == their_body


def test_every_case_was_submitted_by_both(config_observed: dict[str, Any]) -> None:
    submitted = {c["id"] for c in cases.CONFIG_CASES}
    assert submitted <= set(_bodies(config_observed["their_log"]))
    assert submitted <= set(_bodies(config_observed["our_log"]))
