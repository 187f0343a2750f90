"""Per-channel voice activity: the detector interface, the energy detector, and the timeline
of frames that words are matched against. Pure: no I/O, no clock (times are stream
milliseconds counted from the audio itself)."""

from __future__ import annotations

import bisect
import math
import threading
from collections.abc import Sequence

import attrs

__all__ = ["EnergyVad", "VadDetector", "VadFrame", "VadResult", "VadTimeline"]


@attrs.define
class VadResult:
    """One frame's decision: is someone speaking (``active``), and the frame's RMS
    ``energy`` (0 to 1), which weighs the channel's claim on the words heard then."""

    active: bool
    energy: float


@attrs.define
class VadFrame:
    """One channel's decision for one frame.

    ``ts`` is the end of the frame in milliseconds from the start of that channel's audio,
    the clock the server's ``Word.start`` / ``Word.end`` use.
    """

    ts: float
    channel: str
    active: bool
    rms: float


class VadDetector:
    """The detector interface: one instance per channel.

    ``process`` gets a frame (20 ms) of samples scaled to ``[-1.0, 1.0]``; ``reset`` forgets
    what was learnt. Subclass it (or write a class with the same two methods) to use a
    model-based detector in noisy rooms.
    """

    def process(self, frame: Sequence[float]) -> VadResult:
        raise NotImplementedError(f"{type(self).__name__} must implement process(frame)")

    def reset(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement reset()")


class EnergyVad(VadDetector):
    """Speech is a frame whose RMS exceeds ``threshold_ratio`` times a running noise floor.

    The floor follows quiet frames (an exponential average with weight
    ``noise_floor_alpha``) and holds still during speech and for ``hangover_frames`` frames
    after it, which also count as speech so word tails are not cut off. Good enough to tell
    which of physically separate sources is talking; a ratio below 2 reacts to noise, above
    6 misses quiet starts.
    """

    def __init__(
        self,
        threshold_ratio: float = 3.0,
        noise_floor_alpha: float = 0.05,
        hangover_frames: int = 10,
        initial_noise_floor: float = 1e-4,
    ) -> None:
        self._ratio = threshold_ratio
        self._alpha = noise_floor_alpha
        self._hangover = hangover_frames
        self._initial_floor = initial_noise_floor
        self._floor = initial_noise_floor
        self._left = 0  # hangover frames still to count as speech

    def process(self, frame: Sequence[float]) -> VadResult:
        rms = math.sqrt(math.fsum(s * s for s in frame) / len(frame)) if frame else 0.0
        if rms > self._floor * self._ratio:
            self._left = self._hangover
            return VadResult(active=True, energy=rms)
        if self._left > 0:
            # The tail of a word: still speech, and no evidence about the noise floor.
            self._left -= 1
            return VadResult(active=True, energy=rms)
        self._floor += (rms - self._floor) * self._alpha
        return VadResult(active=False, energy=rms)

    def reset(self) -> None:
        self._floor = self._initial_floor
        self._left = 0


class VadTimeline:
    """The frames of every channel from the last ``window_ms`` milliseconds, by time.

    Thread-safe: the threaded client matches words on its reader thread while the caller's
    thread adds frames.
    """

    def __init__(self, window_ms: int) -> None:
        self._window_ms = window_ms
        self._times: list[float] = []
        self._frames: list[VadFrame] = []
        self._lock = threading.Lock()

    def push_frame(self, frame: VadFrame) -> None:
        """Add a frame (channels interleave, so it is inserted in time order) and forget
        those older than the window."""
        with self._lock:
            at = bisect.bisect_right(self._times, frame.ts)
            self._times.insert(at, frame.ts)
            self._frames.insert(at, frame)
            cutoff = bisect.bisect_left(self._times, self._times[-1] - self._window_ms)
            # Trimmed in batches: deleting from the front of a list is linear.
            if cutoff > 256:
                del self._times[:cutoff]
                del self._frames[:cutoff]

    def frames_in_window(self, start_ms: float, end_ms: float) -> list[VadFrame]:
        """The frames whose time lies in ``[start_ms, end_ms]`` (within the window)."""
        with self._lock:
            horizon = self._times[-1] - self._window_ms if self._times else 0.0
            lo = bisect.bisect_left(self._times, max(start_ms, horizon))
            hi = bisect.bisect_right(self._times, end_ms)
            return self._frames[lo:hi]

    def clear(self) -> None:
        with self._lock:
            self._times.clear()
            self._frames.clear()
