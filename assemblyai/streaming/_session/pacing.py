"""Real-time pacing: audio handed out no faster than it plays, so the server never closes a
session with 4029 ("Client sent audio too fast").

:class:`PaceClock` (in :mod:`.core`) decides when the next chunk may go; :func:`paced`
sleeps in the calling thread, :func:`apaced` awaits. Both take a WAV file (rate, width and
channels read from its header), a raw PCM file or ``bytes`` (with ``sample_rate``), or
chunks already cut.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from pathlib import Path

from assemblyai._core.exceptions import ConfigurationError
from assemblyai._generated.streaming import Encoding
from assemblyai.extras._wav import WavError, read_wav_header
from assemblyai.streaming._session.core import PaceClock, bytes_per_second

__all__ = ["PaceClock", "apaced", "paced"]

#: What ``paced`` cuts a file or a ``bytes`` buffer into (the API takes 50 to 1000 ms).
DEFAULT_CHUNK_MS = 100

Source = bytes | bytearray | memoryview | str | os.PathLike[str] | Iterable[bytes]


def _audio_rate(sample_rate: int | None, encoding: Encoding | str | None) -> int:
    rate = bytes_per_second(sample_rate, encoding)
    if rate is None:
        raise ConfigurationError(
            "paced() needs the audio's byte rate: pass sample_rate= (and encoding= for "
            f"pcm_mulaw) for PCM audio, got sample_rate={sample_rate!r}, encoding={encoding!r}."
        )
    return rate


def _file_chunks(path: Path, sample_rate: int | None, chunk_ms: int) -> tuple[int, Iterator[bytes]]:
    with path.open("rb") as f:
        head = f.read(4)
        f.seek(0)
        if head in (b"RIFF", b"RF64"):
            try:
                info = read_wav_header(f)
            except WavError as exc:
                raise ConfigurationError(f"{str(path)!r} cannot be paced: {exc}.") from None
            frame = max(1, info.bits_per_sample // 8) * info.channels
            rate = info.sample_rate * frame
            offset, size = info.data_offset, info.data_size
        else:
            frame, rate = 2, _audio_rate(sample_rate, None)
            offset, size = 0, None
    # Whole sample frames per chunk.
    chunk = max(frame, rate * chunk_ms // 1000 // frame * frame)

    def read() -> Iterator[bytes]:
        remaining = size
        with path.open("rb") as f:
            f.seek(offset)
            while remaining is None or remaining > 0:
                data = f.read(chunk if remaining is None else min(chunk, remaining))
                if not data:
                    return
                if remaining is not None:
                    remaining -= len(data)
                yield data

    return rate, read()


def _chunks(
    source: Source, sample_rate: int | None, encoding: Encoding | str | None, chunk_ms: int
) -> tuple[int, Iterable[bytes]]:
    if chunk_ms <= 0:
        raise ConfigurationError(f"chunk_ms must be > 0, got {chunk_ms!r}.")
    if isinstance(source, str | os.PathLike):
        return _file_chunks(Path(source), sample_rate, chunk_ms)
    rate = _audio_rate(sample_rate, encoding)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        step = max(1, rate * chunk_ms // 1000)
        return rate, (data[i : i + step] for i in range(0, len(data), step))
    return rate, source


def _check_speed(speed: float) -> None:
    if speed <= 0:
        raise ConfigurationError(f"speed must be > 0, got {speed!r}.")


def paced(
    source: Source,
    *,
    sample_rate: int | None = None,
    encoding: Encoding | str | None = None,
    chunk_ms: int = DEFAULT_CHUNK_MS,
    speed: float = 1.0,
) -> Iterator[bytes]:
    """Yield audio no faster than real time (times ``speed``), for ``client.stream()``.

    Args:
        source: a WAV file's path (its header gives the rate, sample width and channels), a
            raw PCM file's path or ``bytes`` (cut into ``chunk_ms`` chunks), or chunks.
        sample_rate: for raw PCM and chunks; with ``encoding`` (default ``pcm_s16le``).
        speed: 1.0 is real time; 1.2 a little faster, to catch up after a pause.

    Example::

        client.stream(paced("call.wav"))
        client.stream(paced(chunks, sample_rate=8_000, encoding="pcm_mulaw"))

    Raises:
        ConfigurationError: the byte rate cannot be told (no ``sample_rate`` for raw audio).
    """
    _check_speed(speed)
    rate, chunks = _chunks(source, sample_rate, encoding, chunk_ms)
    pace = PaceClock(rate, speed)
    start = time.monotonic()
    for chunk in chunks:
        wait = start + pace.due(len(chunk)) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        yield chunk


async def apaced(
    source: Source | AsyncIterable[bytes],
    *,
    sample_rate: int | None = None,
    encoding: Encoding | str | None = None,
    chunk_ms: int = DEFAULT_CHUNK_MS,
    speed: float = 1.0,
) -> AsyncIterator[bytes]:
    """:func:`paced` for ``AsyncStreamingClient.stream()``: awaits instead of sleeping, and
    also takes an async iterable of chunks. (A file is read in the loop's thread: it is
    read a chunk at a time, between waits.)"""
    _check_speed(speed)
    loop = asyncio.get_running_loop()
    if isinstance(source, AsyncIterable):
        rate = _audio_rate(sample_rate, encoding)
        pace = PaceClock(rate, speed)
        start = loop.time()
        async for chunk in source:
            await asyncio.sleep(max(0.0, start + pace.due(len(chunk)) - loop.time()))
            yield chunk
        return
    rate, chunks = _chunks(source, sample_rate, encoding, chunk_ms)
    pace = PaceClock(rate, speed)
    start = loop.time()
    for chunk in chunks:
        await asyncio.sleep(max(0.0, start + pace.due(len(chunk)) - loop.time()))
        yield chunk
