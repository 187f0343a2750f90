"""The streaming half of the sandbox, driven by the public clients.

``StreamingClient`` and ``AsyncStreamingClient`` run the same scenarios (parametrised twins,
through :class:`SyncDriver` / :class:`AsyncDriver`); ``aai.RealtimeTranscriber`` (v2) goes
through the REST port, where the API has it. After every test, each message the sandbox sent
must match the AsyncAPI documents (two ways: our checker, and the SDK's generated decoder),
and no sandbox thread may be left running.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect as ws_connect

import assemblyai as aai
from assemblyai._generated import realtime as gen_realtime
from assemblyai._generated import streaming as gen_streaming
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    BeginEvent,
    StreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    TerminationEvent,
    TurnEvent,
)
from assemblyai.testing import FakeAssemblyAI, SpecViolationError, StreamingSession
from assemblyai.testing._stream_check import StreamSpec

from .conftest import ManualClock

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
FIRST_SENTENCE = "welcome to the weekly planning call"


def pcm16(seconds: float, rate: int = 16_000, frame_ms: int = 100) -> list[bytes]:
    """Silence as 16-bit PCM frames of ``frame_ms`` (the sandbox paces by length, not sound)."""
    frame = b"\0\0" * (rate * frame_ms // 1000)
    return [frame] * round(seconds * 1000 / frame_ms)


def sandbox_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("assemblyai-fake")]


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def assert_server_messages_valid(sessions: Sequence[StreamingSession]) -> None:
    for session in sessions:
        spec = StreamSpec.for_protocol(session.protocol)
        gen = gen_streaming if session.protocol == "v3" else gen_realtime
        for message in session.sent:
            assert spec.check_server_message(message) == [], message
            assert not isinstance(gen.decode(message), gen.UnknownMessage), message


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    """A started strict fake (settings point at it); checks what it sent, and its threads."""
    with FakeAssemblyAI() as fake:
        yield fake
        for session in fake.streaming_sessions:
            assert session.wait_closed(), session
        assert_server_messages_valid(fake.streaming_sessions)
        assert fake.response_errors == []
    wait_until(lambda: not sandbox_threads())


# -- the two v3 clients, behind one interface -----------------------------------------------

Step = tuple[str, Any]


class Run:
    """What the handlers of one session received, in order."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def handler(self, client: object, event: object) -> None:
        self.events.append(event)

    def attach(self, client: StreamingClient | AsyncStreamingClient) -> None:
        for kind in StreamingEvents:
            client.on(kind, self.handler)

    def of(self, cls: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, cls)]

    @property
    def turns(self) -> list[TurnEvent]:
        return self.of(TurnEvent)

    @property
    def errors(self) -> list[StreamingError]:
        return self.of(StreamingError)


class SyncDriver:
    def run(self, steps: Sequence[Step], params: StreamingParameters, **options: Any) -> Run:
        run = Run()
        client = StreamingClient(StreamingClientOptions(**options))
        run.attach(client)
        client.connect(params)
        for name, argument in steps:
            if name == "audio":
                client.stream(pcm16(argument))
            elif name == "update":
                client.set_params(argument)
            elif name == "force":
                client.force_endpoint()
            elif name == "wait_error":
                wait_until(lambda: bool(run.errors))
        client.disconnect(terminate=True)
        return run

    def connect_error(self, params: StreamingParameters, **options: Any) -> tuple[Any, Run]:
        run = Run()
        client = StreamingClient(StreamingClientOptions(**options))
        run.attach(client)
        with pytest.raises(StreamingError) as raised:
            client.connect(params)
        client.disconnect()
        return raised.value, run

    def token(self, expires_in_seconds: int) -> str:
        return StreamingClient().create_temporary_token(expires_in_seconds=expires_in_seconds)


class AsyncDriver:
    def run(self, steps: Sequence[Step], params: StreamingParameters, **options: Any) -> Run:
        run = Run()

        async def main() -> None:
            client = AsyncStreamingClient(StreamingClientOptions(**options))
            run.attach(client)
            await client.connect(params)
            for name, argument in steps:
                if name == "audio":
                    await client.stream(pcm16(argument))
                elif name == "update":
                    await client.set_params(argument)
                elif name == "force":
                    await client.force_endpoint()
                elif name == "wait_error":
                    while not run.errors:
                        await asyncio.sleep(0.01)
            await client.disconnect(terminate=True)

        asyncio.run(main())
        return run

    def connect_error(self, params: StreamingParameters, **options: Any) -> tuple[Any, Run]:
        run = Run()

        async def main() -> Any:
            client = AsyncStreamingClient(StreamingClientOptions(**options))
            run.attach(client)
            with pytest.raises(StreamingError) as raised:
                await client.connect(params)
            await client.disconnect()
            return raised.value

        return asyncio.run(main()), run

    def token(self, expires_in_seconds: int) -> str:
        client = AsyncStreamingClient()
        return asyncio.run(client.create_temporary_token(expires_in_seconds=expires_in_seconds))


Driver = SyncDriver | AsyncDriver


@pytest.fixture(params=[SyncDriver, AsyncDriver], ids=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Driver:
    driver: Driver = request.param()
    return driver


def last_session(fake: FakeAssemblyAI) -> StreamingSession:
    session = fake.streaming_sessions[-1]
    assert session.wait_closed()
    return session


# -- v3 ---------------------------------------------------------------------------------------


def test_the_v3_client_reaches_the_sandbox_by_default(fake: FakeAssemblyAI) -> None:
    assert fake.streaming_url.startswith("ws://127.0.0.1:")
    assert aai.settings.streaming_host == fake.streaming_url
    assert StreamingClientOptions().api_host == fake.streaming_url


def test_happy_path(fake: FakeAssemblyAI, driver: Driver) -> None:
    run = driver.run([("audio", 3.0)], StreamingParameters(sample_rate=16_000, format_turns=True))

    session = last_session(fake)
    begin, *_, termination = run.events
    assert isinstance(begin, BeginEvent) and begin.id == session.id
    assert isinstance(termination, TerminationEvent)
    assert termination.audio_duration_seconds == 3.0
    assert termination.session_duration_seconds >= 0
    assert run.errors == []
    # 3 s at 400 ms a word: the first sentence (6 words) ends a turn, "today" is flushed by
    # Terminate. Partials grow one word at a time; only their last word is not final.
    first = [t for t in run.turns if t.turn_order == 0]
    partials = [t for t in first if not t.end_of_turn]
    assert [len(t.words) for t in partials] == [1, 2, 3, 4, 5, 6]
    assert all(w.word_is_final for t in partials for w in t.words[:-1])
    assert not any(t.words[-1].word_is_final for t in partials)
    assert partials[-1].transcript == "welcome to the weekly planning"
    final, formatted = [t for t in first if t.end_of_turn]
    assert (final.transcript, final.turn_is_formatted) == (FIRST_SENTENCE, False)
    assert (
        formatted.turn_is_formatted
        and formatted.transcript == "Welcome to the weekly planning call."
    )
    assert all(w.word_is_final for w in final.words)
    assert [w.start for w in final.words] == [0, 400, 800, 1200, 1600, 2000]
    flushed = [t for t in run.turns if t.turn_order == 1 and t.end_of_turn]
    assert [t.transcript for t in flushed] == ["today", "Today."]

    assert (session.protocol, session.path, session.status) == ("v3", "/v3/ws", 101)
    assert session.query == {"sample_rate": "16000", "format_turns": "true"}
    assert session.headers["authorization"] == "***"
    assert session.messages == [{"type": "Terminate"}]
    assert session.audio_bytes == 96_000 and session.audio_frames == 30
    assert (session.close_code, session.closed_by) == (1000, "server")
    assert session.config["format_turns"] is True and session.config["sample_rate"] == 16_000
    assert session.problems == [] and fake.violations == []


def test_no_formatted_turns_unless_asked(fake: FakeAssemblyAI, driver: Driver) -> None:
    run = driver.run([("audio", 2.4)], StreamingParameters(sample_rate=16_000))
    assert not any(t.turn_is_formatted for t in run.turns)
    assert [t.transcript for t in run.turns if t.end_of_turn] == [FIRST_SENTENCE]


def test_update_configuration_and_force_endpoint(fake: FakeAssemblyAI, driver: Driver) -> None:
    update = StreamingSessionParameters(format_turns=True, max_turn_silence=500)
    run = driver.run(
        [("audio", 1.0), ("update", update), ("force", None), ("audio", 0.5)],
        StreamingParameters(sample_rate=16_000),
    )

    session = last_session(fake)
    assert session.messages == [
        {"type": "UpdateConfiguration", "max_turn_silence": 500, "format_turns": True},
        {"type": "ForceEndpoint"},
        {"type": "Terminate"},
    ]
    assert session.config["max_turn_silence"] == 500 and session.config["format_turns"] is True
    # 1 s = "welcome to"; the forced end is formatted because the update came first.
    finals = [(t.turn_order, t.transcript) for t in run.turns if t.end_of_turn]
    assert finals == [(0, "welcome to"), (0, "Welcome to."), (1, "the"), (1, "The.")]
    assert fake.violations == [] and run.errors == []


def test_mulaw_audio_is_paced_by_its_own_sample_width(fake: FakeAssemblyAI) -> None:
    client = StreamingClient()
    client.connect(
        StreamingParameters(sample_rate=8_000, encoding=aai.streaming.v3.Encoding.pcm_mulaw)
    )
    client.stream([b"\xff" * 800] * 10)  # 10 x 100 ms of 8-bit samples
    client.disconnect(terminate=True)
    session = last_session(fake)
    assert session.sent[-1]["audio_duration_seconds"] == 1.0
    assert session.problems == []


def test_temporary_token_then_a_token_session(fake: FakeAssemblyAI, driver: Driver) -> None:
    token = driver.token(60)

    # The v3 client asks the streaming host; the sandbox answers from the REST side's store.
    assert fake.count("GET /v3/token") == 1
    assert fake.requests_to("GET /v3/token")[0].query == {"expires_in_seconds": ["60"]}
    assert fake.tokens[token].kind == "v3"
    run = driver.run([("audio", 0.5)], StreamingParameters(sample_rate=16_000), token=token)
    session = last_session(fake)
    assert session.status == 101 and run.errors == []
    assert session.query["token"] == "***" and "authorization" not in session.headers


def test_a_v2_token_does_not_open_a_v3_session(fake: FakeAssemblyAI, driver: Driver) -> None:
    token = aai.RealtimeTranscriber.create_temporary_token(expires_in=60)
    error, _ = driver.connect_error(StreamingParameters(sample_rate=16_000), token=token)
    assert (error.code, error.status_code) == (4001, 401)


def test_a_bad_key_is_one_error_with_code_4001(fake: FakeAssemblyAI, driver: Driver) -> None:
    error, run = driver.connect_error(StreamingParameters(sample_rate=16_000), api_key="wrong")

    assert (error.code, error.status_code) == (4001, 401)
    assert run.events == []  # raised by connect(), not also handed to the handlers
    session = last_session(fake)
    assert session.status == 401 and session.sent == []


def test_a_close_code_fault_is_one_error_with_that_code(
    fake: FakeAssemblyAI, driver: Driver
) -> None:
    rule = fake.stream_faults.add(
        "v3", close_code=4002, reason="Insufficient Funds", after_messages=2
    )
    run = driver.run(
        [("audio", 1.0), ("wait_error", None)], StreamingParameters(sample_rate=16_000)
    )

    assert [e.code for e in run.errors] == [4002]
    assert rule.hits == 1 and fake.stream_faults.rules == ()
    session = last_session(fake)
    assert [m.get("type") for m in session.sent] == ["Begin", "Turn"]
    assert (session.close_code, session.close_reason, session.closed_by) == (
        4002,
        "Insufficient Funds",
        "server",
    )
    assert session.fault == "close 4002 after 2 message(s)"


def test_a_close_before_begin_fails_connect(fake: FakeAssemblyAI, driver: Driver) -> None:
    # 1013 is transient: connect() tries three times (max_connection_retries=2), then fails.
    fake.stream_faults.add(close_code=1013, persistent=True)
    error, run = driver.connect_error(
        StreamingParameters(sample_rate=16_000), connection_retry_delay=0.01
    )
    assert error.code == 1013 and run.events == []
    assert len(fake.streaming_sessions) == 3


def test_a_dropped_connection_is_one_error_1006(fake: FakeAssemblyAI, driver: Driver) -> None:
    fake.stream_faults.add("v3", drop=True, after_messages=1)
    run = driver.run(
        [("audio", 0.5), ("wait_error", None)], StreamingParameters(sample_rate=16_000)
    )
    assert [e.code for e in run.errors] == [1006]
    session = last_session(fake)
    assert session.close_code is None and session.closed_by is None


def test_a_rejected_handshake(fake: FakeAssemblyAI, driver: Driver) -> None:
    fake.stream_faults.add("v3", reject_status=503, persistent=True)
    error, _ = driver.connect_error(
        StreamingParameters(sample_rate=16_000), connection_retry_delay=0.01
    )
    assert error.status_code == 503 and "503" in str(error)
    assert last_session(fake).status == 503


def test_streaming_text_is_settable(fake: FakeAssemblyAI) -> None:
    fake.streaming_text = "one two. three"
    run = SyncDriver().run([("audio", 2.4)], StreamingParameters(sample_rate=16_000))
    finals = [t.transcript for t in run.turns if t.end_of_turn]
    assert finals == ["one two", "three one two", "three"]


def test_profanity_is_masked_when_asked(fake: FakeAssemblyAI) -> None:
    fake.streaming_text = "well damn it."
    run = SyncDriver().run(
        [("audio", 1.2)], StreamingParameters(sample_rate=16_000, filter_profanity=True)
    )
    assert [t.transcript for t in run.turns if t.end_of_turn] == ["well d*** it"]


# -- spec violations by a raw client ------------------------------------------------------------


def test_a_raw_client_breaking_the_spec_is_recorded() -> None:
    fake = FakeAssemblyAI()
    with pytest.raises(SpecViolationError) as raised, fake:
        url = fake.streaming_url + "/v3/ws?sample_rate=16000&speaker_count=2"
        with ws_connect(url, additional_headers={"Authorization": fake.api_key}) as ws:
            assert json.loads(ws.recv(5))["type"] == "Begin"
            ws.send(json.dumps({"type": "Reconfigure"}))
            assert json.loads(ws.recv(5)) == {"error": "Invalid Message Type: Reconfigure"}
            ws.send("not json")
            assert json.loads(ws.recv(5)) == {"error": "Invalid JSON"}
            ws.send(json.dumps({"type": "UpdateConfiguration", "max_turn_silence": -1}))
            assert json.loads(ws.recv(5))["error"].startswith("Invalid Message: ")
            ws.send(b"\0" * 3)  # not whole 16-bit samples
            ws.send(b"\0" * 64_000)  # 2 s in one frame
            ws.send(json.dumps({"type": "Terminate"}))
            received = [json.loads(m) for m in ws]  # until the server closes
        assert received[-1]["type"] == "Termination"
        session = last_session(fake)
        assert session.messages == [
            {"type": "Reconfigure"},
            "not json",
            {"type": "UpdateConfiguration", "max_turn_silence": -1},
            {"type": "Terminate"},
        ]
    problems = [error for v in fake.violations for error in v.errors]
    assert all(v.method == "WS" and v.target.startswith("/v3/ws?") for v in fake.violations)
    expected = [
        "'speaker_count' is not a parameter of /v3/ws",
        '{"type": "Reconfigure"} matches no message the client may send',
        "is not JSON",
        "/max_turn_silence: -1 is less than the minimum of 0",
        "3 bytes does not hold whole 2-byte samples",
        "audio frame of 2000 ms is longer than 1000 ms",
    ]
    assert len(problems) == len(expected)
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem
    assert "6 request(s) broke the spec" in str(raised.value)


def test_a_handshake_to_an_unknown_path_is_a_violation() -> None:
    with FakeAssemblyAI(strict=False) as fake:
        with pytest.raises(InvalidStatus, match="404"):
            ws_connect(fake.streaming_url + "/v3/nope?sample_rate=16000", open_timeout=5)
        assert [(v.method, v.target) for v in fake.violations] == [("WS", "/v3/nope")]


def test_a_missing_sample_rate_closes_with_4000() -> None:
    with FakeAssemblyAI(strict=False) as fake:
        headers = {"Authorization": fake.api_key}
        with (
            ws_connect(fake.streaming_url + "/v3/ws", additional_headers=headers) as ws,
            pytest.raises(ConnectionClosed),
        ):
            ws.recv(5)
        session = last_session(fake)
        assert (session.close_code, session.close_reason) == (4000, "sample rate must be positive")
        assert "required parameter 'sample_rate' is missing" in session.problems[0]


def test_an_expired_token_is_refused(clock: ManualClock) -> None:
    with FakeAssemblyAI(clock=clock) as fake:
        token = StreamingClient().create_temporary_token(expires_in_seconds=60)
        clock.advance(61)
        client = StreamingClient(StreamingClientOptions(token=token))
        with pytest.raises(StreamingError) as raised:
            client.connect(StreamingParameters(sample_rate=16_000))
        assert raised.value.code == 4001 and last_session(fake).status == 401


# -- v2 (legacy real-time) -------------------------------------------------------------------


class V2Run:
    def __init__(self) -> None:
        self.data: list[Any] = []
        self.errors: list[aai.RealtimeError] = []
        self.opened: list[Any] = []
        self.info: list[Any] = []
        self.closed = 0

    def transcriber(self, **kwargs: Any) -> aai.RealtimeTranscriber:
        def on_close() -> None:
            self.closed += 1

        return aai.RealtimeTranscriber(
            on_data=self.data.append,
            on_error=self.errors.append,
            on_open=self.opened.append,
            on_close=on_close,
            sample_rate=16_000,
            **kwargs,
        )


def test_v2_happy_path_through_the_rest_port(fake: FakeAssemblyAI) -> None:
    run = V2Run()
    transcriber = run.transcriber(on_extra_session_information=run.info.append)
    transcriber.connect()
    transcriber.stream(pcm16(3.0))
    transcriber.force_end_utterance()
    transcriber.configure_end_utterance_silence_threshold(500)
    transcriber.close()

    assert run.errors == [] and run.closed == 1
    session = last_session(fake)
    assert run.opened[0].session_id == session.id
    assert (session.protocol, session.path, session.status) == ("v2", "/v2/realtime/ws", 101)
    assert session.headers["host"] == f"127.0.0.1:{fake.port}"  # it came in on the REST port
    texts = [(type(d).__name__, d.text) for d in run.data]
    assert texts[:2] == [
        ("RealtimePartialTranscript", "welcome"),
        ("RealtimePartialTranscript", "welcome to"),
    ]
    finals = [t for kind, t in texts if kind == "RealtimeFinalTranscript"]
    assert finals == ["Welcome to the weekly planning call.", "Today."]
    assert all(
        d.punctuated and d.text_formatted
        for d in run.data
        if isinstance(d, aai.RealtimeFinalTranscript)
    )
    assert [i.audio_duration_seconds for i in run.info] == [3.0]
    assert session.messages == [
        {"force_end_utterance": True},
        {"end_utterance_silence_threshold": 500},
        {"terminate_session": True},
    ]
    assert session.config["end_utterance_silence_threshold"] == 500
    assert [m["message_type"] for m in session.sent[-2:]] == [
        "SessionInformation",
        "SessionTerminated",
    ]
    assert (session.close_code, session.closed_by) == (1000, "server")
    assert fake.violations == []


def test_v2_without_partials_on_the_streaming_port(fake: FakeAssemblyAI) -> None:
    settings = aai.Settings(api_key=fake.api_key, base_url=fake.streaming_url.replace("ws", "http"))
    run = V2Run()
    transcriber = run.transcriber(
        disable_partial_transcripts=True, client=aai.Client(settings=settings)
    )
    transcriber.connect()
    transcriber.stream(pcm16(2.4))
    transcriber.close()
    assert [type(d).__name__ for d in run.data] == ["RealtimeFinalTranscript"]
    assert last_session(fake).query["disable_partial_transcripts"] == "true"


def test_v2_temporary_token(fake: FakeAssemblyAI) -> None:
    token = aai.RealtimeTranscriber.create_temporary_token(expires_in=60)
    run = V2Run()
    transcriber = run.transcriber(token=token)
    transcriber.connect()
    transcriber.close()
    assert run.errors == [] and len(run.opened) == 1
    assert last_session(fake).query["token"] == "***"


def test_v2_bad_key(fake: FakeAssemblyAI) -> None:
    settings = aai.Settings(api_key="wrong", base_url=fake.base_url)
    run = V2Run()
    run.transcriber(client=aai.Client(settings=settings)).connect()
    assert [e.status_code for e in run.errors] == [401]
    assert last_session(fake).status == 401


def test_v2_close_code_fault(fake: FakeAssemblyAI) -> None:
    fake.stream_faults.add("v2", close_code=4008, after_messages=1)
    run = V2Run()
    transcriber = run.transcriber()
    transcriber.connect()
    wait_until(lambda: bool(run.errors))
    transcriber.close()
    assert [e.status_code for e in run.errors] == [4008] and run.closed == 1


def test_v2_through_the_rest_port_records_a_client_close_and_a_drop(
    fake: FakeAssemblyAI,
) -> None:
    url = fake.base_url.replace("http", "ws") + "/v2/realtime/ws?sample_rate=16000"
    headers = {"Authorization": fake.api_key}
    with ws_connect(url, additional_headers=headers) as ws:
        assert json.loads(ws.recv(5))["message_type"] == "SessionBegins"
    assert (last_session(fake).closed_by, last_session(fake).close_code) == ("client", 1000)

    fake.stream_faults.add("v2", drop=True, after_messages=1)
    with ws_connect(url, additional_headers=headers) as ws:
        ws.recv(5)
        with pytest.raises(ConnectionClosed) as raised:
            ws.recv(5)
    assert raised.value.rcvd is None  # no close frame: the connection just went away
    assert last_session(fake).closed_by is None


# -- lifecycle and the command line -----------------------------------------------------------


def test_no_thread_is_left_after_close_even_with_open_sessions() -> None:
    fake = FakeAssemblyAI().start()
    headers = {"Authorization": fake.api_key}
    v2_url = fake.base_url.replace("http", "ws") + "/v2/realtime/ws?sample_rate=16000"
    with (
        ws_connect(
            fake.streaming_url + "/v3/ws?sample_rate=16000", additional_headers=headers
        ) as v3,
        ws_connect(v2_url, additional_headers=headers) as v2,
    ):
        v3.recv(5), v2.recv(5)
        assert len(sandbox_threads()) >= 3  # http, streaming, tunnel
        fake.close()
        wait_until(lambda: not sandbox_threads())
        for ws in (v3, v2):
            with pytest.raises(ConnectionClosed):
                ws.recv(5)
    assert [s.close_code for s in fake.streaming_sessions] == [1001, 1001]
    with pytest.raises(OSError):
        ws_connect(fake.streaming_url + "/v3/ws?sample_rate=16000", open_timeout=1)


def test_a_never_started_fake_releases_its_streaming_port() -> None:
    fake = FakeAssemblyAI(configure_settings=False)
    fake.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(fake.streaming_url.replace("ws", "http") + "/v3/token", timeout=1)


def test_cli_serve_prints_the_streaming_url() -> None:
    command = [sys.executable, "-m", "assemblyai.testing", "serve", "--api-key", "cli-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline() for _ in range(3)]
            assert lines[2].startswith("Streaming (v3 /v3/ws, v2 /v2/realtime/ws) at ws://")
            url = lines[2].rsplit(" at ", 1)[1].strip()
            with ws_connect(
                url + "/v3/ws?sample_rate=16000", additional_headers={"Authorization": "cli-key"}
            ) as ws:
                assert json.loads(ws.recv(5))["type"] == "Begin"
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert process.returncode == 0


@pytest.mark.parametrize("registered_as", ["path", "bytes"])
def test_registered_audio_is_heard_whole_when_streamed(
    fake: FakeAssemblyAI, tmp_path: Path, registered_as: str
) -> None:
    """A WAV registered with a script is recognised by its samples when streamed: every word
    of the script is heard, the last one ending with the audio (fixed pacing cut it off)."""
    import math
    import struct
    import wave

    path = tmp_path / "talk.wav"
    rate, seconds = 16_000, 3.0
    samples = (int(6000 * math.sin(i / 7)) for i in range(int(rate * seconds)))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    script = (
        "One two three four five six seven eight nine ten eleven twelve. Thank you for listening."
    )
    fake.register_script(path if registered_as == "path" else path.read_bytes(), text=script)

    finals: list[str] = []
    client = StreamingClient(StreamingClientOptions())
    client.on(
        StreamingEvents.Turn,
        lambda _c, turn: finals.append(turn.transcript) if turn.end_of_turn else None,
    )
    client.connect(StreamingParameters(sample_rate=rate))
    client.stream(aai.extras.stream_file(str(path), sample_rate=rate, realtime=False))
    client.disconnect(terminate=True)
    assert " ".join(finals).split() == script.lower().replace(".", "").split()
