"""The receiving side reassembles fragmented websocket messages before handing them over.

``MessageAssembler`` turns the data frames websockets' sans-I/O protocol reports into
messages; here it is fed frames directly (the fake servers only send whole messages).
"""

from __future__ import annotations

from websockets.frames import Frame, Opcode

from assemblyai.streaming._connection.wscore import MessageAssembler


def feed(*frames: Frame) -> list[str | bytes]:
    assembler = MessageAssembler()
    messages = (assembler.feed(frame) for frame in frames)
    return [message for message in messages if message is not None]


def test_text_fragments_become_one_message() -> None:
    got = feed(
        Frame(Opcode.TEXT, b'{"type": "Tu', fin=False),
        Frame(Opcode.CONT, b'rn", "text": "h\xc3', fin=False),  # a character split in two
        Frame(Opcode.CONT, b'\xa9"}', fin=True),
        Frame(Opcode.TEXT, b"whole"),
    )
    assert got == ['{"type": "Turn", "text": "h\u00e9"}', "whole"]


def test_binary_fragments_stay_bytes() -> None:
    assert feed(Frame(Opcode.BINARY, b"ab", fin=False), Frame(Opcode.CONT, b"cd")) == [b"abcd"]


def test_invalid_utf8_text_is_skipped_and_the_next_message_delivered() -> None:
    assert feed(Frame(Opcode.TEXT, b"\xff\xfe"), Frame(Opcode.TEXT, b"ok")) == ["ok"]
