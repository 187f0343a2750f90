"""The public enums of the SDK, with the exact names and values of ``assemblyai`` 0.45.4.

Every enum here is a :class:`enum.StrEnum` (so a ``str`` and an ``Enum``): ``str(member)`` and
``f"{member}"`` give the value, which keeps URLs, query strings and JSON clean.

All of them are *tolerant*. The API adds values over time (a new speech model, a new entity type,
a new content-safety label); 0.45.4 then failed to parse the whole transcript. Here
``SpeechModel("some-new-model")`` returns a *pseudo-member* instead of raising:

* it is an instance of the enum and equal to its value (``== "some-new-model"``);
* its ``name`` and ``value`` are both the given string;
* it is not listed by iteration, ``len()`` or ``Enum.__members__``, and a second lookup builds a new
  (equal, not identical) object, so compare with ``==``, never ``is``.

Only strings are tolerated: ``SpeechModel(5)`` still raises ``ValueError``.

``LanguageCode`` is deprecated: reading one of its members as a class attribute
(``LanguageCode.en``) emits a ``DeprecationWarning``. Pass the language code as a plain string.
"""

from __future__ import annotations

import warnings
from enum import EnumType, StrEnum
from typing import Any

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


class TolerantStrEnum(StrEnum):
    """Base of every public enum: a ``str`` enum that accepts values it does not know.

    A lookup by an unknown *string* value returns a pseudo-member whose ``name`` and ``value``
    are that string (see the module docstring), so a value the API added after this release
    survives parsing and is sent back unchanged.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        # Returning None makes Enum raise its usual ValueError for non-strings.
        if not isinstance(value, str):
            return None
        pseudo = str.__new__(cls, value)
        pseudo._name_ = value
        pseudo._value_ = value
        return pseudo


def is_known(enum_cls: type[StrEnum], value: object) -> bool:
    """Whether ``value`` is the value of a declared member of ``enum_cls``.

    Args:
        enum_cls: the enum class to look in.
        value: a string or member to check.

    Returns:
        True for declared members and their values; False for pseudo-members (see the module
        docstring) and for anything that is not a string.
    """
    return isinstance(value, str) and str(value) in enum_cls._value2member_map_


class TranscriptStatus(TolerantStrEnum):
    """The processing status of a transcript."""

    queued = "queued"
    processing = "processing"
    completed = "completed"
    error = "error"


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


class WordBoost(TolerantStrEnum):
    """How much weight the words in ``word_boost`` get."""

    low = "low"
    default = "default"
    high = "high"


class PIIRedactedAudioQuality(TolerantStrEnum):
    """The file format of the redacted audio."""

    mp3 = "mp3"
    wav = "wav"


class EntityType(TolerantStrEnum):
    """An entity kind; also the PII redaction policies (``PIIRedactionPolicy`` is this class)."""

    account_number = "account_number"
    banking_information = "banking_information"
    blood_type = "blood_type"
    credit_card_cvv = "credit_card_cvv"
    credit_card_expiration = "credit_card_expiration"
    credit_card_number = "credit_card_number"
    date = "date"
    date_interval = "date_interval"
    date_of_birth = "date_of_birth"
    drivers_license = "drivers_license"
    drug = "drug"
    duration = "duration"
    email_address = "email_address"
    event = "event"
    filename = "filename"
    gender_sexuality = "gender_sexuality"
    healthcare_number = "healthcare_number"
    injury = "injury"
    ip_address = "ip_address"
    language = "language"
    location = "location"
    marital_status = "marital_status"
    medical_condition = "medical_condition"
    medical_process = "medical_process"
    money_amount = "money_amount"
    nationality = "nationality"
    number_sequence = "number_sequence"
    occupation = "occupation"
    organization = "organization"
    passport_number = "passport_number"
    password = "password"
    person_age = "person_age"
    person_name = "person_name"
    phone_number = "phone_number"
    physical_attribute = "physical_attribute"
    political_affiliation = "political_affiliation"
    religion = "religion"
    statistics = "statistics"
    time = "time"
    url = "url"
    us_social_security_number = "us_social_security_number"
    username = "username"
    vehicle_id = "vehicle_id"
    zodiac_sign = "zodiac_sign"


# The same object, not a copy: 0.45.4 users compare and isinstance-check across both names.
PIIRedactionPolicy = EntityType


class PIISubstitutionPolicy(TolerantStrEnum):
    """What redacted PII is replaced with in the transcript text."""

    hash = "hash"
    entity_name = "entity_name"


class SummarizationModel(TolerantStrEnum):
    """The summarization model."""

    informative = "informative"
    conversational = "conversational"
    catchy = "catchy"


class SummarizationType(TolerantStrEnum):
    """The shape of the summary."""

    bullets = "bullets"
    bullets_verbose = "bullets_verbose"
    gist = "gist"
    headline = "headline"
    paragraph = "paragraph"


class SpeechModel(TolerantStrEnum):
    """The speech model used for the transcription."""

    best = "best"
    nano = "nano"
    slam_1 = "slam-1"
    universal = "universal"


class SpeakerType(TolerantStrEnum):
    """What speaker identification labels speakers with."""

    role = "role"
    name = "name"


class ContentSafetyLabel(TolerantStrEnum):
    """A content-safety label."""

    accidents = "accidents"
    alcohol = "alcohol"
    financials = "financials"
    crime_violence = "crime_violence"
    drugs = "drugs"
    gambling = "gambling"
    hate_speech = "hate_speech"
    health_issues = "health_issues"
    manga = "manga"
    marijuana = "marijuana"
    disasters = "disasters"
    negative_news = "negative_news"
    nsfw = "nsfw"
    pornography = "pornography"
    profanity = "profanity"
    sensitive_social_issues = "sensitive_social_issues"
    terrorism = "terrorism"
    tobacco = "tobacco"
    weapons = "weapons"


class StatusResult(TolerantStrEnum):
    """Whether an audio-intelligence model produced a result."""

    success = "success"
    unavailable = "unavailable"


class SentimentType(TolerantStrEnum):
    """The sentiment of a sentence (the values are upper case on the wire)."""

    positive = "POSITIVE"
    neutral = "NEUTRAL"
    negative = "NEGATIVE"


class LemurModel(TolerantStrEnum):
    """The model LeMUR answers with."""

    claude_opus_4_20250514 = "anthropic/claude-opus-4-20250514"
    claude_sonnet_4_20250514 = "anthropic/claude-sonnet-4-20250514"
    claude3_7_sonnet_20250219 = "anthropic/claude-3-7-sonnet-20250219"
    claude3_5_sonnet = "anthropic/claude-3-5-sonnet"
    claude3_opus = "anthropic/claude-3-opus"
    claude3_5_haiku_20241022 = "anthropic/claude-3-5-haiku-20241022"
    claude3_haiku = "anthropic/claude-3-haiku"
    claude3_sonnet = "anthropic/claude-3-sonnet"
    claude2_1 = "anthropic/claude-2-1"
    claude2_0 = "anthropic/claude-2"
    default = "default"
    mistral7b = "assemblyai/mistral-7b"


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
