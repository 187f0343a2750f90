"""What a session shell needs from its client: the plan, built once at ``connect()``.

The shells (:mod:`.threaded`, :mod:`.aio`) know nothing of v3's messages or errors; the
client hands them these callables and numbers.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from typing import Protocol

import attrs

from assemblyai._core.exceptions import StreamingError
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailure
from assemblyai.streaming._session.core import (
    AudioLost,
    Reconnect,
    ReconnectPolicy,
    backoff_delay,
)

__all__ = ["SessionPlan", "Target"]

logger = logging.getLogger("assemblyai.streaming")

#: The longest wait between two handshake attempts, however large the retry delay grows.
MAX_RETRY_DELAY = 10.0


class Target(Protocol):
    """Where one websocket connects (a v3 ``ConnectRequest``)."""

    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def user_agent(self) -> str: ...


def _never_update(frame: str) -> bool:
    return False


def _no_session() -> str | None:
    return None


@attrs.frozen(kw_only=True)
class SessionPlan:
    """Everything fixed for a session's lifetime.

    Attributes:
        target: the handshake to use, given the last :class:`Reconnect` a hook returned.
        describe_close / describe_failure: the client's errors for a close or a failed
            handshake (what a reconnect hook sees as the reason).
        retry_delay_base: 1.0's ``connection_retry_delay``; each handshake retry waits
            twice as long as the one before, with jitter.
        bytes_per_second: of the audio, when the encoding says (for buffer sizes and
            durations); ``None`` for compressed audio.
        terminate_frame: the frame that ends the session (no reconnecting after it).
        is_update: whether a text frame changes the session's settings (resent after a
            reconnection).
        keepalive_frame / keepalive_interval: what is sent, how often, while paused.
    """

    name: str
    target: Callable[[Reconnect | None], Target]
    describe_close: Callable[[CloseInfo], StreamingError]
    describe_failure: Callable[[ConnectFailure], StreamingError]
    queue_size: int
    close_timeout: float
    open_timeout: float
    max_retries: int = 0
    retry_delay_base: float = 0.0
    policy: ReconnectPolicy | None = None
    bytes_per_second: int | None = None
    terminate_frame: str = ""
    is_update: Callable[[str], bool] = _never_update
    session_id: Callable[[], str | None] = _no_session
    keepalive_frame: bytes | None = None
    keepalive_interval: float = 5.0
    send_timeout: float | None = None

    def retry_delay(self, attempt: int) -> float:
        return backoff_delay(
            attempt,
            initial=self.retry_delay_base,
            maximum=max(MAX_RETRY_DELAY, self.retry_delay_base),
            jitter=0.25,
            rand=random.random,
        )

    def audio_lost(self, lost: AudioLost) -> None:
        """Tell the policy's hook (or the log) about audio that will not be sent."""
        hook = self.policy.on_audio_lost if self.policy is not None else None
        if hook is None:
            logger.warning(
                "streaming: %d bytes of audio will not be sent (%s)", lost.bytes, lost.reason
            )
            return
        try:
            hook(lost)
        except Exception:
            logger.exception("streaming: the on_audio_lost hook raised")
