"""The streaming scale benchmark's harness runs end to end at 2 sessions (a smoke test: what
it prints and returns has the right shape; no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "streaming_scale.py"
OFFICIAL = ROOT / "bench" / ".official-venv-1.0.0"

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize(
    "sdk",
    [
        "ours",
        pytest.param(
            "official",
            marks=pytest.mark.skipif(
                not (OFFICIAL / ".installed").exists(),
                reason=f"the official assemblyai 1.0.0 is not installed in {OFFICIAL}; "
                "`make official-venv-1` (part of `make test`) installs it",
            ),
        ),
    ],
)
def test_two_sessions(sdk: str, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sessions",
            "2",
            "--seconds",
            "0.8",
            "--sdk",
            sdk,
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=110,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (result,) = json.loads(out.read_text())
    assert result["sdk"] == sdk and result["sessions"] == 2
    assert result["failed"] == [], result["failed"]
    assert result["connected"] == 2
    assert result["turns"] == result["turns_expected"] == 4  # two words each, one Turn a word
    assert set(result["latency_ms"]) == {"p50", "p95", "p99", "max"}
    assert all(isinstance(v, float) and v >= 0 for v in result["latency_ms"].values())
    assert isinstance(result["kib_per_session"], float)
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("| sessions |"))
    assert "chunk→Turn p50" in header and "memory / session" in header
    row = next(line for line in lines if line.startswith("| 2 |"))
    assert "✓ 4 words answered" in row
    assert any(line.startswith("largest count with p95 chunk→Turn under 50 ms") for line in lines)
