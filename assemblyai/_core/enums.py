"""The public enums of the SDK, with the exact names and values of ``assemblyai`` 0.45.4.

There is one class per concept. Where the API description has the concept, the public enum *is*
the generated class (``aai.TranscriptStatus`` is the class of ``transcript.status``, of a list
item's status and of the status filter), re-exported here under its 0.45.4 name, so
``isinstance`` and ``is`` checks hold for every value the SDK hands out. Every enum schema of
the spec is here: ``assemblyai._generated.surface.enums`` lists them under their public names,
which ``generator/overlay.toml`` sets where 0.45.4 had another name. Member names come from the
spec (``x-enum-varnames`` where a value is not an identifier). Only the concepts the
description lacks are written here by hand.

Every enum here is a ``str`` and an ``Enum``, and behaves like 0.45.4's ``(str, Enum)`` classes:
a member equals its value (``TranscriptStatus.completed == "completed"``), ``json.dumps`` writes
the value, but ``str(member)`` and ``f"{member}"`` give ``"TranscriptStatus.completed"``. Use
``member.value`` for the API's text (the SDK does so wherever it sends or prints one).

All of them are *tolerant* (they derive from :class:`TolerantStrEnum`). The API adds values over
time (a new speech model, a new entity type); 0.45.4 then failed to parse the whole transcript.
Here ``SpeechModel("some-new-model")`` returns a *pseudo-member* instead of raising:

* it is an instance of the enum and equal to its value (``== "some-new-model"``);
* its ``name`` and ``value`` are both the given string, and its ``is_known`` is False;
* it is not listed by iteration, ``len()`` or ``Enum.__members__``, and a second lookup builds a new
  (equal, not identical) object, so compare with ``==``, never ``is``.

Only strings are tolerated: ``SpeechModel(5)`` still raises ``ValueError``.

``LanguageCode`` is deprecated: reading one of its members as a class attribute
(``LanguageCode.en``) emits a ``DeprecationWarning``. Pass the language code as a plain string.
It stays the handwritten subset 0.45.4 had; the API's full list is the generated
``TranscriptLanguageCode``.
"""

from __future__ import annotations

import warnings
from enum import Enum, EnumType, StrEnum
from typing import Any

from assemblyai._generated.rest.models import TolerantStrEnum

# Every enum of the spec, under its public name (generator/overlay.toml gives 0.45.4's names).
from assemblyai._generated.surface.enums import *  # noqa: F403
from assemblyai._generated.surface.enums import (
    PUBLIC_ENUMS,
    ContentSafetyLabel,
    EntityType,
    LemurModel,
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    SentimentType,
    SpeakerType,
    SpeechModel,
    StatusResult,
    SummarizationModel,
    SummarizationType,
    TranscriptStatus,
    WordBoost,
)

__all__ = [
    "AudioEncoding",
    "ContentSafetyLabel",
    "DeprecatedLanguageCodeMeta",
    "EntityType",
    "LanguageCode",
    "LemurModel",
    "LemurSourceType",
    "PIIRedactedAudioQuality",
    "PIIRedactionPolicy",
    "PIISubstitutionPolicy",
    "RealtimeMessageTypes",
    "SentimentType",
    "SpeakerType",
    "SpeechModel",
    "StatusResult",
    "SummarizationModel",
    "SummarizationType",
    "TolerantStrEnum",
    "TranscriptStatus",
    "WordBoost",
    "is_known",
]


def _public(cls: type[StrEnum], name: str) -> None:
    # The generated class is the public one, so it carries the public name: repr(), error
    # messages and pickles then say ``WordBoost.low``, as 0.45.4's did, whatever the spec calls
    # the schema. Pickle finds the class again under this module and name.
    cls.__name__ = cls.__qualname__ = name
    cls.__module__ = __name__


for _cls, _name in PUBLIC_ENUMS:
    _public(_cls, _name)


def is_known(enum_cls: type[StrEnum], value: object) -> bool:
    """Whether ``value`` is the value of a declared member of ``enum_cls``.

    Args:
        enum_cls: the enum class to look in.
        value: a string or member to check.

    Returns:
        True for declared members and their values; False for pseudo-members (see the module
        docstring) and for anything that is not a string.
    """
    text = value.value if isinstance(value, Enum) else value
    return isinstance(text, str) and text in enum_cls._value2member_map_


class DeprecatedLanguageCodeMeta(EnumType):
    """Metaclass of :class:`LanguageCode` that warns when a member is read as a class attribute."""

    def __getattribute__(cls, name: str) -> Any:
        # Dunder and private names are read by the enum machinery itself (and while the class is
        # being built, before _member_map_ exists); only public member names should warn.
        if not name.startswith("_"):
            members = type.__getattribute__(cls, "__dict__").get("_member_map_", {})
            if name in members:
                warnings.warn(
                    "LanguageCode is deprecated and will be removed in a future release; "
                    "pass the language code as a plain string instead, for example "
                    'language_code="en_us".',
                    DeprecationWarning,
                    stacklevel=2,
                )
        return super().__getattribute__(name)


class LanguageCode(TolerantStrEnum, metaclass=DeprecatedLanguageCodeMeta):
    """Deprecated: a few of the supported language codes. Use plain strings instead."""

    de = "de"
    de_ch = "de_ch"
    en = "en"
    en_au = "en_au"
    en_uk = "en_uk"
    en_us = "en_us"
    es = "es"
    fi = "fi"
    fr = "fr"
    hi = "hi"
    it = "it"
    ja = "ja"
    ko = "ko"
    nl = "nl"
    pl = "pl"
    pt = "pt"
    ru = "ru"
    tr = "tr"
    uk = "uk"
    vi = "vi"
    zh = "zh"


class LemurSourceType(TolerantStrEnum):
    """The kind of a LeMUR source."""

    transcript = "transcript"


class AudioEncoding(TolerantStrEnum):
    """The encoding of streamed audio."""

    pcm_s16le = "pcm_s16le"
    pcm_mulaw = "pcm_mulaw"


class RealtimeMessageTypes(TolerantStrEnum):
    """The ``message_type`` values of the legacy v2 real-time protocol."""

    partial_transcript = "PartialTranscript"
    final_transcript = "FinalTranscript"
    session_begins = "SessionBegins"
    session_terminated = "SessionTerminated"
    session_information = "SessionInformation"
