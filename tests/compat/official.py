"""Running the driver under the official SDK 0.45.4, in its side venv.

``make test`` (and ``make bench``) build the venv with ``pip install assemblyai==0.45.4``;
run directly without it, the compat tests skip and say how to build it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import driver

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("ASSEMBLYAI_OFFICIAL_VENV", ROOT / "bench" / ".official-venv"))
PYTHON = VENV / "bin" / "python"
DRIVER = Path(driver.__file__).resolve()

__all__ = ["PYTHON", "missing_reason", "run_official", "run_ours"]


def missing_reason() -> str | None:
    """Why the official SDK cannot be run, or None when it can."""
    if not (VENV / ".installed").exists():
        return (
            f"the official assemblyai 0.45.4 is not installed in {VENV}; "
            "`make official-venv` (part of `make test`) installs it from PyPI"
        )
    return None


def run_official(request: Mapping[str, Any]) -> Any:
    """The driver's answer to ``request`` under 0.45.4 (one subprocess for the whole batch)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSEMBLYAI_", "PYTHON"))}
    # The driver's own directory goes first on sys.path; the cwd keeps our package out of reach.
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [str(PYTHON), "-I", str(DRIVER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=120,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the driver failed under 0.45.4:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def run_ours(request: Mapping[str, Any]) -> Any:
    """The driver's answer to ``request`` under our SDK, in this process (JSON round trip, so
    both answers compare as the same kinds of values)."""
    assert "assemblyai" not in sys.modules or "bench" not in str(sys.modules["assemblyai"].__file__)
    return json.loads(json.dumps(driver.run(request)))
