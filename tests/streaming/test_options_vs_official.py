"""1.0's connection options, checked against the official 1.0.0 itself (in its side venv)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from assemblyai.streaming.v3 import StreamingClientOptions

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("ASSEMBLYAI_OFFICIAL_VENV_1", ROOT / "bench" / ".official-venv-1.0.0"))
FIELDS = (
    "connect_timeout",
    "max_connection_retries",
    "connection_retry_delay",
    "terminate_timeout",
)

PROBE = f"""
import json
from assemblyai.streaming.v3 import StreamingClientOptions
options = StreamingClientOptions()
print(json.dumps({{name: getattr(options, name) for name in {FIELDS!r}}}))
"""


def official_defaults() -> dict[str, object]:
    python = VENV / "bin" / "python"
    if not python.exists():
        pytest.skip(f"the official assemblyai 1.0.0 is not in {VENV}; `make official-venv-1`")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSEMBLYAI_", "PYTHON"))}
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [str(python), "-I", "-c", PROBE],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=60,
            check=True,
        )
    return dict(json.loads(done.stdout))


def test_the_connection_options_default_as_in_the_official_1_0() -> None:
    ours = StreamingClientOptions(api_key="k")
    assert {name: getattr(ours, name) for name in FIELDS} == official_defaults()


def test_the_connection_options_are_keywords_as_in_1_0() -> None:
    options = StreamingClientOptions(
        api_key="k",
        connect_timeout=2.5,
        max_connection_retries=0,
        connection_retry_delay=0.0,
        terminate_timeout=1.0,
    )
    assert (options.connect_timeout, options.max_connection_retries) == (2.5, 0)
    assert (options.connection_retry_delay, options.terminate_timeout) == (0.0, 1.0)
