"""Every REST payload in ``../shared/realworld`` read through the public API, values kept.

Each body is served by the sandbox (``fake.serve_body``: the request is still checked against
the spec, the captured body is sent as it is) and read the way the payload set's README says
for its kind; :func:`~tests.realworld.exposure.missing_values` then checks that each value in
the body is exposed on what the SDK returned. Streaming sessions (``streaming_v3``,
``realtime_v2``) are read by the streaming suite; any other kind fails here, so a new kind of
payload cannot go unread.

``ASSEMBLYAI_REALWORLD_DIR`` points the test at another set of the same layout.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

from .exposure import TRANSCRIPT_RENAMES, missing_values

_DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "realworld"
REALWORLD = Path(os.environ.get("ASSEMBLYAI_REALWORLD_DIR") or _DEFAULT_DIR)

if not REALWORLD.is_dir():
    pytest.skip(
        f"the real-world payload set is absent ({REALWORLD}); it lives in ../shared/realworld",
        allow_module_level=True,
    )

REST_KINDS = {
    "transcript",
    "transcript_list",
    "sentences",
    "word_search",
    "lemur",
    "lemur_purge",
    "upload",
}
STREAMING_KINDS = {"streaming_v3", "realtime_v2"}
AUDIO_URL = "https://example.org/realworld.mp3"
DELETED = "http://deleted_by_user"


def _payloads(kind: str) -> list[Any]:
    files = sorted((REALWORLD / kind).glob("*.json"))
    return [pytest.param(path, id=path.stem) for path in files]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _assert_exposed(problems: list[str], path: Path) -> None:
    assert not problems, f"{path.parent.name}/{path.name}: values not exposed:\n" + "\n".join(
        f"  - {p}" for p in problems
    )


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(processing_time=0, queue_time=0) as sandbox:
        yield sandbox


def _completed_transcript(fake: FakeAssemblyAI) -> aai.Transcript:
    """A sandbox transcript to call the exports on, before a captured body is served."""
    transcript = aai.Transcriber().transcribe(AUDIO_URL)
    assert transcript.status == aai.TranscriptStatus.completed
    return transcript


def test_every_kind_of_payload_has_a_reader() -> None:
    kinds = {p.name for p in REALWORLD.iterdir() if p.is_dir()}
    assert kinds - REST_KINDS - STREAMING_KINDS == set()
    assert kinds & REST_KINDS, f"no REST payloads under {REALWORLD}"


# --- transcripts ----------------------------------------------------------------------------


# 0.45.4's rule, kept: an analysis result the request did not ask for, which the API reports
# as "unavailable", reads as None on the transcript; its values stay in `json_response`.
_UNREQUESTED_RESULTS = {
    "content_safety_labels": "content_safety",
    "iab_categories_result": "iab_categories",
}


def _transcript_problems(transcript: aai.Transcript, body: dict[str, Any]) -> list[str]:
    renames = dict(TRANSCRIPT_RENAMES)
    problems: list[str] = []
    for result, flag in _UNREQUESTED_RESULTS.items():
        value = body.get(result)
        if isinstance(value, dict) and not body.get(flag) and value.get("status") == "unavailable":
            renames[result] = None
            if getattr(transcript, TRANSCRIPT_RENAMES[result]) is not None:
                problems.append(f"$.{result}: unrequested and unavailable, but not read as None")
    return problems + missing_values(
        transcript,
        body,
        renames=renames,
        extra=[transcript.config, transcript.json_response],
    )


def _transcripts(*, finished: bool | None = None, with_id: bool = False) -> list[Any]:
    chosen = []
    for param in _payloads("transcript"):
        body = _load(param.values[0])
        if finished is not None and (body.get("status") in ("completed", "error")) != finished:
            continue
        if with_id and "id" not in body:
            continue
        chosen.append(param)
    return chosen


def test_every_transcript_body_is_read_by_some_call() -> None:
    read = {p.values[0] for p in _transcripts(finished=True) + _transcripts(with_id=True)}
    unread = {p.values[0] for p in _payloads("transcript")} - read
    assert not unread, f"neither finished nor with an id, so no call reads them: {unread}"


@pytest.mark.parametrize("path", _transcripts(finished=True))
def test_transcript_get_by_id(fake: FakeAssemblyAI, path: Path) -> None:
    # get_by_id waits for a final status, as 0.45.4's did; bodies still queued are POST
    # answers and are read by submit below.
    body = _load(path)
    fake.serve_body("GET /v2/transcript/{transcript_id}", body)
    transcript = aai.Transcript.get_by_id(str(body.get("id", "00000000-0000-0000-0000-0000")))
    _assert_exposed(_transcript_problems(transcript, body), path)


@pytest.mark.parametrize("path", _transcripts(with_id=True))
def test_transcript_submit(fake: FakeAssemblyAI, path: Path) -> None:
    # Only bodies with an id: creating a transcript cannot go on without one (a typed error).
    body = _load(path)
    fake.serve_body("POST /v2/transcript", body, times=1)
    transcript = aai.Transcriber().submit(AUDIO_URL)
    assert transcript.id == body["id"]
    _assert_exposed(_transcript_problems(transcript, body), path)


@pytest.mark.parametrize(
    "path",
    [p for p in _transcripts(with_id=True) if _load(p.values[0]).get("audio_url") == DELETED],
)
def test_transcript_delete_by_id(fake: FakeAssemblyAI, path: Path) -> None:
    body = _load(path)
    fake.serve_body("DELETE /v2/transcript/{transcript_id}", body, times=1)
    deleted = aai.Transcript.delete_by_id(body["id"])
    _assert_exposed(_transcript_problems(deleted, body), path)


# --- the other REST answers -----------------------------------------------------------------


@pytest.mark.parametrize("path", _payloads("transcript_list"))
def test_list_transcripts(fake: FakeAssemblyAI, path: Path) -> None:
    body = _load(path)
    fake.serve_body("GET /v2/transcript", body)
    page = aai.Transcriber().list_transcripts()
    _assert_exposed(missing_values(page, body), path)


@pytest.mark.parametrize("path", _payloads("sentences"))
def test_get_sentences(fake: FakeAssemblyAI, path: Path) -> None:
    # The call returns the list, as 0.45.4's did; the envelope (id, confidence...) is not
    # part of what it hands out.
    body = _load(path)
    transcript = _completed_transcript(fake)
    fake.serve_body("GET /v2/transcript/{transcript_id}/sentences", body, times=1)
    sentences = transcript.get_sentences()
    _assert_exposed(
        missing_values({"sentences": sentences}, {"sentences": body["sentences"]}), path
    )


@pytest.mark.parametrize("path", _payloads("word_search"))
def test_word_search(fake: FakeAssemblyAI, path: Path) -> None:
    # As with sentences, the call returns the matches only (0.45.4's shape).
    body = _load(path)
    transcript = _completed_transcript(fake)
    fake.serve_body("GET /v2/transcript/{transcript_id}/word-search", body, times=1)
    matches = transcript.word_search([m["text"] for m in body["matches"]] or ["word"])
    _assert_exposed(missing_values({"matches": matches}, {"matches": body["matches"]}), path)


@pytest.mark.parametrize("path", _payloads("lemur"))
def test_lemur_get_response_data(fake: FakeAssemblyAI, path: Path) -> None:
    body = _load(path)
    fake.serve_body("GET /lemur/v3/{request_id}", body, times=1)
    answer = aai.Lemur().get_response_data(body["request_id"])
    _assert_exposed(missing_values(answer, body), path)


@pytest.mark.parametrize("path", _payloads("lemur"))
def test_lemur_calls(fake: FakeAssemblyAI, path: Path) -> None:
    body = _load(path)
    lemur = aai.Lemur(sources=[aai.LemurTranscriptSource("5552493-16d8-42d8-8feb-c2a16b56f6e8")])
    if isinstance(body.get("response"), list):
        fake.serve_body("POST /lemur/v3/generate/question-answer", body, times=1)
        questions = [aai.LemurQuestion(question=qa["question"]) for qa in body["response"]]
        answers: list[Any] = [lemur.question(questions or [aai.LemurQuestion(question="Why?")])]
    else:
        answers = []
        calls: list[tuple[str, Callable[[], Any]]] = [
            ("task", lambda: lemur.task("List the claims.")),
            ("summary", lemur.summarize),
            ("action-items", lemur.action_items),
        ]
        for endpoint, call in calls:
            fake.serve_body(f"POST /lemur/v3/generate/{endpoint}", body, times=1)
            answers.append(call())
    for answer in answers:
        _assert_exposed(missing_values(answer, body), path)


@pytest.mark.parametrize("path", _payloads("lemur_purge"))
def test_lemur_purge(fake: FakeAssemblyAI, path: Path) -> None:
    body = _load(path)
    fake.serve_body("DELETE /lemur/v3/{request_id}", body, times=1)
    result = aai.Lemur.purge_request_data(body["request_id_to_purge"])
    _assert_exposed(missing_values(result, body), path)


@pytest.mark.parametrize("path", _payloads("upload"))
def test_upload_file(fake: FakeAssemblyAI, path: Path) -> None:
    body = _load(path)
    fake.serve_body("POST /v2/upload", body, times=1)
    upload_url = aai.Transcriber().upload_file(b"RIFF....WAVEfmt ")
    _assert_exposed(missing_values({"upload_url": upload_url}, body), path)
