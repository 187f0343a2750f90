"""Load API description files and tell what kind each one is.

YAML is read with YAML 1.2 core-schema rules (what OpenAPI tooling expects), not PyYAML's
YAML 1.1 defaults: `no` (the Norwegian language code) stays a string, dates stay strings,
`010` is ten. Mapping keys are always strings (`200:` and `"200":` mean the same response).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SpecKind", "classify", "load_document", "load_spec_dir"]


class SpecKind(StrEnum):
    OPENAPI = "openapi"
    ASYNCAPI_3 = "asyncapi3"
    ASYNCAPI_2 = "asyncapi2"


class _Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit scalars only."""


_Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS: list[tuple[str, str, str]] = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = str(loader.construct_scalar(node)).lower()  # type: ignore[arg-type]
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _string_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def load_document(path: Path) -> dict[str, Any]:
    """Parse one YAML or JSON description file into plain JSON-compatible data."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_Yaml12Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    result: dict[str, Any] = _string_keys(data)
    return result


def classify(doc: dict[str, Any]) -> SpecKind | None:
    """Tell the kind of a description document by its content (never by its file name)."""
    if isinstance(doc.get("openapi"), str) and doc["openapi"].startswith("3."):
        return SpecKind.OPENAPI
    version = doc.get("asyncapi")
    if isinstance(version, str):
        if version.startswith("3."):
            return SpecKind.ASYNCAPI_3
        if version.startswith("2."):
            return SpecKind.ASYNCAPI_2
    return None


def load_spec_dir(spec_dir: Path) -> dict[str, tuple[SpecKind, dict[str, Any]]]:
    """Every description file in SPEC_DIR (not recursive), keyed by file name, sorted."""
    found: dict[str, tuple[SpecKind, dict[str, Any]]] = {}
    for path in sorted(spec_dir.iterdir()):
        if not path.is_file() or path.suffix not in {".yml", ".yaml", ".json"}:
            continue
        doc = load_document(path)
        kind = classify(doc)
        if kind is None:
            continue
        found[path.name] = (kind, doc)
    return found
