"""The audio of a synchronous transcription: WAV or raw 16-bit PCM, checked before sending.

:func:`read_audio` is the one function here that does I/O (reading a path or a file object;
the asyncio shell runs it in a thread). :func:`prepare_audio` decides, as the official SDK 1.0
does, whether the bytes go as ``audio/pcm`` (a ``.pcm``/``.raw`` name, or ``sample_rate`` or
``channels`` in the config; both are then required) or ``audio/wav``, and then refuses what the
API would: an empty clip, more than 40 MB or 120 seconds (from the WAV header, or from the PCM
format), and a "WAV" that is not one. The limits are ``x-max-bytes`` and
``x-max-duration-seconds`` of ``spec/sync.openapi.yml``.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO
from urllib.parse import urlsplit

import attrs

from assemblyai._core.exceptions import ConfigurationError
from assemblyai._sync.config import SyncTranscriptionConfig

__all__ = [
    "MAX_AUDIO_BYTES",
    "MAX_AUDIO_SECONDS",
    "PCM_SUFFIXES",
    "AudioInput",
    "PreparedAudio",
    "RawAudio",
    "prepare_audio",
    "read_audio",
    "wav_duration",
]

AudioInput = str | bytes | bytearray | memoryview | os.PathLike[str] | BinaryIO
"""A local file path, the audio's bytes, or a binary file object (not a URL)."""

PCM_SUFFIXES = (".pcm", ".raw")
MAX_AUDIO_BYTES = 40 * 1024 * 1024
MAX_AUDIO_SECONDS = 120.0
_PCM_BYTES_PER_SAMPLE = 2  # signed 16-bit little-endian
_URL_SCHEMES = ("http", "https", "s3", "gs", "ftp")


@attrs.frozen
class RawAudio:
    """The bytes read, and the file name they came with (if any)."""

    data: bytes = attrs.field(repr=False)
    name: str | None = None


@attrs.frozen
class PreparedAudio:
    """What goes into the ``audio`` part."""

    data: bytes = attrs.field(repr=False)
    filename: str
    content_type: str
    duration: float | None


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in _URL_SCHEMES


def read_audio(data: AudioInput) -> RawAudio:
    """The bytes of ``data`` (reads a path or a file object; URLs are refused)."""
    if isinstance(data, bytes | bytearray | memoryview):
        return RawAudio(bytes(data))
    if isinstance(data, str | os.PathLike):
        path = os.fspath(data)
        if isinstance(path, str) and _is_url(path):
            raise ConfigurationError(
                f"SyncTranscriber does not take URLs ({path}): the synchronous API needs the "
                "audio itself. Pass a local file path or the audio's bytes, or use "
                "aai.Transcriber, which transcribes URLs."
            )
        with open(path, "rb") as file:
            return RawAudio(file.read(), os.path.basename(path))
    read = getattr(data, "read", None)
    if callable(read):
        content = read()
        if isinstance(content, str):
            raise ConfigurationError(
                "the audio file object was opened in text mode; open it with 'rb'."
            )
        if not isinstance(content, bytes | bytearray | memoryview):
            raise ConfigurationError(
                f"the audio file object's read() returned a {type(content).__name__}, not bytes."
            )
        name = getattr(data, "name", None)
        return RawAudio(bytes(content), os.path.basename(name) if isinstance(name, str) else None)
    raise TypeError(
        f"unsupported audio input type: {type(data).__name__}; pass a file path, bytes or a "
        "binary file object."
    )


def wav_duration(data: bytes) -> float | None:
    """Seconds of audio a RIFF/WAVE header announces; ``None`` when it cannot tell."""
    offset, byte_rate = 12, 0
    while offset + 8 <= len(data):
        chunk_id = data[offset : offset + 4]
        (size,) = struct.unpack("<I", data[offset + 4 : offset + 8])
        body = offset + 8
        if chunk_id == b"fmt " and size >= 16 and body + 16 <= len(data):
            (byte_rate,) = struct.unpack("<I", data[body + 8 : body + 12])
        elif chunk_id == b"data":
            if not byte_rate:
                return None
            # Streaming writers leave the size at 0 or 0xFFFFFFFF: count what is there.
            available = len(data) - body
            payload = available if size in (0, 0xFFFFFFFF) else min(size, available)
            return payload / byte_rate
        offset = body + size + (size & 1)  # chunks are padded to an even size
    return None


def _too_long(seconds: float) -> ConfigurationError:
    return ConfigurationError(
        f"the audio is {seconds:.1f} s long; the synchronous API takes at most "
        f"{MAX_AUDIO_SECONDS:.0f} s. Cut it into shorter clips, or use aai.Transcriber, which "
        "takes audio of any length."
    )


def prepare_audio(audio: RawAudio, config: SyncTranscriptionConfig) -> PreparedAudio:
    """The ``audio`` part for ``audio`` under ``config``, or ``ConfigurationError`` for what the
    API would refuse."""
    suffix = os.path.splitext(audio.name or "")[1].lower()
    is_pcm = suffix in PCM_SUFFIXES or config.wants_pcm
    if is_pcm and (config.sample_rate is None or config.channels is None):
        raise ConfigurationError(
            "raw PCM audio needs both sample_rate and channels in SyncTranscriptionConfig, "
            "e.g. SyncTranscriptionConfig(sample_rate=16000, channels=1); a WAV file carries "
            "them in its header."
        )
    size = len(audio.data)
    if not size:
        raise ConfigurationError("the audio is empty; there is nothing to transcribe.")
    if size > MAX_AUDIO_BYTES:
        raise ConfigurationError(
            f"the audio is {size / 2**20:.1f} MB; the synchronous API takes at most "
            f"{MAX_AUDIO_BYTES // 2**20} MB. Use aai.Transcriber for larger files."
        )
    duration: float | None
    if is_pcm:
        assert config.sample_rate is not None and config.channels is not None
        duration = size / (config.sample_rate * config.channels * _PCM_BYTES_PER_SAMPLE)
    else:
        if audio.data[:4] != b"RIFF" or audio.data[8:12] != b"WAVE":
            raise ConfigurationError(
                f"the audio{' ' + repr(audio.name) if audio.name else ''} is not a WAV file "
                f"(it starts with {audio.data[:12]!r}); the synchronous API takes WAV or raw "
                "16-bit PCM (give sample_rate and channels for PCM). Convert it, or use "
                "aai.Transcriber, which takes any audio format."
            )
        duration = wav_duration(audio.data)
    if duration is not None and duration > MAX_AUDIO_SECONDS:
        raise _too_long(duration)
    return PreparedAudio(
        audio.data,
        audio.name or ("audio.pcm" if is_pcm else "audio.wav"),
        "audio/pcm" if is_pcm else "audio/wav",
        duration,
    )
