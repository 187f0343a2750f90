"""Legacy v2 ``RealtimeTranscriber`` against the fake server (validated by ``spec/realtime.asyncapi.yml``)."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import AssemblyAIError, AuthenticationError, RealtimeError
from assemblyai._http.client import Client
from assemblyai.realtime import (
    AudioEncoding,
    RealtimeErrorMapping,
    RealtimeFinalTranscript,
    RealtimePartialTranscript,
    RealtimeSessionInformation,
    RealtimeSessionOpened,
    RealtimeTranscriber,
    RealtimeTranscript,
    RealtimeUnknownMessage,
)

from .drivers import silence
from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)


class Recorder:
    def __init__(self) -> None:
        self.data: list[RealtimeTranscript] = []
        self.errors: list[RealtimeError] = []
        self.opened: list[RealtimeSessionOpened] = []
        self.info: list[RealtimeSessionInformation] = []
        self.closed = 0

    def transcriber(self, server: FakeStreamingServer, **kwargs: Any) -> RealtimeTranscriber:
        settings = _settings.Settings(
            api_key=server.api_key, base_url=server.url.replace("ws://", "http://")
        )
        kwargs.setdefault("client", Client(settings=settings, api_key_required=False))
        return RealtimeTranscriber(
            on_data=self.data.append,
            on_error=self.errors.append,
            on_open=self.opened.append,
            on_close=self.on_close,
            sample_rate=16_000,
            **kwargs,
        )

    def on_close(self) -> None:
        self.closed += 1

    def wait_for(self, predicate: Any, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.01)


def test_happy_path(v2_server: FakeStreamingServer) -> None:
    rec = Recorder()
    t = rec.transcriber(
        v2_server,
        word_boost=["AssemblyAI", "a b"],
        encoding=AudioEncoding.pcm_s16le,
        disable_partial_transcripts=False,
        on_extra_session_information=rec.info.append,
    )
    t.connect()
    assert len(rec.opened) == 1 and rec.opened[0].session_id
    t.stream(silence(3.5))
    rec.wait_for(lambda: any(isinstance(d, RealtimeFinalTranscript) for d in rec.data))
    t.close()
    assert rec.errors == [] and rec.closed == 1
    finals = [d for d in rec.data if isinstance(d, RealtimeFinalTranscript)]
    partials = [d for d in rec.data if isinstance(d, RealtimePartialTranscript)]
    assert [f.text for f in finals] == ["The quick brown."]
    assert [p.text for p in partials] == ["the", "the quick"]
    assert all(isinstance(d, RealtimeTranscript) for d in rec.data)
    assert rec.info[0].audio_duration_seconds == 3.5
    v2_server.wait_idle()
    (session,) = v2_server.sessions
    assert session.query == {
        "sample_rate": "16000",
        "word_boost": '["AssemblyAI","a b"]',
        "encoding": "pcm_s16le",
        "enable_extra_session_information": "true",
    }
    assert session.headers["authorization"] == v2_server.api_key
    assert session.messages == [{"terminate_session": True}]
    t.close()  # idempotent: on_close is not called again
    assert rec.closed == 1


@pytest.mark.parametrize("strict", [False, True])
def test_unknown_messages_go_to_on_unknown_message(
    v2_server: FakeStreamingServer, strict: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_settings.settings, "strict_responses", strict)  # read at connect
    v2_server.unknown_after_begin = True
    rec = Recorder()
    unknown: list[RealtimeUnknownMessage] = []
    t = rec.transcriber(v2_server, on_unknown_message=unknown.append)
    t.connect()
    t.stream(silence(3.5))
    rec.wait_for(lambda: any(isinstance(d, RealtimeFinalTranscript) for d in rec.data))
    t.close()
    texts = [str(e) for e in rec.errors]
    assert texts[-1].startswith("Could not decode message")  # the frame that is not JSON
    if strict:
        assert unknown == [] and len(texts) == 3
        assert "'FutureThing'" in texts[0] and "'neither'" in texts[1]
    else:
        assert len(texts) == 1
        assert [u.raw for u in unknown] == [
            {"type": "FutureThing", "message_type": "FutureThing"},
            {"neither": "type nor error"},
        ]
        assert unknown[0].message_type == "FutureThing"


def test_force_end_utterance_and_threshold(v2_server: FakeStreamingServer) -> None:
    rec = Recorder()
    t = rec.transcriber(v2_server, end_utterance_silence_threshold=500)
    t.connect()
    t.stream(silence(1))
    t.configure_end_utterance_silence_threshold(300)
    t.force_end_utterance()
    rec.wait_for(lambda: any(isinstance(d, RealtimeFinalTranscript) for d in rec.data))
    t.close()
    v2_server.wait_idle()
    assert v2_server.sessions[0].messages == [
        {"end_utterance_silence_threshold": 500},
        {"end_utterance_silence_threshold": 300},
        {"force_end_utterance": True},
        {"terminate_session": True},
    ]
    assert [d.text for d in rec.data if isinstance(d, RealtimeFinalTranscript)] == ["The."]


@pytest.mark.parametrize("code", [4002, 4029, 1013, 1011])
def test_error_close(v2_server: FakeStreamingServer, code: int) -> None:
    v2_server.close_after_audio = (code, "bye")
    rec = Recorder()
    t = rec.transcriber(v2_server)
    t.connect()
    started = time.monotonic()
    t.stream(silence(2))
    rec.wait_for(lambda: rec.closed == 1)
    t.close()
    assert time.monotonic() - started < 5
    (error,) = rec.errors
    assert error.status_code == code
    assert str(error).startswith(RealtimeErrorMapping.get(code, "bye"))
    assert rec.closed == 1


def test_connect_failure_goes_to_on_error(v2_server: FakeStreamingServer) -> None:
    v2_server.auth_failure = "close"
    rec = Recorder()
    settings = _settings.Settings(api_key="wrong", base_url=v2_server.url.replace("ws", "http"))
    t = rec.transcriber(v2_server, client=Client(settings=settings))
    t.connect(timeout=5)
    (error,) = rec.errors
    assert str(error).startswith("Could not connect to the real-time service: Not Authorized")
    assert error.status_code == 4001 and "wrong" not in str(error)
    t.stream(b"\x00" * 3200)  # not connected: dropped, as 0.45.4 effectively did
    t.close()
    assert rec.closed == 0


def test_token_session(v2_server: FakeStreamingServer) -> None:
    token = v2_server.issue_token()
    rec = Recorder()
    settings = _settings.Settings(api_key=None, base_url=v2_server.url.replace("ws", "http"))
    t = rec.transcriber(
        v2_server, token=token, client=Client(settings=settings, api_key_required=False)
    )
    t.connect()
    t.stream(silence(1))
    t.close()
    assert rec.errors == []
    v2_server.wait_idle()
    (session,) = v2_server.sessions
    assert session.query["token"] == token
    assert "authorization" not in session.headers


class _TokenHandler(http.server.BaseHTTPRequestHandler):
    key = "rest-key"
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append(
            {"path": self.path, "body": body, "auth": self.headers["Authorization"]}
        )
        ok = self.headers["Authorization"] == self.key
        payload = {"token": "tmp-token"} if ok else {"error": "Invalid API key"}
        data = json.dumps(payload).encode()
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def token_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TokenHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setattr(_settings.settings, "base_url", url)
    monkeypatch.setattr(_settings.settings, "max_retries", 0)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        default = Client._default
        if default is not None:
            default.close()
        Client._default = None


def test_create_temporary_token(token_api: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_settings.settings, "api_key", "rest-key")
    _TokenHandler.requests.clear()
    assert RealtimeTranscriber.create_temporary_token(expires_in=60, timeout=5) == "tmp-token"
    assert _TokenHandler.requests == [
        {"path": "/v2/realtime/token", "body": {"expires_in": 60}, "auth": "rest-key"}
    ]
    monkeypatch.setattr(_settings.settings, "api_key", "bad-key")
    with pytest.raises(AuthenticationError) as info:
        RealtimeTranscriber.create_temporary_token(expires_in=60)
    assert isinstance(info.value, AssemblyAIError) and "bad-key" not in str(info.value)
