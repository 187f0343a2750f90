"""AsyncAPI 2.x / 3.0 -> Python generator for the streaming (websocket) APIs.

    python -m generator.asyncapi SPEC OUT

Pipeline: `load_file` (YAML 1.2) -> `normalize` (repairs of published-file defects) ->
`parse` (-> `model.Document`, raising `GeneratorError` with a JSON pointer) -> `render`
(jinja2 templates in `templates/`) -> a package at OUT with `__init__.py`, `_runtime.py`,
`enums.py`, `messages.py` and `connection.py`. The output is deterministic, already
formatted for ruff (line length 100), type-checks under `mypy --strict`, and imports only
attrs and the standard library.
"""

from __future__ import annotations

from pathlib import Path

from .model import Document
from .normalize import normalize
from .parse import GeneratorError, load_file, parse, parse_file
from .render import render, render_sources

__all__ = [
    "Document",
    "GeneratorError",
    "generate",
    "load_file",
    "normalize",
    "parse",
    "parse_file",
    "render",
    "render_sources",
]


def generate(spec_path: Path, out_dir: Path) -> list[Path]:
    """Generate the package for the AsyncAPI file `spec_path` into `out_dir`.

    Returns the written files, sorted. Raises `GeneratorError` for a document that cannot
    be generated from; nothing is written then.
    """
    document = parse_file(Path(spec_path))
    return render(document, Path(out_dir))
