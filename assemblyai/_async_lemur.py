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
    Lemur,
    LemurActionItemsResponse,
    LemurPurgeResponse,
    LemurQuestionResponse,
    LemurStringResponse,
    LemurSummaryResponse,
    LemurTaskResponse,
    _lemur_timeout,
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
        client = self._client
        return await send_async(
            client.async_http_client,
            operation,
            timeout if timeout is not None else _lemur_timeout(client.settings),
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
        operation = self._question_operation(
            questions, context, final_model, max_output_size, temperature, input_text
        )
        return await self._arun(operation, timeout, max_retries)

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
        operation = self._answer_operation(
            "summary",
            LemurSummaryResponse.from_dict,
            context,
            answer_format,
            final_model,
            max_output_size,
            temperature,
            input_text,
        )
        return await self._arun(operation, timeout, max_retries)

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
        operation = self._answer_operation(
            "action-items",
            LemurActionItemsResponse.from_dict,
            context,
            answer_format,
            final_model,
            max_output_size,
            temperature,
            input_text,
        )
        return await self._arun(operation, timeout, max_retries)

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
        operation = self._task_operation(
            prompt, context, final_model, max_output_size, temperature, input_text
        )
        return await self._arun(operation, timeout, max_retries)

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
