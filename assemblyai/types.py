"""The public model names of the official SDK 0.45.4, mapped onto our generated models.

Most names are the generated model under its 0.45.4 name: a rename in the spec is a one-line
change here. Names the API description cannot express (configuration helpers, the
speech-understanding results, a few subclasses with extra behaviour) come from handwritten
modules. Realtime (v2) names load on first use, so ``import assemblyai`` stays cheap.
"""

from __future__ import annotations

from typing import Any

from assemblyai._core.enums import (
    AudioEncoding,
    ContentSafetyLabel,
    DeprecatedLanguageCodeMeta,
    EntityType,
    LanguageCode,
    LemurModel,
    LemurSourceType,
    PIIRedactedAudioMethod,
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    RealtimeMessageTypes,
    SentimentType,
    SpeakerType,
    SpeechModel,
    StatusResult,
    SummarizationModel,
    SummarizationType,
    TranscriptStatus,
    WordBoost,
)
from assemblyai._core.exceptions import (
    AssemblyAIError,
    AudioFileChangedError,
    LemurError,
    RealtimeError,
    RedactedAudioExpiredError,
    RedactedAudioIncompleteError,
    RedactedAudioUnavailableError,
    TranscriptError,
)
from assemblyai._core.settings import Settings
from assemblyai._generated.rest.models.auto_highlight_result import (
    AutoHighlightResult as AutohighlightResult,
)
from assemblyai._generated.rest.models.auto_highlights_result import (
    AutoHighlightsResult as AutohighlightResponse,
)
from assemblyai._generated.rest.models.chapter import Chapter
from assemblyai._generated.rest.models.code_switching_language import CodeSwitchingLanguage
from assemblyai._generated.rest.models.content_safety_label import (
    ContentSafetyLabel as ContentSafetyLabelResult,
)
from assemblyai._generated.rest.models.content_safety_label_result import (
    ContentSafetyLabelResult as ContentSafetyResult,
)
from assemblyai._generated.rest.models.content_safety_labels_result import (
    ContentSafetyLabelsResult as ContentSafetyResponse,
)
from assemblyai._generated.rest.models.create_realtime_temporary_token_params import (
    CreateRealtimeTemporaryTokenParams as RealtimeCreateTemporaryTokenRequest,
)
from assemblyai._generated.rest.models.entity import Entity
from assemblyai._generated.rest.models.language_detection_results import LanguageDetectionResults
from assemblyai._generated.rest.models.lemur_action_items_params import (
    LemurActionItemsParams as LemurActionItemsRequest,
)
from assemblyai._generated.rest.models.lemur_base_params import LemurBaseParams as BaseLemurRequest
from assemblyai._generated.rest.models.lemur_base_response import (
    LemurBaseResponse as BaseLemurResponse,
)
from assemblyai._generated.rest.models.lemur_question import LemurQuestion
from assemblyai._generated.rest.models.lemur_question_answer import LemurQuestionAnswer
from assemblyai._generated.rest.models.lemur_question_answer_params import (
    LemurQuestionAnswerParams as LemurQuestionRequest,
)
from assemblyai._generated.rest.models.lemur_request_details import LemurRequestDetails
from assemblyai._generated.rest.models.lemur_summary_params import (
    LemurSummaryParams as LemurSummaryRequest,
)
from assemblyai._generated.rest.models.lemur_task_params import LemurTaskParams as LemurTaskRequest
from assemblyai._generated.rest.models.lemur_usage import LemurUsage
from assemblyai._generated.rest.models.list_transcript_params import (
    ListTranscriptParams as ListTranscriptParameters,
)
from assemblyai._generated.rest.models.paragraphs_response import ParagraphsResponse
from assemblyai._generated.rest.models.realtime_temporary_token_response import (
    RealtimeTemporaryTokenResponse as RealtimeCreateTemporaryTokenResponse,
)
from assemblyai._generated.rest.models.redacted_audio_response import RedactedAudioResponse
from assemblyai._generated.rest.models.sentences_response import SentencesResponse
from assemblyai._generated.rest.models.sentiment_analysis_result import (
    SentimentAnalysisResult as Sentiment,
)
from assemblyai._generated.rest.models.severity_score_summary import (
    SeverityScoreSummary as ContentSafetySeverityScore,
)
from assemblyai._generated.rest.models.timestamp import Timestamp
from assemblyai._generated.rest.models.topic_detection_model_result import (
    TopicDetectionModelResult as IABResponse,
)
from assemblyai._generated.rest.models.topic_detection_result import (
    TopicDetectionResult as IABResult,
)
from assemblyai._generated.rest.models.topic_detection_result_labels_item import (
    TopicDetectionResultLabelsItem as IABLabelResult,
)
from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
from assemblyai._generated.rest.models.transcript_list_item import (
    TranscriptListItem as TranscriptItem,
)
from assemblyai._generated.rest.models.transcript_metadata import TranscriptMetadata
from assemblyai._generated.rest.models.transcript_optional_params import (
    TranscriptOptionalParams as BaseTranscript,
)
from assemblyai._generated.rest.models.transcript_paragraph import TranscriptParagraph as Paragraph
from assemblyai._generated.rest.models.transcript_params import (
    TranscriptParams as TranscriptRequest,
)
from assemblyai._generated.rest.models.transcript_sentence import TranscriptSentence as Sentence
from assemblyai._generated.rest.models.transcript_utterance import TranscriptUtterance as Utterance
from assemblyai._generated.rest.models.transcript_warning import TranscriptWarning
from assemblyai._generated.rest.models.transcript_word import TranscriptWord as Word
from assemblyai._generated.rest.models.word_search_match import WordSearchMatch
from assemblyai._generated.rest.models.word_search_response import (
    WordSearchResponse as WordSearchMatchResponse,
)
from assemblyai._lemur.lemur import (
    LemurActionItemsResponse,
    LemurPurgeResponse,
    LemurQuestionResponse,
    LemurSource,
    LemurStringResponse,
    LemurSummaryResponse,
    LemurTaskResponse,
    LemurTranscriptSource,
)
from assemblyai._lemur.models import LemurPurgeRequest, LemurSourceRequest
from assemblyai._transcription.config import TranscriptionConfig
from assemblyai._transcription.models import ListTranscriptResponse, PageDetails, Sourcable
from assemblyai._transcription.raw_config import (
    CustomFormattingRequest,
    KeytermsPromptOptions,
    LanguageDetectionOptions,
    RawTranscriptionConfig,
    RedactPiiAudioOptions,
    SpeakerIdentificationRequest,
    SpeakerOptions,
    SpeechUnderstandingFeatureRequests,
    SpeechUnderstandingRequest,
    TranslationRequest,
)
from assemblyai._transcription.speech_understanding import (
    CustomFormattingResponse,
    SpeakerIdentificationResponse,
    SpeechUnderstandingFeatureResponses,
    SpeechUnderstandingResponse,
    TranslationResponse,
)

# 0.45.4 had a distinct class for words inside utterances; the API sends the same shape.
UtteranceWord = Word
pydantic_v2 = False  # 0.45.4 recorded which pydantic it ran on; we use none.


_REALTIME_NAMES = {
    "RealtimeTranscript",
    "RealtimePartialTranscript",
    "RealtimeFinalTranscript",
    "RealtimeWord",
    "RealtimeSessionOpened",
    "RealtimeSessionInformation",
    "RealtimeErrorMapping",
}


# The synchronous API's types, where the official 1.0 also has them; loaded on first use.
_SYNC_NAMES = {
    "SyncSpeechModel",
    "SyncTranscriptError",
    "SyncTranscriptResponse",
    "SyncTranscriptionConfig",
    "SyncWord",
}


def __getattr__(name: str) -> Any:
    # The v2 realtime models live with the realtime client, which loads websockets.
    if name in _REALTIME_NAMES:
        from assemblyai import realtime

        return getattr(realtime, name)
    if name in _SYNC_NAMES:
        from assemblyai.sync import v1

        return getattr(v1, name)
    raise AttributeError(f"module 'assemblyai.types' has no attribute {name!r}")


__all__ = [
    "AssemblyAIError",
    "AudioEncoding",
    "AudioFileChangedError",
    "AutohighlightResponse",
    "AutohighlightResult",
    "BaseLemurRequest",
    "BaseLemurResponse",
    "BaseTranscript",
    "Chapter",
    "CodeSwitchingLanguage",
    "ContentSafetyLabel",
    "ContentSafetyLabelResult",
    "ContentSafetyResponse",
    "ContentSafetyResult",
    "ContentSafetySeverityScore",
    "CustomFormattingRequest",
    "CustomFormattingResponse",
    "DeprecatedLanguageCodeMeta",
    "Entity",
    "EntityType",
    "IABLabelResult",
    "IABResponse",
    "IABResult",
    "KeytermsPromptOptions",
    "LanguageCode",
    "LanguageDetectionOptions",
    "LanguageDetectionResults",
    "LemurActionItemsRequest",
    "LemurActionItemsResponse",
    "LemurError",
    "LemurModel",
    "LemurPurgeRequest",
    "LemurPurgeResponse",
    "LemurQuestion",
    "LemurQuestionAnswer",
    "LemurQuestionRequest",
    "LemurQuestionResponse",
    "LemurRequestDetails",
    "LemurSource",
    "LemurSourceRequest",
    "LemurSourceType",
    "LemurStringResponse",
    "LemurSummaryRequest",
    "LemurSummaryResponse",
    "LemurTaskRequest",
    "LemurTaskResponse",
    "LemurTranscriptSource",
    "LemurUsage",
    "ListTranscriptParameters",
    "ListTranscriptResponse",
    "PIIRedactedAudioMethod",
    "PIIRedactedAudioQuality",
    "PIIRedactionPolicy",
    "PIISubstitutionPolicy",
    "PageDetails",
    "Paragraph",
    "ParagraphsResponse",
    "RawTranscriptionConfig",
    "RealtimeCreateTemporaryTokenRequest",
    "RealtimeCreateTemporaryTokenResponse",
    "RealtimeError",
    "RealtimeMessageTypes",
    "RedactPiiAudioOptions",
    "RedactedAudioExpiredError",
    "RedactedAudioIncompleteError",
    "RedactedAudioResponse",
    "RedactedAudioUnavailableError",
    "Sentence",
    "SentencesResponse",
    "Sentiment",
    "SentimentType",
    "Settings",
    "Sourcable",
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
    "SummarizationModel",
    "SummarizationType",
    "Timestamp",
    "TranscriptError",
    "TranscriptItem",
    "TranscriptMetadata",
    "TranscriptRequest",
    "TranscriptResponse",
    "TranscriptStatus",
    "TranscriptWarning",
    "TranscriptionConfig",
    "TranslationRequest",
    "TranslationResponse",
    "Utterance",
    "UtteranceWord",
    "Word",
    "WordBoost",
    "WordSearchMatch",
    "WordSearchMatchResponse",
    "pydantic_v2",
]
