"""The ``make verifytypes`` gate: pyright's type completeness of the public API, with a floor.

Runs ``pyright --verifytypes assemblyai --ignoreexternal --outputjson`` and fails when its
``typeCompleteness.completenessScore`` is under the floor, listing the public symbols pyright
could not type (the ones to fix first). Usage::

    python tests/typing/verifytypes.py --pyright build/pyright/node_modules/.bin/pyright

pyright finds the package through the ``python`` on ``PATH``, so run it with the project's
venv first on ``PATH`` (the Makefile target does).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence

__all__ = ["MINIMUM", "check", "incomplete_symbols", "score_of"]

MINIMUM = 0.95
PACKAGE = "assemblyai"


def score_of(report: Mapping[str, object]) -> float:
    """The completeness score in a ``--outputjson`` report (ValueError when it has none)."""
    completeness = report.get("typeCompleteness")
    if not isinstance(completeness, Mapping):
        raise ValueError("pyright's report has no typeCompleteness section.")
    score = completeness.get("completenessScore")
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        raise ValueError(f"pyright's completenessScore is not a number: {score!r}.")
    # pyright answers 0 with a diagnostic when it cannot find the package at all.
    if completeness.get("exportedSymbolCounts") == {
        "withKnownType": 0,
        "withAmbiguousType": 0,
        "withUnknownType": 0,
    }:
        raise ValueError(
            f"pyright found no public symbols in {PACKAGE!r}: is the project's venv first on "
            "PATH, with the package installed in it?"
        )
    return float(score)


def incomplete_symbols(report: Mapping[str, object]) -> list[str]:
    """``name: first problem`` for each public symbol whose type pyright calls ambiguous or
    unknown (docstring complaints left out: they do not count in the score)."""
    completeness = report.get("typeCompleteness")
    symbols = completeness.get("symbols", []) if isinstance(completeness, Mapping) else []
    lines: list[str] = []
    for symbol in symbols if isinstance(symbols, list) else []:
        if not isinstance(symbol, Mapping) or not symbol.get("isExported"):
            continue
        if symbol.get("isTypeKnown") and not symbol.get("isTypeAmbiguous"):
            continue
        problems = [
            str(d.get("message", "")).splitlines()[0]
            for d in symbol.get("diagnostics", [])
            if isinstance(d, Mapping) and "docstring" not in str(d.get("message", ""))
        ]
        if problems:
            lines.append(f"{symbol.get('name')}: {problems[0]}")
    return lines


def check(report: Mapping[str, object], minimum: float = MINIMUM) -> tuple[bool, str]:
    """Whether the report reaches ``minimum``, and the message to print either way."""
    score = score_of(report)
    if score >= minimum:
        return True, f"pyright type completeness of {PACKAGE}: {score:.1%} (floor {minimum:.0%})"
    listed = "\n  ".join(incomplete_symbols(report)[:40])
    return False, (
        f"pyright type completeness of {PACKAGE} is {score:.1%}, under the {minimum:.0%} floor. "
        f"Annotate these public symbols (first problem of each):\n  {listed}"
    )


def run_pyright(pyright: str) -> dict[str, object]:
    """pyright's ``--verifytypes`` report as parsed JSON."""
    done = subprocess.run(
        [pyright, "--verifytypes", PACKAGE, "--ignoreexternal", "--outputjson"],
        capture_output=True,
        text=True,
        check=False,
    )
    # pyright exits 1 whenever it lists a problem, so the exit code says nothing here.
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise SystemExit(
            f"pyright did not answer with JSON (exit {done.returncode}): "
            f"{(done.stderr or done.stdout).strip()[:2000]}"
        ) from exc
    if not isinstance(report, dict):
        raise SystemExit(f"pyright's JSON is not an object: {str(report)[:200]}")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyright", required=True, help="the pyright executable to run")
    parser.add_argument("--minimum", type=float, default=MINIMUM, help="the floor, 0..1")
    args = parser.parse_args(argv)
    try:
        ok, message = check(run_pyright(args.pyright), args.minimum)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
