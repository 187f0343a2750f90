"""``aai.AsyncLLMGateway``: LLM Gateway for asyncio (no threads involved)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assemblyai._http.client import Client
from assemblyai._http.send import send_async
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

__all__ = ["AsyncLLMGateway"]


class AsyncLLMGateway:
    """:class:`~assemblyai.llm_gateway.LLMGateway` for asyncio: the same arguments, checks,
    answers and errors, with ``await``.

    Example::

        async with aai.AsyncLLMGateway(model="claude-sonnet-4-5-20250929") as gateway:
            answer = await gateway.chat("Write a haiku about audio.")
            print(answer.text)
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
        return f"AsyncLLMGateway(model={self._model!r})"

    def _client(self) -> Client:
        return ops.gateway_client(self._client_arg, self._api_key)

    async def chat(
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
        """Ask the model; see :meth:`LLMGateway.chat <assemblyai.llm_gateway.LLMGateway.chat>`."""
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
        return await send_async(
            client.async_http_client,
            ops.chat_completion(body),
            ops.gateway_timeout(client, timeout),
            max_retries=max_retries,
        )

    async def understand(
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
        """Run speech understanding on a completed transcript; see
        :meth:`LLMGateway.understand <assemblyai.llm_gateway.LLMGateway.understand>`."""
        body = understanding_body(
            transcript_id,
            translation=translation,
            speaker_identification=speaker_identification,
            custom_formatting=custom_formatting,
            speech_understanding=speech_understanding,
        )
        client = self._client()
        return await send_async(
            client.async_http_client,
            ops.understanding(body),
            ops.gateway_timeout(client, timeout),
            max_retries=max_retries,
        )

    async def aclose(self) -> None:
        """Close this gateway's connections (a later call opens new ones)."""
        client = ops.forget_client(self._client_arg, self._api_key)
        if client is not None:
            await client.aclose()

    async def __aenter__(self) -> AsyncLLMGateway:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
