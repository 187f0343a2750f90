"""File helpers: stream a WAV or raw PCM16 file as live audio, and the deprecated ``file_from_stream``."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Generator
from typing import BinaryIO

from assemblyai.extras._errors import AudioFormatError
from assemblyai.extras._wav import WavError, WavInfo, read_wav_header

__all__ = ["CHUNK_SECONDS", "file_from_stream", "stream_file"]

#: Seconds of audio per chunk; the official SDK 0.45.4 sends 300 ms, and so do we.
CHUNK_SECONDS = 0.3

# What a WAV file starts with; a file starting otherwise is streamed as raw samples.
_RIFF_MAGICS = (b"RIFF", b"RF64")


def stream_file(
    filepath: str | os.PathLike[str],
    sample_rate: int | None = None,
    *,
    realtime: bool = True,
) -> Generator[bytes, None, None]:
    """Yield the audio of a PCM16 mono file in 300 ms chunks, for a streaming client.

    A WAV file (one starting with a RIFF header) has its header read and checked first:
    anything but 16-bit PCM mono is refused with an :class:`AudioFormatError` naming the file
    and what it holds, and only the samples are yielded (0.45.4 sent the header bytes as
    audio). A file without a RIFF header is streamed as it is, as 0.45.4 did: raw
    little-endian 16-bit mono samples at ``sample_rate``. All checks run when you call
    ``stream_file``, before any audio is read or sent; the file is only held open while it is
    iterated.

    Args:
        filepath: path of a WAV file, or of a headerless raw PCM16 mono file.
        sample_rate: the rate you configured the session with. For a WAV file it must equal
            the file's rate (a mismatch is an error, not a warning: the server would
            transcribe sped-up or slowed-down audio), and ``None`` accepts whatever rate the
            file has. A headerless file cannot say its rate, so it needs ``sample_rate``.
        realtime: pace the chunks at the speed of speech (the default, as in 0.45.4), so a
            file behaves like a live microphone. ``False`` yields as fast as the consumer
            takes them, e.g. to transcribe a file quickly or in tests.

    Returns:
        A generator of ``bytes`` chunks of little-endian 16-bit samples. The last chunk may be
        shorter.

    Raises:
        FileNotFoundError: the file does not exist.
        AudioFormatError: the file is empty; a WAV file is not PCM16 mono or its sample rate
            is not ``sample_rate``; a headerless file came without a valid ``sample_rate``.

    Example::

        from assemblyai.extras import stream_file

        client.connect(StreamingParameters(sample_rate=16_000))
        client.stream(stream_file("call.wav", sample_rate=16_000))
        client.disconnect(terminate=True)
    """
    path = os.fspath(filepath)
    with open(path, "rb") as f:
        info = _check_format(f, path, sample_rate)
    # The generator opens the file again when iteration starts, so a generator that is never
    # iterated (say, connect() failed first) holds no open file.
    return _chunks(path, info, realtime=realtime)


def _check_format(f: BinaryIO, name: str, sample_rate: int | None) -> WavInfo:
    start = f.read(4)
    if not start:
        raise AudioFormatError(f"{name!r} cannot be streamed: it is empty (0 bytes).")
    f.seek(0)
    if start not in _RIFF_MAGICS:
        return _raw_pcm(name, sample_rate)
    try:
        info = read_wav_header(f)
    except WavError as exc:
        raise AudioFormatError(f"{name!r} cannot be streamed: {exc}.") from None
    problems = []
    if info.format_tag != 1:
        problems.append(f"{info.format_name} samples")
    elif info.bits_per_sample != 16:
        problems.append(f"{info.bits_per_sample}-bit samples")
    if info.channels != 1:
        problems.append("stereo" if info.channels == 2 else f"{info.channels} channels")
    if problems:
        raise AudioFormatError(
            f"{name!r} holds {' and '.join(problems)} at {info.sample_rate} Hz; streaming "
            "needs 16-bit PCM mono. Convert it first, e.g. "
            "`ffmpeg -i in.wav -ac 1 -c:a pcm_s16le out.wav`."
        )
    if sample_rate is not None and sample_rate != info.sample_rate:
        raise AudioFormatError(
            f"{name!r} is recorded at {info.sample_rate} Hz but sample_rate={sample_rate} was "
            f"given; pass sample_rate={info.sample_rate} (and use it in StreamingParameters)."
        )
    return info


def _raw_pcm(name: str, sample_rate: object) -> WavInfo:
    """A headerless file: 16-bit mono samples from the first byte, at the given rate."""
    if sample_rate is None:
        raise AudioFormatError(
            f"{name!r} cannot be streamed: it has no RIFF/WAVE header, so its sample rate is "
            "unknown; pass sample_rate=... (the rate of its raw 16-bit mono samples)."
        )
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, int) or sample_rate <= 0:
        raise AudioFormatError(
            f"{name!r} is streamed as raw 16-bit mono samples at sample_rate, which must be a "
            f"positive integer (samples per second); got {sample_rate!r}."
        )
    return WavInfo(
        format_tag=1,
        channels=1,
        sample_rate=sample_rate,
        bits_per_sample=16,
        data_offset=0,
        data_size=None,
    )


def _chunks(path: str, info: WavInfo, *, realtime: bool) -> Generator[bytes, None, None]:
    chunk_bytes = int(info.sample_rate * CHUNK_SECONDS) * 2
    remaining = info.data_size
    started = time.monotonic()
    sent_seconds = 0.0
    with open(path, "rb") as f:
        f.seek(info.data_offset)
        while remaining is None or remaining > 0:
            size = chunk_bytes if remaining is None else min(chunk_bytes, remaining)
            data = f.read(size)
            if not data:
                return
            if remaining is not None:
                remaining -= len(data)
            yield data
            if realtime:
                # Sleep until this chunk's end in audio time, measured from the start, so the
                # time spent by the consumer does not add up into drift.
                sent_seconds += len(data) / 2 / info.sample_rate
                delay = started + sent_seconds - time.monotonic()
                if delay > 0:
                    time.sleep(delay)


def file_from_stream(data: BinaryIO) -> str:
    """Upload a file-like object and return its upload URL.

    .. deprecated:: 0.45
        Use ``assemblyai.Transcriber().upload_file(data)``, which this function calls.
    """
    warnings.warn(
        "file_from_stream is deprecated; use assemblyai.Transcriber().upload_file(data).",
        DeprecationWarning,
        stacklevel=2,
    )
    # Imported here: ``assemblyai.extras`` must stay importable without the REST layer.
    import assemblyai

    # The upload is the Transcriber's (POST /v2/upload, retries and errors included).
    return assemblyai.Transcriber().upload_file(data)
