"""`ruff` over generated code: imports sorted and pruned, then formatted (line length 100).

The renderer writes code on single lines and leaves the layout to `ruff format`, the way
`generator/regenerate.py` treats the REST package; both use the same settings, so formatting
twice changes nothing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .resolve import GeneratorError

__all__ = ["RUFF_SETTINGS", "format_paths"]

RUFF_SETTINGS = ("--isolated", "--no-cache", "--line-length", "100", "--target-version", "py311")


def _ruff(args: Sequence[str]) -> None:
    cmd = [sys.executable, "-m", "ruff", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        raise GeneratorError("#", f"ruff {args[0]} failed on the generated code:\n{output}")


def format_paths(paths: Sequence[Path]) -> None:
    """Sort and prune the imports of `paths` (files or directories), then format them."""
    targets = [str(p) for p in paths]
    if not targets:
        return
    _ruff(["check", *RUFF_SETTINGS, "--fix-only", "--select", "E4,E7,E9,F,I", "--quiet", *targets])
    _ruff(["format", *RUFF_SETTINGS, "--quiet", *targets])
