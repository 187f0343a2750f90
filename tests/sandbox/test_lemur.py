"""LeMUR: deterministic answers from the transcripts' text, stored responses, purging."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from assemblyai.testing import FakeAssemblyAI

from .conftest import ManualClock, create, finished

MODEL = "anthropic/claude-3-5-sonnet"
TEXT = (
    "The launch moved to March. We need to hire two engineers. "
    "Budget is fine. Sarah will write the plan."
)


@pytest.fixture
def transcript_id(client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI) -> str:
    fake.register_script("https://example.com/meeting.mp3", text=TEXT)
    transcript_id: str = finished(client, clock, audio_url="https://example.com/meeting.mp3")["id"]
    return transcript_id


def lemur(client: httpx.Client, endpoint: str, **body: Any) -> dict[str, Any]:
    body.setdefault("final_model", MODEL)
    response = client.post(f"/lemur/v3/generate/{endpoint}", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_summary_task_and_action_items(client: httpx.Client, transcript_id: str) -> None:
    summary = lemur(client, "summary", transcript_ids=[transcript_id])
    assert (
        summary["response"]
        == "The launch moved to March. We need to hire two engineers. Budget is fine."
    )
    bullets = lemur(
        client, "summary", transcript_ids=[transcript_id], answer_format="bullet points"
    )
    assert bullets["response"].startswith("- The launch moved to March.\n- ")
    task = lemur(client, "task", transcript_ids=[transcript_id], prompt="Who will write the plan?")
    assert "Sarah will write the plan." in task["response"]
    items = lemur(client, "action-items", transcript_ids=[transcript_id])
    assert items["response"] == "- We need to hire two engineers.\n- Sarah will write the plan."
    for body in (summary, task, items):
        assert set(body) == {"request_id", "usage", "response"}
        assert body["usage"]["input_tokens"] > 0 and body["usage"]["output_tokens"] > 0
    assert len({summary["request_id"], task["request_id"], items["request_id"]}) == 3


def test_question_answer(client: httpx.Client, transcript_id: str) -> None:
    body = lemur(
        client,
        "question-answer",
        transcript_ids=[transcript_id],
        questions=[
            {"question": "When is the launch?", "answer_options": ["June", "March"]},
            {"question": "How many engineers to hire?"},
            {"question": "Anything?", "answer_options": ["Yes", "No"]},
        ],
    )
    assert body["response"] == [
        {"question": "When is the launch?", "answer": "March"},
        {"question": "How many engineers to hire?", "answer": "We need to hire two engineers."},
        {"question": "Anything?", "answer": "Yes"},
    ]


def test_input_text_and_several_transcripts(
    client: httpx.Client, transcript_id: str, clock: ManualClock
) -> None:
    body = lemur(client, "summary", input_text="Only this. Nothing more.")
    assert body["response"] == "Only this. Nothing more."
    other = finished(client, clock)["id"]
    both = lemur(client, "summary", transcript_ids=[other, transcript_id])
    assert both["response"].startswith("Welcome to the weekly planning call.")


def test_bad_sources(client: httpx.Client, transcript_id: str) -> None:
    unknown = client.post(
        "/lemur/v3/generate/summary", json={"final_model": MODEL, "transcript_ids": ["nope"]}
    )
    assert unknown.status_code == 400 and "nope" in unknown.json()["error"]
    pending = create(client)["id"]
    unfinished = client.post(
        "/lemur/v3/generate/summary", json={"final_model": MODEL, "transcript_ids": [pending]}
    )
    assert unfinished.status_code == 400 and "not completed" in unfinished.json()["error"]
    nothing = client.post("/lemur/v3/generate/summary", json={"final_model": MODEL})
    assert nothing.status_code == 400 and "transcript_ids or input_text" in nothing.json()["error"]


def test_stored_responses_and_purge(client: httpx.Client, transcript_id: str) -> None:
    task = lemur(client, "task", transcript_ids=[transcript_id], prompt="Summarise.")
    answers = lemur(
        client, "question-answer", transcript_ids=[transcript_id], questions=[{"question": "Q?"}]
    )
    # Fetched again, a result also echoes its request.
    again = client.get(f"/lemur/v3/{task['request_id']}").json()
    assert again.pop("request")["prompt"] == "Summarise." and again == task
    again = client.get(f"/lemur/v3/{answers['request_id']}").json()
    assert again.pop("request")["questions"] == [{"question": "Q?"}] and again == answers
    purged = client.delete(f"/lemur/v3/{task['request_id']}").json()
    assert purged["request_id_to_purge"] == task["request_id"] and purged["deleted"] is True
    assert purged["request_id"] != task["request_id"]
    assert client.get(f"/lemur/v3/{task['request_id']}").status_code == 404
    assert client.delete(f"/lemur/v3/{task['request_id']}").status_code == 404
