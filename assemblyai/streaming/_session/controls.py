"""``pause()``, ``resume()`` and ``push()``: the same plain methods on both v3 clients.

They only flip a flag or hand a chunk over without waiting, so the asyncio client offers
them as plain (thread-safe) methods too; each client's session connection does the work.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from assemblyai._core.exceptions import StreamingError

__all__ = ["DEFAULT_KEEPALIVE_EVERY", "SessionControls"]

#: Seconds between keep-alive frames (100 ms of silence) while paused.
DEFAULT_KEEPALIVE_EVERY = 5.0


@runtime_checkable
class _Controllable(Protocol):
    @property
    def paused(self) -> bool: ...
    def pause(self, keepalive_every: float | None) -> None: ...
    def resume(self) -> None: ...
    def push(self, frame: bytes) -> bool: ...


class SessionControls:
    """Mixed into both v3 clients (it reads their ``_conn``)."""

    def _controllable(self) -> _Controllable:
        conn = getattr(self, "_conn", None)
        if conn is None:
            raise StreamingError("not connected; call connect() first")
        if not isinstance(conn, _Controllable):
            raise StreamingError(
                "pause(), resume() and push() are not available on a connection made through "
                "a replaced websocket_connect"
            )
        return conn

    def pause(self, *, keepalive_every: float | None = DEFAULT_KEEPALIVE_EVERY) -> None:
        """Stop sending audio until :meth:`resume`; the session stays open.

        Audio given to ``stream()`` or ``push()`` while paused is discarded (counted in
        :attr:`paused_bytes`), not queued: pausing is muting. Control calls
        (``set_params()``, ``force_endpoint()``, ``disconnect()``) still go out. Every
        ``keepalive_every`` seconds 100 ms of silence is sent so the server does not end the
        session for inactivity (PCM encodings; ``None`` sends nothing).
        """
        if keepalive_every is not None and keepalive_every <= 0:
            raise StreamingError(f"keepalive_every must be > 0 seconds, got {keepalive_every!r}")
        self._controllable().pause(keepalive_every)

    def resume(self) -> None:
        """Send audio again after :meth:`pause`."""
        self._controllable().resume()

    @property
    def paused(self) -> bool:
        """Whether :meth:`pause` is in effect."""
        conn = getattr(self, "_conn", None)
        return isinstance(conn, _Controllable) and conn.paused

    def push(self, chunk: bytes | bytearray | memoryview) -> bool:
        """Hand over one chunk of audio without ever blocking; safe from any thread.

        For audio that arrives in callbacks (a sound card's, a telephony library's). Returns
        ``False`` when the chunk was refused because the send queue is full (the network is
        not keeping up; see :attr:`overflow_bytes`) or the session is over.
        """
        return self._controllable().push(bytes(chunk))

    @property
    def paused_bytes(self) -> int:
        """Audio discarded because it came while paused."""
        return int(getattr(getattr(self, "_conn", None), "paused_bytes", 0))

    @property
    def overflow_bytes(self) -> int:
        """Audio :meth:`push` refused because the send queue was full."""
        return int(getattr(getattr(self, "_conn", None), "overflow_bytes", 0))
