"""Running the 1.0 driver under the official SDK 1.0.0, in its side venv.

``make pytest`` builds the venv (``make official-venv-1``: ``pip install assemblyai==1.0.0``);
run directly without it, these tests skip and say how to build it.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import driver

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("ASSEMBLYAI_OFFICIAL_VENV_1", ROOT / "bench" / ".official-venv-1.0.0"))
PYTHON = VENV / "bin" / "python"
DRIVER = Path(driver.__file__).resolve()

__all__ = ["missing_reason", "run_official", "run_ours"]


def missing_reason() -> str | None:
    """Why the official SDK 1.0.0 cannot be run, or None when it can."""
    if not (VENV / ".installed").exists():
        return (
            f"the official assemblyai 1.0.0 is not installed in {VENV}; "
            "`make official-venv-1` (part of `make pytest`) installs it from PyPI"
        )
    return None


def run_official(request: Mapping[str, Any]) -> Any:
    """The driver's answer to ``request`` under 1.0.0 (one subprocess for the whole batch)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSEMBLYAI_", "PYTHON"))}
    # -I: the driver's directory is not on sys.path and the cwd keeps our package out of reach;
    # the driver adds the two test directories it needs itself.
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [str(PYTHON), "-I", "-W", "ignore", str(DRIVER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=180,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the driver failed under 1.0.0:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def run_ours(request: Mapping[str, Any]) -> Any:
    """The driver's answer under our SDK, in this process, through a JSON round trip."""
    import assemblyai

    assert "official-venv" not in str(assemblyai.__file__)
    return json.loads(json.dumps(driver.run(request)))
