"""The JSON bodies LLM Gateway's calls send, built and checked without I/O.

Everything here raises :class:`~assemblyai._core.exceptions.ConfigurationError` before a
request exists: a role the API does not know, a ``temperature`` above its bound, a tool
without parameters or a translation without target languages would otherwise come back as a
400 after a round trip (and a billed model call, for some). Bounds and allowed values are read
from the spec (``spec/llm-gateway.yml``), not restated. Values are otherwise sent as given:
unknown keys inside a message or a speaker stay in the request.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.validation import (
    check_int,
    check_mapping,
    check_number,
    check_str,
    check_text,
    fail,
)

__all__ = [
    "JsonObject",
    "chat_body",
    "function_tool",
    "json_schema_format",
    "understanding_body",
]

JsonObject = dict[str, Any]
_DEFAULT_SCHEMA_NAME = "response"


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    from assemblyai._generated.specs import openapi_document

    schema: dict[str, Any] = openapi_document()["components"]["schemas"][name]
    return schema


def _property(schema_name: str, *path: str) -> dict[str, Any]:
    node = _schema(schema_name)
    for key in path:
        node = node["properties"][key]
    return node


def _enum(schema_name: str, *path: str) -> tuple[str, ...]:
    return tuple(_property(schema_name, *path)["enum"])


def _as_json(field: str, value: object) -> JsonObject:
    """A mapping, or a model (generated, or a public ``aai`` type), as a dict without Nones."""
    if not isinstance(value, Mapping):
        for method in ("to_dict", "model_dump"):  # generated models; 0.45.4-style models
            convert = getattr(value, method, None)
            if callable(convert):
                value = convert()
                break
    result = check_mapping(field, value)
    if result is None:
        raise fail(field, value, "a dict")
    return {key: item for key, item in result.items() if item is not None}


def _message(index: int, value: object) -> JsonObject:
    field = f"messages[{index}]"
    message = _as_json(field, value)
    chat_roles = _enum("LlmGatewayUserAssistantSystemMessage", "role")
    tool_roles = _enum("LlmGatewayToolMessage", "role")
    role = message.get("role")
    if role not in (*chat_roles, *tool_roles):
        raise fail(f"{field}.role", role, f"one of {[*chat_roles, *tool_roles]}")
    content = message.get("content")
    if role in tool_roles:
        check_str(f"{field}.content", content)
        if content is None:
            raise fail(f"{field}.content", content, "the tool's result, as a string")
        tool_call_id = message.get("tool_call_id")
        if not isinstance(tool_call_id, str) or not tool_call_id:
            raise fail(f"{field}.tool_call_id", tool_call_id, "the id of the tool call it answers")
        return message
    if isinstance(content, str):
        check_text(f"{field}.content", content)
        return message
    if isinstance(content, Sequence) and content:
        parts = [_as_json(f"{field}.content[{i}]", part) for i, part in enumerate(content)]
        part_types = _enum("LlmGatewayTextContent", "type")
        for i, part in enumerate(parts):
            if part.get("type") not in part_types or not isinstance(part.get("text"), str):
                raise fail(
                    f"{field}.content[{i}]",
                    part,
                    f'a text part, {{"type": "{part_types[0]}", "text": "..."}}',
                )
        return {**message, "content": parts}
    raise fail(f"{field}.content", content, "a string, or a non-empty list of text parts")


def _messages(prompt: str | None, messages: object, system: str | None) -> list[JsonObject]:
    if prompt is not None and messages is not None:
        raise ConfigurationError(
            "Give either prompt= (one user message) or messages= (a conversation), not both; "
            "to add a prompt to a conversation, append it as a user message."
        )
    if prompt is not None:
        if not isinstance(prompt, str) or not prompt.strip():
            raise fail("prompt", prompt, "a non-empty string")
        check_text("prompt", prompt)
        result: list[JsonObject] = [{"role": "user", "content": prompt}]
    elif messages is not None:
        if isinstance(messages, str | bytes | Mapping) or not isinstance(messages, Sequence):
            raise fail("messages", messages, "a list of messages (dicts with role and content)")
        result = [_message(i, m) for i, m in enumerate(messages)]
        if not result:
            raise fail("messages", messages, "a non-empty list of messages")
    else:
        raise ConfigurationError(
            "Nothing to ask: pass prompt='...' or messages=[{'role': 'user', 'content': '...'}]."
        )
    if system is not None:
        if not isinstance(system, str):
            raise fail("system", system, "a string")
        check_text("system", system)
        result = [{"role": "system", "content": system}, *result]
    return result


def function_tool(
    name: str, parameters: Mapping[str, Any], description: str | None = None
) -> JsonObject:
    """A tool the model may call: the function's name, a JSON Schema of its arguments and,
    best, a description the model reads to decide when to call it."""
    if not isinstance(name, str) or not name:
        raise fail("name", name, "the function's name, a non-empty string")
    function: JsonObject = {"name": name, "parameters": _as_json("parameters", parameters)}
    if description is not None:
        function["description"] = check_str("description", description)
    return {"type": _enum("LlmGatewayTool", "type")[0], "function": function}


def _tools(tools: object) -> list[JsonObject]:
    if isinstance(tools, str | bytes | Mapping) or not isinstance(tools, Sequence):
        raise fail("tools", tools, "a list of tools (see llm_gateway.function_tool)")
    result = []
    tool_types = _enum("LlmGatewayTool", "type")
    for index, value in enumerate(tools):
        tool = _as_json(f"tools[{index}]", value)
        function = tool.get("function")
        if tool.get("type") not in tool_types or not isinstance(function, Mapping):
            raise fail(
                f"tools[{index}]",
                tool,
                f'{{"type": "{tool_types[0]}", "function": {{"name": ..., "parameters": ...}}}}',
            )
        if not isinstance(function.get("name"), str) or not function["name"]:
            raise fail(f"tools[{index}].function.name", function.get("name"), "a non-empty string")
        if not isinstance(function.get("parameters"), Mapping):
            raise fail(
                f"tools[{index}].function.parameters",
                function.get("parameters"),
                "a JSON Schema object of the function's arguments",
            )
        result.append({**tool, "function": dict(function)})
    return result


def _tool_choice(choice: object, tools: list[JsonObject] | None) -> str | JsonObject:
    """``"auto"``/``"none"``, a function name (the model must call it), or the object form."""
    modes = tuple(_schema("LlmGatewayToolChoice")["oneOf"][0]["enum"])
    if isinstance(choice, str) and choice in modes:
        return choice
    if isinstance(choice, str) and choice:
        names = {t["function"]["name"] for t in tools or []}
        if choice not in names:
            raise fail(
                "tool_choice",
                choice,
                f"one of {list(modes)} or the name of one of the tools {sorted(names)}",
            )
        return {"type": "function", "function": {"name": choice}}
    value = _as_json("tool_choice", choice)
    function = value.get("function")
    if not isinstance(function, Mapping) or not isinstance(function.get("name"), str):
        raise fail("tool_choice", choice, f'one of {list(modes)}, a tool name, or {{"type": ...}}')
    return value


def json_schema_format(
    schema: Mapping[str, Any], name: str | None = None, strict: bool = True
) -> JsonObject:
    """The ``response_format`` that makes the answer a JSON document valid against SCHEMA."""
    if not isinstance(strict, bool):
        raise fail("strict", strict, "True or False")
    return {
        "type": _enum("LlmGatewayResponseFormat", "type")[0],
        "json_schema": {
            "name": check_str("schema_name", name) or _DEFAULT_SCHEMA_NAME,
            "schema": _as_json("json_schema", schema),
            "strict": strict,
        },
    }


def _response_format(value: object) -> JsonObject:
    result = _as_json("response_format", value)
    inner = result.get("json_schema")
    if not isinstance(inner, Mapping) or not isinstance(inner.get("schema"), Mapping):
        raise fail(
            "response_format",
            value,
            '{"type": "json_schema", "json_schema": {"name": ..., "schema": {...}}} '
            "(or pass json_schema= alone)",
        )
    return {**result, "json_schema": dict(inner)}


def chat_body(
    *,
    model: object,
    prompt: str | None = None,
    messages: object = None,
    system: str | None = None,
    max_tokens: object = None,
    temperature: object = None,
    tools: object = None,
    tool_choice: object = None,
    response_format: object = None,
    json_schema: Mapping[str, Any] | None = None,
    schema_name: str | None = None,
) -> JsonObject:
    """The ``POST /v1/chat/completions`` body (``LLMGatewayRequest``), checked."""
    if not isinstance(model, str) or not model.strip():
        raise ConfigurationError(
            f"model must name an LLM Gateway model, such as 'claude-sonnet-4-5-20250929', "
            f"'gpt-4.1' or 'gemini-2.5-flash-lite', got {model!r}; pass model= to the call or "
            "to the LLMGateway(...) constructor."
        )
    body: JsonObject = {"model": model, "messages": _messages(prompt, messages, system)}
    bounds = _property("LLMGatewayRequest", "max_tokens")
    if max_tokens is not None:
        body["max_tokens"] = check_int(
            "max_tokens", max_tokens, minimum=bounds.get("minimum"), maximum=bounds.get("maximum")
        )
    bounds = _property("LLMGatewayRequest", "temperature")
    if temperature is not None:
        body["temperature"] = check_number(
            "temperature", temperature, minimum=bounds.get("minimum"), maximum=bounds.get("maximum")
        )
    if tools is not None:
        body["tools"] = _tools(tools)
    if tool_choice is not None:
        body["tool_choice"] = _tool_choice(tool_choice, body.get("tools"))
    if response_format is not None and json_schema is not None:
        raise ConfigurationError(
            "Give either json_schema= (a JSON Schema the answer must follow) or "
            "response_format= (the API's whole object), not both."
        )
    if json_schema is not None:
        body["response_format"] = json_schema_format(json_schema, schema_name)
    elif response_format is not None:
        body["response_format"] = _response_format(response_format)
    elif schema_name is not None:
        raise ConfigurationError("schema_name= names a json_schema=; pass the schema too.")
    return body


_FEATURES = ("translation", "speaker_identification", "custom_formatting")


def understanding_body(
    transcript_id: object,
    *,
    translation: object = None,
    speaker_identification: object = None,
    custom_formatting: object = None,
    speech_understanding: object = None,
) -> JsonObject:
    """The ``POST /v1/understanding`` body (``UnderstandingRequest``), checked.

    Each feature may be a dict, our ``aai.TranslationRequest`` (and the other two) or the
    generated ``LlmGateway*Request`` models; ``speech_understanding`` takes a whole
    ``aai.SpeechUnderstandingRequest`` (``{"request": {...}}``) instead of the three keywords.
    """
    transcript_id = getattr(transcript_id, "id", transcript_id)
    if not isinstance(transcript_id, str) or not transcript_id.strip():
        raise fail("transcript_id", transcript_id, "the id of a completed transcript")
    given = {
        name: value
        for name, value in zip(
            _FEATURES, (translation, speaker_identification, custom_formatting), strict=True
        )
        if value is not None
    }
    if speech_understanding is not None:
        if given:
            raise ConfigurationError(
                "Give either speech_understanding= or the feature keywords "
                f"({', '.join(_FEATURES)}), not both."
            )
        wrapper = _as_json("speech_understanding", speech_understanding)
        given = _as_json("speech_understanding.request", wrapper.get("request"))
        given = {k: v for k, v in given.items() if v is not None}
    if not given:
        raise ConfigurationError(
            "Nothing to do: pass at least one of translation=, speaker_identification= or "
            "custom_formatting= (e.g. translation={'target_languages': ['es']})."
        )
    request = {name: _as_json(name, value) for name, value in given.items()}
    if "translation" in request:
        languages = request["translation"].get("target_languages")
        if (
            isinstance(languages, str)
            or not isinstance(languages, Sequence)
            or not languages
            or not all(isinstance(code, str) and code for code in languages)
        ):
            raise fail(
                "translation.target_languages", languages, "a non-empty list of language codes"
            )
        request["translation"]["target_languages"] = list(languages)
    if "speaker_identification" in request:
        kinds = _enum("LlmGatewaySpeakerIdentificationRequest", "speaker_type")
        speaker_type = request["speaker_identification"].get("speaker_type")
        speaker_type = getattr(speaker_type, "value", speaker_type)
        if speaker_type not in kinds:
            raise fail("speaker_identification.speaker_type", speaker_type, f"one of {list(kinds)}")
        request["speaker_identification"]["speaker_type"] = speaker_type
    return {"transcript_id": transcript_id, "speech_understanding": {"request": request}}
