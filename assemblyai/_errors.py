"""Error mapping: pure functions from what the API answered to the exception we raise.

The shells (sync and async) call :func:`status_error` for an error status and
:func:`connection_error` for an httpx transport failure; neither does I/O here, so both are
table-tested without a server.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, cast

import httpx

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AssemblyAIError,
    combine,
    status_error_class,
)

__all__ = [
    "api_message",
    "connection_error",
    "decode_json_body",
    "invalid_body_error",
    "request_id_of",
    "status_error",
]

_REQUEST_ID_HEADERS = ("x-request-id", "x-amzn-requestid", "request-id")
_HINTS: dict[int, str] = {
    401: "Check your API key (aai.settings.api_key or ASSEMBLYAI_API_KEY).",
    403: "Your account may not use this feature; check your plan.",
    404: "Check the id; it may have been deleted.",
    429: "You are sending requests too fast; slow down or raise your limits.",
}


def decode_json_body(content: bytes) -> Any:
    """The JSON value of a body, or the text when it is not JSON."""
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def api_message(body: Any) -> str | None:
    """The API's own error text: ``{"error": "..."}`` (or ``message``/``detail``)."""
    if isinstance(body, Mapping):
        for key in ("error", "message", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    if isinstance(body, str) and body.strip():
        return body.strip()[:500]
    return None


def request_id_of(headers: Mapping[str, str], body: Any) -> str | None:
    lowered = {key.lower(): value for key, value in headers.items()}
    for name in _REQUEST_ID_HEADERS:
        if lowered.get(name):
            return lowered[name]
    if isinstance(body, Mapping):
        value = body.get("request_id")
        if isinstance(value, str):
            return value
    return None


def status_error(
    *,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    context: str,
    family: type[AssemblyAIError],
    method: str | None = None,
    url: str | None = None,
) -> APIStatusError:
    """The exception for an error status.

    Args:
        context: what the SDK was doing, as the start of a sentence, e.g.
            ``"failed to retrieve transcript abc"`` (the official SDK's wording, which users
            match on).
        family: the 0.45.4 class users catch for this call (``TranscriptError``, ...).
    """
    body = decode_json_body(content)
    message_from_api = api_message(body)
    detail = message_from_api or f"the API answered HTTP {status_code}"
    sentence = f"{context}: {detail}"
    hint = _HINTS.get(status_code)
    if hint and hint not in sentence:
        sentence = f"{sentence} ({hint})"
    cls = cast(type[APIStatusError], combine(status_error_class(status_code), family))
    error = cls(
        sentence,
        status_code,
        body=body,
        request_id=request_id_of(headers, body),
        api_message=message_from_api,
        request_method=method,
        request_url=url,
    )
    assert isinstance(error, APIStatusError)
    return error


def connection_error(
    exc: httpx.TransportError | httpx.TimeoutException,
    *,
    context: str,
    family: type[AssemblyAIError],
    method: str | None = None,
    url: str | None = None,
) -> APIError:
    """The exception for a request that got no response."""
    if isinstance(exc, httpx.TimeoutException):
        kind: type[APIError] = APITimeoutError
        what = f"{context}: the request timed out ({type(exc).__name__})"
        hint = "Raise aai.settings.http_timeout or pass a longer timeout."
    else:
        kind = APIConnectionError
        what = f"{context}: could not reach the API ({type(exc).__name__}: {exc})"
        hint = "Check your network and aai.settings.base_url."
    cls = combine(kind, family)
    return cls(f"{what}. {hint}", None, request_method=method, request_url=url)


def invalid_body_error(
    *,
    status_code: int,
    content: bytes,
    context: str,
    family: type[AssemblyAIError],
    reason: str,
) -> APIResponseValidationError:
    """The exception for a 2xx body we cannot read."""
    preview = content[:200].decode("utf-8", errors="replace")
    cls = combine(APIResponseValidationError, family)
    error = cls(
        f"{context}: the API's answer could not be read ({reason}); it began with {preview!r}.",
        status_code,
    )
    assert isinstance(error, APIResponseValidationError)
    return error
