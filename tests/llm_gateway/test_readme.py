"""The README's "LLM Gateway" example runs unchanged against the sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

from .conftest import SCRIPT_URL

README = Path(__file__).resolve().parents[2] / "README.md"


def _example() -> str:
    section = README.read_text(encoding="utf-8").split("## LLM Gateway\n", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's LLM Gateway section has no python example"
    return match.group(1)


def test_the_readme_example_runs(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(speaker_labels=True)
    transcript = aai.Transcriber(config=config).transcribe(SCRIPT_URL)
    namespace = {"transcript": transcript}
    exec(compile(_example(), str(README), "exec"), namespace)
    assert {r.operation_id for r in fake.requests} >= {
        "createChatCompletion",
        "createSpeechUnderstanding",
    }
    result = namespace["result"]
    assert result.translated_texts["es"].startswith("[es] ")  # type: ignore[attr-defined]
