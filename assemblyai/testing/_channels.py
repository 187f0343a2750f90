"""Dual-channel audio for the streaming sandbox: speech-like stereo made up on the spot, and
the split of a stereo WAV into one PCM stream per channel.

The sandbox hears words by the length of the audio it receives, not by its sound, so a
dual-channel session is an ordinary session: one per channel (each channel streamed as its
own session), or one for the mix, as ``assemblyai.streaming.v3.extras.ChannelStreamer``
sends. What a dual-channel test needs besides is audio in which each channel is active at
known times, so that word timings can be matched against it; :func:`speech_like` makes it
(voiced harmonics under a syllable-rate envelope, over a faint noise floor), and
:func:`stereo_wav` / :func:`split_wav` pack and unpack it as a WAV file.

Example::

    left = speech_like(3.2, active=[(0.0, 1.6)])
    right = speech_like(3.2, active=[(1.6, 3.2)], pitch_hz=190)
    rate, (mic, system) = split_wav(stereo_wav([left, right]))
"""

from __future__ import annotations

import io
import math
import random
import sys
import wave
from array import array
from collections.abc import Sequence

__all__ = ["speech_like", "split_wav", "stereo_wav"]

_SWAP = sys.byteorder == "big"


def _pcm(samples: array[int]) -> bytes:
    if _SWAP:
        samples = array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def speech_like(
    seconds: float,
    *,
    active: Sequence[tuple[float, float]],
    sample_rate: int = 16_000,
    pitch_hz: float = 130.0,
    level: float = 0.3,
    noise: float = 0.0001,
    seed: int = 0,
) -> bytes:
    """``seconds`` of mono 16-bit little-endian PCM that sounds like a voice during the
    ``active`` spans (start and end in seconds) and is near-silent elsewhere.

    The voice is a pitch with its first harmonics, its loudness rising and falling about
    four times a second, like syllables; ``level`` is its peak (0 to 1), ``noise`` the
    level of the background hiss (kept under the energy VAD's initial threshold).
    """
    rng = random.Random(seed)
    total = round(seconds * sample_rate)
    spans = [(round(a * sample_rate), round(b * sample_rate)) for a, b in active]
    out = array("h", bytes(2 * total))
    for n in range(total):
        value = rng.uniform(-noise, noise)
        if any(a <= n < b for a, b in spans):
            t = n / sample_rate
            syllable = 0.55 + 0.45 * math.sin(2 * math.pi * 4.0 * t)
            voice = sum(math.sin(2 * math.pi * pitch_hz * k * t) / k for k in (1, 2, 3, 4))
            value += level * syllable * voice / 2.1
        out[n] = max(-32768, min(32767, round(value * 32767)))
    return _pcm(out)


def stereo_wav(channels: Sequence[bytes], *, sample_rate: int = 16_000) -> bytes:
    """A 16-bit WAV whose channels are the given mono PCM streams (padded to the longest)."""
    parsed = []
    for pcm in channels:
        samples = array("h")
        samples.frombytes(pcm)
        if _SWAP:
            samples.byteswap()
        parsed.append(samples)
    length = max((len(s) for s in parsed), default=0)
    interleaved = array("h", bytes(2 * length * len(parsed)))
    for c, samples in enumerate(parsed):
        interleaved[c : c + len(samples) * len(parsed) : len(parsed)] = samples
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(len(parsed))
        writer.setsampwidth(2)
        writer.setframerate(sample_rate)
        writer.writeframes(_pcm(interleaved))
    return buffer.getvalue()


def split_wav(data: bytes) -> tuple[int, list[bytes]]:
    """The sample rate and one mono 16-bit PCM stream per channel of a 16-bit WAV."""
    with wave.open(io.BytesIO(data), "rb") as reader:
        if reader.getsampwidth() != 2:
            raise ValueError(
                f"split_wav reads 16-bit WAV files; this one has {8 * reader.getsampwidth()}-bit samples."
            )
        count, rate = reader.getnchannels(), reader.getframerate()
        frames = reader.readframes(reader.getnframes())
    samples = array("h")
    samples.frombytes(frames)
    if _SWAP:
        samples.byteswap()
    return rate, [_pcm(samples[c::count]) for c in range(count)]
