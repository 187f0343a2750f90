"""The request bodies, without a server: what the checks build is exactly what is sent."""

from __future__ import annotations

from typing import Any

import pytest

import assemblyai as aai
from assemblyai._generated.rest.models import (
    LlmGatewayTool,
    LlmGatewayToolMessage,
    LlmGatewayUserAssistantSystemMessage,
)
from assemblyai.llm_gateway import _operations
from assemblyai.llm_gateway._request import chat_body, understanding_body

TOOL = aai.llm_gateway.function_tool("f", {"type": "object"}, "Does f")

BODIES: list[dict[str, Any]] = [
    chat_body(model="m", prompt="hi"),
    chat_body(
        model="m",
        messages=[
            LlmGatewayUserAssistantSystemMessage(role="user", content="hi"),
            {"role": "assistant", "content": "", "tool_calls": [{"id": "c1"}]},
            LlmGatewayToolMessage(role="tool", content="42", tool_call_id="c1"),
            {"role": "user", "content": [{"type": "text", "text": "and?"}], "name": "ann"},
        ],
        tools=[TOOL, LlmGatewayTool.from_dict(TOOL)],
        tool_choice="auto",
        max_tokens=10,
        temperature=0,
    ),
    chat_body(model="m", prompt="x", json_schema={"type": "object", "properties": {}}),
    chat_body(
        model="m",
        prompt="x",
        response_format={"type": "json_schema", "json_schema": {"name": "n", "schema": {}}},
        tool_choice={"type": "function", "function": {"name": "f"}},
        tools=[TOOL],
    ),
]


@pytest.mark.parametrize("body", BODIES)
def test_the_generated_request_sends_the_body_unchanged(body: dict[str, Any]) -> None:
    assert _operations.chat_completion(body).request["json"] == body


def test_generated_message_models_are_sent_as_their_json() -> None:
    messages = BODIES[1]["messages"]
    assert messages[0] == {"role": "user", "content": "hi"}
    assert messages[1]["tool_calls"] == [{"id": "c1"}]  # unknown keys are kept
    assert messages[2] == {"role": "tool", "content": "42", "tool_call_id": "c1"}
    assert BODIES[1]["tools"][0] == BODIES[1]["tools"][1]


def test_the_understanding_body_is_sent_unchanged() -> None:
    body = understanding_body(
        "t1",
        translation={"target_languages": ("es",), "formal": False},
        speaker_identification={"speaker_type": aai.SpeakerType.role, "known_values": ["a"]},
        custom_formatting={"email": "username@domain.com"},
    )
    assert body == {
        "transcript_id": "t1",
        "speech_understanding": {
            "request": {
                "translation": {"target_languages": ["es"], "formal": False},
                "speaker_identification": {"speaker_type": "role", "known_values": ["a"]},
                "custom_formatting": {"email": "username@domain.com"},
            }
        },
    }
    assert _operations.understanding(body).request["json"] == body


def test_lone_surrogates_are_refused_before_sending() -> None:
    with pytest.raises(aai.ConfigurationError, match="cannot be sent"):
        chat_body(model="m", prompt="bad \ud800 text")
