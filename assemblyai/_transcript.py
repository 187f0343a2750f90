"""``aai.Transcript``: a transcript on the API, its results, exports and redacted audio.

Methods are thin: each builds an :class:`~assemblyai._operations.Operation` and sends it;
polling decisions come from :mod:`assemblyai._polling`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import _operations as ops
from ._client import Client
from ._config import TranscriptionConfig
from ._enums import TranscriptStatus
from ._exceptions import (
    ConfigurationError,
    RedactedAudioExpiredError,
    RedactedAudioUnavailableError,
    TranscriptError,
)
from ._executor import shared_executor
from ._generated.rest.types import Unset
from ._models import Sourcable
from ._polling import PollPlan, deadline_error, is_terminal
from ._send import send

if TYPE_CHECKING:
    from ._generated.rest.models.transcript import Transcript as TranscriptResponse
    from .lemur import Lemur

__all__ = ["Transcript"]

T = TypeVar("T")

_UNLOADED = "The internal Transcript object is None."


def _plain(value: T | Unset) -> T | None:
    """UNSET (a field the API did not send) reads as None, as it did in 0.45.4."""
    return None if isinstance(value, Unset) else value


def _unless_unrequested(result: Any, requested: Any) -> Any:
    """None for a model result the user did not ask for (the API reports it "unavailable")."""
    result = _plain(result)
    if not result:
        return None
    if not _plain(requested) and getattr(_plain(result.status), "value", None) == "unavailable":
        return None
    return result


class Transcript(Sourcable):
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

    def _loaded(self) -> TranscriptResponse:
        if self._response is None:
            raise ValueError(_UNLOADED)
        return self._response

    def _loaded_id(self) -> str:
        # Exports use the response's id, as 0.45.4 did: it is the one the API knows.
        if self._response is None:
            raise ValueError(
                "This transcript has not been loaded yet; call wait_for_completion() first."
            )
        return self._response.id

    def __repr__(self) -> str:
        status = _plain(self._response.status) if self._response is not None else None
        return f"<Transcript id={self.id!r} status={status!s}>"

    # --- waiting -----------------------------------------------------------------------------

    def wait_for_completion(self, *, timeout: float | None = None) -> Transcript:
        """Poll until the transcript is completed or has failed, and return ``self``.

        A transcript whose status is ``error`` is returned, not raised (``.error`` says why).

        Args:
            timeout: give up after this many seconds with ``APITimeoutError``; defaults to
                ``aai.settings.polling_timeout`` (None: wait as long as it takes).
        """
        if self._transcript_id is None and self._response is None:
            raise ConfigurationError("This Transcript has no id to wait for.")
        transcript_id = self.id
        assert transcript_id is not None
        client = self._client
        limit = timeout if timeout is not None else client.settings.polling_timeout
        plan = PollPlan(client.settings.polling_interval, limit, time.monotonic())
        while True:
            self._response = send(client.http_client, ops.get_transcript(transcript_id))
            if is_terminal(self._response.status):
                return self
            pause = plan.next_sleep(time.monotonic())
            if pause is None:
                assert limit is not None
                raise deadline_error(transcript_id, limit, self._response.status)
            time.sleep(pause)

    def wait_for_completion_async(self) -> Future[Transcript]:
        return shared_executor().submit(self.wait_for_completion)

    # --- exports -----------------------------------------------------------------------------

    def export_subtitles_srt(self, chars_per_caption: int | None = None) -> str:
        """The transcript as SRT subtitles, from the API."""
        return self._export("srt", chars_per_caption)

    def export_subtitles_vtt(self, chars_per_caption: int | None = None) -> str:
        """The transcript as WebVTT subtitles, from the API."""
        return self._export("vtt", chars_per_caption)

    def _export(self, fmt: str, chars_per_caption: int | None) -> str:
        if chars_per_caption is not None and (
            isinstance(chars_per_caption, bool)
            or not isinstance(chars_per_caption, int)
            or chars_per_caption < 1
        ):
            raise ConfigurationError(
                f"chars_per_caption must be a positive integer, got {chars_per_caption!r}."
            )
        return send(
            self._client.http_client, ops.subtitles(self._loaded_id(), fmt, chars_per_caption)
        )

    def word_search(self, words: Sequence[str]) -> list[Any]:
        """Where each of ``words`` occurs: a ``WordSearchMatch`` per word found."""
        if isinstance(words, str):
            raise ConfigurationError(
                f"word_search takes a list of words, not a string; use [{words!r}]."
            )
        cleaned = [w for w in words if isinstance(w, str) and w.strip()]
        if not cleaned or len(cleaned) != len(words):
            raise ConfigurationError(
                f"word_search needs a non-empty list of non-empty strings, got {list(words)!r}."
            )
        result = send(self._client.http_client, ops.word_search(self._loaded_id(), cleaned))
        return list(result.matches)

    def get_sentences(self) -> list[Any]:
        """The transcript split into sentences, from the API."""
        return list(send(self._client.http_client, ops.sentences(self._loaded_id())).sentences)

    def get_paragraphs(self) -> list[Any]:
        """The transcript split into paragraphs, from the API."""
        return list(send(self._client.http_client, ops.paragraphs(self._loaded_id())).paragraphs)

    def export_subtitles_srt_async(self, chars_per_caption: int | None = None) -> Future[str]:
        return shared_executor().submit(self.export_subtitles_srt, chars_per_caption)

    def export_subtitles_vtt_async(self, chars_per_caption: int | None = None) -> Future[str]:
        return shared_executor().submit(self.export_subtitles_vtt, chars_per_caption)

    def word_search_async(self, words: Sequence[str]) -> Future[list[Any]]:
        return shared_executor().submit(self.word_search, words)

    def get_sentences_async(self) -> Future[list[Any]]:
        return shared_executor().submit(self.get_sentences)

    def get_paragraphs_async(self) -> Future[list[Any]]:
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
        target = Path(filepath)
        partial = target.with_name(target.name + ".part")
        # The SDK's client brings its timeouts and retries; its transport drops the API key for
        # this presigned URL on another host.
        with self._client.http_client.stream("GET", url) as response:
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

    def get_redacted_audio_url_async(self) -> Future[str]:
        return shared_executor().submit(self.get_redacted_audio_url)

    def save_redacted_audio_async(self, filepath: str | os.PathLike[str]) -> Future[None]:
        return shared_executor().submit(self.save_redacted_audio, filepath)

    # --- properties --------------------------------------------------------------------------

    @property
    def id(self) -> str | None:
        """The transcript's id (the response's, once loaded)."""
        if self._response is not None:
            return self._response.id
        return self._transcript_id

    @property
    def config(self) -> TranscriptionConfig:
        """The configuration the transcript was made with, rebuilt from the response."""
        if self._response is None:
            raise ValueError("Cannot access the config: the transcript has not been loaded.")
        return TranscriptionConfig.from_response_fields(self._response.to_dict())

    @property
    def lemur(self) -> Lemur:
        from .lemur import Lemur, LemurSource

        return Lemur(client=self._client_arg, sources=[LemurSource(self)])

    @property
    def json_response(self) -> dict[str, Any]:
        """The response as JSON: every known field (None when absent) and any unknown one."""
        response = self._loaded()
        from ._generated.rest.models.transcript import Transcript as TranscriptResponse

        known: dict[str, Any] = {}
        for attribute in TranscriptResponse.__attrs_attrs__:
            if attribute.name != "additional_properties":
                known[attribute.name] = None
        known.update(response.to_dict())
        return known

    @property
    def status(self) -> TranscriptStatus:
        return TranscriptStatus(self._loaded().status.value)

    @property
    def error(self) -> str | None:
        return _plain(self._loaded().error)

    @property
    def text(self) -> str | None:
        return _plain(self._loaded().text)

    @property
    def words(self) -> list[Any] | None:
        return _plain(self._loaded().words)

    @property
    def utterances(self) -> list[Any] | None:
        return _plain(self._loaded().utterances)

    @property
    def confidence(self) -> float | None:
        return _plain(self._loaded().confidence)

    @property
    def audio_duration(self) -> int | None:
        return _plain(self._loaded().audio_duration)

    @property
    def audio_url(self) -> str:
        return self._loaded().audio_url

    @property
    def speech_model(self) -> Any:
        return _plain(self._loaded().speech_model)

    @property
    def speech_model_used(self) -> str | None:
        return _plain(self._loaded().additional_properties.get("speech_model_used"))

    @property
    def translated_texts(self) -> dict[str, str] | None:
        return _plain(self._loaded().additional_properties.get("translated_texts"))

    @property
    def speech_understanding(self) -> Any:
        return _plain(self._loaded().additional_properties.get("speech_understanding"))

    @property
    def summary(self) -> str | None:
        return _plain(self._loaded().summary)

    @property
    def chapters(self) -> list[Any] | None:
        return _plain(self._loaded().chapters)

    @property
    def webhook_status_code(self) -> int | None:
        return _plain(self._loaded().webhook_status_code)

    @property
    def webhook_auth(self) -> bool:
        return self._loaded().webhook_auth

    @property
    def content_safety(self) -> Any:
        response = self._loaded()
        return _unless_unrequested(response.content_safety_labels, response.content_safety)

    @property
    def sentiment_analysis(self) -> list[Any] | None:
        return _plain(self._loaded().sentiment_analysis_results)

    @property
    def entities(self) -> list[Any] | None:
        return _plain(self._loaded().entities)

    @property
    def iab_categories(self) -> Any:
        response = self._loaded()
        return _unless_unrequested(response.iab_categories_result, response.iab_categories)

    @property
    def auto_highlights(self) -> Any:
        return _plain(self._loaded().auto_highlights_result)
