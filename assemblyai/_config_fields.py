"""The field properties of ``TranscriptionConfig``: one per ``RawTranscriptionConfig`` field.

Kept apart from :mod:`assemblyai._config` (constructor and ``set_*`` methods) only to keep each
module readable. The split follows 0.45.4's surface:

* read/write properties pass straight through to the raw config, validating where a value has
  a known shape (enum values, ranges);
* read-only properties belong to fields that must change together, through a ``set_*`` method
  (``webhook_url`` through ``set_webhook()``, and so on).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assemblyai._enums import (
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    SpeechModel,
    SummarizationModel,
    SummarizationType,
    WordBoost,
)
from assemblyai._exceptions import ConfigurationError
from assemblyai._raw_config import (
    LanguageDetectionOptions,
    RawTranscriptionConfig,
    SpeakerOptions,
    SpeechUnderstandingRequest,
    coerce_model,
)
from assemblyai._validation import check_bool, check_enum, check_number, check_str_list, fail

__all__ = ["TranscriptionConfigFields"]


class TranscriptionConfigFields:
    """Base of ``TranscriptionConfig`` holding the raw config and its field properties."""

    __slots__ = ("_raw",)

    _raw: RawTranscriptionConfig

    # -- read/write -------------------------------------------------------------------------

    @property
    def language_code(self) -> str | None:
        """The language of the audio, e.g. ``"en_us"`` (a plain string or ``LanguageCode``)."""
        return self._raw.language_code

    @language_code.setter
    def language_code(self, value: str | None) -> None:
        if value is not None and not isinstance(value, str):
            raise fail("language_code", value, 'a language code string such as "en_us"')
        self._raw.language_code = value

    @property
    def punctuate(self) -> bool | None:
        """Add punctuation."""
        return self._raw.punctuate

    @punctuate.setter
    def punctuate(self, value: bool | None) -> None:
        self._raw.punctuate = value

    @property
    def format_text(self) -> bool | None:
        """Format the text (casing, numbers)."""
        return self._raw.format_text

    @format_text.setter
    def format_text(self, value: bool | None) -> None:
        self._raw.format_text = value

    @property
    def dual_channel(self) -> bool | None:
        """Deprecated by the API in favour of ``multichannel``."""
        return self._raw.dual_channel

    @dual_channel.setter
    def dual_channel(self, value: bool | None) -> None:
        self._raw.dual_channel = value

    @property
    def multichannel(self) -> bool | None:
        """Transcribe each audio channel separately."""
        return self._raw.multichannel

    @multichannel.setter
    def multichannel(self, value: bool | None) -> None:
        self._raw.multichannel = value

    @property
    def filter_profanity(self) -> bool | None:
        """Replace profanity with asterisks."""
        return self._raw.filter_profanity

    @filter_profanity.setter
    def filter_profanity(self, value: bool | None) -> None:
        self._raw.filter_profanity = value

    @property
    def iab_categories(self) -> bool | None:
        """Detect topics (IAB categories)."""
        return self._raw.iab_categories

    @iab_categories.setter
    def iab_categories(self, value: bool | None) -> None:
        self._raw.iab_categories = value

    @property
    def disfluencies(self) -> bool | None:
        """Keep filler words ("um", "uh")."""
        return self._raw.disfluencies

    @disfluencies.setter
    def disfluencies(self, value: bool | None) -> None:
        self._raw.disfluencies = value

    @property
    def sentiment_analysis(self) -> bool | None:
        """Run sentiment analysis."""
        return self._raw.sentiment_analysis

    @sentiment_analysis.setter
    def sentiment_analysis(self, value: bool | None) -> None:
        self._raw.sentiment_analysis = value

    @property
    def auto_chapters(self) -> bool | None:
        """Summarize the audio in chapters; needs punctuation (``punctuate`` not False).

        Raises:
            ConfigurationError: on assigning a truthy value while ``punctuate`` is False.
        """
        return self._raw.auto_chapters

    @auto_chapters.setter
    def auto_chapters(self, value: bool | None) -> None:
        check_bool("auto_chapters", value)
        if value and self._raw.punctuate is False:
            raise ConfigurationError(
                f"auto_chapters={value!r} needs punctuation, but punctuate is False; "
                "leave punctuate unset or set it to True"
            )
        self._raw.auto_chapters = value

    @property
    def entity_detection(self) -> bool | None:
        """Detect entities."""
        return self._raw.entity_detection

    @entity_detection.setter
    def entity_detection(self, value: bool | None) -> None:
        self._raw.entity_detection = value

    @property
    def auto_highlights(self) -> bool | None:
        """Detect key phrases."""
        return self._raw.auto_highlights

    @auto_highlights.setter
    def auto_highlights(self, value: bool | None) -> None:
        self._raw.auto_highlights = value

    @property
    def language_detection(self) -> bool | None:
        """Detect the language of the audio (see also ``set_language_detection()``)."""
        return self._raw.language_detection

    @language_detection.setter
    def language_detection(self, value: bool | None) -> None:
        self._raw.language_detection = value

    @property
    def language_confidence_threshold(self) -> float | None:
        """Fail the transcript below this language-detection confidence (0 to 1).

        Raises:
            ConfigurationError: on assigning a value that is not a number between 0 and 1.
        """
        return self._raw.language_confidence_threshold

    @language_confidence_threshold.setter
    def language_confidence_threshold(self, value: float | None) -> None:
        self._raw.language_confidence_threshold = check_number(
            "language_confidence_threshold", value, minimum=0, maximum=1
        )

    @property
    def language_detection_options(self) -> LanguageDetectionOptions | None:
        """Expected languages and a fallback for language detection (a model or a dict)."""
        return self._raw.language_detection_options

    @language_detection_options.setter
    def language_detection_options(
        self, value: LanguageDetectionOptions | Mapping[str, Any] | None
    ) -> None:
        self._raw.language_detection_options = coerce_model(
            LanguageDetectionOptions, "language_detection_options", value
        )

    @property
    def speech_threshold(self) -> float | None:
        """Reject audio with less speech than this fraction (0 to 1).

        Raises:
            ConfigurationError: on assigning a value that is not a number between 0 and 1.
        """
        return self._raw.speech_threshold

    @speech_threshold.setter
    def speech_threshold(self, value: float | None) -> None:
        self._raw.speech_threshold = check_number("speech_threshold", value, minimum=0, maximum=1)

    @property
    def speech_model(self) -> SpeechModel | None:
        """The speech model.

        Raises:
            ConfigurationError: on assigning a string that is not a known ``SpeechModel`` value
                (pass ``SpeechModel("new-value")`` to send a value newer than this SDK).
        """
        return self._raw.speech_model

    @speech_model.setter
    def speech_model(self, value: SpeechModel | str | None) -> None:
        self._raw.speech_model = check_enum("speech_model", value, SpeechModel, strict=True)

    @property
    def speech_models(self) -> list[str] | None:
        """Speech models to try, in order of preference."""
        return self._raw.speech_models

    @speech_models.setter
    def speech_models(self, value: Sequence[str] | None) -> None:
        self._raw.speech_models = check_str_list("speech_models", value)

    @property
    def prompt(self) -> str | None:
        """A prompt for the speech model."""
        return self._raw.prompt

    @prompt.setter
    def prompt(self, value: str | None) -> None:
        self._raw.prompt = value

    @property
    def keyterms_prompt(self) -> list[str] | None:
        """Words and phrases the speech model should expect."""
        return self._raw.keyterms_prompt

    @keyterms_prompt.setter
    def keyterms_prompt(self, value: Sequence[str] | None) -> None:
        self._raw.keyterms_prompt = check_str_list("keyterms_prompt", value)

    @property
    def speech_understanding(self) -> SpeechUnderstandingRequest | None:
        """Speech-understanding features to run (a model or a dict)."""
        return self._raw.speech_understanding

    @speech_understanding.setter
    def speech_understanding(
        self, value: SpeechUnderstandingRequest | Mapping[str, Any] | None
    ) -> None:
        self._raw.speech_understanding = coerce_model(
            SpeechUnderstandingRequest, "speech_understanding", value
        )

    # -- read-only (change them with the set_* methods) -------------------------------------

    @property
    def webhook_url(self) -> str | None:
        """The URL notified when the transcript is done (``set_webhook()``)."""
        return self._raw.webhook_url

    @property
    def webhook_auth_header_name(self) -> str | None:
        """The name of the header sent with the webhook (``set_webhook()``)."""
        return self._raw.webhook_auth_header_name

    @property
    def webhook_auth_header_value(self) -> str | None:
        """The value of the header sent with the webhook (``set_webhook()``)."""
        return self._raw.webhook_auth_header_value

    @property
    def audio_start_from(self) -> int | None:
        """Where transcription starts, in milliseconds (``set_audio_slice()``)."""
        return self._raw.audio_start_from

    @property
    def audio_end_at(self) -> int | None:
        """Where transcription ends, in milliseconds (``set_audio_slice()``)."""
        return self._raw.audio_end_at

    @property
    def word_boost(self) -> list[str] | None:
        """Words to recognise more readily (``set_word_boost()``)."""
        return self._raw.word_boost

    @property
    def boost_param(self) -> WordBoost | None:
        """How much ``word_boost`` weighs (``set_word_boost()``)."""
        return self._raw.boost_param

    @property
    def redact_pii(self) -> bool | None:
        """Redact personal information from the text (``set_redact_pii()``)."""
        return self._raw.redact_pii

    @property
    def redact_pii_audio(self) -> bool | None:
        """Also produce redacted audio (``set_redact_pii()``)."""
        return self._raw.redact_pii_audio

    @property
    def redact_pii_audio_quality(self) -> PIIRedactedAudioQuality | None:
        """The format of the redacted audio (``set_redact_pii()``)."""
        return self._raw.redact_pii_audio_quality

    @property
    def redact_pii_policies(self) -> list[PIIRedactionPolicy] | None:
        """The kinds of information to redact (``set_redact_pii()``)."""
        return self._raw.redact_pii_policies

    @property
    def redact_pii_sub(self) -> PIISubstitutionPolicy | None:
        """What redacted text is replaced with (``set_redact_pii()``)."""
        return self._raw.redact_pii_sub

    @property
    def speaker_labels(self) -> bool | None:
        """Label speakers (``set_speaker_diarization()``)."""
        return self._raw.speaker_labels

    @property
    def speakers_expected(self) -> int | None:
        """The expected number of speakers (``set_speaker_diarization()``)."""
        return self._raw.speakers_expected

    @property
    def speaker_options(self) -> SpeakerOptions | None:
        """Bounds on the number of speakers (``set_speaker_diarization()``)."""
        return self._raw.speaker_options

    @property
    def content_safety(self) -> bool | None:
        """Detect sensitive content (``set_content_safety()``)."""
        return self._raw.content_safety

    @property
    def content_safety_confidence(self) -> int | None:
        """The confidence threshold for content safety, 25 to 100 (``set_content_safety()``)."""
        return self._raw.content_safety_confidence

    @property
    def custom_spelling(self) -> dict[str, list[str]] | None:
        """Custom spellings as ``{to: [from, ...]}`` (``set_custom_spelling()``).

        A new dict each time; None when unset and ``{}`` for an empty list (0.45.4 raised
        ``UnboundLocalError``). Entries that share a ``to`` value are merged into one list
        (0.45.4 kept only the last one).

        Raises:
            ConfigurationError: an entry is not a dict or its ``to`` value is not a string.
        """
        entries = self._raw.custom_spelling
        if entries is None:
            return None
        spellings: dict[str, list[str]] = {}
        for entry in entries:
            if not isinstance(entry, Mapping):
                raise fail("custom_spelling entry", entry, 'a dict like {"from": [...], "to": ...}')
            to, source = entry.get("to"), entry.get("from")
            if not isinstance(to, str):
                raise fail("custom_spelling 'to' value", to, "a string")
            sources = [source] if isinstance(source, str) else list(source or ())
            spellings.setdefault(to, []).extend(sources)
        return spellings

    @property
    def summarization(self) -> bool | None:
        """Summarize the transcript (``set_summarize()``)."""
        return self._raw.summarization

    @property
    def summary_model(self) -> SummarizationModel | None:
        """The summarization model (``set_summarize()``)."""
        return self._raw.summary_model

    @property
    def summary_type(self) -> SummarizationType | None:
        """The summary shape (``set_summarize()``)."""
        return self._raw.summary_type

    @property
    def language_codes(self) -> list[str] | None:
        """Languages for code switching (constructor ``language_codes=`` or ``raw``)."""
        return self._raw.language_codes
