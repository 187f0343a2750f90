"""The case -> observation logic both SDKs run: ours in-process, 0.45.4 in its own venv.

Run as a script (``python driver.py`` with the official SDK importable), it reads one JSON
request on stdin and writes the JSON results on stdout. Imported, :func:`run` does the same for
whichever ``assemblyai`` is importable. It uses only the public API both SDKs share, plus
pydantic introspection in the ``shapes`` mode, which only 0.45.4 runs, and the standard library:
it must import in a venv where neither our package nor our test helpers exist, so it and its
siblings (``observing``, ``introspection``, ``cases``) import each other as top-level modules
when run as a script.

A request is ``{"mode": ..., "base_url": ..., "cases": [...], "shapes": {...}}``:

- ``shapes``: 0.45.4's model fields and their types (so both sides observe the same attributes);
- ``names``: the public names of some modules, with ``inspect.signature`` of each callable;
- ``read``: read response bodies the server holds, the public way, and observe the results;
- ``config``: build a ``TranscriptionConfig``, observe its properties and submit it;
- ``calls``: run public calls against the recording server, one marker request before each.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any

if __package__:
    from . import cases, introspection
    from .observing import guarded, observe
else:  # run as a script by 0.45.4's interpreter (``-I``: its own directory is not on sys.path)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cases  # type: ignore[no-redef,import-not-found]
    import introspection  # type: ignore[no-redef,import-not-found]
    from observing import guarded, observe  # type: ignore[no-redef,import-not-found]

CALLS = cases.CALLS


def run(request: Mapping[str, Any]) -> Any:
    """Answer one request with the ``assemblyai`` this interpreter imports."""
    mode = request["mode"]
    if mode == "shapes":
        return introspection.shapes()
    if mode == "names":
        return introspection.names(request["modules"], request.get("wanted"))
    import assemblyai as aai

    base_url, shapes_ = request["base_url"], request.get("shapes", {})
    with cases.configured(aai, base_url):
        if mode == "read":
            return [guarded(lambda c=c: cases.read_case(aai, c, shapes_)) for c in request["cases"]]
        if mode == "config":
            return [cases.config_case(aai, c, shapes_) for c in request["cases"]]
        if mode == "calls":
            out = {}
            for name in request["cases"]:
                cases.mark(base_url, name)
                out[name] = guarded(
                    lambda name=name: observe(
                        cases.call(aai, name, base_url, request["workdir"], request["hosts"]),
                        cases.RESULT_TYPES.get(name, "any"),
                        shapes_,
                    )
                )
            return out
    raise ValueError(f"unknown mode {mode!r}")


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
