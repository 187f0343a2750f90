"""``python -m assemblyai`` and the ``assemblyai`` console script: the command-line tool.

Example::

    $ assemblyai transcribe meeting.mp3 --speaker-labels --format srt > meeting.srt
    $ assemblyai transcribe sample.wav --sandbox      # offline, against a fake API
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> int:
    """Run the command line with ``sys.argv``; returns the exit status."""
    from assemblyai.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
