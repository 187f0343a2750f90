"""The sandbox's memory: uploads, transcripts and their lifecycle, LeMUR responses, tokens.

Everything is guarded by one lock, because the HTTP server answers each request on its own
thread. Transcript status is computed from the clock when asked, not advanced by a timer: a
transcript is ``queued`` for ``queue_time`` seconds after creation, then ``processing`` until
``processing_time`` seconds after creation, then ``completed`` (or ``error``).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import threading
import uuid
import wave
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from assemblyai.testing._audio import DEFAULT_URL_DURATION, AudioInfo, probe
from assemblyai.testing._content import Script

__all__ = ["LemurRecord", "Store", "TokenRecord", "TranscriptRecord", "Upload"]

AudioKey = str | bytes | os.PathLike[str]
"""What ``register_script`` accepts to name some audio."""


@attrs.define
class Upload:
    """Bytes received by ``POST /v2/upload``."""

    id: str
    data: bytes = attrs.field(repr=False)
    sha256: str
    audio: AudioInfo


@attrs.define
class TranscriptRecord:
    """One transcript job. Times are seconds on the store's clock."""

    id: str
    seq: int
    params: dict[str, Any]
    created_at: float
    created_wall: datetime
    queue_time: float
    processing_time: float
    audio: AudioInfo
    script: Script | None
    error: str | None = None
    forced: str | None = None
    forced_at: float | None = None
    deleted: bool = False
    content: dict[str, Any] | None = attrs.field(default=None, repr=False)

    @property
    def audio_url(self) -> str:
        return str(self.params.get("audio_url", ""))

    def status(self, now: float) -> str:
        """``queued``, ``processing``, ``completed`` or ``error`` at clock time ``now``."""
        if self.forced is not None:
            return self.forced
        elapsed = now - self.created_at
        if elapsed < self.queue_time:
            return "queued"
        if elapsed < self.processing_time:
            return "processing"
        return "error" if self.error is not None else "completed"

    def finished_wall(self, now: float) -> datetime | None:
        """Wall-clock time the job finished, ``None`` while it runs."""
        if self.status(now) not in ("completed", "error"):
            return None
        seconds = self.forced_at if self.forced is not None else None
        if seconds is None:
            seconds = self.created_at + self.processing_time
        return self.created_wall + timedelta(seconds=max(0.0, seconds - self.created_at))


@attrs.define
class LemurRecord:
    """A LeMUR response kept for ``GET /lemur/v3/{request_id}``."""

    id: str
    response: dict[str, Any]
    purged: bool = False


@attrs.define
class TokenRecord:
    """A temporary streaming token: ``kind`` is ``"v2"`` (realtime) or ``"v3"`` (streaming)."""

    token: str
    kind: str
    expires_at: float
    max_session_duration: float | None = None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@attrs.define
class _ScriptRule:
    urls: frozenset[str]
    names: frozenset[str]
    hashes: frozenset[str]
    script: Script
    # A WAV's samples and length in ms, so that a stream of the same audio is recognised.
    pcm: bytes | None = None
    pcm_ms: float = 0.0

    def matches(self, audio_url: str, upload: Upload | None) -> bool:
        if audio_url in self.urls:
            return True
        if upload is not None and upload.sha256 in self.hashes:
            return True
        basename = urlsplit(audio_url).path.rsplit("/", 1)[-1]
        return bool(basename) and basename in self.names


_MIN_STREAM_MATCH = 320  # bytes: 10 ms of 16 kHz PCM16, enough not to match by chance


def _wav_samples(data: bytes) -> tuple[bytes | None, float]:
    """The sample bytes and length in ms of a PCM WAV file's bytes; (None, 0) otherwise."""
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            frames = wav.readframes(wav.getnframes())
            return frames, wav.getnframes() * 1000 / wav.getframerate()
    except (wave.Error, EOFError, ZeroDivisionError):
        return None, 0.0


class Store:
    """All sandbox state. Methods are thread-safe.

    Args:
        clock: monotonic seconds (injectable so tests can move time without sleeping).
        seed: seeds the id generator, so ids repeat from run to run.
        processing_time: default seconds from creation to completion.
        queue_time: default seconds a transcript stays ``queued``.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        seed: int | None = 0,
        processing_time: float = 0.2,
        queue_time: float = 0.05,
    ) -> None:
        self.clock = clock
        self.processing_time = processing_time
        self.queue_time = queue_time
        self.lock = threading.RLock()
        self._random = random.Random(seed)
        self._seq = 0
        self.uploads: dict[str, Upload] = {}
        self.transcripts: dict[str, TranscriptRecord] = {}
        self.lemur: dict[str, LemurRecord] = {}
        self.tokens: dict[str, TokenRecord] = {}
        self._scripts: list[_ScriptRule] = []

    def new_id(self) -> str:
        """A fresh UUID4-shaped id (the shape the API uses)."""
        with self.lock:
            return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def new_token(self) -> str:
        with self.lock:
            return "fake-token-" + f"{self._random.getrandbits(128):032x}"

    # -- uploads and scripts ---------------------------------------------------------------

    def add_upload(self, data: bytes) -> Upload:
        upload = Upload(self.new_id(), data, _sha256(data), probe(data))
        with self.lock:
            self.uploads[upload.id] = upload
        return upload

    def register_script(self, key: AudioKey, script: Script) -> None:
        """Use ``script`` for audio matching ``key`` (see ``FakeAssemblyAI.register_script``)."""
        urls: set[str] = set()
        names: set[str] = set()
        hashes: set[str] = set()
        data: bytes | None = None
        if isinstance(key, bytes):
            hashes.add(_sha256(key))
            data = key
        elif isinstance(key, str) and urlsplit(key).scheme in ("http", "https"):
            urls.add(key)
        else:
            path = Path(key)
            names.add(path.name)
            if path.is_file():
                data = path.read_bytes()
                hashes.add(_sha256(data))
        pcm, pcm_ms = _wav_samples(data) if data is not None else (None, 0.0)
        rule = _ScriptRule(
            frozenset(urls), frozenset(names), frozenset(hashes), script, pcm, pcm_ms
        )
        with self.lock:
            # Newest first, so a later registration overrides an earlier one.
            self._scripts.insert(0, rule)

    def recognise_stream(self, first_audio: bytes) -> tuple[str, float] | None:
        """The text and length (ms) of a registered WAV whose samples begin with
        ``first_audio`` (a stream's first message), if one does."""
        if len(first_audio) < _MIN_STREAM_MATCH or not any(first_audio):
            return None  # too short, or silence: anything could start that way
        with self.lock:
            for rule in self._scripts:
                if rule.pcm is not None and rule.pcm.startswith(first_audio):
                    text = rule.script.text
                    if text is None and rule.script.words is not None:
                        text = " ".join(str(w.get("text", "")) for w in rule.script.words)
                    return (text, rule.pcm_ms) if text else None
        return None

    def find_script(self, audio_url: str, upload: Upload | None) -> Script | None:
        with self.lock:
            for rule in self._scripts:
                if rule.matches(audio_url, upload):
                    return rule.script
        return None

    # -- transcripts -----------------------------------------------------------------------

    def create_transcript(
        self,
        params: Mapping[str, Any],
        *,
        audio: AudioInfo | None,
        script: Script | None,
        error: str | None,
    ) -> TranscriptRecord:
        if audio is None:
            audio = AudioInfo(DEFAULT_URL_DURATION, 1, "default")
        if script is not None and script.duration is not None:
            audio = AudioInfo(script.duration, audio.channels, "script")
        processing_time = self.processing_time
        if script is not None and script.processing_time is not None:
            processing_time = script.processing_time
        with self.lock:
            self._seq += 1
            record = TranscriptRecord(
                id=self.new_id(),
                seq=self._seq,
                params=dict(params),
                created_at=self.clock(),
                created_wall=datetime.now(UTC).replace(tzinfo=None),
                queue_time=min(self.queue_time, processing_time),
                processing_time=processing_time,
                audio=audio,
                script=script,
                error=error if error is not None else (script.error if script else None),
            )
            self.transcripts[record.id] = record
        return record

    def transcript(self, transcript_id: str) -> TranscriptRecord | None:
        with self.lock:
            return self.transcripts.get(transcript_id)

    def newest_first(self) -> list[TranscriptRecord]:
        with self.lock:
            return sorted(self.transcripts.values(), key=lambda r: -r.seq)

    def force(self, transcript_id: str, status: str, error: str | None = None) -> None:
        """End a transcript now, as ``completed`` or as ``error`` with ``error``."""
        with self.lock:
            record = self.transcripts[transcript_id]
            record.forced = status
            record.forced_at = self.clock()
            if status == "error":
                record.error = error or "Transcription failed."
            record.content = None
