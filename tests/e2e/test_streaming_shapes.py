"""v3 streaming through the public client, against the spec-shaped and the real-shaped sandbox.

The real-shaped sandbox sends what captured sessions show: ``Begin.expires_at`` as a number,
``SpeechStarted`` messages the spec does not list, and Turns without ``turn_order``. A client
written from the README must still hear every turn, see no error, and end cleanly.
"""

from __future__ import annotations

from typing import Any

import pytest

from assemblyai.streaming.v3 import (
    BeginEvent,
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
    TerminationEvent,
)
from assemblyai.testing import FakeAssemblyAI

pytestmark = pytest.mark.timeout(60)


def test_a_session_hears_every_turn(fake: FakeAssemblyAI) -> None:
    fake.streaming_text = "Hello there. How are you today? Fine, thanks."
    heard: list[str] = []
    events: list[Any] = []
    errors: list[Any] = []
    client = StreamingClient(StreamingClientOptions())
    client.on(StreamingEvents.Begin, lambda _c, event: events.append(event))
    client.on(
        StreamingEvents.Turn,
        lambda _c, turn: heard.append(turn.transcript) if turn.turn_is_formatted else None,
    )
    client.on(StreamingEvents.Termination, lambda _c, event: events.append(event))
    client.on(StreamingEvents.Error, lambda _c, error: errors.append(error))
    client.connect(StreamingParameters(sample_rate=16_000, format_turns=True))
    client.stream([b"\0\0" * 1600] * 40)  # 4 s of 16 kHz PCM16: ten words
    client.disconnect(terminate=True)

    assert errors == []
    assert heard[:3] == ["Hello there.", "How are you today?", "Fine, thanks."]
    begin, termination = events
    assert isinstance(begin, BeginEvent) and isinstance(termination, TerminationEvent)
    assert all(isinstance(turn, str) for turn in heard)
    session = fake.streaming_sessions[-1]
    # disconnect() returns on the Termination message; the server records the close a moment
    # later, in its own thread.
    assert session.wait_closed() and session.close_code == 1000
    if fake.responses == "real":
        assert any(m.get("type") == "SpeechStarted" for m in session.sent)
