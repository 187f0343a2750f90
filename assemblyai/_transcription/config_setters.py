"""The ``set_*`` methods of ``TranscriptionConfig``: changes that touch several fields at once.

Each method checks every argument it is given before it changes anything, even when the call
disables the feature (a bad value is a mistake either way), so a failed call leaves the config
as it was. Each returns ``self`` so calls chain. Kept apart from :mod:`assemblyai._transcription.config`
(construction) only to keep each module readable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Self

from assemblyai._core.enums import (
    LowLanguageConfidenceAction,
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    SummarizationModel,
    SummarizationType,
    WordBoost,
)
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.validation import (
    check_bool,
    check_enum,
    check_enum_list,
    check_int,
    check_number,
    check_str_list,
)
from assemblyai._transcription.config_fields import TranscriptionConfigFields
from assemblyai._transcription.config_runtime import (
    CustomSpelling,
    coerce_model,
    custom_spelling_entries,
)
from assemblyai._transcription.raw_config import (
    LanguageDetectionOptions,
    RedactPiiAudioOptions,
    SpeakerOptions,
)

__all__ = ["CustomSpelling", "TranscriptionConfigSetters"]


class TranscriptionConfigSetters(TranscriptionConfigFields):
    """The ``set_*`` methods of ``TranscriptionConfig`` (see that class)."""

    __slots__ = ()

    def set_casing_and_formatting(self, enable: bool = True) -> Self:
        """Set ``punctuate`` and ``format_text`` together.

        Args:
            enable: the value for both.

        Returns:
            This config.
        """
        check_bool("enable", enable)
        self.punctuate = enable
        self.format_text = enable
        return self

    def set_speaker_diarization(
        self,
        enable: bool | None = True,
        speakers_expected: int | None = None,
        speaker_options: SpeakerOptions | Mapping[str, Any] | None = None,
    ) -> Self:
        """Turn speaker labels on or off, optionally with the expected number of speakers.

        Args:
            enable: True sets ``speaker_labels``; False clears it and both options; None
                leaves ``speaker_labels`` as it is.
            speakers_expected: the expected number of speakers (>= 1); None leaves it as is.
            speaker_options: bounds on the number of speakers; None leaves them as they are.

        Returns:
            This config.

        Raises:
            ConfigurationError: ``speakers_expected`` or ``speaker_options`` is invalid.
        """
        raw = self._raw
        expected = check_int("speakers_expected", speakers_expected, minimum=1)
        check_bool("speaker_labels", enable)
        options = coerce_model(SpeakerOptions, "speaker_options", speaker_options)
        if enable is not None and not enable:
            raw.speaker_labels = raw.speakers_expected = raw.speaker_options = None
            return self
        if enable:
            raw.speaker_labels = True
        if expected is not None:
            raw.speakers_expected = expected
        if options is not None:
            raw.speaker_options = options
        return self

    def set_webhook(
        self,
        url: str | None,
        auth_header_name: str | None = None,
        auth_header_value: str | None = None,
    ) -> Self:
        """Set (or with ``url=None`` clear) the webhook and its optional auth header.

        Args:
            url: the URL notified when the transcript is done; None clears all three fields.
            auth_header_name: the header name; used only together with the value.
            auth_header_value: the header value; used only together with the name.

        Returns:
            This config.

        Note:
            Without both header parts the header is cleared; 0.45.4 kept an earlier header,
            which was then sent to the new URL.
        """
        raw = self._raw
        raw.webhook_url = url
        if url is not None and auth_header_name and auth_header_value:
            raw.webhook_auth_header_name = auth_header_name
            raw.webhook_auth_header_value = auth_header_value
        else:
            raw.webhook_auth_header_name = raw.webhook_auth_header_value = None
        return self

    def set_audio_slice(self, start: int | None = None, end: int | None = None) -> Self:
        """Transcribe only part of the audio; None clears a bound.

        Args:
            start: where to start, in milliseconds (>= 0).
            end: where to stop, in milliseconds (>= 0, and greater than ``start``).

        Returns:
            This config.

        Raises:
            ConfigurationError: a bound is not a non-negative integer, or ``start >= end``.
        """
        start = check_int("audio_start_from", start, minimum=0)
        end = check_int("audio_end_at", end, minimum=0)
        if start is not None and end is not None and start >= end:
            raise ConfigurationError(
                f"audio_start_from must be less than audio_end_at, got audio_start_from={start} "
                f"and audio_end_at={end}"
            )
        self._raw.audio_start_from = start
        self._raw.audio_end_at = end
        return self

    def set_word_boost(
        self, words: Sequence[str] | None, boost: WordBoost | str | None = WordBoost.default
    ) -> Self:
        """Make some words easier to recognise; no words clears the boost.

        Args:
            words: the words; empty or None clears ``word_boost`` and ``boost_param``.
            boost: how much they weigh; None now means ``WordBoost.default`` (0.45.4 stored
                None, although its signature promised the default).

        Returns:
            This config.

        Raises:
            ConfigurationError: ``words`` is not a list of strings, or ``boost`` is unknown.
        """
        return self._apply_word_boost(words, boost if boost is not None else WordBoost.default)

    def _apply_word_boost(self, words: Sequence[str] | None, boost: WordBoost | str | None) -> Self:
        raw = self._raw
        if not words:
            raw.word_boost = raw.boost_param = None
            return self
        checked_words = check_str_list("word_boost", words)
        raw.boost_param = check_enum("boost_param", boost, WordBoost, strict=True)
        raw.word_boost = checked_words
        return self

    def set_redact_pii(
        self,
        enable: bool | None = True,
        redact_audio: bool | None = None,
        redact_audio_quality: PIIRedactedAudioQuality | str | None = None,
        policies: Sequence[PIIRedactionPolicy | str] | None = None,
        substitution: PIISubstitutionPolicy | str | None = None,
        redact_audio_options: RedactPiiAudioOptions | Mapping[str, Any] | None = None,
        return_unredacted: bool | None = None,
    ) -> Self:
        """Turn PII redaction on (with at least one policy) or off.

        The first five arguments are 0.45.4's, in its order; the official 1.0 added
        ``redact_audio_options`` and ``return_unredacted`` (it put the first of them before
        ``policies``: pass both by keyword to write code that runs on either SDK).

        Args:
            enable: falsy clears all seven ``redact_pii*`` fields.
            redact_audio: also produce redacted audio.
            redact_audio_quality: ``"mp3"`` or ``"wav"``.
            policies: the kinds of information to redact; required when enabling.
            substitution: what redacted text is replaced with.
            redact_audio_options: fine-tuning of the redacted audio (e.g.
                ``override_audio_redaction_method="silence"``); None leaves it as it is.
            return_unredacted: also return the text, words and utterances before redaction
                (``transcript.unredacted_text``...).

        Returns:
            This config.

        Raises:
            ConfigurationError: no policy given while enabling, or an unknown enum value.
        """
        raw = self._raw
        checked_policies = check_enum_list(
            "redact_pii_policies", policies, PIIRedactionPolicy, strict=True
        )
        check_bool("redact_pii", enable)
        check_bool("redact_pii_audio", redact_audio)
        quality = check_enum(
            "redact_pii_audio_quality", redact_audio_quality, PIIRedactedAudioQuality, strict=True
        )
        sub = check_enum("redact_pii_sub", substitution, PIISubstitutionPolicy, strict=True)
        audio_options = coerce_model(
            RedactPiiAudioOptions, "redact_pii_audio_options", redact_audio_options
        )
        check_bool("redact_pii_return_unredacted", return_unredacted)
        if not enable:
            raw.redact_pii = raw.redact_pii_audio = raw.redact_pii_audio_quality = None
            raw.redact_pii_policies = raw.redact_pii_sub = None
            raw.redact_pii_audio_options = raw.redact_pii_return_unredacted = None
            return self
        if not checked_policies:
            raise ConfigurationError(
                f"redact_pii_policies must name at least one PII redaction policy when "
                f"redact_pii is enabled, got {policies!r}"
            )
        raw.redact_pii = True
        raw.redact_pii_audio = redact_audio
        raw.redact_pii_audio_quality = quality
        raw.redact_pii_policies = checked_policies
        raw.redact_pii_sub = sub
        raw.redact_pii_return_unredacted = return_unredacted
        if audio_options is not None:
            raw.redact_pii_audio_options = audio_options
        return self

    def set_content_safety(
        self, enable: bool | None = True, content_safety_confidence: int | None = None
    ) -> Self:
        """Turn content-safety detection on or off.

        Args:
            enable: falsy clears both fields.
            content_safety_confidence: the confidence threshold, 25 to 100; None clears it.

        Returns:
            This config.

        Raises:
            ConfigurationError: the confidence is not an integer from 25 to 100 (checked even
                when disabling: a bad value is a mistake either way).
        """
        raw = self._raw
        confidence = check_int(
            "content_safety_confidence", content_safety_confidence, minimum=25, maximum=100
        )
        check_bool("content_safety", enable)
        if not enable:
            raw.content_safety = raw.content_safety_confidence = None
            return self
        raw.content_safety = True
        raw.content_safety_confidence = confidence
        return self

    def set_custom_spelling(
        self, replacement: CustomSpelling | None, override: bool = True
    ) -> Self:
        """Set custom spellings: ``{"Kubernetes": ["k8s"], "SQL": "Sequel"}``.

        Args:
            replacement: ``{to: from_or_list_of_from}``, or the API's list form
                ``[{"from": [...], "to": ...}]``; None clears the field.
            override: replace the existing spellings (True) or append to them (False).

        Returns:
            This config.

        Raises:
            ConfigurationError: a spelling is malformed (a non-string ``to`` or ``from``).
        """
        raw = self._raw
        entries = custom_spelling_entries(replacement, strict=True)
        check_bool("override", override)
        if entries is None or raw.custom_spelling is None or override:
            raw.custom_spelling = entries
        else:
            raw.custom_spelling = [*raw.custom_spelling, *entries]
        return self

    def set_summarize(
        self,
        enable: bool | None = True,
        model: SummarizationModel | str | None = None,
        type: SummarizationType | str | None = None,  # shadows a builtin: 0.45.4's keyword name
    ) -> Self:
        """Turn summarization on or off; the server picks the model and type when None.

        Args:
            enable: falsy clears ``summarization``, ``summary_model`` and ``summary_type``.
            model: the summarization model.
            type: the summary shape.

        Returns:
            This config.

        Raises:
            ConfigurationError: ``punctuate`` or ``format_text`` is False (summarization needs
                both), or an unknown enum value.
        """
        raw = self._raw
        checked_model = check_enum("summary_model", model, SummarizationModel, strict=True)
        checked_type = check_enum("summary_type", type, SummarizationType, strict=True)
        check_bool("summarization", enable)
        if not enable:
            raw.summarization = raw.summary_model = raw.summary_type = None
            return self
        for name in ("punctuate", "format_text"):
            if getattr(raw, name) is False:
                raise ConfigurationError(
                    f"summarization needs {name}, but {name} is False; "
                    f"leave {name} unset or set it to True"
                )
        raw.summarization = True
        raw.summary_model = checked_model
        raw.summary_type = checked_type
        return self

    def set_language_detection(
        self,
        enable: bool | None = True,
        confidence_threshold: float | None = None,
        expected_languages: Sequence[str] | None = None,
        fallback_language: str | None = None,
        on_low_language_confidence: LowLanguageConfidenceAction | str | None = None,
    ) -> Self:
        """Turn automatic language detection on or off.

        Args:
            enable: falsy clears ``language_detection``, ``language_confidence_threshold`` and
                ``language_detection_options``.
            confidence_threshold: minimum language confidence, 0 to 1; None clears it.
            expected_languages: languages the audio may be in.
            fallback_language: the language to use when detection is unsure.
            on_low_language_confidence: below the threshold, ``"error"`` fails the transcript
                (the API's default) and ``"fallback"`` uses ``fallback_language`` (added by
                the official 1.0).

        Returns:
            This config. ``language_detection_options`` is replaced only when
            ``expected_languages``, ``fallback_language`` or ``on_low_language_confidence``
            is given.

        Raises:
            ConfigurationError: the threshold is not a number from 0 to 1, or an unknown
                ``on_low_language_confidence``.
        """
        raw = self._raw
        threshold = check_number(
            "language_confidence_threshold", confidence_threshold, minimum=0, maximum=1
        )
        languages = check_str_list("expected_languages", expected_languages)
        low_confidence = check_enum(
            "on_low_language_confidence",
            on_low_language_confidence,
            LowLanguageConfidenceAction,
            strict=True,
        )
        check_bool("language_detection", enable)
        if not enable:
            raw.language_detection = raw.language_confidence_threshold = None
            raw.language_detection_options = None
            return self
        options = None
        if languages or fallback_language or low_confidence is not None:
            options = LanguageDetectionOptions(
                expected_languages=languages,
                fallback_language=fallback_language,
                on_low_language_confidence=low_confidence,
            )
        raw.language_detection = True
        raw.language_confidence_threshold = threshold
        if options is not None:
            raw.language_detection_options = options
        return self
