"""The data properties of a transcript, shared by ``Transcript`` and ``AsyncTranscript``.

Both hold a parsed response in ``_response``; everything here reads it and does no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ._config import TranscriptionConfig
from ._enums import TranscriptStatus
from ._generated.rest.types import Unset

if TYPE_CHECKING:
    from ._generated.rest.models.auto_highlights_result import AutoHighlightsResult
    from ._generated.rest.models.chapter import Chapter
    from ._generated.rest.models.content_safety_labels_result import ContentSafetyLabelsResult
    from ._generated.rest.models.entity import Entity
    from ._generated.rest.models.sentiment_analysis_result import SentimentAnalysisResult
    from ._generated.rest.models.speech_model import SpeechModel
    from ._generated.rest.models.speech_understanding_response import (
        SpeechUnderstandingResponse,
    )
    from ._generated.rest.models.topic_detection_model_result import TopicDetectionModelResult
    from ._generated.rest.models.transcript import Transcript as TranscriptResponse
    from ._generated.rest.models.transcript_paragraph import TranscriptParagraph
    from ._generated.rest.models.transcript_sentence import TranscriptSentence
    from ._generated.rest.models.transcript_utterance import TranscriptUtterance
    from ._generated.rest.models.transcript_word import TranscriptWord

__all__ = ["TranscriptData", "plain"]

T = TypeVar("T")


class _ModelResult(Protocol):
    """A model's result block: it says whether the model produced anything."""

    @property
    def status(self) -> object: ...


R = TypeVar("R", bound=_ModelResult)
_UNLOADED = "The internal Transcript object is None."


def plain(value: T | Unset) -> T | None:
    """UNSET (a field the API did not send) reads as None, as it did in 0.45.4."""
    return None if isinstance(value, Unset) else value


def _unless_unrequested(result: R | Unset | None, requested: bool | Unset | None) -> R | None:
    """None for a model result the user did not ask for (the API reports it "unavailable")."""
    result = plain(result)
    if not result:
        return None
    if not plain(requested) and getattr(result.status, "value", None) == "unavailable":
        return None
    return result


class TranscriptData:
    """Read-only views of a loaded transcript response (``ValueError`` when none is loaded)."""

    _response: TranscriptResponse | None
    # The status of the latest poll. Polls parse only the status until the transcript is
    # finished, so this is newer than ``_response`` while waiting; the final poll sets both.
    _last_status: str | None = None

    def _loaded(self) -> TranscriptResponse:
        if self._response is None:
            raise ValueError(_UNLOADED)
        return self._response

    @property
    def config(self) -> TranscriptionConfig:
        """The configuration the transcript was made with, rebuilt from the response."""
        if self._response is None:
            raise ValueError("Cannot access the config: the transcript has not been loaded.")
        return TranscriptionConfig.from_response_fields(self._response.to_dict())

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
    def status(self) -> TranscriptStatus | None:
        """The status of the latest answer: it changes on every poll while waiting."""
        polled = self._last_status
        if polled is not None:
            return TranscriptStatus(polled)
        status = self._loaded().status
        return None if status is None else TranscriptStatus(getattr(status, "value", status))

    @property
    def error(self) -> str | None:
        return plain(self._loaded().error)

    @property
    def text(self) -> str | None:
        return plain(self._loaded().text)

    @property
    def words(self) -> list[TranscriptWord] | None:
        return plain(self._loaded().words)

    @property
    def utterances(self) -> list[TranscriptUtterance] | None:
        return plain(self._loaded().utterances)

    @property
    def confidence(self) -> float | None:
        return plain(self._loaded().confidence)

    @property
    def audio_duration(self) -> int | None:
        return plain(self._loaded().audio_duration)

    @property
    def audio_channels(self) -> int | None:
        """How many audio channels the media had (with multichannel transcription)."""
        return plain(self._loaded().audio_channels)

    @property
    def audio_url(self) -> str | None:
        return self._loaded().audio_url

    @property
    def speech_model(self) -> SpeechModel | None:
        return plain(self._loaded().speech_model)

    @property
    def speech_model_used(self) -> str | None:
        """The speech model that produced the text (when several were allowed)."""
        return plain(self._loaded().speech_model_used)

    @property
    def translated_texts(self) -> dict[str, str] | None:
        """The text translated into each requested language, by language code."""
        return plain(self._loaded().translated_texts)

    @property
    def speech_understanding(self) -> SpeechUnderstandingResponse | None:
        """What speech understanding was asked to do (``request``) and its results (``response``)."""
        return plain(self._loaded().speech_understanding)

    @property
    def summary(self) -> str | None:
        return plain(self._loaded().summary)

    @property
    def chapters(self) -> list[Chapter] | None:
        return plain(self._loaded().chapters)

    @property
    def webhook_status_code(self) -> int | None:
        return plain(self._loaded().webhook_status_code)

    @property
    def webhook_auth(self) -> bool | None:
        return self._loaded().webhook_auth

    @property
    def content_safety(self) -> ContentSafetyLabelsResult | None:
        response = self._loaded()
        return _unless_unrequested(response.content_safety_labels, response.content_safety)

    @property
    def sentiment_analysis(self) -> list[SentimentAnalysisResult] | None:
        return plain(self._loaded().sentiment_analysis_results)

    @property
    def entities(self) -> list[Entity] | None:
        return plain(self._loaded().entities)

    @property
    def iab_categories(self) -> TopicDetectionModelResult | None:
        response = self._loaded()
        return _unless_unrequested(response.iab_categories_result, response.iab_categories)

    @property
    def auto_highlights(self) -> AutoHighlightsResult | None:
        return plain(self._loaded().auto_highlights_result)

    # --- offline rendering (no request) ------------------------------------------------------

    def _word_dicts(self) -> list[dict[str, Any]]:
        words = plain(self._loaded().words) or []
        return [word.to_dict() for word in words]

    def render_subtitles_srt(self, chars_per_caption: int | None = None) -> str:
        """SRT subtitles made locally from the words (no request; the sandbox uses the same rule).

        The API's own export (``export_subtitles_srt``) may split captions differently.
        """
        from ._render import render_srt

        return render_srt(self._word_dicts(), chars_per_caption)

    def render_subtitles_vtt(self, chars_per_caption: int | None = None) -> str:
        """WebVTT subtitles made locally from the words (no request)."""
        from ._render import render_vtt

        return render_vtt(self._word_dicts(), chars_per_caption)

    def render_sentences(self) -> list[TranscriptSentence]:
        """The words grouped into sentences locally (no request), as ``aai.Sentence`` objects."""
        from ._generated.rest.models.transcript_sentence import TranscriptSentence
        from ._render import split_sentences

        return [TranscriptSentence.from_dict(s) for s in split_sentences(self._word_dicts())]

    def render_paragraphs(self) -> list[TranscriptParagraph]:
        """The words grouped into paragraphs locally (no request), as ``aai.Paragraph`` objects."""
        from ._generated.rest.models.transcript_paragraph import TranscriptParagraph
        from ._render import split_paragraphs

        return [TranscriptParagraph.from_dict(p) for p in split_paragraphs(self._word_dicts())]
