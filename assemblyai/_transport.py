"""httpx transports that retry, log, and keep the API key on the API's host.

Both shells wrap the real transport and ask :func:`assemblyai._retry.retry_delay` what to do;
they differ only in ``time.sleep`` versus ``await asyncio.sleep``. Because retrying happens
below the generated endpoint functions, every generated call gets it without wrapping.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable

import httpx

from ._retry import Failure, retry_delay

__all__ = ["AsyncRetryTransport", "RetryTransport", "configure_logging", "logger"]

logger = logging.getLogger("assemblyai")

# Failures where the request certainly never reached the server.
_NOT_CONNECTED = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def configure_logging(environ: dict[str, str] | None = None) -> None:
    """Honour ``ASSEMBLYAI_LOG=debug|info`` by attaching a stderr handler to our logger."""
    level_name = (environ if environ is not None else os.environ).get("ASSEMBLYAI_LOG", "")
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(level_name.strip().lower())
    if level is None or any(getattr(h, "_assemblyai", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler._assemblyai = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)


def _failure_of(exc: httpx.TransportError) -> Failure:
    return Failure.NOT_CONNECTED if isinstance(exc, _NOT_CONNECTED) else Failure.LOST_AFTER_SEND


def _replayable(request: httpx.Request) -> bool:
    # Bytes bodies (httpx.ByteStream) and our FileStream can be sent again from the start;
    # a one-shot iterator cannot.
    return bool(getattr(request.stream, "replayable", isinstance(request.stream, httpx.ByteStream)))


class _Shared:
    """What the two transports have in common: policy, host check and logging."""

    def __init__(
        self, *, api_origin: httpx.URL, max_retries: Callable[[], int], rand: Callable[[], float]
    ) -> None:
        self._origin = (api_origin.scheme, api_origin.host, api_origin.port)
        self._max_retries = max_retries
        self._rand = rand

    def prepare(self, request: httpx.Request) -> None:
        # The key goes to the API only: never to a presigned download, a user's audio URL or a
        # host a redirect points at.
        if (request.url.scheme, request.url.host, request.url.port) != self._origin:
            request.headers.pop("authorization", None)

    def delay_after_response(
        self, request: httpx.Request, response: httpx.Response, retries_done: int
    ) -> float | None:
        return retry_delay(
            method=request.method,
            path=request.url.path,
            retries_done=retries_done,
            max_retries=self._max_retries(),
            status=response.status_code,
            headers=response.headers,
            body_replayable=_replayable(request),
            rand=self._rand,
        )

    def delay_after_failure(
        self, request: httpx.Request, exc: httpx.TransportError, retries_done: int
    ) -> float | None:
        return retry_delay(
            method=request.method,
            path=request.url.path,
            retries_done=retries_done,
            max_retries=self._max_retries(),
            failure=_failure_of(exc),
            body_replayable=_replayable(request),
            rand=self._rand,
        )

    @staticmethod
    def log_response(request: httpx.Request, response: httpx.Response, started: float) -> None:
        logger.info(
            "%s %s -> %d in %.3fs",
            request.method,
            request.url.copy_remove_param("token"),
            response.status_code,
            time.monotonic() - started,
        )

    @staticmethod
    def log_retry(request: httpx.Request, why: str, delay: float, retries_done: int) -> None:
        logger.info(
            "%s %s failed (%s); retry %d in %.2fs",
            request.method,
            request.url.copy_remove_param("token"),
            why,
            retries_done + 1,
            delay,
        )


class RetryTransport(httpx.BaseTransport):
    """A sync transport that retries per :mod:`assemblyai._retry`."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        api_origin: httpx.URL,
        max_retries: Callable[[], int],
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] | None = None,
    ) -> None:
        import random

        self._inner = inner
        self._shared = _Shared(
            api_origin=api_origin, max_retries=max_retries, rand=rand or random.random
        )
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._shared.prepare(request)
        retries_done = 0
        while True:
            started = time.monotonic()
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError as exc:
                delay = self._shared.delay_after_failure(request, exc, retries_done)
                if delay is None:
                    raise
                self._shared.log_retry(request, type(exc).__name__, delay, retries_done)
            else:
                self._shared.log_response(request, response, started)
                delay = self._shared.delay_after_response(request, response, retries_done)
                if delay is None:
                    return response
                response.close()
                self._shared.log_retry(request, f"HTTP {response.status_code}", delay, retries_done)
            self._sleep(delay)
            retries_done += 1

    def close(self) -> None:
        self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of :class:`RetryTransport`."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        api_origin: httpx.URL,
        max_retries: Callable[[], int],
        rand: Callable[[], float] | None = None,
    ) -> None:
        import random

        self._inner = inner
        self._shared = _Shared(
            api_origin=api_origin, max_retries=max_retries, rand=rand or random.random
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._shared.prepare(request)
        retries_done = 0
        while True:
            started = time.monotonic()
            try:
                response = await self._inner.handle_async_request(request)
            except httpx.TransportError as exc:
                delay = self._shared.delay_after_failure(request, exc, retries_done)
                if delay is None:
                    raise
                self._shared.log_retry(request, type(exc).__name__, delay, retries_done)
            else:
                self._shared.log_response(request, response, started)
                delay = self._shared.delay_after_response(request, response, retries_done)
                if delay is None:
                    return response
                await response.aclose()
                self._shared.log_retry(request, f"HTTP {response.status_code}", delay, retries_done)
            await asyncio.sleep(delay)
            retries_done += 1

    async def aclose(self) -> None:
        await self._inner.aclose()
