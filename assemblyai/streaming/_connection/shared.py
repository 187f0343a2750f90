"""The streaming transport shared by the v3 clients and the legacy v2 client (``realtime``).

Neither protocol owns anything here: connections move frames and report how they ended, and
the protocol cores (``streaming/v3/_protocol.py``, ``streaming/v2/_protocol.py``) decide what
the frames mean, with the pure helpers of :mod:`.common`. The v2 client takes its I/O from
this module only.

* :class:`ThreadedConnection`: threads and a blocking socket (:mod:`.sansio`) around the
  sans-I/O core :mod:`.wscore`, itself built on websockets' public ``ClientProtocol``.
* :class:`PatchedConnection`: drives a user's replacement of 0.45.4's ``websocket_connect``.

The asyncio shell (:mod:`.aio`) runs the same core; it serves only the v3
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
