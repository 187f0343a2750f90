"""Twin shells for LLM Gateway: every scenario runs once with ``aai.LLMGateway`` and once with
``aai.AsyncLLMGateway`` (inside ``asyncio.run``), against a fresh sandbox over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

MODEL = "claude-sonnet-4-5-20250929"
SCRIPT_URL = "https://example.org/meeting.mp3"
SCRIPT_TEXT = (
    "We need to ship the release on Friday. Alice will write the release notes. "
    "Call the support desk at 555-123-4567 before 2024-12-25. The budget looks fine."
)


class SyncGateway:
    name = "sync"

    def __init__(self, **options: Any) -> None:
        self.options = {"model": MODEL, **options}

    def chat(self, *args: Any, **kwargs: Any) -> aai.ChatCompletion:
        with aai.LLMGateway(**self.options) as gateway:
            return gateway.chat(*args, **kwargs)

    def understand(self, *args: Any, **kwargs: Any) -> Any:
        with aai.LLMGateway(**self.options) as gateway:
            return gateway.understand(*args, **kwargs)


class AsyncGateway(SyncGateway):
    name = "async"

    def chat(self, *args: Any, **kwargs: Any) -> aai.ChatCompletion:
        async def run() -> aai.ChatCompletion:
            async with aai.AsyncLLMGateway(**self.options) as gateway:
                return await gateway.chat(*args, **kwargs)

        return asyncio.run(run())

    def understand(self, *args: Any, **kwargs: Any) -> Any:
        async def run() -> Any:
            async with aai.AsyncLLMGateway(**self.options) as gateway:
                return await gateway.understand(*args, **kwargs)

        return asyncio.run(run())


@pytest.fixture(params=[SyncGateway, AsyncGateway], ids=["sync", "async"])
def shell(request: pytest.FixtureRequest) -> type[SyncGateway]:
    shell_class: type[SyncGateway] = request.param
    return shell_class


@pytest.fixture
def gateway(shell: type[SyncGateway]) -> SyncGateway:
    return shell()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAssemblyAI]:
    """A strict sandbox (a request off the spec fails the test) that also checks its answers."""
    monkeypatch.setattr(aai.settings, "retry_backoff", 0.01)
    with FakeAssemblyAI(processing_time=0.05, queue_time=0.01) as fake:
        fake.register_script(SCRIPT_URL, text=SCRIPT_TEXT, speakers=2)
        yield fake
    assert fake.response_errors == []


@pytest.fixture
def transcript_id(fake: FakeAssemblyAI) -> str:
    config = aai.TranscriptionConfig(speaker_labels=True)
    transcript = aai.Transcriber(config=config).transcribe(SCRIPT_URL)
    assert transcript.status == aai.TranscriptStatus.completed, transcript.error
    return str(transcript.id)


def sent_bodies(fake: FakeAssemblyAI, route: str = "POST /v1/chat/completions") -> list[Any]:
    return [r.json for r in fake.requests_to(route)]
