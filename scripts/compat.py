"""`make compat`: the HTTP and websocket tests against the oldest and newest supported
httpx and websockets.

The bounds come from `[project].dependencies` in pyproject.toml, so changing a pin there is
all it takes. For each end ("oldest": httpx and websockets at their `>=` bound exactly;
"newest": whatever pip picks within the ranges) a scratch venv under `.compat/<end>/` gets the
test tools pinned in requirements-dev.txt, this project (editable, without dependencies) and
the runtime dependencies at that end; then pytest runs the suites that exercise httpx and
websockets.

    python scripts/compat.py [--ends oldest newest] [pytest args...]

Exit status 0 when every end passes; the summary names each end's versions and result.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".compat"
SUITES = ("tests/client", "tests/streaming", "tests/faults", "tests/e2e")
# The test tools these suites import (their exact pins are read from requirements-dev.txt).
TEST_TOOLS = (
    "pytest",
    "pytest-timeout",
    "hypothesis",
    "hypothesis-jsonschema",
    "jsonschema",
    "trustme",
    "pyyaml",
    # tests/streaming walks the AsyncAPI description with the generator's parser, whose
    # package imports the templates' engine.
    "jinja2",
)
CHECKED = ("httpx", "websockets")
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$")


def runtime_requirements() -> dict[str, str]:
    """Each runtime dependency's name and version specifier (the `extras` extra's too, which
    the microphone tests import), as pyproject.toml states it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found: dict[str, str] = {}
    for line in [*project["dependencies"], *project["optional-dependencies"]["extras"]]:
        match = _REQUIREMENT.match(line)
        if match is None:
            raise SystemExit(f"cannot read the dependency {line!r} in pyproject.toml")
        found[match.group(1).lower()] = match.group(2).replace(" ", "")
    missing = [name for name in CHECKED if name not in found]
    if missing:
        raise SystemExit(f"pyproject.toml does not list {', '.join(missing)} as dependencies")
    return found


def oldest(name: str, specifier: str) -> str:
    """NAME pinned to the lower bound of SPECIFIER (which must have a `>=` bound)."""
    bounds = [part[2:] for part in specifier.split(",") if part.startswith(">=")]
    if len(bounds) != 1:
        raise SystemExit(
            f"{name}{specifier}: `make compat` needs exactly one `>=` lower bound to test the "
            "oldest supported version; add one in pyproject.toml"
        )
    return f"{name}=={bounds[0]}"


def test_tools() -> list[str]:
    pins: list[str] = []
    for line in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines():
        name = line.split("==")[0].strip().lower()
        if name in TEST_TOOLS:
            pins.append(line.strip())
    return pins


def _run(cmd: list[str]) -> int:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def prepare(end: str, requirements: dict[str, str]) -> Path:
    """The venv for END with the runtime dependencies at that end; its python."""
    home = WORK / end
    python = home / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if _run([*pip, *test_tools()]) or _run([*pip, "--no-deps", "-e", "."]):
        raise SystemExit(f"cannot prepare {home}")
    wanted = [
        oldest(name, spec) if end == "oldest" and name in CHECKED else f"{name}{spec}"
        for name, spec in requirements.items()
    ]
    # --upgrade: a venv kept from an earlier run moves to today's newest release.
    if _run([*pip, "--upgrade", *wanted]):
        raise SystemExit(f"pip cannot install {' '.join(wanted)} into {home}")
    return python


def installed(python: Path) -> str:
    code = (
        "import importlib.metadata as m; "
        f"print(', '.join(f'{{n}} {{m.version(n)}}' for n in {CHECKED!r}))"
    )
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--ends", nargs="+", choices=("oldest", "newest"), default=["oldest", "newest"]
    )
    args, pytest_args = parser.parse_known_args(argv)
    requirements = runtime_requirements()
    results: list[tuple[str, str, int]] = []
    for end in args.ends:
        python = prepare(end, requirements)
        versions = installed(python)
        print(f"\n=== {end}: {versions}", flush=True)
        code = _run([str(python), "-m", "pytest", "-q", "-p", "no:randomly", *SUITES, *pytest_args])
        results.append((end, versions, code))
    print("\nmake compat:")
    for end, versions, code in results:
        print(f"  {end:<7} {versions}: {'passed' if code == 0 else f'FAILED (pytest exit {code})'}")
    return 0 if all(code == 0 for _, _, code in results) else 1


if __name__ == "__main__":
    sys.exit(main())
