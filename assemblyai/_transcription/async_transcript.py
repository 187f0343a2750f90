"""``AsyncTranscript``: a transcript for asyncio code, the twin of ``aai.Transcript``.

Requests come from :mod:`assemblyai._http.operations` and answers are checked by
:mod:`assemblyai._http.send`, as in the sync class; this module only awaits.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from assemblyai._core.exceptions import (
    RedactedAudioExpiredError,
    RedactedAudioUnavailableError,
    TranscriptError,
)
from assemblyai._core.polling import PollPlan, choose_wait_timeout, deadline_error
from assemblyai._http import operations as ops
from assemblyai._http.async_client import AsyncClient
from assemblyai._http.client import Client
from assemblyai._http.download import keyless_request
from assemblyai._http.send import send_async
from assemblyai._transcription.transcript import (
    check_chars_per_caption,
    check_search_words,
    download_error,
)
from assemblyai._transcription.transcript_data import TranscriptData

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
    from assemblyai._generated.rest.models.transcript_paragraph import TranscriptParagraph
    from assemblyai._generated.rest.models.transcript_sentence import TranscriptSentence
    from assemblyai._generated.rest.models.word_search_match import WordSearchMatch
    from assemblyai.llm_gateway._types import (
        CustomFormattingInput,
        SpeakerIdentificationInput,
        SpeechUnderstandingInput,
        TranslationInput,
    )

__all__ = ["AsyncTranscript"]


class AsyncTranscript(TranscriptData):
    """A transcript for asyncio code: the same data properties as ``aai.Transcript``.

    Example::

        transcript = await aai.AsyncTranscriber().transcribe("https://example.org/a.mp3")
        print(transcript.text, await transcript.export_subtitles_srt())
    """

    def __init__(
        self,
        transcript_id: str | TranscriptResponse | None = None,
        client: AsyncClient | Client | None = None,
        *,
        response: TranscriptResponse | None = None,
    ) -> None:
        """A transcript by id (the official 1.0's form: ``await .wait_for_completion()`` loads
        it), or around an answer already read (``response``, or positionally as before)."""
        if transcript_id is not None and not isinstance(transcript_id, str):
            response, transcript_id = transcript_id, None
        self._response = response
        self._client_arg = client.core if isinstance(client, AsyncClient) else client
        self._redacted_audio_url: str | None = None
        # The id asked for, for an answer that leaves its own out (the API has sent such).
        self._transcript_id = transcript_id

    @classmethod
    def from_response(
        cls,
        *,
        client: AsyncClient | Client | None,
        response: TranscriptResponse,
        transcript_id: str | None = None,
    ) -> AsyncTranscript:
        """Wrap an already-parsed response (no request is made)."""
        return cls(transcript_id, client, response=response)

    @property
    def _client(self) -> Client:
        return self._client_arg if self._client_arg is not None else Client.get_default()

    @property
    def _http(self) -> httpx.AsyncClient:
        return self._client.async_http_client

    @property
    def id(self) -> str:
        known = self._response.id if self._response is not None else None
        if known is None:
            known = self._transcript_id
        if known is None:
            raise ValueError("The API's answer for this transcript has no `id`: it cannot be used.")
        return known

    def __repr__(self) -> str:
        known = self._response.id if self._response is not None else None
        shown = known if known is not None else self._transcript_id
        status = self.status if self._last_status or self._response is not None else None
        return f"<AsyncTranscript id={shown!r} status={getattr(status, 'value', status)!s}>"

    async def wait_for_completion(
        self, *, timeout: float | None = None, poll_timeout: float | None = None
    ) -> AsyncTranscript:
        """Poll until completed or failed; see ``Transcript.wait_for_completion``.

        ``poll_timeout`` is the official 1.0's name for ``timeout``.
        """
        timeout = choose_wait_timeout("timeout", timeout, poll_timeout)
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
