"""Cold ``import assemblyai`` in a fresh process (bytecode already compiled), then first use."""

from __future__ import annotations

import sys
import time

started = time.perf_counter()
import assemblyai  # noqa: E402

imported = time.perf_counter()
# First use: the names a typical script touches right after importing.
touched = (assemblyai.Transcriber, assemblyai.Transcript, assemblyai.TranscriptionConfig)
base_url = assemblyai.settings.base_url
used = time.perf_counter()

import _common  # noqa: E402

missing = [
    name
    for name in (
        "Transcriber",
        "Transcript",
        "TranscriptGroup",
        "TranscriptionConfig",
        "TranscriptStatus",
        "Client",
        "settings",
    )
    if not hasattr(assemblyai, name)
]
_common.emit(
    {
        "import_s": imported - started,
        "import_and_use_s": used - started,
        "modules_after_import": len(sys.modules),
        "missing_names": missing,
        "all_names": len(getattr(assemblyai, "__all__", ())),
    }
)
