"""One streaming session of the sandbox: its record (``fake.streaming_sessions``) and the
coroutine that speaks the v3 or v2 protocol on an accepted websocket.

The protocol decisions are small and live here; what is heard when is :mod:`._turns`, what is
allowed is :mod:`._stream_check`. A session:

1. sends ``Begin`` (v3) or ``SessionBegins`` (v2);
2. turns binary frames into words paced to the audio received (partial then final turns;
   with ``format_turns`` a formatted copy of each final v3 turn);
3. answers control messages: ``UpdateConfiguration`` / ``end_utterance_silence_threshold``
   update :attr:`StreamingSession.config`; ``ForceEndpoint`` / ``force_end_utterance`` end
   the turn in progress; ``Terminate`` / ``terminate_session`` flush the turn, send
   ``Termination`` (v3) or ``SessionInformation`` (when asked) + ``SessionTerminated`` (v2)
   and close with 1000;
4. records every client message, frame and problem. A message that breaks the spec is a
   violation (``fake.violations``) and is answered with an ``{"error": ...}`` message, as the
   API does; the session goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import traceback
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import attrs
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from assemblyai.testing._real_stream import RealStreamShapes
from assemblyai.testing._stream_check import NOT_JSON, Protocol, StreamSpec
from assemblyai.testing._stream_faults import (
    StreamFaultRule,
    stall_due,
    stall_reading,
    too_fast,
)
from assemblyai.testing._turns import (
    TurnTracker,
    TurnUpdate,
    v2_transcript_messages,
    v3_turn_messages,
)

__all__ = ["SessionEnv", "StreamingSession", "run_session"]

SESSION_LIFETIME = timedelta(hours=3)
"""How far ahead ``expires_at`` lies (the API's longest session)."""


@attrs.define(eq=False)
class StreamingSession:
    """One websocket handshake the sandbox received, and what happened on the connection.

    Attributes:
        protocol: ``"v3"`` (``/v3/ws``) or ``"v2"`` (``/v2/realtime/ws``).
        path: the handshake path.
        query: the handshake query, one value per name; a ``token`` is shown as ``"***"``.
        headers: the handshake headers (lower-case names); ``authorization`` is ``"***"``.
        status: the HTTP status of the handshake answer: 101 when the websocket opened, 401
            for bad credentials, an injected status... ``None`` until answered.
        id: the session id sent in ``Begin`` / ``SessionBegins``.
        config: the session's settings: the query's values over the spec's defaults, then
            updated by ``UpdateConfiguration`` / ``end_utterance_silence_threshold``.
        messages: the client's text frames, JSON-decoded (a frame that is not JSON is kept
            as a string), oldest first.
        sent: every message the server sent, oldest first.
        audio_bytes: bytes of audio received.
        audio_frames: binary frames received.
        close_code: the code of the closing handshake (whoever started it); ``None`` while
            open, or when the connection dropped without one.
        close_reason: its reason.
        closed_by: ``"client"``, ``"server"``, or ``None`` (open, or dropped).
        fault: the injected fault, described, if one applied.
        problems: what the client did against the spec (also in ``fake.violations``).

    Example::

        session = fake.streaming_sessions[-1]
        assert session.wait_closed() and session.close_code == 1000
        assert {"type": "ForceEndpoint"} in session.messages
    """

    protocol: Protocol
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    status: int | None = None
    id: str | None = None
    config: dict[str, Any] = attrs.Factory(dict)
    messages: list[Any] = attrs.Factory(list)
    sent: list[dict[str, Any]] = attrs.Factory(list)
    audio_bytes: int = 0
    audio_frames: int = 0
    close_code: int | None = None
    close_reason: str = ""
    closed_by: str | None = None
    fault: str | None = None
    problems: list[str] = attrs.Factory(list)
    _done: threading.Event = attrs.field(factory=threading.Event, repr=False)

    @property
    def target(self) -> str:
        """The path and query (token hidden), as violations name the session."""
        return self.path + ("?" + urlencode(self.query) if self.query else "")

    @property
    def finished(self) -> bool:
        """The handshake was refused, or the connection has ended and this record is final."""
        return self._done.is_set()

    def wait_closed(self, timeout: float = 5.0) -> bool:
        """Wait until :attr:`finished`; returns whether it is."""
        return self._done.wait(timeout)

    def finish(self) -> None:
        self._done.set()


@attrs.frozen
class SessionEnv:
    """What a session needs from the sandbox."""

    spec: StreamSpec
    text: str
    ms_per_word: int
    new_id: Callable[[], str]
    report_problems: Callable[[StreamingSession, list[str]], None]
    report_sandbox_error: Callable[[str], None]
    validate_responses: bool
    real_shapes: bool = False
    """Reshape v3 messages, once checked, as the real API sends them (``_real_stream``)."""
    seed: int | None = 0
    recognise: Callable[[bytes], tuple[str, float] | None] = lambda first_audio: None
    """The text and length in ms of registered audio that starts with these bytes, if any."""


class _Stop(Exception):
    """The session is over (terminated, or a fault closed it)."""


def _naive_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _v2_time(moment: datetime) -> str:
    # v2 writes times without a UTC offset (the spec's pattern forbids one).
    return moment.isoformat(timespec="microseconds")


class _Session:
    def __init__(
        self,
        ws: ServerConnection,
        record: StreamingSession,
        env: SessionEnv,
        fault: StreamFaultRule | None,
    ) -> None:
        self.ws = ws
        self.record = record
        self.env = env
        self.fault = fault if fault is not None and fault.reject_status is None else None
        self.v3 = record.protocol == "v3"
        self.started = time.monotonic()
        self.tracker = TurnTracker(env.text, ms_per_word=env.ms_per_word)
        config = record.config
        self.width = 1 if config.get("encoding") == "pcm_mulaw" else 2
        rate = config.get("sample_rate")
        self.sample_rate = rate if isinstance(rate, int) and rate > 0 else 0
        self.real = RealStreamShapes(env.seed) if env.real_shapes and self.v3 else None

    # -- sending ---------------------------------------------------------------------------

    async def send(self, payload: dict[str, Any]) -> None:
        if self.env.validate_responses:
            for error in self.env.spec.check_server_message(payload):
                self.env.report_sandbox_error(f"streaming {self.record.target}: {error}")
        for message in self.real.reshape(payload) if self.real is not None else [payload]:
            await self.ws.send(json.dumps(message))
            self.record.sent.append(message)
            await self.apply_fault()

    async def apply_fault(self) -> None:
        """Close or drop the connection once the fault's message count is reached."""
        fault = self.fault
        if fault is None or len(self.record.sent) < fault.after_messages:
            return
        if fault.stall or fault.max_speed is not None:
            return  # applied as audio is read (see run() and on_audio())
        if fault.drop:
            self.ws.transport.abort()
        else:
            assert fault.close_code is not None
            await self.close(fault.close_code, fault.reason)
        raise _Stop

    async def close(self, code: int, reason: str) -> None:
        """Close like the API: keep reading (and dropping) what the client still sends, or
        flow control could stop reading before the client's close frame arrives."""

        async def discard() -> None:
            with contextlib.suppress(ConnectionClosed):
                while True:
                    await self.ws.recv()

        draining = asyncio.create_task(discard())
        with contextlib.suppress(ConnectionClosed):
            await self.ws.close(code, reason)
        await draining

    # -- the session -----------------------------------------------------------------------

    async def run(self) -> None:
        await self.apply_fault()  # a fault with after_messages=0 strikes before Begin
        if not self.sample_rate:
            await self.close(4000, "sample rate must be positive")
            raise _Stop
        session_id = self.env.new_id()
        self.record.id = session_id
        expires = _naive_now() + SESSION_LIFETIME
        if self.v3:
            await self.send(
                {
                    "type": "Begin",
                    "id": session_id,
                    "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
            )
        else:
            await self.send(
                {
                    "message_type": "SessionBegins",
                    "session_id": session_id,
                    "expires_at": _v2_time(expires),
                }
            )
        stalled = False
        while True:
            stall = 0.0 if stalled else stall_due(self.fault, len(self.record.sent))
            if stall:
                stalled = True  # a slow reader: what the client sends piles up meanwhile
                await stall_reading(self.ws, stall)
            frame = await self.ws.recv()
            if isinstance(frame, bytes):
                await self.on_audio(frame)
            else:
                await self.on_text(frame)

    @property
    def audio_ms(self) -> float:
        return self.record.audio_bytes * 1000 / (self.sample_rate * self.width)

    async def on_audio(self, frame: bytes) -> None:
        if self.record.audio_frames == 0:
            self.hear_registered_audio(frame)
        self.record.audio_frames += 1
        self.record.audio_bytes += len(frame)
        problems = self.env.spec.check_audio(
            len(frame), bytes_per_second=self.sample_rate * self.width, sample_width=self.width
        )
        if problems:
            self.env.report_problems(self.record, problems)
        if self.v3 and too_fast(self.fault, self.audio_ms, time.monotonic() - self.started):
            await self.close(4029, "Client sent audio too fast")
            raise _Stop
        for update in self.tracker.advance(self.audio_ms):
            await self.emit(update)

    def hear_registered_audio(self, first: bytes) -> None:
        """Audio registered with a script (``fake.register_script(path, text=...)``) is heard
        as that script, its words spread over the audio as the REST side spreads them, so
        the last word ends with the audio instead of being cut off."""
        found = self.env.recognise(first)
        if found is None:
            return
        text, duration_ms = found
        words = len(text.split())
        if words:
            spacing = max(1, int(duration_ms // words))
            self.tracker = TurnTracker(text, ms_per_word=spacing)

    async def emit(self, update: TurnUpdate) -> None:
        config = self.record.config
        if self.v3:
            messages = v3_turn_messages(
                update,
                format_turns=config.get("format_turns") is True,
                filter_profanity=config.get("filter_profanity") is True,
            )
        else:
            messages = v2_transcript_messages(
                update,
                created=_v2_time(_naive_now()),
                partials=config.get("disable_partial_transcripts") is not True,
            )
        for message in messages:
            await self.send(message)

    async def on_text(self, text: str) -> None:
        payload, problems = self.env.spec.check_client_text(text)
        self.record.messages.append(payload)
        if problems:
            self.env.report_problems(self.record, problems)
            known = self.env.spec.send_messages
            await self.send({"error": _error_text(payload, problems, known)})
            return
        assert isinstance(payload, Mapping)
        if self.v3:
            kind = payload["type"]
            if kind == "UpdateConfiguration":
                self.record.config.update({k: v for k, v in payload.items() if k != "type"})
            elif kind == "ForceEndpoint":
                await self.end_turn()
            elif kind == "Terminate":
                await self.terminate()
        elif payload.get("terminate_session") is True:
            await self.terminate()
        elif payload.get("force_end_utterance") is True:
            await self.end_turn()
        elif "end_utterance_silence_threshold" in payload:
            self.record.config.update(payload)

    async def end_turn(self) -> None:
        for update in self.tracker.end_turn():
            await self.emit(update)

    async def terminate(self) -> None:
        await self.end_turn()
        audio_seconds = round(self.audio_ms / 1000, 3)
        if self.v3:
            await self.send(
                {
                    "type": "Termination",
                    "audio_duration_seconds": audio_seconds,
                    "session_duration_seconds": round(time.monotonic() - self.started, 3),
                }
            )
        else:
            if self.record.config.get("enable_extra_session_information") is True:
                await self.send(
                    {"message_type": "SessionInformation", "audio_duration_seconds": audio_seconds}
                )
            await self.send({"message_type": "SessionTerminated"})
        await self.close(1000, "")
        raise _Stop


def _error_text(payload: object, problems: list[str], known: Collection[str]) -> str:
    """The ``error`` to answer a bad message with (the API's wording where documented)."""
    if problems[0].endswith(NOT_JSON):
        return "Invalid JSON"
    kind = payload.get("type") if isinstance(payload, Mapping) else None
    if isinstance(kind, str) and kind not in known:
        return f"Invalid Message Type: {kind}"
    return f"Invalid Message: {problems[0]}"


def _record_close(ws: ServerConnection, record: StreamingSession) -> None:
    protocol = ws.protocol
    first = None
    if protocol.close_rcvd_then_sent is True:
        first, record.closed_by = protocol.close_rcvd, "client"
    elif protocol.close_rcvd_then_sent is False:
        first, record.closed_by = protocol.close_sent, "server"
    if first is not None:
        record.close_code, record.close_reason = int(first.code), first.reason


async def run_session(
    ws: ServerConnection,
    record: StreamingSession,
    env: SessionEnv,
    fault: StreamFaultRule | None,
) -> None:
    """Serve one accepted websocket until it ends; :attr:`StreamingSession.finished` after."""
    try:
        await _Session(ws, record, env, fault).run()
    except (_Stop, ConnectionClosed):
        pass
    except Exception as exc:
        # A crash is a sandbox bug: keep the traceback where tests look, and close the way a
        # failing server does.
        detail = "".join(traceback.format_exception(exc))
        env.report_sandbox_error(f"streaming {record.target} crashed:\n{detail}")
        with contextlib.suppress(ConnectionClosed):
            await ws.close(1011, "sandbox error")
    finally:
        with contextlib.suppress(asyncio.TimeoutError):
            # After an abort() the transport reports the loss on the next loop iteration.
            await asyncio.wait_for(ws.wait_closed(), 1.0)
        _record_close(ws, record)
        record.finish()
