"""`make sysdeps` on a machine without Debian's tools: it says what is skipped and succeeds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_sysdeps_without_apt_get_explains_and_succeeds(tmp_path: Path) -> None:
    make = shutil.which("make")
    id_tool = shutil.which("id")
    assert make is not None and id_tool is not None  # the suite itself is started by make
    bare = tmp_path / "bin"  # a PATH without apt-get, dpkg, pkg-config or sudo
    bare.mkdir()
    (bare / "id").symlink_to(id_tool)
    result = subprocess.run(
        [make, "-s", "-C", str(ROOT), "sysdeps"],
        env={**os.environ, "PATH": str(bare)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no apt-get" in result.stdout
    assert "microphone tests are skipped" in result.stdout
    assert "sudo" not in result.stderr  # nothing tried to run it
