"""Every public name of 0.45.4 exists in ours, with the same signature.

Ours may add parameters only at the end, keyword-only (or positional-or-keyword after all of
0.45.4's), each with a default.
"""

from __future__ import annotations

from typing import Any

import pytest

from .differences import SIGNATURE_DIFFERENCES, VALUE_DIFFERENCES
from .official import run_official, run_ours

MODULES = [
    "assemblyai",
    "assemblyai.types",
    "assemblyai.transcriber",
    "assemblyai.lemur",
    "assemblyai.extras",
    "assemblyai.client",
    "assemblyai.api",
    "assemblyai.streaming.v3",
    "assemblyai.streaming.v3.models",
    "assemblyai.streaming.v3.client",
]


@pytest.fixture(scope="module")
def both(official: None) -> tuple[dict[str, Any], dict[str, Any]]:
    theirs = run_official({"mode": "names", "modules": MODULES})
    wanted = {module: sorted(entries) for module, entries in theirs.items()}
    return theirs, run_ours({"mode": "names", "modules": MODULES, "wanted": wanted})


def signature_problems(where: str, theirs: list[Any] | None, ours: list[Any] | None) -> list[str]:
    """How ``ours`` fails to accept every call ``theirs`` accepts, the same way.

    One relaxation: a parameter 0.45.4 requires may have a default in ours (every call that
    0.45.4 accepts still works).
    """
    if theirs is None:
        return []
    if ours is None:
        return [f"{where}: 0.45.4 has signature {theirs}, ours has none readable"]
    problems = []
    ours = [_relaxed(p, theirs) for p in ours]
    # Positional parameters must line up; keyword-only ones may come in any order.
    positional = [p for p in theirs if p[1] != "KEYWORD_ONLY"]
    ours_positional = [p for p in ours if p[1] != "KEYWORD_ONLY"]
    for index, param in enumerate(positional):
        if index >= len(ours_positional):
            problems.append(f"{where}: parameter {param[0]!r} ({param[1]}) is missing")
        elif ours_positional[index] != param:
            problems.append(
                f"{where}: parameter {index} is {ours_positional[index]}, 0.45.4 has {param}"
            )
    by_name = {p[0]: p for p in ours}
    for param in theirs:
        if param[1] == "KEYWORD_ONLY" and by_name.get(param[0]) != param:
            problems.append(
                f"{where}: parameter {param[0]!r} is {by_name.get(param[0])}, 0.45.4 has {param}"
            )
    known = {p[0] for p in theirs}
    for extra in ours:
        name, kind, default = extra
        if name in known:
            continue
        if kind in ("VAR_POSITIONAL", "VAR_KEYWORD"):
            continue
        if default is None or kind not in ("KEYWORD_ONLY", "POSITIONAL_OR_KEYWORD"):
            problems.append(f"{where}: added parameter {name!r} ({kind}) needs a default")
    return problems


def _relaxed(param: list[Any], theirs: list[Any]) -> list[Any]:
    for name, kind, default in theirs:
        if name == param[0] and default is None and kind == param[1]:
            return [*param[:2], None]
    return param


def _checked(entry: dict[str, Any]) -> bool:
    """Names 0.45.4 defines itself (not what it imported, such as ``typing.List``)."""
    if entry["kind"] in ("class", "enum", "function"):
        return bool(entry["defined_here"])
    if entry["kind"] == "value":
        return entry["type"] in ("str", "int", "float", "dict")
    return False  # modules: the submodules of ``assemblyai`` are checked through MODULES


@pytest.mark.parametrize("module", MODULES)
def test_every_public_name_exists_with_its_signature(
    both: tuple[dict[str, Any], dict[str, Any]], module: str
) -> None:
    theirs, ours = both[0][module], both[1][module]
    problems: list[str] = []
    for name, entry in sorted(theirs.items()):
        if not _checked(entry):
            continue
        where = f"{module}.{name}"
        mine = ours.get(name, {"kind": "missing"})
        if mine["kind"] == "missing":
            problems.append(f"{where} is missing")
            continue
        if entry["kind"] == "enum":
            for member, value in entry["members"].items():
                if mine.get("members", {}).get(member) != value:
                    problems.append(
                        f"{where}.{member} should be {value!r}, ours: {mine.get('members', {}).get(member, '<missing>')!r}"
                    )
            continue
        if entry["kind"] == "value" and isinstance(entry["value"], dict):
            # Close-code tables: 0.45.4's codes at least (the official 1.0.0 adds the 3005-3009
            # server errors, which ours have too); the messages are in our own words.
            if not set(entry["value"]) <= set(mine.get("value") or {}):
                problems.append(
                    f"{where} has codes {sorted(mine.get('value') or {})}, 0.45.4: {sorted(entry['value'])}"
                )
            continue
        if entry["kind"] == "value":
            if where in VALUE_DIFFERENCES:
                continue
            if entry["value"] is not None and mine.get("value") != entry["value"]:
                problems.append(f"{where} = {mine.get('value')!r}, 0.45.4: {entry['value']!r}")
            continue
        if entry["kind"] in ("class", "function") and mine["kind"] not in (
            "class",
            "function",
            "enum",
        ):
            problems.append(f"{where} is a {mine['kind']}, 0.45.4 has a {entry['kind']}")
            continue
        if where not in SIGNATURE_DIFFERENCES:
            problems += signature_problems(where, entry.get("signature"), mine.get("signature"))
        for member, signature in entry.get("members", {}).items():
            member_where = f"{where}.{member}"
            mine_member = mine.get("members", {}).get(member)
            if mine_member is None:
                problems.append(f"{member_where} is missing")
            elif isinstance(signature, list) and member_where not in SIGNATURE_DIFFERENCES:
                problems += signature_problems(
                    member_where, signature, mine_member if isinstance(mine_member, list) else None
                )
    assert not problems, f"{len(problems)} differences from 0.45.4:\n" + "\n".join(problems)
