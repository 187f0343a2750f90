"""The threaded transport's own duties: proxies from the environment and keepalive pings.

Real loopback sockets throughout: a small CONNECT proxy, and a server built on websockets'
sans-I/O ``ServerProtocol`` that goes silent after its first message.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import socket
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from websockets.http11 import Request
from websockets.server import ServerProtocol

import assemblyai.realtime
from assemblyai.streaming._connection import sansio as _sansio
from assemblyai.streaming._connection import wscore as _wscore
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingClientOptions,
    StreamingError,
    StreamingEvents,
    StreamingParameters,
)

from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)

BEGIN = {"type": "Begin", "id": "session-1", "expires_at": "2030-01-01T00:00:00"}


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass  # the other direction shut both sockets down
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class ConnectProxy:
    """An HTTP proxy that only tunnels (``CONNECT``), recording each request's first line."""

    def __init__(self, *, refuse: bool = False) -> None:
        self.refuse = refuse
        self.requests: list[str] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> ConnectProxy:
        self._accepting.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._accepting.join(5)
        for thread in self._threads:
            thread.join(5)
        for sock in self._sockets:
            sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(4096)
                if not data:
                    break
                head += data
            self.requests.append(head.split(b"\r\n", 1)[0].decode())
            if self.refuse:
                client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
                client.shutdown(socket.SHUT_RDWR)
                continue
            host, port = head.split(b" ")[1].decode().rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            self._sockets.append(upstream)
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            for a, b in ((client, upstream), (upstream, client)):
                thread = threading.Thread(target=_pipe, args=(a, b), daemon=True)
                thread.start()
                self._threads.append(thread)


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "WS_PROXY", "WSS_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def _client(server_url: str, api_key: str = "test-api-key") -> StreamingClient:
    return StreamingClient(StreamingClientOptions(api_host=server_url, api_key=api_key))


def test_connects_through_the_http_proxy_the_environment_names(
    v3_server: FakeStreamingServer, no_proxy_env: pytest.MonkeyPatch
) -> None:
    with ConnectProxy() as proxy:
        no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        client = _client(v3_server.url, v3_server.api_key)
        terminations: list[object] = []
        client.on(StreamingEvents.Termination, lambda _, event: terminations.append(event))
        client.connect(StreamingParameters(sample_rate=16_000))
        client.stream(b"\0" * 3200)
        client.disconnect(terminate=True)
    assert proxy.requests == [f"CONNECT 127.0.0.1:{v3_server.port} HTTP/1.1"]
    assert len(terminations) == 1


def test_the_async_client_goes_through_the_same_proxy(
    v3_server: FakeStreamingServer, no_proxy_env: pytest.MonkeyPatch
) -> None:
    async def session() -> list[str]:
        async with AsyncStreamingClient(
            StreamingClientOptions(api_host=v3_server.url, api_key=v3_server.api_key)
        ) as client:
            await client.connect(StreamingParameters(sample_rate=16_000))
            await client.stream(b"\0" * 3200)
            await client.disconnect(terminate=True)
            return [type(event).__name__ async for event in client]

    with ConnectProxy() as proxy:
        no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        events = asyncio.run(session())
    assert proxy.requests == [f"CONNECT 127.0.0.1:{v3_server.port} HTTP/1.1"]
    assert events[0] == "BeginEvent" and events[-1] == "TerminationEvent"


def test_no_proxy_skips_the_proxy(
    v3_server: FakeStreamingServer, no_proxy_env: pytest.MonkeyPatch
) -> None:
    with ConnectProxy() as proxy:
        no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        no_proxy_env.setenv("NO_PROXY", "127.0.0.1")
        client = _client(v3_server.url, v3_server.api_key)
        client.connect(StreamingParameters(sample_rate=16_000))
        client.disconnect(terminate=True)
    assert proxy.requests == []


def test_a_proxy_that_refuses_the_tunnel_fails_the_connect(
    v3_server: FakeStreamingServer, no_proxy_env: pytest.MonkeyPatch
) -> None:
    with ConnectProxy(refuse=True) as proxy:
        no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        with pytest.raises(StreamingError, match=r"refused the tunnel: HTTP/1\.1 407"):
            _client(v3_server.url).connect(StreamingParameters(sample_rate=16_000))


def test_a_socks_proxy_is_refused_with_a_sentence(
    v3_server: FakeStreamingServer, no_proxy_env: pytest.MonkeyPatch
) -> None:
    no_proxy_env.setenv("HTTPS_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(StreamingError, match="is not supported for streaming; use an http://"):
        _client(v3_server.url).connect(StreamingParameters(sample_rate=16_000))


class SilentServer:
    """Completes the handshake, sends Begin, then never reads again (so never answers pings)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self._listener.getsockname()[1]}"
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        conn, _ = self._listener.accept()
        with conn:
            protocol = ServerProtocol()
            while True:
                protocol.receive_data(conn.recv(65536))
                requests = [e for e in protocol.events_received() if isinstance(e, Request)]
                if requests:
                    protocol.send_response(protocol.accept(requests[0]))
                    protocol.send_text(json.dumps(BEGIN).encode())
                    for chunk in protocol.data_to_send():
                        conn.sendall(chunk)
                    break
            self._done.wait(10)


def test_an_idle_connection_sends_keepalive_pings_and_stays_open(
    v3_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_wscore, "PING_INTERVAL", 0.05)
    pings: list[float | None] = []
    ping = _sansio.WebSocket.ping

    def counted(self: _sansio.WebSocket) -> None:
        pings.append(self.pinged_at)  # None: the previous ping was answered
        ping(self)

    monkeypatch.setattr(_sansio.WebSocket, "ping", counted)
    client = _client(v3_server.url, v3_server.api_key)
    errors: list[StreamingError] = []
    client.on(StreamingEvents.Error, lambda _, error: errors.append(error))
    client.connect(StreamingParameters(sample_rate=16_000))
    threading.Event().wait(0.5)
    client.disconnect(terminate=True)
    assert len(pings) >= 3 and pings == [None] * len(pings)
    assert errors == []


def test_a_connection_whose_pings_go_unanswered_ends_with_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_wscore, "PING_INTERVAL", 0.05)
    monkeypatch.setattr(_wscore, "PING_TIMEOUT", 0.2)
    with SilentServer() as server:
        client = _client(server.url)
        errors: list[StreamingError] = []
        ended = threading.Event()

        def on_error(_: object, error: StreamingError) -> None:
            errors.append(error)
            ended.set()

        client.on(StreamingEvents.Error, on_error)
        client.connect(StreamingParameters(sample_rate=16_000))
        assert ended.wait(5), "the dead connection was not noticed"
        client.disconnect()
    assert len(errors) == 1


def test_the_async_client_notices_unanswered_pings_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_wscore, "PING_INTERVAL", 0.05)
    monkeypatch.setattr(_wscore, "PING_TIMEOUT", 0.2)

    async def session(url: str) -> list[StreamingError]:
        client = AsyncStreamingClient(StreamingClientOptions(api_host=url, api_key="k"))
        errors: list[StreamingError] = []
        client.on(StreamingEvents.Error, lambda _, error: errors.append(error))
        await client.connect(StreamingParameters(sample_rate=16_000))
        async with asyncio.timeout(5):
            while not errors:
                await asyncio.sleep(0.02)
        await client.disconnect()
        return errors

    with SilentServer() as server:
        assert len(asyncio.run(session(server.url))) == 1


def test_a_patched_sync_websocket_connect_leaves_the_async_client_alone(
    v3_server: FakeStreamingServer,
) -> None:
    # 0.45.4 had no async client: its patch point is the sync client's name, and what a
    # patch returns is a sync connection, which an event loop cannot drive.
    async def session() -> list[Any]:
        async with AsyncStreamingClient(
            StreamingClientOptions(api_host=v3_server.url, api_key=v3_server.api_key)
        ) as client:
            await client.connect(StreamingParameters(sample_rate=16_000))
            await client.disconnect(terminate=True)
            return [event async for event in client]

    with mock.patch("assemblyai.streaming.v3.client.websocket_connect") as patched:
        events = asyncio.run(session())
    patched.assert_not_called()
    assert [type(event).__name__ for event in events] == ["BeginEvent", "TerminationEvent"]


def test_the_v2_client_takes_its_transport_from_the_shared_module() -> None:
    # v2 and v3 run on one transport; streaming/v2 reaches no further into streaming/ than the
    # neutral modules: the shared connections and the pure helpers both protocol cores use
    # (not v3, and not a shell of the transport directly).
    allowed = {"assemblyai.streaming._connection.shared", "assemblyai.streaming._connection.common"}
    reached: set[str] = set()
    for path in Path(assemblyai.streaming.v2.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("assemblyai.streaming.") and ".v2" not in module:
                reached.add(module)
    assert reached and reached <= allowed, reached
