"""The 2026 API through both shells: which speech models are sent, the new config fields on
the wire, and the new answer fields read back, against the sandbox in its 2026 mode."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

from .conftest import SyncShell

URL = "https://example.org/meeting.mp3"
SCRIPT = "Hello, my name is John Smith. We meet on Monday."
DEFAULT = ["universal-3-5-pro", "universal-2"]


def posted(fake: FakeAssemblyAI) -> dict[str, object]:
    (request,) = fake.requests_to("POST /v2/transcript")
    assert isinstance(request.json, dict)
    return request.json


@pytest.fixture
def default_models() -> Iterator[None]:
    saved = aai.settings.default_speech_models
    yield
    aai.settings.default_speech_models = saved


def test_no_model_named_sends_the_default_pair(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    transcript = shell.transcribe(URL)
    assert transcript.status == aai.TranscriptStatus.completed
    body = posted(fake)
    assert body["speech_models"] == DEFAULT
    assert "speech_model" not in body
    assert transcript.speech_model_used == "universal-3-5-pro"


def test_a_changed_default_is_sent(
    shell: SyncShell, fake: FakeAssemblyAI, default_models: None
) -> None:
    aai.settings.default_speech_models = ["universal-2"]
    shell.transcribe(URL)
    assert posted(fake)["speech_models"] == ["universal-2"]


@pytest.mark.parametrize("asyncio", [False, True], ids=["sync", "asyncio"])
def test_a_clients_own_settings_choose_its_default(fake: FakeAssemblyAI, asyncio: bool) -> None:
    import asyncio as aio

    settings = aai.settings.copy()
    settings.default_speech_models = ("slam-1",)
    client = aai.Client(settings=settings)
    if asyncio:
        aio.run(aai.AsyncTranscriber(client=client).submit(URL))
    else:
        aai.Transcriber(client=client).submit(URL)
    assert posted(fake)["speech_models"] == ["slam-1"]
    assert aai.settings.default_speech_models == tuple(DEFAULT)


def test_speech_models_given_are_sent_as_given(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(speech_models=["slam-1"])
    assert shell.transcribe(URL, config).status == aai.TranscriptStatus.completed
    assert posted(fake)["speech_models"] == ["slam-1"]


def test_a_045_speech_model_is_honoured(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    # 0.45.4 code: the deprecated field is sent as it was, and the one model it names is the
    # 2026 speech_models (no default models added on top).
    config = aai.TranscriptionConfig(speech_model=aai.SpeechModel.nano)
    transcript = shell.transcribe(URL, config)
    assert transcript.status == aai.TranscriptStatus.completed
    body = posted(fake)
    assert body["speech_model"] == "nano"
    assert body["speech_models"] == ["nano"]
    assert transcript.speech_model_used == "nano"


def test_default_none_sends_no_models_and_the_2026_sandbox_refuses(
    shell: SyncShell, fake: FakeAssemblyAI, default_models: None
) -> None:
    aai.settings.default_speech_models = None
    with pytest.raises(aai.TranscriptError, match="speech_models"):
        shell.transcribe(URL)
    (request,) = fake.requests_to("POST /v2/transcript")
    assert request.json == {"audio_url": URL}
    assert "speech_models" in str(fake.violations[-1])
    fake.violations.clear()


def test_the_2025_sandbox_takes_a_request_without_models(default_models: None) -> None:
    with FakeAssemblyAI(api_revision="2025", processing_time=0) as fake:
        aai.settings.default_speech_models = None
        transcript = aai.Transcriber().transcribe(URL)
        assert transcript.status == aai.TranscriptStatus.completed
        assert fake.requests_to("POST /v2/transcript")[0].json == {"audio_url": URL}
        assert fake.violations == []


def test_the_sandbox_refuses_a_raw_request_without_models(fake: FakeAssemblyAI) -> None:
    response = httpx.post(
        fake.url("/v2/transcript"), json={"audio_url": URL}, headers={"Authorization": fake.api_key}
    )
    assert response.status_code == 400
    assert "the required property 'speech_models' is missing" in response.json()["error"]
    fake.violations.clear()


def test_an_unknown_revision_is_refused() -> None:
    with pytest.raises(ValueError, match="api_revision must be one of '2025', '2026'"):
        FakeAssemblyAI(api_revision="2024")


def test_new_config_fields_are_sent(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(
        temperature=0.2,
        remove_audio_tags="all",
        domain="medical-v1",
        keyterms_prompt=["Smith"],
        keyterms_prompt_options=aai.KeytermsPromptOptions(keyterms_match_strength="high"),
        speaker_labels=True,
        speaker_options=aai.SpeakerOptions(
            min_speakers_expected=1,
            use_two_stage_clustering=True,
            long_file_diarization_method="experimental",
        ),
    )
    config.set_redact_pii(
        policies=[aai.PIIRedactionPolicy.person_name, aai.PIIRedactionPolicy.location_city],
        redact_audio_options=aai.RedactPiiAudioOptions(
            override_audio_redaction_method=aai.PIIRedactedAudioMethod.silence
        ),
        return_unredacted=True,
    )
    config.set_language_detection(
        expected_languages=["en", "de"], on_low_language_confidence="fallback"
    )
    config.language_code = None
    shell.transcribe(URL, config)
    body = posted(fake)
    assert body["temperature"] == 0.2
    assert body["remove_audio_tags"] == "all"
    assert body["domain"] == "medical-v1"
    assert body["keyterms_prompt_options"] == {"keyterms_match_strength": "high"}
    assert body["speaker_options"] == {
        "min_speakers_expected": 1,
        "use_two_stage_clustering": True,
        "long_file_diarization_method": "experimental",
    }
    assert body["redact_pii_policies"] == ["person_name", "location_city"]
    assert body["redact_pii_audio_options"] == {"override_audio_redaction_method": "silence"}
    assert body["redact_pii_return_unredacted"] is True
    assert body["language_detection_options"] == {
        "expected_languages": ["en", "de"],
        "on_low_language_confidence": "fallback",
    }
    assert fake.violations == []


def test_new_answer_fields_are_read(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    fake.register_script(URL, text=SCRIPT)
    config = aai.TranscriptionConfig(
        redact_pii=True,
        redact_pii_policies=["person_name"],
        redact_pii_return_unredacted=True,
        language_detection=True,
        language_detection_options=aai.LanguageDetectionOptions(code_switching=True),
        domain="medical-v1",
    )
    transcript = shell.transcribe(URL, config)
    assert "John" not in transcript.text
    assert transcript.unredacted_text == SCRIPT
    assert [w.text for w in transcript.unredacted_words][4:6] == ["John", "Smith."]
    assert transcript.metadata is not None
    assert transcript.metadata.domain_used == "medical-v1"
    results = transcript.language_detection_results
    assert results is not None and results.code_switching_languages is not None
    assert results.code_switching_languages[0].language_code == "en"
    assert transcript.language_code == "en"
    assert isinstance(shell.sentences(transcript), list)


def test_nested_unknown_keys_are_sent(shell: SyncShell, fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(
        speaker_labels=True, speaker_options={"min_speakers_expected": 2, "zz_new_knob": "on"}
    )
    assert config.speaker_options is not None
    assert config.speaker_options.dict()["zz_new_knob"] == "on"
    # Our spec closes speaker_options, so the sandbox refuses the unknown key as the API
    # would; the point here is that the SDK sent it instead of dropping it.
    with pytest.raises(aai.TranscriptError, match="zz_new_knob"):
        shell.transcribe(URL, config)
    assert posted(fake)["speaker_options"] == {"min_speakers_expected": 2, "zz_new_knob": "on"}
    fake.violations.clear()
