"""The public surface generated from the spec plus `generator/overlay.toml` (make regen).

`generate(doc, out)` writes `out/enums.py` (every spec enum under its public name) and
`out/config.py` (`RawTranscriptionConfig`, its option models and the typed constructor and
properties of `TranscriptionConfig`) and, given the generated REST package, `out/transcript.py`
(the attributes of a transcript, `transcript.py`); see `fields.py` for how spec types are read
and `render.py` for the code written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import Surface, SurfaceError, has_params_schema, read_surface
from .render import render_config, render_enums, runtime_names
from .transcript import render_transcript_attributes

__all__ = ["OVERLAY", "SurfaceError", "generate", "read_surface"]

OVERLAY = Path(__file__).resolve().parent.parent / "overlay.toml"


def generate(
    doc: dict[str, Any], out: Path, overlay: Path = OVERLAY, rest: Path | None = None
) -> Surface | None:
    """Write the surface modules for the merged REST document DOC into OUT (created).

    A document without the overlay's parameter schema (another API's description, as the
    generator's own tests use) has no AssemblyAI surface: nothing is written, None returned.
    """
    if not has_params_schema(doc, overlay):
        return None
    surface = read_surface(doc, overlay)
    out.mkdir(parents=True, exist_ok=True)
    (out / "__init__.py").write_text(
        '"""The public surface generated from spec/ and generator/overlay.toml."""\n',
        encoding="utf-8",
    )
    (out / "enums.py").write_text(render_enums(surface), encoding="utf-8")
    (out / "config.py").write_text(render_config(surface, runtime_names(surface)), encoding="utf-8")
    if rest is not None and (rest / "models" / "transcript.py").exists():
        (out / "transcript.py").write_text(
            render_transcript_attributes(rest, doc, overlay), encoding="utf-8"
        )
    return surface
