"""The request-side configuration models: ``RawTranscriptionConfig`` and its option models.

``RawTranscriptionConfig`` and the option models of the spec's inline objects
(``SpeakerOptions``, ``LanguageDetectionOptions``, ...) are generated from the spec
(``assemblyai/_generated/surface/config.py``); their behaviour is in
:mod:`assemblyai._transcription.config_runtime`. The ``speech_understanding`` request models are handwritten
(:mod:`assemblyai._transcription.config_speech_understanding`). All are attrs classes with
:class:`~assemblyai._core.compat.ModelCompat`, so ``.dict()``, ``.json()`` and ``parse_obj()`` work.

``RawTranscriptionConfig`` is the escape hatch: it converts plain values (strings to enums,
dicts to option models) but accepts any string for an enum field, and it keeps *and sends*
fields it does not know, so a parameter the API added after this release can be used::

    raw = RawTranscriptionConfig(punctuate=True, some_new_param={"x": 1})
    raw.speech_model = "a-future-model"
    raw.to_request_json()
    # {"punctuate": True, "speech_model": "a-future-model", "some_new_param": {"x": 1}}
"""

from __future__ import annotations

import attrs

from assemblyai._generated.surface.config import *  # noqa: F403
from assemblyai._generated.surface.config import (
    KeytermsPromptOptions,
    LanguageDetectionOptions,
    RawTranscriptionConfig,
    RedactPiiAudioOptions,
    SpeakerOptions,
)
from assemblyai._transcription.config_runtime import coerce_model, custom_spelling_entries
from assemblyai._transcription.config_speech_understanding import (
    CustomFormattingRequest,
    SpeakerIdentificationRequest,
    SpeechUnderstandingFeatureRequests,
    SpeechUnderstandingRequest,
    TranslationRequest,
)

# The star import also brings the option models of inline objects added to the spec later.
__all__ = [
    "CustomFormattingRequest",
    "KeytermsPromptOptions",
    "LanguageDetectionOptions",
    "RawTranscriptionConfig",
    "RedactPiiAudioOptions",
    "SpeakerIdentificationRequest",
    "SpeakerOptions",
    "SpeechUnderstandingFeatureRequests",
    "SpeechUnderstandingRequest",
    "TranslationRequest",
    "bool_fields",
    "coerce_model",
    "custom_spelling_entries",
]

_BOOL_TYPES: tuple[object, ...] = ("bool | None", "bool", bool | None, bool)


def bool_fields(cls: type) -> frozenset[str]:
    """The names of the fields of the attrs class ``cls`` that take only booleans."""
    return frozenset(f.name for f in attrs.fields(cls) if f.type in _BOOL_TYPES)
