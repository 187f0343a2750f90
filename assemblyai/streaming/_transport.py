"""The streaming transport shared by the v3 clients and the legacy v2 ``realtime`` client.

Neither protocol owns anything here: connections move frames and report how they ended, and
the protocol cores (``streaming/_protocol.py`` for v3, ``realtime/_protocol.py`` for v2)
decide what the frames mean, with the pure helpers of ``streaming/_common.py``. The v2
client takes its I/O from this module only.

* :class:`ThreadedConnection`: our socket I/O around websockets' public sans-I/O protocol.
* :class:`PatchedConnection`: drives a user's replacement of 0.45.4's ``websocket_connect``.

The asyncio twin (:mod:`._asyncio`) serves only the v3 ``AsyncStreamingClient``, so it is not
imported here: the v2 client does not pay for loading websockets' asyncio client.
"""

from __future__ import annotations

from ._common import CloseInfo, ConnectFailed, ConnectFailure, FailureKind
from ._patched import PatchedConnection, replacement
from ._threaded import ThreadedConnection

__all__ = [
    "CloseInfo",
    "ConnectFailed",
    "ConnectFailure",
    "FailureKind",
    "PatchedConnection",
    "ThreadedConnection",
    "replacement",
]
