"""The sandbox's LLM Gateway, spoken to in plain HTTP: checks, error shapes, answers."""

from __future__ import annotations

import json
from typing import Any

import httpx

from assemblyai.testing import FakeAssemblyAI

from .conftest import ManualClock, create, finished

CHAT = "/v1/chat/completions"
UNDERSTANDING = "/v1/understanding"


def _gateway_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == status
    message: str = body["error"]["message"]
    return message


def test_a_request_off_the_spec_is_refused_in_the_gateway_s_shape(
    fake: FakeAssemblyAI, client: httpx.Client
) -> None:
    response = client.post(
        CHAT, json={"model": "m", "messages": [{"role": "robot", "content": "hi"}]}
    )
    assert "messages" in _gateway_error(response, 400)
    assert [v.target for v in fake.violations] == [CHAT]
    response = client.post(CHAT, json={"model": "m", "prompt": "hi", "temperature": 9})
    assert "temperature" in _gateway_error(response, 400)


def test_a_wrong_key_is_refused_in_the_gateway_s_shape(
    fake: FakeAssemblyAI, client: httpx.Client
) -> None:
    response = client.post(
        CHAT, json={"model": "m", "prompt": "hi"}, headers={"Authorization": "x"}
    )
    assert "API token" in _gateway_error(response, 401)


def test_the_api_s_own_prompt_field_is_answered(client: httpx.Client) -> None:
    response = client.post(
        CHAT, json={"model": "m", "prompt": "Summarize: One thing happened. Then another."}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["choices"][0]["message"]["content"] == "One thing happened. Then another."
    usage = body["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert body["request"] == {"model": "m"}


def test_what_the_sandbox_cannot_do_is_a_400(client: httpx.Client) -> None:
    response = client.post(CHAT, json={"model": "m", "prompt": "hi", "stream": True})
    assert "stream" in _gateway_error(response, 400)
    tool = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
    response = client.post(
        CHAT,
        json={
            "model": "m",
            "prompt": "hi",
            "tools": [tool],
            "tool_choice": {"type": "function", "function": {"name": "g"}},
        },
    )
    assert "'g'" in _gateway_error(response, 400)
    response = client.post(CHAT, json={"model": "m"})
    assert "prompt or messages" in _gateway_error(response, 400)


def test_structured_output_follows_refs_and_bounds(client: httpx.Client) -> None:
    schema = {
        "type": "object",
        "$defs": {"item": {"type": "string", "minLength": 3}},
        "properties": {
            "list": {"type": "array", "items": {"$ref": "#/$defs/item"}, "minItems": 3},
            "ratio": {"type": "number", "minimum": 0.5, "maximum": 0.6},
            "flag": {"const": "yes"},
            "either": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
            "maybe": {"type": ["null", "boolean"]},
        },
        "required": ["list", "ratio", "flag", "either", "maybe"],
    }
    response = client.post(
        CHAT,
        json={
            "model": "m",
            "prompt": "Anything.",
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "s", "schema": schema},
            },
        },
    )
    assert response.status_code == 200
    value = json.loads(response.json()["choices"][0]["message"]["content"])
    assert len(value["list"]) == 3 and all(len(item) >= 3 for item in value["list"])
    assert 0.5 <= value["ratio"] <= 0.6
    assert value["flag"] == "yes" and isinstance(value["either"], int) and value["maybe"] is True


def test_understanding_waits_for_a_completed_transcript(
    fake: FakeAssemblyAI, client: httpx.Client, clock: ManualClock
) -> None:
    created = create(client)
    body = {
        "transcript_id": created["id"],
        "speech_understanding": {"request": {"translation": {"target_languages": ["es"]}}},
    }
    assert "not completed" in _gateway_error(client.post(UNDERSTANDING, json=body), 400)
    clock.advance(10)
    response = client.post(UNDERSTANDING, json=body)
    assert response.status_code == 200
    text = client.get(f"/v2/transcript/{created['id']}").json()["text"]
    assert response.json()["translated_texts"] == {"es": f"[es] {text}"}


def test_understanding_needs_a_task_and_a_known_transcript(
    fake: FakeAssemblyAI, client: httpx.Client, clock: ManualClock
) -> None:
    transcript = finished(client, clock)
    response = client.post(
        UNDERSTANDING,
        json={"transcript_id": transcript["id"], "speech_understanding": {"request": {}}},
    )
    _gateway_error(response, 400)
    response = client.post(
        UNDERSTANDING,
        json={
            "transcript_id": "nope",
            "speech_understanding": {"request": {"custom_formatting": {"date": "dd/mm/yyyy"}}},
        },
    )
    assert "Transcript not found" in _gateway_error(response, 404)


def test_injected_faults_answer_in_the_gateway_s_shape(
    fake: FakeAssemblyAI, client: httpx.Client
) -> None:
    fake.faults.add("createChatCompletion", statuses=[429], message="Slow down")
    fake.faults.add("getTranscript", statuses=[500])
    response = client.post(CHAT, json={"model": "m", "prompt": "hi"})
    assert _gateway_error(response, 429) == "Slow down"
    # The REST API's own shape stays where it was.
    assert client.get("/v2/transcript/x").json() == {"error": "Internal server error"}


def test_structured_arrays_get_their_minimum_count_and_no_more_than_their_maximum(
    client: httpx.Client,
) -> None:
    schema = {
        "type": "object",
        "properties": {
            "five": {"type": "array", "items": {"enum": ["yes", "no"]}, "minItems": 5},
            "none": {"type": "array", "items": {"type": "string"}, "maxItems": 0},
        },
        "required": ["five", "none"],
    }
    response = client.post(
        CHAT,
        json={
            "model": "m",
            "prompt": "Answer each question.",
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "s", "schema": schema},
            },
        },
    )
    value = json.loads(response.json()["choices"][0]["message"]["content"])
    assert len(value["five"]) == 5 and value["none"] == []
