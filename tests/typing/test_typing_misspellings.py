"""``mypy --strict`` catches a misspelt attribute on every result users commonly read.

Each case is a small user program written twice: with the attribute spelt right (mypy must
accept it) and misspelt (mypy must report that very name). A result typed ``Any`` anywhere
on the way lets the misspelling through, which is what this guards against. All programs are
checked in one mypy run, since mypy's start-up (loading the SDK) is most of its cost.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api", reason="mypy is a dev dependency (make install)")

_SYNC = """\
import assemblyai as aai

transcript = aai.Transcriber().transcribe("https://example.org/a.mp3")
"""

_STREAMING = """\
from assemblyai.streaming.v3 import (
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    TurnEvent,
)

client = StreamingClient(StreamingClientOptions(api_key="key"))
"""

#: (case name, program with ``{attr}``, right spelling, misspelling)
CASES: list[tuple[str, str, str, str]] = [
    ("word", _SYNC + "for w in transcript.words or []:\n    print(w.{attr})\n", "text", "txet"),
    (
        "utterance",
        _SYNC + "for u in transcript.utterances or []:\n    print(u.{attr})\n",
        "speaker",
        "speeker",
    ),
    (
        "utterance word",
        _SYNC + "for u in transcript.utterances or []:\n    print((u.words or [])[0].{attr})\n",
        "confidence",
        "confidance",
    ),
    ("sentence", _SYNC + "print(transcript.get_sentences()[0].{attr})\n", "text", "txet"),
    ("paragraph", _SYNC + "print(transcript.get_paragraphs()[0].{attr})\n", "end", "edn"),
    (
        "local sentence",
        _SYNC + "print(transcript.render_sentences()[0].{attr})\n",
        "start",
        "strat",
    ),
    (
        "word-search match",
        _SYNC + 'print(transcript.word_search(["a"])[0].{attr})\n',
        "count",
        "cuont",
    ),
    (
        "word-search future",
        _SYNC + 'print(transcript.word_search_async(["a"]).result()[0].{attr})\n',
        "timestamps",
        "timestamp",
    ),
    (
        "list item",
        "import assemblyai as aai\n\n"
        "for item in aai.Transcriber().iter_transcripts():\n    print(item.{attr})\n",
        "status",
        "stauts",
    ),
    (
        "list page item",
        "import assemblyai as aai\n\n"
        "page = aai.Transcriber().list_transcripts()\n"
        "print((page.transcripts or [])[0].{attr})\n",
        "audio_url",
        "audio_uri",
    ),
    ("LeMUR task", _SYNC + 'print(transcript.lemur.task("p").{attr})\n', "response", "respons"),
    (
        "LeMUR question",
        _SYNC
        + 'q = aai.LemurQuestion(question="why?")\n'
        + "print((transcript.lemur.question(q).response or [])[0].{attr})\n",
        "answer",
        "answr",
    ),
    ("LeMUR summary", _SYNC + "print(transcript.lemur.summarize().{attr})\n", "usage", "usgae"),
    (
        "LeMUR action items",
        _SYNC + "print(transcript.lemur.action_items().{attr})\n",
        "request_id",
        "requestid",
    ),
    (
        "chapter",
        _SYNC + "for c in transcript.chapters or []:\n    print(c.{attr})\n",
        "headline",
        "headlin",
    ),
    (
        "sentiment",
        _SYNC + "for s in transcript.sentiment_analysis or []:\n    print(s.{attr})\n",
        "sentiment",
        "sentimnet",
    ),
    (
        "entity",
        _SYNC + "for e in transcript.entities or []:\n    print(e.{attr})\n",
        "entity_type",
        "entitytype",
    ),
    (
        "async transcript",
        "import assemblyai as aai\n\n\n"
        "async def main() -> None:\n"
        '    transcript = await aai.AsyncTranscriber().transcribe("a.mp3")\n'
        "    print(transcript.{attr})\n",
        "text",
        "txet",
    ),
    (
        "async transcript word",
        "import assemblyai as aai\n\n\n"
        "async def main() -> None:\n"
        '    transcript = await aai.AsyncTranscriber().transcribe("a.mp3")\n'
        "    print(((await transcript.get_sentences())[0].words or [])[0].{attr})\n",
        "speaker",
        "speakr",
    ),
    (
        "streaming turn (typed handler)",
        _STREAMING
        + "\n\ndef on_turn(client: StreamingClient, event: TurnEvent) -> None:\n"
        + "    print(event.{attr})\n\n\n"
        + "client.on(StreamingEvents.Turn, on_turn)\n",
        "transcript",
        "transcirpt",
    ),
    (
        "streaming turn (lambda handler)",
        _STREAMING + "client.on(StreamingEvents.Turn, lambda c, event: print(event.{attr}))\n",
        "end_of_turn",
        "end_of_trun",
    ),
]


def _module_name(case: str, spelling: str) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '_', case.lower()).strip('_')}_{spelling}"


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """mypy's error lines per program, from one ``mypy --strict`` run over all of them."""
    root = tmp_path_factory.mktemp("typing_snippets")
    files: dict[str, Path] = {}
    for case, program, right, wrong in CASES:
        for spelling, attr in (("right", right), ("wrong", wrong)):
            name = _module_name(case, spelling)
            path = root / f"{name}.py"
            path.write_text(textwrap.dedent(program).replace("{attr}", attr), encoding="utf-8")
            files[name] = path
    stdout, stderr, _status = mypy_api.run(
        [
            "--strict",
            "--no-error-summary",
            "--show-error-codes",
            "--cache-dir",
            str(root / ".mypy_cache"),
            *(str(p) for p in files.values()),
        ]
    )
    assert not stderr.strip(), f"mypy could not run: {stderr}"
    errors: dict[str, list[str]] = {name: [] for name in files}
    for line in stdout.splitlines():
        module = Path(line.split(":", 1)[0]).stem
        if module in errors and ": error:" in line:
            errors[module].append(line)
    return errors


@pytest.mark.parametrize(("case", "program", "right", "wrong"), CASES, ids=[c[0] for c in CASES])
def test_right_spelling_passes_mypy_strict(
    mypy_errors: dict[str, list[str]], case: str, program: str, right: str, wrong: str
) -> None:
    assert mypy_errors[_module_name(case, "right")] == []


@pytest.mark.parametrize(("case", "program", "right", "wrong"), CASES, ids=[c[0] for c in CASES])
def test_misspelling_is_flagged_by_mypy_strict(
    mypy_errors: dict[str, list[str]], case: str, program: str, right: str, wrong: str
) -> None:
    reported = mypy_errors[_module_name(case, "wrong")]
    assert any(f'"{wrong}"' in line for line in reported), (
        f"mypy --strict let `.{wrong}` through on a {case}: the value is typed too loosely. "
        f"mypy said: {reported}"
    )
