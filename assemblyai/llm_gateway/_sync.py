"""``aai.LLMGateway``: LLM Gateway's chat completions and speech understanding, blocking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assemblyai._http.client import Client
from assemblyai._http.send import send
from assemblyai.llm_gateway import _operations as ops
from assemblyai.llm_gateway._request import chat_body, understanding_body
from assemblyai.llm_gateway._result import ChatCompletion
from assemblyai.llm_gateway._types import (
    CustomFormattingInput,
    MessageInput,
    ResponseFormatInput,
    SpeakerIdentificationInput,
    SpeechUnderstandingInput,
    Timeout,
    ToolInput,
    TranslationInput,
)

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )

__all__ = ["LLMGateway"]


class LLMGateway:
    """AssemblyAI's LLM Gateway: chat completions over hosted models (Claude, GPT, Gemini)
    and speech understanding (translation, speaker identification, custom formatting) on a
    finished transcript.

    Args:
        model: the model ``chat`` uses when a call names none, such as
            ``"claude-sonnet-4-5-20250929"``.
        api_key: the key to use; it wins over ``client``'s (as in the official SDK 1.0).
        client: the client whose settings (timeouts, retries, ``llm_gateway_base_url``, region)
            and key to use; by default the one for ``aai.settings`` at call time.

    Calls go to ``aai.settings.llm_gateway_base_url`` (``https://llm-gateway.assemblyai.com``,
    or the EU host with ``aai.settings.region = "eu"``). Errors are the SDK's
    (``AuthenticationError``, ``BadRequestError`` with the gateway's message, ...), each also an
    ``aai.LLMGatewayError``; bad arguments raise ``ConfigurationError`` before anything is sent.

    Example::

        gateway = aai.LLMGateway(model="claude-sonnet-4-5-20250929")
        print(gateway.chat("Write a haiku about audio.").text)
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        api_key: str | None = None,
        client: Client | None = None,
    ) -> None:
        self._model = model
        self._api_key = api_key
        self._client_arg = client

    def __repr__(self) -> str:
        return f"LLMGateway(model={self._model!r})"

    def _client(self) -> Client:
        return ops.gateway_client(self._client_arg, self._api_key)

    def chat(
        self,
        prompt: str | None = None,
        *,
        messages: Sequence[MessageInput] | None = None,
        model: str | None = None,
        system: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        json_schema: Mapping[str, Any] | None = None,
        schema_name: str | None = None,
        response_format: ResponseFormatInput | None = None,
        tools: Sequence[ToolInput] | None = None,
        tool_choice: str | Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> ChatCompletion:
        """Ask the model, and return its answer (``.text``; ``.parsed`` with ``json_schema``).

        Args:
            prompt: a single question or instruction, sent as one user message.
            messages: a conversation instead: dicts with ``role`` (``user``, ``assistant``,
                ``system``, ``tool``) and ``content``.
            model: the model for this call (default: the constructor's ``model``).
            system: a system message put before the prompt or messages.
            max_tokens: the most tokens the answer may have (the API's default: 1000).
            temperature: randomness, 0 to 2.
            json_schema: a JSON Schema the answer must follow; the answer's JSON is then
                parsed into ``.parsed`` (strict mode, named ``schema_name`` or "response").
            response_format: the API's whole ``response_format`` object, instead of
                ``json_schema``.
            tools: functions the model may call (see :func:`function_tool`); the calls it
                makes are in ``.tool_calls``.
            tool_choice: ``"auto"``, ``"none"``, or the name of a tool the model must call.
            timeout: seconds (or an ``httpx.Timeout``) for this call; by default up to 5
                minutes for the answer while ``settings.http_timeout`` is the default.
            max_retries: retries for this call (default ``settings.max_retries``); a
                completion is retried only when the gateway did not run it (429, 503, no
                connection).
        """
        body = chat_body(
            model=model if model is not None else self._model,
            prompt=prompt,
            messages=messages,
            system=system,
            max_tokens=max_tokens,
            temperature=temperature,
            tools=tools,
            tool_choice=tool_choice,
            response_format=response_format,
            json_schema=json_schema,
            schema_name=schema_name,
        )
        client = self._client()
        return send(
            client.http_client,
            ops.chat_completion(body),
            ops.gateway_timeout(client, timeout),
            max_retries=max_retries,
        )

    def understand(
        self,
        transcript_id: str,
        *,
        translation: TranslationInput | None = None,
        speaker_identification: SpeakerIdentificationInput | None = None,
        custom_formatting: CustomFormattingInput | None = None,
        speech_understanding: SpeechUnderstandingInput | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> LlmGatewayUnderstandingResponse:
        """Run speech understanding on a completed transcript (``POST /v1/understanding``).

        Args:
            transcript_id: the transcript's id.
            translation: e.g. ``{"target_languages": ["es", "de"]}`` or
                ``aai.TranslationRequest(...)``; the texts come back in ``translated_texts``.
            speaker_identification: e.g. ``{"speaker_type": "role", "known_values": [...]}``
                or ``aai.SpeakerIdentificationRequest(...)``; the labels found are in
                ``speech_understanding.response.speaker_identification.mapping``.
            custom_formatting: e.g. ``{"date": "mm/dd/yyyy"}`` or
                ``aai.CustomFormattingRequest(...)``; the text is in
                ``speech_understanding.response.custom_formatting.formatted_text``.
            speech_understanding: a whole ``aai.SpeechUnderstandingRequest`` instead of the
                three keywords.
            timeout, max_retries: as for :meth:`chat`.
        """
        body = understanding_body(
            transcript_id,
            translation=translation,
            speaker_identification=speaker_identification,
            custom_formatting=custom_formatting,
            speech_understanding=speech_understanding,
        )
        client = self._client()
        return send(
            client.http_client,
            ops.understanding(body),
            ops.gateway_timeout(client, timeout),
            max_retries=max_retries,
        )

    def close(self) -> None:
        """Close this gateway's connections (a later call opens new ones)."""
        client = ops.forget_client(self._client_arg, self._api_key)
        if client is not None:
            client.close()

    def __enter__(self) -> LLMGateway:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
