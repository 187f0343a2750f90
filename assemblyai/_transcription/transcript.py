"""``aai.Transcript``: a transcript on the API, its results, exports and redacted audio.

Methods are thin: each builds an :class:`~assemblyai._http.operations.Operation` and sends it;
polling decisions come from :mod:`assemblyai._core.polling`.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import httpx

from assemblyai._core.errors import connection_error
from assemblyai._core.exceptions import (
    APIError,
    ConfigurationError,
    RedactedAudioExpiredError,
    RedactedAudioUnavailableError,
    TranscriptError,
)
from assemblyai._core.polling import PollPlan, choose_wait_timeout, deadline_error
from assemblyai._http import operations as ops
from assemblyai._http.client import Client
from assemblyai._http.download import keyless_request
from assemblyai._http.executor import shared_executor
from assemblyai._http.send import send
from assemblyai._transcription.models import Sourcable
from assemblyai._transcription.transcript_data import TranscriptData

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
    from assemblyai._generated.rest.models.transcript_paragraph import TranscriptParagraph
    from assemblyai._generated.rest.models.transcript_sentence import TranscriptSentence
    from assemblyai._generated.rest.models.word_search_match import WordSearchMatch
    from assemblyai._lemur.lemur import Lemur
    from assemblyai.llm_gateway._types import (
        CustomFormattingInput,
        SpeakerIdentificationInput,
        SpeechUnderstandingInput,
        TranslationInput,
    )

__all__ = ["Transcript", "check_chars_per_caption", "check_search_words", "download_error"]

T = TypeVar("T")

_UNLOADED = "The internal Transcript object is None."


def check_chars_per_caption(chars_per_caption: object) -> None:
    """Refuse a caption width that is not a positive integer (before any request)."""
    if chars_per_caption is not None and (
        isinstance(chars_per_caption, bool)
        or not isinstance(chars_per_caption, int)
        or chars_per_caption < 1
    ):
        raise ConfigurationError(
            f"chars_per_caption must be a positive integer, got {chars_per_caption!r}."
        )


def check_search_words(words: Sequence[str]) -> list[str]:
    """The words to search for, refusing a bare string, an empty list or empty words."""
    if isinstance(words, str):
        raise ConfigurationError(
            f"word_search takes a list of words, not a string; use [{words!r}]."
        )
    listed = list(words)
    if not listed or not all(isinstance(w, str) and w.strip() for w in listed):
        raise ConfigurationError(
            f"word_search needs a non-empty list of non-empty strings, got {listed!r}."
        )
    return listed


def download_error(exc: httpx.TransportError, transcript_id: str, url: str) -> APIError:
    """The error for a redacted-audio download that got no (complete) answer."""
    return connection_error(
        exc,
        context=f"failed to download the redacted audio of transcript {transcript_id}",
        family=RedactedAudioUnavailableError,
        method="GET",
        url=url.split("?", 1)[0],  # a presigned URL's query is a credential
    )


class Transcript(Sourcable, TranscriptData):
    """A transcript: its id, and its content once loaded.

    Args:
        transcript_id: the transcript's id.
        client: the client to use; by default the one for ``aai.settings`` at call time.

    Example::

        transcript = aai.Transcript.get_by_id("5551722-f677-48a6-9287-39c0aafd9ac1")
        print(transcript.text)
        print(transcript.export_subtitles_srt(chars_per_caption=32))
    """

    def __init__(self, transcript_id: str | None, client: Client | None = None) -> None:
        self._transcript_id = transcript_id
        self._client_arg = client
        self._response: TranscriptResponse | None = None
        self._redacted_audio_url: str | None = None
        self._last_status: str | None = None

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def from_response(cls, *, client: Client | None, response: TranscriptResponse) -> Transcript:
        """Wrap an already-parsed response (no request is made)."""
        transcript = cls(response.id, client)
        transcript._response = response
        return transcript

    @classmethod
    def get_by_id(cls, transcript_id: str) -> Transcript:
        """Fetch a transcript, waiting until it is completed or has failed."""
        return cls(transcript_id).wait_for_completion()

    @classmethod
    def get_by_id_async(cls, transcript_id: str) -> Future[Transcript]:
        return shared_executor().submit(cls.get_by_id, transcript_id)

    @classmethod
    def delete_by_id(cls, transcript_id: str) -> Transcript:
        """Delete a transcript; the API returns it with its content blanked out."""
        client = Client.get_default()
        response = send(client.http_client, ops.delete_transcript(transcript_id))
        return cls.from_response(client=None, response=response)

    @classmethod
    def delete_by_id_async(cls, transcript_id: str) -> Future[Transcript]:
        """Unlike 0.45.4, returns at once; the delete runs on the shared pool."""
        return shared_executor().submit(cls.delete_by_id, transcript_id)

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def _client(self) -> Client:
        return self._client_arg if self._client_arg is not None else Client.get_default()

    def _loaded_id(self) -> str:
        # Exports use the response's id, as 0.45.4 did: it is the one the API knows.
        if self._response is None:
            raise ValueError(
                "This transcript has not been loaded yet; call wait_for_completion() first."
            )
        known = self._response.id if self._response.id is not None else self._transcript_id
        if known is None:
            raise ValueError("The API's answer for this transcript has no `id`: it cannot be used.")
        return known

    def __repr__(self) -> str:
        status = self.status if self._last_status or self._response is not None else None
        return f"<Transcript id={self.id!r} status={getattr(status, 'value', status)!s}>"

    # --- waiting -----------------------------------------------------------------------------

    def wait_for_completion(
        self, *, timeout: float | None = None, poll_timeout: float | None = None
    ) -> Transcript:
        """Poll until the transcript is completed or has failed, and return ``self``.

        A transcript whose status is ``error`` is returned, not raised (``.error`` says why).

        Args:
            timeout: give up after this many seconds with ``APITimeoutError``; defaults to
                ``aai.settings.polling_timeout`` (None: wait as long as it takes).
            poll_timeout: the official 1.0's name for ``timeout``.
        """
        if self._transcript_id is None and self._response is None:
            raise ConfigurationError("This Transcript has no id to wait for.")
        timeout = choose_wait_timeout("timeout", timeout, poll_timeout)
        transcript_id = self.id
        assert transcript_id is not None
        client = self._client
        limit = timeout if timeout is not None else client.settings.polling_timeout
        plan = PollPlan(client.settings.polling_interval, limit, time.monotonic())
        while not self._poll_once(client):
            pause = plan.next_sleep(time.monotonic())
            if pause is None:
                assert limit is not None
                raise deadline_error(transcript_id, limit, self._last_status)
            time.sleep(pause)
        return self

    def _poll_once(self, client: Client | None = None) -> bool:
        """Fetch the transcript once; whether it is finished (completed or error)."""
        transcript_id = self.id
        assert transcript_id is not None
        chosen = client if client is not None else self._client
        status, finished = send(chosen.http_client, ops.poll_transcript(transcript_id))
        if finished is not None:
            # The full body first: a reader seeing the final status then sees its content.
            self._response = finished
        self._last_status = status
        return finished is not None

    def wait_for_completion_async(self, *, poll_timeout: float | None = None) -> Future[Transcript]:
        choose_wait_timeout("poll_timeout", None, poll_timeout)
        return shared_executor().submit(self.wait_for_completion, poll_timeout=poll_timeout)

    # --- exports -----------------------------------------------------------------------------

    def export_subtitles_srt(self, chars_per_caption: int | None = None) -> str:
        """The transcript as SRT subtitles, from the API."""
        return self._export("srt", chars_per_caption)

    def export_subtitles_vtt(self, chars_per_caption: int | None = None) -> str:
        """The transcript as WebVTT subtitles, from the API."""
        return self._export("vtt", chars_per_caption)

    def _export(self, fmt: str, chars_per_caption: int | None) -> str:
        check_chars_per_caption(chars_per_caption)
        return send(
            self._client.http_client, ops.subtitles(self._loaded_id(), fmt, chars_per_caption)
        )

    def word_search(self, words: Sequence[str]) -> list[WordSearchMatch]:
        """Where each of ``words`` occurs: a ``WordSearchMatch`` per word found."""
        cleaned = check_search_words(words)
        result = send(self._client.http_client, ops.word_search(self._loaded_id(), cleaned))
        return list(result.matches or ())

    def get_sentences(self) -> list[TranscriptSentence]:
        """The transcript split into sentences, from the API."""
        return list(
            send(self._client.http_client, ops.sentences(self._loaded_id())).sentences or ()
        )

    def get_paragraphs(self) -> list[TranscriptParagraph]:
        """The transcript split into paragraphs, from the API."""
        return list(
            send(self._client.http_client, ops.paragraphs(self._loaded_id())).paragraphs or ()
        )

    def export_subtitles_srt_async(self, chars_per_caption: int | None = None) -> Future[str]:
        return shared_executor().submit(self.export_subtitles_srt, chars_per_caption)

    def export_subtitles_vtt_async(self, chars_per_caption: int | None = None) -> Future[str]:
        return shared_executor().submit(self.export_subtitles_vtt, chars_per_caption)

    def word_search_async(self, words: Sequence[str]) -> Future[list[WordSearchMatch]]:
        return shared_executor().submit(self.word_search, words)

    def get_sentences_async(self) -> Future[list[TranscriptSentence]]:
        return shared_executor().submit(self.get_sentences)

    def get_paragraphs_async(self) -> Future[list[TranscriptParagraph]]:
        return shared_executor().submit(self.get_paragraphs)

    # --- redacted audio ----------------------------------------------------------------------

    def get_redacted_audio_url(self) -> str:
        """The URL of the PII-redacted audio, waiting while the API prepares it."""
        config = self.config
        if not config.redact_pii or not config.redact_pii_audio:
            raise ValueError(
                "Redacted audio is only available when `redact_pii` and `redact_pii_audio` "
                "are set to `True`."
            )
        if self._redacted_audio_url is not None:
            return self._redacted_audio_url
        transcript_id = self._loaded_id()
        client = self._client
        operation = ops.redacted_audio(transcript_id)
        while True:
            try:
                result = send(client.http_client, operation)
            except TranscriptError as exc:
                if exc.status_code == 202:
                    time.sleep(client.settings.polling_interval)
                    continue
                if exc.status_code == 400:
                    raise RedactedAudioExpiredError(
                        f"redacted audio for transcript {transcript_id} is no longer available",
                        400,
                    ) from exc
                raise
            self._redacted_audio_url = str(result.redacted_audio_url)
            return self._redacted_audio_url

    def save_redacted_audio(self, filepath: str | os.PathLike[str]) -> None:
        """Download the redacted audio to ``filepath`` (written whole or not at all)."""
        url = self.get_redacted_audio_url()
        request = keyless_request(self._client.http_client, url)
        target = Path(filepath)
        partial = target.with_name(target.name + ".part")
        try:
            with contextlib.closing(
                self._client.http_client.send(request, stream=True)
            ) as response:
                if response.status_code not in (200, 304):
                    raise RedactedAudioUnavailableError(
                        f"Fetching redacted audio failed with status code {response.status_code}",
                        response.status_code,
                    )
                try:
                    with partial.open("wb") as handle:
                        for chunk in response.iter_bytes():
                            handle.write(chunk)
                    os.replace(partial, target)
                finally:
                    partial.unlink(missing_ok=True)
        except httpx.TransportError as exc:
            raise download_error(exc, self._loaded_id(), url) from exc

    def get_redacted_audio_url_async(self) -> Future[str]:
        return shared_executor().submit(self.get_redacted_audio_url)

    def save_redacted_audio_async(self, filepath: str | os.PathLike[str]) -> Future[None]:
        return shared_executor().submit(self.save_redacted_audio, filepath)

    # --- properties --------------------------------------------------------------------------

    @property
    def id(self) -> str | None:
        """The transcript's id (the response's, once loaded)."""
        if self._response is not None and self._response.id is not None:
            return self._response.id
        return self._transcript_id

    @property
    def lemur(self) -> Lemur:
        from assemblyai._lemur.lemur import Lemur, LemurSource

        return Lemur(client=self._client_arg, sources=[LemurSource(self)])

    def understand(
        self,
        *,
        translation: TranslationInput | None = None,
        speaker_identification: SpeakerIdentificationInput | None = None,
        custom_formatting: CustomFormattingInput | None = None,
        speech_understanding: SpeechUnderstandingInput | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> LlmGatewayUnderstandingResponse:
        """Translate, identify speakers or format this (completed) transcript with LLM
        Gateway (``POST /v1/understanding``); afterwards the transcript reads the results too
        (``translated_texts``, ``speech_understanding``, the utterances).

        Each feature is a dict or its request model, e.g.
        ``translation=aai.TranslationRequest(target_languages=["es"])``,
        ``speaker_identification={"speaker_type": "role", "known_values": ["agent", "customer"]}``,
        ``custom_formatting={"date": "mm/dd/yyyy"}``; ``speech_understanding=`` takes a whole
        ``aai.SpeechUnderstandingRequest`` instead.

        Example::

            result = transcript.understand(translation={"target_languages": ["de"]})
            print(result.translated_texts["de"], transcript.translated_texts["de"])
        """
        from assemblyai._transcription.understand import merged_response, understanding_operation
        from assemblyai.llm_gateway._operations import gateway_client, gateway_timeout

        transcript_id = self.id
        if transcript_id is None:
            raise ConfigurationError("This Transcript has no id to run speech understanding on.")
        operation = understanding_operation(
            transcript_id,
            {
                "translation": translation,
                "speaker_identification": speaker_identification,
                "custom_formatting": custom_formatting,
                "speech_understanding": speech_understanding,
            },
        )
        client = gateway_client(self._client_arg)
        answer = send(client.http_client, operation, gateway_timeout(client, timeout))
        if self._response is not None:
            self._response = merged_response(self._response, answer)
        return answer
