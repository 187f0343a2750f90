"""Output formats of a transcript, and writing results to stdout or to files.

:func:`render` turns a completed transcript into the text of one format; the subtitle,
sentence and paragraph formats ask the API (that is how the SDK exports them). The helpers
that only shape data (:func:`to_jsonable`, :func:`clock`, :func:`dumps`) do no I/O.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from assemblyai.cli._common import UsageError

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "add_output_flags",
    "clock",
    "dumps",
    "emit",
    "render",
    "to_jsonable",
    "write_atomic",
]

#: Output formats of ``transcribe``, ``get`` and ``batch``, with what each one holds.
FORMATS: dict[str, str] = {
    "text": "the transcript's text (one line per speaker turn with --speaker-labels)",
    "json": "the transcript as the API returns it (every field)",
    "srt": "SRT subtitles",
    "vtt": "WebVTT subtitles",
    "sentences": "one sentence per line, with start and end times",
    "paragraphs": "one paragraph per block, with start and end times",
}

#: File name extension of each format, for ``batch`` results.
EXTENSIONS: dict[str, str] = {
    "text": ".txt",
    "json": ".json",
    "srt": ".srt",
    "vtt": ".vtt",
    "sentences": ".sentences.txt",
    "paragraphs": ".paragraphs.txt",
}


class Exportable(Protocol):
    """What :func:`render` needs of a transcript (``aai.Transcript`` has all of it)."""

    @property
    def id(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def utterances(self) -> list[Any] | None: ...
    @property
    def json_response(self) -> dict[str, Any]: ...
    def export_subtitles_srt(self, chars_per_caption: int | None = None) -> str: ...
    def export_subtitles_vtt(self, chars_per_caption: int | None = None) -> str: ...
    def get_sentences(self) -> list[Any]: ...
    def get_paragraphs(self) -> list[Any]: ...


def to_jsonable(value: Any) -> Any:
    """``value`` with SDK models replaced by their JSON form (``to_dict()``), recursively."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(getattr(value, "value", value))


def dumps(value: Any) -> str:
    """Pretty JSON of ``value`` (models included), ending without a newline."""
    return json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)


def clock(ms: int | float | None) -> str:
    """Milliseconds as ``MM:SS.mmm`` (``H:MM:SS.mmm`` from one hour on)."""
    total = max(int(ms or 0), 0)
    seconds, millis = divmod(total, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}.{millis:03d}"
    return f"{minutes:02d}:{secs:02d}.{millis:03d}"


def _timed_lines(items: Iterable[Any], separator: str) -> str:
    blocks = []
    for item in items:
        speaker = getattr(item, "speaker", None)
        who = f"{speaker}: " if isinstance(speaker, str) and speaker else ""
        blocks.append(f"[{clock(item.start)} - {clock(item.end)}] {who}{item.text}")
    return separator.join(blocks)


def _text(transcript: Exportable) -> str:
    utterances = transcript.utterances
    if utterances:
        return "\n".join(f"Speaker {u.speaker}: {u.text}" for u in utterances)
    return transcript.text or ""


def render(
    transcript: Exportable,
    fmt: str,
    *,
    as_json: bool = False,
    chars_per_caption: int | None = None,
) -> str:
    """The completed ``transcript`` in format ``fmt`` (see :data:`FORMATS`).

    With ``as_json`` every format is a JSON document: ``text`` and ``json`` give the whole
    transcript; ``srt``/``vtt`` give ``{"id", "format", "content"}``; ``sentences`` and
    ``paragraphs`` give ``{"id", "<format>": [...]}`` with the API's objects.
    """
    if fmt == "json" or (fmt == "text" and as_json):
        return dumps(transcript.json_response)
    if fmt == "text":
        return _text(transcript)
    if fmt in ("srt", "vtt"):
        export = (
            transcript.export_subtitles_srt if fmt == "srt" else transcript.export_subtitles_vtt
        )
        content = export(chars_per_caption)
        if as_json:
            return dumps({"id": transcript.id, "format": fmt, "content": content})
        return content.rstrip("\n")
    if fmt == "sentences":
        sentences = transcript.get_sentences()
        if as_json:
            return dumps({"id": transcript.id, "sentences": sentences})
        return _timed_lines(sentences, "\n")
    if fmt == "paragraphs":
        paragraphs = transcript.get_paragraphs()
        if as_json:
            return dumps({"id": transcript.id, "paragraphs": paragraphs})
        return _timed_lines(paragraphs, "\n\n")
    raise ValueError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_atomic(path: str | os.PathLike[str], content: str, *, make_parents: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file and ``os.replace``.

    A reader (or a resumed batch) sees the old file or the whole new one, never half of it.
    The file gets the mode any new file gets (0666 less the umask), or keeps the mode of the
    file it replaces. A missing directory is an error, unless ``make_parents`` (a directory
    the command owns, such as ``batch --out``).

    Raises:
        UsageError: the directory does not exist and ``make_parents`` is False.
    """
    target = Path(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.parent.is_dir():
        raise UsageError(
            f"cannot write {str(path)!r}: the directory {str(target.parent)!r} does not exist "
            "(create it first)"
        )
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # os.open's mode passes through the umask, as any new file's does (mkstemp's 0600 would not).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def emit(content: str, out: str | None = None) -> None:
    """Print ``content`` (plus a newline) to stdout, or write it to the file ``out``."""
    text = content if content.endswith("\n") or not content else content + "\n"
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(out, text)


def add_output_flags(parser: Any, *, default: str = "text", out_help: str | None = None) -> None:
    """``--format``, ``--out`` and ``--chars-per-caption``, for commands that print transcripts."""
    parser.add_argument(
        "-f",
        "--format",
        choices=list(FORMATS),
        default=default,
        help="output format: " + "; ".join(f"{name}: {what}" for name, what in FORMATS.items()),
    )
    if out_help is not None:
        parser.add_argument("-o", "--out", metavar="FILE", default=None, help=out_help)
    parser.add_argument(
        "--chars-per-caption",
        type=int,
        metavar="N",
        default=None,
        help="with --format srt/vtt: at most N characters per caption",
    )
