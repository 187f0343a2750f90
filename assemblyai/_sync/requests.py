"""The synchronous API's two calls as :class:`~assemblyai._http.operations.Operation`\\ s.

No I/O: the request comes from the generated endpoint modules (so the path, the
``X-AAI-Model`` header and the multipart parts are those of ``spec/sync.openapi.yml``), and the
multipart body is encoded here, once, into bytes, so that the retry layer can send it again
when the connection failed before the API saw it. Both shells send these with
``assemblyai._http.send`` and finish with :func:`finish_transcription`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
import httpx

from assemblyai._core.settings import Settings
from assemblyai._http.operations import Operation, parse_json_object
from assemblyai._http.transport import ATTEMPTS
from assemblyai._sync.audio import PreparedAudio
from assemblyai._sync.config import SyncTranscriptionConfig
from assemblyai._sync.errors import CONTEXT, SyncTranscriptError, sync_status_error

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.sync_transcript_response import (
        SyncTranscriptResponse,
    )

__all__ = [
    "ErrorAnswer",
    "finish_transcription",
    "transcribe_operation",
    "warm_operation",
    "warm_timeout",
]

# Every status is an answer here: error answers become SyncTranscriptError in
# finish_transcription, with the problem's fields; warm() takes any answer as success.
_ANY_STATUS = frozenset(range(100, 600))
_WARM_TIMEOUT_CAP = 10.0


@attrs.frozen
class ErrorAnswer:
    """An answer other than 200, kept for :func:`finish_transcription` to turn into an error."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes = attrs.field(repr=False)
    method: str
    url: str
    attempts: int


def _url(settings: Settings, path: str) -> str:
    return settings.sync_base_url.rstrip("/") + path


def _scrubbed(content: bytes, request: httpx.Request) -> bytes:
    # A server that echoes the key must not put it into an error's message or body.
    key = request.headers.get("authorization", "")
    return content.replace(key.encode(), b"***") if len(key) >= 8 else content


def _read_transcribe_answer(response: httpx.Response) -> SyncTranscriptResponse | ErrorAnswer:
    if response.status_code != 200:
        attempts = response.request.extensions.get(ATTEMPTS)
        return ErrorAnswer(
            response.status_code,
            dict(response.headers),
            _scrubbed(response.content, response.request),
            response.request.method,
            str(response.request.url),
            attempts if isinstance(attempts, int) else 1,
        )
    from assemblyai._generated.rest.models.sync_transcript_response import (
        SyncTranscriptResponse,
    )

    return SyncTranscriptResponse.from_dict(parse_json_object(response))


def transcribe_operation(
    audio: PreparedAudio, config: SyncTranscriptionConfig, settings: Settings
) -> Operation[SyncTranscriptResponse | ErrorAnswer]:
    """``POST /v1/transcribe`` with the audio part, and the config part when options are set."""
    from assemblyai._generated.rest.api.sync import sync_transcribe
    from assemblyai._generated.rest.models.sync_transcribe_options import SyncTranscribeOptions
    from assemblyai._generated.rest.models.sync_transcribe_request import SyncTranscribeRequest
    from assemblyai._generated.rest.types import File

    options = config.to_options()
    body = SyncTranscribeRequest(
        audio=File(
            payload=io.BytesIO(audio.data),
            file_name=audio.filename,
            mime_type=audio.content_type,
        ),
        config=SyncTranscribeOptions.from_dict(options) if options else None,
    )
    kwargs = sync_transcribe.build_request(body=body, x_aai_model=config.model)
    url = _url(settings, kwargs["url"])
    # httpx's own multipart encoder (and its random boundary), run once into bytes.
    encoded = httpx.Request(kwargs["method"], url, files=kwargs["files"])
    headers = {**kwargs["headers"], "Content-Type": encoded.headers["Content-Type"]}
    return Operation(
        request={
            "method": kwargs["method"],
            "url": url,
            "headers": headers,
            "content": encoded.read(),
        },
        context=CONTEXT,
        family=SyncTranscriptError,
        parse=_read_transcribe_answer,
        ok_statuses=_ANY_STATUS,
        timeout=httpx.Timeout(settings.sync_http_timeout),
    )


def warm_timeout(settings: Settings) -> float:
    """A warm-up is only a connection: it waits at most 10 s, whatever the transcription may."""
    return min(settings.sync_http_timeout, _WARM_TIMEOUT_CAP)


def warm_operation(model: str, settings: Settings) -> Operation[int]:
    """``GET /v1/warm``: any answer means the connection is open (its status is returned)."""
    from assemblyai._generated.rest.api.sync import sync_warm

    kwargs = sync_warm.build_request(x_aai_model=model)
    kwargs["url"] = _url(settings, kwargs["url"])
    return Operation(
        request=kwargs,
        context="warming the synchronous API's connection failed",
        family=SyncTranscriptError,
        parse=lambda response: response.status_code,
        ok_statuses=_ANY_STATUS,
        timeout=httpx.Timeout(warm_timeout(settings)),
    )


def finish_transcription(answer: SyncTranscriptResponse | ErrorAnswer) -> SyncTranscriptResponse:
    """The transcript, or the ``SyncTranscriptError`` an error answer stands for."""
    if isinstance(answer, ErrorAnswer):
        raise sync_status_error(
            status_code=answer.status_code,
            headers=answer.headers,
            content=answer.content,
            method=answer.method,
            url=answer.url,
            attempts=answer.attempts,
        )
    return answer
