"""``aai.AsyncLemur``: LeMUR for asyncio code, sharing request building with ``aai.Lemur``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import httpx

from . import _operations as ops
from ._enums import LemurModel
from ._generated.rest.models.lemur_question import LemurQuestion
from ._send import send_async
from .lemur import (
    LEMUR_TIMEOUT,
    Lemur,
    LemurActionItemsResponse,
    LemurPurgeResponse,
    LemurQuestionResponse,
    LemurStringResponse,
    LemurSummaryResponse,
    LemurTaskResponse,
    _parse_any_response,
)

__all__ = ["AsyncLemur"]

R = TypeVar("R")
Timeout = float | httpx.Timeout | None
Context = str | Mapping[str, Any] | None


class AsyncLemur(Lemur):
    """The asyncio twin of ``aai.Lemur``: the same arguments, awaited.

    Example::

        lemur = aai.AsyncLemur(sources=[aai.LemurTranscriptSource("transcript-id")])
        answer = await lemur.task("List the decisions made.")
    """

    async def _arun(
        self, operation: ops.Operation[R], timeout: Timeout, max_retries: int | None = None
    ) -> R:
        return await send_async(
            self._client.async_http_client,
            operation,
            timeout if timeout is not None else LEMUR_TIMEOUT,
            max_retries=max_retries,
        )

    async def question(  # type: ignore[override]
        self,
        questions: LemurQuestion | Sequence[LemurQuestion],
        context: Context = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: Timeout = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurQuestionResponse:
        body = self._question_body(
            questions, context, final_model, max_output_size, temperature, input_text
        )
        return await self._arun(
            ops.lemur_generate("question-answer", body, LemurQuestionResponse.from_dict),
            timeout,
            max_retries,
        )

    async def summarize(  # type: ignore[override]
        self,
        context: Context = None,
        answer_format: str | None = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: Timeout = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurSummaryResponse:
        body = self._body(
            final_model=final_model,
            context=context,
            max_output_size=max_output_size,
            temperature=temperature,
            input_text=input_text,
            answer_format=answer_format,
        )
        return await self._arun(
            ops.lemur_generate("summary", body, LemurSummaryResponse.from_dict),
            timeout,
            max_retries,
        )

    async def action_items(  # type: ignore[override]
        self,
        context: Context = None,
        answer_format: str | None = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: Timeout = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurActionItemsResponse:
        body = self._body(
            final_model=final_model,
            context=context,
            max_output_size=max_output_size,
            temperature=temperature,
            input_text=input_text,
            answer_format=answer_format,
        )
        return await self._arun(
            ops.lemur_generate("action-items", body, LemurActionItemsResponse.from_dict),
            timeout,
            max_retries,
        )

    async def task(  # type: ignore[override]
        self,
        prompt: str,
        context: Context = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: Timeout = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurTaskResponse:
        body = self._task_body(
            prompt, context, final_model, max_output_size, temperature, input_text
        )
        return await self._arun(
            ops.lemur_generate("task", body, LemurTaskResponse.from_dict), timeout, max_retries
        )

    async def get_response_data(  # type: ignore[override]
        self, request_id: str, timeout: Timeout = None, *, max_retries: int | None = None
    ) -> LemurStringResponse | LemurQuestionResponse:
        return await self._arun(
            ops.lemur_get(request_id, _parse_any_response), timeout, max_retries
        )

    async def purge(
        self, request_id: str, timeout: Timeout = None, *, max_retries: int | None = None
    ) -> LemurPurgeResponse:
        """Delete the data of a LeMUR request (``Lemur.purge_request_data``, awaited)."""
        return await self._arun(
            ops.lemur_purge(request_id, LemurPurgeResponse.from_dict), timeout, max_retries
        )
