"""Our spec/ generates everything the published API description generates, identically.

Both descriptions go through the real pipeline (the published files through the
normalising pre-pass) into temporary packages; the generated code is then compared by
introspection: endpoint modules (HTTP method, path, operation name), model classes, their
fields (python type, required-ness; attrs fields, or the constructor's keywords for record
models) and enum members. Ours may have more (the
operations the published file only has as comments), never less or different, with one
documented exceptions, both listed in spec/SOURCE.toml: a "nullable" addition may also admit
None (the API sends null there), and an "enum-typed" one has its `str` replaced by the named
enum; neither may differ in anything else.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import tomllib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

from generator.codegen_view import response_only_schemas
from generator.regenerate import Inputs, build

REPO = Path(__file__).resolve().parents[2]
OUR_SPEC = REPO / "spec"
PUBLISHED = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "spec"

pytestmark = pytest.mark.skipif(
    not PUBLISHED.is_dir(), reason=f"the published API description is not present at {PUBLISHED}"
)

_ADDITIONS = tomllib.loads((OUR_SPEC / "SOURCE.toml").read_text(encoding="utf-8"))["additions"]
# Fields our spec marks nullable where the published one does not (spec/SOURCE.toml).
NULLABLE_ADDITIONS = {entry["where"] for entry in _ADDITIONS if entry["kind"] == "nullable"}
# Fields our spec types as a named enum where the published one says string: field -> enum.
ENUM_TYPED_ADDITIONS = {
    entry["where"]: entry["enum"] for entry in _ADDITIONS if entry["kind"] == "enum-typed"
}

_METHOD = re.compile(r'"method": "(\w+)"')
_URL = re.compile(r'"url": "([^"]+)"')


@dataclass
class Catalogue:
    """What one generated REST package contains."""

    operations: dict[str, str] = field(default_factory=dict)  # "GET /path" -> module name
    models: dict[str, dict[str, tuple[str, bool]]] = field(
        default_factory=dict
    )  # field -> (type, required)
    enums: dict[str, set[Any]] = field(default_factory=dict)


def _split_union(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if ch == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return parts


def normalise_type(text: str) -> str:
    """`None | str | Unset` and `str | None | Unset` are the same type."""
    members = []
    for part in _split_union(text):
        m = re.fullmatch(r"([\w.]+)\[(.*)\]", part)
        if m:
            inner = ", ".join(normalise_type(x) for x in m.group(2).split(", "))
            part = f"{m.group(1)}[{inner}]"
        members.append(part)
    return " | ".join(sorted(set(members)))


def catalogue(package: str, root: Path) -> Catalogue:
    cat = Catalogue()
    models = importlib.import_module(f"{package}.rest.models")
    for name in models.__all__:
        obj = getattr(models, name)
        if isinstance(obj, type) and issubclass(obj, Enum):
            cat.enums[name] = {m.value for m in obj}
        elif attrs.has(obj):
            cat.models[name] = {
                f.name: (normalise_type(str(f.type)), f.default is attrs.NOTHING)
                for f in attrs.fields(obj)
                if f.name != "additional_properties"
            }
        elif isinstance(obj, type) and issubclass(obj, tuple):
            # A record model (an immutable tuple): its fields are its constructor's keywords.
            parameters = inspect.signature(obj.__new__).parameters.values()
            cat.models[name] = {
                p.name: (normalise_type(str(p.annotation)), p.default is inspect.Parameter.empty)
                for p in parameters
                if p.kind is inspect.Parameter.KEYWORD_ONLY and p.name != "additional_properties"
            }
    for module in sorted((root / package / "rest" / "api").rglob("*.py")):
        if module.name == "__init__.py":
            continue
        source = module.read_text(encoding="utf-8")
        method, url = _METHOD.search(source), _URL.search(source)
        assert method and url, module
        cat.operations[f"{method.group(1).upper()} {url.group(1)}"] = module.stem
    return cat


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Catalogue, Catalogue]]:
    root = tmp_path_factory.mktemp("coverage")
    tag = uuid.uuid4().hex[:8]
    ours, published = f"_ours_{tag}", f"_published_{tag}"
    build(OUR_SPEC, root / ours)
    build(PUBLISHED, root / published)
    sys.path.insert(0, str(root))
    try:
        yield catalogue(ours, root), catalogue(published, root)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.startswith((ours, published))]:
            del sys.modules[name]


def test_our_spec_covers_the_published_one(
    generated: tuple[Catalogue, Catalogue], coverage_lines: list[str]
) -> None:
    ours, published = generated
    problems, line = compare(ours, published)
    print(line)
    coverage_lines.append(line)
    assert not problems, "\n".join(problems)
    assert published.operations and published.models and published.enums


def compare(ours: Catalogue, published: Catalogue) -> tuple[list[str], str]:
    """Every way OURS lacks or differs from PUBLISHED (beyond the listed additions), and the
    coverage line."""
    problems: list[str] = []

    ops_ok = 0
    for op, module in sorted(published.operations.items()):
        if ours.operations.get(op) == module:
            ops_ok += 1
        else:
            problems.append(f"operation {op} ({module}): ours has {ours.operations.get(op)!r}")

    # A model only answers use takes every field as optional (generator/codegen_view.py); the
    # published description may not reach a schema from any response, where ours does.
    answers_only = response_only_schemas(Inputs(OUR_SPEC).rest_document)
    models_ok = fields_ok = fields_total = 0
    for name, fields in sorted(published.models.items()):
        our_fields = ours.models.get(name)
        if name in answers_only:
            fields = {fname: (spec[0], False) for fname, spec in fields.items()}
        if our_fields is None:
            problems.append(f"model {name}: missing from ours")
        else:
            models_ok += 1
        for fname, spec in sorted(fields.items()):
            fields_total += 1
            mine = (our_fields or {}).get(fname)
            nullable = f"{name}.{fname}" in NULLABLE_ADDITIONS
            enum_typed = ENUM_TYPED_ADDITIONS.get(f"{name}.{fname}")
            if enum_typed and mine is not None:
                retyped = re.sub(r"\bstr\b", enum_typed, spec[0])
                expected = (normalise_type(retyped), spec[1])
                if mine == expected and mine != spec:
                    fields_ok += 1
                else:
                    problems.append(f"field {name}.{fname}: should be {expected}, ours {mine}")
            elif nullable and mine is not None:
                expected = (normalise_type(f"{spec[0]} | None"), spec[1])
                # A nullable inline object keeps the object's type (generator/codegen_view.py).
                if mine in (expected, spec):
                    fields_ok += 1
                else:
                    problems.append(f"field {name}.{fname}: should be {expected}, ours {mine}")
            elif mine == spec:
                fields_ok += 1
            elif our_fields is not None:
                problems.append(f"field {name}.{fname}: published {spec}, ours {mine}")

    enums_ok = enums_total = 0
    for name, values in sorted(published.enums.items()):
        our_values = ours.enums.get(name)
        if our_values is None:
            problems.append(f"enum {name}: missing from ours")
        else:
            models_ok += 1
        for value in sorted(values, key=str):
            enums_total += 1
            if our_values is not None and value in our_values:
                enums_ok += 1
            elif our_values is not None:
                problems.append(f"enum {name}: value {value!r} missing from ours")

    models_total = len(published.models) + len(published.enums)
    line = (
        f"spec coverage: operations {ops_ok}/{len(published.operations)}, "
        f"models {models_ok}/{models_total}, fields {fields_ok}/{fields_total}, "
        f"enum values {enums_ok}/{enums_total}"
    )
    return problems, line


def test_ours_keeps_the_operations_published_only_as_comments(
    generated: tuple[Catalogue, Catalogue],
) -> None:
    ours, published = generated
    extra = set(ours.operations) - set(published.operations)
    assert {"POST /lemur/v3/generate/action-items", "POST /v2/realtime/token"} <= extra, sorted(
        extra
    )


def test_type_normalisation() -> None:
    assert normalise_type("str | None | Unset") == normalise_type("None | str | Unset")
    assert normalise_type("list[A | B] | Unset") == normalise_type("Unset | list[B | A]")
