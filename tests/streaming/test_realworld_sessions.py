"""Streaming sessions the real API sent, replayed over a loopback websocket to every client.

Each file under `../shared/realworld/streaming_v3/` and `.../realtime_v2/` is one session: a JSON
list of server messages in order. They depart from our AsyncAPI descriptions the way the API
does (Turns without `turn_order` or `words`, undeclared `speaker_label`, `SpeechStarted` and the
preview `Partial`, an integer `expires_at`, transcripts without `audio_start` or `words`). The
clients must hand out every message without an error, known ones as their events and the rest
as unknown events, with every value of the payload readable. The files live outside the
repository; the tests skip when they are absent.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from websockets.asyncio.server import Server, ServerConnection, serve

from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import RealtimeError, StreamingError
from assemblyai._http.client import Client
from assemblyai.realtime import (
    RealtimeFinalTranscript,
    RealtimePartialTranscript,
    RealtimeSessionInformation,
    RealtimeSessionOpened,
    RealtimeTranscriber,
    RealtimeUnknownMessage,
)
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
)
from assemblyai.streaming.v3.models import (
    BeginEvent,
    EventMessage,
    SpeechStartedEvent,
    TerminationEvent,
    TurnEvent,
    UnknownEvent,
)

pytestmark = pytest.mark.timeout(30)

REALWORLD = Path(__file__).resolve().parents[2].parent / "shared" / "realworld"
V3_EVENTS: dict[str, tuple[StreamingEvents, type[Any]]] = {
    "Begin": (StreamingEvents.Begin, BeginEvent),
    "Turn": (StreamingEvents.Turn, TurnEvent),
    "Termination": (StreamingEvents.Termination, TerminationEvent),
    "SpeechStarted": (StreamingEvents.SpeechStarted, SpeechStartedEvent),
}
V2_EVENTS: dict[str, type[Any]] = {
    "SessionBegins": RealtimeSessionOpened,
    "PartialTranscript": RealtimePartialTranscript,
    "FinalTranscript": RealtimeFinalTranscript,
    "SessionInformation": RealtimeSessionInformation,
}


def sessions(kind: str) -> list[Any]:
    folder = REALWORLD / kind
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        reason = f"no real-world sessions in {folder} (they live outside the repository)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason))]
    return [pytest.param(path, id=path.stem) for path in files]


def load(path: Path) -> list[dict[str, Any]]:
    messages = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(messages, list) and all(isinstance(m, dict) for m in messages)
    return messages


class ReplayServer:
    """Sends one recorded session to each client, then waits for the client to leave."""

    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.messages = messages
        self.paths: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="replay-server")
        self._thread.daemon = True
        self._server: Server | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._open(), self._loop).result(5)
        return self

    async def _open(self) -> Server:
        return await serve(self._handle, "127.0.0.1", 0)

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, ws: ServerConnection) -> None:
        self.paths.append(ws.request.path if ws.request is not None else "")
        for message in self.messages:
            await ws.send(json.dumps(message))
        async for frame in ws:  # until the client closes, or asks to end
            if isinstance(frame, str) and ("Terminate" in frame or "terminate_session" in frame):
                break
        await ws.close()


@pytest.fixture
def strictness(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lenient reading, whatever the environment says (a session reads it at connect)."""
    monkeypatch.setattr(_settings.settings, "strict_responses", False)
    yield


def plain(value: Any) -> Any:
    if attrs.has(type(value)) and hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def assert_exposed(message: dict[str, Any], event: Any) -> None:
    """Every top-level value of `message` is readable on `event`, as the server sent it."""
    if isinstance(event, UnknownEvent | RealtimeUnknownMessage):
        assert event.raw == message
        return
    assert event.to_dict() == message  # nothing lost, nothing added, each value as sent
    for key, value in message.items():
        if key in event.additional_properties:
            assert event.additional_properties[key] == value
            continue
        attribute = getattr(event, key)
        if isinstance(attribute, datetime):  # 0.45.4 gave datetimes: ISO text or Unix seconds
            expected = (
                datetime.fromisoformat(value)
                if isinstance(value, str)
                else datetime.fromtimestamp(value, UTC)
            )
            assert attribute == expected, key
        else:
            assert plain(attribute) == value, key


def expected_v3(message: dict[str, Any]) -> tuple[StreamingEvents, type[Any]]:
    return V3_EVENTS.get(message.get("type"), (StreamingEvents.Unknown, UnknownEvent))  # type: ignore[arg-type]


def check_v3(
    messages: list[dict[str, Any]],
    handled: list[tuple[StreamingEvents, Any]],
) -> None:
    assert [kind for kind, _ in handled] == [expected_v3(m)[0] for m in messages]
    for message, (_, event) in zip(messages, handled, strict=True):
        assert type(event) is expected_v3(message)[1]
        assert_exposed(message, event)


@pytest.mark.usefixtures("strictness")
@pytest.mark.parametrize("path", sessions("streaming_v3"))
def test_v3_session_through_the_threaded_client(path: Path) -> None:
    messages = load(path)
    handled: list[tuple[StreamingEvents, Any]] = []
    done = threading.Event()
    with ReplayServer(messages) as server:
        client = StreamingClient(StreamingClientOptions(api_host=server.url, api_key="key"))
        for kind in StreamingEvents:

            def record(_: Any, event: Any, kind: StreamingEvents = kind) -> None:
                handled.append((kind, event))
                if len(handled) >= len(messages):
                    done.set()

            client.on(kind, record)
        client.connect(StreamingParameters(sample_rate=16_000))
        assert done.wait(10), f"{len(handled)} of {len(messages)} messages handled"
        client.disconnect()
    assert server.paths and server.paths[0].startswith("/v3/ws?")
    assert not [e for k, e in handled if k is StreamingEvents.Error]
    check_v3(messages, handled)


@pytest.mark.usefixtures("strictness")
@pytest.mark.parametrize("path", sessions("streaming_v3"))
def test_v3_session_through_the_asyncio_client(path: Path) -> None:
    messages = load(path)
    handled: list[tuple[StreamingEvents, Any]] = []
    with ReplayServer(messages) as server:
        iterated = asyncio.run(run_async_client(server, len(messages), handled))
    check_v3(messages, handled)
    assert iterated == [event for _, event in handled]  # `async for` yields the same events


async def run_async_client(
    server: ReplayServer, count: int, handled: list[tuple[StreamingEvents, Any]]
) -> list[EventMessage]:
    client = AsyncStreamingClient(StreamingClientOptions(api_host=server.url, api_key="key"))
    for kind in StreamingEvents:

        async def record(_: Any, event: Any, kind: StreamingEvents = kind) -> None:
            handled.append((kind, event))

        client.on(kind, record)
    await client.connect(StreamingParameters(sample_rate=16_000))
    for _ in range(1000):
        if len(handled) >= count:
            break
        await asyncio.sleep(0.01)
    await client.disconnect()
    return [event async for event in client]


@pytest.mark.parametrize("name", ["docs-diarization-turns-abridged", "docs-u3pro-sequence-a"])
def test_v3_strict_mode_reports_each_departure_as_an_error(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = REALWORLD / "streaming_v3" / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the real-world sessions live outside the repository)")
    messages = load(path)
    monkeypatch.setattr(_settings.settings, "strict_responses", True)
    errors: list[StreamingError] = []
    others: list[Any] = []
    done = threading.Event()
    with ReplayServer(messages) as server:
        client = StreamingClient(StreamingClientOptions(api_host=server.url, api_key="key"))

        def on_error(_: Any, error: StreamingError) -> None:
            errors.append(error)
            if len(errors) + len(others) >= len(messages):
                done.set()

        def on_other(_: Any, event: Any) -> None:
            others.append(event)
            if len(errors) + len(others) >= len(messages):
                done.set()

        client.on(StreamingEvents.Error, on_error)
        for kind in StreamingEvents:
            if kind is not StreamingEvents.Error:
                client.on(kind, on_other)
        client.connect(StreamingParameters(sample_rate=16_000))
        assert done.wait(10)
        client.disconnect()
    assert not [e for e in others if isinstance(e, UnknownEvent)]
    texts = [str(error) for error in errors]
    if name.startswith("docs-diarization"):
        assert len(texts) == len(messages) and others == []
        assert all("strict_responses" in t and "Turn" in t and "turn_order" in t for t in texts)
    else:
        # SpeechStarted is in the 2026 description (its confidence optional, as sent here).
        assert texts == []


@pytest.mark.usefixtures("strictness")
@pytest.mark.parametrize("path", sessions("realtime_v2"))
def test_v2_session_through_the_realtime_transcriber(path: Path) -> None:
    messages = load(path)
    delivered: list[Any] = []
    errors: list[RealtimeError] = []
    closed = threading.Event()
    with ReplayServer(messages) as server:
        settings = _settings.Settings(
            api_key="key", base_url=server.url.replace("ws://", "http://")
        )
        transcriber = RealtimeTranscriber(
            on_data=delivered.append,
            on_error=errors.append,
            on_open=delivered.append,
            on_close=closed.set,
            on_extra_session_information=delivered.append,
            on_unknown_message=delivered.append,
            sample_rate=16_000,
            client=Client(settings=settings, api_key_required=False),
        )
        transcriber.connect()
        transcriber.close()
    assert closed.is_set() and errors == []
    assert server.paths and server.paths[0].startswith("/v2/realtime/ws?")
    # SessionTerminated has no callback (as in 0.45.4); every other message reaches one.
    shown = [m for m in messages if m.get("message_type") != "SessionTerminated"]
    assert len(delivered) == len(shown)
    for message, event in zip(shown, delivered, strict=True):
        assert type(event) is V2_EVENTS.get(message.get("message_type"), RealtimeUnknownMessage)
        assert_exposed(message, event)
