"""The decisions of a v3 session that survives the network: pure, shared by both shells.

What is worth retrying, how long to wait before the next attempt, what a reconnect hook's
answer means, and where audio goes while the connection is down. Nothing here sleeps, reads
a socket or starts a thread; :mod:`.threaded` and :mod:`.aio` do that and ask this module.
"""

from __future__ import annotations

import collections
import enum
import random
from collections.abc import Callable
from typing import Protocol

import attrs

from assemblyai._core.exceptions import ConfigurationError, StreamingError
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailure, FailureKind

__all__ = [
    "RECOVERABLE_CLOSE_CODES",
    "RETRYABLE_STATUSES",
    "AudioLost",
    "Backlog",
    "GiveUp",
    "PaceClock",
    "Reconnect",
    "ReconnectAttempt",
    "ReconnectPolicy",
    "SendTimeoutError",
    "SessionState",
    "backoff_delay",
    "buffer_capacity",
    "catch_up_clock",
    "close_recoverable",
    "handshake_retryable",
    "interpret_hook_answer",
    "lost_report",
    "merge_change",
    "send_timeout_message",
]

#: Close codes after which a new session can carry on: the connection dropped without a close
#: frame (1006), the server went away or restarts (1001, 1012), had an internal error (1011,
#: 3005), asked us to try again later (1013), a gateway failed (1014), or the session reached
#: its maximum duration (3008; a new session continues the audio). Every 4xxx code (auth,
#: funds, parameters, audio too fast, too many streams) means a new session would fail the
#: same way, so it is never retried.
RECOVERABLE_CLOSE_CODES = frozenset({1001, 1006, 1011, 1012, 1013, 1014, 3005, 3008})

#: HTTP answers to the handshake that are worth another attempt: a timeout, rate limiting and
#: server-side failures. 400, 401, 403, 404 and the rest are answered the same way every time.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def handshake_retryable(failure: ConnectFailure) -> bool:
    """Whether a failed handshake is transient (refused, reset, timed out, 5xx, 429)."""
    if failure.kind in (FailureKind.NETWORK, FailureKind.TIMEOUT):
        return True
    if failure.kind is FailureKind.REJECTED:
        return failure.status in RETRYABLE_STATUSES
    if failure.kind is FailureKind.CLOSED and failure.close is not None:
        return close_recoverable(failure.close)
    return False  # a malformed URL or handshake: the same next time


def close_recoverable(info: CloseInfo, codes: frozenset[int] = RECOVERABLE_CLOSE_CODES) -> bool:
    """Whether a session that ended this way is worth replacing with a new one."""
    return info.effective_code in codes


def backoff_delay(
    attempt: int,
    *,
    initial: float,
    maximum: float,
    jitter: float,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before attempt ``attempt`` (1 for the first retry).

    Exponential (``initial * 2**(attempt-1)``, capped at ``maximum``), minus up to
    ``jitter`` of itself at random, so that many clients cut off at once do not all come back
    at the same instant.
    """
    if attempt < 1:
        raise ValueError(f"attempt counts from 1, got {attempt}")
    base = min(maximum, initial * 2.0 ** min(attempt - 1, 30))
    return max(0.0, base * (1.0 - jitter * rand()))


class SessionState(enum.Enum):
    """Where a session connection is; both shells move through the same states."""

    IDLE = "idle"
    UP = "up"
    DOWN = "down"  # a recoverable drop: reconnecting, frames go to the backlog
    ENDED = "ended"


@attrs.frozen
class ReconnectAttempt:
    """What an ``on_reconnecting`` hook is told before each attempt.

    Attributes:
        number: 1 for the first attempt after a drop, 2 for the next...
        reason: why a new connection is needed: the drop (``code`` is the close code, 1006
            for a connection that went away without one), or the last attempt's failure.
        delay: seconds the client waits before this attempt (backoff with jitter).
        session_id: the id of the session that was lost (from its ``Begin``).
        buffered_bytes: audio kept so far, to be sent once connected again.
    """

    number: int
    reason: StreamingError
    delay: float
    session_id: str | None
    buffered_bytes: int


@attrs.frozen
class Reconnect:
    """An ``on_reconnecting`` hook's answer: carry on, with new credentials or parameters.

    Attributes:
        token: a fresh temporary token for this and later attempts (the one the session
            started with may have expired).
        params: handshake parameters for this and later attempts, in place of those given
            to ``connect()``.
    """

    token: str | None = None
    params: object | None = None  # a StreamingParameters; typed loosely to avoid a cycle


class GiveUp(Exception):
    """Raised by an ``on_reconnecting`` hook (or returned as ``False``) to stop reconnecting."""


def interpret_hook_answer(answer: object) -> Reconnect | None:
    """A hook's return value as a decision: ``None``/``True`` (go on as before),
    :class:`Reconnect` (go on with changes); ``False`` raises :class:`GiveUp`."""
    if answer is None or answer is True:
        return None
    if answer is False:
        raise GiveUp("the on_reconnecting hook returned False")
    if isinstance(answer, Reconnect):
        return answer
    raise GiveUp(
        f"the on_reconnecting hook returned {answer!r}; return None, True, False or a "
        "Reconnect(token=..., params=...)"
    )


@attrs.frozen
class AudioLost:
    """Audio that was accepted by ``stream()``/``push()`` and will never reach the server.

    Attributes:
        bytes: how much.
        seconds: its duration, when the encoding tells it (PCM), else ``None``.
        reason: ``"disconnected"`` (no buffering, or the buffer was full), or
            ``"gave up"`` (the buffered audio of a session that could not reconnect).
    """

    bytes: int
    seconds: float | None
    reason: str


def _check_non_negative(name: str, value: float) -> None:
    if value < 0:
        raise ConfigurationError(f"ReconnectPolicy.{name} must be 0 or more, got {value!r}.")


@attrs.frozen(kw_only=True)
class ReconnectPolicy:
    """Automatic reconnection of a v3 session (``StreamingClientOptions(reconnect=...)``).

    When the connection drops mid-session, or the server closes it with a recoverable code
    (:data:`RECOVERABLE_CLOSE_CODES`: 1006, 1011, 1012, 1013...), the client opens a new
    session with the same parameters, after a delay that doubles at each failed attempt
    (with jitter), and sends the audio it kept meanwhile. It never reconnects after a 4xxx
    close (authentication, parameters, audio too fast), after ``disconnect()``, or once
    ``Terminate`` went out. Handlers see a new ``Begin`` for each new session.

    Args:
        max_attempts: failed attempts in a row before giving up; the Error handlers then get
            the original error.
        initial_delay: seconds before the first attempt.
        max_delay: the longest wait between attempts.
        jitter: the fraction of each delay taken off at random (0 to 1).
        buffer_seconds: audio kept while disconnected (PCM encodings; other encodings keep
            ``buffer_bytes``). ``0`` keeps nothing: that audio is reported as lost.
        buffer_bytes: overrides ``buffer_seconds`` with a size in bytes.
        on_reconnecting: ``hook(attempt: ReconnectAttempt)``, called before each attempt
            (from a client thread; the asyncio client awaits a coroutine). Return ``None``
            to go on, a :class:`Reconnect` to go on with a new token or parameters, or
            ``False`` (or raise :class:`GiveUp`) to give up.
        on_audio_lost: ``hook(lost: AudioLost)``, called for audio that will not be sent:
            beyond the buffer, or kept when giving up. Without a hook it is logged.
        close_codes: the close codes that lead to a reconnection.
        catch_up_speed: how many times faster than real time the kept audio is sent to the
            new session (PCM), so a backlog does not get it closed with 4029 ("audio too
            fast"); live audio waits behind it. ``None`` sends it all at once.

    Example::

        def rotate(attempt: ReconnectAttempt) -> Reconnect | None:
            if attempt.number > 1:
                return Reconnect(token=fetch_token())
            return None

        options = StreamingClientOptions(reconnect=ReconnectPolicy(on_reconnecting=rotate))
    """

    max_attempts: int = 5
    initial_delay: float = 0.5
    max_delay: float = 10.0
    jitter: float = 0.5
    buffer_seconds: float = 5.0
    buffer_bytes: int | None = None
    on_reconnecting: Callable[[ReconnectAttempt], object] | None = None
    on_audio_lost: Callable[[AudioLost], object] | None = None
    close_codes: frozenset[int] = attrs.field(default=RECOVERABLE_CLOSE_CODES, converter=frozenset)
    catch_up_speed: float | None = 2.0

    def __attrs_post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ConfigurationError(
                f"ReconnectPolicy.max_attempts must be at least 1, got {self.max_attempts!r}."
            )
        for name in ("initial_delay", "max_delay", "buffer_seconds"):
            _check_non_negative(name, getattr(self, name))
        if self.buffer_bytes is not None:
            _check_non_negative("buffer_bytes", self.buffer_bytes)
        if self.catch_up_speed is not None and self.catch_up_speed <= 1.0:
            raise ConfigurationError(
                "ReconnectPolicy.catch_up_speed must be above 1 (or None), or the kept audio "
                f"would never catch up with live audio; got {self.catch_up_speed!r}."
            )
        if not 0.0 <= self.jitter <= 1.0:
            raise ConfigurationError(
                f"ReconnectPolicy.jitter must be between 0 and 1, got {self.jitter!r}."
            )
        client_errors = sorted(code for code in self.close_codes if 4000 <= code <= 4999)
        if client_errors:
            raise ConfigurationError(
                f"ReconnectPolicy.close_codes may not hold 4xxx codes ({client_errors}): the "
                "server sends them for problems a new session would repeat."
            )

    def delay(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait before attempt ``attempt``."""
        return backoff_delay(
            attempt,
            initial=self.initial_delay,
            maximum=self.max_delay,
            jitter=self.jitter,
            rand=rand,
        )

    def recoverable(self, code: int | None) -> bool:
        """Whether a session closed with ``code`` (``None``: no close frame) reconnects."""
        return close_recoverable(CloseInfo(code), self.close_codes)


def buffer_capacity(policy: ReconnectPolicy | None, bytes_per_second: int | None) -> int:
    """Bytes of audio kept while disconnected under ``policy``."""
    if policy is None:
        return 0
    if policy.buffer_bytes is not None:
        return policy.buffer_bytes
    if bytes_per_second is None:
        return 0
    return int(policy.buffer_seconds * bytes_per_second)


class Backlog:
    """Frames held while the connection is down, in order: audio within a byte budget, and
    control messages (small, few) always.

    Audio beyond the budget is counted as lost (the newest is refused, so what is kept stays
    one continuous stretch from the drop on). Not thread-safe: the shells lock around it.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._frames: collections.deque[str | bytes] = collections.deque()
        self.audio_bytes = 0
        self.lost_bytes = 0  # refused since the last take_lost()

    def __len__(self) -> int:
        return len(self._frames)

    def add(self, frame: str | bytes) -> None:
        if isinstance(frame, str):
            self._frames.append(frame)
        elif self.audio_bytes + len(frame) <= self.capacity:
            self._frames.append(frame)
            self.audio_bytes += len(frame)
        else:
            self.lost_bytes += len(frame)

    def put_back(self, frames: list[str | bytes]) -> None:
        """Frames that could not be sent after all go back in front, over the budget if
        need be (they were accepted once)."""
        for frame in reversed(frames):
            self._frames.appendleft(frame)
            if isinstance(frame, bytes):
                self.audio_bytes += len(frame)

    def take(self) -> list[str | bytes]:
        frames = list(self._frames)
        self._frames.clear()
        self.audio_bytes = 0
        return frames

    def take_lost(self) -> int:
        lost, self.lost_bytes = self.lost_bytes, 0
        return lost

    def discard(self) -> int:
        """Drop everything (giving up); returns the audio bytes dropped, lost ones included."""
        dropped = self.audio_bytes + self.take_lost()
        self.take()
        return dropped


def lost_report(count: int, bytes_per_second: int | None, reason: str) -> AudioLost:
    seconds = None if not bytes_per_second else round(count / bytes_per_second, 3)
    return AudioLost(bytes=count, seconds=seconds, reason=reason)


def reconnect_policy(value: ReconnectPolicy | bool | None) -> ReconnectPolicy | None:
    """``StreamingClientOptions(reconnect=...)``: a policy, ``True`` (the default policy),
    or ``None``/``False`` (no reconnection)."""
    if value is None or value is False:
        return None
    if value is True:
        return ReconnectPolicy()
    if isinstance(value, ReconnectPolicy):
        return value
    raise ConfigurationError(
        f"reconnect takes a ReconnectPolicy, True or None, got {type(value).__name__}."
    )


class _ConnectionOptions(Protocol):
    connect_timeout: float
    max_connection_retries: int
    connection_retry_delay: float
    terminate_timeout: float
    send_timeout: float | None


def check_connection_options(options: _ConnectionOptions) -> None:
    """Refuse connection options that cannot work, before anything is sent."""
    for name in ("connect_timeout", "terminate_timeout"):
        value = getattr(options, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigurationError(f"{name} must be a number of seconds > 0, got {value!r}.")
    retries = options.max_connection_retries
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ConfigurationError(
            f"max_connection_retries must be a whole number >= 0, got {retries!r}."
        )
    delay = options.connection_retry_delay
    if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
        raise ConfigurationError(
            f"connection_retry_delay must be a number of seconds >= 0, got {delay!r}."
        )
    send_timeout = options.send_timeout
    if send_timeout is not None and (
        isinstance(send_timeout, bool)
        or not isinstance(send_timeout, int | float)
        or send_timeout <= 0
    ):
        raise ConfigurationError(
            f"send_timeout must be None or a number of seconds > 0, got {send_timeout!r}."
        )


class SendTimeoutError(StreamingError):
    """``stream()`` waited ``send_timeout`` seconds for room in the send queue.

    The connection is not keeping up with the audio: the network is too slow, or the server
    stopped reading. The session is still open; the chunk was not sent.
    """


def merge_change(old: Reconnect | None, new: Reconnect) -> Reconnect:
    """Hooks' answers add up: a new token keeps the parameters given earlier, and so on."""
    if old is None:
        return new
    return Reconnect(
        token=new.token if new.token is not None else old.token,
        params=new.params if new.params is not None else old.params,
    )


#: Bytes per sample of each PCM encoding (a compressed one has no fixed rate).
_SAMPLE_WIDTH = {None: 2, "pcm_s16le": 2, "pcm_mulaw": 1}
#: The byte a PCM encoding writes for silence.
_SILENCE_BYTE = {None: b"\x00", "pcm_s16le": b"\x00", "pcm_mulaw": b"\xff"}


def bytes_per_second(sample_rate: object, encoding: object) -> int | None:
    """The byte rate of PCM audio, or ``None`` when it cannot be told (compressed audio)."""
    name = getattr(encoding, "value", encoding)
    width = _SAMPLE_WIDTH.get(name) if name is None or isinstance(name, str) else None
    if width is None or not isinstance(sample_rate, int) or sample_rate <= 0:
        return None
    return sample_rate * width


def silence(sample_rate: object, encoding: object, seconds: float = 0.1) -> bytes | None:
    """``seconds`` of silence in this PCM encoding (``None`` for compressed audio)."""
    rate = bytes_per_second(sample_rate, encoding)
    name = getattr(encoding, "value", encoding)
    if rate is None or not (name is None or isinstance(name, str)):
        return None
    width = _SAMPLE_WIDTH[name]
    frames = int(rate * seconds) // width
    return _SILENCE_BYTE[name] * (frames * width)


def send_timeout_message(timeout: float, queue_size: int) -> str:
    return (
        f"the send queue ({queue_size} frames) stayed full for {timeout:g} s: the connection "
        "is not keeping up with the audio (a slow network, or a server that stopped "
        "reading). The chunk was not sent; the session is still open. Send smaller or fewer "
        "chunks, pace them in real time, or raise StreamingClientOptions(send_timeout=...)."
    )


@attrs.define
class PaceClock:
    """When each chunk may go: byte ``n`` of the audio no earlier than ``n / rate`` seconds
    after the first (divided by ``speed``)."""

    rate: int
    speed: float = 1.0
    sent: int = 0

    def due(self, size: int) -> float:
        """Seconds after the start at which a chunk of ``size`` bytes, next in line, may go
        (when the audio before it has played); then counts it as sent."""
        self.sent += size
        return (self.sent - size) / (self.rate * self.speed)


def catch_up_clock(policy: ReconnectPolicy | None, rate: int | None) -> PaceClock | None:
    """The pace of a backlog sent to a new session, or ``None`` to send it at once."""
    if policy is None or policy.catch_up_speed is None or not rate:
        return None
    return PaceClock(rate, policy.catch_up_speed)
