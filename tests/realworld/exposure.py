"""Does a public SDK object expose every value of a JSON payload?

:func:`missing_values` walks the payload and, for each key, looks for it on the object the SDK
handed out: as a mapping key, an attribute (0.45.4's renamed attributes included), an entry of
``additional_properties``, a key of the model's ``to_dict()``, or a key of ``json_response``.
The value found must equal the payload's, after normalising what the SDK legitimately turns
into richer Python values: enums compare by value, datetimes against the ISO text they were
read from, records and tuples as sequences of their fields. A float must stay that float (an
``audio_duration`` of 12.225 read as 12 is a lost value), a bool must stay a bool, and a null
must read ``None`` (not the ``UNSET`` sentinel).

The result is a list of readable problems, one per value not exposed; empty means all is kept.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

__all__ = ["TRANSCRIPT_RENAMES", "missing_values"]

TRANSCRIPT_RENAMES = {
    "content_safety_labels": "content_safety",
    "iab_categories_result": "iab_categories",
    "auto_highlights_result": "auto_highlights",
    "sentiment_analysis_results": "sentiment_analysis",
    # The request flags share their names with those result attributes; they are read from
    # ``transcript.config`` (or ``json_response``) instead.
    "content_safety": None,
    "iab_categories": None,
    "auto_highlights": None,
    "sentiment_analysis": None,
}
"""Payload key -> the attribute 0.45.4's ``Transcript`` exposes it as (``None``: none)."""

_ABSENT = object()


def _attribute(obj: object, name: str) -> object:
    if isinstance(obj, (str, bytes, int, float)) or obj is None:
        return _ABSENT
    try:
        value = getattr(obj, name, _ABSENT)
    except Exception as exc:  # a property that raises is a finding, not a crash of the walk
        return f"<reading .{name} raised {exc!r}>"
    return _ABSENT if callable(value) and not isinstance(value, enum.Enum) else value


def _candidates(
    obj: object, key: str, renames: Mapping[str, str | None], extra: Sequence[object]
) -> list[object]:
    """Where ``key`` is exposed on ``obj``: its attribute (or mapping entry) alone when there
    is one, so a wrong attribute cannot hide behind a right ``json_response``; else every
    fallback (``additional_properties``, ``to_dict()``, the ``extra`` objects)."""
    if isinstance(obj, Mapping):
        return [obj[key]] if key in obj else []
    name = renames.get(key, key)
    if name is not None:
        value = _attribute(obj, name)
        if value is not _ABSENT:
            return [value]
    found: list[object] = []
    additional = _attribute(obj, "additional_properties")
    if isinstance(additional, Mapping) and key in additional:
        found.append(additional[key])
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        try:
            as_dict = to_dict()
        except Exception as exc:
            found.append(f"<to_dict() raised {exc!r}>")
        else:
            if isinstance(as_dict, Mapping) and key in as_dict:
                found.append(as_dict[key])
    for source in extra:
        found.extend(_candidates(source, key, {}, ()))
    return found


def _same_scalar(exposed: object, expected: object) -> bool:
    if isinstance(exposed, enum.Enum):
        exposed = exposed.value
    if isinstance(exposed, datetime) and isinstance(expected, str):
        try:
            parsed = datetime.fromisoformat(expected.replace("Z", "+00:00"))
        except ValueError:
            return False
        if (parsed.tzinfo is None) != (exposed.tzinfo is None):
            parsed, exposed = parsed.replace(tzinfo=None), exposed.replace(tzinfo=None)
        return parsed == exposed
    if isinstance(expected, bool) or isinstance(exposed, bool):
        return type(expected) is type(exposed) and expected == exposed
    if isinstance(expected, (int, float)) and isinstance(exposed, (int, float)):
        # 12.225 read as 12 loses a value; 281 read as 281.0 does not.
        return expected == exposed
    return type(exposed) is type(expected) and exposed == expected


def _check(exposed: object, expected: object, path: str, problems: list[str]) -> None:
    if isinstance(expected, Mapping):
        if exposed is None or isinstance(exposed, (str, int, float)):
            problems.append(f"{path}: an object in the payload, read as {exposed!r}")
            return
        for key, value in expected.items():
            _check_key(exposed, str(key), value, f"{path}.{key}", problems, {}, ())
    elif isinstance(expected, list):
        if isinstance(exposed, (str, bytes, Mapping)) or not isinstance(exposed, Sequence):
            problems.append(
                f"{path}: a list of {len(expected)} in the payload, read as {exposed!r}"
            )
            return
        if len(exposed) != len(expected):
            problems.append(f"{path}: {len(expected)} items in the payload, {len(exposed)} read")
            return
        for index, (item, wanted) in enumerate(zip(exposed, expected, strict=True)):
            _check(item, wanted, f"{path}[{index}]", problems)
    elif expected is None:
        if exposed is not None:
            problems.append(f"{path}: null in the payload, read as {exposed!r}")
    elif not _same_scalar(exposed, expected):
        problems.append(f"{path}: {expected!r} in the payload, read as {exposed!r}")


def _check_key(
    obj: object,
    key: str,
    expected: object,
    path: str,
    problems: list[str],
    renames: Mapping[str, str | None],
    extra: Sequence[object],
) -> None:
    candidates = _candidates(obj, key, renames, extra)
    if not candidates:
        problems.append(f"{path}: in the payload, not exposed on {type(obj).__name__}")
        return
    first: list[str] = []
    for index, candidate in enumerate(candidates):
        found: list[str] = []
        _check(candidate, expected, path, found)
        if not found:
            return
        if index == 0:
            first = found
    problems.extend(first)


def missing_values(
    obj: object,
    payload: Mapping[str, Any],
    *,
    renames: Mapping[str, str | None] | None = None,
    extra: Sequence[object] = (),
    root: str = "$",
) -> list[str]:
    """The payload's values that ``obj`` does not expose (empty when every one is kept).

    Args:
        obj: what the public API returned.
        payload: the JSON object it was read from.
        renames: payload key -> attribute name, for the top level of ``obj``.
        extra: more objects to find top-level keys on (e.g. ``transcript.json_response``).
        root: how paths in the problems begin.
    """
    problems: list[str] = []
    for key, value in payload.items():
        _check_key(obj, key, value, f"{root}.{key}", problems, renames or {}, extra)
    return problems
