"""SyncTranscriber and AsyncSyncTranscriber against the sandbox over loopback: one scenario
list, run through both shells."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

import assemblyai as aai
from assemblyai.sync.v1 import AsyncSyncTranscriber, SyncTranscriber
from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav
from tests.sync.conftest import SPEECH, SPEECH_TEXT

Config = aai.SyncTranscriptionConfig


@attrs.frozen
class Shell:
    """One way to drive the product: ``transcribe`` and ``warm`` as plain calls."""

    name: str
    transcribe: Callable[..., aai.SyncTranscriptResponse]
    warm: Callable[[], bool]


def _threaded(**kwargs: Any) -> Shell:
    def transcribe(data: Any, config: Config | None = None) -> aai.SyncTranscriptResponse:
        with SyncTranscriber(**kwargs) as transcriber:
            return transcriber.transcribe(data, config)

    def warm() -> bool:
        with SyncTranscriber(**kwargs) as transcriber:
            return transcriber.warm()

    return Shell("sync", transcribe, warm)


def _asyncio(**kwargs: Any) -> Shell:
    def transcribe(data: Any, config: Config | None = None) -> aai.SyncTranscriptResponse:
        async def run() -> aai.SyncTranscriptResponse:
            async with AsyncSyncTranscriber(**kwargs) as transcriber:
                return await transcriber.transcribe(data, config)

        return asyncio.run(run())

    def warm() -> bool:
        async def run() -> bool:
            async with AsyncSyncTranscriber(**kwargs) as transcriber:
                return await transcriber.warm()

        return asyncio.run(run())

    return Shell("async", transcribe, warm)


SHELLS = [_threaded, _asyncio]


@pytest.fixture(params=SHELLS, ids=["sync", "async"])
def make_shell(request: pytest.FixtureRequest) -> Callable[..., Shell]:
    factory: Callable[..., Shell] = request.param
    return factory


def _last(fake: FakeAssemblyAI) -> Any:
    return fake.sync_api.requests[-1]


def test_transcribes_a_wav_file(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell], tmp_path: Path
) -> None:
    path = tmp_path / "call.wav"
    path.write_bytes(SPEECH)
    result = make_shell().transcribe(path)
    assert result.text == SPEECH_TEXT
    assert [w.text for w in result.words] == SPEECH_TEXT.split()
    assert all(w.start is None and w.end is None for w in result.words)
    assert result.audio_duration_ms == 2000
    assert 0 < result.confidence <= 1 and result.session_id
    sent = _last(fake)
    assert sent.model == "universal-3-5-pro"
    assert [(p.name, p.filename, p.content_type) for p in sent.parts] == [
        ("audio", "call.wav", "audio/wav")
    ]
    assert sent.audio.data == SPEECH and sent.config is None
    fake.assert_no_violations()


@pytest.mark.parametrize("form", ["bytes", "bytearray", "file"])
def test_transcribes_bytes_and_file_objects_with_options(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell], form: str
) -> None:
    data: Any = {
        "bytes": SPEECH,
        "bytearray": bytearray(SPEECH),
        "file": io.BytesIO(SPEECH),
    }[form]
    config = Config(timestamps=True, keyterms_prompt=[" Denver "], language_codes=["en"])
    result = make_shell().transcribe(data, config)
    assert result.text == SPEECH_TEXT
    assert result.words[1].start is not None and result.words[1].end > result.words[1].start
    sent = _last(fake)
    assert sent.audio.filename == "audio.wav"
    assert sent.config == {
        "keyterms_prompt": ["Denver"],
        "language_codes": ["en"],
        "timestamps": True,
    }
    assert [p.content_type for p in sent.parts] == ["audio/wav", "application/json"]


def test_transcribes_raw_pcm(fake: FakeAssemblyAI, make_shell: Callable[..., Shell]) -> None:
    pcm = SPEECH[44:]  # make_wav writes the canonical 44-byte header
    result = make_shell().transcribe(pcm, Config(sample_rate=16000, channels=1))
    assert result.text == SPEECH_TEXT
    assert result.audio_duration_ms == 2000
    sent = _last(fake)
    assert (sent.audio.filename, sent.audio.content_type) == ("audio.pcm", "audio/pcm")
    assert sent.config == {"sample_rate": 16000, "channels": 1}


def test_the_transcribers_default_config_applies(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell]
) -> None:
    make_shell(config=Config(prompt="Verbatim.")).transcribe(SPEECH)
    assert _last(fake).config == {"prompt": "Verbatim."}


@pytest.mark.parametrize(
    ("data", "config", "error", "message"),
    [
        ("https://example.org/call.wav", None, aai.ConfigurationError, "does not take URLs"),
        (SPEECH, "not a config", TypeError, "expects a SyncTranscriptionConfig"),
        (SPEECH, aai.TranscriptionConfig(), TypeError, "aai.TranscriptionConfig is for"),
        (b"\xff\xfb\x90" + bytes(500), None, aai.ConfigurationError, "is not a WAV file"),
        (make_wav(130.0), None, aai.ConfigurationError, "130.0 s long"),
        (SPEECH[44:], Config(channels=1), aai.ConfigurationError, "needs both sample_rate"),
    ],
)
def test_refused_before_anything_is_sent(
    fake: FakeAssemblyAI,
    make_shell: Callable[..., Shell],
    data: Any,
    config: Any,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        make_shell().transcribe(data, config)
    assert fake.sync_api.requests == []


@pytest.mark.parametrize(
    ("status", "title", "style", "code"),
    [
        (413, "Audio Too Large", "problem", "audio_too_large"),
        (422, "Bad Audio", "error_code", "bad_audio"),
        (400, "Audio Too Short", "detail", None),
        (500, "Internal Error", "error", None),
    ],
)
def test_error_answers_become_sync_transcript_errors(
    fake: FakeAssemblyAI,
    make_shell: Callable[..., Shell],
    status: int,
    title: str,
    style: Any,
    code: str | None,
) -> None:
    fake.sync_api.fail_next(status, title, f"{title}: see the docs.", style=style)
    with pytest.raises(aai.SyncTranscriptError) as caught:
        make_shell().transcribe(SPEECH)
    error = caught.value
    assert (error.status_code, error.error_code, error.retry_after) == (status, code, None)
    assert f"{title}: see the docs." in str(error)
    assert isinstance(error, aai.APIStatusError)
    assert "fake-api-key" not in repr(error.__dict__)


def test_capacity_exceeded_carries_retry_after(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell]
) -> None:
    fake.sync_api.fail_next(503, "Capacity Exceeded", "Busy.", retry_after=4)
    with pytest.raises(aai.SyncTranscriptError) as caught:
        make_shell().transcribe(SPEECH)
    assert (caught.value.error_code, caught.value.retry_after) == ("capacity_exceeded", 4)
    assert isinstance(caught.value, aai.InternalServerError)


def test_the_sandbox_judges_audio_like_the_api(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell]
) -> None:
    fake.register_script(SPEECH, error="The audio could not be decoded.")
    with pytest.raises(aai.SyncTranscriptError) as caught:
        make_shell().transcribe(SPEECH)
    assert (caught.value.status_code, caught.value.error_code) == (422, "bad_audio")


def test_a_wrong_key_is_401(fake: FakeAssemblyAI, make_shell: Callable[..., Shell]) -> None:
    with pytest.raises(aai.SyncTranscriptError) as caught:
        make_shell(api_key="wrong-key-123").transcribe(SPEECH)
    assert isinstance(caught.value, aai.AuthenticationError)
    assert caught.value.status_code == 401


def test_api_key_wins_over_the_clients(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell]
) -> None:
    wrong = aai.Client(settings=aai.Settings(**{**aai.settings.dict(), "api_key": "wrong-key"}))
    try:
        result = make_shell(client=wrong, api_key=fake.api_key).transcribe(SPEECH)
        assert result.text == SPEECH_TEXT
        assert wrong.settings.api_key == "wrong-key"  # left alone
        with pytest.raises(aai.AuthenticationError):
            make_shell(client=wrong).transcribe(SPEECH)
    finally:
        wrong.close()


def test_warm(fake: FakeAssemblyAI, make_shell: Callable[..., Shell]) -> None:
    assert make_shell().warm() is True
    assert fake.count("GET /v1/warm") == 1
    fake.assert_no_violations()


def test_warm_is_false_when_nothing_answers(make_shell: Callable[..., Shell]) -> None:
    with FakeAssemblyAI() as fake:
        closed = fake.base_url
    settings = aai.Settings(api_key="k" * 10, sync_base_url=closed, max_retries=0)
    client = aai.Client(settings=settings)
    try:
        assert make_shell(client=client).warm() is False
    finally:
        client.close()


def test_timeouts_come_from_sync_http_timeout(fake: FakeAssemblyAI) -> None:
    fake.faults.add(route="POST /v1/transcribe", latency=0.5)
    settings = aai.Settings(**{**aai.settings.dict(), "sync_http_timeout": 0.2})
    with aai.Client(settings=settings) as client, SyncTranscriber(client=client) as transcriber:
        started = time.monotonic()
        with pytest.raises(aai.SyncTranscriptError) as caught:
            transcriber.transcribe(SPEECH)
        assert isinstance(caught.value, aai.APITimeoutError)
        assert time.monotonic() - started < 0.45


def test_warm_connection_is_reused_by_transcribe(fake: FakeAssemblyAI) -> None:
    with SyncTranscriber() as transcriber:
        transcriber.warm()
        warmed = _client_port(transcriber.client)
        transcriber.transcribe(SPEECH)
        assert _client_port(transcriber.client) == warmed


def test_keepalive_expiry_bounds_the_reuse(fake: FakeAssemblyAI) -> None:
    settings = aai.Settings(**{**aai.settings.dict(), "keepalive_expiry": 0.05})
    with aai.Client(settings=settings) as client, SyncTranscriber(client=client) as transcriber:
        transcriber.warm()
        warmed = _client_port(client)
        time.sleep(0.2)
        transcriber.transcribe(SPEECH)
        assert _client_port(client) != warmed


def _client_port(client: aai.Client) -> int:
    response = client.last_response
    assert response is not None
    address = response.extensions["network_stream"].get_extra_info("client_addr")
    return int(address[1])


def test_region_eu_moves_the_sync_host() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "text": "",
                "words": [],
                "confidence": 1.0,
                "audio_duration_ms": 1,
                "session_id": "s",
            },
        )

    settings = aai.Settings(api_key="k" * 10)
    settings.region = "eu"
    client = aai.Client(settings=settings, transport=httpx.MockTransport(handler))
    with client, SyncTranscriber(client=client) as transcriber:
        transcriber.warm()
        transcriber.transcribe(SPEECH)
    assert [str(r.url) for r in seen] == [
        "https://sync.eu.assemblyai.com/v1/warm",
        "https://sync.eu.assemblyai.com/v1/transcribe",
    ]
    # The key goes to the sync host (it is the account's), as to the REST API...
    assert all(r.headers["authorization"] == "k" * 10 for r in seen)
    # ...and to no other host.
    with aai.Client(settings=settings, transport=httpx.MockTransport(handler)) as other:
        other.http_client.get("https://audio.example.org/call.wav")
    assert "authorization" not in seen[-1].headers


def test_transcribe_async_returns_a_future(fake: FakeAssemblyAI) -> None:
    with SyncTranscriber(max_workers=2) as transcriber:
        futures = [transcriber.transcribe_async(SPEECH) for _ in range(3)]
        assert [f.result(timeout=30).text for f in futures] == [SPEECH_TEXT] * 3


def test_async_transcribers_run_concurrently(fake: FakeAssemblyAI) -> None:
    async def run() -> list[str]:
        async with AsyncSyncTranscriber() as transcriber:
            results = await asyncio.gather(*(transcriber.transcribe(SPEECH) for _ in range(3)))
        return [r.text for r in results]

    assert asyncio.run(run()) == [SPEECH_TEXT] * 3


def test_a_passed_client_stays_open_after_aclose(fake: FakeAssemblyAI) -> None:
    client = aai.Client(settings=aai.settings)

    async def run() -> None:
        async with AsyncSyncTranscriber(client=client) as transcriber:
            await transcriber.transcribe(SPEECH)
        assert not client.http_client.is_closed

    try:
        asyncio.run(run())
    finally:
        client.close()


@pytest.mark.parametrize(("status", "sent"), [(503, 2), (429, 2), (500, 1), (504, 1)])
def test_retried_only_when_the_api_did_not_act(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell], status: int, sent: int
) -> None:
    aai.settings.max_retries = 1
    fake.sync_api.fail_next(status, "Failure", retry_after=0)
    if sent == 2:
        assert make_shell().transcribe(SPEECH).text == SPEECH_TEXT
    else:
        with pytest.raises(aai.SyncTranscriptError):
            make_shell().transcribe(SPEECH)
    assert len(fake.sync_api.requests) == sent
    # The retry sent the same bytes again.
    assert len({r.audio.data for r in fake.sync_api.requests}) == 1


def test_the_default_client_is_the_one_for_aai_settings_at_call_time() -> None:
    saved = aai.settings.api_key
    aai.settings.api_key = None
    try:
        transcriber = SyncTranscriber()  # no key yet: nothing to refuse until a call
        with pytest.raises(aai.ConfigurationError, match="API key"):
            transcriber.transcribe(SPEECH)
        with FakeAssemblyAI() as fake:
            fake.register_script(SPEECH, text=SPEECH_TEXT)
            assert transcriber.transcribe(SPEECH).text == SPEECH_TEXT
            assert transcriber.client.settings.sync_base_url == fake.base_url
    finally:
        aai.settings.api_key = saved


def test_a_connection_lost_after_sending_is_not_repeated(
    fake: FakeAssemblyAI, make_shell: Callable[..., Shell]
) -> None:
    aai.settings.max_retries = 2
    fake.faults.add(route="POST /v1/transcribe", drop_after_bytes=100_000, times=1)
    with pytest.raises(aai.SyncTranscriptError) as caught:
        make_shell().transcribe(SPEECH)
    assert isinstance(caught.value, aai.APIConnectionError)
    assert "may have received the request" in str(caught.value)
    assert "list_transcripts" not in str(caught.value)
    assert fake.count("POST /v1/transcribe") == 1
