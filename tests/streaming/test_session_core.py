"""The pure decisions behind a session that survives the network (no sockets here)."""

from __future__ import annotations

import asyncio
import time
import wave
from pathlib import Path

import pytest

from assemblyai._core.exceptions import ConfigurationError
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailure, FailureKind
from assemblyai.streaming._session.core import (
    Backlog,
    GiveUp,
    PaceClock,
    Reconnect,
    ReconnectPolicy,
    backoff_delay,
    buffer_capacity,
    bytes_per_second,
    catch_up_clock,
    handshake_retryable,
    interpret_hook_answer,
    merge_change,
    silence,
)
from assemblyai.streaming.v3 import StreamingClientOptions, apaced, paced


@pytest.mark.parametrize(
    ("failure", "retry"),
    [
        (ConnectFailure(FailureKind.NETWORK, "refused"), True),
        (ConnectFailure(FailureKind.TIMEOUT, "slow"), True),
        (ConnectFailure(FailureKind.REJECTED, "HTTP 503", status=503), True),
        (ConnectFailure(FailureKind.REJECTED, "HTTP 429", status=429), True),
        (ConnectFailure(FailureKind.REJECTED, "HTTP 401", status=401), False),
        (ConnectFailure(FailureKind.REJECTED, "HTTP 400", status=400), False),
        (ConnectFailure(FailureKind.CLOSED, "1013", close=CloseInfo(1013)), True),
        (ConnectFailure(FailureKind.CLOSED, "4001", close=CloseInfo(4001)), False),
        (ConnectFailure(FailureKind.INVALID, "bad URL"), False),
    ],
)
def test_which_handshake_failures_are_retried(failure: ConnectFailure, retry: bool) -> None:
    assert handshake_retryable(failure) is retry


@pytest.mark.parametrize("code", [None, 1001, 1006, 1011, 1012, 1013, 3005, 3008])
def test_recoverable_closes(code: int | None) -> None:
    assert ReconnectPolicy().recoverable(code)


@pytest.mark.parametrize("code", [1000, 3006, 3009, 4000, 4001, 4002, 4029, 4031, 4103])
def test_closes_that_never_reconnect(code: int) -> None:
    assert not ReconnectPolicy().recoverable(code)


def test_backoff_doubles_up_to_the_cap_and_jitter_only_shortens() -> None:
    delays = [
        backoff_delay(n, initial=0.5, maximum=3.0, jitter=0.5, rand=lambda: 0.0)
        for n in (1, 2, 3, 4, 5)
    ]
    assert delays == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert backoff_delay(2, initial=0.5, maximum=3.0, jitter=0.5, rand=lambda: 1.0) == 0.5
    with pytest.raises(ValueError, match="counts from 1"):
        backoff_delay(0, initial=1, maximum=1, jitter=0)


def test_policy_checks_its_values() -> None:
    with pytest.raises(ConfigurationError, match="max_attempts"):
        ReconnectPolicy(max_attempts=0)
    with pytest.raises(ConfigurationError, match="jitter"):
        ReconnectPolicy(jitter=1.5)
    with pytest.raises(ConfigurationError, match="4xxx"):
        ReconnectPolicy(close_codes={1006, 4001})
    with pytest.raises(ConfigurationError, match="initial_delay"):
        ReconnectPolicy(initial_delay=-1)
    with pytest.raises(ConfigurationError, match="never catch up"):
        ReconnectPolicy(catch_up_speed=1.0)
    assert catch_up_clock(ReconnectPolicy(catch_up_speed=None), 32_000) is None
    assert catch_up_clock(ReconnectPolicy(), None) is None  # compressed audio: no rate
    clock = catch_up_clock(ReconnectPolicy(), 32_000)
    assert clock is not None and [clock.due(3_200) for _ in range(2)] == [0.0, 0.05]


def test_options_check_their_values_and_take_reconnect_true() -> None:
    assert StreamingClientOptions(reconnect=True, api_key="k").reconnect == ReconnectPolicy()
    assert StreamingClientOptions(reconnect=False, api_key="k").reconnect is None
    for bad in (
        {"connect_timeout": 0},
        {"max_connection_retries": -1},
        {"connection_retry_delay": -0.1},
        {"send_timeout": 0},
        {"terminate_timeout": "5"},
    ):
        with pytest.raises(ConfigurationError):
            StreamingClientOptions(**bad)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="ReconnectPolicy"):
        StreamingClientOptions(reconnect="yes")  # type: ignore[arg-type]


def test_the_options_default_as_in_1_0() -> None:
    options = StreamingClientOptions()
    assert (
        options.connect_timeout,
        options.max_connection_retries,
        options.connection_retry_delay,
        options.terminate_timeout,
    ) == (1.0, 2, 0.5, 5.0)


def test_hook_answers() -> None:
    assert interpret_hook_answer(None) is None and interpret_hook_answer(True) is None
    change = Reconnect(token="t")
    assert interpret_hook_answer(change) is change
    with pytest.raises(GiveUp):
        interpret_hook_answer(False)
    with pytest.raises(GiveUp, match="return None, True, False or a Reconnect"):
        interpret_hook_answer("tok")
    assert merge_change(Reconnect(token="a", params=1), Reconnect(token="b")) == Reconnect(
        token="b", params=1
    )


def test_backlog_keeps_audio_within_its_budget_and_every_control_message() -> None:
    backlog = Backlog(capacity=10)
    for frame in (b"12345", "{}", b"67890", b"x", "{}"):
        backlog.add(frame)
    assert backlog.take_lost() == 1 and backlog.take_lost() == 0
    assert backlog.take() == [b"12345", "{}", b"67890", "{}"]
    backlog.put_back([b"abc", "{}"])
    assert backlog.audio_bytes == 3 and len(backlog) == 2
    backlog.add(b"0123456789")
    assert backlog.discard() == 3 + 10 and len(backlog) == 0


def test_buffer_sizes_and_rates() -> None:
    assert bytes_per_second(16_000, None) == 32_000
    assert bytes_per_second(8_000, "pcm_mulaw") == 8_000
    assert bytes_per_second(None, "opus") is None
    assert buffer_capacity(ReconnectPolicy(buffer_seconds=2), 32_000) == 64_000
    assert buffer_capacity(ReconnectPolicy(buffer_bytes=7), None) == 7
    assert buffer_capacity(ReconnectPolicy(), None) == 0 and buffer_capacity(None, 1) == 0
    assert silence(16_000, None) == b"\0" * 3_200
    assert silence(8_000, "pcm_mulaw") == b"\xff" * 800
    assert silence(48_000, "opus") is None


def test_pace_clock() -> None:
    clock = PaceClock(rate=1_000)
    assert [clock.due(100) for _ in range(3)] == [0.0, 0.1, 0.2]
    fast = PaceClock(rate=1_000, speed=2.0)
    assert [fast.due(100) for _ in range(3)] == [0.0, 0.05, 0.1]


def _wav(path: Path, rate: int, channels: int, seconds: float) -> bytes:
    frames = b"\1\0" * channels * int(rate * seconds)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return frames


def test_paced_reads_the_rate_width_and_channels_of_a_wav(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    frames = _wav(path, rate=8_000, channels=2, seconds=0.5)
    started = time.monotonic()
    chunks = list(paced(path))
    elapsed = time.monotonic() - started
    assert b"".join(chunks) == frames  # the header is not audio
    assert {len(c) for c in chunks} == {3_200}  # 100 ms of 8 kHz stereo PCM16
    assert 0.35 <= elapsed < 3.0  # the fifth chunk is due 0.4 s after the first


def test_paced_raw_audio_needs_a_sample_rate(tmp_path: Path) -> None:
    raw = tmp_path / "a.pcm"
    raw.write_bytes(b"\0" * 6_400)
    with pytest.raises(ConfigurationError, match="sample_rate"):
        list(paced(raw))
    with pytest.raises(ConfigurationError, match="sample_rate"):
        list(paced(b"\0" * 10))
    assert [len(c) for c in paced(raw, sample_rate=32_000, chunk_ms=50)] == [3_200, 3_200]


def test_apaced_takes_async_chunks() -> None:
    async def chunks() -> object:
        for _ in range(4):
            yield b"\0" * 1_600  # 50 ms at 16 kHz

    async def main() -> tuple[int, float]:
        loop = asyncio.get_running_loop()
        started = loop.time()
        got = [c async for c in apaced(chunks(), sample_rate=16_000)]  # type: ignore[arg-type]
        return len(got), loop.time() - started

    count, elapsed = asyncio.run(main())
    assert count == 4 and 0.13 <= elapsed < 3.0
