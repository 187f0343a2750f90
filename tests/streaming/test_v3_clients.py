"""v3 scenarios, each run against the threaded and the asyncio client (parametrised twins).

The fake server validates every query, JSON message and audio frame against
``spec/streaming.asyncapi.yml``; the ``no_leaks`` fixture checks threads and sockets after
each test.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterator

import pytest

from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import AuthenticationError, ConfigurationError
from assemblyai.streaming.v3 import (
    BeginEvent,
    Encoding,
    StreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingErrorCodes,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    TerminationEvent,
    TurnEvent,
    UnknownEvent,
)

from .drivers import KINDS, Driver, make_driver, silence
from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)

PARAMS = StreamingParameters(sample_rate=16_000)


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(scenario())


def options(server: FakeStreamingServer, **overrides: str) -> StreamingClientOptions:
    values = {"api_host": server.url, "api_key": server.api_key, **overrides}
    return StreamingClientOptions(**values)


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_happy_path(kind: str, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(StreamingParameters(sample_rate=16_000, format_turns=True))
        (begin,) = d.of(StreamingEvents.Begin)  # handled before connect() returned
        assert isinstance(begin, BeginEvent) and begin.id
        await d.stream(silence(4))
        await d.wait_for(lambda: any(t.end_of_turn for t in d.of(StreamingEvents.Turn)))
        await d.disconnect(terminate=True)
        returned = time.monotonic()
        turns = d.of(StreamingEvents.Turn)
        assert all(isinstance(t, TurnEvent) for t in turns)
        assert [t.transcript for t in turns if t.end_of_turn] == [
            "the quick brown",
            "The quick brown.",
        ]
        (formatted,) = [t for t in turns if t.turn_is_formatted]
        assert [w.text for w in formatted.words] == ["the", "quick", "brown"]
        assert turns[-1].turn_order == 1  # the fourth second of audio starts the next turn
        (termination,) = d.of(StreamingEvents.Termination)
        assert isinstance(termination, TerminationEvent)
        assert termination.audio_duration_seconds == 4.0
        assert d.termination_at is not None and returned - d.termination_at < 1.0
        assert d.errors == []
        v3_server.wait_idle()
        (session,) = v3_server.sessions
        assert session.audio_bytes == 4 * 32_000
        assert session.messages == [{"type": "Terminate"}]
        assert session.closed_by_client == 1000

    run(scenario)


def test_query_and_headers(kind: str, v3_server: FakeStreamingServer) -> None:
    params = StreamingParameters(
        sample_rate=8000,
        encoding=Encoding.pcm_s16le,
        end_of_turn_confidence_threshold=0.7,
        min_end_of_turn_silence_when_confident=160,
        max_turn_silence=2400,
        format_turns=False,
        keyterms_prompt=["Dr. Okafor", "a&b=c", "naïve"],
        filter_profanity=True,
        speech_model="universal-streaming-multilingual",
    )

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(params)
        await d.disconnect(terminate=True)

    run(scenario)
    v3_server.wait_idle()
    (session,) = v3_server.sessions
    assert session.query == {
        "end_of_turn_confidence_threshold": "0.7",
        # 0.45.4's name, sent under its 2026 name (as the official 1.0.0 does)
        "min_turn_silence": "160",
        "max_turn_silence": "2400",
        "format_turns": "false",
        "keyterms_prompt": '["Dr. Okafor","a&b=c","naïve"]',
        "filter_profanity": "true",
        "sample_rate": "8000",
        "encoding": "pcm_s16le",
        "speech_model": "universal-streaming-multilingual",
    }
    headers = {k.lower(): v for k, v in session.headers.items()}
    assert headers["authorization"] == v3_server.api_key
    assert headers["assemblyai-version"] == "2025-05-12"
    assert headers["user-agent"].startswith("AssemblyAI/1.0 (sdk=Python/")


def test_update_configuration(kind: str, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.set_params(
            StreamingSessionParameters(max_turn_silence=1500, keyterms_prompt=["Grafana"])
        )
        await d.set_params(PARAMS)  # only session fields are sent; none is set here
        await d.disconnect(terminate=True)

    run(scenario)
    v3_server.wait_idle()
    assert v3_server.sessions[0].messages == [
        {"type": "UpdateConfiguration", "max_turn_silence": 1500, "keyterms_prompt": ["Grafana"]},
        {"type": "UpdateConfiguration"},
        {"type": "Terminate"},
    ]


def test_force_endpoint(kind: str, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.stream(silence(1))
        await d.force_endpoint()
        await d.wait_for(lambda: any(t.end_of_turn for t in d.of(StreamingEvents.Turn)))
        ended = [t for t in d.of(StreamingEvents.Turn) if t.end_of_turn]
        assert ended[0].transcript == "the"
        await d.disconnect(terminate=True)

    run(scenario)
    assert {"type": "ForceEndpoint"} in v3_server.sessions[0].messages


def test_terminate_without_reply_is_bounded(kind: str, v3_server: FakeStreamingServer) -> None:
    v3_server.reply_to_terminate = False

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server), terminate_timeout=0.5)
        await d.connect(PARAMS)
        started = time.monotonic()
        await d.disconnect(terminate=True)
        assert time.monotonic() - started < 2.0
        assert d.errors == [] and d.of(StreamingEvents.Termination) == []
        await d.disconnect()  # idempotent

    run(scenario)


def test_disconnect_without_terminate(kind: str, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.stream(silence(1))
        await d.disconnect()  # queued audio still goes out, then a normal close
        assert d.errors == []

    run(scenario)
    v3_server.wait_idle()
    assert v3_server.sessions[0].audio_bytes == 32_000
    assert v3_server.sessions[0].closed_by_client == 1000


@pytest.mark.parametrize("code", sorted(StreamingErrorCodes))
def test_close_codes(kind: str, code: int, v3_server: FakeStreamingServer) -> None:
    v3_server.close_after_audio = (code, "server says no")

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        started = time.monotonic()
        await d.stream(silence(3))  # returns promptly once the server has closed
        await d.wait_for(lambda: bool(d.errors))
        await d.disconnect(terminate=True)
        await d.disconnect()
        assert time.monotonic() - started < 5.0
        (error,) = d.errors
        assert isinstance(error, StreamingError) and error.code == code
        assert str(error).startswith(StreamingErrorCodes[code])

    run(scenario)


def test_normal_server_close_is_not_an_error(kind: str, v3_server: FakeStreamingServer) -> None:
    v3_server.close_after_audio = (1000, "")

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.stream(silence(0.5))
        await asyncio.sleep(0.2)
        await d.disconnect(terminate=True)
        assert d.errors == []

    run(scenario)


def test_server_drop_mid_stream(kind: str, v3_server: FakeStreamingServer) -> None:
    def endless() -> Iterator[bytes]:
        chunk = silence(0.1)[0]
        while True:
            yield chunk
            time.sleep(0.01)

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        producer = asyncio.create_task(d.stream(endless()))
        await d.wait_for(lambda: bool(d.of(StreamingEvents.Turn)))
        v3_server.drop()
        started = time.monotonic()
        await asyncio.wait_for(producer, 5)
        await d.disconnect(terminate=True)
        assert time.monotonic() - started < 5.0
        (error,) = d.errors
        assert error.code == 1006 and "connection lost" in str(error)

    run(scenario)


def test_unknown_messages_reach_the_unknown_handlers(
    kind: str,
    v3_server: FakeStreamingServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_settings.settings, "strict_responses", False)
    v3_server.unknown_after_begin = True

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.stream(silence(1))
        await d.wait_for(lambda: bool(d.of(StreamingEvents.Turn)))
        await d.disconnect(terminate=True)
        assert d.errors == [] and len(d.of(StreamingEvents.Termination)) == 1
        unknown = d.of(StreamingEvents.Unknown)
        assert [type(e) for e in unknown] == [UnknownEvent, UnknownEvent]
        assert [e.raw for e in unknown] == [
            {"type": "FutureThing", "message_type": "FutureThing"},
            {"neither": "type nor error"},
        ]
        assert unknown[0].type == "FutureThing" and unknown[1].type is None

    with caplog.at_level(logging.WARNING, logger="assemblyai.streaming"):
        run(scenario)
    logged = [r.getMessage() for r in caplog.records if r.name == "assemblyai.streaming"]
    assert any("unknown message FutureThing" in m for m in logged)
    assert any("without type" in m for m in logged)
    assert any("not JSON" in m for m in logged)


def test_strict_mode_turns_unknown_messages_into_errors(
    kind: str, v3_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_settings.settings, "strict_responses", True)  # read at connect
    v3_server.unknown_after_begin = True

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.stream(silence(1))
        await d.wait_for(lambda: bool(d.of(StreamingEvents.Turn)))
        await d.disconnect(terminate=True)
        assert d.of(StreamingEvents.Unknown) == []
        texts = [str(error) for error in d.errors]
        assert len(texts) == 2 and all("strict_responses" in text for text in texts)
        assert "'FutureThing'" in texts[0] and "'neither'" in texts[1]
        assert len(d.of(StreamingEvents.Termination)) == 1  # the session goes on

    run(scenario)


def test_error_message_reaches_error_handlers_once(
    kind: str, v3_server: FakeStreamingServer
) -> None:
    v3_server.error_message_after_begin = "Invalid Message Type: Reconfigure"

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        await d.connect(PARAMS)
        await d.wait_for(lambda: bool(d.errors))
        await d.stream(silence(1))  # the session goes on
        await d.wait_for(lambda: bool(d.of(StreamingEvents.Turn)))
        await d.disconnect(terminate=True)
        (error,) = d.errors
        assert str(error) == "Invalid Message Type: Reconfigure" and error.code is None

    run(scenario)


def test_backpressure_blocks_a_fast_producer(kind: str, v3_server: FakeStreamingServer) -> None:
    # 1 s frames (the largest the spec allows) of noise: silence would shrink to nothing
    # under permessage-deflate and fit in the socket buffers however much we sent.
    frame = os.urandom(32_000)
    total = 1000  # 32 MB, far more than the socket buffers hold
    produced = 0

    def producer() -> Iterator[bytes]:
        nonlocal produced
        for _ in range(total):
            produced += 1
            yield frame

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server), send_queue_size=4, terminate_timeout=10)
        await d.connect(PARAMS)
        v3_server.pause_reading()
        task = asyncio.create_task(d.stream(producer()))
        stalled_at = -1
        for _ in range(100):  # wait until the producer stops advancing
            before = produced
            await asyncio.sleep(0.1)
            if produced == before:
                stalled_at = produced
                break
        assert 0 < stalled_at < total, "the producer was never held back"
        assert not task.done()
        v3_server.resume_reading()
        await asyncio.wait_for(task, 20)
        await d.disconnect(terminate=True)
        assert d.errors == []

    run(scenario)
    v3_server.wait_idle()
    assert v3_server.sessions[0].audio_frames == total


def test_token_session(kind: str, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> None:
        maker = make_driver(kind, options(v3_server))
        token = await maker.create_temporary_token(60, 600)
        assert token in v3_server.tokens
        d = make_driver(kind, StreamingClientOptions(api_host=v3_server.url, token=token))
        await d.connect(PARAMS)
        await d.stream(silence(1))
        await d.disconnect(terminate=True)
        assert d.errors == [] and d.of(StreamingEvents.Termination)

    run(scenario)
    v3_server.wait_idle()
    assert v3_server.token_requests == [
        {"expires_in_seconds": "60", "max_session_duration_seconds": "600"}
    ]
    (session,) = v3_server.sessions
    assert session.query["token"] in v3_server.tokens
    assert "authorization" not in {k.lower() for k in session.headers}


def test_token_with_bad_key_raises_sdk_error(kind: str, v3_server: FakeStreamingServer) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server, api_key="wrong"))
        with pytest.raises(AuthenticationError) as info:
            await d.create_temporary_token(60)
        assert isinstance(info.value, StreamingError) and info.value.status_code == 401
        assert "wrong" not in str(info.value)

    run(scenario)


@pytest.mark.parametrize("how", ["http", "close"])
def test_bad_key(kind: str, how: str, v3_server: FakeStreamingServer) -> None:
    v3_server.auth_failure = how  # type: ignore[assignment]

    async def scenario() -> None:
        d = make_driver(kind, options(v3_server, api_key="not-the-key"))
        with pytest.raises(StreamingError) as info:
            await d.connect(PARAMS)
        assert info.value.code == 4001
        assert "Not Authorized" in str(info.value)
        assert "not-the-key" not in str(info.value)
        assert d.errors == []  # raised, not also handed to the Error handlers
        await d.disconnect()

    run(scenario)


def test_connection_refused(kind: str) -> None:
    async def scenario() -> None:
        with FakeStreamingServer() as server:
            url = server.url
        d = make_driver(kind, StreamingClientOptions(api_host=url, api_key="k"), open_timeout=2)
        with pytest.raises(StreamingError, match=r"(?i)could not connect"):
            await d.connect(PARAMS)

    run(scenario)


def test_api_key_from_settings_and_environment(
    kind: str, v3_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_settings.settings, "api_key", None)
    monkeypatch.delenv("ASSEMBLYAI_API_KEY", raising=False)

    async def connect_once() -> None:
        d = make_driver(kind, StreamingClientOptions(api_host=v3_server.url))
        await d.connect(PARAMS)
        await d.disconnect(terminate=True)

    async def scenario() -> None:
        d = make_driver(kind, StreamingClientOptions(api_host=v3_server.url))
        with pytest.raises(ConfigurationError, match="no API key"):
            await d.connect(PARAMS)
        monkeypatch.setenv("ASSEMBLYAI_API_KEY", v3_server.api_key)
        await connect_once()
        monkeypatch.delenv("ASSEMBLYAI_API_KEY")
        monkeypatch.setattr(_settings.settings, "api_key", v3_server.api_key)
        await connect_once()

    run(scenario)
    assert len(v3_server.sessions) == 2


def test_handler_errors_and_disconnect_from_a_handler(
    kind: str, v3_server: FakeStreamingServer, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))

        def broken(client: object, event: object) -> None:
            raise RuntimeError("handler bug")

        async def stop_async(client: object, event: TurnEvent) -> None:
            await d.client.disconnect(terminate=True)  # type: ignore[misc]

        def stop_threaded(client: object, event: TurnEvent) -> None:
            d.client.disconnect(terminate=True)

        stop_after_first_turn = stop_threaded if kind == "threaded" else stop_async

        d.client.on(StreamingEvents.Turn, broken)
        d.client.on(StreamingEvents.Turn, stop_after_first_turn)
        await d.connect(PARAMS)
        await d.stream(silence(1.5))
        await d.wait_for(lambda: bool(d.of(StreamingEvents.Termination)))
        await d.disconnect()
        assert d.errors == []

    with caplog.at_level(logging.ERROR, logger="assemblyai.streaming"):
        run(scenario)
    assert "handler bug" in caplog.text


def test_secrets_never_logged(
    kind: str, v3_server: FakeStreamingServer, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        d = make_driver(kind, options(v3_server))
        token = await d.create_temporary_token(60)
        assert v3_server.api_key not in repr(d.client.options)
        await d.connect(PARAMS)
        await d.disconnect(terminate=True)
        t = make_driver(kind, StreamingClientOptions(api_host=v3_server.url, token=token))
        await t.connect(PARAMS)
        await t.disconnect(terminate=True)
        assert token not in repr(t.client.options)
        v3_server.tokens.add("used-token")

    with caplog.at_level(logging.DEBUG):
        run(scenario)
    # Everything logged on the client side (the fake server's own log shows what it received).
    text = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith("websockets.server")
    )
    assert "GET /v3/ws" in text  # websockets did log the handshake
    assert v3_server.api_key not in text
    assert not any(token in text for token in v3_server.tokens - {"used-token"})


def test_not_connected(kind: str) -> None:
    async def scenario() -> None:
        d: Driver = make_driver(kind, StreamingClientOptions(api_key="k"))
        with pytest.raises(StreamingError, match="not connected"):
            await d.stream(b"\x00\x00")
        await d.disconnect()  # harmless

    run(scenario)


def test_disconnect_is_bounded_while_a_handler_is_stuck(v3_server: FakeStreamingServer) -> None:
    # A handler that never returns (a user bug) must not make disconnect() hang: it returns
    # within about terminate_timeout + close_timeout (plus the seconds of grace it allows).
    release = threading.Event()
    stuck = threading.Event()

    def never_returns(client: object, event: object) -> None:
        stuck.set()
        release.wait(30)

    client = StreamingClient(options(v3_server), terminate_timeout=0.5, close_timeout=0.5)
    client.on(StreamingEvents.Turn, never_returns)
    try:
        client.connect(PARAMS)
        for chunk in silence(1.0):
            client.stream(chunk)
            if stuck.is_set():
                break
        assert stuck.wait(10)
        started = time.monotonic()
        client.disconnect(terminate=True)
        assert time.monotonic() - started < 0.5 + 0.5 + 3.0
    finally:
        release.set()
