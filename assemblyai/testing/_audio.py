"""Audio helpers for the sandbox: how long is an upload, and a WAV to serve back.

The sandbox never decodes audio. It reads the duration from a WAV header when the upload is a
WAV file, and otherwise estimates it from the size (compressed speech at 128 kbit/s), which is
all the placeholder transcript needs.
"""

from __future__ import annotations

import io
import math
import struct
import wave

import attrs

__all__ = ["DEFAULT_URL_DURATION", "AudioInfo", "make_wav", "probe"]

DEFAULT_URL_DURATION = 30.0
"""Seconds of audio assumed for an ``audio_url`` the sandbox cannot read (any external URL)."""

_ESTIMATE_BYTES_PER_SECOND = 16_000  # 128 kbit/s, a common bitrate for compressed speech


@attrs.frozen
class AudioInfo:
    """What the sandbox knows about a piece of audio.

    Attributes:
        duration: length in seconds.
        channels: number of channels (1 unless a WAV header says otherwise).
        source: how the duration was found: ``"wav"``, ``"estimate"`` (from the size),
            ``"default"`` (a URL the sandbox cannot read) or ``"script"`` (registered).
    """

    duration: float
    channels: int = 1
    source: str = "default"


def _wav_info(data: bytes) -> AudioInfo | None:
    """Duration and channels from a RIFF/WAVE header, or ``None`` if ``data`` is not one."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    offset = 12
    byte_rate = channels = 0
    while offset + 8 <= len(data):
        chunk_id = data[offset : offset + 4]
        (size,) = struct.unpack("<I", data[offset + 4 : offset + 8])
        body = offset + 8
        if chunk_id == b"fmt " and size >= 16 and body + 16 <= len(data):
            _format, channels, _rate, byte_rate = struct.unpack("<HHII", data[body : body + 12])
        elif chunk_id == b"data":
            if not byte_rate:
                return None
            # Streaming writers leave the size at 0 or 0xFFFFFFFF; count what is there.
            available = len(data) - body
            payload = available if size in (0, 0xFFFFFFFF) else min(size, available)
            return AudioInfo(payload / byte_rate, max(1, channels), "wav")
        offset = body + size + (size & 1)  # chunks are padded to an even size
    return None


def probe(data: bytes) -> AudioInfo:
    """Describe uploaded bytes: exact for WAV, estimated from the size otherwise.

    Example::

        probe(make_wav(2.0)).duration   # 2.0
    """
    info = _wav_info(data)
    if info is not None:
        return info
    return AudioInfo(max(1.0, len(data) / _ESTIMATE_BYTES_PER_SECOND), 1, "estimate")


def make_wav(duration: float, *, sample_rate: int = 8000, beep_hz: float | None = None) -> bytes:
    """A mono 16-bit WAV of ``duration`` seconds: silence, or a quiet tone at ``beep_hz``.

    Used for the redacted-audio download, where a "beeped" file is what the API returns.
    """
    frames = max(0, round(duration * sample_rate))
    if beep_hz is None:
        samples = bytes(frames * 2)
    else:
        step = 2 * math.pi * beep_hz / sample_rate
        samples = b"".join(struct.pack("<h", int(3000 * math.sin(step * n))) for n in range(frames))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(sample_rate)
        writer.writeframes(samples)
    return buffer.getvalue()
