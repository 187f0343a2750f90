"""Fixtures for the CLI tests: a sandbox, a WAV file, and ``cli(...)`` to run the command.

``cli`` calls :func:`assemblyai.cli.main` in-process, so the sandbox's request log
(``fake.requests``) shows exactly what each command sent. ``aai.settings`` points at the
fake while it runs, and ``main`` uses that fake for ``--sandbox`` instead of starting one.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

from assemblyai.cli import main
from assemblyai.testing import FakeAssemblyAI

KEY = "fake-api-key"


@attrs.frozen
class Result:
    """What one run of the command gave: exit status, stdout and stderr."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def make_wav(path: Path, seconds: float = 2.0, rate: int = 16_000) -> Path:
    """A PCM16 mono WAV of a 440 Hz tone."""
    frames = int(seconds * rate)
    samples = (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(frames))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return path


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ASSEMBLYAI_API_KEY", "ASSEMBLYAI_BASE_URL", "ASSEMBLYAI_STREAMING_HOST"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    """A sandbox; the test fails if any request broke the spec."""
    with FakeAssemblyAI(processing_time=0.2, queue_time=0.05, polling_interval=0.02) as fake:
        yield fake
    assert fake.response_errors == []


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    return make_wav(tmp_path / "sample.wav")


Runner = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Iterator[Runner]:
    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run
