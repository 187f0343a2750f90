"""``importlib.reload(assemblyai)`` reads ``ASSEMBLYAI_*`` again, as 0.45.4 did."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import attrs
import pytest

import assemblyai as aai
from assemblyai._core import settings as _settings
from assemblyai._http.client import Client


@pytest.fixture
def restored_settings() -> Iterator[None]:
    before = _settings.settings.copy()
    yield
    for name in attrs.fields_dict(_settings.Settings):
        setattr(_settings.settings, name, getattr(before, name))


@pytest.mark.usefixtures("restored_settings")
def test_reload_reads_the_environment_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_API_KEY", "key-from-env")
    monkeypatch.setenv("ASSEMBLYAI_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("ASSEMBLYAI_POLLING_INTERVAL", "0.25")
    reloaded = importlib.reload(aai)
    assert reloaded.settings.api_key == "key-from-env"
    assert reloaded.settings.base_url == "http://127.0.0.1:9"
    assert reloaded.settings.polling_interval == 0.25
    # The default client follows, and so does every module that holds the settings object.
    client = Client.get_default()
    assert client.settings.api_key == "key-from-env"
    assert str(client.http_client.base_url).startswith("http://127.0.0.1:9")
    assert _settings.settings is reloaded.settings


@pytest.mark.usefixtures("restored_settings")
def test_reload_forgets_values_set_in_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh import of 0.45.4 knew nothing of values set in code before the reload.
    monkeypatch.delenv("ASSEMBLYAI_HTTP_TIMEOUT", raising=False)
    monkeypatch.setenv("ASSEMBLYAI_API_KEY", "second-key")
    aai.settings.http_timeout = 1.5
    importlib.reload(aai)
    assert aai.settings.http_timeout == _settings.Settings.__attrs_attrs__.http_timeout.default
    assert aai.settings.api_key == "second-key"


@pytest.mark.usefixtures("restored_settings")
def test_reload_with_an_invalid_variable_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_MAX_RETRIES", "many")
    with pytest.raises(aai.ConfigurationError, match="ASSEMBLYAI_MAX_RETRIES"):
        importlib.reload(aai)
