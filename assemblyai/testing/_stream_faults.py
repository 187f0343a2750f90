"""Faults for the streaming sandbox: ``fake.stream_faults``.

A rule is matched when a websocket handshake arrives (for one protocol, or for both) and is
used up after ``times`` connections (or never, with ``persistent=True``). Each rule does one
thing to the connections it catches:

- ``reject_status``: answer the handshake with this HTTP status (``{"error": ...}`` body);
- ``close_code`` (with ``reason``): after the server has sent ``after_messages`` messages,
  close the websocket with this code (``after_messages=0``: right after the handshake,
  before ``Begin``/``SessionBegins``);
- ``drop``: after ``after_messages`` server messages, drop the TCP connection without a
  close frame (clients see 1006);
- ``stall``: after ``after_messages`` server messages, stop reading the client for this many
  seconds (a slow reader: the client's socket and send queue fill up);
- ``max_speed``: close with 4029 ("Client sent audio too fast") once the audio received is
  ahead of the time since ``Begin`` times this factor, beyond a one-second allowance, as the
  API does with audio sent faster than real time.

Refusing the handshake a few times and then accepting is ``reject_status`` with ``times``.

Example::

    fake.stream_faults.add("v3", close_code=4002, reason="Insufficient Funds", after_messages=1)
    fake.stream_faults.add(drop=True, after_messages=3)          # both protocols
    fake.stream_faults.add("v2", reject_status=503, persistent=True)
    fake.stream_faults.add("v3", reject_status=503, times=2)       # then accepted
    fake.stream_faults.add("v3", stall=5.0, after_messages=1)      # read nothing after Begin
    fake.stream_faults.add("v3", max_speed=1.5)                    # 4029 when too fast
"""

from __future__ import annotations

import asyncio
import contextlib

import attrs
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

from assemblyai.testing._faults import RuleBook

__all__ = ["StreamFaultRule", "StreamFaults", "stall_due", "stall_reading", "too_fast"]


@attrs.define(eq=False)
class StreamFaultRule:
    """One registered streaming fault (see :meth:`StreamFaults.add`).

    ``hits`` counts the connections it caught.
    """

    protocol: str | None
    reject_status: int | None
    close_code: int | None
    reason: str
    drop: bool
    after_messages: int
    times: int | None
    hits: int = 0
    stall: float = 0.0
    max_speed: float | None = None

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def describe(self) -> str:
        """A short summary for session records, e.g. ``"close 4002 after 1 message(s)"``."""
        if self.reject_status is not None:
            return f"reject {self.reject_status}"
        if self.max_speed is not None:
            return f"close 4029 beyond {self.max_speed:g}x real time"
        if self.stall:
            return f"stall {self.stall:g} s after {self.after_messages} message(s)"
        action = f"close {self.close_code}" if self.close_code is not None else "drop"
        return f"{action} after {self.after_messages} message(s)"


class StreamFaults(RuleBook[StreamFaultRule]):
    """The streaming sandbox's fault rules. Thread-safe."""

    def add(
        self,
        protocol: str | None = None,
        *,
        reject_status: int | None = None,
        close_code: int | None = None,
        reason: str = "",
        drop: bool = False,
        stall: float = 0.0,
        max_speed: float | None = None,
        after_messages: int = 0,
        times: int = 1,
        persistent: bool = False,
    ) -> StreamFaultRule:
        """Register a fault; give exactly one of ``reject_status``, ``close_code``, ``drop``,
        ``stall`` and ``max_speed``.

        Args:
            protocol: ``"v3"``, ``"v2"``, or ``None`` for both.
            reject_status: answer the handshake with this HTTP status (400-599).
            close_code: close the websocket with this code (1000-4999)...
            reason: ...and this reason (at most 123 bytes of UTF-8).
            drop: drop the TCP connection without a close frame.
            stall: seconds to stop reading what the client sends (until it disconnects).
            max_speed: how many times faster than real time audio may arrive (v3).
            after_messages: server messages to send before closing or dropping.
            times: connections the rule affects.
            persistent: affect every matching connection until removed.

        Returns:
            The rule; ``rule.hits`` tells how many connections it affected.
        """
        if protocol not in (None, "v3", "v2"):
            raise ValueError(f"protocol must be 'v3', 'v2' or None, got {protocol!r}")
        chosen = [reject_status is not None, close_code is not None, drop, stall > 0]
        chosen.append(max_speed is not None)
        if sum(chosen) != 1:
            raise ValueError(
                "give exactly one of reject_status, close_code, drop, stall and max_speed"
            )
        if max_speed is not None and max_speed <= 0:
            raise ValueError(f"max_speed must be > 0, got {max_speed}")
        if reject_status is not None and not 400 <= reject_status <= 599:
            raise ValueError(f"reject_status must be an HTTP error status, got {reject_status}")
        if close_code is not None and not 1000 <= close_code <= 4999:
            raise ValueError(f"{close_code} is not a websocket close code")
        if len(reason.encode()) > 123:
            raise ValueError("a close reason holds at most 123 bytes")
        if after_messages < 0:
            raise ValueError("after_messages must be 0 or more")
        if times < 1:
            raise ValueError("times must be at least 1")
        rule = StreamFaultRule(
            protocol=protocol,
            reject_status=reject_status,
            close_code=close_code,
            reason=reason,
            drop=drop,
            after_messages=after_messages,
            times=None if persistent else times,
            stall=stall,
            max_speed=max_speed,
        )
        return self._append(rule)

    def take(self, protocol: str) -> StreamFaultRule | None:
        """The rule for a new connection of ``protocol`` (consuming one use), if any."""
        with self._lock:
            for rule in self._rules:
                if rule.protocol in (None, protocol):
                    rule.hits += 1
                    if rule.exhausted:
                        self._rules.remove(rule)
                    return rule
        return None


#: Audio a session may be ahead of real time before ``max_speed`` applies, in milliseconds
#: (a client starts with a burst: its buffer, a reconnection's backlog).
TOO_FAST_ALLOWANCE_MS = 1000.0


def too_fast(rule: StreamFaultRule | None, audio_ms: float, elapsed_s: float) -> bool:
    """Whether audio received so far breaks the rule's ``max_speed``."""
    if rule is None or rule.max_speed is None:
        return False
    return audio_ms > elapsed_s * 1000.0 * rule.max_speed + TOO_FAST_ALLOWANCE_MS


def stall_due(rule: StreamFaultRule | None, messages_sent: int) -> float:
    """Seconds to stop reading now (0: read on)."""
    if rule is None or not rule.stall or messages_sent < rule.after_messages:
        return 0.0
    return rule.stall


async def stall_reading(ws: ServerConnection, seconds: float) -> None:
    """Read nothing for ``seconds``, or until the client is gone.

    While nothing is read the connection does not notice that the client went away; a ping
    every 100 ms writes to it, which does.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline and ws.state is State.OPEN:
        with contextlib.suppress(ConnectionClosed, OSError):
            await ws.ping()
        await asyncio.sleep(0.1)
