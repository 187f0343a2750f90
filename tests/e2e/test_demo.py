"""``make demo`` runs examples/demo.py: it must work offline, end to end, and say what it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo.py"


def test_demo_runs_against_the_sandbox() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSEMBLYAI_")}
    result = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "does not recognise speech" in out
    text = (DEMO.parent / "sample.txt").read_text(encoding="utf-8").strip()
    assert text in out
    assert "00:00:00,000 --> " in out
    assert "'sandbox': 1 time(s)" in out
    # LeMUR's 0.45.4 calls, answered by LLM Gateway's chat completions.
    assert "== LeMUR, on llm_gateway (http://127.0.0.1:" in out
    assert "Q: Was this made with a speech synthesizer?\nA: yes" in out
    assert "turn 0: Welcome to the AssemblyAI Python SDK demo." in out
    assert "session terminated" in out
