"""LeMUR without I/O: the request each call sends, its timeout, and how its answer reads.

``aai.Lemur`` (blocking, plus 0.45.4's futures) and ``aai.AsyncLemur`` (coroutines) are two
thin shells over :class:`LemurCore`: each gets a :class:`~assemblyai._lemur.plan.Plan` here and
performs it with :func:`~assemblyai._http.send.send` or ``send_async``. Neither inherits from
the other, so neither carries methods that only make sense for the other. The backend is
``settings.lemur_backend``: LLM Gateway's chat completions (the prompts, the model mapping and
the reading of answers are in :mod:`assemblyai._lemur.gateway`) or LeMUR's own endpoints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from assemblyai._core.enums import LemurModel
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.settings import Settings, http_timeout_is_default
from assemblyai._generated.rest.models.lemur_question import LemurQuestion
from assemblyai._generated.rest.models.lemur_question_answer_response import (
    LemurQuestionAnswerResponse as LemurQuestionResponse,
)
from assemblyai._generated.rest.models.lemur_string_response import LemurStringResponse
from assemblyai._generated.rest.models.purge_lemur_request_data_response import (
    PurgeLemurRequestDataResponse as LemurPurgeResponse,
)
from assemblyai._http import operations as ops
from assemblyai._http.client import Client
from assemblyai._lemur import gateway
from assemblyai._lemur.plan import Plan, TextRead, text_read
from assemblyai._lemur.plan import chat as chat_operation

if TYPE_CHECKING:
    from assemblyai._transcription.transcript import Transcript

__all__ = [
    "LEMUR_TIMEOUT",
    "Context",
    "LemurActionItemsResponse",
    "LemurCore",
    "LemurPurgeResponse",
    "LemurQuestionResponse",
    "LemurStringResponse",
    "LemurSummaryResponse",
    "LemurTaskResponse",
    "Plan",
    "Questions",
    "Timeout",
    "lemur_timeout",
    "parse_any_response",
]

R = TypeVar("R")
S = TypeVar("S", bound=LemurStringResponse)
Timeout = float | httpx.Timeout | None
Context = str | Mapping[str, Any] | None
Questions = LemurQuestion | Sequence[LemurQuestion]

# LeMUR answers can take minutes; 0.45.4 waited forever by default, we wait this long.
LEMUR_TIMEOUT = httpx.Timeout(30.0, read=600.0)

# Used when the caller names no model: "default" lets the API choose, and the task endpoint,
# whose schema admits only named models, gets the newest Sonnet the API lists.
_DEFAULT_MODEL = "default"
_DEFAULT_TASK_MODEL = LemurModel.claude_sonnet_4_20250514.value


class LemurTaskResponse(LemurStringResponse):
    """The answer to ``task``."""

    __slots__ = ()


class LemurSummaryResponse(LemurStringResponse):
    """The answer to ``summarize``."""

    __slots__ = ()


class LemurActionItemsResponse(LemurStringResponse):
    """The answer to ``action_items``."""

    __slots__ = ()


class Source(Protocol):
    """What LeMUR reads of a ``LemurSource``: the transcript it names."""

    @property
    def source(self) -> Transcript: ...


def lemur_timeout(settings: Settings) -> httpx.Timeout | None:
    """The timeout of a LeMUR call given no ``timeout=``: ``None`` means the client's own.

    The longer LeMUR default applies only while ``settings.http_timeout`` is the default; a
    timeout the user chose wins, as it did in 0.45.4.
    """
    return LEMUR_TIMEOUT if http_timeout_is_default(settings.http_timeout) else None


def parse_any_response(data: dict[str, Any]) -> LemurStringResponse | LemurQuestionResponse:
    """A stored LeMUR answer: question answers carry a list, every other kind a string."""
    if isinstance(data.get("response"), list):
        return LemurQuestionResponse.from_dict(data)
    return LemurStringResponse.from_dict(data)


def _context(value: Context) -> str | dict[str, Any] | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return dict(value)
    raise ConfigurationError(f"context must be a string or a dict, not {type(value).__name__}.")


def _question_dict(question: object) -> dict[str, Any]:
    if isinstance(question, LemurQuestion):
        return question.to_dict()
    if isinstance(question, Mapping):
        return LemurQuestion.from_dict(question).to_dict()
    raise ConfigurationError(
        f"questions must be aai.LemurQuestion objects, not {type(question).__name__}."
    )


class LemurCore:
    """The sources and client of one ``Lemur``/``AsyncLemur``, and the calls made with them.

    Each call is a :class:`Plan` for the backend ``settings.lemur_backend`` names:
    ``llm_gateway`` (the default) reads the transcripts' text and asks chat completions;
    ``lemur`` sends the old LeMUR request.
    """

    def __init__(self, sources: Sequence[Source] | None, client: Client | None) -> None:
        self._sources = list(sources or [])
        self._client = client

    @property
    def client(self) -> Client:
        """The client given, else the one for ``aai.settings`` at call time."""
        return self._client if self._client is not None else Client.get_default()

    @staticmethod
    def timeout(client: Client, timeout: Timeout) -> Timeout:
        """The timeout a call uses: the one given, else LeMUR's longer default (see above)."""
        return timeout if timeout is not None else lemur_timeout(client.settings)

    def _body(
        self,
        *,
        task_model: bool = False,
        final_model: LemurModel | str | None,
        context: Context = None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
        **fields: object,
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

    def _plan(
        self,
        legacy: ops.Operation[R],
        label: str,
        instruction: str,
        parse: Callable[[dict[str, Any]], R],
        body: Mapping[str, Any],
        response_format: Mapping[str, Any] | None = None,
    ) -> Plan[R]:
        """The call on the chosen backend; BODY is the (validated) LeMUR body it stands for."""
        client = self.client
        if client.settings.lemur_backend == "lemur":
            return Plan(client, (), lambda _reads: legacy, client)
        from assemblyai.llm_gateway._operations import gateway_client

        transcripts = [source.source for source in self._sources]
        reads = tuple(text_read(transcript) for transcript in transcripts)

        def finish(done: list[TextRead]) -> ops.Operation[R]:
            texts = [
                (t.id, gateway.transcript_text(t.id, status, text))
                for t, (status, text) in zip(transcripts, done, strict=True)
            ]
            chat = gateway.chat_body(
                instruction,
                texts,
                input_text=body.get("input_text"),
                final_model=body.get("final_model"),
                max_output_size=body.get("max_output_size"),
                temperature=body.get("temperature"),
                response_format=response_format,
            )
            return chat_operation(label, chat, parse)

        return Plan(client, reads, finish, gateway_client(client))

    def question(
        self,
        questions: Questions,
        context: Context,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> Plan[LemurQuestionResponse]:
        listed = [questions] if isinstance(questions, LemurQuestion | Mapping) else list(questions)
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
        asked = [LemurQuestion.from_dict(q) for q in body["questions"]]
        return self._plan(
            ops.lemur_generate("question-answer", body, LemurQuestionResponse.from_dict),
            "questions",
            gateway.question_prompt(asked, _context(context)),
            lambda data: gateway.question_response(data, asked),
            _gateway_fields(body, final_model),
            gateway.question_format(asked),
        )

    def answer(
        self,
        kind: str,
        cls: type[S],
        context: Context,
        answer_format: str | None,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> Plan[S]:
        """The summary and action-items calls, which take the same fields."""
        body = self._body(
            final_model=final_model,
            context=context,
            max_output_size=max_output_size,
            temperature=temperature,
            input_text=input_text,
            answer_format=answer_format,
        )
        build = gateway.summary_prompt if kind == "summary" else gateway.action_items_prompt
        return self._plan(
            ops.lemur_generate(kind, body, cls.from_dict),
            kind.replace("-", " "),
            build(_context(context), answer_format),
            lambda data: gateway.string_response(cls, data),
            _gateway_fields(body, final_model),
        )

    def summary(
        self,
        context: Context,
        answer_format: str | None,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> Plan[LemurSummaryResponse]:
        return self.answer(
            "summary",
            LemurSummaryResponse,
            context,
            answer_format,
            final_model,
            max_output_size,
            temperature,
            input_text,
        )

    def action_items(
        self,
        context: Context,
        answer_format: str | None,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> Plan[LemurActionItemsResponse]:
        return self.answer(
            "action-items",
            LemurActionItemsResponse,
            context,
            answer_format,
            final_model,
            max_output_size,
            temperature,
            input_text,
        )

    def task(
        self,
        prompt: str,
        context: Context,
        final_model: LemurModel | str | None,
        max_output_size: int | None,
        temperature: float | None,
        input_text: str | None,
    ) -> Plan[LemurTaskResponse]:
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
        return self._plan(
            ops.lemur_generate("task", body, LemurTaskResponse.from_dict),
            "task",
            gateway.task_prompt(prompt),
            lambda data: gateway.string_response(LemurTaskResponse, data),
            _gateway_fields(body, final_model),
        )

    def response_data(
        self, request_id: str, method: str = "Lemur.get_response_data"
    ) -> Plan[LemurStringResponse | LemurQuestionResponse]:
        client = self.client
        if client.settings.lemur_backend != "lemur":
            raise gateway.unsupported_error(method)
        operation = ops.lemur_get(request_id, parse_any_response)
        return Plan(client, (), lambda _reads: operation, client)

    def purge(
        self, request_id: str, method: str = "Lemur.purge_request_data"
    ) -> Plan[LemurPurgeResponse]:
        client = self.client
        if client.settings.lemur_backend != "lemur":
            raise gateway.unsupported_error(method)
        operation = ops.lemur_purge(request_id, LemurPurgeResponse.from_dict)
        return Plan(client, (), lambda _reads: operation, client)


def _gateway_fields(
    body: Mapping[str, Any], final_model: LemurModel | str | None
) -> dict[str, Any]:
    # The gateway maps the model the caller named (None: its own default), not the LeMUR body's
    # stand-in ("default", or the task endpoint's Sonnet).
    fields = {
        key: body[key] for key in ("input_text", "max_output_size", "temperature") if key in body
    }
    fields["final_model"] = final_model
    return fields
