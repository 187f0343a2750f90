"""The public names of the official SDK 0.45.4 all resolve (surface.md §1).

A name missing here breaks somebody's ``import``; the lists are the contract, written out by
hand so that a rename in our code cannot silently change them.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

TOP_LEVEL = """
settings __version__ extras Settings Client AssemblyAIError TranscriptError LemurError RealtimeError
Transcriber Transcript TranscriptGroup TranscriptionConfig RawTranscriptionConfig
LanguageDetectionOptions SpeakerOptions ListTranscriptParameters ListTranscriptResponse PageDetails
TranscriptItem Word UtteranceWord Utterance Sentence Paragraph Timestamp Chapter AutohighlightResult
AutohighlightResponse ContentSafetyLabelResult ContentSafetySeverityScore ContentSafetyResponse
IABLabelResult IABResult IABResponse Sentiment Entity WordSearchMatch SpeechUnderstandingRequest
SpeechUnderstandingFeatureRequests SpeakerIdentificationRequest TranslationRequest
CustomFormattingRequest SpeechUnderstandingResponse SpeechUnderstandingFeatureResponses
SpeakerIdentificationResponse TranslationResponse CustomFormattingResponse TranscriptStatus
LanguageCode WordBoost PIIRedactedAudioQuality EntityType PIIRedactionPolicy PIISubstitutionPolicy
SummarizationModel SummarizationType SpeechModel SpeakerType ContentSafetyLabel StatusResult
SentimentType LemurModel LemurSourceType AudioEncoding Lemur LemurSource LemurTranscriptSource
LemurQuestion LemurQuestionAnswer LemurQuestionResponse LemurStringResponse LemurSummaryResponse
LemurActionItemsResponse LemurTaskResponse LemurUsage LemurPurgeRequest LemurPurgeResponse
RealtimeTranscriber RealtimeTranscript RealtimePartialTranscript RealtimeFinalTranscript RealtimeWord
RealtimeSessionOpened RealtimeSessionInformation
""".split()

TYPES_ONLY = """
RedactedAudioIncompleteError RedactedAudioExpiredError RedactedAudioUnavailableError Sourcable
ContentSafetyResult WordSearchMatchResponse RedactedAudioResponse SentencesResponse
ParagraphsResponse BaseTranscript TranscriptRequest TranscriptResponse LemurSourceRequest
BaseLemurRequest LemurRequestDetails BaseLemurResponse LemurTaskRequest LemurQuestionRequest
LemurSummaryRequest LemurActionItemsRequest RealtimeMessageTypes
RealtimeCreateTemporaryTokenRequest RealtimeCreateTemporaryTokenResponse RealtimeErrorMapping
Settings
""".split()

STREAMING_V3 = """
StreamingClient StreamingClientOptions StreamingParameters StreamingSessionParameters
StreamingEvents StreamingError BeginEvent TurnEvent TerminationEvent EventMessage Word
""".split()

STREAMING_V3_MODELS = """
ErrorEvent TerminateSession ForceEndpoint UpdateConfiguration Encoding OperationMessage
StreamingErrorCodes
""".split()

API_CONSTANTS = {
    "ENDPOINT_TRANSCRIPT": "/v2/transcript",
    "ENDPOINT_UPLOAD": "/v2/upload",
    "ENDPOINT_LEMUR_BASE": "/lemur/v3",
    "ENDPOINT_LEMUR": "/lemur/v3/generate",
    "ENDPOINT_REALTIME_WEBSOCKET": "/v2/realtime/ws",
    "ENDPOINT_REALTIME_TOKEN": "/v2/realtime/token",
}

EXTRAS = [
    "MicrophoneStream",
    "stream_file",
    "file_from_stream",
    "AssemblyAIExtrasNotInstalledError",
]


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_top_level_name_resolves(name: str) -> None:
    import assemblyai as aai

    assert getattr(aai, name) is not None


def test_all_lists_every_top_level_name() -> None:
    import assemblyai as aai

    missing = sorted(set(TOP_LEVEL) - {"settings", "__version__", "extras"} - set(aai.__all__))
    assert missing == []
    assert sorted(aai.__all__) == sorted(set(aai.__all__)), "duplicates in __all__"


@pytest.mark.parametrize("name", TYPES_ONLY)
def test_types_name_resolves(name: str) -> None:
    types = importlib.import_module("assemblyai.types")
    assert getattr(types, name) is not None


@pytest.mark.parametrize("name", STREAMING_V3)
def test_streaming_v3_name(name: str) -> None:
    v3 = importlib.import_module("assemblyai.streaming.v3")
    assert name in v3.__all__
    assert getattr(v3, name) is not None


@pytest.mark.parametrize("name", STREAMING_V3_MODELS)
def test_streaming_v3_models_name(name: str) -> None:
    models = importlib.import_module("assemblyai.streaming.v3.models")
    assert getattr(models, name) is not None


@pytest.mark.parametrize(("name", "value"), sorted(API_CONSTANTS.items()))
def test_api_endpoint_constant(name: str, value: str) -> None:
    api = importlib.import_module("assemblyai.api")
    assert getattr(api, name) == value


@pytest.mark.parametrize("name", EXTRAS)
def test_extras_name(name: str) -> None:
    import assemblyai as aai

    assert getattr(aai.extras, name) is not None


@pytest.mark.parametrize(
    "module", ["assemblyai.transcriber", "assemblyai.lemur", "assemblyai.client"]
)
def test_compat_modules_import(module: str) -> None:
    importlib.import_module(module)


def test_pii_redaction_policy_is_entity_type() -> None:
    import assemblyai as aai

    assert aai.PIIRedactionPolicy is aai.EntityType


def test_import_does_not_load_streaming_or_testing() -> None:
    import subprocess
    import sys

    code = (
        "import sys, assemblyai; "
        "bad = [m for m in sys.modules if m.startswith(('assemblyai.streaming', 'assemblyai.testing', "
        "'websockets', 'pyaudio'))]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_is_cheap_and_loads_no_http_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys, assemblyai; "
        "heavy = [m for m in ('httpx', 'assemblyai._generated.rest.types', 'assemblyai._http.client') "
        "if m in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dir_lists_lazy_names() -> None:
    import assemblyai as aai

    assert {"Transcriber", "Word", "types", "extras"} <= set(dir(aai))


def test_the_official_1_0_module_paths_resolve_from_the_package() -> None:
    # 1.0 binds these on `import assemblyai`; ours loads each on first use.
    code = (
        "import assemblyai as aai; "
        "print(aai.streaming.__name__, aai.sync.v1.SyncTranscriber.__name__, "
        "aai.prerecorded.v2.Transcriber.__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["assemblyai.streaming", "SyncTranscriber", "Transcriber"]
