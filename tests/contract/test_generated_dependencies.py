"""The generated package needs only httpx, attrs and the standard library."""

from __future__ import annotations

import subprocess
import sys

# httpx and what it imports itself; attrs under both of its names.
ALLOWED = {
    "assemblyai",
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "sniffio",
    "idna",
    "certifi",
    "attr",
    "attrs",
}

CODE = """
import importlib, pkgutil, sys
import assemblyai._generated as generated
for info in pkgutil.walk_packages(generated.__path__, generated.__name__ + "."):
    importlib.import_module(info.name)
third_party = sorted(
    {name.split(".")[0] for name in sys.modules}
    - set(sys.stdlib_module_names) - {"__main__", "_distutils_hack"}
)
print(" ".join(third_party))
"""


def test_generated_modules_import_only_httpx_attrs_and_the_stdlib() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert loaded - ALLOWED == set(), f"unexpected imports: {sorted(loaded - ALLOWED)}"
    assert "websockets" not in loaded


# The generated public surface (surface/config.py: RawTranscriptionConfig, TranscriptionConfig's
# constructor and properties) is the one place where generated declarations meet handwritten
# behaviour; it may import exactly this runtime, which in turn never imports surface/config.py.
SURFACE_RUNTIME = {
    "assemblyai._core.compat",
    "assemblyai._transcription.config_runtime",
    "assemblyai._transcription.config_speech_understanding",
    "assemblyai._core.validation",
}


def test_generated_code_never_imports_the_handwritten_layer() -> None:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "assemblyai" / "_generated"
    offenders = []
    for path in root.rglob("*.py"):
        if path.relative_to(root).as_posix() == "surface/config.py":
            imported = {
                node.module
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
            }
            handwritten = {m for m in imported if m.startswith("assemblyai")}
            assert handwritten <= SURFACE_RUNTIME, sorted(handwritten - SURFACE_RUNTIME)
            continue
        depth = len(path.relative_to(root).parts) - 1  # packages between _generated and the file
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                escapes = node.level > depth + 1 if node.level else False
                absolute = node.level == 0 and (node.module or "").startswith("assemblyai")
                if escapes or (
                    absolute and not (node.module or "").startswith("assemblyai._generated")
                ):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("assemblyai") and not alias.name.startswith(
                        "assemblyai._generated"
                    ):
                        offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []
