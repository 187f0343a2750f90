"""The case -> observation logic both SDKs run: ours in-process, 1.0.0 in its own venv.

Run as a script by 1.0.0's interpreter, it reads one JSON request on stdin and writes the JSON
results on stdout; imported, :func:`run` does the same for whichever ``assemblyai`` is
importable. It reuses the 0.45.4 suite's standard-library helpers (``tests/compat``:
``observing``, ``introspection``), which import as top-level modules when run as a script.

A request is ``{"mode": ..., "base_url": ..., ...}``:

- ``shapes``: 1.0's models and their field types (1.0 runs on pydantic's v1 API when
  ``pydantic-settings`` is absent, as in its side venv, so the 0.45.4 reader applies);
- ``names``: the public names of some modules, with ``inspect.signature`` of each callable;
- ``config``: build each config case and submit it (the server records the request JSON);
- ``read``: read transcripts the server holds, the public way, and observe their properties;
- ``calls``: run public calls, sync and asyncio, one marker request before each.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any

if __package__:
    from tests.compat import introspection
    from tests.compat.observing import guarded, observe

    from . import cases
else:  # run as a script by 1.0.0's interpreter (``-I``: no directory of ours is on sys.path)
    HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path[:0] = [HERE, os.path.join(os.path.dirname(HERE), "compat")]
    import cases  # type: ignore[no-redef,import-not-found]
    import introspection  # type: ignore[no-redef,import-not-found]
    from observing import guarded, observe  # type: ignore[no-redef,import-not-found]


@contextlib.contextmanager
def configured(aai: Any, base_url: str) -> Iterator[None]:
    settings = aai.settings
    saved = (settings.base_url, settings.api_key, settings.polling_interval)
    settings.base_url, settings.api_key, settings.polling_interval = base_url, "compat-key", 0.01
    try:
        yield
    finally:
        settings.base_url, settings.api_key, settings.polling_interval = saved


def read_case(aai: Any, case: Mapping[str, Any], shapes: Mapping[str, Any]) -> Any:
    """Read one body the server holds and observe what the SDK gives, per property."""
    kind, key = case["kind"], case["id"]
    if kind in ("transcript", "submitted"):
        if kind == "transcript":
            transcript = aai.Transcript.get_by_id(key)
        else:  # the server answers the submission of this audio_url with the body
            transcript = aai.Transcriber().submit(key)
        fields = shapes["TranscriptResponse"]["fields"]
        return {
            name: guarded(
                lambda name=name: observe(
                    getattr(transcript, name),
                    fields.get(cases.RENAMED.get(name, name), "any"),
                    shapes,
                )
            )
            for name in cases.TRANSCRIPT_PROPERTIES
        }
    if kind == "sentences":
        items = aai.Transcript.get_by_id(key).get_sentences()
        return observe(items, ["list", ["model", "Sentence"]], shapes)
    if kind == "word_search":
        matches = aai.Transcript.get_by_id(key).word_search(["a", "b"])
        return observe(matches, ["list", ["model", "WordSearchMatch"]], shapes)
    if kind == "list":
        page = aai.Transcriber().list_transcripts(aai.ListTranscriptParameters(after_id=key))
        return observe(page, ["model", "ListTranscriptResponse"], shapes)
    raise ValueError(f"unknown read kind {kind!r}")


def run(request: Mapping[str, Any]) -> Any:
    """Answer one request with the ``assemblyai`` this interpreter imports."""
    mode = request["mode"]
    if mode == "shapes":
        return introspection.shapes()
    if mode == "names":
        return introspection.names(request["modules"], request.get("wanted"))
    import assemblyai as aai

    base_url = request["base_url"]
    with configured(aai, base_url):
        if mode == "config":
            return {
                case["id"]: guarded(lambda case=case: cases.submit_config(aai, case))
                for case in cases.CONFIG_CASES
            }
        if mode == "read":
            shapes = request["shapes"]
            return [guarded(lambda c=c: read_case(aai, c, shapes)) for c in request["cases"]]
        if mode == "calls":
            out = {}
            for name in request["calls"]:
                cases.mark(base_url, name)
                out[name] = guarded(lambda name=name: cases.call(aai, name, request["workdir"]))
            return out
    raise ValueError(f"unknown mode {mode!r}")


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
