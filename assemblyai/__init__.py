"""AssemblyAI's speech-to-text API for Python: a drop-in for the official SDK 0.45.4.

Example::

    import assemblyai as aai

    aai.settings.api_key = "..."
    transcript = aai.Transcriber().transcribe("https://example.org/meeting.mp3")
    print(transcript.text)

Streaming lives in ``assemblyai.streaming.v3``; the offline sandbox in ``assemblyai.testing``.
"""

from __future__ import annotations

from typing import Any

from . import api as api
from . import client as client
from . import lemur as lemur
from . import transcriber as transcriber
from . import types as types
from .__version__ import __version__ as __version__
from ._client import Client
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AssemblyAIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InternalServerError,
    LemurError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RealtimeError,
    StreamingError,
    TranscriptError,
)
from ._settings import settings as settings
from ._transcriber import Transcriber
from ._transcript import Transcript
from ._transcript_group import TranscriptGroup
from .lemur import Lemur, LemurSource, LemurTranscriptSource
from .types import (
    AudioEncoding,
    AutohighlightResponse,
    AutohighlightResult,
    Chapter,
    ContentSafetyLabel,
    ContentSafetyLabelResult,
    ContentSafetyResponse,
    ContentSafetySeverityScore,
    CustomFormattingRequest,
    CustomFormattingResponse,
    Entity,
    EntityType,
    IABLabelResult,
    IABResponse,
    IABResult,
    LanguageCode,
    LanguageDetectionOptions,
    LemurActionItemsResponse,
    LemurModel,
    LemurPurgeRequest,
    LemurPurgeResponse,
    LemurQuestion,
    LemurQuestionAnswer,
    LemurQuestionResponse,
    LemurSourceType,
    LemurStringResponse,
    LemurSummaryResponse,
    LemurTaskResponse,
    LemurUsage,
    ListTranscriptParameters,
    ListTranscriptResponse,
    PageDetails,
    Paragraph,
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    RawTranscriptionConfig,
    Sentence,
    Sentiment,
    SentimentType,
    Settings,
    SpeakerIdentificationRequest,
    SpeakerIdentificationResponse,
    SpeakerOptions,
    SpeakerType,
    SpeechModel,
    SpeechUnderstandingFeatureRequests,
    SpeechUnderstandingFeatureResponses,
    SpeechUnderstandingRequest,
    SpeechUnderstandingResponse,
    StatusResult,
    SummarizationModel,
    SummarizationType,
    Timestamp,
    TranscriptionConfig,
    TranscriptItem,
    TranscriptStatus,
    TranslationRequest,
    TranslationResponse,
    Utterance,
    UtteranceWord,
    Word,
    WordBoost,
    WordSearchMatch,
)

_LAZY = {
    # Loading these pulls in websockets (or pyaudio); most programs never need them.
    "extras": ("assemblyai.extras", None),
    "RealtimeTranscriber": ("assemblyai.realtime", "RealtimeTranscriber"),
    "RealtimeTranscript": ("assemblyai.realtime", "RealtimeTranscript"),
    "RealtimePartialTranscript": ("assemblyai.realtime", "RealtimePartialTranscript"),
    "RealtimeFinalTranscript": ("assemblyai.realtime", "RealtimeFinalTranscript"),
    "RealtimeWord": ("assemblyai.realtime", "RealtimeWord"),
    "RealtimeSessionOpened": ("assemblyai.realtime", "RealtimeSessionOpened"),
    "RealtimeSessionInformation": ("assemblyai.realtime", "RealtimeSessionInformation"),
    "AsyncTranscriber": ("assemblyai._async_transcriber", "AsyncTranscriber"),
    "AsyncLemur": ("assemblyai._async_lemur", "AsyncLemur"),
}


def __getattr__(name: str) -> Any:
    import importlib

    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'assemblyai' has no attribute {name!r}")
    module = importlib.import_module(target[0])
    value = module if target[1] is None else getattr(module, target[1])
    globals()[name] = value
    return value


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
