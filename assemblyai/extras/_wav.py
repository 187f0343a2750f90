"""A small RIFF/WAVE header reader (pure: works on any binary file object).

The standard library's ``wave`` module rejects IEEE-float and (before 3.12) extensible files with
a bare ``unknown format: 3``, which would not let us tell the user *what* they gave us. Reading
the ``fmt `` chunk ourselves costs forty lines and lets every error name the real format.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

import attrs

__all__ = ["WavError", "WavInfo", "read_wav_header"]

# Format tags from the WAVE spec (mmreg.h); only 1 (PCM) is accepted by the streaming API.
_FORMAT_NAMES = {
    0x0001: "PCM",
    0x0003: "IEEE float",
    0x0006: "A-law",
    0x0007: "mu-law",
    0x0011: "IMA ADPCM",
    0x0055: "MP3",
}
_EXTENSIBLE = 0xFFFE
# The tail shared by every KSDATAFORMAT_SUBTYPE_* GUID; its first two bytes are the format tag.
_GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x008\x9bq"


class WavError(Exception):
    """The file is not a readable WAV file; the message says why."""


@attrs.frozen
class WavInfo:
    """What the header says about the audio, and where the samples are.

    Attributes:
        format_tag: the WAVE format tag (1 = PCM, 3 = IEEE float, ...), with an extensible
            header resolved to its sub-format.
        channels: number of interleaved channels.
        sample_rate: frames per second.
        bits_per_sample: bits of one sample of one channel.
        data_offset: byte offset of the first sample.
        data_size: bytes of sample data, or ``None`` when the header does not say (a stream
            written before its length was known), meaning "until the end of the file".
    """

    format_tag: int
    channels: int
    sample_rate: int
    bits_per_sample: int
    data_offset: int
    data_size: int | None

    @property
    def format_name(self) -> str:
        """A human name for the sample format, e.g. ``"PCM"`` or ``"IEEE float"``."""
        return _FORMAT_NAMES.get(self.format_tag, f"format 0x{self.format_tag:04x}")


def read_wav_header(f: BinaryIO) -> WavInfo:
    """Read the RIFF header from ``f`` and leave ``f`` positioned at the first sample.

    Raises:
        WavError: the file is not RIFF/WAVE, or has no ``fmt ``/``data`` chunk.
    """
    riff = f.read(12)
    if len(riff) < 12 or riff[0:4] not in (b"RIFF", b"RF64") or riff[8:12] != b"WAVE":
        raise WavError("not a WAV file (no RIFF/WAVE header)")
    fmt: tuple[int, int, int, int] | None = None
    offset = 12
    while True:
        header = f.read(8)
        if len(header) < 8:
            raise WavError("the WAV file has no data chunk" if fmt else "no fmt chunk")
        chunk_id, size = header[0:4], struct.unpack("<I", header[4:8])[0]
        offset += 8
        if chunk_id == b"fmt ":
            body = f.read(size + (size & 1))  # chunks are padded to an even size
            if len(body) < 16:
                raise WavError("the WAV fmt chunk is truncated")
            tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if tag == _EXTENSIBLE and len(body) >= 40 and body[26:40] == _GUID_TAIL:
                tag = struct.unpack("<H", body[24:26])[0]
            fmt = (tag, channels, rate, bits)
        elif chunk_id == b"data":
            if fmt is None:
                raise WavError("the WAV data chunk comes before its fmt chunk")
            # 0 and 0xFFFFFFFF mean "unknown length" in files written while streaming (and
            # in RF64, whose real size lives in a ds64 chunk we do not need).
            data_size = None if size in (0, 0xFFFFFFFF) or riff[0:4] == b"RF64" else size
            return WavInfo(*fmt, data_offset=offset, data_size=data_size)
        else:
            f.seek(size + (size & 1), 1)
            offset += size + (size & 1)
            continue
        offset += size + (size & 1)
