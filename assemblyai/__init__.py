"""AssemblyAI's speech-to-text API for Python: a drop-in for the official SDK 0.45.4.

Example::

    import assemblyai as aai

    aai.settings.api_key = "..."
    transcript = aai.Transcriber().transcribe("https://example.org/meeting.mp3")
    print(transcript.text)

Streaming lives in ``assemblyai.streaming.v3``; the offline sandbox in ``assemblyai.testing``.

``import assemblyai`` loads only settings, errors, enums and the configuration classes; the
HTTP client (httpx), the generated models and everything built on them load on first use of a
name that needs them (PEP 562), which keeps the import several times cheaper.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .__version__ import __version__ as __version__
from ._config import TranscriptionConfig as TranscriptionConfig
from ._enums import (
    AudioEncoding as AudioEncoding,
)
from ._enums import (
    ContentSafetyLabel as ContentSafetyLabel,
)
from ._enums import (
    EntityType as EntityType,
)
from ._enums import (
    LanguageCode as LanguageCode,
)
from ._enums import (
    LemurModel as LemurModel,
)
from ._enums import (
    LemurSourceType as LemurSourceType,
)
from ._enums import (
    PIIRedactedAudioQuality as PIIRedactedAudioQuality,
)
from ._enums import (
    PIIRedactionPolicy as PIIRedactionPolicy,
)
from ._enums import (
    PIISubstitutionPolicy as PIISubstitutionPolicy,
)
from ._enums import (
    SentimentType as SentimentType,
)
from ._enums import (
    SpeakerType as SpeakerType,
)
from ._enums import (
    SpeechModel as SpeechModel,
)
from ._enums import (
    StatusResult as StatusResult,
)
from ._enums import (
    SummarizationModel as SummarizationModel,
)
from ._enums import (
    SummarizationType as SummarizationType,
)
from ._enums import (
    TranscriptStatus as TranscriptStatus,
)
from ._enums import (
    WordBoost as WordBoost,
)
from ._exceptions import (
    APIConnectionError as APIConnectionError,
)
from ._exceptions import (
    APIError as APIError,
)
from ._exceptions import (
    APIResponseValidationError as APIResponseValidationError,
)
from ._exceptions import (
    APIStatusError as APIStatusError,
)
from ._exceptions import (
    APITimeoutError as APITimeoutError,
)
from ._exceptions import (
    AssemblyAIError as AssemblyAIError,
)
from ._exceptions import (
    AuthenticationError as AuthenticationError,
)
from ._exceptions import (
    BadRequestError as BadRequestError,
)
from ._exceptions import (
    ConfigurationError as ConfigurationError,
)
from ._exceptions import (
    InternalServerError as InternalServerError,
)
from ._exceptions import (
    LemurError as LemurError,
)
from ._exceptions import (
    NotFoundError as NotFoundError,
)
from ._exceptions import (
    PermissionDeniedError as PermissionDeniedError,
)
from ._exceptions import (
    RateLimitError as RateLimitError,
)
from ._exceptions import (
    RealtimeError as RealtimeError,
)
from ._exceptions import (
    StreamingError as StreamingError,
)
from ._exceptions import (
    TranscriptError as TranscriptError,
)
from ._lemur_models import LemurPurgeRequest as LemurPurgeRequest
from ._raw_config import (
    CustomFormattingRequest as CustomFormattingRequest,
)
from ._raw_config import (
    LanguageDetectionOptions as LanguageDetectionOptions,
)
from ._raw_config import (
    RawTranscriptionConfig as RawTranscriptionConfig,
)
from ._raw_config import (
    SpeakerIdentificationRequest as SpeakerIdentificationRequest,
)
from ._raw_config import (
    SpeakerOptions as SpeakerOptions,
)
from ._raw_config import (
    SpeechUnderstandingFeatureRequests as SpeechUnderstandingFeatureRequests,
)
from ._raw_config import (
    SpeechUnderstandingRequest as SpeechUnderstandingRequest,
)
from ._raw_config import (
    TranslationRequest as TranslationRequest,
)
from ._settings import Settings as Settings
from ._settings import settings as settings

if TYPE_CHECKING:
    from . import api as api
    from . import client as client
    from . import extras as extras
    from . import lemur as lemur
    from . import transcriber as transcriber
    from . import types as types
    from ._async_lemur import (
        AsyncLemur as AsyncLemur,
    )
    from ._async_transcriber import (
        AsyncTranscriber as AsyncTranscriber,
    )
    from ._async_transcriber import (
        AsyncTranscript as AsyncTranscript,
    )
    from ._client import (
        Client as Client,
    )
    from ._speech_understanding import (
        CustomFormattingResponse as CustomFormattingResponse,
    )
    from ._speech_understanding import (
        SpeakerIdentificationResponse as SpeakerIdentificationResponse,
    )
    from ._speech_understanding import (
        SpeechUnderstandingFeatureResponses as SpeechUnderstandingFeatureResponses,
    )
    from ._speech_understanding import (
        SpeechUnderstandingResponse as SpeechUnderstandingResponse,
    )
    from ._speech_understanding import (
        TranslationResponse as TranslationResponse,
    )
    from ._transcriber import (
        Transcriber as Transcriber,
    )
    from ._transcript import (
        Transcript as Transcript,
    )
    from ._transcript_group import (
        TranscriptGroup as TranscriptGroup,
    )
    from .lemur import (
        Lemur as Lemur,
    )
    from .lemur import (
        LemurSource as LemurSource,
    )
    from .lemur import (
        LemurTranscriptSource as LemurTranscriptSource,
    )
    from .realtime import (
        RealtimeFinalTranscript as RealtimeFinalTranscript,
    )
    from .realtime import (
        RealtimePartialTranscript as RealtimePartialTranscript,
    )
    from .realtime import (
        RealtimeSessionInformation as RealtimeSessionInformation,
    )
    from .realtime import (
        RealtimeSessionOpened as RealtimeSessionOpened,
    )
    from .realtime import (
        RealtimeTranscriber as RealtimeTranscriber,
    )
    from .realtime import (
        RealtimeTranscript as RealtimeTranscript,
    )
    from .realtime import (
        RealtimeWord as RealtimeWord,
    )
    from .types import (
        AutohighlightResponse as AutohighlightResponse,
    )
    from .types import (
        AutohighlightResult as AutohighlightResult,
    )
    from .types import (
        Chapter as Chapter,
    )
    from .types import (
        ContentSafetyLabelResult as ContentSafetyLabelResult,
    )
    from .types import (
        ContentSafetyResponse as ContentSafetyResponse,
    )
    from .types import (
        ContentSafetySeverityScore as ContentSafetySeverityScore,
    )
    from .types import (
        Entity as Entity,
    )
    from .types import (
        IABLabelResult as IABLabelResult,
    )
    from .types import (
        IABResponse as IABResponse,
    )
    from .types import (
        IABResult as IABResult,
    )
    from .types import (
        LemurActionItemsResponse as LemurActionItemsResponse,
    )
    from .types import (
        LemurPurgeResponse as LemurPurgeResponse,
    )
    from .types import (
        LemurQuestion as LemurQuestion,
    )
    from .types import (
        LemurQuestionAnswer as LemurQuestionAnswer,
    )
    from .types import (
        LemurQuestionResponse as LemurQuestionResponse,
    )
    from .types import (
        LemurStringResponse as LemurStringResponse,
    )
    from .types import (
        LemurSummaryResponse as LemurSummaryResponse,
    )
    from .types import (
        LemurTaskResponse as LemurTaskResponse,
    )
    from .types import (
        LemurUsage as LemurUsage,
    )
    from .types import (
        ListTranscriptParameters as ListTranscriptParameters,
    )
    from .types import (
        ListTranscriptResponse as ListTranscriptResponse,
    )
    from .types import (
        PageDetails as PageDetails,
    )
    from .types import (
        Paragraph as Paragraph,
    )
    from .types import (
        Sentence as Sentence,
    )
    from .types import (
        Sentiment as Sentiment,
    )
    from .types import (
        Timestamp as Timestamp,
    )
    from .types import (
        TranscriptItem as TranscriptItem,
    )
    from .types import (
        Utterance as Utterance,
    )
    from .types import (
        UtteranceWord as UtteranceWord,
    )
    from .types import (
        Word as Word,
    )
    from .types import (
        WordSearchMatch as WordSearchMatch,
    )

# Name -> module that defines it, imported on first access.
_LAZY_NAMES = {
    "CustomFormattingResponse": "assemblyai._speech_understanding",
    "SpeakerIdentificationResponse": "assemblyai._speech_understanding",
    "SpeechUnderstandingFeatureResponses": "assemblyai._speech_understanding",
    "SpeechUnderstandingResponse": "assemblyai._speech_understanding",
    "TranslationResponse": "assemblyai._speech_understanding",
    "AsyncLemur": "assemblyai._async_lemur",
    "AsyncTranscriber": "assemblyai._async_transcriber",
    "AsyncTranscript": "assemblyai._async_transcriber",
    "AutohighlightResponse": "assemblyai.types",
    "AutohighlightResult": "assemblyai.types",
    "Chapter": "assemblyai.types",
    "Client": "assemblyai._client",
    "ContentSafetyLabelResult": "assemblyai.types",
    "ContentSafetyResponse": "assemblyai.types",
    "ContentSafetySeverityScore": "assemblyai.types",
    "Entity": "assemblyai.types",
    "IABLabelResult": "assemblyai.types",
    "IABResponse": "assemblyai.types",
    "IABResult": "assemblyai.types",
    "Lemur": "assemblyai.lemur",
    "LemurActionItemsResponse": "assemblyai.types",
    "LemurPurgeResponse": "assemblyai.types",
    "LemurQuestion": "assemblyai.types",
    "LemurQuestionAnswer": "assemblyai.types",
    "LemurQuestionResponse": "assemblyai.types",
    "LemurSource": "assemblyai.lemur",
    "LemurStringResponse": "assemblyai.types",
    "LemurSummaryResponse": "assemblyai.types",
    "LemurTaskResponse": "assemblyai.types",
    "LemurTranscriptSource": "assemblyai.lemur",
    "LemurUsage": "assemblyai.types",
    "ListTranscriptParameters": "assemblyai.types",
    "ListTranscriptResponse": "assemblyai.types",
    "PageDetails": "assemblyai.types",
    "Paragraph": "assemblyai.types",
    "RealtimeFinalTranscript": "assemblyai.realtime",
    "RealtimePartialTranscript": "assemblyai.realtime",
    "RealtimeSessionInformation": "assemblyai.realtime",
    "RealtimeSessionOpened": "assemblyai.realtime",
    "RealtimeTranscriber": "assemblyai.realtime",
    "RealtimeTranscript": "assemblyai.realtime",
    "RealtimeWord": "assemblyai.realtime",
    "Sentence": "assemblyai.types",
    "Sentiment": "assemblyai.types",
    "Timestamp": "assemblyai.types",
    "Transcriber": "assemblyai._transcriber",
    "Transcript": "assemblyai._transcript",
    "TranscriptGroup": "assemblyai._transcript_group",
    "TranscriptItem": "assemblyai.types",
    "Utterance": "assemblyai.types",
    "UtteranceWord": "assemblyai.types",
    "Word": "assemblyai.types",
    "WordSearchMatch": "assemblyai.types",
}
_LAZY_MODULES = frozenset(
    {
        "api",
        "client",
        "extras",
        "lemur",
        "transcriber",
        "types",
    }
)


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        value: Any = importlib.import_module(f"{__name__}.{name}")
    elif name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_NAMES, *_LAZY_MODULES})


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AssemblyAIError",
    "AudioEncoding",
    "AuthenticationError",
    "AutohighlightResponse",
    "AutohighlightResult",
    "BadRequestError",
    "Chapter",
    "Client",
    "ConfigurationError",
    "ContentSafetyLabel",
    "ContentSafetyLabelResult",
    "ContentSafetyResponse",
    "ContentSafetySeverityScore",
    "CustomFormattingRequest",
    "CustomFormattingResponse",
    "Entity",
    "EntityType",
    "IABLabelResult",
    "IABResponse",
    "IABResult",
    "InternalServerError",
    "LanguageCode",
    "LanguageDetectionOptions",
    "Lemur",
    "LemurActionItemsResponse",
    "LemurError",
    "LemurModel",
    "LemurPurgeRequest",
    "LemurPurgeResponse",
    "LemurQuestion",
    "LemurQuestionAnswer",
    "LemurQuestionResponse",
    "LemurSource",
    "LemurSourceType",
    "LemurStringResponse",
    "LemurSummaryResponse",
    "LemurTaskResponse",
    "LemurTranscriptSource",
    "LemurUsage",
    "ListTranscriptParameters",
    "ListTranscriptResponse",
    "NotFoundError",
    "PIIRedactedAudioQuality",
    "PIIRedactionPolicy",
    "PIISubstitutionPolicy",
    "PageDetails",
    "Paragraph",
    "PermissionDeniedError",
    "RateLimitError",
    "RawTranscriptionConfig",
    "RealtimeError",
    "RealtimeFinalTranscript",
    "RealtimePartialTranscript",
    "RealtimeSessionInformation",
    "RealtimeSessionOpened",
    "RealtimeTranscriber",
    "RealtimeTranscript",
    "RealtimeWord",
    "Sentence",
    "Sentiment",
    "SentimentType",
    "Settings",
    "SpeakerIdentificationRequest",
    "SpeakerIdentificationResponse",
    "SpeakerOptions",
    "SpeakerType",
    "SpeechModel",
    "SpeechUnderstandingFeatureRequests",
    "SpeechUnderstandingFeatureResponses",
    "SpeechUnderstandingRequest",
    "SpeechUnderstandingResponse",
    "StatusResult",
    "StreamingError",
    "SummarizationModel",
    "SummarizationType",
    "Timestamp",
    "Transcriber",
    "Transcript",
    "TranscriptError",
    "TranscriptGroup",
    "TranscriptItem",
    "TranscriptStatus",
    "TranscriptionConfig",
    "TranslationRequest",
    "TranslationResponse",
    "Utterance",
    "UtteranceWord",
    "Word",
    "WordBoost",
    "WordSearchMatch",
]


# A module's globals survive ``importlib.reload``: finding this flag set means a reload, which
# reads ``ASSEMBLYAI_*`` again, as 0.45.4 did (it built its settings at import).
if globals().get("_imported_before"):
    from ._settings import reread_environment

    reread_environment()
    del reread_environment
_imported_before = True
