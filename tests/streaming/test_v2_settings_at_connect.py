"""The v2 ``RealtimeTranscriber`` reads ``aai.settings`` when it connects, not when it is made."""

from __future__ import annotations

import pytest

import assemblyai as aai
from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import ConfigurationError, RealtimeError

from .drivers import silence
from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)


def make(errors: list[RealtimeError], **kwargs: object) -> aai.RealtimeTranscriber:
    return aai.RealtimeTranscriber(
        on_data=lambda _: None, on_error=errors.append, sample_rate=16_000, **kwargs
    )


def test_key_and_base_url_set_after_construction(
    v2_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_settings.settings, "api_key", None)
    monkeypatch.setattr(_settings.settings, "base_url", "https://unused.invalid")
    errors: list[RealtimeError] = []
    transcriber = make(errors)  # no key yet: fine, as long as it is there at connect()

    aai.settings.api_key = v2_server.api_key
    aai.settings.base_url = v2_server.url.replace("ws://", "http://")
    transcriber.connect(timeout=5)
    transcriber.stream(silence(0.5))
    transcriber.close()

    assert errors == []
    v2_server.wait_idle()
    (session,) = v2_server.sessions
    assert session.headers["authorization"] == v2_server.api_key


def test_settings_changed_between_sessions_apply_to_the_next(
    v2_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_settings.settings, "api_key", "stale-key")
    monkeypatch.setattr(_settings.settings, "base_url", v2_server.url.replace("ws://", "http://"))
    errors: list[RealtimeError] = []
    transcriber = make(errors)
    aai.settings.api_key = v2_server.api_key
    transcriber.connect(timeout=5)
    transcriber.close()
    assert errors == []
    v2_server.wait_idle()
    assert [s.headers["authorization"] for s in v2_server.sessions] == [v2_server.api_key]


def test_no_key_at_connect_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_settings.settings, "api_key", None)
    transcriber = make([])
    with pytest.raises(ConfigurationError):
        transcriber.connect(timeout=1)
