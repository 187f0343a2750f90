"""Users' tests patch the names 0.45.4 connected through; our clients must go through them.

``assemblyai.streaming.v3.client.websocket_connect`` (v3) and
``assemblyai.transcriber.websocket_connect`` (the v2 ``RealtimeTranscriber``) are looked up at
``connect()`` and, when replaced, called with 0.45.4's arguments; what they return is driven
with ``recv(timeout=...)``, ``send()`` and ``close()``, as 0.45.4 did.
"""

from __future__ import annotations

import json
import queue
import threading
from typing import Any
from unittest import mock

import pytest
from websockets.exceptions import ConnectionClosedOK
from websockets.frames import Close

import assemblyai as aai
from assemblyai.streaming._session.threaded import SessionConnection
from assemblyai.streaming.v3 import (
    BeginEvent,
    StreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
    TerminationEvent,
    TurnEvent,
)

from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)

BEGIN = {"type": "Begin", "id": "session-1", "expires_at": "2030-01-01T00:00:00"}
TURN = {
    "type": "Turn",
    "turn_order": 0,
    "turn_is_formatted": False,
    "end_of_turn": True,
    "transcript": "hello there",
    "end_of_turn_confidence": 0.9,
    "words": [],
}
TERMINATION = {"type": "Termination", "audio_duration_seconds": 1, "session_duration_seconds": 1}


class FakeSocket:
    """A scripted websocket: answers a terminate message with the given closing messages."""

    def __init__(self, opening: list[dict[str, Any]], closing: list[dict[str, Any]]) -> None:
        self.inbox: queue.Queue[str | None] = queue.Queue()
        for message in opening:
            self.inbox.put(json.dumps(message))
        self.closing = closing
        self.sent: list[str | bytes] = []
        self.recv_timeouts: list[float | None] = []
        self.closed = threading.Event()

    def recv(self, timeout: float | None = None) -> str:
        self.recv_timeouts.append(timeout)
        try:
            message = self.inbox.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None
        if message is None:
            raise ConnectionClosedOK(Close(1000, ""), Close(1000, ""), True)
        return message

    def send(self, data: str | bytes) -> None:
        self.sent.append(data)
        if isinstance(data, str) and ("Terminate" in data or "terminate_session" in data):
            for message in self.closing:
                self.inbox.put(json.dumps(message))
            self.inbox.put(None)

    def close(self) -> None:
        self.closed.set()
        self.inbox.put(None)


class Recorder:
    """A replacement for ``websocket_connect`` that records how it was called."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((args, kwargs))
        return self.socket


def v3_client(api_key: str = "the-key") -> StreamingClient:
    return StreamingClient(StreamingClientOptions(api_key=api_key, api_host="api.example.com"))


def test_v3_goes_through_a_patched_websocket_connect() -> None:
    socket = FakeSocket([BEGIN, TURN], [TERMINATION])
    fake = Recorder(socket)
    events: list[Any] = []
    with mock.patch("assemblyai.streaming.v3.client.websocket_connect", new=fake):
        client = v3_client()
        for kind in (StreamingEvents.Begin, StreamingEvents.Turn, StreamingEvents.Termination):
            client.on(kind, lambda _, event: events.append(event))
        client.on(StreamingEvents.Error, lambda _, error: events.append(error))
        client.connect(StreamingParameters(sample_rate=16_000))
        client.stream(b"\x00\x01" * 800)
        client.disconnect(terminate=True)

    ((args, kwargs),) = fake.calls
    (url,) = args  # 0.45.4: websocket_connect(uri, additional_headers=..., open_timeout=15)
    assert url.startswith("wss://api.example.com/v3/ws?") and "sample_rate=16000" in url
    assert set(kwargs) == {"additional_headers", "open_timeout"}
    assert kwargs["open_timeout"] == 15
    headers = kwargs["additional_headers"]
    assert headers["Authorization"] == "the-key"
    assert headers["User-Agent"].startswith("AssemblyAI/1.0 (sdk=Python/")
    assert "AssemblyAI-Version" in headers
    assert [type(e) for e in events] == [BeginEvent, TurnEvent, TerminationEvent]
    assert events[1].transcript == "hello there"
    assert socket.sent[0] == b"\x00\x01" * 800
    assert json.loads(socket.sent[-1]) == {"type": "Terminate"}
    assert socket.closed.is_set() and set(socket.recv_timeouts) == {1.0}


def test_v3_with_a_bare_magicmock_does_not_hang() -> None:
    # The shortest form users write: the mock's connection answers recv() with more mocks.
    with mock.patch("assemblyai.streaming.v3.client.websocket_connect") as patched:
        client = v3_client()
        client.connect(StreamingParameters(sample_rate=8000))
        client.stream(b"\x00" * 320)
        client.disconnect()
    patched.assert_called_once()
    assert patched.call_args.kwargs["open_timeout"] == 15
    socket = patched.return_value
    socket.send.assert_any_call(b"\x00" * 320)
    socket.close.assert_called()


def test_v3_a_patched_connect_that_fails_raises_a_streaming_error() -> None:
    fake = mock.Mock(side_effect=ConnectionRefusedError("refused"))
    with (
        mock.patch("assemblyai.streaming.v3.client.websocket_connect", new=fake),
        pytest.raises(StreamingError, match="refused"),
    ):
        v3_client().connect(StreamingParameters(sample_rate=16_000))
    fake.assert_called_once()


def test_v3_unpatched_uses_its_own_connection(v3_server: FakeStreamingServer) -> None:
    client = StreamingClient(
        StreamingClientOptions(api_key=v3_server.api_key, api_host=v3_server.url)
    )
    client.connect(StreamingParameters(sample_rate=16_000))
    try:
        assert isinstance(client._conn, SessionConnection)
    finally:
        client.disconnect(terminate=True)
    assert len(v3_server.sessions) == 1


V2_OPEN = [
    {"message_type": "SessionBegins", "session_id": "s-1", "expires_at": "2030-01-01T00:00:00"},
    {
        "message_type": "FinalTranscript",
        "audio_start": 0,
        "audio_end": 1000,
        "confidence": 0.9,
        "text": "Hello there.",
        "words": [],
        "created": "2030-01-01T00:00:00",
        "punctuated": True,
        "text_formatted": True,
    },
]


def realtime(records: dict[str, list[Any]], **kwargs: Any) -> aai.RealtimeTranscriber:
    return aai.RealtimeTranscriber(
        on_data=records["data"].append,
        on_error=records["errors"].append,
        on_open=records["opened"].append,
        on_close=lambda: records["closed"].append(True),
        sample_rate=16_000,
        **kwargs,
    )


@pytest.fixture
def records() -> dict[str, list[Any]]:
    return {"data": [], "errors": [], "opened": [], "closed": []}


def test_v2_goes_through_a_patched_websocket_connect(
    records: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "api_key", "v2-key")
    socket = FakeSocket(V2_OPEN, [{"message_type": "SessionTerminated"}])
    fake = Recorder(socket)
    with mock.patch("assemblyai.transcriber.websocket_connect", new=fake):
        transcriber = realtime(records)
        transcriber.connect(timeout=7.5)
        transcriber.stream(b"\x00\x01" * 800)
        transcriber.close()

    ((args, kwargs),) = fake.calls
    (url,) = args
    assert url.startswith("wss://api.assemblyai.com/v2/realtime/ws?sample_rate=16000")
    assert kwargs == {"additional_headers": {"Authorization": "v2-key"}, "open_timeout": 7.5}
    assert [o.session_id for o in records["opened"]] == ["s-1"]
    assert [d.text for d in records["data"]] == ["Hello there."]
    assert records["errors"] == [] and records["closed"] == [True]
    assert socket.sent[0] == b"\x00\x01" * 800
    assert json.loads(socket.sent[-1]) == {"terminate_session": True}


def test_v2_with_a_token_sends_no_headers(records: dict[str, list[Any]]) -> None:
    fake = Recorder(FakeSocket(V2_OPEN[:1], [{"message_type": "SessionTerminated"}]))
    with mock.patch("assemblyai.transcriber.websocket_connect", new=fake):
        transcriber = realtime(records, token="temp-token")
        transcriber.connect()
        transcriber.close()
    ((args, kwargs),) = fake.calls
    assert "token=temp-token" in args[0]
    assert kwargs == {"additional_headers": None, "open_timeout": 10.0}


def test_v2_a_patched_connect_that_fails_goes_to_on_error(
    records: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aai.settings, "api_key", "v2-key")
    fake = mock.Mock(side_effect=ConnectionRefusedError("refused"))
    with mock.patch("assemblyai.transcriber.websocket_connect", new=fake):
        realtime(records).connect()
    (error,) = records["errors"]
    assert "Could not connect to the real-time service" in str(error)


def test_v3_scripted_recv_side_effect_ends_like_a_normal_close() -> None:
    events: list[Any] = []
    with mock.patch("assemblyai.streaming.v3.client.websocket_connect") as patched:
        patched.return_value.recv.side_effect = [json.dumps(BEGIN), json.dumps(TURN)]
        client = v3_client()
        client.on(StreamingEvents.Turn, lambda _, event: events.append(event))
        client.on(StreamingEvents.Error, lambda _, error: events.append(error))
        client.connect(StreamingParameters(sample_rate=16_000))
        assert client._conn is not None and client._conn.wait_closed(5)
        client.disconnect()
    assert [type(e) for e in events] == [TurnEvent]  # no error for the end of the script
