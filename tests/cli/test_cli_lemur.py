"""``assemblyai lemur ...`` against the sandbox (its answers are derived from the text)."""

from __future__ import annotations

import json

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

from .conftest import Runner

TEXT = (
    "We met to plan the launch. Maria will send the budget by Friday. "
    "The launch is in Berlin. We need to update the training."
)


@pytest.fixture
def transcript_id(fake: FakeAssemblyAI) -> str:
    fake.register_script("https://example.com/meeting.mp3", text=TEXT)
    transcript_id = aai.Transcriber().transcribe("https://example.com/meeting.mp3").id
    assert transcript_id is not None
    return transcript_id


def test_task(cli: Runner, fake: FakeAssemblyAI, transcript_id: str) -> None:
    result = cli("lemur", "task", "Where is the launch?", "--transcript", transcript_id)
    assert result.code == 0, result.err
    assert "Berlin" in result.out
    assert result.err_lines[0].startswith("assemblyai: request id ")
    assert fake.count("POST /lemur/v3/generate/task") == 1


def test_task_json(cli: Runner, fake: FakeAssemblyAI, transcript_id: str) -> None:
    result = cli(
        "lemur", "task", "Summarize", "-t", transcript_id, "--json",
        "--final-model", "anthropic/claude-3-5-sonnet", "--temperature", "0.2",
        "--max-output-size", "500",
    )  # fmt: skip
    body = json.loads(result.out)
    assert {"request_id", "response", "usage"} <= set(body)
    assert result.err == ""


def test_summarize(cli: Runner, transcript_id: str) -> None:
    result = cli(
        "lemur", "summarize", "--transcript", transcript_id, "--answer-format", "bullet points"
    )
    assert result.code == 0
    assert result.out.startswith("- We met to plan the launch.")


def test_action_items(cli: Runner, transcript_id: str) -> None:
    result = cli("lemur", "action-items", "--transcript", transcript_id, "--context", "a meeting")
    assert result.code == 0
    assert "- Maria will send the budget by Friday." in result.out.splitlines()


def test_question(cli: Runner, fake: FakeAssemblyAI, transcript_id: str) -> None:
    result = cli(
        "lemur", "question", "Where is the launch?", "Who sends the budget?",
        "--transcript", transcript_id,
    )  # fmt: skip
    assert result.code == 0
    assert result.out.startswith("Q: Where is the launch?\nA: ")
    assert "Q: Who sends the budget?" in result.out
    options = cli(
        "lemur", "question", "Which city?", "-t", transcript_id,
        "--answer-options", "Paris,Berlin", "--json",
    )  # fmt: skip
    assert json.loads(options.out)["response"] == [{"question": "Which city?", "answer": "Berlin"}]


def test_several_transcripts(cli: Runner, fake: FakeAssemblyAI, transcript_id: str) -> None:
    fake.register_script("https://example.com/2.mp3", text="A second call about Paris.")
    other = aai.Transcriber().transcribe("https://example.com/2.mp3").id
    result = cli("lemur", "summarize", "-t", transcript_id, "-t", str(other), "--json")
    assert result.code == 0
    commas = cli("lemur", "summarize", "--transcript", f"{transcript_id},{other}", "--json")
    assert commas.code == 0, commas.err
    bodies = [r.json for r in fake.requests if r.path == "/lemur/v3/generate/summary"]
    assert [b["transcript_ids"] for b in bodies] == [[transcript_id, other]] * 2


@pytest.mark.parametrize("command", ["task", "question"])
def test_transcript_flag_before_the_prompt(
    cli: Runner, fake: FakeAssemblyAI, transcript_id: str, command: str
) -> None:
    """The flag takes one value, so a prompt written after it stays the prompt."""
    result = cli("lemur", command, "--transcript", transcript_id, "Where is the launch?", "--json")
    assert result.code == 0, result.err
    [request] = [r for r in fake.requests if r.path.startswith("/lemur/v3/generate/")]
    assert request.json["transcript_ids"] == [transcript_id]
    assert "Where is the launch?" in json.dumps(request.json)


def test_empty_transcript_id_is_a_usage_error(cli: Runner, transcript_id: str) -> None:
    result = cli("lemur", "summarize", "--transcript", f"{transcript_id},")
    assert result.code == 2
    assert "empty transcript id" in result.err


def test_input_text(cli: Runner, fake: FakeAssemblyAI) -> None:
    result = cli("lemur", "task", "What city?", "--input-text", "The office is in Lisbon.")
    assert result.code == 0
    assert "Lisbon" in result.out


def test_needs_something_to_read(cli: Runner, fake: FakeAssemblyAI) -> None:
    result = cli("lemur", "summarize")
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert fake.requests == []


def test_purge_and_get(cli: Runner, fake: FakeAssemblyAI, transcript_id: str) -> None:
    answer = json.loads(cli("lemur", "task", "Where?", "-t", transcript_id, "--json").out)
    request_id = answer["request_id"]
    again = cli("lemur", "get", request_id)
    assert again.out.strip() == answer["response"].strip()
    purged = cli("lemur", "purge", request_id)
    assert (purged.code, purged.out) == (0, f"purged {request_id}\n")
    assert cli("lemur", "get", request_id).code == 1  # gone
    other = json.loads(cli("lemur", "summarize", "-t", transcript_id, "--json").out)["request_id"]
    as_json = json.loads(cli("lemur", "purge", other, "--json").out)
    assert (as_json["request_id_to_purge"], as_json["deleted"]) == (other, True)


def test_purge_unknown_request_exits_1(cli: Runner, fake: FakeAssemblyAI) -> None:
    result = cli("lemur", "purge", "no-such-request")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "no-such-request" in result.err
