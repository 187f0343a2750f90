"""``stream_file`` streams a headerless file as raw PCM16 mono at the given rate, as 0.45.4 did."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import pytest

from assemblyai.extras import AudioFormatError, stream_file


def raw_samples(count: int) -> bytes:
    return b"".join(struct.pack("<h", (i * 37) % 20_000 - 10_000) for i in range(count))


def test_headerless_file_streams_as_raw_pcm16(tmp_path: Path) -> None:
    audio = raw_samples(8000)  # one second at 8 kHz
    path = tmp_path / "call.pcm"
    path.write_bytes(audio)
    chunks = list(stream_file(path, sample_rate=8000, realtime=False))
    assert [len(c) for c in chunks] == [4800, 4800, 4800, 1600]  # 300 ms of 16-bit samples
    assert b"".join(chunks) == audio


def test_headerless_file_is_sent_whole_whatever_its_first_bytes(tmp_path: Path) -> None:
    # Any file without a RIFF header is taken as samples, even an odd-sized one.
    audio = b"ID3" + raw_samples(100)
    path = tmp_path / "odd.raw"
    path.write_bytes(audio)
    assert b"".join(stream_file(str(path), 16_000, realtime=False)) == audio


def test_headerless_file_needs_a_sample_rate(tmp_path: Path) -> None:
    path = tmp_path / "call.pcm"
    path.write_bytes(raw_samples(10))
    with pytest.raises(AudioFormatError, match="no RIFF/WAVE header") as info:
        stream_file(path)
    assert str(path) in str(info.value) and "sample_rate=" in str(info.value)


@pytest.mark.parametrize("rate", [0, -8000, 8000.5, True, "8000"])
def test_headerless_file_refuses_a_bad_sample_rate(tmp_path: Path, rate: object) -> None:
    path = tmp_path / "call.pcm"
    path.write_bytes(raw_samples(10))
    with pytest.raises(AudioFormatError, match="positive integer"):
        stream_file(path, rate)  # type: ignore[arg-type]


def test_wav_files_are_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(raw_samples(800))
    with pytest.raises(AudioFormatError, match="stereo"):
        stream_file(path, 8000)
    mono = tmp_path / "mono.wav"
    with wave.open(str(mono), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(raw_samples(800))
    with pytest.raises(AudioFormatError, match="8000 Hz but sample_rate=16000"):
        stream_file(mono, 16_000)
    assert b"".join(stream_file(mono, 8000, realtime=False)) == raw_samples(800)
