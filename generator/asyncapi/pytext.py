"""Python text for model values: string literals, JSON literals, docstrings, one-line code.

Docstrings are wrapped here (ruff does not wrap prose); code is not laid out at all.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence

__all__ = [
    "LINE_LENGTH",
    "declaration",
    "docstring",
    "exploded",
    "fit_call",
    "pyliteral",
    "pystr",
    "sentence",
    "tuple_item",
    "type_alias",
]

LINE_LENGTH = 100


def pystr(text: str) -> str:
    """A Python string literal in the quote style `ruff format` settles on."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]  # escapes \ " and control characters
    if '"' in text and "'" not in text:
        return "'" + body.replace('\\"', '"') + "'"
    return '"' + body + '"'


def pyliteral(value: object) -> str:
    """Python source for JSON data (used for defaults)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return pystr(value)
    if isinstance(value, list):
        return "[" + ", ".join(pyliteral(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{pystr(str(k))}: {pyliteral(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(f"not JSON data: {value!r}")


def _clean(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').replace("\t", "    ")
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _paragraphs(text: str) -> list[str]:
    """Split prose into paragraphs; lines inside a paragraph are joined (markdown style)."""
    result: list[str] = []
    for block in re.split(r"\n\s*\n", _clean(text)):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            result.append(" ".join(lines))
    return result


def docstring(blocks: Sequence[str | tuple[str, str]], indent: int) -> str:
    """A docstring at `indent`: prose paragraphs, then `(name, text)` attribute entries.

    Returns the text starting with the opening quotes (the caller indents that first line).
    """
    pad = " " * indent
    width = LINE_LENGTH - indent
    paragraphs: list[str] = []
    attributes: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, tuple):
            attributes.append(block)
        else:
            paragraphs.extend(_paragraphs(block))
    if not paragraphs:
        paragraphs = ["(No description.)"]
    summary = paragraphs[0]
    if not attributes and len(paragraphs) == 1:
        single = f'"""{summary}"""'
        if len(single) <= width and not summary.endswith('"'):
            return single
    lines = textwrap.wrap(summary, width - 3, break_long_words=False, break_on_hyphens=False)
    out = ['"""' + lines[0]] + [pad + line for line in lines[1:]]
    for paragraph in paragraphs[1:]:
        out.append("")
        out.extend(
            pad + line
            for line in textwrap.wrap(
                paragraph, width, break_long_words=False, break_on_hyphens=False
            )
        )
    if attributes:
        out.append("")
        out.append(pad + "Attributes:")
        for name, text in attributes:
            entry = f"{name}: {' '.join(_paragraphs(text)) or '(No description.)'}"
            wrapped = textwrap.wrap(
                entry,
                width - 4,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            out.extend(pad + "    " + line for line in wrapped)
    out.append(pad + '"""')
    return "\n".join(out)


def sentence(text: str) -> str:
    """`text` ending with a full stop, so that notes can be appended after it."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else text + "."


def _pad(indent: int) -> str:
    return " " * indent


# The helpers below only join code into one line at the right indentation: `ruff format`
# (run on every generated package, see `formatting.py`) owns the layout.


def fit_call(indent: int, head: str, args: Sequence[str], tail: str) -> str:
    """`head + args + tail` on one line; `head` ends with `(` and `tail` starts with `)`."""
    return f"{_pad(indent)}{head}{', '.join(args)}{tail}"


def exploded(indent: int, head: str, items: Sequence[str], tail: str, *, tuple_: bool) -> str:
    """A bracketed display of `items`; a one-element tuple gets its comma."""
    parts = [item.removesuffix(",") for item in items]
    comma = "," if tuple_ and len(parts) == 1 else ""
    return f"{_pad(indent)}{head}{', '.join(parts)}{comma}{tail}"


def type_alias(name: str, members: Sequence[str]) -> str:
    """`name: TypeAlias = A | B | ...` (`Never` for no member)."""
    return f"{name}: TypeAlias = {' | '.join(members) if members else 'Never'}"


def tuple_item(indent: int, items: Sequence[str]) -> str:
    """A tuple display used as an element of another display."""
    del indent
    return f"({', '.join(items)})"


def declaration(indent: int, name: str, annotation_: str, default: str = "") -> str:
    """`name: annotation = default` in a class body."""
    tail = f" = {default}" if default else ""
    return f"{_pad(indent)}{name}: {annotation_}{tail}"
