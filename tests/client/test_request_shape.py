"""What goes on the wire, checked with ``httpx.MockTransport`` (pure unit tests, no sockets)."""

from __future__ import annotations

import json
import platform

import httpx
import pytest

import assemblyai as aai
from tests.bodies import transcript_body

COMPLETED = transcript_body(text="hi", words=[])


class Recorder:
    def __init__(self, answers: dict[str, object] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.answers = answers or {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = self.answers.get(request.url.path, COMPLETED)
        return httpx.Response(200, json=body)


def client_with(recorder: Recorder) -> aai.Client:
    settings = aai.Settings(
        api_key="secret-key", base_url="https://api.test", polling_interval=0.01
    )
    return aai.Client(settings=settings, transport=httpx.MockTransport(recorder))


def test_unknown_and_new_parameters_are_sent() -> None:
    recorder = Recorder()
    config = aai.TranscriptionConfig(speaker_labels=True)
    config.raw.speech_models = ["universal"]
    aai.Transcriber(client=client_with(recorder), config=config).submit("https://example.org/a.mp3")
    (post,) = recorder.requests
    body = json.loads(post.content)
    assert body == {
        "audio_url": "https://example.org/a.mp3",
        "speaker_labels": True,
        "speech_models": ["universal"],
    }


def test_default_config_sends_the_audio_url_and_the_default_models() -> None:
    recorder = Recorder()
    aai.Transcriber(client=client_with(recorder)).submit("https://example.org/a.mp3")
    # Today's API needs speech_models: with none named, settings.default_speech_models go.
    assert json.loads(recorder.requests[0].content) == {
        "audio_url": "https://example.org/a.mp3",
        "speech_models": ["universal-3-5-pro", "universal-2"],
    }


def test_headers_raw_key_and_user_agent() -> None:
    recorder = Recorder()
    aai.Transcriber(client=client_with(recorder)).submit("https://example.org/a.mp3")
    headers = recorder.requests[0].headers
    assert headers["authorization"] == "secret-key"
    assert headers["user-agent"] == (
        f"python-httpx/{httpx.__version__} AssemblyAI/1.0 "
        f"(sdk=Python/{aai.__version__} runtime_env=Python/{platform.python_version()})"
    )


def test_list_query_encoding() -> None:
    recorder = Recorder(
        {
            "/v2/transcript": {
                "page_details": {
                    "limit": 2,
                    "result_count": 0,
                    "current_url": "https://api.test/v2/transcript",
                    "prev_url": "https://api.test/v2/transcript?limit=2&before_id=abc",
                    "next_url": None,
                },
                "transcripts": [],
            }
        }
    )
    page = aai.Transcriber(client=client_with(recorder)).list_transcripts(
        aai.ListTranscriptParameters(
            limit=2, status=aai.TranscriptStatus.completed, throttled_only=False
        )
    )
    assert recorder.requests[0].url.query == b"limit=2&status=completed&throttled_only=false"
    assert page.page_details.before_id_of_prev_url == "abc"


def test_last_response_and_alias() -> None:
    recorder = Recorder()
    client = client_with(recorder)
    aai.Transcriber(client=client).submit("https://example.org/a.mp3")
    assert client.last_response is not None and client.last_response.status_code == 200
    assert client.latest_response is client.last_response


def test_settings_and_client_repr_hide_the_key() -> None:
    settings = aai.Settings(api_key="secret-key")
    assert "secret-key" not in repr(settings)
    assert "secret-key" not in repr(aai.Client(settings=settings))


def test_missing_key_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="ASSEMBLYAI_API_KEY"):
        aai.Client(settings=aai.Settings(api_key=None))


def test_settings_read_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_API_KEY", "from-env")
    monkeypatch.setenv("ASSEMBLYAI_POLLING_INTERVAL", "1.5")
    monkeypatch.setenv("assemblyai_http_timeout", "12")
    settings = aai.Settings()
    assert (settings.api_key, settings.polling_interval, settings.http_timeout) == (
        "from-env",
        1.5,
        12.0,
    )
    monkeypatch.setenv("ASSEMBLYAI_HTTP_TIMEOUT", "soon")
    with pytest.raises(aai.ConfigurationError, match="ASSEMBLYAI_HTTP_TIMEOUT"):
        aai.Settings()


def test_default_client_follows_settings_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aai.settings, "api_key", "first")
    first = aai.Client.get_default()
    assert aai.Client.get_default() is first
    monkeypatch.setattr(aai.settings, "api_key", "second")
    second = aai.Client.get_default()
    assert second is not first and second.settings.api_key == "second"
