"""A v3 session that survives the network, over real loopback websockets (the sandbox).

Every scenario runs on both clients (``threaded`` and ``asyncio``, through the drivers of
:mod:`.drivers`): handshake retries, reconnection with buffered or lost audio, the reconnect
hook (giving up, rotating the token), backpressure, pacing, pause/resume and push. The
sandbox injects the faults (``fake.stream_faults``) and records what it received.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from assemblyai._core.exceptions import ConfigurationError
from assemblyai.streaming.v3 import (
    AudioLost,
    Reconnect,
    ReconnectAttempt,
    ReconnectPolicy,
    SendTimeoutError,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    apaced,
    paced,
)
from assemblyai.testing import FakeAssemblyAI, StreamingSession

from .drivers import KINDS, Driver, make_driver, silence

pytestmark = pytest.mark.timeout(60)

PARAMS = StreamingParameters(sample_rate=16_000)
SECOND = 32_000  # bytes of one second of 16 kHz PCM16


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI() as fake:
        yield fake
        for session in fake.streaming_sessions:
            assert session.wait_closed(), session


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 30))


def sessions(fake: FakeAssemblyAI) -> list[StreamingSession]:
    return fake.streaming_sessions


class Hooks:
    """Records what the reconnect hooks were told; ``answer`` is what the hook returns."""

    def __init__(self, answer: object = None) -> None:
        self.attempts: list[ReconnectAttempt] = []
        self.lost: list[AudioLost] = []
        self.answer = answer
        self.called = threading.Event()

    def on_reconnecting(self, attempt: ReconnectAttempt) -> object:
        self.attempts.append(attempt)
        self.called.set()
        return self.answer

    def on_audio_lost(self, lost: AudioLost) -> None:
        self.lost.append(lost)

    def policy(self, **kwargs: Any) -> ReconnectPolicy:
        kwargs.setdefault("initial_delay", 0.3)
        kwargs.setdefault("jitter", 0.0)
        return ReconnectPolicy(
            on_reconnecting=self.on_reconnecting, on_audio_lost=self.on_audio_lost, **kwargs
        )

    async def wait_called(self) -> None:
        assert await asyncio.to_thread(self.called.wait, 5.0), "no reconnection attempt"


def refused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- handshake retries -------------------------------------------------------------------------


def test_a_503_handshake_is_retried_until_accepted(fake: FakeAssemblyAI, kind: str) -> None:
    rule = fake.stream_faults.add("v3", reject_status=503, times=2)

    async def scenario() -> None:
        d = make_driver(kind, StreamingClientOptions(connection_retry_delay=0.01))
        await d.connect(PARAMS)
        await d.disconnect(terminate=True)
        assert d.of(StreamingEvents.Begin) and not d.errors

    run(scenario())
    assert rule.hits == 2
    assert [s.status for s in sessions(fake)] == [503, 503, 101]


@pytest.mark.parametrize("status", [429, 500, 502])
def test_transient_statuses_are_retried(fake: FakeAssemblyAI, kind: str, status: int) -> None:
    fake.stream_faults.add("v3", reject_status=status, times=1)

    async def scenario() -> None:
        d = make_driver(kind, StreamingClientOptions(connection_retry_delay=0.01))
        await d.connect(PARAMS)
        await d.disconnect()

    run(scenario())
    assert [s.status for s in sessions(fake)] == [status, 101]


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_client_errors_are_never_retried(fake: FakeAssemblyAI, kind: str, status: int) -> None:
    fake.stream_faults.add("v3", reject_status=status, persistent=True)

    async def scenario() -> StreamingError:
        d = make_driver(kind, StreamingClientOptions(connection_retry_delay=0.01))
        with pytest.raises(StreamingError) as raised:
            await d.connect(PARAMS)
        return raised.value

    error = run(scenario())
    assert error.status_code == status
    assert len(sessions(fake)) == 1


def test_a_wrong_key_is_not_retried(fake: FakeAssemblyAI, kind: str) -> None:
    async def scenario() -> StreamingError:
        d = make_driver(kind, StreamingClientOptions(api_key="wrong", connection_retry_delay=0))
        with pytest.raises(StreamingError) as raised:
            await d.connect(PARAMS)
        return raised.value

    assert run(scenario()).code == 4001
    assert len(sessions(fake)) == 1


def test_a_refused_connection_is_retried_with_backoff(kind: str) -> None:
    options = StreamingClientOptions(
        api_host=f"ws://127.0.0.1:{refused_port()}",
        api_key="k",
        max_connection_retries=2,
        connection_retry_delay=0.1,
    )

    async def scenario() -> tuple[StreamingError, float]:
        d = make_driver(kind, options)
        started = time.monotonic()
        with pytest.raises(StreamingError) as raised:
            await d.connect(PARAMS)
        return raised.value, time.monotonic() - started

    error, elapsed = run(scenario())
    assert "could not connect" in str(error).lower()
    # Two retries: 0.1 s, then 0.2 s, each less at most a quarter (jitter).
    assert 0.075 + 0.15 <= elapsed < 5.0


def test_no_retries_when_disabled(kind: str) -> None:
    options = StreamingClientOptions(
        api_host=f"ws://127.0.0.1:{refused_port()}",
        api_key="k",
        max_connection_retries=0,
        connection_retry_delay=1.0,
    )

    async def scenario() -> float:
        d = make_driver(kind, options)
        started = time.monotonic()
        with pytest.raises(StreamingError):
            await d.connect(PARAMS)
        return time.monotonic() - started

    assert run(scenario()) < 0.9


# -- reconnection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [{"drop": True}, {"close_code": 1011}, {"close_code": 1012}, {"close_code": 1013}],
    ids=["drop", "1011", "1012", "1013"],
)
def test_a_session_reconnects_and_sends_the_audio_kept_meanwhile(
    fake: FakeAssemblyAI, kind: str, fault: dict[str, Any]
) -> None:
    fake.stream_faults.add("v3", after_messages=1, **fault)
    hooks = Hooks()

    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions(reconnect=hooks.policy()))
        await d.connect(PARAMS)
        await hooks.wait_called()  # the drop is seen; the next attempt is 0.3 s away
        await d.stream(silence(1.0))  # kept while disconnected
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        await d.stream(silence(0.5))
        await d.disconnect(terminate=True)
        return d

    d = run(scenario())
    first, second = sessions(fake)
    assert first.audio_bytes == 0 and second.audio_bytes == SECOND * 3 // 2
    assert second.close_code == 1000 and second.sent[-1]["type"] == "Termination"
    assert d.errors == [] and len(d.of(StreamingEvents.Termination)) == 1
    (attempt,) = hooks.attempts
    assert attempt.number == 1 and attempt.reason.code == fault.get("close_code", 1006)
    assert attempt.session_id == first.id and attempt.delay == pytest.approx(0.3)
    assert hooks.lost == []


def test_a_drop_in_the_middle_of_a_stream_loses_at_most_what_was_in_flight(
    fake: FakeAssemblyAI, kind: str
) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=3)  # Begin and two Turns
    hooks = Hooks()
    audio = b"\0\0" * 16_000 * 4  # four seconds, sent at four times real time

    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions(reconnect=hooks.policy(initial_delay=0.05)))
        await d.connect(PARAMS)
        if kind == "asyncio":
            await d.client.stream(apaced(audio, sample_rate=16_000, speed=4.0))  # type: ignore[arg-type]
        else:
            await d.stream(paced(audio, sample_rate=16_000, speed=4.0))
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        await d.disconnect(terminate=True)
        return d

    d = run(scenario())
    first, second = sessions(fake)
    received = first.audio_bytes + second.audio_bytes
    assert first.audio_bytes > 0 and second.audio_bytes > 0 and d.errors == []
    # Only what was written to the dropped socket and never read can be missing.
    assert len(audio) - SECOND // 2 <= received <= len(audio)
    assert hooks.lost == [] and len(hooks.attempts) == 1


def test_a_second_drop_while_the_kept_audio_goes_out_reconnects_again(
    fake: FakeAssemblyAI, kind: str
) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1, times=2)
    hooks = Hooks()

    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions(reconnect=hooks.policy(initial_delay=0.3)))
        await d.connect(PARAMS)
        await hooks.wait_called()
        await d.stream(silence(1.0))
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 3)
        await d.disconnect(terminate=True)
        return d

    d = run(scenario())
    _, second, third = sessions(fake)
    assert d.errors == [] and [a.number for a in hooks.attempts] == [1, 1]
    # The second connection dropped as the kept audio went out: what its socket took is gone
    # with it (the server never read it), the rest reaches the third session, nothing twice.
    assert second.audio_bytes == 0 and third.audio_bytes <= SECOND
    assert third.close_code == 1000 and third.sent[-1]["type"] == "Termination"


@pytest.mark.parametrize("catch_up_speed", [2.0, None])
def test_kept_audio_catches_up_without_being_too_fast(
    fake: FakeAssemblyAI, kind: str, catch_up_speed: float | None
) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    fake.stream_faults.add("v3", max_speed=2.5)  # the next connection: 4029 beyond 2.5x
    hooks = Hooks()

    async def scenario() -> Driver:
        policy = hooks.policy(catch_up_speed=catch_up_speed, initial_delay=0.5)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await hooks.wait_called()
        await d.stream(silence(3.0))  # kept: three seconds to send when reconnected
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        if catch_up_speed is None:
            await d.wait_for(lambda: bool(d.errors))
        await d.disconnect(terminate=True)
        return d

    d = run(scenario())
    second = sessions(fake)[1]
    if catch_up_speed is None:  # all at once: the server refuses the burst
        assert [e.code for e in d.errors] == [4029]
    else:
        assert d.errors == [] and second.audio_bytes == 3 * SECOND
        # Three seconds at twice real time: the last 100 ms chunk went 1.45 s after Begin.
        assert second.sent[-1]["session_duration_seconds"] >= 1.4


def test_updates_are_sent_again_to_the_new_session(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=2)  # after Begin and a Turn
    hooks = Hooks()

    async def scenario() -> None:
        d = make_driver(kind, StreamingClientOptions(reconnect=hooks.policy(initial_delay=0.01)))
        await d.connect(PARAMS)
        await d.set_params(StreamingSessionParameters(max_turn_silence=1500))
        await d.stream(silence(1.5))
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        await d.disconnect(terminate=True)

    run(scenario())
    first, second = sessions(fake)
    update = {"type": "UpdateConfiguration", "max_turn_silence": 1500}
    assert first.messages[0] == update and update in second.messages
    assert second.config["max_turn_silence"] == 1500


def test_audio_is_reported_lost_without_a_buffer(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    hooks = Hooks()

    async def scenario() -> Driver:
        # The next attempt is 1.5 s away: all of the audio comes while disconnected.
        policy = hooks.policy(buffer_seconds=0, initial_delay=1.5)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await hooks.wait_called()
        await d.stream(silence(1.0))
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        await d.disconnect(terminate=True)
        return d

    d = run(scenario())
    assert sum(lost.bytes for lost in hooks.lost) == SECOND
    assert sum(lost.seconds or 0 for lost in hooks.lost) == pytest.approx(1.0)
    assert {lost.reason for lost in hooks.lost} == {"disconnected"}
    assert sessions(fake)[1].audio_bytes == 0 and d.errors == []


def test_a_full_buffer_reports_the_rest_as_lost(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    hooks = Hooks()

    async def scenario() -> None:
        policy = hooks.policy(buffer_seconds=0.5, initial_delay=1.5)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await hooks.wait_called()
        await d.stream(silence(1.0))
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        await d.disconnect(terminate=True)

    run(scenario())
    assert sessions(fake)[1].audio_bytes == SECOND // 2
    assert sum(lost.bytes for lost in hooks.lost) == SECOND // 2


def test_the_hook_can_give_up(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", close_code=1011, after_messages=1)
    hooks = Hooks(answer=False)

    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions(reconnect=hooks.policy()))
        await d.connect(PARAMS)
        await d.wait_for(lambda: bool(d.errors))
        await d.stream(silence(0.3))  # the session is over: nothing is sent
        await d.disconnect()
        return d

    d = run(scenario())
    assert [e.code for e in d.errors] == [1011]
    assert len(sessions(fake)) == 1 and len(hooks.attempts) == 1


def test_giving_up_after_max_attempts(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    fake.stream_faults.add("v3", reject_status=503, times=2)
    hooks = Hooks()

    async def scenario() -> Driver:
        policy = hooks.policy(max_attempts=2, initial_delay=0.01)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await d.wait_for(lambda: bool(d.errors))
        await d.disconnect()
        return d

    d = run(scenario())
    assert [a.number for a in hooks.attempts] == [1, 2]
    assert hooks.attempts[1].reason.status_code == 503
    assert [e.code for e in d.errors] == [1006]
    assert [s.status for s in sessions(fake)] == [101, 503, 503]


def test_a_4xx_rejection_while_reconnecting_ends_the_session(
    fake: FakeAssemblyAI, kind: str
) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    fake.stream_faults.add("v3", reject_status=401)
    hooks = Hooks()

    async def scenario() -> Driver:
        policy = hooks.policy(initial_delay=0.01)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await d.wait_for(lambda: bool(d.errors))
        await d.disconnect()
        return d

    d = run(scenario())
    assert [e.code for e in d.errors] == [4001]
    assert len(hooks.attempts) == 1 and len(sessions(fake)) == 2


def test_the_hook_can_rotate_the_token(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)

    async def scenario() -> Driver:
        token = await make_driver(kind, StreamingClientOptions()).create_temporary_token(60)
        answer = Reconnect(token=token, params=StreamingParameters(sample_rate=8_000))

        async def rotate_async(attempt: ReconnectAttempt) -> Reconnect:
            await asyncio.sleep(0)
            return answer

        def rotate(attempt: ReconnectAttempt) -> Reconnect:
            return answer

        hook = rotate_async if kind == "asyncio" else rotate
        policy = ReconnectPolicy(on_reconnecting=hook, initial_delay=0.01)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await d.wait_for(lambda: len(d.of(StreamingEvents.Begin)) == 2)
        await d.disconnect(terminate=True)
        return d

    d = run(scenario())
    first, second = sessions(fake)
    assert "token" not in first.query and first.headers["authorization"] == "***"
    assert second.query["token"] == "***" and "authorization" not in second.headers
    assert first.query["sample_rate"] == "16000" and second.query["sample_rate"] == "8000"
    assert d.errors == []


def test_4xxx_closes_never_reconnect(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", close_code=4029, reason="too fast", after_messages=1)
    hooks = Hooks()

    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions(reconnect=hooks.policy()))
        await d.connect(PARAMS)
        await d.wait_for(lambda: bool(d.errors))
        await d.disconnect()
        return d

    d = run(scenario())
    assert [e.code for e in d.errors] == [4029]
    assert hooks.attempts == [] and len(sessions(fake)) == 1


def test_disconnect_while_reconnecting_stops_and_reports_the_kept_audio(
    fake: FakeAssemblyAI, kind: str
) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    hooks = Hooks()

    async def scenario() -> tuple[Driver, float]:
        policy = hooks.policy(initial_delay=10.0)
        d = make_driver(kind, StreamingClientOptions(reconnect=policy))
        await d.connect(PARAMS)
        await hooks.wait_called()
        await d.stream(silence(0.5))
        started = time.monotonic()
        await d.disconnect()
        return d, time.monotonic() - started

    d, elapsed = run(scenario())
    assert elapsed < 3.0 and len(sessions(fake)) == 1 and d.errors == []
    assert [(lost.bytes, lost.reason) for lost in hooks.lost] == [(SECOND // 2, "gave up")]


# -- backpressure ------------------------------------------------------------------------------


def test_a_slow_reader_makes_stream_time_out(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", stall=30.0, after_messages=1)

    async def scenario() -> float:
        options = StreamingClientOptions(send_timeout=0.5, terminate_timeout=1.0)
        d = make_driver(kind, options, send_queue_size=4)
        await d.connect(PARAMS)
        started = time.monotonic()
        with pytest.raises(SendTimeoutError, match=r"stayed full for 0\.5 s"):
            await d.stream(silence(600, chunk_ms=1000))
        elapsed = time.monotonic() - started
        await d.disconnect()
        return elapsed

    assert run(scenario()) < 15.0


def test_a_slow_reader_makes_stream_wait(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", stall=30.0, after_messages=1)

    async def scenario() -> None:
        d = make_driver(kind, StreamingClientOptions(terminate_timeout=1.0), send_queue_size=4)
        await d.connect(PARAMS)
        producer = asyncio.ensure_future(d.stream(silence(600, chunk_ms=1000)))
        done, _ = await asyncio.wait({producer}, timeout=1.0)
        assert not done, "stream() returned although nothing could be sent"
        await d.disconnect()  # cuts the stuck connection; the producer returns
        await asyncio.wait_for(producer, 10)

    run(scenario())


# -- pacing ------------------------------------------------------------------------------------


def test_paced_audio_is_not_too_fast(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", max_speed=1.2)
    audio = b"\0\0" * 16_000 * 2  # two seconds

    async def scenario() -> tuple[Driver, float]:
        d = make_driver(kind, StreamingClientOptions())
        await d.connect(PARAMS)
        started = time.monotonic()
        if kind == "asyncio":
            await d.client.stream(apaced(audio, sample_rate=16_000))  # type: ignore[arg-type]
        else:
            await d.stream(paced(audio, sample_rate=16_000))
        elapsed = time.monotonic() - started
        await d.disconnect(terminate=True)
        return d, elapsed

    d, elapsed = run(scenario())
    assert elapsed >= 1.85  # the last 100 ms chunk is due 1.9 s after the first
    assert d.errors == [] and sessions(fake)[0].audio_bytes == len(audio)


def test_unpaced_audio_is_closed_as_too_fast(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", max_speed=1.2)

    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions())
        await d.connect(PARAMS)
        await d.stream(silence(5.0))
        await d.wait_for(lambda: bool(d.errors))
        await d.disconnect()
        return d

    d = run(scenario())
    assert [e.code for e in d.errors] == [4029]


# -- pause and resume --------------------------------------------------------------------------


def test_audio_sent_while_paused_is_discarded_and_silence_keeps_the_session(
    fake: FakeAssemblyAI, kind: str
) -> None:
    async def scenario() -> Driver:
        d = make_driver(kind, StreamingClientOptions())
        await d.connect(PARAMS)
        await d.stream(silence(0.5))
        d.client.pause(keepalive_every=0.2)
        assert d.client.paused
        await d.stream(silence(1.0))
        await asyncio.sleep(0.7)
        d.client.resume()
        assert not d.client.paused
        await d.stream(silence(0.5))
        await d.disconnect(terminate=True)
        assert d.client.paused_bytes == SECOND
        return d

    run(scenario())
    session = sessions(fake)[0]
    keepalive = 3_200  # 100 ms of silence
    kept = session.audio_bytes - SECOND
    assert kept % keepalive == 0 and 1 <= kept // keepalive <= 5


def test_pause_needs_a_connection(kind: str) -> None:
    d = make_driver(kind, StreamingClientOptions(api_key="k"))
    with pytest.raises(StreamingError, match="not connected"):
        d.client.pause()


# -- push --------------------------------------------------------------------------------------


def test_push_from_another_thread_delivers_every_chunk(fake: FakeAssemblyAI, kind: str) -> None:
    async def scenario() -> list[bool]:
        d = make_driver(kind, StreamingClientOptions())
        await d.connect(PARAMS)
        accepted: list[bool] = []

        def callback_thread() -> None:
            for chunk in silence(1.0, chunk_ms=50):
                accepted.append(d.client.push(chunk))
                time.sleep(0.005)

        await asyncio.to_thread(callback_thread)
        await d.disconnect(terminate=True)
        return accepted

    accepted = run(scenario())
    assert all(accepted) and len(accepted) == 20
    assert sessions(fake)[0].audio_bytes == SECOND


def test_push_reports_overflow_without_blocking(fake: FakeAssemblyAI, kind: str) -> None:
    fake.stream_faults.add("v3", stall=30.0, after_messages=1)

    async def scenario() -> tuple[list[bool], float, int]:
        d = make_driver(kind, StreamingClientOptions(terminate_timeout=1.0), send_queue_size=4)
        await d.connect(PARAMS)
        chunk = silence(1.0, chunk_ms=1000)[0]
        started = time.monotonic()
        results = []
        for _ in range(2000):
            results.append(d.client.push(chunk))
            if not results[-1]:
                break
            await asyncio.sleep(0)  # let the asyncio client's pump run
        elapsed = time.monotonic() - started
        overflow = d.client.overflow_bytes
        await d.disconnect()
        return results, elapsed, overflow

    results, elapsed, overflow = run(scenario())
    assert results[-1] is False and overflow == SECOND
    assert elapsed < 10.0


# -- the sandbox's faults ----------------------------------------------------------------------


def test_the_new_faults_check_their_arguments_and_describe_themselves(
    fake: FakeAssemblyAI,
) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        fake.stream_faults.add(stall=1.0, max_speed=2.0)
    with pytest.raises(ValueError, match="max_speed"):
        fake.stream_faults.add(max_speed=0)
    assert fake.stream_faults.add("v3", stall=2.5, after_messages=1).describe() == (
        "stall 2.5 s after 1 message(s)"
    )
    assert fake.stream_faults.add("v3", max_speed=1.5).describe() == (
        "close 4029 beyond 1.5x real time"
    )


def test_coroutine_hooks_are_refused_where_they_cannot_be_awaited(fake: FakeAssemblyAI) -> None:
    async def hook(event: object) -> None:
        return None

    async def scenario() -> None:
        sync_policy = ReconnectPolicy(on_reconnecting=hook)
        d = make_driver("threaded", StreamingClientOptions(reconnect=sync_policy))
        with pytest.raises(ConfigurationError, match="plain functions"):
            await d.connect(PARAMS)
        async_policy = ReconnectPolicy(on_audio_lost=hook)
        d = make_driver("asyncio", StreamingClientOptions(reconnect=async_policy))
        with pytest.raises(ConfigurationError, match="plain function"):
            await d.connect(PARAMS)

    run(scenario())
    assert sessions(fake) == []  # refused before anything was sent
