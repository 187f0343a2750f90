"""``aai.AsyncTranscriber``: the asyncio shell over the shared core.

Requests come from :mod:`assemblyai._http.operations`, answers are checked by
:mod:`assemblyai._http.send`, polling and paging decisions come from :mod:`assemblyai._core.polling` and
:mod:`assemblyai._core.pagination`, exactly as in the sync classes; this module only awaits. It
starts no threads: uploads read their file in the event loop, one bounded chunk at a time.
``AsyncTranscript`` lives in :mod:`assemblyai._transcription.async_transcript`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, overload

from assemblyai._core.exceptions import AssemblyAIError
from assemblyai._core.pagination import next_page_params
from assemblyai._core.polling import choose_wait_timeout, is_terminal
from assemblyai._http import operations as ops
from assemblyai._http.async_client import AsyncClient
from assemblyai._http.client import Client
from assemblyai._http.client_source import ClientSource
from assemblyai._http.send import check_max_retries, send_async
from assemblyai._http.upload import upload_body
from assemblyai._transcription.async_transcript import AsyncTranscript
from assemblyai._transcription.config import TranscriptionConfig
from assemblyai._transcription.group_async import check_concurrency, run_in_order
from assemblyai._transcription.transcriber import AudioSource, check_source, prepare_for_requests
from assemblyai._transcription.transcriber import config_json as request_config_json

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.list_transcript_params import ListTranscriptParams
    from assemblyai._generated.rest.models.transcript_list_item import TranscriptListItem
    from assemblyai._transcription.models import ListTranscriptResponse

__all__ = ["AsyncTranscriber", "AsyncTranscript"]

DEFAULT_CONCURRENCY = 16


class AsyncTranscriber:
    """The asyncio twin of ``aai.Transcriber``.

    Args:
        client: an ``aai.AsyncClient`` (or ``aai.Client``) to share one connection pool
            between transcribers; it stays yours to close.
        config: the default ``TranscriptionConfig``.
        max_concurrency: how many files the group methods handle at once (a call may pass
            its own).
        api_key: the API key for this transcriber's calls; it takes precedence over
            ``client`` (the official 1.0's rule: a client of the transcriber's own is made from
            a copy of ``client``'s settings with the key replaced).

    Without ``client``, the transcriber uses a connection pool of its own, made from
    ``aai.settings`` on first use (and again if they change). ``async with`` or ``aclose()``
    closes it; a call after that opens a new one.

    Example::

        async def main():
            async with aai.AsyncTranscriber() as transcriber:
                transcripts = await transcriber.transcribe_group(["a.wav", "b.wav"])
    """

    def __init__(
        self,
        *,
        client: AsyncClient | Client | None = None,
        config: TranscriptionConfig | None = None,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        api_key: str | None = None,
    ) -> None:
        self._max_concurrency = check_concurrency(max_concurrency)
        self._given = client
        core = client.core if isinstance(client, AsyncClient) else client
        self._source = ClientSource(core, api_key, private=True)
        self.config: TranscriptionConfig = config if config is not None else TranscriptionConfig()
        prepare_for_requests(core, uses_default=False)

    @property
    def _client(self) -> Client:
        return self._source.current()

    @property
    def client(self) -> AsyncClient:
        """The ``AsyncClient`` the next call sends with."""
        if isinstance(self._given, AsyncClient) and not self._source.owns_client:
            return self._given
        return AsyncClient.sharing(self._client)

    async def aclose(self) -> None:
        """Close this transcriber's own connection pools; a client passed in stays open."""
        for owned in self._source.retire_owned():
            await owned.aclose()

    async def __aenter__(self) -> AsyncTranscriber:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def upload_file(
        self,
        data: str | os.PathLike[str] | bytes | BinaryIO,
        *,
        max_retries: int | None = None,
    ) -> str:
        """Upload audio; see ``Transcriber.upload_file``."""
        check_max_retries(max_retries)
        return await self._upload(self._client, data, max_retries)

    async def _upload(
        self,
        client: Client,
        data: str | os.PathLike[str] | bytes | BinaryIO,
        max_retries: int | None,
    ) -> str:
        content, headers = upload_body(data)
        return await send_async(
            client.async_http_client,
            ops.upload(
                content,
                headers,
                write_timeout=client.settings.upload_timeout,
                answer_timeout=client.settings.http_timeout,
            ),
            max_retries=max_retries,
        )

    async def submit(
        self,
        data: AudioSource,
        config: TranscriptionConfig | None = None,
        *,
        max_retries: int | None = None,
    ) -> AsyncTranscript:
        """Queue audio for transcription; see ``Transcriber.submit``."""
        return await self._submit_with(self._client, data, config, max_retries)

    async def _submit_with(
        self,
        client: Client,
        data: AudioSource,
        config: TranscriptionConfig | None,
        max_retries: int | None,
    ) -> AsyncTranscript:
        config_json = request_config_json(config, self.config)
        kind = check_source(data)
        check_max_retries(max_retries)
        if kind == "url":
            assert isinstance(data, str)
            audio_url = data
        else:
            audio_url = await self._upload(client, data, max_retries)  # type: ignore[arg-type]
        response = await send_async(
            client.async_http_client,
            ops.create_transcript(audio_url, config_json, client.settings),
            max_retries=max_retries,
        )
        return AsyncTranscript.from_response(client=client, response=response)

    async def transcribe(
        self,
        data: AudioSource,
        config: TranscriptionConfig | None = None,
        *,
        polling_timeout: float | None = None,
        max_retries: int | None = None,
        poll_timeout: float | None = None,
    ) -> AsyncTranscript:
        """Transcribe audio and wait for the result; see ``Transcriber.transcribe``.

        ``poll_timeout`` is the official 1.0's name for ``polling_timeout``.
        """
        timeout = choose_wait_timeout("polling_timeout", polling_timeout, poll_timeout)
        # One client from the upload to the last poll, even if aai.settings changes meanwhile.
        transcript = await self._submit_with(self._client, data, config, max_retries)
        return await transcript.wait_for_completion(timeout=timeout)

    @overload
    async def transcribe_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        *,
        return_failures: Literal[True],
        max_concurrency: int | None = None,
    ) -> tuple[list[AsyncTranscript], list[AssemblyAIError]]: ...

    @overload
    async def transcribe_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: Literal[False] = False,
        max_concurrency: int | None = None,
    ) -> list[AsyncTranscript]: ...

    async def transcribe_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: bool = False,
        max_concurrency: int | None = None,
    ) -> list[AsyncTranscript] | tuple[list[AsyncTranscript], list[AssemblyAIError]]:
        """Transcribe many files, at most ``max_concurrency`` at a time; results in input order.

        A transcript whose status is ``error`` is a result, not a failure. Any other failure
        is raised once the files still running are cancelled, unless ``return_failures`` is
        set: then every file runs, and ``(transcripts, errors)`` comes back.
        """
        return await self._group(data, config, return_failures, max_concurrency, wait=True)

    @overload
    async def submit_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        *,
        return_failures: Literal[True],
        max_concurrency: int | None = None,
    ) -> tuple[list[AsyncTranscript], list[AssemblyAIError]]: ...

    @overload
    async def submit_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: Literal[False] = False,
        max_concurrency: int | None = None,
    ) -> list[AsyncTranscript]: ...

    async def submit_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: bool = False,
        max_concurrency: int | None = None,
    ) -> list[AsyncTranscript] | tuple[list[AsyncTranscript], list[AssemblyAIError]]:
        """Queue many files without waiting; the queued transcripts in input order.

        Failures are handled as in :meth:`transcribe_group`.
        """
        return await self._group(data, config, return_failures, max_concurrency, wait=False)

    async def _group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None,
        return_failures: bool,
        max_concurrency: int | None,
        *,
        wait: bool,
    ) -> list[AsyncTranscript] | tuple[list[AsyncTranscript], list[AssemblyAIError]]:
        if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
            raise TypeError("transcribe_group/submit_group take a list of audio sources.")
        limit = check_concurrency(
            self._max_concurrency if max_concurrency is None else max_concurrency
        )
        request_config_json(config, self.config)
        for item in data:
            check_source(item)
        # One client for the whole group, even if aai.settings changes meanwhile.
        client = self._client

        async def one(item: AudioSource) -> AsyncTranscript:
            transcript = await self._submit_with(client, item, config, None)
            return await transcript.wait_for_completion() if wait else transcript

        results, failures = await run_in_order(
            data, one, max_concurrency=limit, return_failures=return_failures
        )
        return (results, failures) if return_failures else results

    async def get_transcript(self, transcript_id: str) -> AsyncTranscript:
        client = self._client
        response = await send_async(client.async_http_client, ops.get_transcript(transcript_id))
        return AsyncTranscript.from_response(
            client=client, response=response, transcript_id=transcript_id
        )

    async def wait_for_completion(
        self,
        transcript_id: str,
        *,
        timeout: float | None = None,
        poll_timeout: float | None = None,
    ) -> AsyncTranscript:
        """Fetch a transcript, waiting until it is completed or has failed."""
        timeout = choose_wait_timeout("timeout", timeout, poll_timeout)
        transcript = await self.get_transcript(transcript_id)
        if is_terminal(transcript.status):
            return transcript
        return await transcript.wait_for_completion(timeout=timeout)

    async def get_by_id(self, transcript_id: str) -> AsyncTranscript:
        """The official 1.0's name: fetch a transcript, waiting until it has finished."""
        return await self.wait_for_completion(transcript_id)

    async def delete_transcript(self, transcript_id: str) -> AsyncTranscript:
        """Delete a transcript; the API returns it with its content blanked out."""
        client = self._client
        response = await send_async(client.async_http_client, ops.delete_transcript(transcript_id))
        return AsyncTranscript.from_response(
            client=client, response=response, transcript_id=transcript_id
        )

    async def delete_by_id(self, transcript_id: str) -> AsyncTranscript:
        """The official 1.0's name for :meth:`delete_transcript`."""
        return await self.delete_transcript(transcript_id)

    async def list_transcripts(
        self, params: ListTranscriptParams | Mapping[str, Any] | None = None
    ) -> ListTranscriptResponse:
        return await send_async(self._client.async_http_client, ops.list_transcripts(params))

    async def iter_transcripts(
        self, params: ListTranscriptParams | Mapping[str, Any] | None = None
    ) -> AsyncIterator[TranscriptListItem]:
        """Every transcript matching ``params``, page after page (``async for``)."""
        current = params
        while True:
            page = await self.list_transcripts(current)
            for item in page.transcripts or ():
                yield item
            current = next_page_params(current, page)
            if current is None:
                return
