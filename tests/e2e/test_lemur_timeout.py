"""A timeout the user set (``aai.settings.http_timeout``) wins over LeMUR's longer default."""

from __future__ import annotations

import time

import httpx
import pytest

import assemblyai as aai
from assemblyai._core import settings as _settings
from assemblyai._lemur.core import LEMUR_TIMEOUT, lemur_timeout
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

from .conftest import SyncShell

TASK = "POST /lemur/v3/generate/task"


def ask(shell: SyncShell) -> object:
    return shell.lemur_call(shell.lemur(), "task", "Summarise", input_text="Alice: hi.")


def test_explicit_http_timeout_limits_a_slow_lemur_answer(
    shell: SyncShell, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "http_timeout", 0.3)
    monkeypatch.setattr(aai.settings, "max_retries", 0)
    fake.faults.add(TASK, latency=3.0)
    began = time.monotonic()
    with pytest.raises(aai.APITimeoutError):
        ask(shell)
    assert time.monotonic() - began < 2.5  # gave up at the user's 0.3 s, not at LeMUR's 600 s


def test_default_http_timeout_lets_lemur_wait_longer(
    shell: SyncShell, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plain default is shorter than this answer takes; LeMUR's own default is not.
    monkeypatch.setattr(_settings, "_DEFAULT_HTTP_TIMEOUT", _settings._DefaultSeconds(0.3))
    monkeypatch.setattr(aai.settings, "http_timeout", _settings._DefaultSeconds(0.3))
    fake.faults.add(TASK, latency=0.8)
    assert ask(shell).response  # type: ignore[attr-defined]


def test_a_call_timeout_beats_both(
    shell: SyncShell, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "http_timeout", 30.0)
    monkeypatch.setattr(aai.settings, "max_retries", 0)
    fake.faults.add(TASK, latency=3.0)
    with pytest.raises(aai.APITimeoutError):
        shell.lemur_call(shell.lemur(), "task", "Summarise", input_text="x", timeout=0.3)


@pytest.mark.parametrize(
    ("overrides", "explicit"),
    [
        ({}, False),
        ({"http_timeout": 30.0}, True),  # equal to the default, but chosen
        ({"http_timeout": 5}, True),
        ({"http_timeout": httpx.Timeout(5.0)}, True),
    ],
)
def test_which_timeout_a_lemur_call_uses(overrides: dict[str, object], explicit: bool) -> None:
    settings = aai.Settings(**overrides)
    assert lemur_timeout(settings) == (None if explicit else LEMUR_TIMEOUT)
    assert lemur_timeout(settings.copy()) == lemur_timeout(settings)


def test_environment_timeout_is_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_HTTP_TIMEOUT", "30")
    assert lemur_timeout(aai.Settings()) is None
    monkeypatch.delenv("ASSEMBLYAI_HTTP_TIMEOUT")
    settings = aai.Settings()
    assert lemur_timeout(settings) == LEMUR_TIMEOUT
    settings.http_timeout = 12.0
    assert lemur_timeout(settings) is None
