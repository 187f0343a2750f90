"""Fixtures for the synchronous product's tests: a started sandbox and test audio."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav

REPO = Path(__file__).resolve().parents[2]
# A tone, not silence: the sandbox recognises raw PCM by a registered WAV's samples, and
# silence could be anything.
SPEECH = make_wav(2.0, sample_rate=16000, beep_hz=440.0)
SPEECH_TEXT = "Book a flight to Denver."


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI() as sandbox:
        saved = aai.settings.max_retries
        aai.settings.max_retries = 0
        sandbox.register_script(SPEECH, text=SPEECH_TEXT)
        try:
            yield sandbox
        finally:
            aai.settings.max_retries = saved
