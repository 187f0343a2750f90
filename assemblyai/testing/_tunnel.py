"""Websocket upgrades on the REST port, passed through to the streaming port.

The API serves the legacy v2 real-time websocket (``/v2/realtime/ws``) on the REST host, and
``RealtimeTranscriber`` derives its URL from ``aai.settings.base_url`` (as 0.45.4 does). The
sandbox's REST server is ``http.server``, which cannot speak websockets, so it hands every
``Upgrade: websocket`` request to :func:`tunnel`: the request head is replayed to the
streaming server and bytes are copied both ways until either side hangs up. Everything the
websocket does (auth, faults, records) is the streaming server's.

Example (what ``_server._Handler`` does)::

    tunnel(self.connection, self.rfile, head, ("127.0.0.1", streaming_port))
"""

from __future__ import annotations

import contextlib
import io
import socket
import threading

__all__ = ["tunnel"]

_CHUNK = 65536
_BAD_GATEWAY_BODY = b'{"error": "The streaming sandbox is not running"}'
_BAD_GATEWAY = (
    b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nConnection: close\r\n"
    + f"Content-Length: {len(_BAD_GATEWAY_BODY)}\r\n\r\n".encode()
    + _BAD_GATEWAY_BODY
)


def _shutdown(sock: socket.socket, how: int) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(how)


def _upstream_to_client(upstream: socket.socket, client: socket.socket) -> None:
    try:
        while data := upstream.recv(_CHUNK):
            client.sendall(data)
    except OSError:
        # Reset by the streaming server (a "drop" fault) or by the client: end both ways.
        _shutdown(client, socket.SHUT_RDWR)
        _shutdown(upstream, socket.SHUT_RDWR)
    else:
        _shutdown(client, socket.SHUT_WR)


def tunnel(
    client: socket.socket, rfile: io.BufferedIOBase, head: bytes, backend: tuple[str, int]
) -> None:
    """Connect ``client`` (whose request ``head`` was already read) to ``backend``.

    Blocks until both directions have ended. ``rfile`` is the client's buffered reader: it may
    already hold bytes sent after the head.
    """
    try:
        upstream = socket.create_connection(backend, timeout=5)
    except OSError:
        with contextlib.suppress(OSError):
            client.sendall(_BAD_GATEWAY)
        return
    with upstream:
        upstream.settimeout(None)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pump = threading.Thread(
            target=_upstream_to_client,
            args=(upstream, client),
            name="assemblyai-fake-tunnel",
            daemon=True,
        )
        try:
            upstream.sendall(head)
        except OSError:
            return
        pump.start()
        try:
            # read1 returns what is buffered or what one recv() gives, never waiting for more.
            while data := rfile.read1(_CHUNK):
                upstream.sendall(data)
        except (OSError, ValueError):
            _shutdown(upstream, socket.SHUT_RDWR)
        else:
            _shutdown(upstream, socket.SHUT_WR)
        pump.join()
