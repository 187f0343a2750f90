"""Every REST call as a pure description: the request to send and how to read the answer.

Each function returns an :class:`Operation`: the request kwargs built by the generated
endpoint module (so paths, query encoding and bodies come from our spec), the sentence that
starts an error message, the error family users catch, and a parser for the success body.
:mod:`assemblyai._http.send` performs an ``Operation`` with an ``httpx.Client`` or
``httpx.AsyncClient``; nothing here does I/O.
"""

from __future__ import annotations

import datetime
import enum
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import (
    AssemblyAIError,
    ConfigurationError,
    LemurError,
    TranscriptError,
)
from assemblyai._http.client import STRICT_EXTENSION
from assemblyai._http.query_check import check_query

if TYPE_CHECKING:
    # Imported lazily at run time: ``import assemblyai`` should not load every generated model.
    from assemblyai._generated.rest.models.paragraphs_response import ParagraphsResponse
    from assemblyai._generated.rest.models.redacted_audio_response import RedactedAudioResponse
    from assemblyai._generated.rest.models.sentences_response import SentencesResponse
    from assemblyai._generated.rest.models.transcript import Transcript
    from assemblyai._generated.rest.models.word_search_response import WordSearchResponse
    from assemblyai._transcription.models import ListTranscriptResponse

__all__ = [
    "Operation",
    "check_id",
    "json_model",
    "json_string",
    "parse_json_object",
    "parse_strictly",
]

T = TypeVar("T")


def parse_strictly(response: httpx.Response, parse: Callable[[httpx.Response], T]) -> T:
    """PARSE(RESPONSE), reading the body strictly or tolerantly as its client's settings say.

    Tolerant (the default): a field the description promises but the answer lacks reads as
    None, and other departures are kept as sent (``assemblyai.deviations`` logs each once).
    Strict: each departure raises ``ResponseDeviationError``, a ``ValueError`` that
    ``assemblyai._http.send.read_response`` turns into ``APIResponseValidationError`` naming the field.
    """
    strict = response.extensions.get(STRICT_EXTENSION)
    if not (_settings.settings.strict_responses if strict is None else strict):
        return parse(response)  # the reading default: nothing to set (the usual case)
    from assemblyai._generated.rest.types import STRICT_READING, ResponseDeviationError

    token = STRICT_READING.set(True)
    try:
        return parse(response)
    except ResponseDeviationError as exc:
        # Say why a departure the SDK would otherwise read is an error here.
        raise ValueError(
            f"{exc}; strict reading (settings.strict_responses) refuses such answers"
        ) from exc
    finally:
        STRICT_READING.reset(token)


def parse_json_object(response: httpx.Response) -> dict[str, Any]:
    """The body as a JSON object; ``ValueError`` (mapped to a parse error) otherwise."""
    value = json.loads(response.content)
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return value


def parse_transcript_object(response: httpx.Response) -> dict[str, Any]:
    """A transcript body as a JSON object, its word lists decoded as records (fast for long
    transcripts: see ``assemblyai._core.decoding``); ``ValueError`` when it is not an object."""
    from assemblyai._core.decoding import decode_transcript

    value = decode_transcript(response.content)
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return value


def transcript_model(response: httpx.Response) -> Transcript:
    """The parser of answers that are a whole transcript."""
    from assemblyai._core.decoding import collection_paused
    from assemblyai._generated.rest.models.transcript import Transcript

    with collection_paused(len(response.content)):
        return Transcript.from_dict(parse_transcript_object(response))


def new_transcript_model(response: httpx.Response) -> Transcript:
    """The parser of the answer that creates a transcript: it must carry the new id, which
    every later call about the transcript needs."""
    transcript = transcript_model(response)
    if not isinstance(transcript.id, str):
        raise ValueError(
            f"the new transcript has no usable `id` (got {transcript.id!r}), so it cannot be "
            "followed; retry the request, or report this answer to AssemblyAI"
        )
    return transcript


def json_model(cls: Callable[[dict[str, Any]], T]) -> Callable[[httpx.Response], T]:
    """A parser that reads the body as a JSON object and builds ``cls`` from it."""
    return lambda response: cls(parse_json_object(response))


def json_string(key: str, *, non_empty: bool = False) -> Callable[[httpx.Response], str]:
    """A parser for answers whose useful part is one string field (an id, a URL, a token)."""

    def parse(response: httpx.Response) -> str:
        value = parse_json_object(response).get(key)
        if not isinstance(value, str) or (non_empty and not value):
            raise ValueError(
                f"the answer has no usable `{key}` (got {value!r}), which this call needs"
            )
        return value

    return parse


def check_id(name: str, value: object) -> str:
    """Refuse an empty id: ``GET /v2/transcript/`` would list transcripts instead."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{name} must be a non-empty string, got {value!r}.")
    return value


@attrs.frozen
class Operation(Generic[T]):
    """One API call, described without doing it."""

    request: dict[str, Any]
    context: str
    family: type[AssemblyAIError]
    parse: Callable[[httpx.Response], T]
    ok_statuses: frozenset[int] = frozenset(range(200, 300))
    timeout: httpx.Timeout | None = None


# --- transcripts -----------------------------------------------------------------------------


def create_transcript(
    audio_url: str,
    config_json: Mapping[str, Any],
    settings: _settings.Settings | None = None,
) -> Operation[Transcript]:
    """``POST /v2/transcript``; SETTINGS (the client's, else ``aai.settings``) gives the
    default speech models for a request that names none."""
    from assemblyai._generated.rest.api.transcript import create_transcript as endpoint
    from assemblyai._generated.rest.models.transcript_params import TranscriptParams
    from assemblyai._transcription.speech_models import with_speech_models

    # The 2026 API refuses a request that names no speech models; complete it here, the one
    # place every transcription request (both shells and aai.api) passes through.
    defaults = (settings if settings is not None else _settings.settings).default_speech_models
    config_json = with_speech_models(config_json, defaults)
    try:
        body = TranscriptParams.from_dict({**config_json, "audio_url": audio_url})
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigurationError(f"the transcription config cannot be sent: {exc}") from exc
    return Operation(
        request=endpoint.build_request(body=body),
        context=f"failed to transcribe url {audio_url}",
        family=TranscriptError,
        parse=new_transcript_model,
    )


def preload_transcription() -> None:
    """Import now what creating and polling a transcript would import on first use.

    ``import assemblyai`` loads no endpoint or model (it stays fast); a transcriber calls this
    when it is made, by which time 0.45.4 had all of them loaded, so that its first call
    does not spend tens of milliseconds importing.
    """
    from assemblyai._generated.rest.api.transcript import create_transcript, get_transcript  # noqa: F401
    from assemblyai._generated.rest.models.transcript import Transcript
    from assemblyai._generated.rest.models.transcript_params import TranscriptParams

    seen: set[str] = set()
    _import_field_models(Transcript, seen)
    _import_field_models(TranscriptParams, seen)


_MODEL_NAME = re.compile(r"\b[A-Z]\w*")


def _import_field_models(cls: type, seen: set[str]) -> None:
    """Import the generated models CLS's fields refer to, and theirs, through the models
    package's lazy attributes (field types are strings: the modules use lazy imports)."""
    from assemblyai._generated.rest import models

    if attrs.has(cls):
        types = [str(field.type) for field in attrs.fields(cls)]
    else:  # a record model: its constructor's keywords are its fields
        types = [str(hint) for hint in getattr(cls.__new__, "__annotations__", {}).values()]
    for name in sorted(set(_MODEL_NAME.findall(" ".join(types))) - seen):
        seen.add(name)
        model = getattr(models, name, None)
        if isinstance(model, type) and not issubclass(model, enum.Enum):
            _import_field_models(model, seen)


def create_transcript_id(
    audio_url: str,
    config_json: Mapping[str, Any],
    settings: _settings.Settings | None = None,
) -> Operation[str]:
    """``POST /v2/transcript`` when only the new id matters (``transcribe`` polls at once)."""
    full = create_transcript(audio_url, config_json, settings)
    return Operation(
        request=full.request,
        context=full.context,
        family=full.family,
        parse=json_string("id", non_empty=True),
    )


def get_transcript(transcript_id: str) -> Operation[Transcript]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import get_transcript as endpoint

    return Operation(
        request=endpoint.build_request(transcript_id),
        context=f"failed to retrieve transcript {transcript_id}",
        family=TranscriptError,
        parse=transcript_model,
    )


def poll_transcript(transcript_id: str) -> Operation[tuple[str, Transcript | None]]:
    """``GET /v2/transcript/{id}`` while waiting: the status, and the model once finished.

    A transcript still queued or processing is not parsed beyond its ``status``: waiting
    polls many times, and only the last answer is kept.
    """
    operation = get_transcript(transcript_id)

    def parse(response: httpx.Response) -> tuple[str, Transcript | None]:
        from assemblyai._core.decoding import collection_paused
        from assemblyai._core.polling import is_terminal
        from assemblyai._generated.rest.models.transcript import Transcript

        with collection_paused(len(response.content)):
            data = parse_transcript_object(response)
            status = data.get("status")
            if not isinstance(status, str):
                raise ValueError(
                    f"the transcript has no `status` string (got {status!r}), which waiting "
                    "for it needs"
                )
            return status, Transcript.from_dict(data) if is_terminal(status) else None

    return Operation(
        request=operation.request,
        context=operation.context,
        family=operation.family,
        parse=parse,
    )


def delete_transcript(transcript_id: str) -> Operation[Transcript]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import delete_transcript as endpoint

    return Operation(
        request=endpoint.build_request(transcript_id),
        context=f"failed to delete transcript {transcript_id}",
        family=TranscriptError,
        parse=transcript_model,
    )


def upload(
    content: Any,
    headers: Mapping[str, str],
    *,
    write_timeout: float,
    answer_timeout: float | httpx.Timeout,
) -> Operation[str]:
    """The upload, with its timeouts from :func:`assemblyai._http.upload.upload_timeout`."""
    from assemblyai._generated.rest.api.transcript import upload_file as endpoint
    from assemblyai._http.upload import body_size, upload_timeout

    request = endpoint.build_request()
    request["content"] = content
    request["headers"] = {**request.get("headers", {}), **headers}

    return Operation(
        request=request,
        context="Failed to upload audio file",
        family=TranscriptError,
        parse=json_string("upload_url"),
        timeout=upload_timeout(answer_timeout, write_timeout, body_size(content, headers)),
    )


def list_transcripts(params: Any | None) -> Operation[ListTranscriptResponse]:
    from assemblyai._generated.rest.api.transcript import list_transcripts as endpoint
    from assemblyai._transcription.models import ListTranscriptResponse

    query: dict[str, Any] = {}
    if params is not None:
        values = params.to_dict() if hasattr(params, "to_dict") else dict(params)
        for key, value in values.items():
            if value is None:
                continue
            if key == "created_on" and isinstance(value, str):
                value = datetime.date.fromisoformat(value)
            elif key == "status":
                from assemblyai._generated.rest.models.transcript_status import TranscriptStatus

                value = TranscriptStatus(getattr(value, "value", value))
            query[key] = value
    check_query("listTranscripts", query, owner="ListTranscriptParameters")
    return Operation(
        request=endpoint.build_request(**query),
        context="failed to retrieve transcripts",
        family=AssemblyAIError,
        parse=json_model(ListTranscriptResponse.from_dict),
    )


def subtitles(transcript_id: str, fmt: str, chars_per_caption: int | None) -> Operation[str]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import get_subtitles as endpoint
    from assemblyai._generated.rest.models.subtitle_format import SubtitleFormat
    from assemblyai._generated.rest.types import UNSET

    return Operation(
        request=endpoint.build_request(
            transcript_id, SubtitleFormat(fmt), chars_per_caption=chars_per_caption or UNSET
        ),
        context=f"failed to export {fmt.upper()} for transcript {transcript_id}",
        family=TranscriptError,
        parse=lambda r: r.text,
    )


def sentences(transcript_id: str) -> Operation[SentencesResponse]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import get_transcript_sentences as endpoint
    from assemblyai._generated.rest.models.sentences_response import SentencesResponse

    return Operation(
        request=endpoint.build_request(transcript_id),
        context=f"failed to retrieve sentences for transcript {transcript_id}",
        family=TranscriptError,
        parse=json_model(SentencesResponse.from_dict),
    )


def paragraphs(transcript_id: str) -> Operation[ParagraphsResponse]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import get_transcript_paragraphs as endpoint
    from assemblyai._generated.rest.models.paragraphs_response import ParagraphsResponse

    return Operation(
        request=endpoint.build_request(transcript_id),
        context=f"failed to retrieve paragraphs for transcript {transcript_id}",
        family=TranscriptError,
        parse=json_model(ParagraphsResponse.from_dict),
    )


def word_search(transcript_id: str, words: Sequence[str]) -> Operation[WordSearchResponse]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import word_search as endpoint
    from assemblyai._generated.rest.models.word_search_response import WordSearchResponse

    # The API reads one comma-separated value; a repeated ``words=`` parameter would be
    # rendered by httpx for a list, and the API would only see the last word.
    return Operation(
        request=endpoint.build_request(transcript_id, words=[",".join(words)]),
        context=f"failed to search words in transcript {transcript_id}",
        family=TranscriptError,
        parse=json_model(WordSearchResponse.from_dict),
    )


def redacted_audio(transcript_id: str) -> Operation[RedactedAudioResponse]:
    check_id("transcript_id", transcript_id)
    from assemblyai._generated.rest.api.transcript import get_redacted_audio as endpoint
    from assemblyai._generated.rest.models.redacted_audio_response import RedactedAudioResponse

    return Operation(
        request=endpoint.build_request(transcript_id),
        context=f"failed to retrieve redacted audio for transcript {transcript_id}",
        family=TranscriptError,
        parse=json_model(RedactedAudioResponse.from_dict),
        # 202 means "not ready yet": it is an answer, not a success; the caller polls.
        ok_statuses=frozenset({200}),
    )


# --- tokens ----------------------------------------------------------------------------------


def realtime_token(expires_in: int) -> Operation[str]:
    from assemblyai._generated.rest.api.streaming import create_temporary_token as endpoint
    from assemblyai._generated.rest.models.create_realtime_temporary_token_params import (
        CreateRealtimeTemporaryTokenParams,
    )

    return Operation(
        request=endpoint.build_request(
            body=CreateRealtimeTemporaryTokenParams(expires_in=expires_in)
        ),
        context="Failed to create temporary token",
        family=AssemblyAIError,
        parse=json_string("token"),
    )


# --- LeMUR -----------------------------------------------------------------------------------

_LEMUR_ENDPOINTS = {
    "task": ("lemur_task", "LemurTaskParams", "task"),
    "summary": ("lemur_summary", "LemurSummaryParams", "summary"),
    "question-answer": ("lemur_question_answer", "LemurQuestionAnswerParams", "questions"),
    "action-items": ("lemur_action_items", "LemurActionItemsParams", "action items"),
}


def lemur_generate(
    kind: str, body: Mapping[str, Any], parse: Callable[[dict[str, Any]], T]
) -> Operation[T]:
    """``POST /lemur/v3/generate/{kind}`` with ``body`` validated by the generated params model."""
    import importlib

    module_name, params_name, label = _LEMUR_ENDPOINTS[kind]
    endpoint = importlib.import_module(f"assemblyai._generated.rest.api.le_mur.{module_name}")
    params_module = importlib.import_module(
        f"assemblyai._generated.rest.models.{_snake(params_name)}"
    )
    params = getattr(params_module, params_name).from_dict(dict(body))
    request: dict[str, Any] = endpoint.build_request(body=params)
    return Operation(
        request=request,
        context=f"failed to call Lemur {label}",
        family=LemurError,
        parse=json_model(parse),
    )


def lemur_get(request_id: str, parse: Callable[[dict[str, Any]], T]) -> Operation[T]:
    check_id("request_id", request_id)
    from assemblyai._generated.rest.api.le_mur import get_lemur_response as endpoint

    return Operation(
        request=endpoint.build_request(request_id),
        context=f"Failed to get LeMUR response data for provided request ID: {request_id}. Error",
        family=LemurError,
        parse=json_model(parse),
    )


def lemur_purge(request_id: str, parse: Callable[[dict[str, Any]], T]) -> Operation[T]:
    check_id("request_id", request_id)
    from assemblyai._generated.rest.api.le_mur import purge_lemur_request_data as endpoint

    return Operation(
        request=endpoint.build_request(request_id),
        context=f"Failed to purge LeMUR request data for provided request ID: {request_id}. Error",
        family=LemurError,
        parse=json_model(parse),
    )


def _snake(name: str) -> str:
    out = []
    for index, char in enumerate(name):
        if char.isupper() and index:
            out.append("_")
        out.append(char.lower())
    return "".join(out)
