"""Per-member polling of a group: the pure due queue, and the sync and async shells."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import assemblyai as aai
from assemblyai._core.polling import (
    START_CONCURRENCY,
    DueQueue,
    PollPlan,
    next_concurrency,
    next_poll_at,
)
from assemblyai._http.executor import SHARED_POOL_SIZE
from tests.bodies import transcript_body

# --- the pure part ---------------------------------------------------------------------------


def test_due_queue_takes_the_earliest_first_and_ties_in_key_order() -> None:
    due = DueQueue()
    for key, at in [(3, 1.0), (1, 1.0), (2, 0.5), (0, 2.0)]:
        due.put(key, at)
    assert len(due) == 4
    assert due.take(now=0.4, limit=8) == []
    assert due.take(now=1.0, limit=8) == [2, 1, 3]
    assert due.take(now=5.0, limit=8) == [0]
    assert len(due) == 0


def test_due_queue_respects_the_limit() -> None:
    due = DueQueue()
    for key in range(5):
        due.put(key, 0.0)
    assert due.take(now=0.0, limit=2) == [0, 1]
    assert due.take(now=0.0, limit=0) == []
    assert due.take(now=0.0, limit=10) == [2, 3, 4]


def test_due_queue_wait() -> None:
    due = DueQueue()
    assert due.wait(now=3.0) is None
    due.put(0, 5.0)
    assert due.wait(now=3.0) == pytest.approx(2.0)
    assert due.wait(now=6.0) == 0.0


def test_next_poll_is_an_interval_after_the_members_own_answer() -> None:
    plan = PollPlan(interval=0.5, timeout=None, started=100.0)
    assert next_poll_at(plan, 250.0) == pytest.approx(250.5)


def test_next_poll_is_capped_by_the_deadline_then_refused() -> None:
    plan = PollPlan(interval=3.0, timeout=10.0, started=0.0)
    assert next_poll_at(plan, 2.0) == pytest.approx(5.0)
    assert next_poll_at(plan, 9.0) == pytest.approx(10.0)
    assert next_poll_at(plan, 10.0) is None


def test_due_queue_counts_the_due_and_finds_the_next_later_one() -> None:
    due = DueQueue()
    assert due.count_due(1.0) == 0 and due.next_due_after(1.0) is None
    for key, at in [(0, 0.5), (1, 1.0), (2, 3.0), (3, 2.0)]:
        due.put(key, at)
    assert due.count_due(1.0) == 2
    assert due.next_due_after(1.0) == 2.0


@given(
    times=st.lists(st.floats(0, 10), max_size=60),
    now=st.floats(0, 10),
)
def test_due_queue_counts_like_a_scan_of_every_member(times: list[float], now: float) -> None:
    # The queue walks only the due part of its heap; the answers are those of a full scan.
    due = DueQueue()
    for key, at in enumerate(times):
        due.put(key, at)
    assert due.count_due(now) == sum(at <= now for at in times)
    assert due.next_due_after(now) == min((at for at in times if at > now), default=None)


@pytest.mark.parametrize(
    ("limit", "wall_per_cpu", "expected"),
    [
        (2, 2.5, 2),  # requests only take turns on the CPU: stay
        (2, 3.5, 3),  # a whole request's worth of waiting: one more
        (2, 400.0, 3),  # one step at a time
        (8, 400.0, 8),  # never past the maximum
        (5, 3.5, 4),  # the waiting stopped: one fewer
        (2, 1.0, 2),  # never below the start
    ],
)
def test_concurrency_grows_only_while_requests_wait(
    limit: int, wall_per_cpu: float, expected: int
) -> None:
    assert next_concurrency(limit, wall_per_cpu, maximum=8) == expected


# --- a fake API ------------------------------------------------------------------------------


def body(transcript_id: str, audio_url: str, status: str) -> dict[str, Any]:
    text = f"text of {audio_url}" if status == "completed" else None
    return transcript_body(
        id=transcript_id, audio_url=audio_url, status=status, text=text, words=[]
    )


class FakeAPI:
    """Transcripts finish at their ``?gets=N``-th GET; ``?slow=S`` makes each GET take S s.

    ``?post=400`` refuses the creation, ``?get=400`` every GET; ``?boom=1`` makes the transport
    raise a plain ``RuntimeError``.
    Records when each GET arrived, and the most requests in flight at once.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.urls: dict[str, str] = {}
        self.gets: dict[str, list[float]] = {}
        self.in_flight = 0
        self.most_in_flight = 0

    def _enter(self) -> None:
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def answer(self, request: httpx.Request) -> tuple[float, httpx.Response]:
        """The response, and how long to take before giving it."""
        if request.method == "POST":
            audio_url = json.loads(request.content)["audio_url"]
            query = httpx.URL(audio_url).params
            if query.get("post") == "400":
                return 0.0, httpx.Response(400, json={"error": "bad audio"})
            with self.lock:
                transcript_id = f"t{len(self.urls)}"
                self.urls[transcript_id] = audio_url
                self.gets[transcript_id] = []
            return 0.0, httpx.Response(200, json=body(transcript_id, audio_url, "queued"))
        transcript_id = request.url.path.rsplit("/", 1)[1]
        audio_url = self.urls[transcript_id]
        query = httpx.URL(audio_url).params
        with self.lock:
            self.gets[transcript_id].append(time.monotonic())
            count = len(self.gets[transcript_id])
        if query.get("get") == "400":
            return 0.0, httpx.Response(400, json={"error": "gone"})
        if query.get("boom"):
            raise RuntimeError("the transport broke")
        status = "completed" if count >= int(query.get("gets", "1")) else "processing"
        delay = float(query.get("slow", "0"))
        return delay, httpx.Response(200, json=body(transcript_id, audio_url, status))

    def handler(self, request: httpx.Request) -> httpx.Response:
        self._enter()
        try:
            delay, response = self.answer(request)
            time.sleep(delay + 0.002)
            return response
        finally:
            self._leave()

    async def async_handler(self, request: httpx.Request) -> httpx.Response:
        self._enter()
        try:
            delay, response = self.answer(request)
            await asyncio.sleep(delay + 0.002)
            return response
        finally:
            self._leave()

    def gets_of(self, audio_url: str) -> list[float]:
        (transcript_id,) = [t for t, url in self.urls.items() if url == audio_url]
        return self.gets[transcript_id]


def client_for(
    api: FakeAPI, interval: float, timeout: float | None = None, *, use_async: bool = False
) -> aai.Client:
    settings = aai.Settings(
        api_key="secret-key",
        base_url="https://api.test",
        polling_interval=interval,
        polling_timeout=timeout,
    )
    if use_async:
        return aai.Client(settings=settings, async_transport=httpx.MockTransport(api.async_handler))
    return aai.Client(settings=settings, transport=httpx.MockTransport(api.handler))


def url(name: str, **query: object) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"https://audio.test/{name}.mp3" + (f"?{params}" if params else "")


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


# --- the sync shell --------------------------------------------------------------------------


def test_a_slow_member_does_not_hold_up_the_others_polls() -> None:
    # Polled in rounds, the fast member would wait for the slow GET before each of its polls.
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.05))
    slow, fast = url("slow", slow=0.6), url("fast", gets=5)
    started = time.monotonic()
    group = transcriber.transcribe_group([slow, fast])
    elapsed = time.monotonic() - started
    assert [t.audio_url for t in group] == [slow, fast]
    assert all(t.status == "completed" for t in group)
    fast_gets = api.gets_of(fast)
    assert len(fast_gets) == 5
    assert fast_gets[-1] - fast_gets[0] < 0.5  # done while the slow GET was still answering
    assert all(gap >= 0.045 for gap in gaps(fast_gets))  # each an interval after its answer
    assert elapsed < 1.0


def test_many_members_keep_input_order_with_bounded_requests_in_flight() -> None:
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.01))
    urls = [url(f"m{i}", gets=1 + i % 3) for i in range(30)]
    threads_before = threading.active_count()
    group = transcriber.transcribe_group(urls)
    assert [t.audio_url for t in group] == urls
    assert [t.text for t in group] == [f"text of {u}" for u in urls]
    assert api.most_in_flight <= SHARED_POOL_SIZE
    assert threading.active_count() <= threads_before + 2 * SHARED_POOL_SIZE
    assert sum(len(g) for g in api.gets.values()) == sum(1 + i % 3 for i in range(30))


def test_requests_that_wait_on_the_network_run_up_to_the_pool_size_at_once() -> None:
    # Each answer takes 20 ms of waiting and almost no CPU: the limit grows to the maximum.
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.01))
    urls = [url(f"m{i}", gets=3, slow=0.02) for i in range(40)]
    group = transcriber.transcribe_group(urls)
    assert [t.audio_url for t in group] == urls
    assert api.most_in_flight == SHARED_POOL_SIZE


def test_requests_answered_at_once_stay_at_the_starting_concurrency() -> None:
    # The fake answers from the calling thread at once: waiting costs nothing, so nothing is
    # gained by more requests at once.
    api = FakeAPI()
    api.handler = lambda request: api.answer(request)[1]  # type: ignore[method-assign]
    transcriber = aai.Transcriber(client=client_for(api, interval=0.001))
    urls = [url(f"m{i}", gets=3) for i in range(40)]
    before = threading.active_count()
    group = transcriber.transcribe_group(urls)
    assert [t.audio_url for t in group] == urls
    assert threading.active_count() - before <= START_CONCURRENCY + 1


def test_an_interrupted_caller_stops_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C while the group waits: the interrupt reaches the caller and the workers stop
    # after their request in flight instead of polling the group to the end.
    from assemblyai._transcription import group_run as _group_run

    waits = 0
    real_wait = threading.Condition.wait

    def interrupted_wait(self: threading.Condition, timeout: float | None = None) -> bool:
        nonlocal waits
        waits += 1
        if waits == 3:
            raise KeyboardInterrupt
        return real_wait(self, timeout)

    class Interrupted(_group_run.GroupRun):
        def run(self) -> None:
            monkeypatch.setattr(self._changed, "wait", interrupted_wait.__get__(self._changed))
            super().run()

    monkeypatch.setattr(_group_run, "GroupRun", Interrupted)
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.01))
    with pytest.raises(KeyboardInterrupt):
        transcriber.transcribe_group([url(f"m{i}", gets=50, slow=0.005) for i in range(10)])
    time.sleep(0.2)  # what was in flight finishes
    settled = sum(len(g) for g in api.gets.values())
    time.sleep(0.3)
    assert sum(len(g) for g in api.gets.values()) == settled
    assert settled < 10 * 50


def test_failures_are_dropped_and_returned_submissions_first() -> None:
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.01))
    urls = [url("ok0"), url("gone", get=400), url("refused", post=400), url("ok1", gets=2)]
    group, failures = transcriber.transcribe_group(urls, return_failures=True)
    assert [t.audio_url for t in group] == [urls[0], urls[3]]
    assert [f.status_code for f in failures] == [400, 400]  # type: ignore[attr-defined]
    assert "transcribe" in str(failures[0]) and "retrieve" in str(failures[1])


def test_another_error_is_raised_after_the_requests_in_flight() -> None:
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.01))
    with pytest.raises(RuntimeError, match="the transport broke"):
        transcriber.transcribe_group([url("a", gets=3), url("b", boom=1), url("c", gets=2)])


def test_a_member_past_the_deadline_raises_a_timeout() -> None:
    api = FakeAPI()
    transcriber = aai.Transcriber(client=client_for(api, interval=0.02, timeout=0.15))
    started = time.monotonic()
    with pytest.raises(aai.APITimeoutError, match="still processing"):
        transcriber.transcribe_group([url("done"), url("never", gets=10_000)])
    assert time.monotonic() - started < 1.0


def test_wait_for_completion_polls_existing_members_per_member() -> None:
    api = FakeAPI()
    client = client_for(api, interval=0.05)
    transcriber = aai.Transcriber(client=client)
    slow, fast = url("slow", slow=0.5), url("fast", gets=4)
    submitted = transcriber.submit_group([slow, fast])
    group = submitted.wait_for_completion()
    assert [t.audio_url for t in group] == [slow, fast]
    fast_gets = api.gets_of(fast)
    assert len(fast_gets) == 4
    assert fast_gets[-1] - fast_gets[0] < 0.4


def test_an_empty_group_is_done_at_once() -> None:
    api = FakeAPI()
    group = aai.TranscriptGroup(client=client_for(api, interval=0.01)).wait_for_completion()
    assert len(group) == 0


# --- the async shell -------------------------------------------------------------------------


def run_async(factory: Callable[[], Any]) -> Any:
    return asyncio.run(factory())


def test_async_group_a_slow_member_does_not_hold_up_the_others() -> None:
    api = FakeAPI()
    client = client_for(api, interval=0.05, use_async=True)
    slow, fast = url("slow", slow=0.6), url("fast", gets=5)

    async def main() -> list[Any]:
        try:
            return await aai.AsyncTranscriber(client=client).transcribe_group([slow, fast])
        finally:
            await client.aclose()

    transcripts = run_async(main)
    assert [t.audio_url for t in transcripts] == [slow, fast]
    fast_gets = api.gets_of(fast)
    assert len(fast_gets) == 5
    assert fast_gets[-1] - fast_gets[0] < 0.5
    assert all(gap >= 0.045 for gap in gaps(fast_gets))
