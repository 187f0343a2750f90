"""``assemblyai transcribe FILE|URL``: one transcription, printed in the format asked for.

A local file is uploaded first, with a byte progress bar on a terminal; then a live status
line shows the transcript's status until it is completed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, cast

import assemblyai as aai
from assemblyai.cli._common import CommandFailed, Context, add_common_flags, positive_float
from assemblyai.cli._config_flags import add_config_flags, config_from_args
from assemblyai.cli._output import add_output_flags, emit, render
from assemblyai.cli._progress import CountingReader, LiveLine, StatusTicker, UploadBar
from assemblyai.transcriber import Transcriber

__all__ = ["is_url", "register", "upload_with_progress", "wait_with_status"]


def is_url(source: str) -> bool:
    """Whether ``source`` is sent to the API as a URL (http/https) rather than uploaded."""
    return source.startswith(("http://", "https://"))


def upload_with_progress(
    transcriber: Transcriber,
    path: str | os.PathLike[str],
    ctx: Context,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    show_bar: bool = True,
) -> str:
    """Upload the file at ``path`` and return its ``upload_url``.

    The file is streamed through a :class:`CountingReader`, so a terminal shows a byte
    progress bar; ``should_stop`` can abort the upload between chunks.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        bar = UploadBar(ctx.live_line() if show_bar else _silent_line(), size)
        reader = CountingReader(handle, bar.update, should_stop)
        try:
            return transcriber.upload_file(cast(BinaryIO, reader))
        finally:
            bar.finish()


def _silent_line() -> LiveLine:
    return LiveLine(sys.stderr, enabled=False)


def _status_of(transcript: aai.Transcript) -> str | None:
    try:
        status = transcript.status
        return None if status is None else str(status.value)
    except Exception:  # not loaded yet: the first poll has not answered
        return None


def wait_with_status(transcript: aai.Transcript, ctx: Context, timeout: float | None) -> None:
    """Wait until ``transcript`` is completed or failed, with a live status line on a terminal."""
    with StatusTicker(ctx.live_line(), transcript.id, lambda: _status_of(transcript)):
        transcript.wait_for_completion(timeout=timeout)


def finish(transcript: aai.Transcript, args: argparse.Namespace, ctx: Context) -> int:
    """Print (or write to ``--out``) a finished transcript; a failed one is an error."""
    if transcript.status == aai.TranscriptStatus.error:
        raise CommandFailed(f"transcript {transcript.id} failed: {transcript.error}")
    content = render(
        transcript, args.format, as_json=ctx.json, chars_per_caption=args.chars_per_caption
    )
    emit(content, args.out)
    if args.out not in (None, "-"):
        ctx.progress(f"wrote {args.out}")
    return 0


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_from_args(args)
    transcriber = aai.Transcriber(config=config)
    source: str = args.source
    if is_url(source):
        audio_url = source
    else:
        if Path(source).is_dir():
            raise IsADirectoryError(
                21, "Is a directory (transcribe many files with 'batch')", source
            )
        if not Path(source).is_file():
            raise FileNotFoundError(2, "No such audio file", source)
        audio_url = upload_with_progress(transcriber, source, ctx)
    transcript = transcriber.submit(audio_url)
    if args.no_wait:
        if ctx.json:
            emit(json.dumps({"id": transcript.id, "status": _status_of(transcript)}))
        else:
            emit(str(transcript.id))
        return 0
    ctx.progress(f"transcript {transcript.id} submitted")
    wait_with_status(transcript, ctx, args.timeout)
    return finish(transcript, args, ctx)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "transcribe",
        usage="%(prog)s FILE|URL [options]",
        help="transcribe an audio file or URL and print the result",
        description="Transcribe a local audio file (uploaded first) or a public http(s) URL, "
        "wait for the result and print it. Every transcription option is a flag; an option "
        "left out is not sent, so the API's default applies.",
    )
    parser.add_argument("source", metavar="FILE|URL", help="audio file to upload, or its URL")
    add_output_flags(parser, out_help="write the result to FILE instead of stdout")
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="only submit: print the transcript id and exit (fetch it later with 'get')",
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        metavar="SECONDS",
        default=None,
        help="give up waiting after this many seconds (the transcript keeps processing)",
    )
    add_config_flags(parser)
    add_common_flags(parser, top=False)
    parser.set_defaults(handler=run)
