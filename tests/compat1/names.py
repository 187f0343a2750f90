"""Comparing 1.0.0's public names and signatures with ours: :func:`problems`."""

from __future__ import annotations

from typing import Any

from .differences import Problem

#: The REST side of 1.0.0's surface (its streaming and sync modules have their own parts).
MODULES = [
    "assemblyai",
    "assemblyai.prerecorded.v2",
    "assemblyai.client",
    "assemblyai.async_client",
    "assemblyai.transcriber",
    "assemblyai.types",
]


def public(entry: dict[str, Any]) -> bool:
    """Whether a name 1.0.0 has is its API (not ``Optional`` or ``httpx`` imported into it)."""
    kind = entry["kind"]
    if kind in ("class", "enum", "function"):
        return bool(entry.get("defined_here"))
    # A value is API when it is one of ours (``settings``), not a typing alias imported.
    return kind == "value" and not str(entry.get("type", "")).startswith("_")


def signature_problems(
    where: tuple[str, str, str], theirs: list[Any] | None, ours: list[Any] | None
) -> list[Problem]:
    """How ``ours`` fails to accept a call ``theirs`` accepts.

    Every 1.0.0 parameter must exist by name (and be passable the same way), positional ones
    at the same place; a parameter 1.0.0 requires may have a default in ours, and one with a
    default must have the same default. Ours may add parameters that have defaults.
    """
    if theirs is None:
        return []
    module, name, member = where
    if ours is None:
        return [Problem(module, name, member, "no readable signature")]
    out: list[Problem] = []
    by_name = {p[0]: p for p in ours}
    var_keyword = any(p[1] == "VAR_KEYWORD" for p in ours)
    their_positional = [
        p[0] for p in theirs if p[1] in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")
    ]
    our_positional = [p[0] for p in ours if p[1] in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    for index, param_name in enumerate(their_positional):
        if index >= len(our_positional) or our_positional[index] != param_name:
            found = our_positional[index] if index < len(our_positional) else None
            out.append(
                Problem(
                    module,
                    name,
                    member,
                    f"positional {index} is {found!r}, 1.0.0 has {param_name!r}",
                )
            )
    for param_name, kind, default in theirs:
        if kind in ("VAR_POSITIONAL", "VAR_KEYWORD"):
            continue
        mine = by_name.get(param_name)
        if mine is None:
            if not var_keyword:
                out.append(Problem(module, name, member, f"parameter {param_name!r} is missing"))
            continue
        if kind == "KEYWORD_ONLY" and mine[1] not in ("KEYWORD_ONLY", "POSITIONAL_OR_KEYWORD"):
            out.append(Problem(module, name, member, f"parameter {param_name!r} is {mine[1]}"))
        if default is not None and mine[2] != default:
            out.append(
                Problem(
                    module,
                    name,
                    member,
                    f"default of {param_name!r} is {mine[2]}, 1.0.0 has {default}",
                )
            )
    their_names = {p[0] for p in theirs}
    for param_name, kind, default in ours:
        added = param_name not in their_names and kind not in ("VAR_POSITIONAL", "VAR_KEYWORD")
        if added and default is None:
            out.append(
                Problem(module, name, member, f"added parameter {param_name!r} needs a default")
            )
    return out


def problems(theirs: dict[str, Any], ours: dict[str, Any]) -> list[Problem]:
    """Every name, member and signature of 1.0.0's REST modules that ours lacks or narrows."""
    out: list[Problem] = []
    for module, entries in theirs.items():
        for name, their in entries.items():
            if not public(their):
                continue
            our = ours[module].get(name, {"kind": "missing"})
            if our["kind"] == "missing":
                out.append(Problem(module, name, "", "missing"))
                continue
            if their["kind"] == "enum":
                lacking = sorted(set(their["members"]) - set(our.get("members", {})))
                if lacking:
                    out.append(Problem(module, name, "", f"members missing: {lacking}"))
                continue
            if their["kind"] == "function":
                out += signature_problems(
                    (module, name, "()"), their["signature"], our.get("signature")
                )
                continue
            if their["kind"] != "class":
                continue
            out += signature_problems(
                (module, name, "()"), their["signature"], our.get("signature")
            )
            for member, signature in their["members"].items():
                mine = our.get("members", {}).get(member)
                if mine is None:
                    out.append(Problem(module, name, member, "missing"))
                elif isinstance(signature, list):
                    found = mine if isinstance(mine, list) else None
                    out += signature_problems((module, name, member), signature, found)
    return out
