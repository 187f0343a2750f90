"""Commands on existing transcripts: ``get``, ``list``, ``delete``, ``subtitles``, ``search``."""

from __future__ import annotations

import argparse
import datetime
import itertools
from collections.abc import Sequence
from typing import Any

import assemblyai as aai
from assemblyai.cli._common import (
    CommandFailed,
    Context,
    add_common_flags,
    positive_float,
    positive_int,
)
from assemblyai.cli._output import add_output_flags, clock, dumps, emit, to_jsonable
from assemblyai.cli._transcribe import finish, wait_with_status

__all__ = ["list_rows", "register", "search_lines"]

_MAX_PAGE_SIZE = 200  # the API's largest page


def _load(transcript_id: str, ctx: Context, timeout: float | None) -> aai.Transcript:
    """The transcript, once it is completed or has failed (a status line shows the wait)."""
    transcript = aai.Transcript(transcript_id)
    wait_with_status(transcript, ctx, timeout)
    return transcript


def _completed(transcript_id: str, ctx: Context, timeout: float | None) -> aai.Transcript:
    transcript = _load(transcript_id, ctx, timeout)
    if transcript.status == aai.TranscriptStatus.error:
        raise CommandFailed(f"transcript {transcript_id} failed: {transcript.error}")
    return transcript


# -- get -------------------------------------------------------------------------------------


def run_get(args: argparse.Namespace, ctx: Context) -> int:
    return finish(_load(args.id, ctx, args.timeout), args, ctx)


# -- list ------------------------------------------------------------------------------------


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def list_rows(items: list[Any]) -> list[str]:
    """Aligned text rows (``ID  STATUS  CREATED  AUDIO``) for listed transcripts."""
    rows = [("ID", "STATUS", "CREATED", "AUDIO")]
    for item in items:
        status = getattr(item.status, "value", item.status)
        rows.append((str(item.id), str(status), str(item.created), str(item.audio_url)))
    widths = [max(len(row[col]) for row in rows) for col in range(3)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]


def _page_size(text: str) -> int:
    size = positive_int(text)
    if size > _MAX_PAGE_SIZE:
        raise argparse.ArgumentTypeError(
            f"the API sends at most {_MAX_PAGE_SIZE} per page, not {size}"
        )
    return size


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    limit = None if args.all else args.limit
    page_size = min(args.page_size or limit or _MAX_PAGE_SIZE, _MAX_PAGE_SIZE)
    filters: dict[str, Any] = {
        "limit": page_size,
        "status": args.status,
        "created_on": args.created_on,
        "before_id": args.before_id,
        "after_id": args.after_id,
        "throttled_only": True if args.throttled_only else None,
    }
    params = aai.ListTranscriptParameters(**{k: v for k, v in filters.items() if v is not None})
    items = list(itertools.islice(aai.Transcriber().iter_transcripts(params), limit))
    if ctx.json:
        emit(dumps(items))
    elif items:
        emit("\n".join(list_rows(items)))
    else:
        ctx.note("no transcripts match")
    return 0


# -- delete ----------------------------------------------------------------------------------


def run_delete(args: argparse.Namespace, ctx: Context) -> int:
    transcript = aai.Transcript.delete_by_id(args.id)
    if ctx.json:
        emit(dumps(transcript.json_response))
    else:
        emit(f"deleted {args.id}")
    return 0


# -- subtitles -------------------------------------------------------------------------------


def run_subtitles(args: argparse.Namespace, ctx: Context) -> int:
    return finish(_completed(args.id, ctx, args.timeout), args, ctx)


# -- search ----------------------------------------------------------------------------------


def search_lines(matches: list[Any]) -> list[str]:
    """One line per searched word found: ``word: N match(es) at 00:01.200, ...``."""
    lines = []
    for match in matches:
        starts = ", ".join(clock(pair[0]) for pair in match.timestamps)
        plural = "match" if match.count == 1 else "matches"
        lines.append(f"{match.text}: {match.count} {plural} at {starts}")
    return lines


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    transcript = _completed(args.id, ctx, args.timeout)
    matches = transcript.word_search(args.words)
    missing = not_found(args.words, [str(m.text) for m in matches])
    if ctx.json:
        emit(dumps({"id": args.id, "matches": to_jsonable(matches), "not_found": missing}))
        return 0
    if matches:
        emit("\n".join(search_lines(matches)))
    if missing:
        ctx.note("not found: " + ", ".join(missing))
    return 0


def not_found(words: Sequence[str], found: Sequence[str]) -> list[str]:
    """The searched words with no match (the API matches without regard to case)."""
    seen = {text.casefold() for text in found}
    return [word for word in words if word.casefold() not in seen]


# -- registration ----------------------------------------------------------------------------


def _timeout_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=positive_float,
        metavar="SECONDS",
        default=None,
        help="give up waiting for an unfinished transcript after this many seconds",
    )


def register(commands: Any) -> None:
    get = commands.add_parser(
        "get",
        help="print a transcript by id",
        description="Fetch a transcript by its id, waiting while it is still processing, "
        "and print it.",
    )
    get.add_argument("id", metavar="ID", help="the transcript id")
    add_output_flags(get, out_help="write the result to FILE instead of stdout")
    _timeout_flag(get)
    add_common_flags(get, top=False)
    get.set_defaults(handler=run_get)

    lister = commands.add_parser(
        "list",
        help="list your transcripts, newest first",
        description="List transcripts, newest first, fetching further pages as needed.",
    )
    lister.add_argument(
        "--status", choices=[s.value for s in aai.TranscriptStatus], help="only this status"
    )
    lister.add_argument(
        "--created-on", type=_date, metavar="YYYY-MM-DD", help="only transcripts created that day"
    )
    lister.add_argument("--before-id", metavar="ID", help="only transcripts older than this one")
    lister.add_argument("--after-id", metavar="ID", help="only transcripts newer than this one")
    lister.add_argument("--throttled-only", action="store_true", help="only throttled transcripts")
    lister.add_argument(
        "--limit",
        type=positive_int,
        default=100,
        metavar="N",
        help="show at most N transcripts (default 100)",
    )
    lister.add_argument("--all", action="store_true", help="show every transcript (no --limit)")
    lister.add_argument(
        "--page-size",
        type=_page_size,
        default=None,
        metavar="N",
        help=f"transcripts per request (at most {_MAX_PAGE_SIZE})",
    )
    add_common_flags(lister, top=False)
    lister.set_defaults(handler=run_list)

    delete = commands.add_parser(
        "delete",
        help="delete a transcript",
        description="Delete a transcript's content for good (the API keeps an empty record).",
    )
    delete.add_argument("id", metavar="ID", help="the transcript id")
    add_common_flags(delete, top=False)
    delete.set_defaults(handler=run_delete)

    subtitles = commands.add_parser(
        "subtitles",
        help="print a transcript's subtitles (SRT or WebVTT)",
        description="Export a completed transcript as SRT or WebVTT subtitles.",
    )
    subtitles.add_argument("id", metavar="ID", help="the transcript id")
    subtitles.add_argument(
        "-f", "--format", choices=["srt", "vtt"], default="srt", help="subtitle format"
    )
    subtitles.add_argument(
        "-o", "--out", metavar="FILE", default=None, help="write to FILE instead of stdout"
    )
    subtitles.add_argument(
        "--chars-per-caption",
        type=positive_int,
        metavar="N",
        default=None,
        help="at most N characters per caption",
    )
    _timeout_flag(subtitles)
    add_common_flags(subtitles, top=False)
    subtitles.set_defaults(handler=run_subtitles)

    search = commands.add_parser(
        "search",
        help="find words in a transcript",
        description="Search a completed transcript for words or phrases and print where "
        "each one occurs.",
    )
    search.add_argument("id", metavar="ID", help="the transcript id")
    search.add_argument("words", metavar="WORD", nargs="+", help="a word or phrase to find")
    _timeout_flag(search)
    add_common_flags(search, top=False)
    search.set_defaults(handler=run_search)
