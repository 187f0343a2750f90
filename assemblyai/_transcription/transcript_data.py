"""The data properties of a transcript, shared by ``Transcript`` and ``AsyncTranscript``.

Both hold a parsed response in ``_response``; everything here reads it and does no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from assemblyai._core.enums import TranscriptStatus
from assemblyai._generated.rest.types import Unset
from assemblyai._generated.surface.transcript import TranscriptAttributes
from assemblyai._transcription.config import TranscriptionConfig

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.content_safety_labels_result import (
        ContentSafetyLabelsResult,
    )
    from assemblyai._generated.rest.models.topic_detection_model_result import (
        TopicDetectionModelResult,
    )
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
    from assemblyai._generated.rest.models.transcript_paragraph import TranscriptParagraph
    from assemblyai._generated.rest.models.transcript_sentence import TranscriptSentence

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


class TranscriptData(TranscriptAttributes):
    """Read-only views of a loaded transcript response (``ValueError`` when none is loaded).

    The attributes that only read a field are generated from the spec's ``Transcript``
    (:class:`~assemblyai._generated.surface.transcript.TranscriptAttributes`); this class
    adds those whose reading has behaviour (``status``, ``config``, ``content_safety``...).
    """

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
        from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse

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
    def content_safety(self) -> ContentSafetyLabelsResult | None:
        response = self._loaded()
        return _unless_unrequested(response.content_safety_labels, response.content_safety)

    @property
    def iab_categories(self) -> TopicDetectionModelResult | None:
        response = self._loaded()
        return _unless_unrequested(response.iab_categories_result, response.iab_categories)

    # --- offline rendering (no request) ------------------------------------------------------

    def _word_dicts(self) -> list[dict[str, Any]]:
        words = plain(self._loaded().words) or []
        return [word.to_dict() for word in words]

    def render_subtitles_srt(self, chars_per_caption: int | None = None) -> str:
        """SRT subtitles made locally from the words (no request; the sandbox uses the same rule).

        The API's own export (``export_subtitles_srt``) may split captions differently.
        """
        from assemblyai._core.render import render_srt

        return render_srt(self._word_dicts(), chars_per_caption)

    def render_subtitles_vtt(self, chars_per_caption: int | None = None) -> str:
        """WebVTT subtitles made locally from the words (no request)."""
        from assemblyai._core.render import render_vtt

        return render_vtt(self._word_dicts(), chars_per_caption)

    def render_sentences(self) -> list[TranscriptSentence]:
        """The words grouped into sentences locally (no request), as ``aai.Sentence`` objects."""
        from assemblyai._core.render import split_sentences
        from assemblyai._generated.rest.models.transcript_sentence import TranscriptSentence

        return [TranscriptSentence.from_dict(s) for s in split_sentences(self._word_dicts())]

    def render_paragraphs(self) -> list[TranscriptParagraph]:
        """The words grouped into paragraphs locally (no request), as ``aai.Paragraph`` objects."""
        from assemblyai._core.render import split_paragraphs
        from assemblyai._generated.rest.models.transcript_paragraph import TranscriptParagraph

        return [TranscriptParagraph.from_dict(p) for p in split_paragraphs(self._word_dicts())]
