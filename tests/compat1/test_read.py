"""Real-world bodies (``../shared/realworld``) read through the public API: the same
attribute values as 1.0.0, property by property.

Differences are the listed ones (``differences.read_difference_is_deliberate``; a body
1.0.0 rejects is checked in ``test_differences``).
"""

from __future__ import annotations

from typing import Any

import pytest

from . import cases
from .differences import read_difference_is_deliberate

KINDS_WITH_PROPERTIES = ("transcript", "submitted")


@pytest.mark.parametrize("prop", cases.TRANSCRIPT_PROPERTIES)
def test_transcript_property_reads_the_same(prop: str, read_observed: Any) -> None:
    chosen, theirs, ours = read_observed
    compared = 0
    for case, their, our in zip(chosen, theirs, ours, strict=True):
        if case["kind"] not in KINDS_WITH_PROPERTIES or "<raised>" in their:
            continue
        assert "<raised>" not in our, f"{case['file']}: ours raised {our}"
        compared += 1
        if our[prop] != their[prop]:
            assert read_difference_is_deliberate(prop, our[prop], their[prop]), (
                f"{case['file']}: {prop} reads {our[prop]!r}, 1.0.0 reads {their[prop]!r}"
            )
    assert compared >= 10


@pytest.mark.parametrize("kind", ["sentences", "word_search", "list"])
def test_other_bodies_read_the_same(kind: str, read_observed: Any) -> None:
    chosen, theirs, ours = read_observed
    pairs = [(c, t, o) for c, t, o in zip(chosen, theirs, ours, strict=True) if c["kind"] == kind]
    assert pairs
    for case, their, our in pairs:
        assert "<raised>" not in str(their)[:20], f"{case['file']}: 1.0.0 raised {their}"
        assert our == their, case["file"]
