"""AssemblyAI's LLM Gateway: chat completions over hosted language models, and speech
understanding on a finished transcript.

``aai.LLMGateway`` (blocking) and ``aai.AsyncLLMGateway`` (asyncio) are two thin shells over
the same request building (:mod:`._request`) and answer reading (:mod:`._result`,
:mod:`._operations`); the models they return are generated from ``spec/llm-gateway.yml``.

Example::

    import assemblyai as aai

    gateway = aai.LLMGateway(model="claude-sonnet-4-5-20250929")
    answer = gateway.chat(
        "Who are the speakers? " + transcript.text,
        json_schema={
            "type": "object",
            "properties": {"speakers": {"type": "array", "items": {"type": "string"}}},
            "required": ["speakers"],
        },
    )
    print(answer.parsed["speakers"], answer.usage.total_tokens)

    result = gateway.understand(transcript.id, translation={"target_languages": ["es"]})
    print(result.translated_texts["es"])
"""

from __future__ import annotations

from assemblyai._core.exceptions import LLMGatewayError
from assemblyai._generated.rest.models.llm_gateway_choice import LlmGatewayChoice
from assemblyai._generated.rest.models.llm_gateway_function_tool_call import (
    LlmGatewayFunctionToolCall,
)
from assemblyai._generated.rest.models.llm_gateway_request import LLMGatewayRequest
from assemblyai._generated.rest.models.llm_gateway_response import LlmGatewayResponse
from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
    LlmGatewayUnderstandingResponse,
)
from assemblyai._generated.rest.models.llm_gateway_usage import LlmGatewayUsage
from assemblyai.llm_gateway._async import AsyncLLMGateway
from assemblyai.llm_gateway._operations import GATEWAY_TIMEOUT
from assemblyai.llm_gateway._request import function_tool, json_schema_format
from assemblyai.llm_gateway._result import ChatCompletion, JsonValue
from assemblyai.llm_gateway._sync import LLMGateway

__all__ = [
    "GATEWAY_TIMEOUT",
    "AsyncLLMGateway",
    "ChatCompletion",
    "JsonValue",
    "LLMGateway",
    "LLMGatewayError",
    "LLMGatewayRequest",
    "LlmGatewayChoice",
    "LlmGatewayFunctionToolCall",
    "LlmGatewayResponse",
    "LlmGatewayUnderstandingResponse",
    "LlmGatewayUsage",
    "function_tool",
    "json_schema_format",
]
