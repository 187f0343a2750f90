"""The public surface of the SDK as a committed snapshot, and the report of what changed in it.

`make regen` describes the surface users see once the freshly generated tree is in place
(`describe`), prints what changed since the committed snapshot (`report.diff`) and rewrites
it; `make regen-check` fails when the two differ, so a public change is always reviewed.

The description comes from importing the package: the handwritten `assemblyai/` with the new
tree as its `_generated/`, put together from symbolic links in a temporary directory
(`overlay`) and imported by `collect.py` in a fresh interpreter, plus the operations and
their parameters read from the spec documents (`operations`).
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

from .report import Change, diff, format_report

__all__ = [
    "SNAPSHOT",
    "Change",
    "SurfaceError",
    "compare",
    "describe",
    "diff",
    "format_report",
    "load_snapshot",
    "operations",
    "overlay",
    "write_snapshot",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = REPO_ROOT / "assemblyai"
SNAPSHOT = REPO_ROOT / "spec" / "surface.lock.json"
COLLECT = Path(__file__).resolve().parent / "collect.py"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class SurfaceError(RuntimeError):
    """The surface could not be described; the message says why."""


def overlay(generated: Path, dest: Path, *, package: Path = PACKAGE_DIR) -> Path:
    """Make DEST/assemblyai: PACKAGE's entries linked in, GENERATED as its `_generated`.

    Returns DEST, the directory to put first on `sys.path`.
    """
    target = dest / package.name
    target.mkdir(parents=True)
    for entry in sorted(package.iterdir()):
        if entry.name in ("_generated", "__pycache__"):
            continue
        (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (target / "_generated").symlink_to(generated.resolve(), target_is_directory=True)
    return dest


def describe(
    generated: Path,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    package: Path = PACKAGE_DIR,
) -> dict[str, str]:
    """The public surface of PACKAGE built on GENERATED, plus the operations of DOCUMENTS.

    DOCUMENTS: the normalised spec documents by role ("rest", "streaming", "realtime").
    """
    with tempfile.TemporaryDirectory(prefix="surface-") as tmp:
        root = overlay(generated, Path(tmp) / "site", package=package)
        # No bytecode: the generated tree is copied into place afterwards, and a fresh
        # interpreter in a neutral directory so the repository's own package is not found first.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("PYTHONPATH", None)
        proc = subprocess.run(
            [sys.executable, str(COLLECT), str(root)],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        raise SurfaceError(
            "importing the regenerated package to describe its public surface failed "
            f"(exit {proc.returncode}); fix the handwritten layer and run `make regen` again:\n"
            + proc.stderr.strip()[-4000:]
        )
    try:
        entries: dict[str, str] = json.loads(proc.stdout)
    except json.JSONDecodeError as err:
        raise SurfaceError(
            f"the surface description is not JSON ({err}): does importing assemblyai print "
            f"to stdout? It began with: {proc.stdout[:200]!r}"
        ) from err
    for role, document in (documents or {}).items():
        entries.update(operations(document, role))
    return dict(sorted(entries.items()))


def operations(document: Mapping[str, Any], role: str = "rest") -> dict[str, str]:
    """The operations of one OpenAPI or AsyncAPI document and their parameters.

    REST operations are named by method and path; AsyncAPI ones by ROLE and operation or
    channel name, as their titles are prose that may be reworded.
    """
    if "openapi" in document:
        return _rest_operations(document)
    if str(document.get("asyncapi", "")).startswith("3."):
        return _asyncapi3_operations(document, role)
    if str(document.get("asyncapi", "")).startswith("2."):
        return _asyncapi2_operations(document, role)
    return {}


def _rest_operations(doc: Mapping[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path, item in (doc.get("paths") or {}).items():
        shared = item.get("parameters") or []
        for method in _HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            key = f"operation {method.upper()} {path}"
            found[key] = str(op.get("operationId", "?"))
            for param in [*shared, *(op.get("parameters") or [])]:
                param = _resolve(doc, param)
                need = "required" if param.get("required") else "optional"
                found[f"{key} ?{param.get('name')}"] = (
                    f"{param.get('in')}, {need}: {_schema_name(param.get('schema') or {})}"
                )
            body = op.get("requestBody")
            if isinstance(body, dict):
                body = _resolve(doc, body)
                need = "required" if body.get("required") else "optional"
                schemas = [
                    _schema_name(media.get("schema") or {})
                    for media in (body.get("content") or {}).values()
                ]
                found[f"{key} body"] = f"{need}: {' | '.join(sorted(set(schemas)))}"
    return found


def _asyncapi3_operations(doc: Mapping[str, Any], title: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, op in (doc.get("operations") or {}).items():
        messages = sorted(_ref_name(m) for m in op.get("messages") or [])
        found[f"operation {title}: {name}"] = f"{op.get('action')}: {', '.join(messages)}"
    for channel_name, channel in (doc.get("channels") or {}).items():
        query = ((channel.get("bindings") or {}).get("ws") or {}).get("query") or {}
        required = set(query.get("required") or [])
        for param, schema in (query.get("properties") or {}).items():
            need = "required" if param in required else "optional"
            found[f"operation {title}: {channel_name} ?{param}"] = (
                f"query, {need}: {_schema_name(schema)}"
            )
    return found


def _asyncapi2_operations(doc: Mapping[str, Any], title: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for channel_name, channel in (doc.get("channels") or {}).items():
        for action in ("publish", "subscribe"):
            op = channel.get(action)
            if not isinstance(op, dict):
                continue
            message = op.get("message") or {}
            names = [_ref_name(m) for m in message.get("oneOf") or [message]]
            found[f"operation {title}: {channel_name} {action}"] = ", ".join(sorted(names))
        query = ((channel.get("bindings") or {}).get("ws") or {}).get("query") or {}
        required = set(query.get("required") or [])
        for param, schema in (query.get("properties") or {}).items():
            need = "required" if param in required else "optional"
            found[f"operation {title}: {channel_name} ?{param}"] = (
                f"query, {need}: {_schema_name(schema)}"
            )
    return found


def _resolve(doc: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = doc
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    return target if isinstance(target, dict) else {}


def _ref_name(node: Any) -> str:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            return str(node["$ref"]).rsplit("/", 1)[-1]
        return str(node.get("name") or node.get("messageId") or node.get("title") or "?")
    return str(node)


def _schema_name(schema: Mapping[str, Any]) -> str:
    if "$ref" in schema:
        return _ref_name(schema)
    for union in ("oneOf", "anyOf"):
        if union in schema:
            return " | ".join(_schema_name(s) for s in schema[union])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array[{_schema_name(schema.get('items') or {})}]"
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    if "enum" in schema:
        return f"{kind} enum"
    return str(kind)


def load_snapshot(path: Path = SNAPSHOT) -> dict[str, str]:
    """The committed snapshot; empty when there is none yet (the first `make regen`)."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, str] = data.get("surface", {})
    return entries


def write_snapshot(entries: Mapping[str, str], path: Path = SNAPSHOT) -> None:
    data = {
        "about": (
            "The public surface of assemblyai, written by `make regen` (generator/surface_report). "
            "Do not edit: review its diff, which `make regen` prints as a report."
        ),
        "surface": dict(sorted(entries.items())),
    }
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def compare(entries: Mapping[str, str], path: Path = SNAPSHOT) -> list[Change]:
    """What differs from the snapshot at PATH to ENTRIES (empty when they agree)."""
    return diff(load_snapshot(path), entries)
