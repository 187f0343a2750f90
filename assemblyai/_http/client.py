"""``aai.Client``: one snapshot of settings, one pooled httpx client, the last response.

Every handwritten call goes through a ``Client``: the requests the generated endpoint modules
describe are sent with its httpx client, so pooling, retries, timeouts and the
``last_response`` hook apply to all of them.
"""

from __future__ import annotations

import asyncio
import os
import platform
import ssl
import threading
import weakref
from typing import Any, ClassVar

import httpx

from assemblyai.__version__ import __version__
from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._http.transport import AsyncRetryTransport, RetryTransport, configure_logging

#: Set on each response by the client that received it: whether its settings ask for strict
#: reading (``assemblyai._http.operations.reading_strictly``). Responses without it follow ``aai.settings``.
STRICT_EXTENSION = "assemblyai_strict_responses"

__all__ = ["Client", "build_timeout", "pool_limits", "user_agent"]

_MISSING_KEY = (
    "Please provide an API key: set the ASSEMBLYAI_API_KEY environment variable, set "
    "aai.settings.api_key, or pass api_key= to the transcriber or client."
)


def pool_limits(settings: _settings.Settings) -> httpx.Limits:
    """The connection pool's bounds; ``settings.keepalive_expiry`` replaces httpx's 5 s idle limit."""
    if settings.keepalive_expiry is None:
        return httpx.Limits(max_connections=20, max_keepalive_connections=10)
    return httpx.Limits(
        max_connections=20,
        max_keepalive_connections=10,
        keepalive_expiry=settings.keepalive_expiry,
    )


def user_agent() -> str:
    """The official SDK's User-Agent, so server-side analytics see the same shape."""
    runtime = platform.python_version()
    return (
        f"python-httpx/{httpx.__version__} AssemblyAI/1.0 "
        f"(sdk=Python/{__version__} runtime_env=Python/{runtime})"
    )


def build_timeout(seconds: float | httpx.Timeout | None) -> httpx.Timeout:
    """A granular ``httpx.Timeout`` from a number (every phase) or a ready ``Timeout``."""
    if isinstance(seconds, httpx.Timeout):
        return seconds
    if seconds is None:
        raise ConfigurationError(
            "a timeout of None would let a call wait forever; pass a number of seconds."
        )
    if seconds <= 0:
        raise ConfigurationError(f"timeout must be > 0 seconds, got {seconds!r}.")
    return httpx.Timeout(seconds)


def ssl_context(verify: bool) -> ssl.SSLContext | bool:
    """The platform's trust store, which honours SSL_CERT_FILE and SSL_CERT_DIR."""
    if not verify:
        return False
    return ssl.create_default_context()


class Client:
    """Connection to the API with a snapshot of settings.

    Args:
        settings: the settings to use (copied: later changes to the object do not apply); by
            default ``aai.settings`` as they are now.
        api_key: the API key, replacing the one in ``settings`` (1.0's ``Client(api_key=...)``).
        api_key_required: raise ``ValueError`` when the settings have no api key.
        transport, async_transport: the httpx transports under the retry layer (a seam for
            tests, e.g. ``httpx.MockTransport``, and for proxies); by default real connections.

    Example::

        client = aai.Client(api_key="...")  # or Client(settings=aai.Settings(api_key="..."))
        transcriber = aai.Transcriber(client=client)
    """

    _default: ClassVar[Client | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        *,
        settings: _settings.Settings | None = None,
        api_key: str | None = None,
        api_key_required: bool = True,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._settings = (settings if settings is not None else _settings.settings).copy()
        if api_key is not None:
            _settings.check_api_key(api_key, "api_key")
            self._settings.api_key = api_key
        self._settings.validate()
        if api_key_required and not self._settings.api_key:
            raise ConfigurationError(_MISSING_KEY)
        configure_logging()
        self._last_response: httpx.Response | None = None
        self._lock = threading.Lock()
        self._transport = transport
        self._async_transport = async_transport
        self._http = self._new_http_client()
        # An httpx.AsyncClient belongs to the event loop it first ran in (its pooled
        # connections do), so each loop gets its own: a second asyncio.run(), a Jupyter
        # re-run or pytest-asyncio's loop per test then works. None: made outside any loop.
        self._async_by_loop: dict[asyncio.AbstractEventLoop, httpx.AsyncClient] = {}
        self._async_outside_loop: httpx.AsyncClient | None = None
        _live_clients.add(self)

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self._settings.base_url,
            headers=self._headers(),
            timeout=build_timeout(self._settings.http_timeout),
            transport=RetryTransport(
                self._transport
                or httpx.HTTPTransport(
                    verify=ssl_context(self._settings.verify_tls),
                    limits=pool_limits(self._settings),
                ),
                api_origin=self._api_origins(),
                max_retries=lambda: self._settings.max_retries,
                initial_backoff=lambda: self._settings.retry_backoff,
            ),
            event_hooks={"response": [self._remember]},
            follow_redirects=False,
        )

    def _new_async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self._settings.base_url,
            headers=self._headers(),
            timeout=build_timeout(self._settings.http_timeout),
            transport=AsyncRetryTransport(
                self._async_transport
                or httpx.AsyncHTTPTransport(
                    verify=ssl_context(self._settings.verify_tls),
                    limits=pool_limits(self._settings),
                ),
                api_origin=self._api_origins(),
                max_retries=lambda: self._settings.max_retries,
                initial_backoff=lambda: self._settings.retry_backoff,
            ),
            event_hooks={"response": [self._aremember]},
            follow_redirects=False,
        )

    def _api_origins(self) -> list[httpx.URL]:
        # The hosts that may receive the API key: the REST API's, and the other products'
        # (assemblyai._http.transport strips the key from requests to any other host).
        names = ("base_url", "sync_base_url", "llm_gateway_base_url")
        return [httpx.URL(getattr(self._settings, name)) for name in names]

    def _after_fork_in_child(self) -> None:
        # The parent's pooled connections are the parent's: sharing them, the two processes
        # would read each other's answers. The child starts with empty pools and a fresh lock
        # (another parent thread may have held the old one at the fork). The old clients are
        # dropped, not closed: closing would act on sockets the parent still uses.
        self._lock = threading.Lock()
        self._http = self._new_http_client()
        self._async_by_loop = {}
        self._async_outside_loop = None

    def _headers(self) -> dict[str, str]:
        # Only the encodings the transport can decompress within its size limit (see
        # _body_limits): with brotli or zstandard installed, httpx would offer those too.
        headers = {"user-agent": user_agent(), "accept-encoding": "gzip, deflate"}
        if self._settings.api_key:
            headers["authorization"] = self._settings.api_key
        return headers

    def _remember(self, response: httpx.Response) -> None:
        self._last_response = response
        # How to read it: this client's settings, not the global ones (_operations.reading_strictly).
        response.extensions[STRICT_EXTENSION] = self._settings.strict_responses

    async def _aremember(self, response: httpx.Response) -> None:
        self._remember(response)

    def __repr__(self) -> str:
        return f"Client(base_url={self._settings.base_url!r}, api_key={'***' if self._settings.api_key else None})"

    @property
    def settings(self) -> _settings.Settings:
        return self._settings

    @property
    def http_client(self) -> httpx.Client:
        return self._http

    @property
    def last_response(self) -> httpx.Response | None:
        """The last HTTP response any call through this client received."""
        return self._last_response

    @property
    def latest_response(self) -> httpx.Response | None:
        """Alias of :attr:`last_response` (the name an old README used)."""
        return self._last_response

    @property
    def async_http_client(self) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` with the same settings, one per event loop, made on first use.

        ``await client.async_http_client.aclose()`` before a loop ends closes that loop's
        pool; the next use (in any loop) makes a new one.
        """
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        with self._lock:
            if loop is None:
                if self._async_outside_loop is None or self._async_outside_loop.is_closed:
                    self._async_outside_loop = self._new_async_client()
                return self._async_outside_loop
            client = self._async_by_loop.get(loop)
            if client is None or client.is_closed:
                # A closed loop's pool can no longer be used or even closed; dropping it lets
                # the collector close its sockets.
                for old in [old for old in self._async_by_loop if old.is_closed()]:
                    del self._async_by_loop[old]
                client = self._async_by_loop[loop] = self._new_async_client()
            return client

    def close(self) -> None:
        """Close the connection pool.

        The default client is not closed when a settings change replaces it: a call may still
        be using it on another thread; its idle connections close when it is collected.
        """
        self._http.close()

    async def aclose(self) -> None:
        """Close the connection pools: the sync one, and the running event loop's."""
        self._http.close()
        await self._aclose_loop_pool()

    async def _aclose_loop_pool(self) -> None:
        """Close the running event loop's pool only (the next call opens a new one)."""
        with self._lock:
            client = self._async_by_loop.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @classmethod
    def get_default(cls, api_key_required: bool = True) -> Client:
        """The shared client for ``aai.settings``, rebuilt whenever those settings changed."""
        current = cls._default
        if (
            current is None
            or current._settings != _settings.settings
            or (api_key_required and not current._settings.api_key)
        ):
            with cls._default_lock:
                current = cls._default
                if (
                    current is None
                    or current._settings != _settings.settings
                    or (api_key_required and not current._settings.api_key)
                ):
                    current = Client(settings=_settings.settings, api_key_required=api_key_required)
                    cls._default = current
        return current


# Every client alive in this process, so that a forked child can give each fresh pools.
_live_clients: weakref.WeakSet[Client] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    Client._default_lock = threading.Lock()
    for client in list(_live_clients):
        client._after_fork_in_child()


os.register_at_fork(after_in_child=_after_fork_in_child)
