"""httpx transports that retry, log, and keep the API key on the API's host.

Both shells wrap the real transport and ask :func:`assemblyai._core.retry.retry_delay` what to do;
they differ only in ``time.sleep`` versus ``await asyncio.sleep``. Because retrying happens
below the generated endpoint functions, every generated call gets it without wrapping.

Requests may carry three extensions (set by :mod:`assemblyai._http.send`):

* ``assemblyai.max_retries``: this call's retry limit, instead of ``settings.max_retries``;
* ``assemblyai.buffer``: read the whole body inside the retry loop, so that an answer cut off
  mid-body is retried like a dropped connection (streamed downloads leave it unset); such a
  body is read within the size limit and deadline of :mod:`assemblyai._core.body_limits`;
* ``assemblyai.attempts``: written back by the transport, how many attempts were made, so an
  error can say that retrying already happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import ssl
import time
import zlib
from collections.abc import Callable, Iterator, Sequence

import httpx

from assemblyai._core.body_limits import BodyBudget, BodyTooSlow, body_deadline, decompress
from assemblyai._core.retry import INITIAL_BACKOFF, Failure, retry_delay, retryable_status

__all__ = [
    "ATTEMPTS",
    "BUFFER",
    "MAX_RETRIES",
    "AsyncRetryTransport",
    "RetryTransport",
    "configure_logging",
    "loggable_url",
    "logger",
]

logger = logging.getLogger("assemblyai")

MAX_RETRIES = "assemblyai.max_retries"
BUFFER = "assemblyai.buffer"
ATTEMPTS = "assemblyai.attempts"

# Failures where the request certainly never reached the server.
_NOT_CONNECTED = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def configure_logging(environ: dict[str, str] | None = None) -> None:
    """Honour ``ASSEMBLYAI_LOG=debug|info`` by attaching a stderr handler to our logger.

    Nothing the SDK logs contains the API key: requests are logged by method and URL (with
    any ``token`` query parameter and user info removed), never by their headers.
    """
    level_name = (environ if environ is not None else os.environ).get("ASSEMBLYAI_LOG", "")
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(level_name.strip().lower())
    if level is None or any(getattr(h, "_assemblyai", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler._assemblyai = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)


class _LazyURL:
    """Formats as :func:`loggable_url` only when a log record is actually emitted.

    Building the redacted URL costs more than the rest of a request's bookkeeping, and with
    logging off (the default) it would be thrown away on every request.
    """

    __slots__ = ("url",)

    def __init__(self, url: httpx.URL) -> None:
        self.url = url

    def __str__(self) -> str:
        return loggable_url(self.url)


def loggable_url(url: httpx.URL) -> str:
    """``url`` without secrets: no user info, no ``token`` query parameter."""
    cleaned = url.copy_remove_param("token")
    if cleaned.userinfo:
        cleaned = cleaned.copy_with(username=None, password=None)
    return str(cleaned)


def _failure_of(exc: httpx.TransportError) -> Failure:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return Failure.TLS_REJECTED
        cause = cause.__cause__ or cause.__context__
    return Failure.NOT_CONNECTED if isinstance(exc, _NOT_CONNECTED) else Failure.LOST_AFTER_SEND


def _replayable(request: httpx.Request) -> bool:
    # Bytes bodies (httpx.ByteStream) and our FileStream can be sent again from the start;
    # a one-shot iterator cannot.
    return bool(getattr(request.stream, "replayable", isinstance(request.stream, httpx.ByteStream)))


def _replay(response: httpx.Response, raw: bytes) -> httpx.ByteStream:
    """The body for the client to read: ``raw`` decompressed here, within the size limit.

    httpx would decompress it whole (1 MB of gzip can become 1 GiB), so gzip and deflate are
    undone here, where the limit applies, and the client then sees an uncompressed answer.
    """
    encoding = response.headers.get("content-encoding")
    if encoding:
        try:
            decoded = decompress(encoding, raw, response.status_code)
        except zlib.error as exc:
            raise httpx.DecodingError(f"the {encoding} body does not decode: {exc}") from exc
        if decoded is not None:
            del response.headers["content-encoding"]
            response.headers["content-length"] = str(len(decoded))
            return httpx.ByteStream(decoded)
    return httpx.ByteStream(raw)


def _budget(request: httpx.Request, response: httpx.Response) -> BodyBudget:
    timeouts = request.extensions.get("timeout")
    return BodyBudget(
        response.status_code, body_deadline(timeouts if isinstance(timeouts, dict) else None)
    )


@contextlib.contextmanager
def _too_slow_is_a_timeout(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except BodyTooSlow as exc:
        # A timeout like any other: retried where a timeout is, reported with its setting.
        raise httpx.ReadTimeout(str(exc), request=request) from exc


class _Shared:
    """What the two transports have in common: policy, host check and logging."""

    def __init__(
        self,
        *,
        api_origin: httpx.URL | Sequence[httpx.URL],
        max_retries: Callable[[], int],
        rand: Callable[[], float],
        initial_backoff: Callable[[], float],
    ) -> None:
        # Several hosts serve the same account (the REST API, the synchronous API, LLM
        # Gateway): the key may go to each of them, and to nothing else.
        origins = [api_origin] if isinstance(api_origin, httpx.URL) else list(api_origin)
        self._origins = frozenset((url.scheme, url.host, url.port) for url in origins)
        self._max_retries = max_retries
        self._rand = rand
        self._initial_backoff = initial_backoff

    def prepare(self, request: httpx.Request) -> None:
        # The key goes to the API only: never to a presigned download, a user's audio URL or a
        # host a redirect points at.
        if (request.url.scheme, request.url.host, request.url.port) not in self._origins:
            request.headers.pop("authorization", None)

    def limit(self, request: httpx.Request) -> int:
        per_call = request.extensions.get(MAX_RETRIES)
        return per_call if isinstance(per_call, int) else self._max_retries()

    @staticmethod
    def buffered(request: httpx.Request) -> bool:
        return bool(request.extensions.get(BUFFER))

    @staticmethod
    def record_attempt(request: httpx.Request, retries_done: int) -> None:
        request.extensions[ATTEMPTS] = retries_done + 1

    @staticmethod
    def log_attempt(request: httpx.Request, retries_done: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s (attempt %d)", request.method, _LazyURL(request.url), retries_done + 1
            )

    def delay_after_response(
        self, request: httpx.Request, response: httpx.Response, retries_done: int
    ) -> float | None:
        if not retryable_status(response.status_code):
            return None  # the common case, decided without the rest of the request's details
        return retry_delay(
            method=request.method,
            path=request.url.path,
            retries_done=retries_done,
            max_retries=self.limit(request),
            status=response.status_code,
            headers=response.headers,
            body_replayable=_replayable(request),
            rand=self._rand,
            initial_backoff=self._initial_backoff(),
        )

    def delay_after_failure(
        self, request: httpx.Request, exc: httpx.TransportError, retries_done: int
    ) -> float | None:
        return retry_delay(
            method=request.method,
            path=request.url.path,
            retries_done=retries_done,
            max_retries=self.limit(request),
            failure=_failure_of(exc),
            body_replayable=_replayable(request),
            rand=self._rand,
            initial_backoff=self._initial_backoff(),
        )

    @staticmethod
    def log_response(request: httpx.Request, response: httpx.Response, started: float) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return
        logger.info(
            "%s %s -> %d in %.3fs",
            request.method,
            _LazyURL(request.url),
            response.status_code,
            time.monotonic() - started,
        )

    @staticmethod
    def log_gave_up(request: httpx.Request, exc: httpx.TransportError, started: float) -> None:
        logger.info(
            "%s %s failed (%s) after %.3fs; not retried",
            request.method,
            _LazyURL(request.url),
            type(exc).__name__,
            time.monotonic() - started,
        )

    @staticmethod
    def log_retry(request: httpx.Request, why: str, delay: float, retries_done: int) -> None:
        logger.info(
            "%s %s failed (%s); retry %d in %.2fs",
            request.method,
            _LazyURL(request.url),
            why,
            retries_done + 1,
            delay,
        )


class RetryTransport(httpx.BaseTransport):
    """A sync transport that retries per :mod:`assemblyai._core.retry`."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        api_origin: httpx.URL | Sequence[httpx.URL],
        max_retries: Callable[[], int],
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] | None = None,
        initial_backoff: Callable[[], float] = lambda: INITIAL_BACKOFF,
    ) -> None:
        import random

        self._inner = inner
        self._shared = _Shared(
            api_origin=api_origin,
            max_retries=max_retries,
            rand=rand or random.random,
            initial_backoff=initial_backoff,
        )
        self._sleep = sleep

    def _attempt(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if not self._shared.buffered(request):
            return response
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        take = _budget(request, response).take
        # A plain loop: a long transcript arrives in hundreds of chunks.
        try:
            with _too_slow_is_a_timeout(request):
                raw = b"".join([take(chunk) for chunk in stream])
        finally:
            stream.close()
        # The same response over the bytes already read (the connection is back in the pool):
        # the client decodes and times it as usual.
        response.stream = _replay(response, raw)
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._shared.prepare(request)
        retries_done = 0
        while True:
            started = time.monotonic()
            self._shared.record_attempt(request, retries_done)
            self._shared.log_attempt(request, retries_done)
            try:
                response = self._attempt(request)
            except httpx.TransportError as exc:
                delay = self._shared.delay_after_failure(request, exc, retries_done)
                if delay is None:
                    self._shared.log_gave_up(request, exc, started)
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
        api_origin: httpx.URL | Sequence[httpx.URL],
        max_retries: Callable[[], int],
        rand: Callable[[], float] | None = None,
        initial_backoff: Callable[[], float] = lambda: INITIAL_BACKOFF,
    ) -> None:
        import random

        self._inner = inner
        self._shared = _Shared(
            api_origin=api_origin,
            max_retries=max_retries,
            rand=rand or random.random,
            initial_backoff=initial_backoff,
        )

    async def _attempt(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if not self._shared.buffered(request):
            return response
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        take = _budget(request, response).take
        try:
            with _too_slow_is_a_timeout(request):
                raw = b"".join([take(chunk) async for chunk in stream])
        finally:
            await stream.aclose()
        response.stream = _replay(response, raw)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._shared.prepare(request)
        retries_done = 0
        while True:
            started = time.monotonic()
            self._shared.record_attempt(request, retries_done)
            self._shared.log_attempt(request, retries_done)
            try:
                response = await self._attempt(request)
            except httpx.TransportError as exc:
                delay = self._shared.delay_after_failure(request, exc, retries_done)
                if delay is None:
                    self._shared.log_gave_up(request, exc, started)
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
