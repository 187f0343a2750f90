"""TLS servers for the v3 streaming calls: 0.45.4 always speaks ``https://``/``wss://`` to its
``api_host``, so both SDKs reach these through a throw-away CA named by ``SSL_CERT_FILE``.

The websocket server records each connection in the recording server's log as
``["WS", path, sorted query, {"authorization": header}]`` and answers like the v3 API: ``Begin``
at once, ``Termination`` after ``Terminate``.
"""

from __future__ import annotations

import json
import os
import ssl
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import trustme
from websockets.sync.server import ServerConnection, serve

from .server import RecordingServer

__all__ = ["StreamingServers", "streaming_servers", "trusting"]


@dataclass(frozen=True)
class StreamingServers:
    token_host: str  # host:port of the HTTPS server answering GET /v3/token
    ws_host: str  # host:port of the WSS server answering /v3/ws
    ca_file: str


def _session(sink: RecordingServer) -> Any:
    def handle(ws: ServerConnection) -> None:
        request = ws.request
        assert request is not None
        url = urllib.parse.urlsplit(request.path)
        pairs = sorted(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        auth = request.headers.get("Authorization")
        sink.record(["WS", url.path, [list(p) for p in pairs], {"authorization": auth}])
        ws.send(json.dumps({"type": "Begin", "id": "session-1", "expires_at": 1767225600}))
        for message in ws:
            if isinstance(message, str) and json.loads(message).get("type") == "Terminate":
                termination = {
                    "type": "Termination",
                    "audio_duration_seconds": 0,
                    "session_duration_seconds": 0,
                }
                ws.send(json.dumps(termination))
                return

    return handle


@contextmanager
def streaming_servers(sink: RecordingServer) -> Iterator[StreamingServers]:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(context)
    token_server = RecordingServer(ssl_context=context, sink=sink)
    token_server.start()
    with (
        tempfile.TemporaryDirectory() as tmp,
        serve(_session(sink), "localhost", 0, ssl=context) as ws_server,
    ):
        thread = threading.Thread(target=ws_server.serve_forever, daemon=True)
        thread.start()
        ca_file = os.path.join(tmp, "ca.pem")
        ca.cert_pem.write_to_path(ca_file)
        try:
            yield StreamingServers(
                token_host=token_server.base_url.removeprefix("https://"),
                ws_host=f"localhost:{ws_server.socket.getsockname()[1]}",
                ca_file=ca_file,
            )
        finally:
            ws_server.shutdown()
            token_server.stop()


@contextmanager
def trusting(ca_file: str) -> Iterator[None]:
    """``SSL_CERT_FILE`` set to ``ca_file`` (for our SDK in-process, and the 0.45.4 subprocess,
    which inherits the environment) while the block runs."""
    saved = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = ca_file
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SSL_CERT_FILE"]
        else:
            os.environ["SSL_CERT_FILE"] = saved
