"""``aai.AsyncTranscriber`` and ``AsyncTranscript``: the asyncio shell over the shared core.

Requests come from :mod:`assemblyai._http.operations`, answers are checked by
:mod:`assemblyai._http.send`, polling and paging decisions come from :mod:`assemblyai._core.polling` and
:mod:`assemblyai._core.pagination`, exactly as in the sync classes; this module only awaits. It
starts no threads: uploads read their file in the event loop, one bounded chunk at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import httpx

from assemblyai._core.exceptions import (
    ConfigurationError,
    RedactedAudioExpiredError,
    RedactedAudioUnavailableError,
    TranscriptError,
)
from assemblyai._core.pagination import next_page_params
from assemblyai._core.polling import PollPlan, check_wait_timeout, deadline_error, is_terminal
from assemblyai._http import operations as ops
from assemblyai._http.client import Client
from assemblyai._http.download import keyless_request
from assemblyai._http.send import check_max_retries, send_async
from assemblyai._http.upload import upload_body
from assemblyai._transcription.config import TranscriptionConfig
from assemblyai._transcription.transcriber import AudioSource, check_source, prepare_for_requests
from assemblyai._transcription.transcriber import config_json as request_config_json
from assemblyai._transcription.transcript import (
    check_chars_per_caption,
    check_search_words,
    download_error,
)
from assemblyai._transcription.transcript_data import TranscriptData

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.list_transcript_params import ListTranscriptParams
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
    from assemblyai._generated.rest.models.transcript_list_item import TranscriptListItem
    from assemblyai._generated.rest.models.transcript_paragraph import TranscriptParagraph
    from assemblyai._generated.rest.models.transcript_sentence import TranscriptSentence
    from assemblyai._generated.rest.models.word_search_match import WordSearchMatch
    from assemblyai._transcription.models import ListTranscriptResponse
    from assemblyai.llm_gateway._types import (
        CustomFormattingInput,
        SpeakerIdentificationInput,
        SpeechUnderstandingInput,
        TranslationInput,
    )

__all__ = ["AsyncTranscriber", "AsyncTranscript"]

DEFAULT_CONCURRENCY = 16


class AsyncTranscript(TranscriptData):
    """A transcript for asyncio code: the same data properties as ``aai.Transcript``.

    Example::

        transcript = await aai.AsyncTranscriber().transcribe("https://example.org/a.mp3")
        print(transcript.text, await transcript.export_subtitles_srt())
    """

    def __init__(
        self,
        response: TranscriptResponse,
        client: Client | None = None,
        transcript_id: str | None = None,
    ) -> None:
        self._response = response
        self._client_arg = client
        self._redacted_audio_url: str | None = None
        # The id asked for, for an answer that leaves its own out (the API has sent such).
        self._transcript_id = transcript_id

    @property
    def _client(self) -> Client:
        return self._client_arg if self._client_arg is not None else Client.get_default()

    @property
    def _http(self) -> httpx.AsyncClient:
        return self._client.async_http_client

    @property
    def id(self) -> str:
        assert self._response is not None
        known = self._response.id if self._response.id is not None else self._transcript_id
        if known is None:
            raise ValueError("The API's answer for this transcript has no `id`: it cannot be used.")
        return known

    def __repr__(self) -> str:
        known = self._response.id if self._response is not None else None
        shown = known if known is not None else self._transcript_id
        status = self.status
        return f"<AsyncTranscript id={shown!r} status={getattr(status, 'value', status)!s}>"

    async def wait_for_completion(self, *, timeout: float | None = None) -> AsyncTranscript:
        """Poll until completed or failed; see ``Transcript.wait_for_completion``."""
        check_wait_timeout("timeout", timeout)
        client = self._client
        limit = timeout if timeout is not None else client.settings.polling_timeout
        plan = PollPlan(client.settings.polling_interval, limit, time.monotonic())
        while True:
            status, finished = await send_async(self._http, ops.poll_transcript(self.id))
            if finished is not None:
                self._response = finished
            self._last_status = status
            if finished is not None:
                return self
            pause = plan.next_sleep(time.monotonic())
            if pause is None:
                assert limit is not None
                raise deadline_error(self.id, limit, status)
            await asyncio.sleep(pause)

    async def export_subtitles_srt(self, chars_per_caption: int | None = None) -> str:
        check_chars_per_caption(chars_per_caption)
        return await send_async(self._http, ops.subtitles(self.id, "srt", chars_per_caption))

    async def export_subtitles_vtt(self, chars_per_caption: int | None = None) -> str:
        check_chars_per_caption(chars_per_caption)
        return await send_async(self._http, ops.subtitles(self.id, "vtt", chars_per_caption))

    async def word_search(self, words: Sequence[str]) -> list[WordSearchMatch]:
        result = await send_async(self._http, ops.word_search(self.id, check_search_words(words)))
        return list(result.matches or ())

    async def get_sentences(self) -> list[TranscriptSentence]:
        return list((await send_async(self._http, ops.sentences(self.id))).sentences or ())

    async def get_paragraphs(self) -> list[TranscriptParagraph]:
        return list((await send_async(self._http, ops.paragraphs(self.id))).paragraphs or ())

    async def get_redacted_audio_url(self) -> str:
        config = self.config
        if not config.redact_pii or not config.redact_pii_audio:
            raise ValueError(
                "Redacted audio is only available when `redact_pii` and `redact_pii_audio` "
                "are set to `True`."
            )
        if self._redacted_audio_url is not None:
            return self._redacted_audio_url
        while True:
            try:
                result = await send_async(self._http, ops.redacted_audio(self.id))
            except TranscriptError as exc:
                if exc.status_code == 202:
                    await asyncio.sleep(self._client.settings.polling_interval)
                    continue
                if exc.status_code == 400:
                    raise RedactedAudioExpiredError(
                        f"redacted audio for transcript {self.id} is no longer available", 400
                    ) from exc
                raise
            self._redacted_audio_url = str(result.redacted_audio_url)
            return self._redacted_audio_url

    async def save_redacted_audio(self, filepath: str | os.PathLike[str]) -> None:
        url = await self.get_redacted_audio_url()
        request = keyless_request(self._http, url)
        target = Path(filepath)
        partial = target.with_name(target.name + ".part")
        try:
            response = await self._http.send(request, stream=True)
            async with contextlib.aclosing(response):
                if response.status_code not in (200, 304):
                    raise RedactedAudioUnavailableError(
                        f"Fetching redacted audio failed with status code {response.status_code}",
                        response.status_code,
                    )
                try:
                    with partial.open("wb") as handle:
                        async for chunk in response.aiter_bytes():
                            handle.write(chunk)
                    os.replace(partial, target)
                finally:
                    partial.unlink(missing_ok=True)
        except httpx.TransportError as exc:
            raise download_error(exc, self.id, url) from exc

    async def understand(
        self,
        *,
        translation: TranslationInput | None = None,
        speaker_identification: SpeakerIdentificationInput | None = None,
        custom_formatting: CustomFormattingInput | None = None,
        speech_understanding: SpeechUnderstandingInput | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> LlmGatewayUnderstandingResponse:
        """``Transcript.understand``, awaited: speech understanding with LLM Gateway, whose
        results this transcript then reads too."""
        from assemblyai._transcription.understand import merged_response, understanding_operation
        from assemblyai.llm_gateway._operations import gateway_client, gateway_timeout

        operation = understanding_operation(
            self.id,
            {
                "translation": translation,
                "speaker_identification": speaker_identification,
                "custom_formatting": custom_formatting,
                "speech_understanding": speech_understanding,
            },
        )
        client = gateway_client(self._client_arg)
        answer = await send_async(
            client.async_http_client, operation, gateway_timeout(client, timeout)
        )
        if self._response is not None:
            self._response = merged_response(self._response, answer)
        return answer


class AsyncTranscriber:
    """The asyncio twin of ``aai.Transcriber``, on one ``httpx.AsyncClient``.

    Args:
        client: the client to use; by default the one for ``aai.settings`` at call time.
        config: the default ``TranscriptionConfig``.
        max_concurrency: how many files ``transcribe_group`` handles at once.

    Example::

        async def main():
            transcriber = aai.AsyncTranscriber()
            transcripts = await transcriber.transcribe_group(["a.wav", "b.wav"])
    """

    def __init__(
        self,
        *,
        client: Client | None = None,
        config: TranscriptionConfig | None = None,
        max_concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        if max_concurrency < 1:
            raise ConfigurationError(f"max_concurrency must be >= 1, got {max_concurrency!r}.")
        self._client_arg = client
        self.config: TranscriptionConfig = config if config is not None else TranscriptionConfig()
        self._max_concurrency = max_concurrency
        prepare_for_requests(client)

    @property
    def _client(self) -> Client:
        return self._client_arg if self._client_arg is not None else Client.get_default()

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
            ops.create_transcript(audio_url, config_json),
            max_retries=max_retries,
        )
        return AsyncTranscript(response, client)

    async def transcribe(
        self,
        data: AudioSource,
        config: TranscriptionConfig | None = None,
        *,
        polling_timeout: float | None = None,
        max_retries: int | None = None,
    ) -> AsyncTranscript:
        """Transcribe audio and wait for the result; see ``Transcriber.transcribe``."""
        check_wait_timeout("polling_timeout", polling_timeout)
        # One client from the upload to the last poll, even if aai.settings changes meanwhile.
        transcript = await self._submit_with(self._client, data, config, max_retries)
        return await transcript.wait_for_completion(timeout=polling_timeout)

    async def transcribe_group(
        self, data: Sequence[AudioSource], config: TranscriptionConfig | None = None
    ) -> list[AsyncTranscript]:
        """Transcribe many files, at most ``max_concurrency`` at a time; results in input order.

        The first failure (other than a transcript whose status is ``error``) is raised after
        the other tasks are cancelled.
        """
        for item in data:
            check_source(item)
        limit = asyncio.Semaphore(self._max_concurrency)

        async def one(item: AudioSource) -> AsyncTranscript:
            async with limit:
                return await self.transcribe(item, config)

        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(one(item)) for item in data]
        return [task.result() for task in tasks]

    async def get_transcript(self, transcript_id: str) -> AsyncTranscript:
        response = await send_async(
            self._client.async_http_client, ops.get_transcript(transcript_id)
        )
        return AsyncTranscript(response, self._client_arg, transcript_id)

    async def wait_for_completion(
        self, transcript_id: str, *, timeout: float | None = None
    ) -> AsyncTranscript:
        transcript = await self.get_transcript(transcript_id)
        if is_terminal(transcript.status):
            return transcript
        return await transcript.wait_for_completion(timeout=timeout)

    async def delete_transcript(self, transcript_id: str) -> AsyncTranscript:
        response = await send_async(
            self._client.async_http_client, ops.delete_transcript(transcript_id)
        )
        return AsyncTranscript(response, self._client_arg, transcript_id)

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
