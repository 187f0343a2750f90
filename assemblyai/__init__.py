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

from assemblyai.__version__ import __version__ as __version__
from assemblyai._core.enums import (
    AudioEncoding as AudioEncoding,
)
from assemblyai._core.enums import (
    ContentSafetyLabel as ContentSafetyLabel,
)
from assemblyai._core.enums import (
    EntityType as EntityType,
)
from assemblyai._core.enums import (
    LanguageCode as LanguageCode,
)
from assemblyai._core.enums import (
    LemurModel as LemurModel,
)
from assemblyai._core.enums import (
    LemurSourceType as LemurSourceType,
)
from assemblyai._core.enums import PIIRedactedAudioMethod as PIIRedactedAudioMethod
from assemblyai._core.enums import (
    PIIRedactedAudioQuality as PIIRedactedAudioQuality,
)
from assemblyai._core.enums import (
    PIIRedactionPolicy as PIIRedactionPolicy,
)
from assemblyai._core.enums import (
    PIISubstitutionPolicy as PIISubstitutionPolicy,
)
from assemblyai._core.enums import (
    SentimentType as SentimentType,
)
from assemblyai._core.enums import (
    SpeakerType as SpeakerType,
)
from assemblyai._core.enums import (
    SpeechModel as SpeechModel,
)
from assemblyai._core.enums import (
    StatusResult as StatusResult,
)
from assemblyai._core.enums import (
    SummarizationModel as SummarizationModel,
)
from assemblyai._core.enums import (
    SummarizationType as SummarizationType,
)
from assemblyai._core.enums import (
    TranscriptStatus as TranscriptStatus,
)
from assemblyai._core.enums import (
    WordBoost as WordBoost,
)
from assemblyai._core.exceptions import (
    APIConnectionError as APIConnectionError,
)
from assemblyai._core.exceptions import (
    APIError as APIError,
)
from assemblyai._core.exceptions import (
    APIResponseValidationError as APIResponseValidationError,
)
from assemblyai._core.exceptions import (
    APIStatusError as APIStatusError,
)
from assemblyai._core.exceptions import (
    APITimeoutError as APITimeoutError,
)
from assemblyai._core.exceptions import (
    AssemblyAIError as AssemblyAIError,
)
from assemblyai._core.exceptions import (
    AuthenticationError as AuthenticationError,
)
from assemblyai._core.exceptions import (
    BadRequestError as BadRequestError,
)
from assemblyai._core.exceptions import (
    ConfigurationError as ConfigurationError,
)
from assemblyai._core.exceptions import (
    InternalServerError as InternalServerError,
)
from assemblyai._core.exceptions import (
    LemurError as LemurError,
)
from assemblyai._core.exceptions import (
    NotFoundError as NotFoundError,
)
from assemblyai._core.exceptions import (
    PermissionDeniedError as PermissionDeniedError,
)
from assemblyai._core.exceptions import (
    RateLimitError as RateLimitError,
)
from assemblyai._core.exceptions import (
    RealtimeError as RealtimeError,
)
from assemblyai._core.exceptions import (
    StreamingError as StreamingError,
)
from assemblyai._core.exceptions import (
    TranscriptError as TranscriptError,
)
from assemblyai._core.settings import Settings as Settings
from assemblyai._core.settings import settings as settings
from assemblyai._lemur.models import LemurPurgeRequest as LemurPurgeRequest
from assemblyai._transcription.config import TranscriptionConfig as TranscriptionConfig
from assemblyai._transcription.raw_config import (
    CustomFormattingRequest as CustomFormattingRequest,
)
from assemblyai._transcription.raw_config import (
    KeytermsPromptOptions as KeytermsPromptOptions,
)
from assemblyai._transcription.raw_config import (
    LanguageDetectionOptions as LanguageDetectionOptions,
)
from assemblyai._transcription.raw_config import (
    RawTranscriptionConfig as RawTranscriptionConfig,
)
from assemblyai._transcription.raw_config import (
    RedactPiiAudioOptions as RedactPiiAudioOptions,
)
from assemblyai._transcription.raw_config import (
    SpeakerIdentificationRequest as SpeakerIdentificationRequest,
)
from assemblyai._transcription.raw_config import (
    SpeakerOptions as SpeakerOptions,
)
from assemblyai._transcription.raw_config import (
    SpeechUnderstandingFeatureRequests as SpeechUnderstandingFeatureRequests,
)
from assemblyai._transcription.raw_config import (
    SpeechUnderstandingRequest as SpeechUnderstandingRequest,
)
from assemblyai._transcription.raw_config import (
    TranslationRequest as TranslationRequest,
)

if TYPE_CHECKING:
    from assemblyai import api as api
    from assemblyai import async_client as async_client
    from assemblyai import client as client
    from assemblyai import extras as extras
    from assemblyai import lemur as lemur
    from assemblyai import prerecorded as prerecorded
    from assemblyai import transcriber as transcriber
    from assemblyai import types as types
    from assemblyai._http.async_client import AsyncClient as AsyncClient
    from assemblyai._http.client import (
        Client as Client,
    )
    from assemblyai._lemur.async_lemur import (
        AsyncLemur as AsyncLemur,
    )
    from assemblyai._lemur.lemur import (
        Lemur as Lemur,
    )
    from assemblyai._lemur.lemur import (
        LemurSource as LemurSource,
    )
    from assemblyai._lemur.lemur import (
        LemurTranscriptSource as LemurTranscriptSource,
    )
    from assemblyai._transcription.async_transcriber import (
        AsyncTranscriber as AsyncTranscriber,
    )
    from assemblyai._transcription.async_transcript import (
        AsyncTranscript as AsyncTranscript,
    )
    from assemblyai._transcription.group import (
        TranscriptGroup as TranscriptGroup,
    )
    from assemblyai._transcription.speech_understanding import (
        CustomFormattingResponse as CustomFormattingResponse,
    )
    from assemblyai._transcription.speech_understanding import (
        SpeakerIdentificationResponse as SpeakerIdentificationResponse,
    )
    from assemblyai._transcription.speech_understanding import (
        SpeechUnderstandingFeatureResponses as SpeechUnderstandingFeatureResponses,
    )
    from assemblyai._transcription.speech_understanding import (
        SpeechUnderstandingResponse as SpeechUnderstandingResponse,
    )
    from assemblyai._transcription.speech_understanding import (
        TranslationResponse as TranslationResponse,
    )
    from assemblyai._transcription.transcriber import (
        Transcriber as Transcriber,
    )
    from assemblyai._transcription.transcript import (
        Transcript as Transcript,
    )
    from assemblyai.streaming.v2 import (
        RealtimeFinalTranscript as RealtimeFinalTranscript,
    )
    from assemblyai.streaming.v2 import (
        RealtimePartialTranscript as RealtimePartialTranscript,
    )
    from assemblyai.streaming.v2 import (
        RealtimeSessionInformation as RealtimeSessionInformation,
    )
    from assemblyai.streaming.v2 import (
        RealtimeSessionOpened as RealtimeSessionOpened,
    )
    from assemblyai.streaming.v2 import (
        RealtimeTranscriber as RealtimeTranscriber,
    )
    from assemblyai.streaming.v2 import (
        RealtimeTranscript as RealtimeTranscript,
    )
    from assemblyai.streaming.v2 import (
        RealtimeWord as RealtimeWord,
    )
    from assemblyai.types import (
        AutohighlightResponse as AutohighlightResponse,
    )
    from assemblyai.types import (
        AutohighlightResult as AutohighlightResult,
    )
    from assemblyai.types import (
        Chapter as Chapter,
    )
    from assemblyai.types import (
        ContentSafetyLabelResult as ContentSafetyLabelResult,
    )
    from assemblyai.types import (
        ContentSafetyResponse as ContentSafetyResponse,
    )
    from assemblyai.types import (
        ContentSafetySeverityScore as ContentSafetySeverityScore,
    )
    from assemblyai.types import (
        Entity as Entity,
    )
    from assemblyai.types import (
        IABLabelResult as IABLabelResult,
    )
    from assemblyai.types import (
        IABResponse as IABResponse,
    )
    from assemblyai.types import (
        IABResult as IABResult,
    )
    from assemblyai.types import (
        LemurActionItemsResponse as LemurActionItemsResponse,
    )
    from assemblyai.types import (
        LemurPurgeResponse as LemurPurgeResponse,
    )
    from assemblyai.types import (
        LemurQuestion as LemurQuestion,
    )
    from assemblyai.types import (
        LemurQuestionAnswer as LemurQuestionAnswer,
    )
    from assemblyai.types import (
        LemurQuestionResponse as LemurQuestionResponse,
    )
    from assemblyai.types import (
        LemurStringResponse as LemurStringResponse,
    )
    from assemblyai.types import (
        LemurSummaryResponse as LemurSummaryResponse,
    )
    from assemblyai.types import (
        LemurTaskResponse as LemurTaskResponse,
    )
    from assemblyai.types import (
        LemurUsage as LemurUsage,
    )
    from assemblyai.types import (
        ListTranscriptParameters as ListTranscriptParameters,
    )
    from assemblyai.types import (
        ListTranscriptResponse as ListTranscriptResponse,
    )
    from assemblyai.types import (
        PageDetails as PageDetails,
    )
    from assemblyai.types import (
        Paragraph as Paragraph,
    )
    from assemblyai.types import (
        Sentence as Sentence,
    )
    from assemblyai.types import (
        Sentiment as Sentiment,
    )
    from assemblyai.types import (
        Timestamp as Timestamp,
    )
    from assemblyai.types import (
        TranscriptItem as TranscriptItem,
    )
    from assemblyai.types import (
        TranscriptMetadata as TranscriptMetadata,
    )
    from assemblyai.types import (
        Utterance as Utterance,
    )
    from assemblyai.types import (
        UtteranceWord as UtteranceWord,
    )
    from assemblyai.types import (
        Word as Word,
    )
    from assemblyai.types import (
        WordSearchMatch as WordSearchMatch,
    )

# Name -> module that defines it, imported on first access.
_LAZY_NAMES = {
    # The official 1.0's REST surface.
    "AsyncClient": "assemblyai._http.async_client",
    "CustomFormattingResponse": "assemblyai._transcription.speech_understanding",
    "SpeakerIdentificationResponse": "assemblyai._transcription.speech_understanding",
    "SpeechUnderstandingFeatureResponses": "assemblyai._transcription.speech_understanding",
    "SpeechUnderstandingResponse": "assemblyai._transcription.speech_understanding",
    "TranslationResponse": "assemblyai._transcription.speech_understanding",
    "AsyncLemur": "assemblyai._lemur.async_lemur",
    "AsyncTranscriber": "assemblyai._transcription.async_transcriber",
    "AsyncTranscript": "assemblyai._transcription.async_transcript",
    "AutohighlightResponse": "assemblyai.types",
    "AutohighlightResult": "assemblyai.types",
    "Chapter": "assemblyai.types",
    "Client": "assemblyai._http.client",
    "ContentSafetyLabelResult": "assemblyai.types",
    "ContentSafetyResponse": "assemblyai.types",
    "ContentSafetySeverityScore": "assemblyai.types",
    "Entity": "assemblyai.types",
    "IABLabelResult": "assemblyai.types",
    "IABResponse": "assemblyai.types",
    "IABResult": "assemblyai.types",
    "Lemur": "assemblyai._lemur.lemur",
    "LemurActionItemsResponse": "assemblyai.types",
    "LemurPurgeResponse": "assemblyai.types",
    "LemurQuestion": "assemblyai.types",
    "LemurQuestionAnswer": "assemblyai.types",
    "LemurQuestionResponse": "assemblyai.types",
    "LemurSource": "assemblyai._lemur.lemur",
    "LemurStringResponse": "assemblyai.types",
    "LemurSummaryResponse": "assemblyai.types",
    "LemurTaskResponse": "assemblyai.types",
    "LemurTranscriptSource": "assemblyai._lemur.lemur",
    "LemurUsage": "assemblyai.types",
    "ListTranscriptParameters": "assemblyai.types",
    "ListTranscriptResponse": "assemblyai.types",
    "PageDetails": "assemblyai.types",
    "Paragraph": "assemblyai.types",
    "RealtimeFinalTranscript": "assemblyai.streaming.v2",
    "RealtimePartialTranscript": "assemblyai.streaming.v2",
    "RealtimeSessionInformation": "assemblyai.streaming.v2",
    "RealtimeSessionOpened": "assemblyai.streaming.v2",
    "RealtimeTranscriber": "assemblyai.streaming.v2",
    "RealtimeTranscript": "assemblyai.streaming.v2",
    "RealtimeWord": "assemblyai.streaming.v2",
    "Sentence": "assemblyai.types",
    "Sentiment": "assemblyai.types",
    "Timestamp": "assemblyai.types",
    "Transcriber": "assemblyai._transcription.transcriber",
    "Transcript": "assemblyai._transcription.transcript",
    "TranscriptGroup": "assemblyai._transcription.group",
    "TranscriptItem": "assemblyai.types",
    "TranscriptMetadata": "assemblyai.types",
    "Utterance": "assemblyai.types",
    "UtteranceWord": "assemblyai.types",
    "Word": "assemblyai.types",
    "WordSearchMatch": "assemblyai.types",
}
_LAZY_MODULES = frozenset(
    {
        "async_client",  # the official 1.0's module paths
        "prerecorded",
        "streaming",
        "sync",
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


# The synchronous transcription API (assemblyai.sync.v1), at the top level as in the
# official SDK 1.0; loaded on first use like the names above.
_SYNC_NAMES = (
    "AsyncSyncTranscriber",
    "SyncSpeechModel",
    "SyncTranscriber",
    "SyncTranscriptError",
    "SyncTranscriptResponse",
    "SyncTranscriptionConfig",
    "SyncWord",
)
_LAZY_NAMES.update(dict.fromkeys(_SYNC_NAMES, "assemblyai.sync.v1"))
if TYPE_CHECKING:
    from assemblyai.sync.v1 import (
        AsyncSyncTranscriber as AsyncSyncTranscriber,
    )
    from assemblyai.sync.v1 import (
        SyncSpeechModel as SyncSpeechModel,
    )
    from assemblyai.sync.v1 import (
        SyncTranscriber as SyncTranscriber,
    )
    from assemblyai.sync.v1 import (
        SyncTranscriptError as SyncTranscriptError,
    )
    from assemblyai.sync.v1 import (
        SyncTranscriptionConfig as SyncTranscriptionConfig,
    )
    from assemblyai.sync.v1 import (
        SyncTranscriptResponse as SyncTranscriptResponse,
    )
    from assemblyai.sync.v1 import (
        SyncWord as SyncWord,
    )


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AssemblyAIError",
    "AsyncClient",  # the official 1.0's asyncio client
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
    "KeytermsPromptOptions",
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
    "PIIRedactedAudioMethod",
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
    "RedactPiiAudioOptions",
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
    "TranscriptMetadata",
    "TranscriptStatus",
    "TranscriptionConfig",
    "TranslationRequest",
    "TranslationResponse",
    "Utterance",
    "UtteranceWord",
    "Word",
    "WordBoost",
    "WordSearchMatch",
    *_SYNC_NAMES,
]


# --- LLM Gateway: chat completions and speech understanding --------------
# Before the reload check below: a reload that fails there must not lose these names.
from assemblyai._core.exceptions import LLMGatewayError as LLMGatewayError  # noqa: E402

if TYPE_CHECKING:
    from assemblyai.llm_gateway import AsyncLLMGateway as AsyncLLMGateway
    from assemblyai.llm_gateway import ChatCompletion as ChatCompletion
    from assemblyai.llm_gateway import LLMGateway as LLMGateway

_LAZY_NAMES.update(
    {
        "AsyncLLMGateway": "assemblyai.llm_gateway",
        "ChatCompletion": "assemblyai.llm_gateway",
        "LLMGateway": "assemblyai.llm_gateway",
    }
)
_LAZY_MODULES = _LAZY_MODULES | {"llm_gateway"}
__all__ += ["AsyncLLMGateway", "ChatCompletion", "LLMGateway", "LLMGatewayError", "llm_gateway"]


# A module's globals survive ``importlib.reload``: finding this flag set means a reload, which
# reads ``ASSEMBLYAI_*`` again, as 0.45.4 did (it built its settings at import).
if globals().get("_imported_before"):
    from assemblyai._core.settings import reread_environment

    reread_environment()
    del reread_environment
_imported_before = True
