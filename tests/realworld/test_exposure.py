"""The payload walker itself: it must catch every way a value can be lost."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, NamedTuple

import attrs

from .exposure import missing_values


class Colour(enum.Enum):
    red = "red"


class Span(NamedTuple):
    start: int
    end: int


@attrs.define
class Model:
    status: Any = None
    when: Any = None
    spans: Any = None
    additional_properties: dict[str, Any] = attrs.Factory(dict)

    def to_dict(self) -> dict[str, Any]:
        return {"renamed_in_json": self.status}


def test_every_normalised_value_is_accepted() -> None:
    model = Model(
        status=Colour.red,
        when=datetime(2024, 3, 11, 21, 29, 59, 936851),
        spans=[Span(1, 2)],
        additional_properties={"word_boost": [], "boost_param": None},
    )
    payload = {
        "status": "red",
        "when": "2024-03-11T21:29:59.936851",
        "spans": [[1, 2]],
        "word_boost": [],
        "boost_param": None,
        "renamed_in_json": "red",
    }
    assert missing_values(model, payload) == []


def test_lost_values_are_each_reported() -> None:
    model = Model(status="blue", when=12, spans=[Span(1, 3)])
    payload = {"status": "red", "when": 12.225, "spans": [[1, 2]], "cluster_id": None}
    assert missing_values(model, payload) == [
        "$.status: 'red' in the payload, read as 'blue'",
        "$.when: 12.225 in the payload, read as 12",
        "$.spans[0][1]: 2 in the payload, read as 3",
        "$.cluster_id: in the payload, not exposed on Model",
    ]


def test_unset_sentinels_bools_and_lengths_are_not_confused() -> None:
    unset = object()
    model = Model(status=unset, when=1, spans=[])
    problems = missing_values(model, {"status": None, "when": True, "spans": [{}]})
    assert len(problems) == 3
    assert problems[0].startswith("$.status: null in the payload, read as <object")
    assert problems[1] == "$.when: True in the payload, read as 1"
    assert problems[2] == "$.spans: 1 items in the payload, 0 read"


def test_renames_and_extra_sources_count_as_exposed() -> None:
    model = Model(status={"results": []})
    payload: dict[str, Any] = {"content_safety_labels": {"results": []}, "speech_model": None}
    assert missing_values(model, payload) != []
    assert (
        missing_values(
            model,
            payload,
            renames={"content_safety_labels": "status"},
            extra=[{"speech_model": None}],
        )
        == []
    )


def test_a_wrong_attribute_cannot_hide_behind_json_response() -> None:
    model = Model(status="blue")
    assert missing_values(model, {"status": "red"}, extra=[{"status": "red"}]) == [
        "$.status: 'red' in the payload, read as 'blue'"
    ]
