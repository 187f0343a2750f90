"""AsyncAPI 2.x / 3.0 -> Python generator for the streaming (websocket) APIs.

    python -m generator.asyncapi SPEC OUT

Pipeline: `load_file` (YAML 1.2) -> `normalize` (repairs of published-file defects) ->
`parse` (-> `model.Document`, raising `GeneratorError` with a JSON pointer) -> `render`
(jinja2 templates in `templates/`, the values from `views.py`) -> `ruff` (`formatting.py`)
-> a package at OUT with `__init__.py`, `enums.py`, `messages.py`, `connection.py` and
`parameters.py`, plus the runtime helpers: its own `_runtime.py`, or, for several packages
side by side, one shared module written by `write_runtime` (see `generate`). The output is
deterministic, type-checks under `mypy --strict`, and imports only attrs and the standard
library.

Module map: `resolve` (errors, `$ref`s), `names`, `schemas`, `channel` (query, headers,
close codes), `parse` (messages, the document); `pytext`, `pytypes`, `imports`, `views`,
`render`, `formatting`.
"""

from __future__ import annotations

from pathlib import Path

from .formatting import format_paths
from .model import Document
from .normalize import normalize
from .packages import SHARED_RUNTIME, package_name, package_names
from .parse import GeneratorError, load_file, parse, parse_file
from .render import render, render_runtime, render_sources

__all__ = [
    "SHARED_RUNTIME",
    "Document",
    "GeneratorError",
    "generate",
    "load_file",
    "normalize",
    "package_name",
    "package_names",
    "parse",
    "parse_file",
    "render",
    "render_runtime",
    "render_sources",
    "write_runtime",
]


def generate(spec_path: Path, out_dir: Path, *, shared_runtime: str | None = None) -> list[Path]:
    """Generate the package for the AsyncAPI file `spec_path` into `out_dir`.

    `shared_runtime` is the relative module the package imports its helpers from (for
    `.._asyncapi_runtime`, write it with `write_runtime(out_dir.parent / "_asyncapi_runtime.py")`);
    None gives the package its own `_runtime.py`.

    Returns the written files, sorted. Raises `GeneratorError` for a document that cannot
    be generated from; nothing is written then.
    """
    document = parse_file(Path(spec_path))
    written = render(document, Path(out_dir), shared_runtime)
    format_paths(written)
    return written


def write_runtime(path: Path) -> Path:
    """Write the runtime module that several generated packages share to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_runtime(), encoding="utf-8", newline="\n")
    format_paths([path])
    return path
