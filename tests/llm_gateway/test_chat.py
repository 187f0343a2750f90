"""Chat completions through both shells against the sandbox: what is sent, what is read."""

from __future__ import annotations

import json
from typing import Any

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._schema import SchemaValidator

from .conftest import MODEL, SCRIPT_TEXT, SyncGateway, sent_bodies


def test_a_prompt_is_sent_as_one_user_message(fake: FakeAssemblyAI, gateway: SyncGateway) -> None:
    answer = gateway.chat(f"Summarize this call: {SCRIPT_TEXT}", max_tokens=200, temperature=0.2)
    assert sent_bodies(fake) == [
        {
            "model": MODEL,
            "messages": [{"role": "user", "content": f"Summarize this call: {SCRIPT_TEXT}"}],
            "max_tokens": 200,
            "temperature": 0.2,
        }
    ]
    # The sandbox's summary is the first sentences of the text it was given.
    assert answer.text == answer.content
    assert answer.text is not None and answer.text.startswith("We need to ship the release")
    assert str(answer) == answer.text
    assert answer.finish_reason == "stop"
    assert answer.usage is not None
    assert answer.usage.total_tokens == answer.usage.input_tokens + answer.usage.output_tokens > 0
    assert isinstance(answer.request_id, str) and answer.request_id
    assert answer.response.request is not None and answer.response.request.model == MODEL
    assert answer.to_dict()["choices"][0]["message"]["content"] == answer.text


def test_messages_are_sent_as_given_with_a_system_message_first(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": SCRIPT_TEXT},
        {"role": "assistant", "content": "Noted."},
        {"role": "user", "content": [{"type": "text", "text": "Who writes the notes?"}]},
    ]
    answer = gateway.chat(messages=messages, system="Answer briefly.", model="gpt-4.1")
    assert sent_bodies(fake) == [
        {
            "model": "gpt-4.1",
            "messages": [{"role": "system", "content": "Answer briefly."}, *messages],
        }
    ]
    # A question is answered with the sentence of the conversation that shares most words.
    assert answer.text == "Alice will write the release notes."


def test_max_tokens_cuts_the_answer(fake: FakeAssemblyAI, gateway: SyncGateway) -> None:
    answer = gateway.chat(f"Summarize: {SCRIPT_TEXT}", max_tokens=4)
    assert answer.finish_reason == "length"
    assert answer.text is not None and len(answer.text.split()) <= 4


ACTION_ITEMS = {
    "type": "object",
    "properties": {
        "items": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "properties": {
                    "owner": {"type": "string"},
                    "task": {"type": "string", "maxLength": 80},
                    "priority": {"enum": ["low", "high"]},
                    "days": {"type": "integer", "minimum": 1, "maximum": 30},
                },
                "required": ["owner", "task", "priority", "days"],
                "additionalProperties": False,
            },
        },
        "sentiment": {"type": "string", "enum": ["positive", "budget looks fine"]},
        "done": {"type": "boolean"},
        "score": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    },
    "required": ["items", "sentiment", "done", "score"],
    "additionalProperties": False,
}


def test_structured_output_is_parsed_and_valid_against_the_schema(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    answer = gateway.chat(
        f"List the action items of this call: {SCRIPT_TEXT}",
        json_schema=ACTION_ITEMS,
        schema_name="action_items",
    )
    assert sent_bodies(fake)[0]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "action_items", "schema": ACTION_ITEMS, "strict": True},
    }
    parsed = answer.parsed
    assert isinstance(parsed, dict)
    assert (
        SchemaValidator(ACTION_ITEMS, composition="json-schema").validate(parsed, ACTION_ITEMS)
        == []
    )
    assert json.loads(answer.text or "") == parsed
    assert len(parsed["items"]) == 2
    # Choices come from the text: the option that shares words with the transcript.
    assert parsed["sentiment"] == "budget looks fine"


def test_the_api_s_own_response_format_object_works_too(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    schema = {"type": "array", "items": {"type": "string"}, "minItems": 1}
    answer = gateway.chat(
        "Topics?",
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "topics", "schema": schema},
        },
    )
    assert isinstance(answer.parsed, list) and answer.parsed
    assert "strict" not in sent_bodies(fake)[0]["response_format"]["json_schema"]


def test_an_answer_that_is_not_the_json_asked_for_is_a_typed_error(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    fake.serve_body(
        "createChatCompletion",
        {
            "request_id": "r1",
            "choices": [
                {"message": {"role": "assistant", "content": '{"cut'}, "finish_reason": "length"}
            ],
            "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2},
        },
    )
    with pytest.raises(aai.APIResponseValidationError) as caught:
        gateway.chat("Anything", json_schema={"type": "object"})
    assert isinstance(caught.value, aai.LLMGatewayError)
    assert "raise max_tokens" in str(caught.value)


WEATHER = aai.llm_gateway.function_tool(
    "get_weather",
    {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    description="The weather in a city",
)
CLOCK = aai.llm_gateway.function_tool("get_time", {"type": "object", "properties": {}})


def test_the_model_calls_a_tool_and_then_answers_with_its_result(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    first = gateway.chat("What is the weather in Paris?", tools=[CLOCK, WEATHER])
    assert first.finish_reason == "tool_calls" and first.text == ""
    [call] = first.tool_calls
    assert call.function.name == "get_weather"
    assert isinstance(json.loads(call.function.arguments)["city"], str)

    messages = [
        {"role": "user", "content": "What is the weather in Paris?"},
        {"role": "tool", "content": "Sunny, 21 C", "tool_call_id": call.id},
    ]
    second = gateway.chat(messages=messages, tools=[CLOCK, WEATHER])
    assert second.tool_calls == []
    assert second.text == "The tool answered: Sunny, 21 C"
    assert sent_bodies(fake)[1]["messages"] == messages


def test_tool_choice_names_the_tool_that_must_be_called(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    answer = gateway.chat("What is the weather?", tools=[CLOCK, WEATHER], tool_choice="get_time")
    assert [c.function.name for c in answer.tool_calls] == ["get_time"]
    assert sent_bodies(fake)[0]["tool_choice"] == {
        "type": "function",
        "function": {"name": "get_time"},
    }
    none = gateway.chat("What is the weather?", tools=[WEATHER], tool_choice="none")
    assert none.tool_calls == [] and none.text


def test_tool_calls_on_the_message_openai_style_are_read_too(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    fake.serve_body(
        "createChatCompletion",
        {"choices": [{"message": {"role": "assistant", "content": "", "tool_calls": [call]}}]},
    )
    answer = gateway.chat("Hi", tools=[WEATHER])
    assert [c.to_dict() for c in answer.tool_calls] == [call]
    assert answer.usage is None and answer.request_id is None  # missing fields read as None


# -- errors -------------------------------------------------------------------------------


def test_a_wrong_key_is_an_authentication_error(
    fake: FakeAssemblyAI, shell: type[SyncGateway]
) -> None:
    with pytest.raises(aai.AuthenticationError) as caught:
        shell(api_key="wrong-key-123456").chat("Hi")
    assert isinstance(caught.value, aai.LLMGatewayError)
    assert "wrong-key-123456" not in str(caught.value) and "wrong-key-123456" not in repr(
        caught.value
    )
    assert caught.value.status_code == 401
    assert str(caught.value).startswith("failed to get a chat completion from LLM Gateway: ")


def test_the_gateway_s_400_message_reaches_the_error(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    with pytest.raises(aai.BadRequestError) as caught:
        gateway.chat("Hi", json_schema={"type": "no-such-type"})
    assert isinstance(caught.value, aai.LLMGatewayError)
    assert "Invalid JSON schema in response_format" in str(caught.value)
    assert caught.value.body["error"]["code"] == 400


def test_a_body_in_the_gateway_s_shape_is_read(fake: FakeAssemblyAI, gateway: SyncGateway) -> None:
    fake.serve_body(
        "createChatCompletion",
        {"error": {"code": 400, "message": "Model 'x' is not available", "metadata": {}}},
        status=400,
        times=1,
    )
    with pytest.raises(aai.BadRequestError, match="Model 'x' is not available"):
        gateway.chat("Hi")


def test_429_is_retried(fake: FakeAssemblyAI, gateway: SyncGateway) -> None:
    rule = fake.faults.add("createChatCompletion", statuses=[429, 503])
    answer = gateway.chat("Hello there.")
    assert answer.text and rule.hits == 2
    assert len(fake.requests_to("POST /v1/chat/completions")) == 3


def test_500_is_not_retried_since_the_model_may_have_run(
    fake: FakeAssemblyAI, gateway: SyncGateway
) -> None:
    fake.faults.add("createChatCompletion", statuses=[500])
    with pytest.raises(aai.InternalServerError) as caught:
        gateway.chat("Hello there.")
    assert isinstance(caught.value, aai.LLMGatewayError)
    assert len(fake.requests_to("POST /v1/chat/completions")) == 1


def test_retries_give_up_with_the_status(fake: FakeAssemblyAI, gateway: SyncGateway) -> None:
    fake.faults.add("createChatCompletion", statuses=[429], persistent=True)
    with pytest.raises(aai.RateLimitError, match="after 2 attempts"):
        gateway.chat("Hello there.", max_retries=1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"model": None}, "model must name an LLM Gateway model"),
        ({}, "Nothing to ask"),
        ({"prompt": "a", "messages": [{"role": "user", "content": "b"}]}, "not both"),
        ({"prompt": "a", "temperature": 2.5}, "temperature must be a number between 0 and 2"),
        ({"prompt": "a", "max_tokens": 0}, "max_tokens must be an integer >= 1"),
        ({"messages": [{"role": "robot", "content": "b"}]}, "messages[0].role must be one of"),
        ({"messages": [{"role": "tool", "content": "b"}]}, "messages[0].tool_call_id"),
        ({"messages": []}, "a non-empty list of messages"),
        ({"prompt": "a", "tools": [{"type": "function", "function": {"name": "f"}}]}, "parameters"),
        ({"prompt": "a", "tools": [WEATHER], "tool_choice": "get_time"}, "tool_choice must be"),
        ({"prompt": "a", "json_schema": {}, "response_format": {}}, "not both"),
        ({"prompt": "a", "schema_name": "x"}, "pass the schema too"),
    ],
)
def test_bad_arguments_fail_before_anything_is_sent(
    fake: FakeAssemblyAI, gateway: SyncGateway, kwargs: dict[str, Any], message: str
) -> None:
    kwargs = dict(kwargs)  # the parameters are shared by both shells' runs
    if "model" in kwargs:
        gateway.options["model"] = kwargs.pop("model")
        kwargs["prompt"] = "a"
    with pytest.raises(aai.ConfigurationError) as caught:
        gateway.chat(**kwargs)
    assert message in str(caught.value)
    assert fake.requests == []


def test_a_404_names_the_gateway_s_host_setting(fake: FakeAssemblyAI, gateway: SyncGateway) -> None:
    fake.faults.add("createChatCompletion", statuses=[404])
    with pytest.raises(aai.NotFoundError) as caught:
        gateway.chat("Hi")
    assert "Check aai.settings.llm_gateway_base_url" in str(caught.value)
    assert "such as https://llm-gateway.assemblyai.com, without /v1" in str(caught.value)
