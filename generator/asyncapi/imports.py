"""Import blocks of generated modules: which names come from where."""

from __future__ import annotations

import io
import keyword
import re
import tokenize
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["RUNTIME_EXPORTS", "RUNTIME_NAMES", "import_block", "natural_key", "used_names"]

# Names the generated `_runtime.py` defines (kept in step with templates/runtime.py.jinja).
RUNTIME_NAMES = (
    "UNSET",
    "DecodeError",
    "Unset",
    "check_param",
    "extra_params",
    "param_bounds",
    "param_enum",
    "param_int",
    "param_list",
    "param_object",
    "require_param",
    "require_unless",
    "apply_renames",
    "as_any",
    "as_bool",
    "as_datetime",
    "as_enum",
    "as_float",
    "as_int",
    "as_list",
    "as_map",
    "as_nullable",
    "as_object",
    "as_str",
    "check_tag",
    "dispatch",
    "dispatch_server",
    "encode_query",
    "NUMBER_TYPES",
    "extra_fields",
    "fast_list",
    "get_optional",
    "get_present",
    "get_required",
    "load_json_object",
    "query_extra",
    "query_optional",
    "query_required",
    "read_field",
    "read_object",
    "report_deviation",
    "STRICT_READING",
    "to_wire",
    "unknown_member",
    "wire_values",
)

# The runtime names the package re-exports: the handwritten SDK dispatches server messages to
# its own subclasses with `dispatch_server`, reports its own departures and sends the messages
# it builds itself under the parameters' current names (`apply_renames`).
RUNTIME_EXPORTS = frozenset(
    {
        "UNSET",
        "DecodeError",
        "Unset",
        "STRICT_READING",
        "apply_renames",
        "dispatch_server",
        "report_deviation",
    }
)

# name -> (module, straight import?) for the standard library and attrs.
_EXTERNAL: dict[str, tuple[str, bool]] = {
    "difflib": ("difflib", True),
    "json": ("json", True),
    "logging": ("logging", True),
    "re": ("re", True),
    "ContextVar": ("contextvars", False),
    "attrs": ("attrs", True),
    "Callable": ("collections.abc", False),
    "Iterable": ("collections.abc", False),
    "Mapping": ("collections.abc", False),
    "Sequence": ("collections.abc", False),
    "UTC": ("datetime", False),
    "datetime": ("datetime", False),
    "Enum": ("enum", False),
    "Any": ("typing", False),
    "ClassVar": ("typing", False),
    "Final": ("typing", False),
    "Literal": ("typing", False),
    "Never": ("typing", False),
    "Protocol": ("typing", False),
    "Self": ("typing", False),
    "TypeAlias": ("typing", False),
    "TypeVar": ("typing", False),
    "cast": ("typing", False),
}
_THIRD_PARTY = frozenset({"attrs"})


def _isort_key(name: str) -> tuple[int, str, str]:
    if len(name) > 1 and name.isupper():
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, name.lower(), name


def _from_import(module: str, names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=_isort_key)
    return f"from {module} import {', '.join(ordered)}"


def import_block(used: Iterable[str], local: Mapping[str, str]) -> str:
    """The import section for the names a module uses (`local`: name -> sibling module)."""
    straight: set[str] = set()
    stdlib: dict[str, set[str]] = {}
    third: dict[str, set[str]] = {}
    third_straight: set[str] = set()
    siblings: dict[str, set[str]] = {}
    for name in used:
        if name in local:
            siblings.setdefault(local[name], set()).add(name)
        elif name in _EXTERNAL:
            module, is_straight = _EXTERNAL[name]
            if module in _THIRD_PARTY:
                if is_straight:
                    third_straight.add(module)
                else:
                    third.setdefault(module, set()).add(name)
            elif is_straight:
                straight.add(module)
            else:
                stdlib.setdefault(module, set()).add(name)
    sections = ["from __future__ import annotations"]
    std_lines = [f"import {m}" for m in sorted(straight)]
    std_lines += [_from_import(m, stdlib[m]) for m in sorted(stdlib)]
    third_lines = [f"import {m}" for m in sorted(third_straight)]
    third_lines += [_from_import(m, third[m]) for m in sorted(third)]
    local_lines = [
        _from_import(m if m.startswith(".") else f".{m}", siblings[m])
        for m in sorted(siblings, key=str.lower)
    ]
    for lines in (std_lines, third_lines, local_lines):
        if lines:
            sections.append("\n".join(lines))
    return "\n\n".join(sections)


def used_names(source: str) -> set[str]:
    """Names a module's code refers to (not attribute names, strings or comments)."""
    names: set[str] = set()
    previous = ""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and previous != "." and not keyword.iskeyword(token.string):
            names.add(token.string)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token.string
    return names


def natural_key(name: str) -> tuple[int, list[Any]]:
    """The order ruff's RUF022 wants for `__all__`: CONSTANTS, Classes, then the rest."""
    if len(name) > 1 and name.isupper():
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    parts: list[Any] = [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name) if p]
    return rank, parts
