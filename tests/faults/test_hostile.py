"""Hostile or broken servers: answers that try to make the SDK read, send or keep too much.

Every scenario talks to scripted servers on loopback addresses (``ScriptedServer``), is
bounded in time, and (through the ``no_leaks`` fixture) leaves no thread or socket behind.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import os
import signal
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import assemblyai as aai

from . import payloads
from .harness import API_KEY, make_settings
from .server import ScriptedServer, endless, hang, respond, trickle

T1 = "/v2/transcript/t1"


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[aai.Client]:
    with aai.Client(settings=make_settings(server.url)) as api:
        yield api


SaveRedacted = Callable[[Path], None]


def _redacted_audio_at(server: ScriptedServer, url: str) -> None:
    """The API says that transcript t1's redacted audio is at ``url``."""
    body = payloads.transcript(
        redact_pii=True, redact_pii_audio=True, redact_pii_policies=["person_name"]
    )
    server.route("GET", T1, respond(200, json=body))
    server.route(
        "GET",
        T1 + "/redacted-audio",
        respond(200, json={"status": "redacted_audio_ready", "redacted_audio_url": url}),
    )


@pytest.fixture(params=["sync", "async"])
def save_redacted(request: pytest.FixtureRequest, client: aai.Client) -> SaveRedacted:
    """``save_redacted_audio`` of transcript t1, through the sync or the async shell."""

    def sync(target: Path) -> None:
        aai.Transcript("t1", client=client).wait_for_completion().save_redacted_audio(target)

    def in_asyncio(target: Path) -> None:
        async def run() -> None:
            try:
                transcript = await aai.AsyncTranscriber(client=client).wait_for_completion("t1")
                await transcript.save_redacted_audio(target)
            finally:
                await client.async_http_client.aclose()  # of this event loop

        asyncio.run(run())

    return sync if request.param == "sync" else in_asyncio


# -- redacted-audio URLs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/hostname", "/v2/transcript/t1", "ftp://127.0.0.1/x.wav", "data:,RIFF"],
)
def test_a_redacted_audio_url_that_is_not_absolute_http_is_not_fetched(
    server: ScriptedServer, save_redacted: SaveRedacted, tmp_path: Path, url: str
) -> None:
    _redacted_audio_at(server, url)
    target = tmp_path / "redacted.wav"
    with pytest.raises(aai.types.RedactedAudioUnavailableError) as caught:
        save_redacted(target)
    assert "not an absolute http(s) URL" in str(caught.value)
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert [r.path for r in server.requests] == [T1, T1 + "/redacted-audio"]  # nothing else


@pytest.mark.parametrize("where", ["api host", "other host"])
def test_redacted_audio_is_fetched_without_the_api_key_on_any_host(
    server: ScriptedServer,
    other_host: ScriptedServer,
    save_redacted: SaveRedacted,
    tmp_path: Path,
    where: str,
) -> None:
    host = server if where == "api host" else other_host
    host.route("GET", "/presigned/t1.wav", respond(200, body=b"RIFF-redacted"))
    _redacted_audio_at(server, f"{host.url}/presigned/t1.wav?sig=abc")
    save_redacted(tmp_path / "redacted.wav")
    assert (tmp_path / "redacted.wav").read_bytes() == b"RIFF-redacted"
    [download] = [r for r in host.requests if r.path.startswith("/presigned/")]
    assert "authorization" not in download.headers
    assert all(API_KEY not in value for value in download.headers.values())


# -- bodies too deep to read -----------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 200])
def test_json_nested_too_deeply_is_a_typed_error(
    server: ScriptedServer, client: aai.Client, status: int
) -> None:
    """100,000 nested arrays: past Python's recursion limit, yet a typed error, not RecursionError."""
    depth = 100_000
    server.route("GET", T1, respond(status, body=b"[" * depth + b"]" * depth))
    with pytest.raises(aai.TranscriptError) as caught:
        aai.Transcript("t1", client=client).wait_for_completion()
    error = caught.value
    if status == 400:
        assert isinstance(error, aai.BadRequestError) and error.status_code == 400
        assert "[[[" not in str(error)
    else:
        assert isinstance(error, aai.APIResponseValidationError)
        assert "could not be read" in str(error)


# -- bodies too big or too slow --------------------------------------------------------------


def _deflated(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("status", "encoding", "limit_name"),
    [(200, "gzip", "MAX_ANSWER_BYTES"), (400, "deflate", "MAX_ERROR_BYTES")],
)
def test_a_compressed_body_that_decodes_past_its_limit_is_refused(
    server: ScriptedServer,
    client: aai.Client,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    encoding: str,
    limit_name: str,
) -> None:
    """A decompression bomb: 64 MiB of zeros in ~64 KiB of gzip (deflate for the error body)."""
    monkeypatch.setattr(f"assemblyai._core.body_limits.{limit_name}", 4 << 20)  # 4 MiB, for speed
    bomb = _deflated(b"0" * (64 << 20), 31 if encoding == "gzip" else 15)
    assert len(bomb) < 100_000
    server.route("GET", T1, respond(status, body=bomb, headers={"Content-Encoding": encoding}))
    started = time.monotonic()
    with pytest.raises(aai.APIResponseValidationError) as caught:
        aai.Transcript("t1", client=client).wait_for_completion()
    assert "larger than 4 MiB" in str(caught.value)
    assert isinstance(caught.value, aai.TranscriptError)
    assert time.monotonic() - started < 5
    assert server.count() == 1  # not retried: the same answer would come again


def test_an_endless_body_stops_at_the_size_limit(
    server: ScriptedServer, client: aai.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assemblyai._core.body_limits.MAX_ANSWER_BYTES", 8 << 20)
    server.route("GET", T1, endless())
    with pytest.raises(aai.APIResponseValidationError) as caught:
        aai.Transcript("t1", client=client).wait_for_completion()
    assert "larger than 8 MiB" in str(caught.value)


@pytest.mark.parametrize("shell", ["sync", "async"])
def test_a_trickling_body_ends_at_the_overall_deadline(server: ScriptedServer, shell: str) -> None:
    """One byte every 0.1 s keeps resetting a 0.3 s read timeout; the deadline still ends it."""
    body = json.dumps({"transcripts": [], "page_details": {}}).encode() + b" " * 1000
    slow = trickle(respond(200, body=body), delay=0.1)
    server.route("GET", "/v2/transcript", slow, slow, slow)  # the first attempt and 2 retries
    settings = make_settings(server.url, http_timeout=0.3, max_retries=2)
    started = time.monotonic()
    with aai.Client(settings=settings) as api, pytest.raises(aai.APIConnectionError) as caught:
        if shell == "sync":
            aai.Transcriber(client=api).list_transcripts()
        else:

            async def run() -> None:
                try:
                    await aai.AsyncTranscriber(client=api).list_transcripts()
                finally:
                    await api.async_http_client.aclose()

            asyncio.run(run())
    elapsed = time.monotonic() - started
    # 3 attempts x (the 4 x 0.3 s deadline + a byte's wait), plus backoff: far below the
    # body's own 0.1 s x 1,050 bytes.
    assert elapsed < 3 * (4 * 0.3 + 0.2) + 1.0
    assert "http_timeout" in str(caught.value)
    assert server.count() == 3


def test_only_encodings_decoded_within_the_limit_are_asked_for(
    server: ScriptedServer, client: aai.Client
) -> None:
    server.route(
        "GET", "/v2/transcript", respond(200, json={"transcripts": [], "page_details": {}})
    )
    aai.Transcriber(client=client).list_transcripts()
    [request] = server.requests
    assert request.headers["accept-encoding"] == "gzip, deflate"


def test_a_body_that_does_not_decode_is_a_typed_error(
    server: ScriptedServer, client: aai.Client
) -> None:
    server.route("GET", T1, respond(200, body=b"not gzip", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(aai.APIResponseValidationError) as caught:
        aai.Transcript("t1", client=client).wait_for_completion()
    assert "does not decode" in str(caught.value)


# -- uploads ---------------------------------------------------------------------------------


def test_an_upload_nobody_answers_waits_http_timeout_not_upload_timeout(
    server: ScriptedServer, tmp_path: Path
) -> None:
    """upload_timeout is the allowance for *sending* a large body; the answer is awaited about
    as long as any other (http_timeout, plus the time a small body's tail takes to leave),
    and the error names that setting."""
    audio = tmp_path / "talk.wav"
    audio.write_bytes(b"RIFF" + b"\0" * 20_000)
    server.route("POST", "/v2/upload", hang(), hang(), hang())
    settings = make_settings(server.url, http_timeout=0.4, upload_timeout=60.0, max_retries=2)
    started = time.monotonic()
    with aai.Client(settings=settings) as api, pytest.raises(aai.APIConnectionError) as caught:
        aai.Transcriber(client=api).upload_file(str(audio))
    assert time.monotonic() - started < 3 * (0.4 + 0.31) + 2.0  # was 3 x upload_timeout
    assert "http_timeout" in str(caught.value) and "upload_timeout" not in str(caught.value)
    assert server.count() == 3
    assert all(r.body_bytes == 20_004 for r in server.requests)  # each upload was whole


class _ChangingFile(io.BytesIO):
    """A file whose size changes once the upload has read its first chunk."""

    def __init__(self, data: bytes, change: Callable[[io.BytesIO], None]) -> None:
        super().__init__(data)
        self.name = "changing.wav"
        self._change: Callable[[io.BytesIO], None] | None = change

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        if self._change is not None and self.tell() > 0:
            change, self._change = self._change, None
            here = self.tell()
            change(self)
            self.seek(here)
        return chunk


@pytest.mark.parametrize("how", ["shrinks", "grows"])
def test_a_file_that_changes_size_mid_upload_is_a_typed_error_naming_it(
    server: ScriptedServer, client: aai.Client, how: str
) -> None:
    def shrink(f: io.BytesIO) -> None:
        f.truncate(100_000)

    def grow(f: io.BytesIO) -> None:
        f.seek(0, io.SEEK_END)
        f.write(b"\0" * 50_000)

    source = _ChangingFile(b"RIFF" + b"\0" * 300_000, shrink if how == "shrinks" else grow)
    server.route("POST", "/v2/upload", respond(200, json={"upload_url": "https://x/y"}))
    with pytest.raises(aai.types.AudioFileChangedError) as caught:
        aai.Transcriber(client=client).upload_file(source)
    assert isinstance(caught.value, aai.TranscriptError) and isinstance(caught.value, OSError)
    assert "changing.wav" in str(
        caught.value
    ) and f"got {'shorter' if how == 'shrinks' else 'longer'}" in str(caught.value)
    assert caught.value.filename == "changing.wav"
    assert server.count() <= 1  # not retried with the same changing file


# -- settings changing under load ------------------------------------------------------------


@pytest.mark.parametrize("shell", ["sync", "async"])
def test_each_call_keeps_one_client_while_settings_change(shell: str) -> None:
    """Another thread keeps switching aai.settings between two API hosts while 24 transcribe()
    calls run: each call creates and polls on the same host (a transcript exists only where
    it was created), so every one completes."""
    from assemblyai.testing import FakeAssemblyAI

    with (
        FakeAssemblyAI(processing_time=0.3, configure_settings=False, api_key="k") as one,
        FakeAssemblyAI(processing_time=0.3, configure_settings=False, api_key="k") as two,
    ):
        saved = (aai.settings.base_url, aai.settings.api_key, aai.settings.polling_interval)
        aai.settings.api_key, aai.settings.polling_interval = "k", 0.05
        aai.settings.base_url = one.base_url
        stop = threading.Event()

        def switch() -> None:
            while not stop.wait(0.002):
                aai.settings.base_url = (
                    two.base_url if aai.settings.base_url == one.base_url else one.base_url
                )

        switcher = threading.Thread(target=switch, daemon=True)
        switcher.start()
        try:
            urls = [f"https://example.org/{n}.mp3" for n in range(24)]
            if shell == "sync":
                with ThreadPoolExecutor(8) as pool:
                    done = list(pool.map(aai.Transcriber().transcribe, urls))
            else:

                async def run() -> list[Any]:
                    transcriber = aai.AsyncTranscriber()
                    return list(await asyncio.gather(*(transcriber.transcribe(u) for u in urls)))

                done = asyncio.run(run())
        finally:
            stop.set()
            switcher.join(5)
            aai.settings.base_url, aai.settings.api_key, aai.settings.polling_interval = saved
            for client in {aai.Client.get_default(api_key_required=False)}:
                client.close()
        assert [t.status for t in done] == [aai.TranscriptStatus.completed] * len(urls)
        assert len(one.transcript_ids) + len(two.transcript_ids) == len(urls)


# -- event loops and processes ---------------------------------------------------------------


def test_the_async_api_works_in_one_event_loop_after_another() -> None:
    """asyncio.run() twice (a script, a Jupyter re-run, pytest-asyncio's loop per test): the
    default client's asyncio pool belongs to the first loop, which is closed by then."""
    from assemblyai.testing import FakeAssemblyAI

    async def transcribe(close: bool) -> Any:
        try:
            return await aai.AsyncTranscriber().transcribe("https://example.org/a.mp3")
        finally:
            if close:  # the first loop's pool is left open, as a script's would be
                await aai.Client.get_default().aclose()

    with FakeAssemblyAI(processing_time=0.05):
        first = asyncio.run(transcribe(close=False))
        second = asyncio.run(transcribe(close=True))
    gc.collect()  # the first loop is gone: so is its pool, and its sockets with it
    assert first.status == second.status == aai.TranscriptStatus.completed


def _in_child(work: Callable[[], bool], deadline: float = 20.0) -> int:
    """Fork; run ``work`` in the child (exit 0 when it returns True); the child's exit status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            code = 0 if work() else 3
        except BaseException:
            traceback.print_exc()
            code = 2
        finally:
            os._exit(code)
    ends = time.monotonic() + deadline
    while time.monotonic() < ends:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"the forked child hung for {deadline} s")


def test_a_forked_child_gets_fresh_pools_and_its_own_answers() -> None:
    from assemblyai.testing import FakeAssemblyAI

    with FakeAssemblyAI(processing_time=0.05) as fake:
        ids = [aai.Transcriber().transcribe(f"https://example.org/{n}.mp3").id for n in range(2)]
        ours, theirs = ids

        def child() -> bool:
            # The pools a parent made have no threads here: these used to wait forever.
            future = aai.Transcript.get_by_id_async(theirs)
            group = aai.Transcriber().transcribe_group(["https://example.org/c.mp3"])
            fetched = [aai.Transcript.get_by_id(theirs).id for _ in range(30)]
            return (
                future.result(timeout=10).id == theirs
                and len(group.transcripts) == 1
                and fetched == [theirs] * 30
            )

        outcome: list[int] = []
        thread = threading.Thread(target=lambda: outcome.append(_in_child(child)))
        thread.start()
        # Meanwhile the parent reads its own transcript on its own connections.
        mine = [aai.Transcript.get_by_id(ours).id for _ in range(30)]
        thread.join(30)
        aai.Client.get_default().close()
        assert outcome == [0]
        assert mine == [ours] * 30
        assert fake.count("POST /v2/transcript") == 3


# -- secrets ---------------------------------------------------------------------------------


def test_a_failing_rest_call_shows_no_key_even_in_frame_locals(server: ScriptedServer) -> None:
    server.route("GET", T1, respond(401, json={"error": "Invalid API key"}))
    with (
        aai.Client(settings=make_settings(server.url)) as api,
        pytest.raises(aai.TranscriptError) as caught,
    ):
        aai.Transcript("t1", client=api).wait_for_completion()
    rendered = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert "AuthenticationError" in rendered
    assert API_KEY not in rendered
