"""LeMUR on LLM Gateway, without I/O: the chat-completions request each LeMUR call becomes,
and how the gateway's answer reads back in LeMUR's shapes.

LeMUR was deprecated on 2026-03-31 in favour of LLM Gateway. AssemblyAI's migration guide
puts the transcript's text into the prompt, names a gateway model where LeMUR named
``anthropic/...``, and reads ``choices[0].message.content`` where LeMUR had ``response``;
this module does the same for every LeMUR call, so 0.45.4 code keeps working:

- :func:`gateway_model` maps a LeMUR model to a gateway model;
- :func:`task_prompt`, :func:`summary_prompt`, :func:`action_items_prompt` and
  :func:`question_prompt` build the instruction, :func:`chat_body` the request around it;
- :func:`question_format` asks for one answer per question, in order, through structured
  output (an answer with options must be one of them), and :func:`read_answers` reads the
  answers back, one ``LemurQuestionAnswer`` per ``LemurQuestion``;
- :func:`string_response` and :func:`question_response` shape the result as LeMUR did
  (``response``, ``request_id``, ``usage``).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from assemblyai._core.enums import LemurModel
from assemblyai._core.exceptions import ConfigurationError, LemurError
from assemblyai._generated.rest.models.lemur_question import LemurQuestion
from assemblyai._generated.rest.models.lemur_question_answer import LemurQuestionAnswer
from assemblyai._generated.rest.models.lemur_question_answer_response import (
    LemurQuestionAnswerResponse,
)
from assemblyai._generated.rest.models.lemur_string_response import LemurStringResponse
from assemblyai._generated.rest.models.lemur_usage import LemurUsage

__all__ = [
    "CHAT_COMPLETIONS_PATH",
    "DEFAULT_GATEWAY_MODEL",
    "MODEL_MAP",
    "LemurGatewayUnsupportedError",
    "action_items_prompt",
    "chat_body",
    "gateway_model",
    "question_format",
    "question_prompt",
    "question_response",
    "read_answers",
    "string_response",
    "summary_prompt",
    "task_prompt",
    "transcript_text",
    "unsupported_error",
]

logger = logging.getLogger("assemblyai.lemur")

S = TypeVar("S", bound=LemurStringResponse)

CHAT_COMPLETIONS_PATH = "/v1/chat/completions"

# The model of AssemblyAI's migration guide, which names it as the successor of LeMUR's
# ``anthropic/claude-sonnet-4-20250514``; it also answers for LeMUR models that have no
# counterpart on the gateway (retired there, or never offered).
DEFAULT_GATEWAY_MODEL = "claude-sonnet-4-20250514"

# LeMUR models that the gateway offers under its own name. Every other LeMUR model, ``default``
# included, becomes DEFAULT_GATEWAY_MODEL (logged at DEBUG); a name that is not a LeMUR model
# at all is taken to be a gateway model and sent as given.
MODEL_MAP: dict[LemurModel, str] = {
    LemurModel.claude_sonnet_4_20250514: "claude-sonnet-4-20250514",
    LemurModel.claude_opus_4_20250514: "claude-opus-4-20250514",
    LemurModel.claude3_5_haiku_20241022: "claude-3-5-haiku-20241022",
}

# LeMUR's own defaults (spec/openapi.yml: max_output_size 2000, temperature 0); the gateway's
# are 1000 tokens and the provider's temperature, so they are sent explicitly.
LEMUR_MAX_OUTPUT_SIZE = 2000
LEMUR_TEMPERATURE = 0.0

_ANSWER_KEY = "answer_{}"
_LEMUR_MODELS = {member.value: member for member in LemurModel.__members__.values()}


class LemurGatewayUnsupportedError(LemurError, ConfigurationError):
    """A LeMUR call that LLM Gateway has no counterpart for (it keeps no requests to fetch or
    purge); raised before anything is sent."""


def unsupported_error(method: str) -> LemurGatewayUnsupportedError:
    """The error for ``get_response_data``/``purge_request_data`` on the gateway backend."""
    return LemurGatewayUnsupportedError(
        f"{method} has no LLM Gateway counterpart: LeMUR was deprecated on 2026-03-31 and "
        "aai.Lemur now runs on LLM Gateway, which keeps no request data to fetch or purge. If "
        'your account still has LeMUR, set aai.settings.lemur_backend to "lemur" to use the '
        "old endpoints; otherwise keep the answer you got, or call LLM Gateway directly with "
        "aai.LLMGateway."
    )


def gateway_model(final_model: LemurModel | str | None) -> str:
    """The gateway model for a LeMUR ``final_model`` (see MODEL_MAP)."""
    if final_model is None:
        return DEFAULT_GATEWAY_MODEL
    name = str(getattr(final_model, "value", final_model))
    member = _LEMUR_MODELS.get(name)
    if member is None:
        return name  # not a LeMUR model: a gateway model the caller named
    mapped = MODEL_MAP.get(member)
    if mapped is None:
        logger.debug(
            "LeMUR model %s has no LLM Gateway counterpart; using %s",
            name,
            DEFAULT_GATEWAY_MODEL,
        )
        return DEFAULT_GATEWAY_MODEL
    return mapped


def transcript_text(transcript_id: str | None, status: object, text: object) -> str:
    """The text LeMUR reads from a transcript, refusing one that is not completed."""
    shown = getattr(status, "value", status)
    if shown != "completed":
        raise LemurError(
            f"transcript {transcript_id} is {shown}, not completed, so LeMUR cannot read it; "
            "wait for it (transcript.wait_for_completion()) and ask again."
        )
    return text if isinstance(text, str) else ""


def _shown(context: str | Mapping[str, Any]) -> str:
    return context if isinstance(context, str) else json.dumps(dict(context), default=str)


def _with(lines: list[str], label: str, value: object) -> None:
    if value is not None and value != "":
        lines.append(f"{label}: {_shown(value) if isinstance(value, Mapping) else value}")


def task_prompt(prompt: str) -> str:
    """A task's instruction is the caller's prompt (``context`` is already in it)."""
    return prompt


def summary_prompt(context: str | Mapping[str, Any] | None, answer_format: str | None) -> str:
    lines = ["Summarize the transcript."]
    _with(lines, "Context", context)
    _with(lines, "Answer format", answer_format)
    return "\n".join(lines)


def action_items_prompt(context: str | Mapping[str, Any] | None, answer_format: str | None) -> str:
    lines = ["List the action items from the transcript."]
    _with(lines, "Context", context)
    _with(lines, "Answer format", answer_format or "Bullet points")
    return "\n".join(lines)


def question_prompt(
    questions: Sequence[LemurQuestion], context: str | Mapping[str, Any] | None
) -> str:
    lines = [
        "Answer each question below using the transcript. Put the answer to question N in "
        f"the field {_ANSWER_KEY.format('N')}."
    ]
    _with(lines, "Context", context)
    for number, question in enumerate(questions, 1):
        lines.append("")
        lines.append(f"Question {number}: {question.question}")
        _with(lines, "Context", question.context)
        _with(lines, "Answer format", question.answer_format)
        if question.answer_options:
            lines.append("Answer with exactly one of: " + ", ".join(question.answer_options))
    return "\n".join(lines)


def question_format(questions: Sequence[LemurQuestion]) -> dict[str, Any]:
    """The ``response_format``: one string per question, in order; with options, an enum."""
    properties: dict[str, Any] = {}
    for number, question in enumerate(questions, 1):
        answer: dict[str, Any] = {"type": "string"}
        if question.question:
            answer["description"] = question.question
        if question.answer_options:
            answer["enum"] = list(question.answer_options)
        properties[_ANSWER_KEY.format(number)] = answer
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "lemur_answers",
            "schema": {
                "type": "object",
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            },
            "strict": True,
        },
    }


def _material(texts: Sequence[tuple[str | None, str]], input_text: str | None) -> str:
    """The transcripts (and ``input_text``) as the prompt carries them."""
    parts = [(f"id {tid}" if tid else None, text) for tid, text in texts]
    if input_text:
        parts.append((None, input_text))
    if len(parts) == 1:
        return f"Transcript: {parts[0][1]}"
    blocks = []
    for number, (label, text) in enumerate(parts, 1):
        heading = f"Transcript {number}" + (f" ({label})" if label else "")
        blocks.append(f"{heading}:\n{text}")
    return "\n\n".join(blocks)


def chat_body(
    instruction: str,
    texts: Sequence[tuple[str | None, str]],
    *,
    input_text: str | None,
    final_model: LemurModel | str | None,
    max_output_size: int | None,
    temperature: float | None,
    response_format: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The chat-completions request: one user message with the transcripts and the
    instruction, as the migration guide writes it, but with the transcripts first: long
    documents before the question is the layout Anthropic's prompting guide recommends, and
    what the sandbox's deterministic model reads best."""
    body: dict[str, Any] = {
        "model": gateway_model(final_model),
        "messages": [
            {"role": "user", "content": f"{_material(texts, input_text)}\n\n{instruction}"}
        ],
        "max_tokens": max_output_size if max_output_size is not None else LEMUR_MAX_OUTPUT_SIZE,
        "temperature": float(temperature) if temperature is not None else LEMUR_TEMPERATURE,
    }
    if response_format is not None:
        body["response_format"] = dict(response_format)
    return body


# --- reading the gateway's answer ------------------------------------------------------------


def _content(data: Mapping[str, Any]) -> str:
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], Mapping):
        raise ValueError("the gateway's answer has no choices")
    message = choices[0].get("message")
    content = message.get("content") if isinstance(message, Mapping) else None
    if not isinstance(content, str):
        raise ValueError("the gateway's first choice has no text content")
    return content


def _usage(data: Mapping[str, Any]) -> LemurUsage | None:
    usage = data.get("usage")
    if not isinstance(usage, Mapping):
        return None
    return LemurUsage(
        input_tokens=usage.get("input_tokens"), output_tokens=usage.get("output_tokens")
    )


def _request_id(data: Mapping[str, Any]) -> str:
    # LeMUR always gave a request_id; the gateway sends one too, but an answer without it
    # still gets an id, so code that logs or keys on it keeps working.
    value = data.get("request_id")
    return value if isinstance(value, str) and value else str(uuid.uuid4())


def string_response(cls: type[S], data: Mapping[str, Any]) -> S:
    """A task, summary or action-items result from the gateway's answer."""
    return cls(request_id=_request_id(data), usage=_usage(data), response=_content(data))


def _strip_fence(content: str) -> str:
    # Some models wrap JSON in a Markdown code fence even when asked for JSON.
    text = content.strip()
    if text.startswith("```") and text.endswith("```"):
        text = text[3:-3]
        text = text[4:] if text.startswith("json") else text
    return text.strip()


def read_answers(content: str, questions: Sequence[LemurQuestion]) -> list[LemurQuestionAnswer]:
    """One answer per question, in order, from the structured output ``question_format``
    asked for; ``ValueError`` when the content is not that object."""
    try:
        data = json.loads(_strip_fence(content))
    except json.JSONDecodeError:
        if len(questions) == 1:  # a model that ignored the schema still answered the one question
            return [LemurQuestionAnswer(question=questions[0].question, answer=content.strip())]
        raise ValueError("the gateway's answer to the questions is not JSON") from None
    if not isinstance(data, dict):
        raise ValueError(f"the gateway's answers are a JSON {type(data).__name__}, not an object")
    answers = []
    for number, question in enumerate(questions, 1):
        key = _ANSWER_KEY.format(number)
        if key not in data or data[key] is None:
            raise ValueError(f"the gateway's answers lack {key} (question {number})")
        value = data[key]
        answer = value if isinstance(value, str) else json.dumps(value)
        answers.append(LemurQuestionAnswer(question=question.question, answer=answer))
    return answers


def question_response(
    data: Mapping[str, Any], questions: Sequence[LemurQuestion]
) -> LemurQuestionAnswerResponse:
    return LemurQuestionAnswerResponse(
        request_id=_request_id(data),
        usage=_usage(data),
        response=read_answers(_content(data), questions),
    )
