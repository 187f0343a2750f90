"""``aai.AsyncLemur``: LeMUR for asyncio code.

The asyncio shell over :class:`~assemblyai._lemur.core.LemurCore`, beside the blocking
``aai.Lemur``; neither inherits from the other. 0.45.4 had no asyncio LeMUR, so this one has
no ``*_async`` methods: every call is already a coroutine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from assemblyai._core.enums import LemurModel
from assemblyai._http.client import Client
from assemblyai._http.send import send_async
from assemblyai._lemur.core import (
    Context,
    LemurActionItemsResponse,
    LemurCore,
    LemurPurgeResponse,
    LemurQuestionResponse,
    LemurStringResponse,
    LemurSummaryResponse,
    LemurTaskResponse,
    Plan,
    Questions,
    Timeout,
)
from assemblyai._lemur.lemur import LemurSource

__all__ = ["AsyncLemur"]

R = TypeVar("R")


class AsyncLemur:
    """The asyncio twin of ``aai.Lemur``: the same arguments, awaited.

    Example::

        lemur = aai.AsyncLemur(sources=[aai.LemurTranscriptSource("transcript-id")])
        answer = await lemur.task("List the decisions made.")
    """

    def __init__(
        self, sources: Sequence[LemurSource] | None = None, client: Client | None = None
    ) -> None:
        self._core = LemurCore(sources, client)

    @staticmethod
    async def _run(plan: Plan[R], timeout: Timeout, max_retries: int | None = None) -> R:
        # One transcript at a time: a failure then leaves no request running behind it.
        http = plan.client.async_http_client
        reads = [
            read if isinstance(read, tuple) else await send_async(http, read) for read in plan.reads
        ]
        return await send_async(
            plan.sender.async_http_client,
            plan.finish(reads),
            LemurCore.timeout(plan.client, timeout),
            max_retries=max_retries,
        )

    async def question(
        self,
        questions: Questions,
        context: Context = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: Timeout = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurQuestionResponse:
        """Answers to one or more questions."""
        operation = self._core.question(
            questions, context, final_model, max_output_size, temperature, input_text
        )
        return await self._run(operation, timeout, max_retries)

    async def summarize(
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
        """A summary, shaped by ``answer_format`` if given."""
        operation = self._core.summary(
            context, answer_format, final_model, max_output_size, temperature, input_text
        )
        return await self._run(operation, timeout, max_retries)

    async def action_items(
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
        """A list of action items."""
        operation = self._core.action_items(
            context, answer_format, final_model, max_output_size, temperature, input_text
        )
        return await self._run(operation, timeout, max_retries)

    async def task(
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
        """Anything you ask in ``prompt`` (``context``, when given, goes before it)."""
        operation = self._core.task(
            prompt, context, final_model, max_output_size, temperature, input_text
        )
        return await self._run(operation, timeout, max_retries)

    async def get_response_data(
        self, request_id: str, timeout: Timeout = None, *, max_retries: int | None = None
    ) -> LemurStringResponse | LemurQuestionResponse:
        """A LeMUR answer given earlier, by its ``request_id``."""
        return await self._run(
            self._core.response_data(request_id, "AsyncLemur.get_response_data"),
            timeout,
            max_retries,
        )

    async def purge(
        self, request_id: str, timeout: Timeout = None, *, max_retries: int | None = None
    ) -> LemurPurgeResponse:
        """Delete the data of a LeMUR request (``Lemur.purge_request_data``, awaited)."""
        return await self._run(
            self._core.purge(request_id, "AsyncLemur.purge"), timeout, max_retries
        )
