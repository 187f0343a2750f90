"""Response bodies read through the public API of both SDKs give the same attribute values.

Bodies come from our spec and from 0.45.4's models, mutated (fields removed, nulled, added,
floats for integers). 0.45.4 rejects some of them (pydantic raises): ours must read those too,
and only the bodies 0.45.4 reads are compared. Each batch of bodies goes through one 0.45.4
subprocess.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from .bodies import KINDS, bodies
from .differences import body_difference_is_deliberate
from .official import run_official, run_ours
from .server import RecordingServer, transcript_body

EXAMPLES = int(os.environ.get("COMPAT_EXAMPLES", "100"))  # bodies per kind
# The same draws on every run, so that CI's verdict does not depend on luck;
# COMPAT_RANDOM=1 draws new bodies (with COMPAT_EXAMPLES, to search for new differences).
RANDOM = os.environ.get("COMPAT_RANDOM") == "1"
_ids = itertools.count()


def _same(ours: Any, theirs: Any) -> bool:
    """Equal JSON values: an int and a float of the same value are the same number, a bool is
    not a number."""
    numbers = (int, float)
    if (
        isinstance(ours, numbers)
        and isinstance(theirs, numbers)
        and bool not in (type(ours), type(theirs))
    ):
        return bool(ours == theirs)
    return type(ours) is type(theirs) and bool(ours == theirs)


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Where ``ours`` and ``theirs`` (observations) differ, as readable lines.

    Where the body had a float for an integer field, 0.45.4 truncates it and ours keeps it
    (a deliberate difference): such a pair counts as equal.
    """
    if isinstance(theirs, dict) and isinstance(ours, dict):
        keys = list(theirs) + [k for k in ours if k not in theirs]
        return [
            line
            for k in keys
            for line in differences(
                ours.get(k, "<absent>"), theirs.get(k, "<absent>"), f"{path}.{k}"
            )
        ]
    if isinstance(theirs, list) and isinstance(ours, list) and len(theirs) == len(ours):
        return [
            line
            for i, (o, t) in enumerate(zip(ours, theirs, strict=True))
            for line in differences(o, t, f"{path}[{i}]")
        ]
    if body_difference_is_deliberate(path, ours, theirs):
        return []
    if (
        type(theirs) is int
        and type(ours) is float
        and not ours.is_integer()
        and math.trunc(ours) == theirs
    ):
        return []
    if _same(ours, theirs):
        return []
    return [f"{path or '.'}: ours {json.dumps(ours)[:200]}, 0.45.4 {json.dumps(theirs)[:200]}"]


def _register(server: RecordingServer, kind: str, body: Any) -> tuple[dict[str, Any], Any]:
    """Serve ``body`` for a new case; returns the case and the body as served."""
    key = f"c{next(_ids)}"
    if kind == "transcript":
        body = {**body, "id": key}
        if body.get("status") not in ("completed", "error"):
            body["status"] = "completed"
    elif kind in ("sentences", "paragraphs", "word_search"):
        server.register("transcript", key, transcript_body(key))
    server.register(kind, key, body)
    return {"kind": kind, "id": key}, body


def _compare(
    drawn: list[Any], ours: list[Any], theirs: list[Any]
) -> tuple[list[str], Counter[str]]:
    """Problem reports, and how often each kind of problem occurred (for the summary)."""
    problems, kinds = [], Counter[str]()
    for body, mine, their in zip(drawn, ours, theirs, strict=True):
        if isinstance(mine, dict) and "<raised>" in mine:
            cause = re.search(r"\((\w+: [^)]*)\)", mine["message"])
            kinds[
                f"ours raised {mine['<raised>']}: {cause.group(1) if cause else mine['message'][:60]}"
            ] += 1
            problems.append(
                f"ours raised {mine['<raised>']}: {mine['message'][:300]}\n  body: {json.dumps(body)[:600]}"
            )
            continue
        if isinstance(their, dict) and "<raised>" in their:
            continue  # 0.45.4 rejects this body; ours reads it (a deliberate difference)
        found = differences(mine, their)
        for line in found:
            kinds[re.sub(r"\[\d+\]", "[]", line.partition(":")[0])] += 1
        if found:
            problems.append("\n  ".join([f"body: {json.dumps(body)[:600]}", *found[:12]]))
    return problems, kinds


def draw_bodies(kind: str, shapes: dict[str, Any], count: int) -> list[Any]:
    """``count`` bodies of ``kind``, drawn by hypothesis one example at a time.

    Hypothesis only draws here; the bodies are then read in one batch per SDK (one 0.45.4
    subprocess), and a failure is reported for the whole batch, unshrunk.
    """
    drawn: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=not RANDOM,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(bodies(kind, shapes))
    def collect(body: Any) -> None:
        drawn.append(body)

    collect()
    return drawn


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_bodies_read_the_same(server: RecordingServer, shapes: dict[str, Any], kind: str) -> None:
    drawn = draw_bodies(kind, shapes, EXAMPLES)
    cases, served = zip(*(_register(server, kind, body) for body in drawn), strict=True)
    request = {"mode": "read", "base_url": server.base_url, "cases": cases, "shapes": shapes}
    problems, kinds = _compare(list(served), run_ours(request), run_official(request))
    summary = "\n".join(f"  {count:4} x {what}" for what, count in kinds.most_common(25))
    assert not problems, (
        f"{len(problems)} of {len(drawn)} {kind} bodies read differently; by kind:\n{summary}\n"
        + "\n".join(problems[:6])
    )
