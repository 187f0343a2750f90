"""What changed between two public-surface snapshots, and which changes break users.

A snapshot is the flat mapping `generator.surface_report.collect` prints (public path -> one line
describing it) plus the spec's operations (`generator.surface_report.operations`). Breaking: anything
removed (a name, field, method, parameter, enum value or operation), a changed type (except a
parameter that now accepts more), a parameter that lost its default or moved, and a new
required parameter on an existing function or operation.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["Change", "diff", "entry_kind", "format_report"]


@attrs.frozen
class Change:
    key: str
    old: str | None
    new: str | None
    breaking: bool
    what: str  # e.g. "added field", "removed enum value", "retyped parameter"

    def line(self) -> str:
        mark = "BREAKING " if self.breaking else "         "
        if self.old is None:
            detail = f"{self.new}"
        elif self.new is None:
            detail = f"was {self.old}"
        else:
            detail = f"{self.old}  ->  {self.new}"
        return f"  {mark} {self.what}: {self.key}  ({detail})"


def entry_kind(key: str, value: str) -> str:
    """The kind of thing KEY names, in the words the report uses."""
    if key.startswith("operation "):
        return "operation parameter" if " ?" in key or key.endswith(" body") else "operation"
    head = value.split(":", 1)[0].split(" ", 1)[0]
    if "(" in key and key.endswith(")"):
        return "parameter"
    return {
        "member": "enum value",
        "field": "field",
        "property": "property",
        "method": "method",
        "classmethod": "method",
        "staticmethod": "method",
        "async": "method" if "method" in value.split(" -> ")[0] else "function",
        "function": "function",
        "class": "class",
        "enum": "enum",
        "=": "alias",
        "value": "value",
        "type": "type alias",
        "module": "module",
    }.get(head, "name")


def diff(old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    """Every difference from OLD to NEW, breaking ones first, then by path."""
    changes: list[Change] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        kind = entry_kind(key, after if after is not None else before or "")
        if after is None:
            renamed = before is not None and _var_keyword_renamed(key, before, old, new)
            changes.append(Change(key, before, None, not renamed, f"removed {kind}"))
        elif before is None:
            breaking, what = _added(key, after, kind, old)
            changes.append(Change(key, None, after, breaking, what))
        else:
            breaking, what = _changed(before, after, kind)
            changes.append(Change(key, before, after, breaking, what))
    return sorted(changes, key=lambda c: (not c.breaking, c.key))


def _added(key: str, value: str, kind: str, old: Mapping[str, str]) -> tuple[bool, str]:
    if kind == "parameter":
        owner = key[: key.rindex("(")]
        required = " = " not in value and not value.startswith(("*args", "**kwargs"))
        if required and owner in old:
            return True, "newly required parameter"
    if kind == "operation parameter" and "required" in value.split(":", 1)[0]:
        operation = key.rsplit(" ", 1)[0]
        if operation in old:
            return True, "newly required operation parameter"
    return False, f"added {kind}"


def _var_keyword_renamed(
    key: str, before: str, old: Mapping[str, str], new: Mapping[str, str]
) -> bool:
    """A `**kwargs` parameter that only changed its name (the same calls still work)."""
    if "(" not in key or not before.startswith("**"):
        return False
    owner = key[: key.rindex("(")]
    return any(
        other.startswith(owner + "(") and other not in old and value.startswith("**")
        for other, value in new.items()
    )


def _changed(before: str, after: str, kind: str) -> tuple[bool, str]:
    if kind != "parameter":
        what = "retyped" if kind in ("field", "property", "method", "function") else "changed"
        old_kind, _, old_type = before.partition(": ")
        new_kind, _, new_type = after.partition(": ")
        if old_kind == new_kind and sorted(_union(old_type)) == sorted(_union(new_type)):
            return False, f"reordered {kind} type"
        return True, f"{what} {kind}"
    old_where, old_type, old_default = _parameter(before)
    new_where, new_type, new_default = _parameter(after)
    if old_where != new_where:
        return True, "moved parameter"
    if old_default is not None and new_default is None:
        return True, "newly required parameter"
    if old_type != new_type:
        if set(_union(old_type)) <= set(_union(new_type)):
            return False, "widened parameter"
        return True, "retyped parameter"
    return False, "changed parameter default"


def _parameter(text: str) -> tuple[str, str, str | None]:
    """(where, type, default) of a parameter line such as `keyword: int | None = None`."""
    head, sep, default = text.partition(" = ")
    where, _, annotation = head.partition(": ")
    return where, annotation, default if sep else None


def _union(annotation: str) -> list[str]:
    """The members of a top-level `A | B[C | D]` union, split outside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(annotation):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(annotation[start:i].strip())
            start = i + 1
    parts.append(annotation[start:].strip())
    return parts


def format_report(changes: list[Change], *, title: str = "public surface") -> str:
    """A few lines a maintainer can review: counts, then one line per change."""
    if not changes:
        return f"{title}: unchanged\n"
    added = sum(c.old is None for c in changes)
    removed = sum(c.new is None for c in changes)
    changed = len(changes) - added - removed
    breaking = sum(c.breaking for c in changes)
    lines = [f"{title}: {added} added, {removed} removed, {changed} changed ({breaking} breaking)"]
    lines += [c.line() for c in changes]
    return "\n".join(lines) + "\n"
