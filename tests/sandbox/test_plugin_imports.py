"""Having the SDK installed costs a user's pytest run nothing until it asks for the sandbox.

pytest imports every installed ``pytest11`` plugin into every run, so the plugin module must
not import ``assemblyai`` (whose import loads settings, enums and generated models), the
sandbox, or websockets. These tests run pytest in a fresh project directory with this venv,
where the SDK is installed, and read ``sys.modules`` at the end of the session.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CONFTEST = textwrap.dedent(
    """
    import json
    import os
    import sys


    def pytest_sessionfinish(session, exitstatus):
        loaded = sorted(
            name
            for name in sys.modules
            if name == "assemblyai"
            or name.startswith(("assemblyai.", "websockets"))
        )
        plugin = session.config.pluginmanager.get_plugin("assemblyai")
        with open(os.environ["REPORT_PATH"], "w") as report:
            json.dump({"loaded": loaded, "plugin": getattr(plugin, "__name__", None)}, report)
    """
)


def _run_pytest(project: Path, test_source: str) -> dict[str, object]:
    import json

    (project / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (project / "test_user.py").write_text(textwrap.dedent(test_source), encoding="utf-8")
    report = project / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=project,
        env={"PATH": "/usr/bin:/bin", "REPORT_PATH": str(report)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return result


def test_a_run_that_does_not_use_the_sandbox_imports_nothing_of_the_sdk(
    tmp_path: Path,
) -> None:
    result = _run_pytest(tmp_path, "def test_arithmetic():\n    assert 1 + 1 == 2\n")
    assert result["plugin"] == "_assemblyai_pytest_plugin"  # the plugin is loaded...
    assert result["loaded"] == []  # ...and brought nothing in: no sandbox, websockets, models


def test_the_fixture_still_loads_the_sandbox_when_asked_for(tmp_path: Path) -> None:
    result = _run_pytest(
        tmp_path,
        """
        import assemblyai as aai


        def test_sandbox(assemblyai_fake):
            assert aai.settings.base_url == assemblyai_fake.base_url
        """,
    )
    loaded = result["loaded"]
    assert isinstance(loaded, list)
    assert "assemblyai.testing._fake" in loaded
    assert any(name.startswith("assemblyai._generated") for name in loaded)
