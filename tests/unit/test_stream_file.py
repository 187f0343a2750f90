"""``assemblyai.extras.stream_file``: header checks, chunking, pacing (surface §7, fixed)."""

from __future__ import annotations

import math
import os
import struct
import wave
from pathlib import Path

import pytest

from assemblyai.extras import AudioFormatError, stream_file
from assemblyai.extras import files as files_module


def pcm16(seconds: float, rate: int, freq: float = 440.0) -> bytes:
    frames = int(seconds * rate)
    return b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / rate)))
        for i in range(frames)
    )


def write_wav(path: Path, data: bytes, *, rate: int, channels: int = 1, width: int = 2) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(data)
    return path


def write_raw_wav(path: Path, fmt_body: bytes, data: bytes, extra_chunks: bytes = b"") -> Path:
    chunks = b"fmt " + struct.pack("<I", len(fmt_body)) + fmt_body + extra_chunks
    chunks += b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)
    return path


def fmt_chunk(tag: int, channels: int, rate: int, bits: int) -> bytes:
    align = channels * bits // 8
    return struct.pack("<HHIIHH", tag, channels, rate, rate * align, align, bits)


def test_yields_only_samples_in_300ms_chunks(tmp_path: Path) -> None:
    audio = pcm16(1.0, 16_000)
    path = write_wav(tmp_path / "a.wav", audio, rate=16_000)
    chunks = list(stream_file(str(path), 16_000, realtime=False))
    assert b"".join(chunks) == audio  # no RIFF header bytes
    assert [len(c) for c in chunks] == [9600, 9600, 9600, 3200]


def test_accepts_pathlike_and_infers_rate(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", pcm16(0.5, 8000), rate=8000)
    assert sum(len(c) for c in stream_file(path, realtime=False)) == 8000


def test_skips_unknown_chunks_and_reads_extensible_pcm(tmp_path: Path) -> None:
    audio = pcm16(0.4, 16_000)
    guid_tail = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x008\x9bq"
    ext = (
        fmt_chunk(0xFFFE, 1, 16_000, 16) + struct.pack("<HHI", 22, 16, 4) + b"\x01\x00" + guid_tail
    )
    listing = b"LIST" + struct.pack("<I", 5) + b"INFOx\x00"  # odd size: padded
    path = write_raw_wav(tmp_path / "ext.wav", ext, audio, extra_chunks=listing)
    assert b"".join(stream_file(path, 16_000, realtime=False)) == audio


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("stereo", "stereo"),
        ("8bit", "8-bit"),
        ("float", "IEEE float"),
        ("mulaw", "mu-law"),
        ("notwave", "not a WAV file"),
        ("empty", "empty (0 bytes)"),
    ],
)
def test_refuses_other_formats_naming_file_and_format(
    tmp_path: Path, kind: str, expected: str
) -> None:
    path = tmp_path / f"{kind}.wav"
    if kind == "stereo":
        write_wav(path, pcm16(0.2, 16_000) * 2, rate=16_000, channels=2)
    elif kind == "8bit":
        write_wav(path, bytes(1600), rate=16_000, width=1)
    elif kind == "float":
        write_raw_wav(path, fmt_chunk(3, 1, 16_000, 32), struct.pack("<4f", 0, 0.5, -0.5, 0))
    elif kind == "mulaw":
        write_raw_wav(path, fmt_chunk(7, 1, 8000, 8), bytes(800))
    elif kind == "notwave":
        path.write_bytes(b"RIFF" + struct.pack("<I", 4) + b"AVI ")  # RIFF, but not WAVE
    else:
        path.write_bytes(b"")
    with pytest.raises(AudioFormatError) as info:
        stream_file(path, 16_000)  # raised at call time: nothing has been read or sent
    assert expected in str(info.value)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_sample_rate_mismatch_is_an_error(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", pcm16(0.2, 8000), rate=8000)
    with pytest.raises(AudioFormatError, match="8000 Hz but sample_rate=16000"):
        stream_file(path, 16_000)


def test_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        stream_file("/nonexistent/audio.wav", 16_000)


def test_unknown_data_length_reads_to_end(tmp_path: Path) -> None:
    audio = pcm16(0.5, 16_000)
    path = write_wav(tmp_path / "a.wav", audio, rate=16_000)
    raw = bytearray(path.read_bytes())
    raw[40:44] = b"\xff\xff\xff\xff"  # data size written by a streaming encoder
    path.write_bytes(bytes(raw))
    assert b"".join(stream_file(path, realtime=False)) == audio


def test_realtime_pacing_follows_audio_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_wav(tmp_path / "a.wav", pcm16(1.0, 10_000), rate=10_000)
    clock = [100.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(round(seconds, 6))
        clock[0] += seconds

    monkeypatch.setattr(files_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(files_module.time, "sleep", fake_sleep)
    chunks = list(stream_file(path, 10_000))
    assert len(chunks) == 4
    assert sleeps == [0.3, 0.3, 0.3, 0.1]  # the last chunk is 100 ms long


def test_generator_closes_file_when_abandoned(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", pcm16(1.0, 16_000), rate=16_000)
    gen = stream_file(path, 16_000, realtime=False)
    next(gen)
    gen.close()
    frame = gen.gi_frame
    assert frame is None


def test_unstarted_generator_holds_no_file(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", pcm16(0.5, 16_000), rate=16_000)
    before = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    gen = stream_file(path, 16_000)  # e.g. connect() then fails and nobody iterates
    after = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    assert after <= before
    gen.close()


def test_file_from_stream_is_deprecated_and_uploads(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    import assemblyai
    from assemblyai.extras import file_from_stream

    uploaded: list[bytes] = []

    class FakeTranscriber:
        def upload_file(self, data: io.BytesIO) -> str:
            uploaded.append(data.read())
            return "https://cdn.example/upload/1"

    monkeypatch.setattr(assemblyai, "Transcriber", FakeTranscriber)
    with pytest.warns(DeprecationWarning, match="upload_file"):
        assert file_from_stream(io.BytesIO(b"abc")) == "https://cdn.example/upload/1"
    assert uploaded == [b"abc"]
