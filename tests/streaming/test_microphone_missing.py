"""``MicrophoneStream`` where pyaudio cannot be imported: a clear error, whether or not it is."""

from __future__ import annotations

import sys

import pytest

from assemblyai.extras import AssemblyAIExtrasNotInstalledError, MicrophoneStream


def test_missing_pyaudio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyaudio", None)  # makes `import pyaudio` fail
    with pytest.raises(AssemblyAIExtrasNotInstalledError) as info:
        MicrophoneStream()
    assert isinstance(info.value, ImportError)
    assert 'pip install "assemblyai[extras]"' in str(info.value)
    assert "portaudio" in str(info.value).lower()
