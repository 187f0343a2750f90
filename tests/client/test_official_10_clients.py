"""The official 1.0's client keywords, on both shells: ``api_key=``, ``Client()``,
``AsyncClient``, ``async with``, ``poll_timeout=``, and the asyncio transcriber's group and
by-id methods. Every scenario runs against the loopback sandbox, once per shell.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest

import assemblyai as aai
from assemblyai._http.client import pool_limits
from assemblyai.testing import FakeAssemblyAI

URL = "https://example.org/audio.mp3"
T = TypeVar("T")


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(processing_time=0.05) as sandbox:
        yield sandbox
        sandbox.assert_no_violations()


def run(value: T | Awaitable[T]) -> T:
    """A sync result as is; an asyncio one awaited in a fresh loop."""
    if asyncio.iscoroutine(value):
        return asyncio.run(value)  # type: ignore[no-any-return]
    return value  # type: ignore[return-value]


def make_sync(**kwargs: Any) -> aai.Transcriber:
    return aai.Transcriber(**kwargs)


def make_async(**kwargs: Any) -> aai.AsyncTranscriber:
    if isinstance(kwargs.get("client"), aai.Client):
        kwargs["client"] = aai.AsyncClient(settings=kwargs["client"].settings)
    return aai.AsyncTranscriber(**kwargs)


SHELLS = pytest.mark.parametrize("make", [make_sync, make_async], ids=["sync", "async"])


def transcribe(make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    transcriber = make(**kwargs)
    if isinstance(transcriber, aai.AsyncTranscriber):

        async def go() -> Any:
            async with transcriber:
                return await transcriber.transcribe(*args)

        return asyncio.run(go())
    return transcriber.transcribe(*args)


# --- api_key= and its precedence over client= ---------------------------------------------------


@SHELLS
def test_api_key_is_used_instead_of_the_settings_key(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    aai.settings.api_key = "not-the-key"  # the sandbox answers 401 to it
    transcript = transcribe(make, URL, api_key=fake.api_key)
    assert transcript.status == aai.TranscriptStatus.completed


@SHELLS
def test_api_key_wins_over_client_and_leaves_the_client_untouched(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    wrong = aai.Client(settings=aai.Settings(base_url=fake.base_url, api_key="not-the-key"))
    transcript = transcribe(make, URL, client=wrong, api_key=fake.api_key)
    assert transcript.status == aai.TranscriptStatus.completed
    assert wrong.settings.api_key == "not-the-key"
    assert wrong.last_response is None  # nothing went through it


@SHELLS
def test_client_without_api_key_is_used_as_given(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    aai.settings.api_key = "not-the-key"
    client = aai.Client(settings=aai.Settings(base_url=fake.base_url, api_key=fake.api_key))
    transcript = transcribe(make, URL, client=client)
    assert transcript.status == aai.TranscriptStatus.completed


@SHELLS
def test_a_malformed_api_key_is_refused_before_any_request(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    with pytest.raises(aai.ConfigurationError, match="api_key contains spaces"):
        make(api_key="key with a newline\n")
    assert fake.requests == []


@SHELLS
def test_api_key_alone_follows_later_settings_changes(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    saved = aai.settings.base_url
    aai.settings.base_url = "http://127.0.0.1:9"  # nothing listens there
    transcriber = make(api_key=fake.api_key)
    aai.settings.base_url = saved  # the sandbox again: the next call goes there
    result = run(transcriber.submit(URL))
    assert result.status == aai.TranscriptStatus.queued
    assert fake.count("POST /v2/transcript") == 1


# --- Client() and AsyncClient ------------------------------------------------------------------


def test_client_without_arguments_snapshots_aai_settings(fake: FakeAssemblyAI) -> None:
    client = aai.Client()
    assert client.settings.base_url == fake.base_url
    assert client.settings.api_key == fake.api_key
    aai.settings.polling_interval = 7.0
    assert client.settings.polling_interval != 7.0  # a copy, as in 1.0


def test_client_api_key_replaces_the_settings_key() -> None:
    settings = aai.Settings(api_key="from-settings")
    client = aai.Client(settings=settings, api_key="from-argument")
    assert client.settings.api_key == "from-argument"
    assert settings.api_key == "from-settings"
    assert "from-argument" not in repr(client)


def test_client_without_any_key_says_how_to_give_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aai.settings, "api_key", None)
    for make_client in (aai.Client, aai.AsyncClient):
        with pytest.raises(ValueError, match="pass api_key= to the transcriber or client"):
            make_client()
        assert make_client(api_key_required=False).settings.api_key is None


def test_async_client_is_shared_and_stays_open(fake: FakeAssemblyAI) -> None:
    async def go() -> tuple[bool, bool, int]:
        async with aai.AsyncClient(settings=aai.settings) as client:
            first = aai.AsyncTranscriber(client=client)
            second = aai.AsyncTranscriber(client=client)
            async with first:
                await first.transcribe(URL)
            await second.transcribe(URL)  # the client is still open: first left it alone
            assert first.client is client
            pool = client.http_client
            status = client.last_response.status_code if client.last_response else 0
        return pool.is_closed, second.client is client, status

    closed, same, status = asyncio.run(go())
    assert closed and same and status == 200


def test_async_with_closes_the_transcribers_own_pool(fake: FakeAssemblyAI) -> None:
    async def go() -> tuple[httpx.AsyncClient, str | None]:
        async with aai.AsyncTranscriber() as transcriber:
            transcript = await transcriber.transcribe(URL)
            pool = transcriber.client.http_client
        assert pool.is_closed
        # A call after closing opens a new pool rather than failing.
        again = await transcriber.get_by_id(transcript.id)
        await transcriber.aclose()
        return pool, again.text

    pool, text = asyncio.run(go())
    assert pool.is_closed and text


def test_aclose_leaves_the_default_client_alone(fake: FakeAssemblyAI) -> None:
    async def go() -> bool:
        shared = aai.Client.get_default().async_http_client
        async with aai.AsyncTranscriber() as transcriber:
            await transcriber.submit(URL)
        closed = shared.is_closed
        await shared.aclose()
        return closed

    assert asyncio.run(go()) is False


def test_keepalive_expiry_reaches_both_pools(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pool_limits(aai.Settings(keepalive_expiry=1.5)).keepalive_expiry == 1.5
    assert pool_limits(aai.Settings(keepalive_expiry=None)).keepalive_expiry == 5.0  # httpx's
    seen: list[httpx.Limits] = []
    for cls in (httpx.HTTPTransport, httpx.AsyncHTTPTransport):
        original = cls.__init__

        def spy(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> None:
            seen.append(kwargs["limits"])
            _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", spy)
    client = aai.Client(settings=aai.Settings(api_key="k", keepalive_expiry=2.5))
    client.async_http_client  # noqa: B018 - made on first use
    assert [limits.keepalive_expiry for limits in seen] == [2.5, 2.5]


# --- poll_timeout= -----------------------------------------------------------------------------


@SHELLS
def test_poll_timeout_gives_up_with_a_transcript_error(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    fake.processing_time = 30
    transcriber = make()
    with pytest.raises(aai.TranscriptError, match="still"):
        run(transcriber.transcribe(URL, poll_timeout=0.2))


@SHELLS
def test_poll_timeout_and_our_name_must_agree(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    transcriber = make()
    with pytest.raises(aai.ConfigurationError, match="name the same deadline"):
        run(transcriber.transcribe(URL, polling_timeout=1, poll_timeout=2))
    assert run(transcriber.transcribe(URL, polling_timeout=5, poll_timeout=5)).text
    assert fake.count("POST /v2/transcript") == 1


@SHELLS
def test_transcript_wait_for_completion_takes_poll_timeout(
    make: Callable[..., Any], fake: FakeAssemblyAI
) -> None:
    fake.processing_time = 30
    transcript = run(make().submit(URL))
    with pytest.raises(aai.TranscriptError):
        run(transcript.wait_for_completion(poll_timeout=0.2))


def test_transcribe_async_takes_poll_timeout(fake: FakeAssemblyAI) -> None:
    fake.processing_time = 30
    future = aai.Transcriber().transcribe_async(URL, poll_timeout=0.2)
    with pytest.raises(aai.TranscriptError):
        future.result(timeout=20)


# --- AsyncTranscriber: groups and by-id --------------------------------------------------------


def test_async_group_methods_keep_order_and_return_failures(fake: FakeAssemblyAI) -> None:
    urls = [f"{URL}?n={n}" for n in range(4)]

    async def go() -> None:
        async with aai.AsyncTranscriber() as transcriber:
            queued = await transcriber.submit_group(urls, max_concurrency=2)
            assert [t.audio_url for t in queued] == urls
            assert {t.status for t in queued} <= {aai.TranscriptStatus.queued}
            done = await transcriber.transcribe_group(urls, max_concurrency=1)
            assert [t.audio_url for t in done] == urls
            assert {t.status for t in done} == {aai.TranscriptStatus.completed}

            fake.faults.add("POST /v2/transcript", statuses=[400], message="unreachable")
            kept, failures = await transcriber.transcribe_group(urls, return_failures=True)
            assert len(kept) == 3 and len(failures) == 1
            assert isinstance(failures[0], aai.TranscriptError)

            fake.faults.add("POST /v2/transcript", statuses=[400], message="unreachable")
            with pytest.raises(aai.TranscriptError, match="unreachable"):
                await transcriber.submit_group(urls)
            with pytest.raises(aai.ConfigurationError, match="max_concurrency"):
                await transcriber.transcribe_group(urls, max_concurrency=0)

    asyncio.run(go())


def test_async_get_by_id_and_delete_by_id(fake: FakeAssemblyAI) -> None:
    async def go() -> None:
        async with aai.AsyncTranscriber() as transcriber:
            queued = await transcriber.submit(URL)
            got = await transcriber.get_by_id(queued.id)
            assert got.status == aai.TranscriptStatus.completed and got.text
            deleted = await transcriber.delete_by_id(queued.id)
            assert deleted.id == queued.id
            assert fake.count("DELETE /v2/transcript/{transcript_id}") == 1

    asyncio.run(go())


def test_prerecorded_v2_names_are_the_top_level_classes() -> None:
    from assemblyai.prerecorded import v2

    for name in v2.__all__:
        assert getattr(v2, name) is getattr(aai, name), name
    assert aai.prerecorded.v2 is v2
    from assemblyai.async_client import AsyncClient

    assert AsyncClient is aai.AsyncClient


# --- every product reads its host from the settings at request time ----------------------------


def test_products_made_before_the_sandbox_started_reach_it() -> None:
    sync_transcriber = aai.Transcriber()
    async_transcriber = aai.AsyncTranscriber()
    lemur = aai.Lemur()
    with FakeAssemblyAI(processing_time=0.01) as fake:
        assert sync_transcriber.transcribe(URL).text
        assert asyncio.run(async_transcriber.transcribe(URL)).text
        assert aai.Transcript.get_by_id(fake.transcript_ids[0]).text
        lemur_transcript = sync_transcriber.transcribe(URL)
        assert lemur.task("Say hi", input_text=lemur_transcript.text or "").response
    assert fake.count("POST /v2/transcript") == 3


def test_region_switch_moves_the_hosts_of_existing_transcribers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(aai.settings, "api_key", "k")
    monkeypatch.setattr(aai.settings, "region", "us")
    transcriber = aai.AsyncTranscriber()
    keyed = aai.AsyncTranscriber(api_key="other")
    us = transcriber.client.settings.base_url
    aai.settings.region = "eu"
    try:
        assert transcriber.client.settings.base_url != us
        assert transcriber.client.settings.base_url == aai.settings.base_url
        assert keyed.client.settings.base_url == aai.settings.base_url
        assert aai.Client.get_default().settings.base_url == aai.settings.base_url
    finally:
        aai.settings.region = "us"
