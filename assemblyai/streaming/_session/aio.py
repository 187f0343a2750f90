"""asyncio shell of a session that survives the network: the twin of :mod:`.threaded`.

Same rules (:mod:`.core`), same plan (:mod:`.plan`), on tasks instead of threads. The end of
a websocket is decided before the first ``await`` of its handler, so a producer that sees the
connection closed finds the decision (reconnecting, or over) already made. :meth:`push` is
the one method other threads may call: it hands chunks to the loop through a bounded,
lock-guarded deque that a pump task empties.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import inspect
import logging
import threading
from collections.abc import Awaitable, Callable

from assemblyai._core.exceptions import ConfigurationError, StreamingError
from assemblyai.streaming._connection.aio import AsyncConnection
from assemblyai.streaming._connection.common import CloseInfo, ConnectFailed
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
from assemblyai.streaming._session.plan import SessionPlan

__all__ = ["AsyncSessionConnection"]

logger = logging.getLogger("assemblyai.streaming")


class AsyncSessionConnection:
    """One v3 session over one websocket after another (see ``SessionConnection``)."""

    def __init__(
        self,
        plan: SessionPlan,
        *,
        on_message: Callable[[str | bytes], Awaitable[None]],
        on_closed: Callable[[CloseInfo], Awaitable[None]],
    ) -> None:
        if plan.policy is not None and inspect.iscoroutinefunction(plan.policy.on_audio_lost):
            raise ConfigurationError(
                "on_audio_lost is called without awaiting (as audio is refused): give a plain "
                "function."
            )
        self._plan = plan
        self._on_message = on_message
        self._on_closed = on_closed
        self._state = SessionState.IDLE
        self._inner: AsyncConnection | None = None
        self._backlog = Backlog(buffer_capacity(plan.policy, plan.bytes_per_second))
        self._replay: list[str] = []
        self._stop = asyncio.Event()
        self._terminate_sent = False
        self._reported = False
        self._change: Reconnect | None = None
        self._reconnector: asyncio.Task[None] | None = None
        self._resuming: AsyncConnection | None = None  # getting the backlog
        self._reconnect_lock = asyncio.Lock()
        self._loop = asyncio.get_running_loop()
        self._paused = False
        self._keeper: asyncio.Task[None] | None = None
        self._push_lock = threading.Lock()
        self._pushed: collections.deque[bytes] = collections.deque()
        self._push_ready = asyncio.Event()
        self._pump: asyncio.Task[None] | None = None
        self.paused_bytes = 0
        self.overflow_bytes = 0

    @property
    def closed(self) -> bool:
        return self._state in (SessionState.IDLE, SessionState.ENDED)

    async def open(self) -> str | bytes:
        """Connect (retrying transient failures) and return the first message.

        Raises:
            ConnectFailed: the last attempt's failure, or the first one that is not transient.
        """
        plan = self._plan
        attempt = 0
        while True:
            try:
                inner, first = await self._open_once(None)
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
                await asyncio.sleep(delay)
                continue
            self._inner, self._state = inner, SessionState.UP
            return first

    def start(self) -> None:
        assert self._inner is not None
        self._inner.start()
        self._pump = asyncio.create_task(self._pump_pushed(), name=f"{self._plan.name}-push")

    async def send(self, frame: str | bytes, timeout: float | None = None) -> bool:
        if isinstance(frame, bytes) and self._paused:
            self.paused_bytes += len(frame)
            return True
        if isinstance(frame, str):
            if self._pushed:
                await self._flush_pushed()  # pushed audio goes before a later control message
            if self._plan.is_update(frame):
                self._replay.append(frame)
        while True:
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
            if await inner.send(frame, timeout):
                return True
            if not inner.closed or (self._state is SessionState.UP and self._inner is inner):
                return False  # a timeout, or closing

    async def send_audio(self, chunk: bytes) -> bool:
        timeout = self._plan.send_timeout
        if await self.send(chunk, timeout):
            return True
        if timeout is not None and not self.closed and not self._stop.is_set():
            raise SendTimeoutError(send_timeout_message(timeout, self._plan.queue_size))
        return False

    def push(self, frame: bytes) -> bool:
        """Hand audio to the loop without waiting; safe from any thread."""
        if self._paused:
            self.paused_bytes += len(frame)
            return True
        if self._state is SessionState.ENDED or self._stop.is_set():
            return False
        with self._push_lock:
            if len(self._pushed) >= self._plan.queue_size:
                self.overflow_bytes += len(frame)
                return False
            self._pushed.append(frame)
        try:
            self._loop.call_soon_threadsafe(self._push_ready.set)
        except RuntimeError:  # the loop is closed
            return False
        return True

    async def _pump_pushed(self) -> None:
        while True:
            await self._push_ready.wait()
            self._push_ready.clear()
            if not await self._flush_pushed():
                return

    async def _flush_pushed(self) -> bool:
        while True:
            with self._push_lock:
                if not self._pushed:
                    return True
                frame = self._pushed.popleft()
            if not await self.send(frame):
                return False

    def pause(self, keepalive_every: float | None) -> None:
        if self._paused:
            return
        self._paused = True
        frame = self._plan.keepalive_frame
        if frame is not None and keepalive_every is not None:
            self._loop.call_soon_threadsafe(self._start_keeper, frame, keepalive_every)

    def _start_keeper(self, frame: bytes, every: float) -> None:
        if self._paused and self._keeper is None and not self._stop.is_set():
            self._keeper = asyncio.create_task(
                self._keep_alive(frame, every), name=f"{self._plan.name}-pause"
            )

    def resume(self) -> None:
        self._paused = False
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            self._loop.call_soon_threadsafe(keeper.cancel)

    @property
    def paused(self) -> bool:
        return self._paused

    def in_reader_task(self) -> bool:
        current = asyncio.current_task()
        inner = self._inner
        return current is self._reconnector or (inner is not None and inner.in_reader_task())

    async def drain(self, *, timeout: float) -> None:
        self._stop.set()
        self.resume()
        if self._state is SessionState.UP and self._inner is not None:
            await self._inner.drain(timeout=timeout)

    async def close(self) -> None:
        self._stop.set()
        self.resume()
        reconnector = self._reconnector
        if reconnector is not None and reconnector is not asyncio.current_task():
            with contextlib.suppress(asyncio.CancelledError):
                await reconnector
        for task in (self._pump, self._keeper):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._inner is not None:
            await self._inner.close()
        self._give_up("gave up")
        await self._report(CloseInfo(1000, ""))

    # -- inside ---------------------------------------------------------------------------------

    async def _open_once(self, change: Reconnect | None) -> tuple[AsyncConnection, str | bytes]:
        plan = self._plan
        target = plan.target(change)

        async def closed(info: CloseInfo) -> None:
            await self._inner_closed(inner, info)

        inner = AsyncConnection(
            name=plan.name,
            on_message=self._on_message,
            on_closed=closed,
            queue_size=plan.queue_size,
            close_timeout=plan.close_timeout,
        )
        first = await inner.open(
            target.url, target.headers, user_agent=target.user_agent, open_timeout=plan.open_timeout
        )
        return inner, first

    def _keep(self, frame: str | bytes) -> None:
        self._backlog.add(frame)
        self._report_lost("disconnected")

    def _report_lost(self, reason: str, count: int | None = None) -> None:
        lost = self._backlog.take_lost() if count is None else count
        if lost:
            self._plan.audio_lost(lost_report(lost, self._plan.bytes_per_second, reason))

    async def _inner_closed(self, inner: AsyncConnection, info: CloseInfo) -> None:
        # Decided before the first await (see the module's docstring).
        if inner is not self._inner:
            return
        policy = self._plan.policy
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
            self._reconnector = asyncio.create_task(
                self._reconnect(inner, info), name=f"{self._plan.name}-reconnect"
            )
            return
        self._state = SessionState.ENDED
        await self._report(info)

    async def _reconnect(self, old: AsyncConnection, dropped: CloseInfo) -> None:
        await old.close()  # its reader has ended: this finishes its writer
        async with self._reconnect_lock:
            await self._reconnect_locked(dropped)

    async def _reconnect_locked(self, dropped: CloseInfo) -> None:
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
                    answer = policy.on_reconnecting(attempt)
                    if inspect.isawaitable(answer):
                        answer = await answer
                    change = interpret_hook_answer(answer)
                    if change is not None:
                        self._change = merge_change(self._change, change)
            except GiveUp as exc:
                logger.warning("streaming: not reconnecting: %s", exc)
                break
            except Exception:
                logger.exception("streaming: the on_reconnecting hook raised; giving up")
                break
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._stop.wait()
            if self._stop.is_set():
                final = CloseInfo(1000, "")  # disconnect() ended it: not an error
                break
            try:
                inner, first = await self._open_once(self._change)
            except ConnectFailed as exc:
                reason = plan.describe_failure(exc.failure)
                if not handshake_retryable(exc.failure):
                    final = CloseInfo(reason.code or dropped.code, str(reason))
                    break
                continue
            await self._resume_on(inner, first)
            return
        self._state = SessionState.ENDED
        self._give_up("gave up")
        await self._report(final)

    async def _resume_on(self, inner: AsyncConnection, first: str | bytes) -> None:
        if self._stop.is_set():
            await inner.close()
            return
        await self._on_message(first)
        self._inner = self._resuming = inner
        inner.start()
        for update in list(self._replay):
            await inner.send(update)
        pace = catch_up_clock(self._plan.policy, self._plan.bytes_per_second)
        started = self._loop.time()
        while True:
            frames = self._backlog.take()
            if not frames:
                self._resuming = None
                if inner.closed:  # it dropped as the last frames went in
                    self._backlog.put_back(self._unsent(inner))
                    return
                self._state = SessionState.UP
                logger.info("streaming: reconnected")
                return
            for index, frame in enumerate(frames):
                if pace is not None and isinstance(frame, bytes):
                    wait = started + pace.due(len(frame)) - self._loop.time()
                    if wait > 0:
                        with contextlib.suppress(TimeoutError):
                            async with asyncio.timeout(wait):
                                await self._stop.wait()
                    if self._stop.is_set():  # disconnect(): close() reports what is left
                        self._resuming = None
                        self._backlog.put_back(frames[index:])
                        return
                if not await inner.send(frame):
                    # It dropped too: what it did not write goes back first, in order; that
                    # drop's reconnection takes over.
                    self._resuming = None
                    self._backlog.put_back(self._unsent(inner) + frames[index:])
                    return
                if frame == self._plan.terminate_frame:
                    self._terminate_sent = True

    def _unsent(self, inner: AsyncConnection) -> list[str | bytes]:
        # Updates are sent again from the replay list anyway.
        is_update = self._plan.is_update
        return [f for f in inner.take_unsent() if not (isinstance(f, str) and is_update(f))]

    def _give_up(self, reason: str) -> None:
        self._report_lost(reason, self._backlog.discard())

    async def _report(self, info: CloseInfo) -> None:
        if self._reported:
            return
        self._reported = True
        self._state = SessionState.ENDED
        await self._on_closed(info)

    async def _keep_alive(self, frame: bytes, every: float) -> None:
        while self._paused and not self._stop.is_set():
            await asyncio.sleep(every)
            inner = self._inner if self._state is SessionState.UP else None
            if inner is not None and self._paused:
                await inner.send(frame, timeout=every)
