"""Where ``batch`` reads its inputs and keeps its state file (the I/O half of resuming).

The decisions live in :mod:`._batch_state` (pure); here are the directory or list scan and
:class:`StateStore`, which writes the state file atomically and in groups.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from assemblyai.cli._batch_state import Record, dump_state, load_state
from assemblyai.cli._common import UsageError
from assemblyai.cli._output import write_atomic

__all__ = ["AUDIO_EXTENSIONS", "STATE_NAME", "StateStore", "discover_inputs", "fingerprint"]

STATE_NAME = ".assemblyai-batch.json"
AUDIO_EXTENSIONS = frozenset(
    {
        *(".3ga", ".8svx", ".aac", ".ac3", ".aif", ".aiff", ".alac", ".amr", ".ape", ".au"),
        *(".dss", ".flac", ".flv", ".m2ts", ".m4a", ".m4b", ".m4p", ".m4r", ".m4v", ".mka"),
        *(".mkv", ".mov", ".mp2", ".mp3", ".mp4", ".mpga", ".mts", ".mxf", ".oga", ".ogg"),
        *(".opus", ".qcp", ".tta", ".voc", ".wav", ".weba", ".webm", ".wma", ".wmv", ".wv"),
    }
)
_MIN_WRITE_INTERVAL = 0.1


# -- inputs ----------------------------------------------------------------------------------


def discover_inputs(source: str, out_dir: Path) -> tuple[list[str], Path | None]:
    """The inputs named by ``source`` and, for a directory, the directory itself.

    A directory gives every audio or video file under it (by extension, sorted, hidden files
    and ``out_dir`` left out). Anything else is a list file (``-`` for stdin): one path or
    URL per line; blank lines and ``#`` comments are skipped, relative paths are relative to
    the list file.
    """
    if source != "-" and Path(source).is_dir():
        root = Path(source).resolve()
        out = out_dir.resolve()
        found = [
            str(path)
            for path in sorted(root.rglob("*"))
            if path.is_file()
            and path.suffix.lower() in AUDIO_EXTENSIONS
            and not any(part.startswith(".") for part in path.relative_to(root).parts)
            and out not in path.parents
        ]
        return found, root
    if source == "-":
        lines, base = sys.stdin.read().splitlines(), Path.cwd()
    else:
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise UsageError(f"{source!r} is neither a directory nor a list file") from None
        base = Path(source).resolve().parent
    keys: list[str] = []
    for line in lines:
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        keys.append(entry if entry.startswith(("http://", "https://")) else str(base / entry))
    return list(dict.fromkeys(keys)), None


def fingerprint(key: str) -> tuple[int, int] | None:
    if key.startswith(("http://", "https://")):
        return None
    stat = os.stat(key)
    return stat.st_size, stat.st_mtime_ns


# -- the state file --------------------------------------------------------------------------


class StateStore:
    """The records of a run and their state file, safe to update from worker threads.

    ``update(record, durable=True)`` returns only once the file on disk holds the record
    (writes are grouped: at most one every ``_MIN_WRITE_INTERVAL`` seconds, each holding every
    update made so far). After :meth:`close` updates are ignored, so threads of an
    interrupted run cannot overwrite what a later run writes.
    """

    def __init__(self, path: Path, records: dict[str, Record]) -> None:
        self.path = path
        self._records = dict(records)
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._version = 0
        self._written = -1
        self._last_write = 0.0
        self._closed = False

    @classmethod
    def open(cls, path: Path) -> StateStore:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path, {})
        try:
            return cls(path, load_state(text))
        except ValueError as exc:
            raise UsageError(
                f"cannot resume from the batch state file {str(path)!r}: {exc}. Move it away "
                "(or pass --state NEW_FILE) to start over, which transcribes every input again"
            ) from None

    def get(self, key: str) -> Record | None:
        with self._lock:
            return self._records.get(key)

    def records(self) -> list[Record]:
        with self._lock:
            return list(self._records.values())

    def update(self, record: Record, *, durable: bool = False) -> bool:
        with self._lock:
            if self._closed:
                return False
            self._records[record.key] = record
            self._version += 1
            version = self._version
        if durable:
            self._write_until(version)
        return True

    def flush(self) -> None:
        with self._lock:
            version = self._version
        self._write_until(version)

    def close(self) -> None:
        self.flush()
        with self._lock:
            self._closed = True

    def _write_until(self, version: int) -> None:
        with self._write_lock:
            if self._written >= version:
                return
            pause = self._last_write + _MIN_WRITE_INTERVAL - time.monotonic()
            if pause > 0:
                time.sleep(pause)  # let other threads' updates join this write
            with self._lock:
                text, current = dump_state(self._records), self._version
            write_atomic(self.path, text, make_parents=True)
            self._written, self._last_write = current, time.monotonic()
