"""`python -m generator.asyncapi SPEC OUT`: generate the package for one AsyncAPI file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import GeneratorError, generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.asyncapi",
        description="Generate Python message classes from an AsyncAPI 2.x/3.0 document.",
    )
    parser.add_argument("spec", type=Path, help="the AsyncAPI YAML or JSON file")
    parser.add_argument("out", type=Path, help="the package directory to write")
    args = parser.parse_args(argv)
    try:
        written = generate(args.spec, args.out)
    except GeneratorError as err:
        print(f"{args.spec}: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
