"""The maintainer's report: `make regen` names public-surface changes; regen-check fails on them.

The end-to-end tests regenerate a temporary copy of `spec/` with one change of each kind
(an added optional property, a removed enum value, a changed type), describe the public package
built on that tree, and read the report against the surface of an unchanged regeneration.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.regenerate import build, main
from generator.specload import load_document
from generator.surface_report import (
    SurfaceError,
    describe,
    diff,
    format_report,
    load_snapshot,
    write_snapshot,
)

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "spec"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """An unchanged regeneration of spec/ and the surface described on it."""
    out = tmp_path_factory.mktemp("surface") / "generated"
    documents = build(SPEC, out)
    return out, describe(out, documents)


def _edited_spec(tmp: Path) -> Path:
    spec = tmp / "spec"
    shutil.copytree(SPEC, spec)
    path = spec / "openapi.yml"
    doc: dict[str, Any] = load_document(path)
    schemas = doc["components"]["schemas"]
    schemas["Transcript"]["properties"]["surface_probe"] = {
        "description": "A property this test adds.",
        "type": "string",
    }
    schemas["EntityType"]["enum"].remove("zodiac_sign")
    schemas["Chapter"]["properties"]["gist"]["type"] = "integer"
    path.write_text(json.dumps(doc), encoding="utf-8")  # JSON is YAML
    return spec


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory, baseline: tuple[Path, dict[str, str]]) -> str:
    """The report from the baseline surface to the surface of the edited spec."""
    tmp = tmp_path_factory.mktemp("edited")
    out = tmp / "generated"
    documents = build(_edited_spec(tmp), out)
    return format_report(diff(baseline[1], describe(out, documents)))


def _line(report: str, needle: str) -> str:
    found = [line for line in report.splitlines() if needle in line]
    assert len(found) == 1, f"{needle!r} in:\n{report}"
    return found[0]


def test_added_optional_property_is_reported_and_not_breaking(edited: str) -> None:
    line = _line(edited, "TranscriptResponse.surface_probe ")
    assert "added field" in line
    assert "str | None" in line
    assert "BREAKING" not in line
    # and the constructor takes it as an optional keyword
    line = _line(edited, "TranscriptResponse.__init__(surface_probe)")
    assert "added parameter" in line and "= None" in line and "BREAKING" not in line


def test_removed_enum_value_is_breaking(edited: str) -> None:
    line = _line(edited, "assemblyai.EntityType.zodiac_sign ")
    assert "BREAKING" in line
    assert "removed enum value" in line
    assert "'zodiac_sign'" in line


def test_changed_type_is_breaking(edited: str) -> None:
    line = _line(edited, "assemblyai.Chapter.gist ")
    assert "BREAKING" in line
    assert "retyped field" in line
    assert "str | None  ->  field: int | None" in line


def test_report_counts_and_lists_breaking_changes_first(edited: str) -> None:
    first, *rest = edited.splitlines()
    assert first.startswith("public surface: ")
    assert "breaking)" in first and "(0 breaking)" not in first
    marks = ["BREAKING" in line for line in rest]
    assert marks == sorted(marks, reverse=True), edited


def test_regen_check_fails_on_a_tampered_snapshot(
    baseline: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, surface = baseline
    snapshot = tmp_path / "surface.lock.json"
    write_snapshot(surface, snapshot)
    args = ["--spec-dir", str(SPEC), "--out", str(out), "--check", "--surface", str(snapshot)]
    assert main(args) == 0, capsys.readouterr().out
    assert "unchanged" in capsys.readouterr().out

    tampered = dict(surface)
    del tampered["assemblyai.SpeechModel.best"]  # the committed one lacks it: an addition
    tampered["assemblyai.Chapter.end"] = "field: str | None"
    write_snapshot(tampered, snapshot)
    assert main(args) == 1
    report = capsys.readouterr().out
    assert "added enum value: assemblyai.SpeechModel.best" in report
    assert "BREAKING  retyped field: assemblyai.Chapter.end" in report
    assert "differs from the committed snapshot" in report
    assert load_snapshot(snapshot) == tampered  # a check never rewrites the snapshot


def test_regen_writes_the_snapshot_it_reports(
    baseline: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, surface = baseline
    snapshot = tmp_path / "surface.lock.json"
    stale = {k: v for k, v in surface.items() if not k.startswith("operation GET /v3/token")}
    write_snapshot(stale, snapshot)
    out = tmp_path / "generated"
    args = ["--spec-dir", str(SPEC), "--out", str(out), "--surface", str(snapshot)]
    assert main(args) == 0
    report = capsys.readouterr().out
    assert "added operation: operation GET /v3/token" in report
    assert load_snapshot(snapshot) == surface


def test_committed_snapshot_is_current(baseline: tuple[Path, dict[str, str]]) -> None:
    changes = diff(load_snapshot(), baseline[1])
    assert not changes, "spec/surface.lock.json is stale; run `make regen`:\n" + format_report(
        changes
    )


# ------------------------------------------------------------------ the rules, on small inputs


@pytest.mark.parametrize(
    ("old", "new", "breaking", "what"),
    [
        (None, "keyword: int | None = None", False, "added parameter"),
        (None, "keyword: int", True, "newly required parameter"),
        ("keyword: int = 1", "keyword: int", True, "newly required parameter"),
        ("keyword: int = 1", "keyword: int | str = 1", False, "widened parameter"),
        ("keyword: int | str = 1", "keyword: int = 1", True, "retyped parameter"),
        ("positional 1: int", "positional 2: int", True, "moved parameter"),
        ("keyword: int = 1", "keyword: int = 2", False, "changed parameter default"),
        ("keyword: int = 1", None, True, "removed parameter"),
    ],
)
def test_parameter_rules(old: str | None, new: str | None, breaking: bool, what: str) -> None:
    owner = {"m.C.f": "method -> None"}
    before = {**owner, **({"m.C.f(x)": old} if old else {})}
    after = {**owner, **({"m.C.f(x)": new} if new else {})}
    [change] = diff(before, after)
    assert (change.breaking, change.what) == (breaking, what)


def test_a_new_function_with_required_parameters_is_not_breaking() -> None:
    changes = diff({}, {"m.f": "function -> None", "m.f(x)": "positional 1: int"})
    assert [c.breaking for c in changes] == [False, False]


def test_new_required_operation_parameter_is_breaking() -> None:
    op = {"operation GET /v2/x": "getX"}
    [change] = diff(op, {**op, "operation GET /v2/x ?q": "query, required: string"})
    assert change.breaking and change.what == "newly required operation parameter"
    [change] = diff(op, {**op, "operation GET /v2/x ?q": "query, optional: string"})
    assert not change.breaking and change.what == "added operation parameter"


def test_a_package_that_does_not_import_is_an_error_that_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "generated"
    empty.mkdir()  # no generated code: the handwritten layer cannot import
    with pytest.raises(SurfaceError, match="importing the regenerated package") as caught:
        describe(empty)
    assert "ModuleNotFoundError" in str(caught.value)


def test_the_description_is_deterministic(baseline: tuple[Path, dict[str, str]]) -> None:
    out, surface = baseline
    again = describe(out, {})
    assert again == {k: v for k, v in surface.items() if not k.startswith("operation ")}
    assert list(surface) == sorted(surface)


def test_reordered_unions_and_renamed_var_keywords_are_not_breaking() -> None:
    from generator.surface_report.report import diff

    old = {
        "assemblyai.T.text": "property: str | None",
        "assemblyai.P.__init__(unknown)": "**kwargs: Any",
    }
    new = {
        "assemblyai.T.text": "property: None | str",
        "assemblyai.P.__init__(additional_properties)": "**kwargs: object",
    }
    assert [c.breaking for c in diff(old, new)] == [False, False, False]
    assert diff({"assemblyai.T.text": "property: str"}, {"assemblyai.T.text": "property: int"})[
        0
    ].breaking
