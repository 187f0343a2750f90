"""What LLM Gateway's answers read as: a chat completion with the first choice at hand."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.llm_gateway_choice import LlmGatewayChoice
    from assemblyai._generated.rest.models.llm_gateway_function_tool_call import (
        LlmGatewayFunctionToolCall,
    )
    from assemblyai._generated.rest.models.llm_gateway_response import LlmGatewayResponse
    from assemblyai._generated.rest.models.llm_gateway_usage import LlmGatewayUsage

__all__ = ["ChatCompletion", "JsonValue", "parse_structured"]

JsonValue: TypeAlias = "dict[str, JsonValue] | list[JsonValue] | str | int | float | bool | None"


def parse_structured(text: object, finish_reason: object) -> JsonValue:
    """The JSON document a structured answer holds; ``ValueError`` saying why when it holds none.

    Raised inside the response parser, the error becomes an ``APIResponseValidationError``
    (also an ``LLMGatewayError``) that keeps the body.
    """
    if not isinstance(text, str):
        raise ValueError(
            "the answer has no text content, so it holds no JSON document for the json_schema"
        )
    try:
        value: JsonValue = json.loads(text)
    except ValueError as exc:
        cut = (
            "; the model stopped at max_tokens, so raise max_tokens"
            if finish_reason == "length"
            else ""
        )
        raise ValueError(
            f"the model's answer is not the JSON document the json_schema asked for ({exc}){cut}"
        ) from exc
    return value


@attrs.frozen
class ChatCompletion:
    """The answer to a chat completion.

    Attributes:
        response: the whole answer as the API sent it (``choices``, ``usage``, ``request_id``,
            ``request``, ``http_status_code``, ``response_time``, ``llm_status_code``; unknown
            fields in ``additional_properties``).
        parsed: with ``json_schema=`` (or a ``response_format``), the answer's JSON document
            (a dict for an object schema); otherwise ``None``.
    """

    response: LlmGatewayResponse
    parsed: JsonValue = None

    @property
    def choices(self) -> list[LlmGatewayChoice]:
        """The answers (usually one); an answer without choices reads as an empty list."""
        return list(self.response.choices or [])

    @property
    def text(self) -> str | None:
        """The first choice's text (with ``json_schema=``, the JSON document as text)."""
        choices = self.choices
        message = choices[0].message if choices else None
        content = message.content if message is not None else None
        return content if isinstance(content, str) else None

    content = text

    @property
    def finish_reason(self) -> str | None:
        """Why the first choice ended: ``stop``, ``length`` (max_tokens), ``tool_calls``..."""
        choices = self.choices
        reason = choices[0].finish_reason if choices else None
        return reason if isinstance(reason, str) else None

    @property
    def tool_calls(self) -> list[LlmGatewayFunctionToolCall]:
        """The functions the first choice asks to call (``[]`` when it answered in text).

        Read from the choice, where LLM Gateway's description puts them, or from its message,
        where OpenAI-style answers do. ``json.loads(call.function.arguments)`` gives the
        arguments.
        """
        from assemblyai._generated.rest.models.llm_gateway_function_tool_call import (
            LlmGatewayFunctionToolCall,
        )

        choices = self.choices
        if not choices:
            return []
        calls: Any = choices[0].tool_calls
        if not calls and choices[0].message is not None:
            calls = choices[0].message.additional_properties.get("tool_calls")
        if not isinstance(calls, list):
            return []
        return [
            call
            if isinstance(call, LlmGatewayFunctionToolCall)
            else LlmGatewayFunctionToolCall.from_dict(call)
            for call in calls
            if isinstance(call, LlmGatewayFunctionToolCall | dict)
        ]

    @property
    def usage(self) -> LlmGatewayUsage | None:
        """Tokens read (``input_tokens``) and written (``output_tokens``), and their total."""
        return self.response.usage

    @property
    def request_id(self) -> str | None:
        """The id LLM Gateway gave the request (quote it to AssemblyAI's support)."""
        value = self.response.request_id
        return value if isinstance(value, str) else None

    def to_dict(self) -> dict[str, Any]:
        """The answer as the API sent it."""
        return self.response.to_dict()

    def __str__(self) -> str:
        return self.text or ""
