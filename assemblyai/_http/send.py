"""The two I/O shells that perform an :class:`~assemblyai._http.operations.Operation`.

They differ only in ``await``: request building, status checking, error mapping and parsing
are shared.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx

from assemblyai._core.body_limits import BodyTooLarge
from assemblyai._core.errors import connection_error, invalid_body_error, status_error
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.retry import is_idempotent
from assemblyai._core.validation import check_text
from assemblyai._http.client import build_timeout
from assemblyai._http.operations import Operation, parse_strictly
from assemblyai._http.transport import ATTEMPTS, BUFFER, MAX_RETRIES

__all__ = ["build_request", "check_max_retries", "read_response", "send", "send_async"]

T = TypeVar("T")
TimeoutArg = float | httpx.Timeout | None


def check_max_retries(max_retries: object) -> int | None:
    """A per-call retry limit: ``None`` (use the settings) or an integer >= 0."""
    if max_retries is None:
        return None
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be an integer >= 0, got {max_retries!r}.")
    return max_retries


# The request kwargs the generated endpoints produce for plain JSON calls; anything else (a
# query, an upload stream) goes through ``httpx.Client.build_request``.
_DIRECT_KEYS = frozenset({"method", "url", "headers", "json"})
_MAX_CACHED_URLS = 512
# (base URL, path) -> the merged URL. Why a cache: a transcript's URL is used by every poll,
# and building an ``httpx.URL`` (parsing, validating, normalising) is most of what building a
# request costs; ``bench/run.py --only transcribe`` measures it. Bounded by clearing: entries
# are cheap to redo.
_merged_urls: dict[tuple[str, str], httpx.URL] = {}
# The last base URL seen and its cache key ("" when it is not a plain base: httpx merges).
_base_key: tuple[httpx.URL | None, str] = (None, "")


def _key(base: httpx.URL) -> str:
    if base.userinfo or base.query or base.fragment or not base.raw_path.endswith(b"/"):
        return ""
    return str(base)


def _merged_url(base: httpx.URL, path: str) -> httpx.URL | None:
    """``base`` joined with the absolute ``path`` as ``httpx.Client`` documents it, or
    ``None`` when httpx should merge them itself (a query or fragment, an unusual base).

    httpx's rule: a client's ``base_url`` always ends with ``/``, and a relative request
    path is appended to it without its leading ``/`` (``base_url="https://h/api"`` and
    ``"/v2/x"`` give ``https://h/api/v2/x``). The URL is built with the public
    ``URL.copy_with``; ``tests/unit/test_send_urls.py`` checks the result against
    ``client.build_request`` for many bases and paths.
    """
    global _base_key
    seen, key = _base_key
    if seen is not base:
        key = _key(base)
        _base_key = (base, key)
    if not key or not path.startswith("/") or "?" in path or "#" in path or not path.isascii():
        return None
    cached = (key, path)
    merged = _merged_urls.get(cached)
    if merged is None:
        merged = base.copy_with(raw_path=base.raw_path + path[1:].encode("ascii"))
        if len(_merged_urls) >= _MAX_CACHED_URLS:
            _merged_urls.clear()
        _merged_urls[cached] = merged
    return merged


def _direct_request(
    client: httpx.Client | httpx.AsyncClient,
    kwargs: dict[str, Any],
    extensions: dict[str, Any],
    timeout: httpx.Timeout | None,
) -> httpx.Request | None:
    """The request ``client.build_request`` would make, built without its generic merging.

    Only for what the client would not add to: no client-level query parameters or cookies.
    ``None`` when the generic path is needed.
    """
    if not _DIRECT_KEYS.issuperset(kwargs) or client.params or client.cookies:
        return None
    url = _merged_url(client.base_url, kwargs["url"])
    if url is None:
        return None
    headers: httpx.Headers | dict[str, str] = client.headers
    extra = kwargs.get("headers")
    if extra:
        headers = httpx.Headers(client.headers)
        headers.update(extra)
    extensions["timeout"] = (timeout if timeout is not None else client.timeout).as_dict()
    return httpx.Request(
        kwargs["method"], url, headers=headers, json=kwargs.get("json"), extensions=extensions
    )


def build_request(
    client: httpx.Client | httpx.AsyncClient,
    operation: Operation[T],
    timeout: TimeoutArg = None,
    max_retries: int | None = None,
) -> httpx.Request:
    """The request for ``operation`` (raises ``ConfigurationError`` on a bad timeout).

    An upload body that is an httpx byte stream (our ``FileStream``) is set as the request's
    stream as it is: handed to httpx as ``content`` it would be wrapped in a one-shot iterator,
    which the retry layer cannot replay and an ``AsyncClient`` cannot send.
    """
    try:
        return _build_request(client, operation, timeout, max_retries)
    except UnicodeEncodeError:
        # Only now look for the culprit, so that well-formed requests pay nothing.
        check_text("", operation.request.get("json"), owner="the request's field ")
        check_text("", operation.request.get("params"), owner="the request's query parameter ")
        raise


def _build_request(
    client: httpx.Client | httpx.AsyncClient,
    operation: Operation[T],
    timeout: TimeoutArg,
    max_retries: int | None,
) -> httpx.Request:
    chosen = timeout if timeout is not None else operation.timeout
    built_timeout = build_timeout(chosen) if chosen is not None else None
    extensions: dict[str, Any] = {BUFFER: True}
    if check_max_retries(max_retries) is not None:
        extensions[MAX_RETRIES] = max_retries
    direct = _direct_request(client, operation.request, extensions, built_timeout)
    if direct is not None:
        return direct
    kwargs = dict(operation.request)
    if built_timeout is not None:
        kwargs["timeout"] = built_timeout
    stream = kwargs.get("content")
    if isinstance(stream, httpx.SyncByteStream | httpx.AsyncByteStream):
        del kwargs["content"]
    else:
        stream = None
    request = client.build_request(**kwargs, extensions=extensions)
    if stream is not None:
        request.stream = stream
    return request


def _attempts(request: httpx.Request) -> int:
    value = request.extensions.get(ATTEMPTS)
    return value if isinstance(value, int) else 1


def _scrubbed(content: bytes, request: httpx.Request) -> bytes:
    # An API or proxy that echoes the key must not put it into an error's message or body.
    key = request.headers.get("authorization", "")
    return content.replace(key.encode(), b"***") if len(key) >= 8 else content


def read_response(operation: Operation[T], response: httpx.Response) -> T:
    """Check the status and parse the body, raising the SDK's error for anything else."""
    if response.status_code not in operation.ok_statuses:
        raise status_error(
            status_code=response.status_code,
            headers=response.headers,
            content=_scrubbed(response.content, response.request),
            context=operation.context,
            family=operation.family,
            method=response.request.method,
            url=str(response.request.url),
            attempts=_attempts(response.request),
        )
    try:
        return parse_strictly(response, operation.parse)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise invalid_body_error(
            status_code=response.status_code,
            content=_scrubbed(response.content, response.request),
            context=operation.context,
            family=operation.family,
            reason=f"{type(exc).__name__}: {exc}",
        ) from exc


def _connection_error(
    operation: Operation[Any], request: httpx.Request, exc: httpx.TransportError
) -> Exception:
    return connection_error(
        exc,
        context=operation.context,
        family=operation.family,
        method=request.method,
        url=str(request.url),
        attempts=_attempts(request),
        idempotent=is_idempotent(request.method, request.url.path),
    )


def _undecodable(
    operation: Operation[Any], status_code: int | None, exc: httpx.DecodingError
) -> Exception:
    # The body's Content-Encoding (gzip, ...) does not match its bytes.
    return invalid_body_error(
        status_code=status_code,
        content=b"",
        context=operation.context,
        family=operation.family,
        reason=f"{type(exc).__name__}: {exc}",
    )


def _too_large(operation: Operation[Any], exc: BodyTooLarge) -> Exception:
    return invalid_body_error(
        status_code=exc.status_code,
        content=b"",
        context=operation.context,
        family=operation.family,
        reason=str(exc),
    )


def send(
    client: httpx.Client,
    operation: Operation[T],
    timeout: TimeoutArg = None,
    *,
    max_retries: int | None = None,
) -> T:
    """Perform ``operation`` with a sync httpx client."""
    request = build_request(client, operation, timeout, max_retries)
    try:
        response = client.send(request, stream=True)
    except BodyTooLarge as exc:  # the transport reads the body, within its limits
        raise _too_large(operation, exc) from exc
    except httpx.DecodingError as exc:
        raise _undecodable(operation, None, exc) from exc
    except httpx.TransportError as exc:
        raise _connection_error(operation, request, exc) from exc
    try:
        response.read()
    except httpx.DecodingError as exc:
        raise _undecodable(operation, response.status_code, exc) from exc
    except httpx.TransportError as exc:
        raise _connection_error(operation, request, exc) from exc
    finally:
        response.close()
    return read_response(operation, response)


async def send_async(
    client: httpx.AsyncClient,
    operation: Operation[T],
    timeout: TimeoutArg = None,
    *,
    max_retries: int | None = None,
) -> T:
    """Perform ``operation`` with an ``httpx.AsyncClient``."""
    request = build_request(client, operation, timeout, max_retries)
    try:
        response = await client.send(request, stream=True)
    except BodyTooLarge as exc:  # the transport reads the body, within its limits
        raise _too_large(operation, exc) from exc
    except httpx.DecodingError as exc:
        raise _undecodable(operation, None, exc) from exc
    except httpx.TransportError as exc:
        raise _connection_error(operation, request, exc) from exc
    try:
        await response.aread()
    except httpx.DecodingError as exc:
        raise _undecodable(operation, response.status_code, exc) from exc
    except httpx.TransportError as exc:
        raise _connection_error(operation, request, exc) from exc
    finally:
        await response.aclose()
    return read_response(operation, response)
