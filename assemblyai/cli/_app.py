"""The ``assemblyai`` command: argument parsing, settings, the sandbox, and exit statuses.

Exit statuses: 0 success; 1 the API or the SDK reported an error, or the command failed
(one line on stderr says why); 2 the command line is wrong; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import attrs

import assemblyai as aai
from assemblyai.__version__ import DROP_IN_FOR, __version__
from assemblyai.cli import _batch, _completion, _lemur, _manage, _stream, _transcribe
from assemblyai.cli._common import (
    CommandFailed,
    Context,
    Interrupted,
    UsageError,
    add_common_flags,
    one_line,
)
from assemblyai.cli._completion import RecordingParser

__all__ = ["build_parser", "main"]

PROG = "assemblyai"
SANDBOX_NOTE = (
    "--sandbox: using an offline fake of the AssemblyAI API; it does not recognise speech, so "
    "transcripts hold the text of a NAME.txt beside the audio, else placeholder text"
)
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class _Parser(RecordingParser):
    """An ``ArgumentParser`` whose usage errors are one line and raise :class:`UsageError`."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> _Parser:
    """The whole command tree."""
    parser = _Parser(
        prog=PROG,
        description="Transcribe audio with AssemblyAI from the command line. "
        "Run 'assemblyai COMMAND --help' for the options of a command.",
        epilog="The API key comes from --api-key, else $ASSEMBLYAI_API_KEY. "
        "Exit status: 0 success, 1 failure, 2 bad command line, 130 interrupted.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (a drop-in for assemblyai {' and '.join(DROP_IN_FOR)})",
    )
    add_common_flags(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _transcribe.register(commands)
    _batch.register(commands)
    _stream.register(commands)
    _lemur.register(commands)
    _manage.register(commands)
    _completion.register(commands, build_parser)
    return parser


# -- secrets ---------------------------------------------------------------------------------


def secrets_in(argv: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """Values that must never be printed: the API key (flag, environment, settings) and the
    webhook header value, found even in a command line that does not parse."""
    found = [environ.get("ASSEMBLYAI_API_KEY", ""), aai.settings.api_key or ""]
    for flag in ("--api-key", "--webhook-auth-header-value"):
        for index, arg in enumerate(argv):
            if arg == flag and index + 1 < len(argv):
                found.append(argv[index + 1])
            elif arg.startswith(flag + "="):
                found.append(arg.partition("=")[2])
    return [s for s in found if s]


# -- settings and sandbox --------------------------------------------------------------------


@contextlib.contextmanager
def _settings_scope() -> Iterator[None]:
    """Restore ``aai.settings`` afterwards, so ``main()`` can run many times in one process."""
    saved = attrs.asdict(aai.settings, recurse=False)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(aai.settings, name, value)


def _is_local(url: str) -> bool:
    return (urlsplit(url).hostname or "") in _LOCAL_HOSTS


@contextlib.contextmanager
def _sandbox(args: argparse.Namespace, ctx: Context, api_key: str | None) -> Iterator[None]:
    """With ``--sandbox``, run against a ``FakeAssemblyAI``, started here unless the base URL
    already points at a local one (an in-process fake, or ``python -m assemblyai.testing``)."""
    if not args.sandbox:
        yield
        return
    ctx.note(SANDBOX_NOTE)
    if _is_local(aai.settings.base_url):
        yield
        return
    from assemblyai.testing import FakeAssemblyAI

    fake = FakeAssemblyAI(
        api_key=api_key or "sandbox-api-key",
        processing_time=1.0,
        queue_time=0.2,
        polling_interval=0.1,
        strict=False,
        seed=None,
    )
    with fake:
        for audio, text in _sidecar_scripts(args):
            fake.register_script(audio, text=text)
        yield


def _sidecar_scripts(args: argparse.Namespace) -> Iterator[tuple[Path, str]]:
    """The local audio named on the command line that has its words in a text file beside it
    (``talk.txt`` or ``talk.wav.transcript.txt`` for ``talk.wav``): what the sandbox hears."""
    for name in ("source", "file"):
        value = getattr(args, name, None)
        if not isinstance(value, str) or not Path(value).is_file():
            continue
        audio = Path(value)
        for text in (audio.with_suffix(".txt"), audio.with_name(audio.name + ".transcript.txt")):
            if text.is_file() and text != audio:
                yield audio, text.read_text(encoding="utf-8").strip()
                break


def _configure(args: argparse.Namespace, ctx: Context) -> str | None:
    """Point ``aai.settings`` at the API (or the sandbox); returns the API key to use."""
    if args.base_url:
        if not args.base_url.startswith(("http://", "https://")):
            raise UsageError(f"--base-url must start with http:// or https://: {args.base_url!r}")
        aai.settings.base_url = args.base_url.rstrip("/")
    api_key = args.api_key or os.environ.get("ASSEMBLYAI_API_KEY") or aai.settings.api_key
    ctx.with_secrets([api_key])
    if api_key:
        aai.settings.api_key = api_key
    elif not args.sandbox:
        raise UsageError("no API key: pass --api-key KEY or set ASSEMBLYAI_API_KEY")
    return api_key


# -- errors ----------------------------------------------------------------------------------


# The SDK's messages name a setting the way Python code changes it; a shell user changes it
# with a flag where the CLI has one, else with the setting's environment variable.
_SETTING = re.compile(r"aai\.settings\.([a-z_]+)(?: = \.\.\.)?")
_SETTING_FLAGS = {"api_key": "--api-key", "base_url": "--base-url"}


def _for_the_shell(message: str) -> str:
    def spelling(match: re.Match[str]) -> str:
        name = match.group(1)
        return _SETTING_FLAGS.get(name) or f"ASSEMBLYAI_{name.upper()}"

    return _SETTING.sub(spelling, message)


def describe(exc: BaseException) -> str:
    """One line saying what went wrong (no traceback), with settings named as a shell sets them."""
    expected = (OSError, ImportError, aai.AssemblyAIError, UsageError, CommandFailed, Interrupted)
    if isinstance(exc, expected):
        return _for_the_shell(one_line(exc))
    return f"unexpected {type(exc).__name__}: {one_line(exc)} (run with --debug for details)"


def _fail(ctx: Context, message: str, status: int) -> int:
    with contextlib.suppress(Exception):
        ctx.live_line().clear()
    print(f"{PROG}: error: {ctx.redact(message)}", file=sys.stderr, flush=True)
    return status


def _run(args: argparse.Namespace, ctx: Context) -> int:
    if not getattr(args, "needs_api", True):  # e.g. `completion`: works without a key
        return int(args.handler(args, ctx))
    with _settings_scope():
        api_key = _configure(args, ctx)
        with _sandbox(args, ctx, api_key):
            status: int = args.handler(args, ctx)
            return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``assemblyai`` command with ``argv`` (default ``sys.argv[1:]``).

    Returns the exit status instead of exiting, so tests can call it in-process. When
    ``aai.settings.base_url`` already points at a local sandbox, ``--sandbox`` uses it.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    ctx = Context(secrets=tuple(secrets_in(arguments, os.environ)))
    try:
        args = build_parser().parse_args(arguments)
    except UsageError as exc:
        return _fail(ctx, describe(exc), 2)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    ctx.json, ctx.quiet = args.json, args.quiet
    try:
        return _run(args, ctx)
    except UsageError as exc:
        return _fail(ctx, describe(exc), 2)
    except Interrupted as exc:
        return _fail(ctx, describe(exc), 130)
    except KeyboardInterrupt:
        return _fail(ctx, "interrupted", 130)
    except BrokenPipeError:
        # The reader went away (`assemblyai list | head`): stop quietly, as other tools do.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        if args.debug:
            print(ctx.redact("".join(traceback.format_exception(exc))), file=sys.stderr)
        return _fail(ctx, describe(exc), 1)
