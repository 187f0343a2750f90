"""Regenerate `assemblyai/_generated/` from the API description (`make regen`).

    python -m generator.regenerate [--spec-dir DIR] [--out DIR] [--check]

Steps (all deterministic: no timestamps, no absolute paths, sorted everything):

1. Load every description file in DIR and tell its kind by content: OpenAPI 3.x files are
   normalised (`generator/normalize.py`) and merged (`generator/merge.py`) into one REST
   document; the AsyncAPI 3.x file describes the v3 streaming protocol, the AsyncAPI 2.x
   file the legacy realtime one.
2. Run openapi-python-client on the merged document (through `codegen_view`) with
   `generator/config.yml` and the overrides in `generator/templates/` -> `OUT/rest/`;
   run `generator.asyncapi.generate` -> `OUT/streaming/` and `OUT/realtime/`.
3. Write `OUT/__init__.py` and `OUT/specs/` (the documents as JSON package data), put the
   do-not-edit header on the first line of every .py file, `ruff check --fix-only` (imports)
   and `ruff format`, then `OUT/MANIFEST.json` (input hashes and tool versions).

4. Describe the public surface of the package built on the new tree (`generator/surface_report`),
   print what changed since the committed snapshot `spec/surface.lock.json` (breaking
   changes flagged) and rewrite the snapshot.

With `--check`, everything is generated into a temporary directory and compared with OUT and
the snapshot; any difference is printed (files as unified diffs, the surface as the report),
exit code 1. Neither OUT nor the snapshot is touched.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .codegen_view import codegen_view
from .merge import merge_openapi
from .normalize import normalize
from .package_data import prune_unused_rest_modules, write_specs_package
from .specload import SpecKind, load_spec_dir
from .surface import OVERLAY
from .surface import generate as generate_surface
from .surface_report import SNAPSHOT, SurfaceError, compare, describe, format_report, write_snapshot

__all__ = ["RegenError", "build", "compare_trees", "main"]

GENERATOR_DIR = Path(__file__).resolve().parent
REPO_ROOT = GENERATOR_DIR.parent
CONFIG = GENERATOR_DIR / "config.yml"
TEMPLATES = GENERATOR_DIR / "templates"
ASYNCAPI_DIR = GENERATOR_DIR / "asyncapi"
DEFAULT_OUT = Path("assemblyai/_generated")

HEADER_MARK = "DO NOT EDIT."
RUFF_SETTINGS = ("--isolated", "--no-cache", "--line-length", "100", "--target-version", "py311")
PACKAGE_DOC = (
    "Everything under `assemblyai/_generated/` is rewritten by `make regen`; change `spec/`, "
    "`generator/config.yml` or a template in `generator/templates/` instead."
)


class RegenError(RuntimeError):
    """Generation failed; the message says why."""


# --------------------------------------------------------------------------- inputs


class Inputs:
    """The description files of one spec directory, loaded, classified and normalised."""

    def __init__(self, spec_dir: Path) -> None:
        if not spec_dir.is_dir():
            raise RegenError(f"spec directory {spec_dir} does not exist")
        self.spec_dir = spec_dir
        self.files = load_spec_dir(spec_dir)
        self.openapi_files = [n for n, (k, _) in self.files.items() if k is SpecKind.OPENAPI]
        if not self.openapi_files:
            raise RegenError(f"no OpenAPI document in {spec_dir}")
        self.asyncapi_packages = asyncapi_packages(
            {n: doc for n, (k, doc) in self.files.items() if k is not SpecKind.OPENAPI}
        )
        by_package = {pkg: name for name, pkg in self.asyncapi_packages.items()}
        self.streaming_file = by_package.get("streaming")
        self.realtime_file = by_package.get("realtime")
        normalised = {n: normalize(self.files[n][1]) for n in self.openapi_files}
        try:
            self.rest_document = merge_openapi(normalised)
        except ValueError as err:
            raise RegenError(f"cannot merge the OpenAPI documents of {spec_dir}: {err}") from err

    def display(self, name: str) -> str:
        """How a spec file is named in generated headers: `<dir name>/<file>`, never absolute."""
        return f"{self.spec_dir.name}/{name}"


# --------------------------------------------------------------------------- tools


def _run(cmd: Sequence[str], *, cwd: Path | None = None) -> str:
    proc = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, check=False)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise RegenError(f"{' '.join(cmd[:4])} ... failed (exit {proc.returncode}):\n{output}")
    return output


def _ruff(*args: str) -> list[str]:
    return [sys.executable, "-m", "ruff", *args]


def tool_versions() -> dict[str, str]:
    versions = {
        name: importlib.metadata.version(name)
        for name in ("openapi-python-client", "ruff", "jinja2")
    }
    return dict(sorted(versions.items()))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_hashes(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        p.relative_to(REPO_ROOT).as_posix(): _sha256(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


# --------------------------------------------------------------------------- generation


def _generate_rest(doc: dict[str, Any], work: Path, out: Path) -> None:
    source = work / "openapi.json"
    source.write_text(json.dumps(codegen_view(doc), indent=1) + "\n", encoding="utf-8")
    output = _run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(source),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
        ]
    )
    problems = [line for line in output.splitlines() if "Warning" in line or "Error" in line]
    if problems:
        raise RegenError("openapi-python-client reported problems:\n" + output)


def asyncapi_packages(documents: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Package name under OUT for each AsyncAPI file (see `generator.asyncapi.package_name`)."""
    from .asyncapi import GeneratorError, package_names

    try:
        return package_names(documents)
    except GeneratorError as err:
        raise RegenError(str(err)) from err


def _generate_asyncapi(inputs: Inputs, out: Path) -> dict[str, dict[str, Any]]:
    """Run the AsyncAPI generator; returns the normalised AsyncAPI documents by package."""
    if not inputs.asyncapi_packages:
        return {}
    try:
        from . import asyncapi
    except ImportError as err:
        print(f"warning: generator.asyncapi is not importable ({err}); skipping streaming code")
        return {}
    if not hasattr(asyncapi, "generate"):
        print("warning: generator.asyncapi has no generate(); skipping streaming code")
        return {}
    documents: dict[str, dict[str, Any]] = {}
    asyncapi.write_runtime(out / f"{asyncapi.SHARED_RUNTIME}.py")
    for name, role in inputs.asyncapi_packages.items():
        try:
            asyncapi.generate(
                inputs.spec_dir / name, out / role, shared_runtime=f"..{asyncapi.SHARED_RUNTIME}"
            )
        except Exception as err:  # the AsyncAPI generator's own error type says what is wrong
            raise RegenError(f"cannot generate {role} code from {name}: {err}") from err
        documents[role] = asyncapi.normalize(inputs.files[name][1])
    return documents


def _header(sources: list[str]) -> str:
    what = sources[0] if len(sources) == 1 else f"{sources[0]} (and {', '.join(sources[1:])})"
    return f"# Generated by `make regen` from {what}. {HEADER_MARK}\n"


def _add_headers(root: Path, inputs: Inputs) -> None:
    # The primary REST document first, as generator/merge.py orders them (most paths, then
    # name), so a model of openapi.yml does not read as generated "from" a smaller document.
    primary_first = sorted(
        inputs.openapi_files,
        key=lambda n: (-len(inputs.files[n][1].get("paths") or {}), n),
    )
    rest_sources = [inputs.display(n) for n in primary_first]
    all_sources = [inputs.display(n) for n in inputs.files]
    by_dir = {"rest": rest_sources, "surface": rest_sources}
    for name, package in inputs.asyncapi_packages.items():
        by_dir[package] = [inputs.display(name)]
    by_dir["_asyncapi_runtime.py"] = [inputs.display(n) for n in inputs.asyncapi_packages]
    for path in sorted(root.rglob("*.py")):
        top = path.relative_to(root).parts[0]
        header = _header(by_dir.get(top, all_sources))
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        if first.startswith("#") and HEADER_MARK in first:
            text = rest  # the sub-generator wrote its own header; ours is the one that counts
        path.write_text(header + text, encoding="utf-8")


def _write_manifest(root: Path, inputs: Inputs) -> None:
    inputs_hashes: dict[str, str] = {CONFIG.relative_to(REPO_ROOT).as_posix(): _sha256(CONFIG)}
    inputs_hashes.update(_tree_hashes(TEMPLATES))
    inputs_hashes.update(_tree_hashes(ASYNCAPI_DIR))
    inputs_hashes.update(_tree_hashes(OVERLAY.parent / "surface"))
    inputs_hashes[OVERLAY.relative_to(REPO_ROOT).as_posix()] = _sha256(OVERLAY)
    manifest = {
        "generated_by": "make regen (python -m generator.regenerate)",
        "spec": {name: _sha256(inputs.spec_dir / name) for name in sorted(inputs.files)},
        "spec_kinds": {name: kind.value for name, (kind, _) in sorted(inputs.files.items())},
        "generator_inputs": dict(sorted(inputs_hashes.items())),
        "tools": tool_versions(),
    }
    (root / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def build(spec_dir: Path, dest: Path) -> dict[str, dict[str, Any]]:
    """Generate everything for SPEC_DIR into DEST (which must not exist yet).

    Returns the normalised documents it was generated from, by role ("rest", "streaming",
    "realtime").
    """
    inputs = Inputs(spec_dir)
    with tempfile.TemporaryDirectory(prefix="regen-") as tmp:
        work = Path(tmp)
        root = work / "out"
        root.mkdir()
        _generate_rest(inputs.rest_document, work, root / "rest")
        prune_unused_rest_modules(root / "rest")
        asyncapi_docs = _generate_asyncapi(inputs, root)
        generate_surface(inputs.rest_document, root / "surface", rest=root / "rest")
        (root / "__init__.py").write_text(f'"""{PACKAGE_DOC}"""\n', encoding="utf-8")
        write_specs_package(root / "specs", inputs.rest_document, asyncapi_docs)
        _add_headers(root, inputs)
        _run(
            _ruff(
                "check",
                *RUFF_SETTINGS,
                "--fix-only",
                "--select",
                "E4,E7,E9,F,I",
                "--quiet",
                str(root),
            )
        )
        _run(_ruff("format", *RUFF_SETTINGS, "--quiet", str(root)))
        for cache in root.rglob("__pycache__"):
            shutil.rmtree(cache)
        _write_manifest(root, inputs)
        shutil.copytree(root, dest)
    return {"rest": inputs.rest_document, **asyncapi_docs}


# --------------------------------------------------------------------------- compare / install


def _files(root: Path) -> dict[str, Path]:
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def compare_trees(expected: Path, actual: Path, *, label: str = "") -> list[str]:
    """Unified diffs (and extra/missing notes) between two generated trees; empty if equal."""
    want, have = _files(expected), _files(actual)
    name = label or actual.as_posix()
    problems: list[str] = []
    for rel in sorted(set(want) | set(have)):
        if rel not in have:
            problems.append(f"missing file: {name}/{rel} (regeneration would create it)\n")
            continue
        if rel not in want:
            problems.append(f"extra file: {name}/{rel} (regeneration would delete it)\n")
            continue
        a = have[rel].read_text(encoding="utf-8").splitlines(keepends=True)
        b = want[rel].read_text(encoding="utf-8").splitlines(keepends=True)
        if a != b:
            problems.append(
                "".join(
                    difflib.unified_diff(
                        a, b, f"{name}/{rel} (committed)", f"{name}/{rel} (regenerated)"
                    )
                )
            )
    return problems


def _install(new: Path, out: Path) -> None:
    if out.exists():
        if any(out.iterdir()) and not (out / "MANIFEST.json").exists():
            raise RegenError(
                f"refusing to replace {out}: it is not a generated tree (no MANIFEST.json)"
            )
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(new, out)


def _surface_step(
    new: Path, documents: dict[str, dict[str, Any]], snapshot: Path, *, check: bool, write: bool
) -> int:
    """Describe the public surface on NEW, report what changed since SNAPSHOT; 0 if fine.

    check: fail (1) when the snapshot differs; write: rewrite the snapshot. A surface that
    cannot be described is an error (2) when the snapshot is ours to check or write, and a
    warning otherwise (another spec directory or output, for a look at its code).
    """
    try:
        entries = describe(new, documents)
    except SurfaceError as err:
        if check or write:
            print(f"error: {err}", file=sys.stderr)
            return 2
        print(f"warning: public surface not described: {err}", file=sys.stderr)
        return 0
    if not snapshot.exists() and not check:
        if write:
            write_snapshot(entries, snapshot)
            print(f"wrote {snapshot} (no snapshot before: nothing to compare)")
        return 0
    changes = compare(entries, snapshot)
    sys.stdout.write(format_report(changes, title=f"public surface (vs {snapshot.name})"))
    if check and changes:
        print(
            f"\nthe public surface differs from the committed snapshot {snapshot}: review the "
            "changes above (BREAKING ones break users' code) and run `make regen` to accept them"
        )
        return 1
    if write and changes:
        write_snapshot(entries, snapshot)
        print(f"wrote {snapshot}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.regenerate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--spec-dir", type=Path, default=Path("spec"), help="description files (default: spec)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--check", action="store_true", help="fail with a diff if OUT is not up to date"
    )
    parser.add_argument(
        "--surface",
        type=Path,
        default=None,
        help=(
            "public-surface snapshot to compare with and rewrite (default: "
            f"{SNAPSHOT.relative_to(REPO_ROOT)}, rewritten only when OUT is the default)"
        ),
    )
    args = parser.parse_args(argv)
    default_out = args.out.resolve() == (REPO_ROOT / DEFAULT_OUT).resolve()
    snapshot = args.surface or SNAPSHOT
    try:
        with tempfile.TemporaryDirectory(prefix="regen-result-") as tmp:
            new = Path(tmp) / "generated"
            documents = build(args.spec_dir, new)
            if args.check:
                problems = compare_trees(new, args.out, label=args.out.as_posix())
                status = _surface_step(new, documents, snapshot, check=True, write=False)
                if problems:
                    sys.stdout.write("".join(problems))
                    print(
                        f"\n{args.out} is out of date with {args.spec_dir} "
                        f"({len(problems)} file(s) differ): run `make regen`"
                    )
                    return max(status, 1)
                if status == 0:
                    print(f"{args.out} is up to date with {args.spec_dir}")
                return status
            _install(new, args.out)
            print(f"regenerated {args.out} from {args.spec_dir}")
            write = args.surface is not None or default_out
            return _surface_step(new, documents, snapshot, check=False, write=write)
    except RegenError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
