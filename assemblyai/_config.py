"""``TranscriptionConfig``: the friendly, validating view of a ``RawTranscriptionConfig``.

It keeps the constructor, properties and ``set_*`` methods of ``assemblyai`` 0.45.4 and fixes
the bugs listed in the class docstring. The class is assembled from three modules, one concern
each: the field properties (:mod:`assemblyai._config_fields`), the ``set_*`` methods
(:mod:`assemblyai._config_setters`) and construction (here). Every check raises :class:`~assemblyai._exceptions.ConfigurationError`, which is also
a ``ValueError``, while the config is built, so no request is sent with a bad config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Self, TypeVar

from assemblyai._config_setters import CustomSpelling, TranscriptionConfigSetters
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
)
from assemblyai._validation import check_bool, check_str_list

__all__ = ["TranscriptionConfig"]

T = TypeVar("T")

_RAW_FIELDS: tuple[str, ...] = tuple(RawTranscriptionConfig.__fields__)


def _pick(given: T | None, current: T | None) -> T | None:
    # The constructor's merge rule: an argument that was passed wins, None keeps the raw value.
    return given if given is not None else current


class TranscriptionConfig(TranscriptionConfigSetters):
    """Options for a transcription, with the constructor and setters of ``assemblyai`` 0.45.4.

    Example:
        ```python
        config = aai.TranscriptionConfig(speaker_labels=True, speakers_expected=2)
        config.set_redact_pii(policies=[aai.PIIRedactionPolicy.person_name])
        transcript = aai.Transcriber(config=config).transcribe(url)
        ```

    Differences from 0.45.4 (all are fixes; see also the property and method docstrings):

    * ``raw_transcription_config`` is no longer wiped. An argument that is not None overrides
      the raw value; an argument left at None keeps the raw value (0.45.4 reset most of them).
      Without a raw config the result is the same as in 0.45.4.
    * ``language_codes=`` is accepted (keyword only), and ``custom_spelling`` may be given in
      the API's list form, so :meth:`from_response_fields` can rebuild any transcript's config.
    * ``redact_pii_audio``, ``redact_pii_audio_quality``, ``redact_pii_policies`` or
      ``redact_pii_sub`` given without ``redact_pii=True`` raise instead of being dropped.
    * Values are checked when set: enum strings must be known values (an enum instance such as
      ``SpeechModel("new-model")``, or ``config.raw``, sends values newer than this SDK), and
      counts, confidences, thresholds and the audio slice must be in range.
    * Boolean fields take True, False or None only, everywhere (constructor, properties,
      ``set_*`` methods, ``raw``): ``speaker_labels="false"`` no longer sends ``true``.
    * ``set_word_boost(words, boost=None)`` uses ``WordBoost.default``; ``set_webhook(url)``
      without a header pair clears the old header; ``custom_spelling`` on an empty list is
      ``{}``. Unknown raw fields are sent with the request.

    Raises:
        ConfigurationError: an argument is invalid (also a ``ValueError``).
    """

    __slots__ = ()

    def __init__(
        self,
        language_code: str | None = None,
        punctuate: bool | None = None,
        format_text: bool | None = None,
        dual_channel: bool | None = None,
        multichannel: bool | None = None,
        webhook_url: str | None = None,
        webhook_auth_header_name: str | None = None,
        webhook_auth_header_value: str | None = None,
        audio_start_from: int | None = None,
        audio_end_at: int | None = None,
        word_boost: Sequence[str] | None = (),
        boost_param: WordBoost | str | None = None,
        filter_profanity: bool | None = None,
        redact_pii: bool | None = None,
        redact_pii_audio: bool | None = None,
        redact_pii_audio_quality: PIIRedactedAudioQuality | str | None = None,
        redact_pii_policies: Sequence[PIIRedactionPolicy | str] | None = None,
        redact_pii_sub: PIISubstitutionPolicy | str | None = None,
        speaker_labels: bool | None = None,
        speakers_expected: int | None = None,
        speaker_options: SpeakerOptions | Mapping[str, Any] | None = None,
        content_safety: bool | None = None,
        content_safety_confidence: int | None = None,
        iab_categories: bool | None = None,
        custom_spelling: CustomSpelling | None = None,
        disfluencies: bool | None = None,
        sentiment_analysis: bool | None = None,
        auto_chapters: bool | None = None,
        entity_detection: bool | None = None,
        summarization: bool | None = None,
        summary_model: SummarizationModel | str | None = None,
        summary_type: SummarizationType | str | None = None,
        auto_highlights: bool | None = None,
        language_detection: bool | None = None,
        language_confidence_threshold: float | None = None,
        language_detection_options: LanguageDetectionOptions | Mapping[str, Any] | None = None,
        speech_threshold: float | None = None,
        raw_transcription_config: RawTranscriptionConfig | None = None,
        speech_model: SpeechModel | str | None = None,
        speech_models: Sequence[str] | None = None,
        prompt: str | None = None,
        keyterms_prompt: Sequence[str] | None = None,
        speech_understanding: SpeechUnderstandingRequest | Mapping[str, Any] | None = None,
        *,
        language_codes: Sequence[str] | None = None,
    ) -> None:
        """Build the config; each argument goes through its property or ``set_*`` method.

        Every argument is optional and sets the :class:`RawTranscriptionConfig` field of the
        same name; None (and an empty ``word_boost``) means "not given", which leaves the
        field of ``raw_transcription_config`` as it is. Grouped fields are merged first and
        then set together, so ``webhook_url="..."`` with a raw config that has a header keeps
        that header.

        Args:
            language_code: the audio's language, e.g. ``"en_us"``.
            punctuate: add punctuation.
            format_text: format casing and numbers.
            dual_channel: deprecated; use ``multichannel``.
            multichannel: transcribe each channel separately.
            webhook_url: the URL notified when the transcript is done.
            webhook_auth_header_name: a header sent with the webhook (needs the value too).
            webhook_auth_header_value: that header's value.
            audio_start_from: where to start, in milliseconds (>= 0).
            audio_end_at: where to stop, in milliseconds (> ``audio_start_from``).
            word_boost: words to recognise more readily (the default is an empty tuple,
                which, like ``[]``, means none).
            boost_param: how much they weigh; only sent together with ``word_boost``.
            filter_profanity: mask profanity.
            redact_pii: redact personal information (needs ``redact_pii_policies``).
            redact_pii_audio: also produce redacted audio (needs ``redact_pii=True``).
            redact_pii_audio_quality: ``"mp3"`` or ``"wav"`` (needs ``redact_pii=True``).
            redact_pii_policies: the kinds of information to redact.
            redact_pii_sub: what redacted text is replaced with.
            speaker_labels: label speakers.
            speakers_expected: the expected number of speakers (>= 1).
            speaker_options: bounds on the number of speakers (a model or a dict).
            content_safety: detect sensitive content.
            content_safety_confidence: its confidence threshold, 25 to 100.
            iab_categories: detect topics.
            custom_spelling: ``{to: from_or_list}`` or ``[{"from": [...], "to": ...}]``.
            disfluencies: keep filler words.
            sentiment_analysis: run sentiment analysis.
            auto_chapters: summarize in chapters (needs ``punctuate`` not False).
            entity_detection: detect entities.
            summarization: summarize (needs ``punctuate`` and ``format_text`` not False).
            summary_model: the summarization model.
            summary_type: the summary shape.
            auto_highlights: detect key phrases.
            language_detection: detect the language.
            language_confidence_threshold: minimum language confidence, 0 to 1.
            language_detection_options: expected languages and a fallback.
            speech_threshold: minimum fraction of speech, 0 to 1.
            raw_transcription_config: a raw config to start from; it becomes :attr:`raw`
                (not copied) and the other arguments are written into it.
            speech_model: the speech model.
            speech_models: speech models to try, in order.
            prompt: a prompt for the speech model.
            keyterms_prompt: words and phrases to expect.
            speech_understanding: speech-understanding features (a model or a dict).
            language_codes: languages for code switching (new; keyword only).

        Raises:
            ConfigurationError: an argument is invalid or contradicts another.
        """
        if raw_transcription_config is None:
            raw_transcription_config = RawTranscriptionConfig()
        self._raw = raw = raw_transcription_config
        # The order below is 0.45.4's: punctuate and format_text are in place before the
        # summarization and auto_chapters checks read them.
        self._assign("language_code", language_code)
        self._assign("punctuate", punctuate)
        self._assign("format_text", format_text)
        self._assign("dual_channel", dual_channel)
        self._assign("multichannel", multichannel)
        if (webhook_url, webhook_auth_header_name, webhook_auth_header_value) != (None,) * 3:
            self.set_webhook(
                _pick(webhook_url, raw.webhook_url),
                _pick(webhook_auth_header_name, raw.webhook_auth_header_name),
                _pick(webhook_auth_header_value, raw.webhook_auth_header_value),
            )
        if audio_start_from is not None or audio_end_at is not None:
            self.set_audio_slice(
                _pick(audio_start_from, raw.audio_start_from),
                _pick(audio_end_at, raw.audio_end_at),
            )
        if word_boost or boost_param is not None:
            # Not set_word_boost(): through the constructor 0.45.4 sends no boost_param
            # unless one was given, and that is kept.
            self._apply_word_boost(
                word_boost or raw.word_boost, _pick(boost_param, raw.boost_param)
            )
        self._assign("filter_profanity", filter_profanity)
        self._init_redact_pii(
            redact_pii,
            redact_pii_audio,
            redact_pii_audio_quality,
            redact_pii_policies,
            redact_pii_sub,
        )
        if (speaker_labels, speakers_expected, speaker_options) != (None,) * 3:
            self.set_speaker_diarization(speaker_labels, speakers_expected, speaker_options)
        if content_safety is not None or content_safety_confidence is not None:
            self.set_content_safety(
                _pick(content_safety, raw.content_safety),
                _pick(content_safety_confidence, raw.content_safety_confidence),
            )
        self._assign("iab_categories", iab_categories)
        if custom_spelling is not None:
            self.set_custom_spelling(custom_spelling, override=True)
        self._assign("disfluencies", disfluencies)
        self._assign("sentiment_analysis", sentiment_analysis)
        self._assign("auto_chapters", auto_chapters)
        self._assign("entity_detection", entity_detection)
        if (summarization, summary_model, summary_type) != (None,) * 3:
            self.set_summarize(
                _pick(summarization, raw.summarization),
                _pick(summary_model, raw.summary_model),
                _pick(summary_type, raw.summary_type),
            )
        self._assign("auto_highlights", auto_highlights)
        self._assign("language_detection", language_detection)
        self._assign("language_confidence_threshold", language_confidence_threshold)
        self._assign("language_detection_options", language_detection_options)
        self._assign("speech_threshold", speech_threshold)
        self._assign("speech_model", speech_model)
        self._assign("speech_models", speech_models)
        self._assign("prompt", prompt)
        self._assign("keyterms_prompt", keyterms_prompt)
        self._assign("speech_understanding", speech_understanding)
        if language_codes is not None:
            raw.language_codes = check_str_list("language_codes", language_codes)

    def _assign(self, name: str, value: object) -> None:
        # Through the property, so its validation runs; None keeps the raw value.
        if value is not None:
            setattr(self, name, value)

    def _init_redact_pii(
        self,
        enable: bool | None,
        audio: bool | None,
        quality: PIIRedactedAudioQuality | str | None,
        policies: Sequence[PIIRedactionPolicy | str] | None,
        substitution: PIISubstitutionPolicy | str | None,
    ) -> None:
        check_bool("redact_pii", enable)
        check_bool("redact_pii_audio", audio)
        raw = self._raw
        options = {
            "redact_pii_audio": audio,
            "redact_pii_audio_quality": quality,
            "redact_pii_policies": policies,
            "redact_pii_sub": substitution,
        }
        if enable is None and all(v is None for v in options.values()):
            return
        if not _pick(enable, raw.redact_pii):
            # 0.45.4 dropped these silently, so a caller believed audio was being redacted.
            orphans = [f"{k}={v!r}" for k, v in options.items() if v is not None and v is not False]
            if orphans:
                raise ConfigurationError(
                    f"{', '.join(orphans)} needs redact_pii=True (got redact_pii={enable!r}); "
                    "enable PII redaction with redact_pii=True and redact_pii_policies=[...]"
                )
        self.set_redact_pii(
            _pick(enable, raw.redact_pii),
            _pick(audio, raw.redact_pii_audio),
            _pick(quality, raw.redact_pii_audio_quality),
            _pick(policies, raw.redact_pii_policies),
            _pick(substitution, raw.redact_pii_sub),
        )

    @property
    def raw(self) -> RawTranscriptionConfig:
        """The underlying :class:`RawTranscriptionConfig` (the same object, not a copy)."""
        return self._raw

    def __repr__(self) -> str:
        return f"{type(self).__name__}(raw_transcription_config={self._raw!r})"

    @classmethod
    def from_response_fields(cls, data: Mapping[str, Any]) -> Self:
        """Rebuild the config a transcript was requested with from the transcript's JSON.

        Only keys that are :class:`RawTranscriptionConfig` field names are used; None values
        are skipped. The values are written into the raw config as the server sent them, without
        the checks of the properties and ``set_*`` methods, so this never fails on values such
        as ``language_codes``, list-form ``custom_spelling``, ``redact_pii=True`` without
        policies or an enum value newer than this SDK (0.45.4 raised ``TypeError``,
        ``AttributeError`` or ``ValueError`` there). A value that cannot even be converted (a
        malformed nested object) is kept exactly as sent.

        Args:
            data: the transcript response, as parsed JSON.

        Returns:
            A new config whose ``raw.to_request_json()`` requests the same options.
        """
        raw = RawTranscriptionConfig()
        for name in _RAW_FIELDS:
            value = data.get(name)
            if value is None:
                continue
            try:
                setattr(raw, name, value)
            except ConfigurationError:
                # Bypass the converter: keeping the server's value beats failing the caller.
                object.__setattr__(raw, name, value)
        return cls(raw_transcription_config=raw)
