"""LeMUR: ask a language model about transcripts (or any text).

Example::

    transcript = aai.Transcriber().transcribe("https://example.org/call.mp3")
    result = transcript.lemur.summarize(context="a sales call", answer_format="bullet points")
    print(result.response)

``Lemur`` is the blocking shell over :class:`~assemblyai._lemur.core.LemurCore` (what each
call sends and how its answer reads); ``aai.AsyncLemur`` is the asyncio one. Since LeMUR's
deprecation the calls run on LLM Gateway's chat completions, unless
``aai.settings.lemur_backend`` is ``"lemur"`` (LeMUR's own endpoints).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from assemblyai._core.enums import LemurModel, LemurSourceType
from assemblyai._http.client import Client
from assemblyai._http.executor import shared_executor
from assemblyai._http.send import send
from assemblyai._lemur.core import (
    LEMUR_TIMEOUT,
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

if TYPE_CHECKING:
    from assemblyai._transcription.transcript import Transcript

__all__ = [
    "LEMUR_TIMEOUT",
    "Lemur",
    "LemurActionItemsResponse",
    "LemurPurgeResponse",
    "LemurQuestionResponse",
    "LemurSource",
    "LemurStringResponse",
    "LemurSummaryResponse",
    "LemurTaskResponse",
    "LemurTranscriptSource",
]

R = TypeVar("R")
S = TypeVar("S")
P = ParamSpec("P")


def _on_shared_pool(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], Future[R]]:
    """METHOD run on the shared pool: 0.45.4's ``*_async`` methods, which return a
    ``concurrent.futures.Future``."""

    @functools.wraps(method)
    def on_pool(self: S, /, *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        return shared_executor().submit(method, self, *args, **kwargs)

    on_pool.__name__ = f"{method.__name__}_async"
    on_pool.__qualname__ = f"{method.__qualname__}_async"
    on_pool.__doc__ = f":meth:`{method.__name__}` on the shared pool, as a Future."
    # The wrapped call's parameters, with what this one returns.
    signature = inspect.signature(method)
    on_pool.__signature__ = signature.replace(  # type: ignore[attr-defined]
        return_annotation=f"Future[{signature.return_annotation}]"
    )
    return on_pool


class LemurSource:
    """A transcript LeMUR reads (0.45.4 accepted only ``Transcript`` objects here)."""

    def __init__(self, source: Transcript) -> None:
        from assemblyai._transcription.transcript import Transcript

        if not isinstance(source, Transcript):
            raise ValueError(f"LemurSource takes an aai.Transcript, not {type(source).__name__}.")
        self._source = source

    @property
    def source(self) -> Transcript:
        return self._source

    @property
    def type(self) -> LemurSourceType:
        return LemurSourceType.transcript


class LemurTranscriptSource(LemurSource):
    """A ``LemurSource`` from a ``Transcript`` or a transcript id."""

    def __init__(self, transcript: Transcript | str) -> None:
        from assemblyai._transcription.transcript import Transcript

        super().__init__(Transcript(transcript) if isinstance(transcript, str) else transcript)


class Lemur:
    """LeMUR over a set of transcripts, or over ``input_text`` you give each call.

    Args:
        sources: the transcripts to read (``LemurSource``s); may be empty when every call
            passes ``input_text``.
        client: the client to use; by default the one for ``aai.settings`` at call time.
    """

    def __init__(
        self, sources: Sequence[LemurSource] | None = None, client: Client | None = None
    ) -> None:
        self._core = LemurCore(sources, client)

    @staticmethod
    def _run(plan: Plan[R], timeout: Timeout, max_retries: int | None = None) -> R:
        # The transcripts' text first (gateway backend), then the call. LeMUR's generate calls
        # are retried only when the API certainly did not start them (see
        # assemblyai._core.retry); ``max_retries`` overrides settings.max_retries for this call.
        http = plan.client.http_client
        reads = [read if isinstance(read, tuple) else send(http, read) for read in plan.reads]
        return send(
            plan.sender.http_client,
            plan.finish(reads),
            LemurCore.timeout(plan.client, timeout),
            max_retries=max_retries,
        )

    def question(
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
        return self._run(operation, timeout, max_retries)

    def summarize(
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
            context,
            answer_format,
            final_model,
            max_output_size,
            temperature,
            input_text,
        )
        return self._run(operation, timeout, max_retries)

    def action_items(
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
            context,
            answer_format,
            final_model,
            max_output_size,
            temperature,
            input_text,
        )
        return self._run(operation, timeout, max_retries)

    def task(
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
        """Anything you ask in ``prompt``.

        ``context`` is not part of the task endpoint; when given, it is put before the
        prompt so that it still reaches the model.
        """
        operation = self._core.task(
            prompt, context, final_model, max_output_size, temperature, input_text
        )
        return self._run(operation, timeout, max_retries)

    def get_response_data(
        self,
        request_id: str,
        timeout: Timeout = None,
        *,
        max_retries: int | None = None,
    ) -> LemurStringResponse | LemurQuestionResponse:
        """A LeMUR answer given earlier, by its ``request_id`` (LeMUR's own endpoints only: on
        LLM Gateway it raises ``LemurGatewayUnsupportedError`` before sending anything)."""
        return self._run(self._core.response_data(request_id), timeout, max_retries)

    @classmethod
    def purge_request_data(
        cls,
        request_id: str,
        timeout: Timeout = None,
        *,
        max_retries: int | None = None,
    ) -> LemurPurgeResponse:
        """Delete the data of a LeMUR request (LeMUR's own endpoints only: on LLM Gateway it
        raises ``LemurGatewayUnsupportedError`` before sending anything)."""
        return cls._run(LemurCore(None, None).purge(request_id), timeout, max_retries)

    # --- 0.45.4's futures --------------------------------------------------------------------
    # Each takes exactly the parameters of the call it runs (0.45.4's signatures), which
    # inspect.signature finds through __wrapped__.

    question_async = _on_shared_pool(question)
    summarize_async = _on_shared_pool(summarize)
    action_items_async = _on_shared_pool(action_items)
    task_async = _on_shared_pool(task)

    def get_response_data_async(
        self, request_id: str, timeout: Timeout = None
    ) -> Future[LemurStringResponse | LemurQuestionResponse]:
        return shared_executor().submit(self.get_response_data, request_id, timeout)

    @classmethod
    def purge_request_data_async(
        cls, request_id: str, timeout: Timeout = None
    ) -> Future[LemurPurgeResponse]:
        """Unlike 0.45.4, returns at once; the purge runs on the shared pool."""
        return shared_executor().submit(cls.purge_request_data, request_id, timeout)
