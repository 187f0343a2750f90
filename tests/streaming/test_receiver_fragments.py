"""The receiving side reassembles fragmented websocket messages before handing them over.

``_Receiver.process_event`` runs in websockets' receiving thread; here it is fed frames
directly (the fake servers only send whole messages).
"""

from __future__ import annotations

import collections
import threading
from typing import Any

from websockets.frames import Frame, Opcode

from assemblyai.streaming._threaded import _Receiver


class _Stub:
    """Just the state process_event uses (no socket, no thread)."""

    def __init__(self) -> None:
        self.received: list[str | bytes] = []
        self._cond = threading.Condition()
        self._early: collections.deque[str | bytes] = collections.deque()
        self._consumer = self.received.append
        self._fragments: list[bytes] = []
        self._fragmented_text = False


def feed(stub: _Stub, *frames: Frame) -> list[Any]:
    for frame in frames:
        _Receiver.process_event(stub, frame)  # type: ignore[arg-type]
    return stub.received


def test_text_fragments_become_one_message() -> None:
    stub = _Stub()
    got = feed(
        stub,
        Frame(Opcode.TEXT, b'{"type": "Tu', fin=False),
        Frame(Opcode.CONT, b'rn", "text": "h\xc3', fin=False),  # a character split in two
        Frame(Opcode.CONT, b'\xa9"}', fin=True),
        Frame(Opcode.TEXT, b"whole"),
    )
    assert got == ['{"type": "Turn", "text": "h\u00e9"}', "whole"]


def test_binary_fragments_stay_bytes() -> None:
    stub = _Stub()
    assert feed(stub, Frame(Opcode.BINARY, b"ab", fin=False), Frame(Opcode.CONT, b"cd")) == [
        b"abcd"
    ]


def test_invalid_utf8_text_is_skipped_and_the_next_message_delivered() -> None:
    stub = _Stub()
    assert feed(stub, Frame(Opcode.TEXT, b"\xff\xfe"), Frame(Opcode.TEXT, b"ok")) == ["ok"]


def test_messages_before_a_consumer_wait_in_order() -> None:
    stub = _Stub()
    stub._consumer = None  # type: ignore[assignment]
    feed(stub, Frame(Opcode.TEXT, b"first"), Frame(Opcode.TEXT, b"second"))
    assert list(stub._early) == ["first", "second"] and stub.received == []
