"""The official SDK 1.0.0's README examples of the synchronous API run unchanged against the
sandbox, on our package.

The examples are read from the README installed with 1.0.0 (its ``METADATA``, in the side venv
``make official-venv-1`` builds), not copied here: the section "Sync STT Transcription
Examples", every ``python`` block in order, in one namespace (one block continues the one
before). What they leave to the reader is supplied: ``./call.wav`` in the working directory,
``raw_pcm_bytes``, and ``record_until_done()`` (called plainly in one example and awaited in
another). They set ``aai.settings.api_key = "<YOUR_API_KEY>"``, so the sandbox accepts that key.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from tests.sync.conftest import SPEECH, SPEECH_TEXT
from tests.sync.test_differential_1_0 import VENV

SECTION = "### **Sync STT Transcription Examples**"


def _readme() -> str | None:
    for metadata in VENV.glob("lib/python*/site-packages/assemblyai-1.0.0.dist-info/METADATA"):
        return metadata.read_text(encoding="utf-8")
    return None


README = _readme()
pytestmark = pytest.mark.skipif(
    README is None,
    reason=f"the official assemblyai 1.0.0 is not installed in {VENV}; "
    "`make official-venv-1` (part of `make pytest`) installs it from PyPI",
)


def _examples() -> list[str]:
    assert README is not None
    start = README.index(SECTION)
    end = README.index("\n### ", start + len(SECTION))
    return re.findall(r"```python\n(.*?)```", README[start:end], flags=re.DOTALL)


class _Recording(bytes):
    """Recorded audio that can also be awaited (the asyncio example awaits the recorder)."""

    def __await__(self) -> Generator[Any, None, bytes]:
        yield from ()
        return bytes(self)


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAssemblyAI]:
    (tmp_path / "call.wav").write_bytes(SPEECH)
    monkeypatch.chdir(tmp_path)
    saved = aai.settings.api_key
    with FakeAssemblyAI(api_key="<YOUR_API_KEY>") as fake:
        fake.register_script(SPEECH, text=SPEECH_TEXT)
        yield fake
    aai.settings.api_key = saved


def test_the_examples_are_found() -> None:
    examples = _examples()
    assert len(examples) >= 6
    assert any("AsyncSyncTranscriber" in code for code in examples)
    assert any("SyncTranscriptError" in code for code in examples)


def test_the_readme_sync_examples_run_unchanged(sandbox: FakeAssemblyAI) -> None:
    namespace: dict[str, Any] = {
        "raw_pcm_bytes": SPEECH[44:],
        "record_until_done": lambda: _Recording(SPEECH),
    }
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for code in _examples():
            exec(compile(code, "README (1.0.0)", "exec"), namespace)
    output = printed.getvalue()
    # Every transcription printed the sandbox's text: the plain, configured, language,
    # warm-up, asyncio and error-handling examples (the PCM one prints nothing).
    assert output.count(SPEECH_TEXT) == 6, output
    # The timestamps example printed each word's start and end (milliseconds).
    assert re.search(r"^Book \d+ \d+$", output, flags=re.MULTILINE), output
    assert sandbox.count("POST /v1/transcribe") == 8
    assert sandbox.count("GET /v1/warm") == 2
    sandbox.assert_no_violations()
