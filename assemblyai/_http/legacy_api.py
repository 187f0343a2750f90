"""Compatibility module: 0.45.4's endpoint constants and request functions.

The functions take an ``httpx.Client`` first, as 0.45.4's did; they are thin wrappers over
:mod:`assemblyai._http.operations` (the requests come from the generated endpoint modules).
Prefer ``aai.Transcriber``/``aai.Transcript``/``aai.Lemur`` in new code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

import httpx

from assemblyai._core.settings import settings
from assemblyai._http import operations as ops
from assemblyai._http.send import send
from assemblyai._http.upload import upload_body

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.list_transcript_params import ListTranscriptParams
    from assemblyai._generated.rest.models.paragraphs_response import ParagraphsResponse
    from assemblyai._generated.rest.models.redacted_audio_response import RedactedAudioResponse
    from assemblyai._generated.rest.models.sentences_response import SentencesResponse
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
    from assemblyai._generated.rest.models.word_search_response import WordSearchResponse
    from assemblyai._lemur.lemur import (
        LemurPurgeResponse,
        LemurQuestionResponse,
        LemurStringResponse,
    )
    from assemblyai._transcription.models import ListTranscriptResponse

    _LemurResponse = LemurStringResponse | LemurQuestionResponse

__all__ = [
    "ENDPOINT_LEMUR",
    "ENDPOINT_LEMUR_BASE",
    "ENDPOINT_REALTIME_TOKEN",
    "ENDPOINT_REALTIME_WEBSOCKET",
    "ENDPOINT_TRANSCRIPT",
    "ENDPOINT_UPLOAD",
    "create_temporary_token",
    "create_transcript",
    "delete_transcript",
    "export_subtitles_srt",
    "export_subtitles_vtt",
    "get_paragraphs",
    "get_redacted_audio",
    "get_sentences",
    "get_transcript",
    "lemur_action_items",
    "lemur_get_response_data",
    "lemur_purge_request_data",
    "lemur_question",
    "lemur_summarize",
    "lemur_task",
    "list_transcripts",
    "upload_file",
    "word_search",
]

ENDPOINT_TRANSCRIPT = "/v2/transcript"
ENDPOINT_UPLOAD = "/v2/upload"
ENDPOINT_LEMUR_BASE = "/lemur/v3"
ENDPOINT_LEMUR = f"{ENDPOINT_LEMUR_BASE}/generate"
ENDPOINT_REALTIME_WEBSOCKET = "/v2/realtime/ws"
ENDPOINT_REALTIME_TOKEN = "/v2/realtime/token"


def _json(model: Any) -> dict[str, Any]:
    if isinstance(model, Mapping):
        return dict(model)
    return dict(model.to_dict())


def create_transcript(client: httpx.Client, request: Any) -> TranscriptResponse:
    body = _json(request)
    return send(client, ops.create_transcript(body.pop("audio_url"), body))


def get_transcript(client: httpx.Client, transcript_id: str) -> TranscriptResponse:
    return send(client, ops.get_transcript(transcript_id))


def delete_transcript(client: httpx.Client, transcript_id: str) -> TranscriptResponse:
    return send(client, ops.delete_transcript(transcript_id))


def upload_file(client: httpx.Client, audio_file: BinaryIO | bytes) -> str:
    content, headers = upload_body(audio_file)
    return send(
        client,
        ops.upload(
            content,
            headers,
            write_timeout=settings.upload_timeout,
            answer_timeout=settings.http_timeout,
        ),
    )


def export_subtitles_srt(
    client: httpx.Client, transcript_id: str, chars_per_caption: int | None = None
) -> str:
    return send(client, ops.subtitles(transcript_id, "srt", chars_per_caption))


def export_subtitles_vtt(
    client: httpx.Client, transcript_id: str, chars_per_caption: int | None = None
) -> str:
    return send(client, ops.subtitles(transcript_id, "vtt", chars_per_caption))


def word_search(
    client: httpx.Client, transcript_id: str, words: Sequence[str]
) -> WordSearchResponse:
    return send(client, ops.word_search(transcript_id, words))


def get_redacted_audio(client: httpx.Client, transcript_id: str) -> RedactedAudioResponse:
    return send(client, ops.redacted_audio(transcript_id))


def get_sentences(client: httpx.Client, transcript_id: str) -> SentencesResponse:
    return send(client, ops.sentences(transcript_id))


def get_paragraphs(client: httpx.Client, transcript_id: str) -> ParagraphsResponse:
    return send(client, ops.paragraphs(transcript_id))


def list_transcripts(
    client: httpx.Client, params: ListTranscriptParams | Mapping[str, Any] | None = None
) -> ListTranscriptResponse:
    return send(client, ops.list_transcripts(params))


def _lemur(
    kind: str, client: httpx.Client, request: Any, http_timeout: float | None
) -> _LemurResponse:
    from assemblyai._lemur.core import LEMUR_TIMEOUT, parse_any_response

    return send(
        client,
        ops.lemur_generate(kind, _json(request), parse_any_response),
        http_timeout if http_timeout is not None else LEMUR_TIMEOUT,
    )


def lemur_question(
    client: httpx.Client, request: Any, http_timeout: float | None = None
) -> _LemurResponse:
    return _lemur("question-answer", client, request, http_timeout)


def lemur_summarize(
    client: httpx.Client, request: Any, http_timeout: float | None = None
) -> _LemurResponse:
    return _lemur("summary", client, request, http_timeout)


def lemur_action_items(
    client: httpx.Client, request: Any, http_timeout: float | None = None
) -> _LemurResponse:
    return _lemur("action-items", client, request, http_timeout)


def lemur_task(
    client: httpx.Client, request: Any, http_timeout: float | None = None
) -> _LemurResponse:
    return _lemur("task", client, request, http_timeout)


def lemur_purge_request_data(
    client: httpx.Client, request: Any, http_timeout: float | None = None
) -> LemurPurgeResponse:
    from assemblyai._lemur.lemur import LEMUR_TIMEOUT, LemurPurgeResponse

    request_id = request if isinstance(request, str) else _json(request)["request_id"]
    return send(
        client,
        ops.lemur_purge(request_id, LemurPurgeResponse.from_dict),
        http_timeout if http_timeout is not None else LEMUR_TIMEOUT,
    )


def lemur_get_response_data(
    client: httpx.Client, request_id: str, http_timeout: float | None = None
) -> _LemurResponse:
    from assemblyai._lemur.core import LEMUR_TIMEOUT, parse_any_response

    return send(
        client,
        ops.lemur_get(request_id, parse_any_response),
        http_timeout if http_timeout is not None else LEMUR_TIMEOUT,
    )


def create_temporary_token(
    client: httpx.Client, request: Any, http_timeout: float | None = None
) -> str:
    expires_in = request if isinstance(request, int) else _json(request)["expires_in"]
    return send(client, ops.realtime_token(expires_in), http_timeout)
