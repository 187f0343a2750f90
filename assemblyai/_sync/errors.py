"""``SyncTranscriptError`` and how an error answer of the synchronous API becomes one (pure).

The API answers with RFC 9457 problem details (``{"type", "title", "status", "detail"}``);
``error_code`` is the snake_cased ``title`` (``"Audio Too Large"`` -> ``audio_too_large``).
The older envelopes the official SDK 1.0 still reads are read too: ``{"error_code",
"message"}``, ``{"detail"}`` and ``{"error"}`` (which carries no code).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from assemblyai._core.errors import decode_json_body, status_error
from assemblyai._core.exceptions import APIStatusError, AssemblyAIError
from assemblyai._core.retry import parse_retry_after

__all__ = ["SyncTranscriptError", "error_code_of", "retry_after_of", "sync_status_error"]

CONTEXT = "synchronous transcription failed"


class SyncTranscriptError(AssemblyAIError):
    """A synchronous transcription failed.

    An error answer is also an instance of the per-status class (``RateLimitError`` for a
    429, ``InternalServerError`` for a 5xx...), and a failed connection of
    ``APIConnectionError``, so either ``except`` clause catches it.

    Attributes:
        status_code: the HTTP status, ``None`` when no answer arrived.
        error_code: the problem's machine-readable name (``bad_audio``, ``audio_too_short``,
            ``audio_too_large``, ``capacity_exceeded``, ``inference_timeout``...), if any.
        retry_after: seconds the API asked to wait (``Retry-After``, sent with 429 and 503).
    """

    def __init__(
        self,
        message: str = "",
        status_code: int | None = None,
        error_code: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message, status_code)
        self.error_code = error_code
        self.retry_after = retry_after


def error_code_of(body: object) -> str | None:
    """The machine-readable code: ``error_code``, else the problem ``title`` snake_cased."""
    if not isinstance(body, Mapping):
        return None
    code = body.get("error_code")
    if isinstance(code, str) and code:
        return code
    title = body.get("title")
    if isinstance(title, str) and title.strip():
        return re.sub(r"\s+", "_", title.strip()).lower()
    return None


def retry_after_of(headers: Mapping[str, str]) -> int | None:
    """Whole seconds from ``Retry-After`` (a number or an HTTP date), rounded up."""
    seconds = parse_retry_after(headers)
    return None if seconds is None else max(0, math.ceil(seconds))


def sync_status_error(
    *,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    method: str | None,
    url: str | None,
    attempts: int = 1,
) -> APIStatusError:
    """The exception for an error answer: a ``SyncTranscriptError`` and the status's class."""
    error = status_error(
        status_code=status_code,
        headers=headers,
        content=content,
        context=CONTEXT,
        family=SyncTranscriptError,
        method=method,
        url=url,
        attempts=attempts,
    )
    body: Any = decode_json_body(content)
    assert isinstance(error, SyncTranscriptError)
    title = body.get("title") if isinstance(body, Mapping) else None
    if status_code == 404:
        # The generic hint names settings.base_url; this call goes to the sync host.
        error.args = (
            f"{CONTEXT}: nothing answers at {url} (HTTP 404). Check "
            "aai.settings.sync_base_url: it is the host alone, such as "
            "https://sync.assemblyai.com.",
        )
    elif error.api_message is None and isinstance(title, str) and title:
        # A problem with a title and no detail: the title is the message.
        error.api_message = title
        error.args = (f"{CONTEXT}: {title} (HTTP {status_code}).",)
    error.error_code = error_code_of(body)
    error.retry_after = retry_after_of(headers)
    return error
