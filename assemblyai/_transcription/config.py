"""``TranscriptionConfig``: the friendly, validating view of a ``RawTranscriptionConfig``.

It keeps the constructor, properties and ``set_*`` methods of ``assemblyai`` 0.45.4 and fixes
the bugs listed in the class docstring. The class is assembled from the generated
constructor and field properties (``TranscriptionConfigBase`` in
``assemblyai/_generated/surface/config.py``, one per spec property) and three handwritten
modules, one concern each: the properties with behaviour (:mod:`assemblyai._transcription.config_fields`),
the ``set_*`` methods (:mod:`assemblyai._transcription.config_setters`) and how the constructor's arguments
are applied (here). Every check raises :class:`~assemblyai._core.exceptions.ConfigurationError`,
which is also a ``ValueError``, while the config is built, so no request is sent with a bad
config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Self, TypeVar

from assemblyai._core.enums import (
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
)
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.validation import check_bool
from assemblyai._transcription.config_setters import TranscriptionConfigSetters
from assemblyai._transcription.raw_config import RawTranscriptionConfig

__all__ = ["TranscriptionConfig"]

T = TypeVar("T")

_RAW_FIELDS: tuple[str, ...] = tuple(RawTranscriptionConfig.__fields__)

# Fields the constructor sets together through one set_* method, keyed by the first field.
_GROUP_FIELDS: dict[str, tuple[str, ...]] = {
    "webhook_url": ("webhook_url", "webhook_auth_header_name", "webhook_auth_header_value"),
    "audio_start_from": ("audio_start_from", "audio_end_at"),
    "word_boost": ("word_boost", "boost_param"),
    "redact_pii": (
        "redact_pii",
        "redact_pii_audio",
        "redact_pii_audio_quality",
        "redact_pii_policies",
        "redact_pii_sub",
        "redact_pii_return_unredacted",
    ),
    "speaker_labels": ("speaker_labels", "speakers_expected", "speaker_options"),
    "content_safety": ("content_safety", "content_safety_confidence"),
    "custom_spelling": ("custom_spelling",),
    "summarization": ("summarization", "summary_model", "summary_type"),
}
_GROUP_OF: dict[str, tuple[str, ...]] = {
    name: group for group in _GROUP_FIELDS.values() for name in group
}


def _is_read_only(name: str) -> bool:
    # A generated read-only property without a group (e.g. language_codes) is set on the raw
    # config directly, where its converter checks it.
    prop = getattr(TranscriptionConfigSetters, name, None)
    return isinstance(prop, property) and prop.fset is None


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

    # The constructor's signature and docs are generated (TranscriptionConfigBase.__init__,
    # one typed keyword per spec property); it hands every argument to _init_config.

    def _init_config(self, raw: RawTranscriptionConfig | None, given: dict[str, Any]) -> None:
        # Arguments are applied in 0.45.4's order (punctuate and format_text are in place
        # before the summarization and auto_chapters checks read them). Fields that change
        # together go through their set_* method once, at the place of the group's first field;
        # an argument left at None keeps the raw value.
        self._raw = raw if raw is not None else RawTranscriptionConfig()
        done: set[str] = set()
        for name, value in given.items():
            if name in done:
                continue
            group = _GROUP_OF.get(name)
            if group is not None:
                done.update(group)
                self._apply_group(group[0], given)
            elif value is not None and _is_read_only(name):
                setattr(self._raw, name, value)  # the raw field's converter checks it
            else:
                self._assign(name, value)

    def _apply_group(self, first: str, given: dict[str, Any]) -> None:
        raw = self._raw
        if first == "webhook_url":
            url, name, value = (given.get(n) for n in _GROUP_FIELDS[first])
            if (url, name, value) != (None,) * 3:
                self.set_webhook(
                    _pick(url, raw.webhook_url),
                    _pick(name, raw.webhook_auth_header_name),
                    _pick(value, raw.webhook_auth_header_value),
                )
        elif first == "audio_start_from":
            start, end = (given.get(n) for n in _GROUP_FIELDS[first])
            if start is not None or end is not None:
                self.set_audio_slice(
                    _pick(start, raw.audio_start_from), _pick(end, raw.audio_end_at)
                )
        elif first == "word_boost":
            words, boost = (given.get(n) for n in _GROUP_FIELDS[first])
            if words or boost is not None:
                # Not set_word_boost(): through the constructor 0.45.4 sends no boost_param
                # unless one was given, and that is kept.
                self._apply_word_boost(words or raw.word_boost, _pick(boost, raw.boost_param))
        elif first == "redact_pii":
            self._init_redact_pii(*(given.get(n) for n in _GROUP_FIELDS[first]))
        elif first == "speaker_labels":
            labels, expected, options = (given.get(n) for n in _GROUP_FIELDS[first])
            if (labels, expected, options) != (None,) * 3:
                self.set_speaker_diarization(labels, expected, options)
        elif first == "content_safety":
            enable, confidence = (given.get(n) for n in _GROUP_FIELDS[first])
            if enable is not None or confidence is not None:
                self.set_content_safety(
                    _pick(enable, raw.content_safety),
                    _pick(confidence, raw.content_safety_confidence),
                )
        elif first == "custom_spelling":
            if given.get(first) is not None:
                self.set_custom_spelling(given[first], override=True)
        elif first == "summarization":
            enable, model, shape = (given.get(n) for n in _GROUP_FIELDS[first])
            if (enable, model, shape) != (None,) * 3:
                self.set_summarize(
                    _pick(enable, raw.summarization),
                    _pick(model, raw.summary_model),
                    _pick(shape, raw.summary_type),
                )

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
        return_unredacted: bool | None,
    ) -> None:
        check_bool("redact_pii", enable)
        check_bool("redact_pii_audio", audio)
        check_bool("redact_pii_return_unredacted", return_unredacted)
        raw = self._raw
        options = {
            "redact_pii_audio": audio,
            "redact_pii_audio_quality": quality,
            "redact_pii_policies": policies,
            "redact_pii_sub": substitution,
            "redact_pii_return_unredacted": return_unredacted,
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
            return_unredacted=_pick(return_unredacted, raw.redact_pii_return_unredacted),
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
