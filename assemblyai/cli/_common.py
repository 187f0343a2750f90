"""What every command shares: the run context, the CLI's own errors and the common flags."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

import attrs

from assemblyai.cli._progress import LiveLine, is_terminal

__all__ = [
    "CommandFailed",
    "Context",
    "Interrupted",
    "UsageError",
    "add_common_flags",
    "one_line",
    "positive_float",
    "positive_int",
]


class UsageError(Exception):
    """The command line is wrong (exit status 2)."""


class CommandFailed(Exception):
    """The command ran but did not succeed, e.g. a transcript ended in ``error`` (status 1)."""


def one_line(exc: BaseException) -> str:
    """What an exception says, on one line; an ``OSError`` as ``reason: file``."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
        if exc.filename is not None and str(exc.filename) not in text:
            text = f"{text}: {exc.filename}"
    else:
        text = str(exc)
    return " ".join(text.split()) or type(exc).__name__


def positive_int(text: str) -> int:
    """The type of flags such as ``--jobs``: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def positive_float(text: str) -> float:
    """The type of flags such as ``--timeout``: a number of seconds > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text}")
    return value


def add_common_flags(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The flags every command takes.

    They are accepted both before the command (``assemblyai --json list``) and after it
    (``assemblyai list --json``). On subcommands their default is ``SUPPRESS``, so a value
    given before the command is not overwritten by the subcommand's default.
    """

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    group = parser.add_argument_group("common options")
    group.add_argument(
        "--api-key",
        metavar="KEY",
        default=default(None),
        help="your AssemblyAI API key (default: $ASSEMBLYAI_API_KEY); it is never printed",
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=default(None),
        help="address of the API (default: $ASSEMBLYAI_BASE_URL or https://api.assemblyai.com)",
    )
    group.add_argument(
        "--sandbox",
        action="store_true",
        default=default(False),
        help="run against an offline fake of the API (assemblyai.testing) instead of the real "
        "one. It does not recognise speech: it 'hears' the text of a NAME.txt (or "
        "NAME.EXT.transcript.txt) beside the audio, else placeholder text. It lives for this "
        "one command, so nothing persists between commands; for a sandbox that keeps "
        "transcripts, run 'python -m assemblyai.testing serve' and point --base-url at it",
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help="print machine-readable JSON instead of text",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="print no notes, progress or summaries on stderr (errors still show)",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default(False),
        help="show a traceback for unexpected errors",
    )


@attrs.define
class Context:
    """Per-run state handed to a command: output switches and the terminal line."""

    json: bool = False
    quiet: bool = False
    secrets: tuple[str, ...] = ()
    _line: LiveLine | None = None

    def note(self, message: str) -> None:
        """A one-line remark on stderr (not shown with ``--quiet``)."""
        if not self.quiet:
            self.live_line().clear()
            print(f"assemblyai: {self.redact(message)}", file=sys.stderr, flush=True)

    def progress(self, message: str) -> None:
        """A remark only worth showing to a person watching (stderr is a terminal)."""
        if self.interactive:
            self.note(message)

    def live_line(self) -> LiveLine:
        """The redrawn line on stderr (inactive unless stderr is a terminal and not quiet)."""
        if self._line is None:
            self._line = LiveLine(sys.stderr, enabled=is_terminal(sys.stderr) and not self.quiet)
        return self._line

    @property
    def interactive(self) -> bool:
        return self.live_line().enabled

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, "***")
        return text

    def with_secrets(self, secrets: Iterable[str | None]) -> None:
        self.secrets = tuple({*self.secrets, *(s for s in secrets if s and len(s) >= 4)})


class Interrupted(Exception):
    """The run was stopped with Ctrl-C; the message says what was kept (exit status 130)."""
