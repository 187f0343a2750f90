"""Twin shells for the end-to-end suite: every scenario runs once per shell.

``SyncShell`` drives ``aai.Transcriber``/``aai.Transcript``/``aai.Lemur``; ``AsyncShell`` drives
``aai.AsyncTranscriber``/``AsyncTranscript``/``aai.AsyncLemur`` inside ``asyncio.run``. Both
expose the same small vocabulary, so a scenario written once checks that the two shells agree.
Every test runs against a fresh ``FakeAssemblyAI`` that validates each request against our spec,
twice: once answering as the spec describes the API (``spec``), once answering as the real API
does (``real``: fields left out, nulls, undeclared fields, floats; see
``FakeAssemblyAI(responses=...)``). ``pytest --assemblyai-responses=spec`` (or ``real``) runs one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator, Sequence
from typing import Any, TypeVar

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI, ResponseStyle

T = TypeVar("T")


class SyncShell:
    name = "sync"

    def __init__(self) -> None:
        self.transcriber = aai.Transcriber()

    def transcribe(
        self, data: Any, config: aai.TranscriptionConfig | None = None, **kw: Any
    ) -> Any:
        return self.transcriber.transcribe(data, config, **kw)

    def submit(self, data: Any, config: aai.TranscriptionConfig | None = None) -> Any:
        return self.transcriber.submit(data, config)

    def wait(self, transcript: Any, **kw: Any) -> Any:
        return transcript.wait_for_completion(**kw)

    def upload(self, data: Any) -> str:
        return self.transcriber.upload_file(data)

    def group(self, items: Sequence[Any]) -> list[Any]:
        return list(self.transcriber.transcribe_group(items))

    def get(self, transcript_id: str) -> Any:
        return aai.Transcript.get_by_id(transcript_id)

    def delete(self, transcript_id: str) -> Any:
        return aai.Transcript.delete_by_id(transcript_id)

    def list(self, params: Any = None) -> Any:
        return self.transcriber.list_transcripts(params)

    def iter_all(self, params: Any = None) -> list[Any]:
        return list(self.transcriber.iter_transcripts(params))

    def srt(self, transcript: Any, chars: int | None = None) -> str:
        return transcript.export_subtitles_srt(chars)

    def vtt(self, transcript: Any, chars: int | None = None) -> str:
        return transcript.export_subtitles_vtt(chars)

    def sentences(self, transcript: Any) -> list[Any]:
        return transcript.get_sentences()

    def paragraphs(self, transcript: Any) -> list[Any]:
        return transcript.get_paragraphs()

    def search(self, transcript: Any, words: Any) -> list[Any]:
        return transcript.word_search(words)

    def redacted_url(self, transcript: Any) -> str:
        return transcript.get_redacted_audio_url()

    def save_redacted(self, transcript: Any, path: Any) -> None:
        transcript.save_redacted_audio(path)

    def lemur(self, ids: Sequence[str] = ()) -> Any:
        return aai.Lemur(sources=[aai.LemurTranscriptSource(i) for i in ids])

    def lemur_call(self, lemur: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        return getattr(lemur, method)(*args, **kwargs)

    def purge(self, request_id: str) -> Any:
        return aai.Lemur.purge_request_data(request_id)


class AsyncShell(SyncShell):
    name = "async"

    def __init__(self) -> None:
        self.transcriber = aai.AsyncTranscriber()  # type: ignore[assignment]

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run(_closing(coroutine, self.transcriber))

    def transcribe(
        self, data: Any, config: aai.TranscriptionConfig | None = None, **kw: Any
    ) -> Any:
        return self.run(self.transcriber.transcribe(data, config, **kw))

    def submit(self, data: Any, config: aai.TranscriptionConfig | None = None) -> Any:
        return self.run(self.transcriber.submit(data, config))

    def wait(self, transcript: Any, **kw: Any) -> Any:
        return self.run(transcript.wait_for_completion(**kw))

    def upload(self, data: Any) -> str:
        return self.run(self.transcriber.upload_file(data))

    def group(self, items: Sequence[Any]) -> list[Any]:
        return self.run(self.transcriber.transcribe_group(items))

    def get(self, transcript_id: str) -> Any:
        return self.run(self.transcriber.wait_for_completion(transcript_id))

    def delete(self, transcript_id: str) -> Any:
        return self.run(self.transcriber.delete_transcript(transcript_id))

    def list(self, params: Any = None) -> Any:
        return self.run(self.transcriber.list_transcripts(params))

    def iter_all(self, params: Any = None) -> list[Any]:
        async def collect() -> list[Any]:
            return [item async for item in self.transcriber.iter_transcripts(params)]

        return self.run(collect())

    def srt(self, transcript: Any, chars: int | None = None) -> str:
        return self.run(transcript.export_subtitles_srt(chars))

    def vtt(self, transcript: Any, chars: int | None = None) -> str:
        return self.run(transcript.export_subtitles_vtt(chars))

    def sentences(self, transcript: Any) -> list[Any]:
        return self.run(transcript.get_sentences())

    def paragraphs(self, transcript: Any) -> list[Any]:
        return self.run(transcript.get_paragraphs())

    def search(self, transcript: Any, words: Any) -> list[Any]:
        return self.run(transcript.word_search(words))

    def redacted_url(self, transcript: Any) -> str:
        return self.run(transcript.get_redacted_audio_url())

    def save_redacted(self, transcript: Any, path: Any) -> None:
        self.run(transcript.save_redacted_audio(path))

    def lemur(self, ids: Sequence[str] = ()) -> Any:
        return aai.AsyncLemur(sources=[aai.LemurTranscriptSource(i) for i in ids])

    def lemur_call(self, lemur: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.run(getattr(lemur, method)(*args, **kwargs))

    def purge(self, request_id: str) -> Any:
        return self.run(aai.AsyncLemur().purge(request_id))


async def _closing(coroutine: Coroutine[Any, Any, T], transcriber: Any = None) -> T:
    # Each asyncio.run has its own loop, and each client one pool per loop: close this loop's
    # (the transcriber's own, and the default client's, which AsyncLemur uses) before the loop
    # ends, so no socket outlives the test.
    try:
        return await coroutine
    finally:
        if transcriber is not None:
            await transcriber.aclose()
        await aai.Client.get_default().async_http_client.aclose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "sandbox_responses" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("assemblyai_responses", None)
        # A module may name the shapes it is about (SANDBOX_RESPONSES); the option overrides.
        default = getattr(metafunc.module, "SANDBOX_RESPONSES", ("spec", "real"))
        metafunc.parametrize(
            "sandbox_responses", [chosen] if chosen else list(default), scope="module"
        )


@pytest.fixture
def fake(sandbox_responses: ResponseStyle) -> Iterator[FakeAssemblyAI]:
    sandbox = FakeAssemblyAI(processing_time=0.05, responses=sandbox_responses)
    if sandbox_responses == "spec":
        # The spec-shaped sandbox answers exactly as our spec describes: read strictly, so that
        # any answer the SDK could only read by tolerating a departure fails here (a closed-loop
        # check). The real-shaped one departs on purpose and is read as users read the API.
        sandbox.settings_overrides["strict_responses"] = True
    with sandbox:
        yield sandbox
        sandbox.assert_no_violations()


@pytest.fixture(params=[SyncShell, AsyncShell], ids=["sync", "async"])
def shell(request: pytest.FixtureRequest, fake: FakeAssemblyAI) -> SyncShell:
    factory: type[SyncShell] = request.param
    return factory()
