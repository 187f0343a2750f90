"""The two I/O shells that perform an :class:`~assemblyai._operations.Operation`.

They differ only in ``await``: status checking, error mapping and parsing are shared.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx

from ._errors import connection_error, invalid_body_error, status_error
from ._operations import Operation

__all__ = ["read_response", "send", "send_async"]

T = TypeVar("T")
TimeoutArg = float | httpx.Timeout | None


def _request_kwargs(operation: Operation[T], timeout: TimeoutArg) -> dict[str, Any]:
    kwargs = dict(operation.request)
    if timeout is not None:
        kwargs["timeout"] = (
            timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        )
    elif operation.timeout is not None:
        kwargs["timeout"] = operation.timeout
    return kwargs


def read_response(operation: Operation[T], response: httpx.Response) -> T:
    """Check the status and parse the body, raising the SDK's error for anything else."""
    if response.status_code not in operation.ok_statuses:
        raise status_error(
            status_code=response.status_code,
            headers=response.headers,
            content=response.content,
            context=operation.context,
            family=operation.family,
            method=response.request.method,
            url=str(response.request.url),
        )
    try:
        return operation.parse(response)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise invalid_body_error(
            status_code=response.status_code,
            content=response.content,
            context=operation.context,
            family=operation.family,
            reason=f"{type(exc).__name__}: {exc}",
        ) from exc


def send(client: httpx.Client, operation: Operation[T], timeout: TimeoutArg = None) -> T:
    """Perform ``operation`` with a sync httpx client."""
    method = operation.request["method"].upper()
    try:
        response = client.request(**_request_kwargs(operation, timeout))
    except (httpx.TransportError, httpx.TimeoutException) as exc:
        raise connection_error(
            exc,
            context=operation.context,
            family=operation.family,
            method=method,
            url=operation.request["url"],
        ) from exc
    return read_response(operation, response)


async def send_async(
    client: httpx.AsyncClient, operation: Operation[T], timeout: TimeoutArg = None
) -> T:
    """Perform ``operation`` with an ``httpx.AsyncClient``."""
    method = operation.request["method"].upper()
    try:
        response = await client.request(**_request_kwargs(operation, timeout))
    except (httpx.TransportError, httpx.TimeoutException) as exc:
        raise connection_error(
            exc,
            context=operation.context,
            family=operation.family,
            method=method,
            url=operation.request["url"],
        ) from exc
    return read_response(operation, response)
