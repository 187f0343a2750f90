"""Threaded shell of a session that survives the network (see :mod:`.core` for the rules).

:class:`SessionConnection` looks to :class:`~assemblyai.streaming.v3.StreamingClient` like
the :class:`~assemblyai.streaming._connection.threaded.ThreadedConnection` it wraps, one per
websocket: it opens with handshake retries, and with a :class:`ReconnectPolicy` it replaces a
connection that dropped, keeping the audio sent meanwhile in a bounded :class:`Backlog`.
It also pauses audio and takes pushed audio without blocking.

Threads: the client's producer calls :meth:`send`/:meth:`push`; each websocket's reader
thread delivers messages and its end; a reconnect thread (one at a time) replaces a dropped
websocket, and a pause thread sends keep-alive frames while paused.
"""

from __future__ import annotations

import functools
import inspect
import logging
import threading
import time
from collections.abc import Callable

from assemblyai._core.exceptions import ConfigurationError, StreamingError
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailed
from assemblyai.streaming._connection.threaded import ThreadedConnection
from assemblyai.streaming._session.core import (
    Backlog,
    GiveUp,
    Reconnect,
    ReconnectAttempt,
    SendTimeoutError,
    SessionState,
    buffer_capacity,
    catch_up_clock,
    handshake_retryable,
    interpret_hook_answer,
    lost_report,
    merge_change,
    send_timeout_message,
)
from assemblyai.streaming._session.plan import SessionPlan, Target

__all__ = ["SessionConnection"]

logger = logging.getLogger("assemblyai.streaming")


class SessionConnection:
    """One v3 session over one websocket after another.

    Args:
        plan: what to connect to and how (targets, retries, policy, sizes).
        on_message: called with each server frame (first messages included).
        on_closed: called once, when the session has ended for good.
    """

    def __init__(
        self,
        plan: SessionPlan,
        *,
        on_message: Callable[[str | bytes], None],
        on_closed: Callable[[CloseInfo], None],
    ) -> None:
        hooks = (plan.policy.on_reconnecting, plan.policy.on_audio_lost) if plan.policy else ()
        if any(inspect.iscoroutinefunction(hook) for hook in hooks):
            raise ConfigurationError(
                "StreamingClient runs the ReconnectPolicy hooks in a thread: give plain "
                "functions (coroutine functions are for AsyncStreamingClient's "
                "on_reconnecting)."
            )
        self._plan = plan
        self._on_message = on_message
        self._on_closed = on_closed
        self._lock = threading.Lock()
        self._state = SessionState.IDLE
        self._inner: ThreadedConnection | None = None
        self._decided = threading.Condition(self._lock)  # an inner connection's end handled
        self._backlog = Backlog(buffer_capacity(plan.policy, plan.bytes_per_second))
        self._replay: list[str] = []  # UpdateConfiguration frames, for a new session
        self._stop = threading.Event()  # drain() or close(): no more reconnecting
        self._terminate_sent = False
        self._reported = False
        self._change: Reconnect | None = None
        self._reconnector: threading.Thread | None = None
        self._resuming: ThreadedConnection | None = None  # getting the backlog
        self._reconnect_lock = threading.Lock()  # one reconnection at a time
        self._paused = threading.Event()
        self._resumed = threading.Event()
        self._pauser: threading.Thread | None = None
        self.paused_bytes = 0
        """Audio discarded because it was sent while paused."""
        self.overflow_bytes = 0
        """Audio :meth:`push` refused because the send queue was full."""

    # -- what the client calls ------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._state in (SessionState.IDLE, SessionState.ENDED)

    def open(self) -> str | bytes:
        """Connect (retrying transient failures) and return the first message.

        Raises:
            ConnectFailed: the last attempt's failure, or the first one that is not transient.
        """
        plan = self._plan
        attempt = 0
        while True:
            try:
                inner, first = self._open_once(None)
            except ConnectFailed as exc:
                attempt += 1
                if attempt > plan.max_retries or not handshake_retryable(exc.failure):
                    raise
                delay = plan.retry_delay(attempt)
                logger.info(
                    "streaming: connect attempt %d failed (%s); retrying in %.2f s",
                    attempt,
                    exc.failure.detail,
                    delay,
                )
                time.sleep(delay)
                continue
            with self._lock:
                self._inner, self._state = inner, SessionState.UP
            return first

    def start(self) -> None:
        assert self._inner is not None
        self._inner.start()

    def send(self, frame: str | bytes, timeout: float | None = None) -> bool:
        """Send or queue a frame (see ``ThreadedConnection.send``); while reconnecting it is
        kept in the backlog. ``False``: the session is over, or ``timeout`` passed."""
        if isinstance(frame, bytes) and self._paused.is_set():
            self.paused_bytes += len(frame)
            return True
        self._remember(frame)
        while True:
            with self._lock:
                state, inner = self._state, self._inner
                if state is SessionState.ENDED or inner is None:
                    return False
                if state is SessionState.DOWN:
                    if self._stop.is_set():
                        return False
                    self._keep(frame)
                    return True
                if frame == self._plan.terminate_frame:
                    self._terminate_sent = True
            if inner.send(frame, timeout):
                return True
            if timeout is None and not self._stop.is_set():
                # A write that failed in this thread: the reader reports the end at once.
                inner.wait_closed(self._plan.close_timeout + 1.0)
            if not inner.closed:
                return False  # the timeout passed, or the connection is closing
            with self._lock:
                # The reader is deciding what the end means; then go on accordingly.
                if not self._decided.wait_for(functools.partial(self._settled, inner), 5.0):
                    return False

    def _settled(self, inner: ThreadedConnection) -> bool:
        """Whether the end of ``inner`` has been handled (lock held)."""
        return self._state is not SessionState.UP or self._inner is not inner

    def send_audio(self, chunk: bytes) -> bool:
        """:meth:`send` for ``stream()``: ``False`` once the session is over.

        Raises:
            SendTimeoutError: the queue stayed full for the plan's ``send_timeout``.
        """
        timeout = self._plan.send_timeout
        if self.send(chunk, timeout):
            return True
        if timeout is not None and not self.closed and not self._stop.is_set():
            raise SendTimeoutError(send_timeout_message(timeout, self._plan.queue_size))
        return False

    def push(self, frame: bytes) -> bool:
        """Queue audio without blocking (from an audio callback); ``False`` when the queue
        (or, while reconnecting, the backlog) is full or the session is over."""
        if self._paused.is_set():
            self.paused_bytes += len(frame)
            return True
        with self._lock:
            state, inner = self._state, self._inner
            if state is SessionState.DOWN and not self._stop.is_set():
                before = self._backlog.lost_bytes
                self._keep(frame)
                return self._backlog.lost_bytes == before
        if state is SessionState.UP and inner is not None and inner.offer(frame):
            return True
        self.overflow_bytes += len(frame)
        return False

    def pause(self, keepalive_every: float | None) -> None:
        """Stop sending audio; a keep-alive frame goes out every ``keepalive_every`` s."""
        if self._paused.is_set():
            return
        self._paused.set()
        self._resumed.clear()
        frame, every = self._plan.keepalive_frame, keepalive_every
        if frame is not None and every is not None:
            self._pauser = threading.Thread(
                target=self._keep_alive, args=(frame, every), name="assemblyai-streaming-pause"
            )
            self._pauser.daemon = True
            self._pauser.start()

    def resume(self) -> None:
        self._paused.clear()
        self._resumed.set()
        pauser, self._pauser = self._pauser, None
        if pauser is not None and pauser is not threading.current_thread():
            pauser.join(1.0)

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def in_reader_thread(self) -> bool:
        current = threading.current_thread()
        inner = self._inner
        return current is self._reconnector or (inner is not None and inner.in_reader_thread())

    def drain(self, *, timeout: float) -> None:
        """No more reconnecting; send what is queued (see ``ThreadedConnection.drain``)."""
        self._stop.set()
        self.resume()
        with self._lock:
            state, inner = self._state, self._inner
        if state is SessionState.UP and inner is not None:
            inner.drain(timeout=timeout)

    def close(self) -> None:
        if self.in_reader_thread():
            self._stop.set()
            threading.Thread(
                target=self.close, name="assemblyai-streaming-closer", daemon=True
            ).start()
            return
        self._stop.set()
        self.resume()
        reconnector = self._reconnector
        if reconnector is not None:
            reconnector.join(self._plan.close_timeout + self._plan.open_timeout + 2.0)
        inner = self._inner
        if inner is not None:
            inner.close()
        with self._lock:
            self._give_up_locked("gave up")
        self._report(CloseInfo(1000, ""))

    # -- inside ---------------------------------------------------------------------------------

    def _open_once(self, change: Reconnect | None) -> tuple[ThreadedConnection, str | bytes]:
        plan = self._plan
        target: Target = plan.target(change)
        inner = ThreadedConnection(
            name=plan.name,
            on_message=self._on_message,
            on_closed=lambda info: self._inner_closed(inner, info),
            queue_size=plan.queue_size,
            close_timeout=plan.close_timeout,
        )
        first = inner.open(
            target.url, target.headers, user_agent=target.user_agent, open_timeout=plan.open_timeout
        )
        return inner, first

    def _keep(self, frame: str | bytes) -> None:
        """Hold a frame while reconnecting (lock held)."""
        self._backlog.add(frame)
        self._report_lost("disconnected")

    def _remember(self, frame: str | bytes) -> None:
        # A new session starts from the handshake's parameters: the updates made since are
        # sent again.
        if isinstance(frame, str) and self._plan.is_update(frame):
            with self._lock:
                self._replay.append(frame)

    def _report_lost(self, reason: str, count: int | None = None) -> None:
        lost = self._backlog.take_lost() if count is None else count
        if lost:
            self._plan.audio_lost(lost_report(lost, self._plan.bytes_per_second, reason))

    def _inner_closed(self, inner: ThreadedConnection, info: CloseInfo) -> None:
        policy = self._plan.policy
        with self._lock:
            if inner is not self._inner:
                return
            keep_going = (
                policy is not None
                and not self._stop.is_set()
                and not self._terminate_sent
                and policy.recoverable(info.code)
            )
            if keep_going:
                self._state = SessionState.DOWN
                if self._resuming is not inner:  # else _resume_on() takes them, in order
                    self._backlog.put_back(self._unsent(inner))
                self._reconnector = threading.Thread(
                    target=self._reconnect,
                    args=(inner, info),
                    name="assemblyai-streaming-reconnect",
                    daemon=True,
                )
                self._reconnector.start()
            else:
                self._state = SessionState.ENDED
            self._decided.notify_all()
        if not keep_going:
            self._report(info)

    def _reconnect(self, old: ThreadedConnection, dropped: CloseInfo) -> None:
        old.close()  # its reader has ended: this joins its writer
        with self._reconnect_lock:
            self._reconnect_locked(dropped)

    def _reconnect_locked(self, dropped: CloseInfo) -> None:
        plan = self._plan
        policy = plan.policy
        assert policy is not None
        reason: StreamingError = plan.describe_close(dropped)
        final = dropped
        logger.warning("streaming: the connection dropped (%s); reconnecting", reason)
        for number in range(1, policy.max_attempts + 1):
            delay = policy.delay(number)
            attempt = ReconnectAttempt(
                number=number,
                reason=reason,
                delay=delay,
                session_id=plan.session_id(),
                buffered_bytes=self._backlog.audio_bytes,
            )
            try:
                if policy.on_reconnecting is not None:
                    change = interpret_hook_answer(policy.on_reconnecting(attempt))
                    if change is not None:
                        self._change = merge_change(self._change, change)
            except GiveUp as exc:
                logger.warning("streaming: not reconnecting: %s", exc)
                break
            except Exception:
                logger.exception("streaming: the on_reconnecting hook raised; giving up")
                break
            if self._stop.wait(delay):
                final = CloseInfo(1000, "")  # disconnect() ended it: not an error
                break
            try:
                inner, first = self._open_once(self._change)
            except ConnectFailed as exc:
                reason = plan.describe_failure(exc.failure)
                if not handshake_retryable(exc.failure):
                    final = CloseInfo(reason.code or dropped.code, str(reason))
                    break
                continue
            if self._resume_on(inner, first):
                return
            return  # it dropped again: that drop's own reconnection takes over
        with self._lock:
            self._state = SessionState.ENDED
            self._give_up_locked("gave up")
            self._decided.notify_all()
        self._report(final)

    def _resume_on(self, inner: ThreadedConnection, first: str | bytes) -> bool:
        """Carry the session on over a new websocket; ``False`` if that one dropped too."""
        if self._stop.is_set():
            inner.close()
            return True
        self._on_message(first)
        with self._lock:
            self._inner, self._resuming = inner, inner
            replay = list(self._replay)
        inner.start()
        for update in replay:
            inner.send(update)
        pace = catch_up_clock(self._plan.policy, self._plan.bytes_per_second)
        started = time.monotonic()
        while True:
            with self._lock:
                frames = self._backlog.take()
                if not frames:
                    self._resuming = None
                    if inner.closed:  # it dropped as the last frames went in
                        self._backlog.put_back(self._unsent(inner))
                        return False
                    self._state = SessionState.UP
                    self._decided.notify_all()
                    logger.info("streaming: reconnected")
                    return True
            for index, frame in enumerate(frames):
                if pace is not None and isinstance(frame, bytes):
                    wait = started + pace.due(len(frame)) - time.monotonic()
                    if wait > 0 and self._stop.wait(wait):
                        with self._lock:  # disconnect(): close() reports what is left
                            self._resuming = None
                            self._backlog.put_back(frames[index:])
                        return True
                if not inner.send(frame):
                    # It dropped too: what it did not write goes back first, in order.
                    inner.wait_closed(self._plan.close_timeout + 1.0)
                    with self._lock:
                        self._resuming = None
                        self._backlog.put_back(self._unsent(inner) + frames[index:])
                    return False
                if frame == self._plan.terminate_frame:
                    self._terminate_sent = True

    def _unsent(self, inner: ThreadedConnection) -> list[str | bytes]:
        # Updates are sent again from the replay list anyway.
        is_update = self._plan.is_update
        return [f for f in inner.take_unsent() if not (isinstance(f, str) and is_update(f))]

    def _give_up_locked(self, reason: str) -> None:
        dropped = self._backlog.discard()
        self._report_lost(reason, dropped)

    def _report(self, info: CloseInfo) -> None:
        with self._lock:
            if self._reported:
                return
            self._reported = True
            self._state = SessionState.ENDED
            self._decided.notify_all()
        self._on_closed(info)

    def _keep_alive(self, frame: bytes, every: float) -> None:
        while True:
            if self._resumed.wait(every) or self._stop.is_set():
                return
            with self._lock:
                inner = self._inner if self._state is SessionState.UP else None
            if inner is not None:
                inner.send(frame, timeout=every)
