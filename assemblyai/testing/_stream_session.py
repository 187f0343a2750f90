"""One streaming session of the sandbox: the coroutine that speaks the v3 or v2 protocol on an
accepted websocket, filling in its record (:mod:`._stream_record`, re-exported here).

The protocol decisions are small and live here; what is heard when is :mod:`._turns`, what is
allowed is :mod:`._stream_check`, what the 2026 parameters add is :mod:`._stream_features`.
A session:

1. sends ``Begin`` (v3, with ``configuration``; then a ``Warning`` per parameter the model
   ignores, or closes with 3006 for a refused value) or ``SessionBegins`` (v2);
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
import time
import traceback
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from assemblyai.testing._real_stream import RealStreamShapes
from assemblyai.testing._stream_check import NOT_JSON, StreamSpec
from assemblyai.testing._stream_faults import (
    StreamFaultRule,
    stall_due,
    stall_reading,
    too_fast,
)
from assemblyai.testing._stream_features import V3Features, is_self_describing, renamed
from assemblyai.testing._stream_record import StreamingSession
from assemblyai.testing._turns import (
    TurnTracker,
    TurnUpdate,
    v2_transcript_messages,
    v3_turn_messages,
)

__all__ = ["SessionEnv", "StreamingSession", "run_session"]

SESSION_LIFETIME = timedelta(hours=3)
"""How far ahead ``expires_at`` lies (the API's longest session)."""

VALIDATION_ERROR = 3006
"""The close code (and ``error_code``) of a parameter value the API refuses."""
OPUS_PACKET_MS = 20
COMPRESSED_BYTES_PER_SECOND = 4000


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
    invalid_query: tuple[str, ...] = ()
    """Declared query parameters whose value the spec refuses (the session closes with 3006)."""


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
        self.pcm = not (self.v3 and is_self_describing(config, env.spec))
        self.features = V3Features(env.spec, config) if self.v3 else None
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
        if not self.sample_rate and self.pcm:
            await self.close(4000, "sample rate must be positive")
            raise _Stop
        session_id = self.env.new_id()
        self.record.id = session_id
        expires = _naive_now() + SESSION_LIFETIME
        if self.features is not None:
            await self.send(
                {
                    "type": "Begin",
                    "id": session_id,
                    "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "configuration": self.features.begin_configuration(),
                }
            )
            await self.reject_invalid_query()
            for warning in self.features.warnings(self.record.query):
                await self.send(warning)
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

    async def reject_invalid_query(self) -> None:
        """Close as the API does when a parameter's value is refused (3006)."""
        if not self.env.invalid_query:
            return
        text = f"Invalid value for {', '.join(self.env.invalid_query)}"
        await self.send({"type": "Error", "error_code": VALIDATION_ERROR, "error": text})
        await self.close(VALIDATION_ERROR, "input validation error")
        raise _Stop

    @property
    def audio_ms(self) -> float:
        if not self.pcm:
            # Opus packets last 20 ms; Ogg/Opus and AAC byte streams are paced at 32 kbit/s.
            if self.record.config.get("encoding") == "opus":
                return self.record.audio_frames * OPUS_PACKET_MS
            return self.record.audio_bytes * 1000 / COMPRESSED_BYTES_PER_SECOND
        return self.record.audio_bytes * 1000 / (self.sample_rate * self.width)

    async def on_audio(self, frame: bytes) -> None:
        if self.record.audio_frames == 0:
            self.hear_registered_audio(frame)
        self.record.audio_frames += 1
        self.record.audio_bytes += len(frame)
        problems = self.env.spec.check_audio(
            len(frame),
            bytes_per_second=self.sample_rate * self.width,
            sample_width=self.width,
            pcm=self.pcm,
        )
        if problems:
            self.env.report_problems(self.record, problems)
        if self.v3 and too_fast(self.fault, self.audio_ms, time.monotonic() - self.started):
            await self.close(4029, "Client sent audio too fast")
            raise _Stop
        for update in self.tracker.advance(self.audio_ms):
            await self.emit(update)
        if self.features is not None:
            elapsed_ms = (time.monotonic() - self.started) * 1000
            speech = self.tracker.heard > 0
            for beat in self.features.heartbeats(self.audio_ms, elapsed_ms, speech):
                await self.send(beat)

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
        if self.features is not None:
            messages = self.features.turn_messages(
                update,
                v3_turn_messages(
                    update,
                    format_turns=config.get("format_turns") is True,
                    filter_profanity=config.get("filter_profanity") is True,
                    u3_pro=self.features.u3_pro,
                ),
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
            if kind == "UpdateConfiguration" and self.features is not None:
                changes = renamed(self.env.spec, {k: v for k, v in payload.items() if k != "type"})
                self.record.config.update(changes)
                for warning in self.features.warnings(changes):
                    await self.send(warning)
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
