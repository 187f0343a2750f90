"""The streaming transport shared by the v3 clients and the legacy v2 ``realtime`` client.

Neither protocol owns anything here: connections move frames and report how they ended, and
the protocol cores (``streaming/_protocol.py`` for v3, ``realtime/_protocol.py`` for v2)
decide what the frames mean, with the pure helpers of ``streaming/_common.py``. The v2
client takes its I/O from this module only.

* :class:`ThreadedConnection`: threads and a blocking socket (:mod:`._sansio`) around the
  sans-I/O core :mod:`._wscore`, itself built on websockets' public ``ClientProtocol``.
* :class:`PatchedConnection`: drives a user's replacement of 0.45.4's ``websocket_connect``.

The asyncio shell (:mod:`._asyncio`) runs the same core; it serves only the v3
``AsyncStreamingClient``, so it is not imported here and the v2 client does not load it.
"""

from __future__ import annotations

from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailed,
    ConnectFailure,
    FailureKind,
)
from assemblyai.streaming._connection.patched import PatchedConnection, replacement
from assemblyai.streaming._connection.threaded import ThreadedConnection

__all__ = [
    "CloseInfo",
    "ConnectFailed",
    "ConnectFailure",
    "FailureKind",
    "PatchedConnection",
    "ThreadedConnection",
    "replacement",
]
