"""Response bodies for the differential tests: drawn from our spec's schemas and from 0.45.4's
own models, then mutated the ways the real API departs from its description.

Mutations: a field removed, a field nulled, an unknown field added, a float where an integer
was. Fields a read cannot go on without (a transcript's ``id``, and its ``status`` while
waiting) are left alone.
"""

from __future__ import annotations

import copy
import datetime
import string
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import strategies as st

from tests.fuzz import strategies as spec_strategies

__all__ = ["KINDS", "bodies", "mutated"]

# read kind -> (our spec's schema, 0.45.4's model), for each kind of body the driver reads.
KINDS: dict[str, list[tuple[str, str]]] = {
    "transcript": [("Transcript", "TranscriptResponse")],
    "sentences": [("SentencesResponse", "SentencesResponse")],
    "paragraphs": [("ParagraphsResponse", "ParagraphsResponse")],
    "word_search": [("WordSearchResponse", "WordSearchMatchResponse")],
    "list": [("TranscriptList", "ListTranscriptResponse")],
    "lemur_response": [
        ("LemurStringResponse", "LemurStringResponse"),
        ("LemurQuestionAnswerResponse", "LemurQuestionResponse"),
    ],
    "lemur_task": [("LemurTaskResponse", "LemurTaskResponse")],
}

_TEXT = st.text(string.ascii_letters + " .", max_size=10)
_DATES = st.datetimes(
    min_value=datetime.datetime(2020, 1, 1), max_value=datetime.datetime(2030, 1, 1)
).map(lambda d: d.isoformat() + "Z")


def from_desc(desc: Any, shapes: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """Values of a type as the driver describes 0.45.4's field types."""
    if desc == "str" or desc == "any":
        return _TEXT
    if desc == "int":
        return st.integers(min_value=0, max_value=10**6)
    if desc == "float":
        return st.floats(min_value=0, max_value=10**4, allow_nan=False)
    if desc == "bool":
        return st.booleans()
    if desc == "datetime":
        return _DATES
    kind = desc[0]
    if kind == "enum":
        return st.sampled_from(desc[1])
    if kind == "list":
        return st.lists(from_desc(desc[1], shapes), max_size=3)
    if kind == "dict":
        keys = from_desc(desc[2], shapes) if len(desc) > 2 else _TEXT
        return st.dictionaries(
            keys.filter(lambda k: isinstance(k, str)), from_desc(desc[1], shapes), max_size=3
        )
    if kind == "tuple":
        return st.tuples(*(from_desc(d, shapes) for d in desc[1])).map(list)
    if kind == "union":
        return st.one_of([from_desc(d, shapes) for d in desc[1]])
    if kind == "model":
        return model(desc[1], shapes)
    raise ValueError(f"no strategy for {desc!r}")


def model(name: str, shapes: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    shape = shapes[name]
    fields = shape["fields"]
    return st.deferred(
        lambda: st.fixed_dictionaries(
            {f: from_desc(d, shapes) for f, d in fields.items() if f in shape["required"]},
            optional={
                f: from_desc(d, shapes) for f, d in fields.items() if f not in shape["required"]
            },
        )
    )


# --- mutations -------------------------------------------------------------------------------


def _sites(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths of every value inside ``value`` (the root excluded)."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield (*path, key)
            yield from _sites(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield (*path, index)
            yield from _sites(sub, (*path, index))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


PROTECTED = {("id",), ("status",)}


@st.composite
def mutated(draw: st.DrawFn, body: Any) -> Any:
    """``body`` with up to four mutations at any depth (on a copy: drawn values may be shared)."""
    body = copy.deepcopy(body)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        sites = [p for p in _sites(body) if p not in PROTECTED]
        kind = draw(st.sampled_from(["drop", "null", "add", "float"]))
        if kind == "add":
            objects = [p for p in [(), *sites] if isinstance(_get(body, p), dict)]
            target = _get(body, draw(st.sampled_from(objects)))
            target[draw(st.sampled_from(["zz_new", "cluster_id", "is_deleted"]))] = draw(
                spec_strategies.any_json_like()
            )
            continue
        if kind == "float":
            sites = [p for p in sites if type(_get(body, p)) is int]
        keyed = [p for p in sites if isinstance(p[-1], str)] if kind == "drop" else sites
        if not keyed:
            continue
        path = draw(st.sampled_from(keyed))
        parent = _get(body, path[:-1])
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "null":
            parent[path[-1]] = None
        else:
            parent[path[-1]] = parent[path[-1]] + 0.5
    return body


def bodies(kind: str, shapes: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """Bodies of one read kind: from either source, mutated."""
    sources = [
        strategy
        for schema, official_model in KINDS[kind]
        for strategy in (spec_strategies.valid(schema), model(official_model, shapes))
    ]
    return st.one_of(sources).flatmap(mutated)
