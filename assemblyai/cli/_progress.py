"""Feedback on a terminal: a byte progress bar for uploads and a live status line.

Both draw on stderr, and only when stderr is a terminal: piped or redirected output (scripts,
CI logs, tests) never sees a carriage return. The text of each line comes from a pure function
(:func:`render_bar`, :func:`render_status`), so the drawing classes only decide *when* to draw.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import IO, BinaryIO

__all__ = [
    "CountingReader",
    "LiveLine",
    "StatusTicker",
    "UploadBar",
    "format_bytes",
    "format_duration",
    "is_terminal",
    "render_bar",
    "render_status",
]

SPINNER = "|/-\\"
_MIN_REDRAW_SECONDS = 0.1


def is_terminal(stream: IO[str]) -> bool:
    """Whether ``stream`` is an interactive terminal (False for pipes, files, closed streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def format_bytes(count: float) -> str:
    """``1536`` → ``"1.5 KiB"``: a byte count for people."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(count) < 1024 or unit == "GiB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def format_duration(seconds: float) -> str:
    """``75.2`` → ``"1:15"``; ``3725`` → ``"1:02:05"``."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render_bar(done: int, total: int | None, elapsed: float, *, width: int = 30) -> str:
    """One line of upload progress, e.g. ``uploading [#####-----]  50%  1.0 MiB/2.0 MiB  0:03``.

    Args:
        done: bytes sent so far.
        total: bytes to send, or ``None`` when unknown (then no bar, only the count).
        elapsed: seconds since the upload started.
        width: characters inside the brackets.
    """
    clock = format_duration(elapsed)
    if not total:
        return f"uploading {format_bytes(done)}  {clock}"
    fraction = min(max(done / total, 0.0), 1.0)
    filled = round(fraction * width)
    bar = "#" * filled + "-" * (width - filled)
    return (
        f"uploading [{bar}] {fraction * 100:3.0f}%  "
        f"{format_bytes(done)}/{format_bytes(total)}  {clock}"
    )


def render_status(transcript_id: str | None, status: str | None, elapsed: float, tick: int) -> str:
    """The live status line while a transcript is processed, e.g. ``- abc123 processing 0:12``."""
    spinner = SPINNER[tick % len(SPINNER)]
    shown_id = transcript_id or "transcript"
    return f"{spinner} {shown_id} {status or 'waiting'}  {format_duration(elapsed)}"


class LiveLine:
    """One line on a terminal that is redrawn in place and cleared when done.

    When ``stream`` is not a terminal every call does nothing, so callers need no checks.
    """

    def __init__(self, stream: IO[str], *, enabled: bool | None = None) -> None:
        self._stream = stream
        self.enabled = is_terminal(stream) if enabled is None else enabled
        self._lock = threading.Lock()
        self._shown = False

    def draw(self, text: str) -> None:
        if not self.enabled:
            return
        with self._lock:
            # \r back to the start, the text, then clear whatever an older, longer line left.
            self._stream.write("\r" + text + "\x1b[K")
            self._stream.flush()
            self._shown = True

    def clear(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            if self._shown:
                self._stream.write("\r\x1b[K")
                self._stream.flush()
                self._shown = False


class UploadBar:
    """Draws :func:`render_bar` as bytes are read; pass :meth:`update` to a :class:`CountingReader`.

    A daemon thread also redraws it every ``interval`` seconds while it is shown, so the
    clock keeps running when no byte moves: a stalled connection, or the wait for the API's
    answer after the last byte. :meth:`finish` stops that thread.
    """

    def __init__(
        self,
        line: LiveLine,
        total: int | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 0.5,
    ) -> None:
        self._line = line
        self._total = total
        self._clock = clock
        self._started = clock()
        self._last_draw = -1.0
        self._done = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        if line.enabled:
            self._ticker = threading.Thread(
                target=self._tick, args=(interval,), name="cli-upload-bar", daemon=True
            )
            self._ticker.start()

    def _tick(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self._draw(self._clock())

    def _draw(self, now: float) -> None:
        with self._lock:
            self._last_draw = now
            self._line.draw(render_bar(self._done, self._total, now - self._started))

    def update(self, done: int) -> None:
        self._done = done
        now = self._clock()
        finished = self._total is not None and done >= self._total
        if finished or now - self._last_draw >= _MIN_REDRAW_SECONDS:
            self._draw(now)

    def finish(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(1.0)
        self._line.clear()


class CountingReader:
    """A seekable binary file that reports how many bytes have been read from it.

    ``Transcriber.upload_file`` streams a file object in chunks and seeks back to the start
    when a request is retried; a seek resets the count, so the bar restarts honestly.

    Args:
        source: an open binary file (seekable).
        on_progress: called with the bytes read so far (since the last seek) after each read.
        should_stop: checked before each read; when it returns True the read raises
            :class:`InterruptedError`, which ends the upload early.
    """

    def __init__(
        self,
        source: BinaryIO,
        on_progress: Callable[[int], None],
        should_stop: Callable[[], bool] = lambda: False,
    ) -> None:
        self._source = source
        self._on_progress = on_progress
        self._should_stop = should_stop
        self._start = source.tell()
        self.count = 0

    @property
    def name(self) -> str:
        return str(getattr(self._source, "name", "upload"))

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._source.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        position = self._source.seek(offset, whence)
        self.count = max(position - self._start, 0)
        return position

    def read(self, size: int = -1) -> bytes:
        if self._should_stop():
            raise InterruptedError("upload interrupted")
        chunk = self._source.read(size)
        self.count += len(chunk)
        self._on_progress(self.count)
        return chunk


class StatusTicker:
    """Redraws :func:`render_status` a few times a second from a daemon thread.

    ``get_status`` is called from that thread; it returns the status to show, or None while
    unknown. Used as a context manager around the (blocking) wait for a transcript.
    """

    def __init__(
        self,
        line: LiveLine,
        transcript_id: str | None,
        get_status: Callable[[], str | None],
        *,
        interval: float = 0.2,
    ) -> None:
        self._line = line
        self._id = transcript_id
        self._get_status = get_status
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        started = time.monotonic()
        tick = 0
        while True:
            self._line.draw(
                render_status(self._id, self._get_status(), time.monotonic() - started, tick)
            )
            tick += 1
            if self._stop.wait(self._interval):
                return

    def __enter__(self) -> StatusTicker:
        if self._line.enabled:
            self._thread = threading.Thread(target=self._run, name="cli-status", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(1.0)
        self._line.clear()
