"""``assemblyai lemur ...`` on LLM Gateway (``settings.lemur_backend``'s default): the same
commands answer through chat completions, and the two that have no gateway counterpart say so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

from .conftest import Runner

TEXT = "We met to plan the launch. The launch is in Berlin. Maria will send the budget."


@pytest.fixture(autouse=True)
def gateway_backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("ASSEMBLYAI_LEMUR_BACKEND", raising=False)
    monkeypatch.setattr(aai.settings, "lemur_backend", "llm_gateway")
    yield


@pytest.fixture
def transcript_id(fake: FakeAssemblyAI) -> str:
    fake.register_script("https://example.com/meeting.mp3", text=TEXT)
    transcript_id = aai.Transcriber().transcribe("https://example.com/meeting.mp3").id
    assert transcript_id is not None
    return transcript_id


def test_task_runs_on_chat_completions(
    cli: Runner, fake: FakeAssemblyAI, transcript_id: str
) -> None:
    result = cli("lemur", "task", "Where is the launch?", "--transcript", transcript_id)
    assert result.code == 0, result.err
    assert result.out.strip() in TEXT  # the sandbox answers with a sentence of the transcript
    # No advice to purge what the gateway does not keep.
    assert result.err_lines == [result.err_lines[0]]
    assert result.err_lines[0].startswith("assemblyai: request id ")
    assert "purge" not in result.err
    assert fake.count("POST /v1/chat/completions") == 1
    assert fake.count("POST /lemur/v3/generate/task") == 0


def test_purge_and_get_say_why_they_cannot(cli: Runner, fake: FakeAssemblyAI) -> None:
    for command in ("purge", "get"):
        result = cli("lemur", command, "some-request-id")
        assert result.code != 0
        assert "no LLM Gateway counterpart" in result.err
        assert 'set ASSEMBLYAI_LEMUR_BACKEND to "lemur"' in result.err
    assert fake.requests == []
