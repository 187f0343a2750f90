"""``aai.AsyncClient``: the official 1.0's asyncio client, over our ``Client``.

1.0's ``AsyncClient`` holds one ``httpx.AsyncClient``. Ours holds a :class:`Client`, whose
asyncio pools are made per event loop (a pool belongs to the loop that first used it), so one
``AsyncClient`` also works across several ``asyncio.run()`` calls.
"""

from __future__ import annotations

from types import TracebackType

import httpx

from assemblyai._core import settings as _settings
from assemblyai._http.client import Client

__all__ = ["AsyncClient"]


class AsyncClient:
    """A connection to the API for asyncio code: settings, a pool, the last response.

    Args:
        settings: the settings to use (copied); by default ``aai.settings`` as they are now.
        api_key: the API key, replacing the one in ``settings``.
        api_key_required: raise ``ValueError`` when there is no API key.
        transport: the httpx transport under the retry layer (a seam for tests and proxies).

    Close it with ``async with`` or ``await client.aclose()``. Transcribers it is passed to
    leave it open: it stays yours to close.

    Example::

        async with aai.AsyncClient(api_key="...") as client:
            transcriber = aai.AsyncTranscriber(client=client)
            transcript = await transcriber.transcribe("https://example.org/a.mp3")
    """

    def __init__(
        self,
        *,
        settings: _settings.Settings | None = None,
        api_key: str | None = None,
        api_key_required: bool = True,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = Client(
            settings=settings,
            api_key=api_key,
            api_key_required=api_key_required,
            async_transport=transport,
        )

    @classmethod
    def sharing(cls, client: Client) -> AsyncClient:
        """An ``AsyncClient`` view of ``client``: same settings, pools and last response."""
        view = cls.__new__(cls)
        view._client = client
        return view

    @property
    def core(self) -> Client:
        """The :class:`Client` underneath (what the transcribers send with)."""
        return self._client

    @property
    def settings(self) -> _settings.Settings:
        return self._client.settings

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The running event loop's ``httpx.AsyncClient`` (made on first use in a loop)."""
        return self._client.async_http_client

    @property
    def last_response(self) -> httpx.Response | None:
        """The last HTTP response any call through this client received."""
        return self._client.last_response

    @property
    def latest_response(self) -> httpx.Response | None:
        """Alias of :attr:`last_response`."""
        return self._client.last_response

    def __repr__(self) -> str:
        shown = "***" if self.settings.api_key else None
        return f"AsyncClient(base_url={self.settings.base_url!r}, api_key={shown})"

    async def aclose(self) -> None:
        """Close the connection pools (the running loop's, and the unused sync one)."""
        await self._client.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
