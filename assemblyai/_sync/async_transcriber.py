"""``AsyncSyncTranscriber``: the asyncio shell of the synchronous API (see ``assemblyai._sync``).

"Sync" names the product (one request, the transcript in the answer) and "Async" the I/O mode,
as in the official SDK 1.0.
"""

from __future__ import annotations

import asyncio
from types import TracebackType

from assemblyai._core.exceptions import APIConnectionError
from assemblyai._generated.rest.models.sync_transcript_response import SyncTranscriptResponse
from assemblyai._http.client import Client
from assemblyai._http.send import send_async
from assemblyai._sync import requests as _requests
from assemblyai._sync.audio import AudioInput, RawAudio, prepare_audio, read_audio
from assemblyai._sync.clients import check_config, client_with_key, own_client
from assemblyai._sync.config import SyncTranscriptionConfig

__all__ = ["AsyncSyncTranscriber"]


class AsyncSyncTranscriber:
    """The asyncio counterpart of ``SyncTranscriber``: the same inputs, options, results and
    errors, with ``transcribe`` and ``warm`` as coroutines.

    It owns a connection pool unless given a ``client``: use ``async with``, or ``await
    aclose()``. Concurrency is plain asyncio (``asyncio.gather``).

    Args:
        client: the client to send with (stays yours to close); default: one made from
            ``aai.settings``, closed by :meth:`aclose`.
        config: the default options; a ``config`` given to a call replaces them.
        api_key: the key to send; wins over ``client``'s (a client is made from a copy of its
            settings, and closed by :meth:`aclose`).

    Example::

        async with aai.AsyncSyncTranscriber() as transcriber:
            result = await transcriber.transcribe("./call.wav")
    """

    def __init__(
        self,
        *,
        client: Client | None = None,
        config: SyncTranscriptionConfig | None = None,
        api_key: str | None = None,
    ) -> None:
        check_config(type(self).__name__, config)
        self._owns_client = client is None or api_key is not None
        if api_key is not None:
            self._client = client_with_key(client, api_key)
        else:
            self._client = client if client is not None else own_client()
        self.config = config or SyncTranscriptionConfig()

    @property
    def client(self) -> Client:
        """The client this transcriber sends with."""
        return self._client

    async def transcribe(
        self, data: AudioInput, config: SyncTranscriptionConfig | None = None
    ) -> SyncTranscriptResponse:
        """Transcribe ``data`` and return the finished transcript (files are read off the
        event loop). Raises as ``SyncTranscriber.transcribe`` does."""
        check_config(type(self).__name__, config)
        chosen = config or self.config
        if isinstance(data, bytes | bytearray | memoryview):
            raw = RawAudio(bytes(data))
        else:
            raw = await asyncio.to_thread(read_audio, data)
        audio = prepare_audio(raw, chosen)
        settings = self._client.settings
        answer = await send_async(
            self._client.async_http_client,
            _requests.transcribe_operation(audio, chosen, settings),
        )
        return _requests.finish_transcription(answer)

    async def warm(self) -> bool:
        """Open the connection now (see ``SyncTranscriber.warm``); True once it is open."""
        operation = _requests.warm_operation(self.config.model, self._client.settings)
        try:
            await send_async(self._client.async_http_client, operation, max_retries=0)
        except APIConnectionError:
            return False
        return True

    async def aclose(self) -> None:
        """Close the connection pool this transcriber made (a client you passed stays open)."""
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> AsyncSyncTranscriber:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
