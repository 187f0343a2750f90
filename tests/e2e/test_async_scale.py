"""The asyncio API at scale: many transcriptions in one event loop, and no threads at all.

The sandbox runs in a separate process here, so that every thread in this process is one the
SDK would have started.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import assemblyai as aai

KEY = "scale-test-key"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def sandbox_process(sandbox_responses: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assemblyai.testing",
            "serve",
            "--port",
            str(port),
            "--api-key",
            KEY,
            "--processing-time",
            "0.3",
            "--responses",
            sandbox_responses,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("the sandbox process did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def client(sandbox_process: str) -> aai.Client:
    return aai.Client(
        settings=aai.Settings(api_key=KEY, base_url=sandbox_process, polling_interval=0.05)
    )


def make_wavs(directory: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = directory / f"file{n:02}.wav"
        with wave.open(str(path), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(8000)
            handle.writeframes(n.to_bytes(2, "little") * (800 * (1 + n % 3)))
        paths.append(path)
    return paths


class ThreadWatch:
    """Fails the test if anything starts a thread while it is active."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: list[str] = []
        original = threading.Thread.start

        def start(thread: threading.Thread) -> None:
            self.started.append(thread.name)
            original(thread)

        monkeypatch.setattr(threading.Thread, "start", start)


def test_fifty_files_concurrently_in_input_order_without_threads(
    client: aai.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = make_wavs(tmp_path, 50)
    watch = ThreadWatch(monkeypatch)
    # Compared as sets: a thread an earlier test left finishing may end meanwhile, which is
    # not this test's business; a thread that is new afterwards is.
    threads_before = set(threading.enumerate())

    async def main() -> list[aai.types.TranscriptResponse]:
        transcriber = aai.AsyncTranscriber(client=client, max_concurrency=50)
        try:
            transcripts = await transcriber.transcribe_group(files)
        finally:
            await client.async_http_client.aclose()
        return [t._response for t in transcripts]

    responses = asyncio.run(main())
    assert watch.started == []
    assert set(threading.enumerate()) - threads_before == set()
    assert len(responses) == 50
    assert all(r is not None and r.status == "completed" for r in responses)
    # Each transcript's audio_url is the upload of one file: fetch it back to prove the order.
    for path, response in zip(files, responses, strict=True):
        assert response is not None
        assert httpx.get(response.audio_url).content == path.read_bytes()
    ids = [r.id for r in responses if r is not None]
    assert len(set(ids)) == 50


def test_two_hundred_transcriptions_in_one_loop(client: aai.Client) -> None:
    urls = [f"https://example.org/scale/{n}.mp3" for n in range(200)]

    async def main() -> list[str]:
        transcriber = aai.AsyncTranscriber(client=client, max_concurrency=200)
        try:
            transcripts = await transcriber.transcribe_group(urls)
        finally:
            await client.async_http_client.aclose()
        return [t.audio_url for t in transcripts]

    started = time.monotonic()
    assert asyncio.run(main()) == urls
    assert time.monotonic() - started < 60
