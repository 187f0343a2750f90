"""LeMUR: ask a language model about transcripts (or any text).

Example::

    transcript = aai.Transcriber().transcribe("https://example.org/call.mp3")
    result = transcript.lemur.summarize(context="a sales call", answer_format="bullet points")
    print(result.response)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import httpx

from . import _operations as ops
from ._client import Client
from ._enums import LemurModel, LemurSourceType
from ._exceptions import ConfigurationError
from ._executor import shared_executor
from ._generated.rest.models.lemur_question import LemurQuestion
from ._generated.rest.models.lemur_question_answer_response import (
    LemurQuestionAnswerResponse as LemurQuestionResponse,
)
from ._generated.rest.models.lemur_string_response import LemurStringResponse
from ._generated.rest.models.purge_lemur_request_data_response import (
    PurgeLemurRequestDataResponse as LemurPurgeResponse,
)
from ._send import send
from ._settings import Settings, http_timeout_is_default

if TYPE_CHECKING:
    from ._transcript import Transcript

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

# LeMUR answers can take minutes; 0.45.4 waited forever by default, we wait this long.
LEMUR_TIMEOUT = httpx.Timeout(30.0, read=600.0)


def _lemur_timeout(settings: Settings) -> httpx.Timeout | None:
    """The timeout of a LeMUR call given no ``timeout=``: ``None`` means the client's own.

    The longer LeMUR default applies only while ``settings.http_timeout`` is the default; a
    timeout the user chose wins, as it did in 0.45.4.
    """
    return LEMUR_TIMEOUT if http_timeout_is_default(settings.http_timeout) else None


# Used when the caller names no model: "default" lets the API choose, and the task endpoint,
# whose schema admits only named models, gets the newest Sonnet the API lists.
_DEFAULT_MODEL = "default"
_DEFAULT_TASK_MODEL = LemurModel.claude_sonnet_4_20250514.value

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


class LemurTaskResponse(LemurStringResponse):
    """The answer to :meth:`Lemur.task`."""

    __slots__ = ()


class LemurSummaryResponse(LemurStringResponse):
    """The answer to :meth:`Lemur.summarize`."""

    __slots__ = ()


class LemurActionItemsResponse(LemurStringResponse):
    """The answer to :meth:`Lemur.action_items`."""

    __slots__ = ()


class LemurSource:
    """A transcript LeMUR reads (0.45.4 accepted only ``Transcript`` objects here)."""

    def __init__(self, source: Transcript) -> None:
        from ._transcript import Transcript

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
        from ._transcript import Transcript

        super().__init__(Transcript(transcript) if isinstance(transcript, str) else transcript)


def _context(value: str | Mapping[str, Any] | None) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return dict(value)
    raise ConfigurationError(f"context must be a string or a dict, not {type(value).__name__}.")


def _question_dict(question: Any) -> dict[str, Any]:
    if isinstance(question, LemurQuestion):
        return question.to_dict()
    if isinstance(question, Mapping):
        return LemurQuestion.from_dict(question).to_dict()
    raise ConfigurationError(
        f"questions must be aai.LemurQuestion objects, not {type(question).__name__}."
    )


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
        self._sources = list(sources or [])
        self._client_arg = client

    @property
    def _client(self) -> Client:
        return self._client_arg if self._client_arg is not None else Client.get_default()

    def _body(
        self,
        *,
        task_model: bool = False,
        final_model: LemurModel | str | None,
        context: str | Mapping[str, Any] | None = None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
        **fields: Any,
    ) -> dict[str, Any]:
        if max_output_size is not None and (
            isinstance(max_output_size, bool)
            or not isinstance(max_output_size, int)
            or max_output_size < 1
        ):
            raise ConfigurationError(
                f"max_output_size must be a positive integer, got {max_output_size!r}."
            )
        if temperature is not None and not 0.0 <= float(temperature) <= 1.0:
            raise ConfigurationError(f"temperature must be between 0 and 1, got {temperature!r}.")
        transcript_ids = [source.source.id for source in self._sources]
        if not transcript_ids and not input_text:
            raise ConfigurationError(
                "LeMUR needs something to read: transcripts (sources) or input_text."
            )
        model = (
            final_model
            if final_model is not None
            else (_DEFAULT_TASK_MODEL if task_model else _DEFAULT_MODEL)
        )
        body: dict[str, Any] = {"final_model": str(getattr(model, "value", model))}
        if transcript_ids:
            body["transcript_ids"] = transcript_ids
        optional = {
            "context": _context(context),
            "max_output_size": max_output_size,
            "temperature": temperature,
            "input_text": input_text,
            **fields,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        return body

    def _question_operation(
        self,
        questions: Any,
        context: str | Mapping[str, Any] | None,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> ops.Operation[LemurQuestionResponse]:
        listed = [questions] if isinstance(questions, (LemurQuestion, Mapping)) else list(questions)
        if not listed:
            raise ConfigurationError("question() needs at least one LemurQuestion.")
        body = self._body(
            final_model=final_model,
            context=context,
            max_output_size=max_output_size,
            temperature=temperature,
            input_text=input_text,
            questions=[_question_dict(q) for q in listed],
        )
        return ops.lemur_generate("question-answer", body, LemurQuestionResponse.from_dict)

    def _answer_operation(
        self,
        kind: str,
        parse: Callable[[dict[str, Any]], R],
        context: str | Mapping[str, Any] | None,
        answer_format: str | None,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> ops.Operation[R]:
        """The summary and action-items calls, which take the same fields."""
        body = self._body(
            final_model=final_model,
            context=context,
            max_output_size=max_output_size,
            temperature=temperature,
            input_text=input_text,
            answer_format=answer_format,
        )
        return ops.lemur_generate(kind, body, parse)

    def _task_operation(
        self,
        prompt: str,
        context: str | Mapping[str, Any] | None,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> ops.Operation[LemurTaskResponse]:
        if not isinstance(prompt, str) or not prompt.strip():
            raise ConfigurationError(f"task() needs a non-empty prompt, got {prompt!r}.")
        if context is not None:
            # The task endpoint has no context field; put it before the prompt instead.
            shown = context if isinstance(context, str) else repr(dict(context))
            prompt = f"Context: {shown}\n\n{prompt}"
        body = self._body(
            task_model=True,
            final_model=final_model,
            max_output_size=max_output_size,
            temperature=temperature,
            input_text=input_text,
            prompt=prompt,
        )
        return ops.lemur_generate("task", body, LemurTaskResponse.from_dict)

    def _run(
        self,
        operation: ops.Operation[R],
        timeout: float | httpx.Timeout | None,
        max_retries: int | None = None,
    ) -> R:
        # LeMUR's generate calls are retried only when the API certainly did not start them
        # (see assemblyai._retry); ``max_retries`` overrides settings.max_retries for this call.
        client = self._client
        return send(
            client.http_client,
            operation,
            timeout if timeout is not None else _lemur_timeout(client.settings),
            max_retries=max_retries,
        )

    def question(
        self,
        questions: LemurQuestion | Sequence[LemurQuestion],
        context: str | Mapping[str, Any] | None = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurQuestionResponse:
        """Answers to one or more questions."""
        operation = self._question_operation(
            questions, context, final_model, max_output_size, temperature, input_text
        )
        return self._run(operation, timeout, max_retries)

    def summarize(
        self,
        context: str | Mapping[str, Any] | None = None,
        answer_format: str | None = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurSummaryResponse:
        """A summary, shaped by ``answer_format`` if given."""
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
        return self._run(operation, timeout, max_retries)

    def action_items(
        self,
        context: str | Mapping[str, Any] | None = None,
        answer_format: str | None = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurActionItemsResponse:
        """A list of action items."""
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
        return self._run(operation, timeout, max_retries)

    def task(
        self,
        prompt: str,
        context: str | Mapping[str, Any] | None = None,
        final_model: LemurModel | str | None = None,
        max_output_size: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        temperature: float | None = None,
        input_text: str | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurTaskResponse:
        """Anything you ask in ``prompt``.

        ``context`` is not part of the task endpoint; when given, it is put before the
        prompt so that it still reaches the model.
        """
        operation = self._task_operation(
            prompt, context, final_model, max_output_size, temperature, input_text
        )
        return self._run(operation, timeout, max_retries)

    def get_response_data(
        self,
        request_id: str,
        timeout: float | httpx.Timeout | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurStringResponse | LemurQuestionResponse:
        """A LeMUR answer given earlier, by its ``request_id``."""
        return self._run(ops.lemur_get(request_id, _parse_any_response), timeout, max_retries)

    @classmethod
    def purge_request_data(
        cls,
        request_id: str,
        timeout: float | httpx.Timeout | None = None,
        *,
        max_retries: int | None = None,
    ) -> LemurPurgeResponse:
        """Delete the data of a LeMUR request."""
        return cls()._run(
            ops.lemur_purge(request_id, LemurPurgeResponse.from_dict), timeout, max_retries
        )

    # --- 0.45.4's futures --------------------------------------------------------------------
    # Each takes exactly the parameters of the call it runs (0.45.4's signatures), which
    # inspect.signature finds through __wrapped__.

    question_async = _on_shared_pool(question)
    summarize_async = _on_shared_pool(summarize)
    action_items_async = _on_shared_pool(action_items)
    task_async = _on_shared_pool(task)

    def get_response_data_async(
        self, request_id: str, timeout: float | httpx.Timeout | None = None
    ) -> Future[LemurStringResponse | LemurQuestionResponse]:
        return shared_executor().submit(self.get_response_data, request_id, timeout)

    @classmethod
    def purge_request_data_async(
        cls, request_id: str, timeout: float | httpx.Timeout | None = None
    ) -> Future[LemurPurgeResponse]:
        """Unlike 0.45.4, returns at once; the purge runs on the shared pool."""
        return shared_executor().submit(cls.purge_request_data, request_id, timeout)


def _parse_any_response(data: dict[str, Any]) -> LemurStringResponse | LemurQuestionResponse:
    if isinstance(data.get("response"), list):
        return LemurQuestionResponse.from_dict(data)
    return LemurStringResponse.from_dict(data)
