"""LeMUR on LLM Gateway, the pure part: model mapping, prompts, the question schema, and the
gateway's answers read back in LeMUR's shapes (assemblyai._lemur.gateway)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._lemur import gateway

QUESTIONS = [
    aai.LemurQuestion(question="Which car?", answer_format="the model name"),
    aai.LemurQuestion(question="Did they buy it?", answer_options=["yes", "no"]),
]


def answer(content: str, **extra: Any) -> dict[str, Any]:
    return {
        "request_id": "5b2c1e7a-0000-4000-8000-000000000001",
        "choices": [{"message": {"role": "assistant", "content": content}}],
        "usage": {"input_tokens": 120, "output_tokens": 7, "total_tokens": 127},
        **extra,
    }


def test_lemur_models_map_to_gateway_models(caplog: pytest.LogCaptureFixture) -> None:
    # The migration guide's own mapping.
    assert gateway.gateway_model(aai.LemurModel.claude_sonnet_4_20250514) == (
        "claude-sonnet-4-20250514"
    )
    assert gateway.gateway_model("anthropic/claude-opus-4-20250514") == "claude-opus-4-20250514"
    assert gateway.gateway_model(None) == gateway.DEFAULT_GATEWAY_MODEL
    # A gateway model named directly is sent as given.
    assert gateway.gateway_model("gemini-2.5-flash-lite") == "gemini-2.5-flash-lite"
    with caplog.at_level(logging.DEBUG, logger="assemblyai.lemur"):
        assert gateway.gateway_model(aai.LemurModel.claude3_5_sonnet) == (
            gateway.DEFAULT_GATEWAY_MODEL
        )
    assert "anthropic/claude-3-5-sonnet has no LLM Gateway counterpart" in caplog.text


def test_every_lemur_model_maps_to_a_model_name() -> None:
    for member in aai.LemurModel.__members__.values():
        mapped = gateway.gateway_model(member)
        assert mapped and "/" not in mapped, member


def test_the_chat_body_carries_the_transcripts_and_lemur_defaults() -> None:
    body = gateway.chat_body(
        "Summarize the transcript.",
        [("t1", "First call text.")],
        input_text=None,
        final_model=aai.LemurModel.claude_sonnet_4_20250514,
        max_output_size=None,
        temperature=None,
    )
    assert body == {
        "model": "claude-sonnet-4-20250514",
        "messages": [
            {
                "role": "user",
                "content": "Transcript: First call text.\n\nSummarize the transcript.",
            }
        ],
        "max_tokens": 2000,
        "temperature": 0.0,
    }


def test_several_transcripts_and_input_text_are_labelled_in_order() -> None:
    body = gateway.chat_body(
        "Task.",
        [("t1", "One."), ("t2", "Two.")],
        input_text="Three.",
        final_model=None,
        max_output_size=300,
        temperature=0.5,
    )
    content = body["messages"][0]["content"]
    assert content == (
        "Transcript 1 (id t1):\nOne.\n\nTranscript 2 (id t2):\nTwo.\n\nTranscript 3:\nThree.\n\nTask."
    )
    assert (body["max_tokens"], body["temperature"]) == (300, 0.5)


def test_prompts_carry_context_and_answer_format() -> None:
    summary = gateway.summary_prompt({"team": "sales"}, "TLDR")
    assert summary == 'Summarize the transcript.\nContext: {"team": "sales"}\nAnswer format: TLDR'
    assert "Answer format: Bullet points" in gateway.action_items_prompt(None, None)
    prompt = gateway.question_prompt(QUESTIONS, "a car dealer")
    assert "Question 1: Which car?\nAnswer format: the model name" in prompt
    assert "Question 2: Did they buy it?\nAnswer with exactly one of: yes, no" in prompt
    assert "Context: a car dealer" in prompt


def test_the_question_schema_asks_one_answer_per_question_options_as_an_enum() -> None:
    response_format = gateway.question_format(QUESTIONS)
    assert response_format["type"] == "json_schema"
    schema = response_format["json_schema"]["schema"]
    assert schema["required"] == ["answer_1", "answer_2"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["answer_1"] == {"type": "string", "description": "Which car?"}
    assert schema["properties"]["answer_2"]["enum"] == ["yes", "no"]
    assert response_format["json_schema"]["strict"] is True


def test_answers_read_back_one_per_question_in_order() -> None:
    content = json.dumps({"answer_2": "yes", "answer_1": "A red Tesla"})
    result = gateway.question_response(answer(content), QUESTIONS)
    assert isinstance(result, aai.LemurQuestionResponse)
    assert [(a.question, a.answer) for a in result.response or []] == [
        ("Which car?", "A red Tesla"),
        ("Did they buy it?", "yes"),
    ]
    assert all(isinstance(a, aai.LemurQuestionAnswer) for a in result.response or [])
    assert result.request_id == "5b2c1e7a-0000-4000-8000-000000000001"
    assert result.usage is not None
    assert (result.usage.input_tokens, result.usage.output_tokens) == (120, 7)


def test_answers_in_a_code_fence_and_non_string_values_are_read() -> None:
    content = '```json\n{"answer_1": 3, "answer_2": "no"}\n```'
    answers = gateway.read_answers(content, QUESTIONS)
    assert [a.answer for a in answers] == ["3", "no"]


def test_a_missing_answer_is_a_parse_error_not_a_short_list() -> None:
    with pytest.raises(ValueError, match="lack answer_2"):
        gateway.read_answers('{"answer_1": "x"}', QUESTIONS)
    with pytest.raises(ValueError, match="not JSON"):
        gateway.read_answers("I think it was a Tesla.", QUESTIONS)
    # One question answered in prose is still one answer.
    [single] = gateway.read_answers("A Tesla.", QUESTIONS[:1])
    assert single.answer == "A Tesla."


def test_string_responses_keep_lemur_shapes_and_get_an_id_when_the_gateway_gives_none() -> None:
    task = gateway.string_response(aai.LemurTaskResponse, answer("Done."))
    assert isinstance(task, aai.LemurTaskResponse)
    assert task.response == "Done." and task.request_id
    data = answer("Done.")
    del data["request_id"], data["usage"]
    anonymous = gateway.string_response(aai.LemurSummaryResponse, data)
    assert anonymous.request_id and anonymous.usage is None
    with pytest.raises(ValueError, match="no choices"):
        gateway.string_response(aai.LemurTaskResponse, {"choices": []})


def test_an_unfinished_transcript_is_refused_with_advice() -> None:
    assert gateway.transcript_text("t1", aai.TranscriptStatus.completed, "Hi.") == "Hi."
    with pytest.raises(
        aai.LemurError, match=r"t1 is processing, not completed.*wait_for_completion"
    ):
        gateway.transcript_text("t1", "processing", None)


def test_the_unsupported_error_says_why_and_what_to_do() -> None:
    error = gateway.unsupported_error("Lemur.purge_request_data")
    assert isinstance(error, aai.LemurError) and isinstance(error, ValueError)
    message = str(error)
    assert "no LLM Gateway counterpart" in message
    assert 'aai.settings.lemur_backend to "lemur"' in message and "aai.LLMGateway" in message
