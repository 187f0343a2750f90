"""``settings.region`` moves every default host together; a host set explicitly stays."""

from __future__ import annotations

import pickle

import pytest

import assemblyai as aai
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.regions import REGIONS

HOST_FIELDS = ("base_url", "streaming_host", "llm_gateway_base_url", "sync_base_url")


def hosts(settings: aai.Settings) -> tuple[str, ...]:
    return tuple(str(getattr(settings, name)) for name in HOST_FIELDS)


def test_defaults_are_the_us_hosts() -> None:
    assert hosts(aai.Settings()) == tuple(REGIONS["us"])


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_region_moves_every_default_host(region: str) -> None:
    settings = aai.Settings()
    settings.region = region.upper()
    assert settings.region == region
    assert hosts(settings) == tuple(REGIONS[region])
    assert hosts(aai.Settings(region=region)) == tuple(REGIONS[region])


def test_eu_hosts_are_the_documented_ones() -> None:
    settings = aai.Settings(region="eu")
    assert settings.base_url == "https://api.eu.assemblyai.com"
    assert settings.streaming_host == "streaming.eu.assemblyai.com"
    assert settings.llm_gateway_base_url == "https://llm-gateway.eu.assemblyai.com"


def test_an_explicit_host_wins_over_the_region() -> None:
    settings = aai.Settings(base_url="http://127.0.0.1:9")
    settings.streaming_host = "ws://127.0.0.1:10"
    settings.region = "eu"
    assert settings.base_url == "http://127.0.0.1:9"
    assert settings.streaming_host == "ws://127.0.0.1:10"
    assert settings.llm_gateway_base_url == REGIONS["eu"].llm_gateway_base_url
    settings.region = "us"
    assert settings.sync_base_url == REGIONS["us"].sync_base_url
    assert settings.base_url == "http://127.0.0.1:9"


def test_an_explicit_host_equal_to_a_default_still_wins() -> None:
    settings = aai.Settings()
    settings.base_url = REGIONS["us"].base_url
    settings.region = "eu"
    assert settings.base_url == REGIONS["us"].base_url


def test_unknown_region_is_refused_naming_the_choices() -> None:
    settings = aai.Settings()
    with pytest.raises(
        ConfigurationError, match=r"settings.region must be one of \['eu', 'us'\], got 'mars'"
    ):
        settings.region = "mars"
    assert settings.region == "us"
    with pytest.raises(ConfigurationError, match=r"settings\.region"):
        aai.Settings(region="mars")


def test_region_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_REGION", "eu")
    monkeypatch.setenv("ASSEMBLYAI_SYNC_BASE_URL", "http://127.0.0.1:11")
    settings = aai.Settings()
    assert settings.base_url == REGIONS["eu"].base_url
    assert settings.sync_base_url == "http://127.0.0.1:11"


def test_copies_and_pickles_keep_following_the_region() -> None:
    settings = aai.Settings()
    for clone in (settings.copy(), pickle.loads(pickle.dumps(settings))):
        clone.region = "eu"
        assert hosts(clone) == tuple(REGIONS["eu"])
    assert hosts(settings) == tuple(REGIONS["us"])


def test_new_settings_are_validated() -> None:
    for field, value, says in [
        ("sync_base_url", "sync.assemblyai.com", "must start with http"),
        ("llm_gateway_base_url", "", "must start with http"),
        ("sync_http_timeout", 0, "sync_http_timeout must be"),
        ("keepalive_expiry", -1.0, "keepalive_expiry must be"),
        ("default_speech_models", (), "default_speech_models must be a non-empty list"),
        ("lemur_backend", "openai", "lemur_backend must be one of"),
    ]:
        settings = aai.Settings()
        setattr(settings, field, value)
        with pytest.raises(ConfigurationError, match=says):
            settings.validate()


def test_default_speech_models_from_environment_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSEMBLYAI_DEFAULT_SPEECH_MODELS", "universal-2, slam-1")
    assert aai.Settings().default_speech_models == ("universal-2", "slam-1")
    monkeypatch.setenv("ASSEMBLYAI_DEFAULT_SPEECH_MODELS", "none")
    assert aai.Settings().default_speech_models is None
    settings = aai.Settings()
    settings.default_speech_models = ["universal-2"]  # type: ignore[assignment]
    assert settings.default_speech_models == ("universal-2",)
