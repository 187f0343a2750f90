"""Error mapping: pure functions from what the API answered to the exception we raise.

The shells (sync and async) call :func:`status_error` for an error status and
:func:`connection_error` for an httpx transport failure; neither does I/O here, so both are
table-tested without a server.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Mapping
from typing import Any, cast

import httpx

from assemblyai._core.exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AssemblyAIError,
    combine,
    status_error_class,
)
from assemblyai._core.retry import MAX_RETRY_AFTER, parse_retry_after

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
    403: "Your account may not use this feature: check your plan.",
    404: "Check the id: it may have been deleted.",
    429: "You are sending requests too fast: slow down or raise your limits.",
}
# A request that names no resource (creating a transcript, uploading, asking LeMUR) cannot miss
# an id: its 404 says that nothing answers at that address, so the base URL is what to check.
_NO_SUCH_ENDPOINT = (
    "Check aai.settings.{setting}: nothing answers at {url}; "
    "the base URL is the host alone, such as {host}, without {prefix}."
)
# Paths served by another product's host, with the setting that holds that host.
_OTHER_HOSTS = (
    ("/v1/chat/completions", "llm_gateway_base_url", "https://llm-gateway.assemblyai.com"),
    ("/v1/understanding", "llm_gateway_base_url", "https://llm-gateway.assemblyai.com"),
)
_CREATING_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _hint(status_code: int, method: str | None, url: str | None) -> str | None:
    if status_code == 404 and url and (method or "").upper() in _CREATING_METHODS:
        url = url.split("?", 1)[0]
        setting, host, prefix = "base_url", "https://api.assemblyai.com", "/v2"
        for path, other_setting, other_host in _OTHER_HOSTS:
            if url.endswith(path):
                setting, host, prefix = other_setting, other_host, "/v1"
        return _NO_SUCH_ENDPOINT.format(url=url, setting=setting, host=host, prefix=prefix)
    return _HINTS.get(status_code)


def decode_json_body(content: bytes) -> Any:
    """The JSON value of a body, or the text when it is not JSON."""
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text
    except RecursionError:
        # Nested deeper than Python's parser goes (a hostile or broken server): there is no
        # message to show, and the status alone still makes a typed error.
        return None


def api_message(body: Any) -> str | None:
    """The API's own error text: ``{"error": "..."}`` (or ``message``/``detail``, or LLM
    Gateway's ``{"error": {"message": "..."}}``)."""
    if isinstance(body, Mapping):
        for key in ("error", "message", "detail"):
            value = body.get(key)
            if isinstance(value, Mapping):  # LLM Gateway: {"error": {"code": 400, "message": ...}}
                value = value.get("message")
            if isinstance(value, str) and value:
                return value
    text = body.strip() if isinstance(body, str) else ""
    # An HTML error page (from a proxy or load balancer) says nothing a person can act on.
    if text and not text.startswith("<"):
        return " ".join(text.split())[:300]
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


def _attempts_note(attempts: int) -> str:
    return f" after {attempts} attempts" if attempts > 1 else ""


def status_error(
    *,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    context: str,
    family: type[AssemblyAIError],
    method: str | None = None,
    url: str | None = None,
    attempts: int = 1,
) -> APIStatusError:
    """The exception for an error status.

    Args:
        context: what the SDK was doing, as the start of a sentence, e.g.
            ``"failed to retrieve transcript abc"`` (the official SDK's wording, which users
            match on).
        family: the 0.45.4 class users catch for this call (``TranscriptError``, ...).
        attempts: how many times the request was sent (retries included).
    """
    body = decode_json_body(content)
    message_from_api = api_message(body)
    if message_from_api:
        sentence = f"{context}: {message_from_api}"
        notes = [f"HTTP {status_code}{_attempts_note(attempts)}"] if attempts > 1 else []
    else:
        sentence = f"{context}: the API answered HTTP {status_code}{_attempts_note(attempts)}"
        notes = []
    wait = parse_retry_after(headers) if status_code in (429, 503) else None
    if wait is not None and wait > MAX_RETRY_AFTER:
        notes.append(
            f"the API asked to wait {wait:.0f} s, longer than the {MAX_RETRY_AFTER:.0f} s the "
            "SDK waits for you; try again later"
        )
    else:
        hint = _hint(status_code, method, url)
        if hint and hint not in sentence:
            notes.append(hint)
    request_id = request_id_of(headers, body)
    if request_id:
        notes.append(f"request id {request_id}")
    if notes:
        sentence = f"{sentence} ({'; '.join(note.rstrip('.') for note in notes)})"
    cls = cast(type[APIStatusError], combine(status_error_class(status_code), family))
    error = cls(
        sentence,
        status_code,
        body=body,
        request_id=request_id,
        api_message=message_from_api,
        request_method=method,
        request_url=url,
    )
    assert isinstance(error, APIStatusError)
    return error


def _is_tls_failure(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


_TIMEOUT_PHASES: dict[type[httpx.TimeoutException], str] = {
    httpx.ConnectTimeout: "connecting to the API timed out",
    httpx.ReadTimeout: "the API did not answer within the read timeout",
    httpx.WriteTimeout: "sending the request timed out",
    httpx.PoolTimeout: "no connection was free within the pool timeout",
}


def _describe(exc: httpx.TransportError) -> tuple[str, str]:
    """What happened, and what the user can do about it."""
    name = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        phase = _TIMEOUT_PHASES.get(type(exc), "the request timed out")
        hint = (
            "Large uploads may need a longer aai.settings.upload_timeout"
            if isinstance(exc, httpx.WriteTimeout)
            else "Raise aai.settings.http_timeout or pass a longer timeout"
        )
        return f"{phase} ({name})", hint
    if isinstance(exc, httpx.ConnectError) and _is_tls_failure(exc):
        return (
            f"the TLS connection could not be set up ({name}: {exc})",
            "If a proxy inspects your traffic, point SSL_CERT_FILE at its CA bundle; "
            "aai.settings.verify_tls=False turns checking off, for debugging only",
        )
    if isinstance(exc, httpx.ConnectError):
        return (
            f"could not reach the API ({name}: {exc})",
            "Check your network and aai.settings.base_url",
        )
    if isinstance(exc, httpx.ProtocolError | httpx.ReadError | httpx.WriteError):
        return (
            f"the connection was lost before the API's answer arrived in full ({name}: {exc})",
            "Try again; if it keeps happening, check for a proxy cutting connections",
        )
    return f"the request failed ({name}: {exc})", "Check your network and aai.settings.base_url"


def connection_error(
    exc: httpx.TransportError | httpx.TimeoutException,
    *,
    context: str,
    family: type[AssemblyAIError],
    method: str | None = None,
    url: str | None = None,
    attempts: int = 1,
    idempotent: bool = True,
) -> APIError:
    """The exception for a request that got no response, or only part of one.

    Args:
        idempotent: False for calls that must not be repeated blindly (creating a transcript,
            LeMUR); once such a request may have reached the API, the message says so.
    """
    kind: type[APIError] = (
        APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    )
    what, hint = _describe(exc)
    reached = not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    if not idempotent and reached:
        # Only a new transcript can be looked for afterwards; a synchronous transcription
        # or a LeMUR answer leaves nothing to list.
        where = " (e.g. with list_transcripts())" if url and "/v2/transcript" in url else ""
        hint = (
            "The API may have received the request before the connection failed, so it was "
            f"not retried; check{where} before sending it again"
        )
    cls = combine(kind, family)
    return cls(
        f"{context}: {what}{_attempts_note(attempts)}. {hint}.",
        None,
        request_method=method,
        request_url=url,
    )


def invalid_body_error(
    *,
    status_code: int | None,
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
