"""The pure parts behind the official 1.0's client keywords: which client a call uses
(``ClientSource``), one deadline from two keywords (``choose_wait_timeout``), and the asyncio
group runner (``run_in_order``)."""

from __future__ import annotations

import asyncio

import pytest

import assemblyai as aai
from assemblyai._core.polling import choose_wait_timeout
from assemblyai._http.client_source import ClientSource
from assemblyai._transcription.group_async import check_concurrency, run_in_order


@pytest.fixture(autouse=True)
def keyed_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aai.settings, "api_key", "settings-key")
    monkeypatch.setattr(aai.settings, "base_url", "https://api.example.org")


def test_given_client_is_used_and_never_owned() -> None:
    client = aai.Client(settings=aai.Settings(api_key="given"))
    source = ClientSource(client, None)
    assert source.current() is client and not source.owns_client
    assert source.retire_owned() == []


def test_api_key_with_client_derives_a_client_now() -> None:
    client = aai.Client(settings=aai.Settings(api_key="given", polling_interval=0.5))
    source = ClientSource(client, "winner")
    own = source.current()
    assert own is not client and own.settings.api_key == "winner"
    assert own.settings.polling_interval == 0.5  # the rest of the given client's settings
    assert client.settings.api_key == "given"
    assert source.current() is own  # made once: the given client's settings are a snapshot
    assert source.retire_owned() == [own]


def test_api_key_alone_follows_aai_settings() -> None:
    source = ClientSource(None, "winner")
    first = source.current()
    assert first.settings.api_key == "winner"
    assert first.settings.base_url == "https://api.example.org"
    assert source.current() is first  # unchanged settings: the same pool
    aai.settings.base_url = "https://eu.example.org"
    second = source.current()
    assert second is not first and second.settings.base_url == "https://eu.example.org"
    assert second.settings.api_key == "winner"
    assert source.retire_owned() == [first, second]  # the replaced one is closed too
    assert source.retire_owned() == [second]


def test_neither_uses_the_default_unless_private() -> None:
    assert ClientSource(None, None).current() is aai.Client.get_default()
    private = ClientSource(None, None, private=True)
    own = private.current()
    assert own is not aai.Client.get_default() and own.settings.api_key == "settings-key"
    assert private.owns_client


def test_bad_inputs_are_refused_before_anything_is_built() -> None:
    with pytest.raises(aai.ConfigurationError, match="api_key contains spaces"):
        ClientSource(None, "two words")
    with pytest.raises(TypeError, match=r"AsyncClient goes with aai\.AsyncTranscriber"):
        ClientSource(aai.AsyncClient(), None)  # type: ignore[arg-type]


def test_an_empty_key_reports_the_missing_key_at_the_call() -> None:
    source = ClientSource(None, "")
    with pytest.raises(aai.ConfigurationError, match="pass api_key="):
        source.current()


@pytest.mark.parametrize(
    ("ours", "theirs", "chosen"),
    [(None, None, None), (5, None, 5.0), (None, 7, 7.0), (3, 3, 3.0)],
)
def test_one_deadline_from_two_keywords(
    ours: float | None, theirs: float | None, chosen: float | None
) -> None:
    assert choose_wait_timeout("timeout", ours, theirs) == chosen


@pytest.mark.parametrize(("ours", "theirs"), [(1, 2), (0, None), (None, -1), (None, True)])
def test_deadlines_that_cannot_both_hold_are_refused(ours: object, theirs: object) -> None:
    with pytest.raises(aai.ConfigurationError):
        choose_wait_timeout("timeout", ours, theirs)  # type: ignore[arg-type]


def test_run_in_order_keeps_order_and_bounds_concurrency() -> None:
    running = 0
    peak = 0

    async def work(n: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01 * (5 - n))  # later items finish first
        running -= 1
        return n * 10

    results, failures = asyncio.run(
        run_in_order(range(5), work, max_concurrency=2, return_failures=False)  # type: ignore[arg-type]
    )
    assert results == [0, 10, 20, 30, 40] and failures == [] and peak == 2


def test_run_in_order_collects_or_raises_failures() -> None:
    started: list[int] = []

    async def work(n: int) -> int:
        started.append(n)
        if n == 1:
            raise aai.TranscriptError("item 1 failed", 400)
        await asyncio.sleep(0.05 if n == 0 else 0)
        return n

    results, failures = asyncio.run(
        run_in_order([0, 1, 2], work, max_concurrency=3, return_failures=True)
    )
    assert results == [0, 2] and [str(f) for f in failures] == ["item 1 failed"]

    slow_finished: list[int] = []

    async def failing(n: int) -> int:
        if n == 0:
            raise aai.TranscriptError("first failed", 400)
        await asyncio.sleep(5)
        slow_finished.append(n)
        return n

    with pytest.raises(aai.TranscriptError, match="first failed"):
        asyncio.run(run_in_order([0, 1], failing, max_concurrency=2, return_failures=False))
    assert slow_finished == []  # cancelled, not left running


def test_run_in_order_raises_other_errors_even_when_collecting() -> None:
    async def broken(n: int) -> int:
        raise KeyError(n)

    with pytest.raises(KeyError):
        asyncio.run(run_in_order([1], broken, max_concurrency=1, return_failures=True))
    assert asyncio.run(run_in_order([], broken, max_concurrency=1, return_failures=True)) == (
        [],
        [],
    )


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "2"])
def test_concurrency_must_be_a_positive_whole_number(value: object) -> None:
    with pytest.raises(aai.ConfigurationError, match="max_concurrency"):
        check_concurrency(value)
