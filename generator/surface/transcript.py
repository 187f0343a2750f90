"""`surface/transcript.py`: one typed property per property of the spec's `Transcript`.

`aai.Transcript` and `aai.AsyncTranscript` inherit `TranscriptAttributes`, so a property added
to the spec's `Transcript` is an attribute users read (typed as the generated model types it)
after `make regen`, with no handwritten edit. The `[transcript]` table of `overlay.toml` says
what the spec cannot: 0.45.4's names for some properties (`renames`), the properties whose
reading has behaviour written by hand in `assemblyai/_transcription/transcript_data.py` (`handwritten`),
and those read only through `json_response` (`json_only`), each with its reason.

The types are taken from the generated REST model (`rest/models/transcript.py`, written just
before this stage), so a property reads exactly what the model holds.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

__all__ = ["TranscriptOverlay", "render_transcript_attributes"]

_MODEL = "Transcript"


class TranscriptOverlay:
    """The `[transcript]` table of the overlay."""

    def __init__(self, path: Path) -> None:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("transcript", {})
        self.renames: dict[str, str] = {str(k): str(v) for k, v in table.get("renames", {}).items()}
        self.handwritten: dict[str, str] = dict(table.get("handwritten", {}))
        self.json_only: dict[str, str] = dict(table.get("json_only", {}))


def _fields(model_source: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The model's fields (name, annotation) in order, and its import lines for those types."""
    tree = ast.parse(model_source)
    imports: list[str] = []
    fields: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("models."):
            names = ", ".join(alias.name for alias in node.names)
            imports.append(f"from ..rest.{node.module} import {names}")
        if isinstance(node, ast.ClassDef) and node.name == _MODEL:
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    name = item.target.id
                    class_level = "ClassVar" in ast.unparse(item.annotation)
                    if (
                        name != "additional_properties"
                        and not name.startswith("_")
                        and not class_level
                    ):
                        fields.append((name, ast.unparse(item.annotation)))
    return fields, imports


def _descriptions(doc: dict[str, Any]) -> dict[str, str]:
    """The spec's description of each property of `Transcript` (allOf parts included)."""
    schemas = doc.get("components", {}).get("schemas", {})
    found: dict[str, str] = {}

    def walk(schema: dict[str, Any]) -> None:
        ref = schema.get("$ref")
        if isinstance(ref, str):
            walk(schemas.get(ref.rsplit("/", 1)[-1], {}))
        for part in schema.get("allOf", []):
            walk(part)
        for name, prop in (schema.get("properties") or {}).items():
            text = prop.get("description") if isinstance(prop, dict) else None
            if isinstance(text, str) and name not in found:
                found[name] = " ".join(text.split())

    walk(schemas.get(_MODEL, {}))
    return found


def render_transcript_attributes(rest: Path, doc: dict[str, Any], overlay: Path) -> str:
    """The source of `surface/transcript.py` for the REST package generated at REST."""
    source = (rest / "models" / "transcript.py").read_text(encoding="utf-8")
    fields, imports = _fields(source)
    # Names the overlay lists that this spec lacks are ignored: `make regen` also runs on the
    # published files, which have fewer properties (tests/contract/test_response_drift.py
    # keeps the overlay in step with our own spec).
    table = TranscriptOverlay(overlay)
    described = _descriptions(doc)
    lines = [
        '"""The attributes of a transcript: one typed property per property of the spec\'s',
        "`Transcript`, read from the loaded answer (`_loaded()`); see generator/surface/transcript.py.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING",
        "",
        "if TYPE_CHECKING:",
        "    import datetime",
        "",
        "    from ..rest.models.transcript import Transcript",
        *(f"    {line}" for line in sorted(set(imports))),
        "",
        '__all__ = ["TranscriptAttributes"]',
        "",
        "",
        "class TranscriptAttributes:",
        '    """Read-only properties of a loaded transcript (``None`` where the answer has none)."""',
        "",
        "    __slots__ = ()",
        "",
        "    def _loaded(self) -> Transcript:",
        "        raise NotImplementedError",
    ]
    for name, annotation in fields:
        if name in table.handwritten or name in table.json_only:
            continue
        public = table.renames.get(name, name)
        doc_line = described.get(name, f"The transcript's ``{name}``.").replace('"""', "'''")
        if not doc_line.endswith("."):
            doc_line += "."
        lines += [
            "",
            "    @property",
            f"    def {public}(self) -> {annotation}:",
            f'        """{doc_line}"""',
            f"        return self._loaded().{name}",
        ]
    return "\n".join(lines) + "\n"
