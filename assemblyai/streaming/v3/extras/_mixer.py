"""Per-channel buffers, VAD, and the mono mix sent to the server. Pure: the streamers feed it
bytes and send what it returns."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Sequence

from assemblyai._core.exceptions import ConfigurationError
from assemblyai.streaming.v3.extras._attribution import ChannelAttributionOptions
from assemblyai.streaming.v3.extras._vad import VadDetector, VadFrame, VadTimeline

__all__ = ["ChannelMixer", "check_channels"]

VAD_FRAME_MS = 20
# The server takes 50 to 1000 ms of audio per message; 200 ms keeps latency low.
MIN_CHUNK_MS = 50
MAX_CHUNK_MS = 200
_SCALE = 1 / 0x8000
_SWAP = sys.byteorder == "big"  # the wire is little-endian


def check_channels(channels: Sequence[str]) -> list[str]:
    names = list(channels)
    if len(names) < 2:
        raise ConfigurationError(f"channels must name at least 2 channels; got {names!r}.")
    if any(not isinstance(n, str) or not n for n in names):
        raise ConfigurationError(f"channel names must be non-empty strings; got {names!r}.")
    if len(set(names)) != len(names):
        raise ConfigurationError(f"channel names must be unique; got {names!r}.")
    return names


def _samples(data: bytes) -> array[int]:
    if len(data) % 2:
        raise ConfigurationError(
            f"PCM must be 16-bit samples (an even number of bytes); got {len(data)} bytes."
        )
    samples = array("h")
    samples.frombytes(data)
    if _SWAP:
        samples.byteswap()
    return samples


class ChannelMixer:
    """Buffers each channel's 16-bit PCM, runs its VAD in 20 ms frames, and mixes the
    channels (their average) into mono chunks of 50 to 200 ms.

    While every channel still feeds audio, only the part all of them have reached is mixed,
    so they stay aligned; once a channel is closed (or on the final flush) the shorter ones
    are padded with silence instead of waited for.
    """

    def __init__(
        self, channels: Sequence[str], sample_rate: int, options: ChannelAttributionOptions
    ) -> None:
        if not isinstance(sample_rate, int) or sample_rate <= 0:
            raise ConfigurationError(
                f"sample_rate must be a positive integer; got {sample_rate!r}."
            )
        self.channels = check_channels(channels)
        self.sample_rate = sample_rate
        self.timeline = VadTimeline(options.timeline_window_ms)
        self._frame_len = max(1, round(sample_rate * VAD_FRAME_MS / 1000))
        self._min_len = max(1, round(sample_rate * MIN_CHUNK_MS / 1000))
        self._max_len = max(self._min_len, round(sample_rate * MAX_CHUNK_MS / 1000))
        self._buffers: dict[str, array[int]] = {n: array("h") for n in self.channels}
        self._pending: dict[str, array[int]] = {n: array("h") for n in self.channels}
        self._heard: dict[str, int] = dict.fromkeys(self.channels, 0)
        self._vads: dict[str, VadDetector] = {n: options.make_vad(n) for n in self.channels}
        self._closed: set[str] = set()

    def check(self, channel: str) -> None:
        if channel not in self._buffers:
            raise ConfigurationError(
                f"Unknown channel {channel!r}; the channels are {', '.join(self.channels)}."
            )

    def close_channel(self, channel: str) -> None:
        self.check(channel)
        self._closed.add(channel)

    def ingest(
        self, channel: str, data: bytes, on_vad: Callable[[VadFrame], None] | None = None
    ) -> None:
        """Buffer ``data`` for ``channel`` and run its VAD over every whole frame."""
        self.check(channel)
        samples = _samples(bytes(data))
        self._buffers[channel].extend(samples)
        pending = self._pending[channel]
        pending.extend(samples)
        size, vad = self._frame_len, self._vads[channel]
        whole = len(pending) - len(pending) % size
        for at in range(0, whole, size):
            result = vad.process([s * _SCALE for s in pending[at : at + size]])
            self._heard[channel] += size
            frame = VadFrame(
                ts=self._heard[channel] / self.sample_rate * 1000,
                channel=channel,
                active=result.active,
                rms=result.energy,
            )
            self.timeline.push_frame(frame)
            if on_vad is not None:
                on_vad(frame)
        del pending[:whole]

    def drain(self, force: bool = False) -> list[bytes]:
        """The mono chunks that can be sent now; ``force`` (the final flush) mixes all that
        is buffered, padding the shorter channels and allowing a chunk under 50 ms."""
        buffers = [self._buffers[n] for n in self.channels]
        pad = force or bool(self._closed)
        chunks: list[bytes] = []
        while True:
            if pad:
                length = max(len(b) for b in buffers)
            else:
                open_ = [len(self._buffers[n]) for n in self.channels if n not in self._closed]
                length = min(open_) if open_ else 0
            if length == 0 or (not force and length < self._min_len):
                return chunks
            length = min(length, self._max_len)
            chunks.append(self._mix(buffers, length))

    def _mix(self, buffers: list[array[int]], length: int) -> bytes:
        count = len(buffers)
        totals = [0] * length
        for buffer in buffers:
            for i, sample in enumerate(buffer[:length]):
                totals[i] += sample
            del buffer[:length]
        # round() halves to even, as the reference mix does; the mean of int16 stays in range.
        out = array("h", [round(t / count) for t in totals])
        if _SWAP:
            out.byteswap()
        return out.tobytes()
