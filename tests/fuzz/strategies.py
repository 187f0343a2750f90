"""Hypothesis strategies drawn from our spec's response schemas, and malformed variants.

:func:`valid` turns a component schema of the document embedded in
``assemblyai._generated.specs`` into a strategy of instances that satisfy it, for the keywords
our response schemas use: ``$ref``, ``allOf`` (merged the way OpenAPI means it: the properties
of every member are known to the whole group), ``oneOf``/``anyOf``, ``enum``, ``type`` (a name
or a list), ``properties``/``required``, ``additionalProperties`` (a schema: a map),
``items``, ``minimum``/``maximum``, ``pattern`` and the ``url`` and ``date-time`` formats. Instances carry no
unknown fields; :func:`with_unknowns` adds some.

hypothesis-jsonschema is not used: its 0.23 release fails against current Hypothesis, and under
plain JSON Schema an ``allOf`` of members that each say ``additionalProperties: false`` admits
no instance at all.

:func:`realistic` changes valid instances the way the real API departs from the description
(fields left out, nulls, floats for integers, undeclared fields), at any depth: the SDK must
read them. :func:`unreadable_bodies` are bodies it must refuse with its parse error,
:func:`without_a_required_field` bodies it reads in its tolerant mode only; :func:`any_json_like` and
:func:`with_a_field_replaced` are bodies that may parse or be refused, but must never raise
anything else.
"""

from __future__ import annotations

import datetime
import functools
import json
import string
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from assemblyai._generated.specs import openapi_document

__all__ = [
    "SCHEMAS",
    "any_json_like",
    "realistic",
    "required_sites",
    "resolve",
    "unreadable_bodies",
    "valid",
    "with_a_field_replaced",
    "with_unknowns",
    "without_a_named_required_field",
    "without_a_required_field",
]

SCHEMAS: Mapping[str, Any] = openapi_document()["components"]["schemas"]
_REF = "#/components/schemas/"
MAX_ITEMS = 3


def resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The schema a ``$ref`` points at (other schemas unchanged)."""
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].removeprefix(_REF)]
    return schema


def merged(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """``schema`` with its ``allOf`` members folded in (properties and required united)."""
    schema = resolve(schema)
    if "allOf" not in schema:
        return schema
    out: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties = dict(out.get("properties", {}))
    required = list(out.get("required", []))
    for member in schema["allOf"]:
        part = merged(member)
        properties.update(part.get("properties", {}))
        required += [name for name in part.get("required", []) if name not in required]
        for key, value in part.items():
            if key not in ("properties", "required", "additionalProperties"):
                out.setdefault(key, value)
    out["properties"], out["required"] = properties, required
    return out


_TEXT = st.text(string.ascii_letters + string.digits + " -_.é", max_size=12)
_URLS = st.builds(
    "https://{}.example.org/{}".format,
    st.text(string.ascii_lowercase, min_size=1, max_size=8),
    st.text(string.ascii_lowercase + string.digits + "-/", max_size=12),
)


def _number(schema: Mapping[str, Any], integer: bool) -> st.SearchStrategy[Any]:
    low, high = schema.get("minimum"), schema.get("maximum")
    if integer:
        return st.integers(
            min_value=-(10**6) if low is None else int(low),
            max_value=10**9 if high is None else int(high),
        )
    floats = st.floats(
        min_value=-1e9 if low is None else low,
        max_value=1e9 if high is None else high,
        allow_nan=False,
        allow_infinity=False,
    )
    # JSON has one number type: integral values are valid numbers too.
    return st.one_of(floats, st.integers(min_value=0, max_value=int(high or 10**6)))


# RFC 3339 text, with a zone as the API writes it ("Z" or an offset).
_DATE_TIMES = st.builds(
    lambda moment, zulu: moment.isoformat().replace("+00:00", "Z" if zulu else "+00:00"),
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1)
    ).map(lambda moment: moment.replace(tzinfo=datetime.UTC)),
    st.booleans(),
)


def _string(schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    if schema.get("format") in ("url", "uri"):
        return _URLS
    if schema.get("format") == "date-time":
        return _DATE_TIMES
    return _TEXT


def _object(schema: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    fixed = st.fixed_dictionaries(
        {name: valid(sub) for name, sub in properties.items() if name in required},
        optional={name: valid(sub) for name, sub in properties.items() if name not in required},
    )
    extra = schema.get("additionalProperties")
    if not isinstance(extra, Mapping) or properties:
        return fixed
    # A map: additionalProperties gives the type of its values.
    return st.dictionaries(_TEXT.filter(bool), valid(extra), max_size=MAX_ITEMS)


def _by_type(schema: Mapping[str, Any], name: str) -> st.SearchStrategy[Any]:
    if name == "null":
        return st.none()
    if name == "boolean":
        return st.booleans()
    if name in ("integer", "number"):
        return _number(schema, name == "integer")
    if name == "string":
        return _string(schema)
    if name == "array":
        return st.lists(valid(schema.get("items", {})), max_size=MAX_ITEMS)
    if name == "object":
        return _object(schema)
    raise ValueError(f"unsupported type {name!r}")


@functools.cache
def _named(name: str) -> st.SearchStrategy[Any]:
    return _build(SCHEMAS[name])


def valid(schema: Mapping[str, Any] | str) -> st.SearchStrategy[Any]:
    """Instances of ``schema`` (a schema, or the name of a component schema)."""
    if isinstance(schema, str):
        return st.deferred(lambda: _named(schema))
    if "$ref" in schema:
        return valid(schema["$ref"].removeprefix(_REF))
    return _build(schema)


def _build(schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    schema = merged(schema)
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            return st.one_of([valid(branch) for branch in schema[keyword]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    kinds = schema.get("type")
    if kinds is None:
        return _object(schema) if "properties" in schema else any_json_like()
    if isinstance(kinds, str):
        return _by_type(schema, kinds)
    return st.one_of([_by_type(schema, kind) for kind in kinds])


# --- unknown fields and values ---------------------------------------------------------------


def _enum_sites(value: Any, schema: Mapping[str, Any], path: tuple[Any, ...]) -> Iterator[Any]:
    """Paths (in ``value``) of strings that hold values of an ``enum`` schema."""
    schema = merged(schema)
    if "enum" in schema and isinstance(value, str):
        yield path
        return
    for keyword in ("oneOf", "anyOf"):
        for branch in schema.get(keyword, []):
            if "enum" in resolve(branch) and isinstance(value, str):
                yield path
                return
    if isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                yield from _enum_sites(value[name], sub, (*path, name))
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            yield from _enum_sites(item, schema["items"], (*path, index))


def _set(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = _set(value[path[0]], path[1:], new)
    return copy


def _delete(value: Any, path: tuple[Any, ...], key: str) -> Any:
    if not path:
        return {k: v for k, v in value.items() if k != key}
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = _delete(value[path[0]], path[1:], key)
    return copy


@st.composite
def with_unknowns(draw: st.DrawFn, name: str) -> Any:
    """A valid instance of ``name``, plus unknown fields and unknown enum values.

    A newer API may send both; the SDK must keep them rather than fail.
    """
    value = draw(valid(name))
    if isinstance(value, dict):
        extra = draw(
            st.dictionaries(
                st.sampled_from(["zz_new", "zz_beta", "zz_x"]), any_json_like(), max_size=2
            )
        )
        value = {**value, **extra}
    sites = list(_enum_sites(value, SCHEMAS[name], ()))
    if sites:
        chosen = draw(st.lists(st.sampled_from(sites), max_size=2, unique=True))
        for path in chosen:
            value = _set(value, path, draw(st.sampled_from(["zz_new_value", "future-model-9"])))
    return value


_UNDECLARED = {  # fields the real API sends that the description does not list
    "word_boost": [],
    "boost_param": None,
    "cluster_id": "c-1",
    "is_deleted": False,
    "speech_model_used": "universal",
}


def _object_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        yield path
        for key, sub in value.items():
            yield from _object_paths(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _object_paths(sub, (*path, index))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def realistic(draw: st.DrawFn, name: str) -> Any:
    """A valid instance of ``name`` changed as real answers are: in some of its objects (the
    top level and nested ones, words included) fields are left out, required ones too, or
    null, integers come as floats (``12.0``, ``12.225``), and undeclared fields appear."""
    value = draw(valid(name))
    for _ in range(draw(st.integers(1, 6))):
        paths = list(_object_paths(value))  # anew: a change may remove or null an object
        if not paths:
            return value
        path = draw(st.sampled_from(paths))
        obj = dict(_get(value, path))
        keys = sorted(obj)
        change = draw(st.sampled_from(["omit", "null", "float", "undeclared"]))
        if change == "undeclared":
            key = draw(st.sampled_from(sorted(_UNDECLARED)))
            obj[key] = _UNDECLARED[key]
        elif keys:
            key = draw(st.sampled_from(keys))
            if change == "omit":
                del obj[key]
            elif change == "null":
                obj[key] = None
            elif type(obj[key]) is int:
                obj[key] = obj[key] + draw(st.sampled_from([0.0, 0.225]))
        value = _set(value, path, obj)
    return value


# --- bodies that may parse, or may be refused ------------------------------------------------


def any_json_like() -> st.SearchStrategy[Any]:
    """Any JSON value (small)."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=8,
    )


def _field_sites(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield (*path, key)
            yield from _field_sites(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield (*path, index)
            yield from _field_sites(sub, (*path, index))


@st.composite
def with_a_field_replaced(draw: st.DrawFn, name: str) -> Any:
    """A valid instance with one value, at any depth, replaced by any JSON value."""
    value = draw(valid(name))
    sites = list(_field_sites(value))
    if not sites:
        return draw(any_json_like())
    return _set(value, draw(st.sampled_from(sites)), draw(any_json_like()))


# --- bodies that must be refused -------------------------------------------------------------


def required_sites(
    value: Any, schema: Mapping[str, Any], path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path of an object, required key) for every required field present in ``value``.

    For ``oneOf``/``anyOf``, only the fields every branch requires count, and the branches are
    not entered: which one a value matches is ambiguous.
    """
    schema = merged(schema)
    branches = schema.get("oneOf") or schema.get("anyOf")
    if isinstance(value, dict) and branches:
        common = set.intersection(*(set(merged(b).get("required", [])) for b in branches))
        yield from ((path, key) for key in sorted(common) if key in value)
    elif isinstance(value, dict) and "properties" in schema:
        for key in schema.get("required", []):
            if key in value:
                yield path, key
        for key, sub in schema["properties"].items():
            if key in value:
                yield from required_sites(value[key], sub, (*path, key))
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            yield from required_sites(item, schema["items"], (*path, index))


@st.composite
def without_a_named_required_field(draw: st.DrawFn, name: str) -> tuple[Any, tuple[Any, ...], str]:
    """A valid instance of ``name`` with one required field (at any depth) removed, with
    where that field was (the path to its object, and its key)."""
    value = draw(valid(name))
    sites = list(required_sites(value, SCHEMAS[name]))
    if not sites and SCHEMAS[name].get("required"):
        raise ValueError(f"{name} has no required field to remove")
    # A schema whose top level is all optional (LLM Gateway's answers) has required fields
    # only in the parts a drawn value may leave out: draw again.
    assume(sites)
    path, key = draw(st.sampled_from(sites))
    return _delete(value, path, key), path, key


def without_a_required_field(name: str) -> st.SearchStrategy[Any]:
    """A valid instance of ``name`` with one required field (at any depth) removed."""
    return without_a_named_required_field(name).map(lambda found: found[0])


@st.composite
def unreadable_bodies(draw: st.DrawFn, name: str) -> bytes:
    """Bytes that are not a JSON object: not JSON at all, cut short, or another JSON value."""
    kind = draw(st.sampled_from(["bytes", "truncated", "not-an-object"]))
    if kind == "bytes":
        body = draw(st.binary(max_size=40) | st.text(max_size=40).map(str.encode))
    elif kind == "truncated":
        whole = json.dumps(draw(valid(name))).encode()
        body = whole[: draw(st.integers(min_value=0, max_value=len(whole) - 1))]
    else:
        other = st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.text(max_size=10),
            st.lists(any_json_like(), max_size=3),
        )
        return json.dumps(draw(other)).encode()
    try:
        decoded = json.loads(body)
    except ValueError:
        return body
    # The rare bytes that happen to be JSON: keep them only when they are not an object.
    return body if not isinstance(decoded, dict) else b"{" + body
