"""Hostile or broken servers: answers that try to make the SDK read, send or keep too much.

Every scenario talks to scripted servers on loopback addresses (``ScriptedServer``), is
bounded in time, and (through the ``no_leaks`` fixture) leaves no thread or socket behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import assemblyai as aai

from . import payloads
from .harness import API_KEY, make_settings
from .server import ScriptedServer, respond

T1 = "/v2/transcript/t1"


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[aai.Client]:
    with aai.Client(settings=make_settings(server.url)) as api:
        yield api


def _redacted_audio_at(server: ScriptedServer, client: aai.Client, url: str) -> aai.Transcript:
    """A transcript whose redacted audio, the API says, is at ``url``."""
    body = payloads.transcript(
        redact_pii=True, redact_pii_audio=True, redact_pii_policies=["person_name"]
    )
    server.route("GET", T1, respond(200, json=body))
    server.route(
        "GET",
        T1 + "/redacted-audio",
        respond(200, json={"status": "redacted_audio_ready", "redacted_audio_url": url}),
    )
    return aai.Transcript("t1", client=client).wait_for_completion()


# -- redacted-audio URLs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/hostname", "/v2/transcript/t1", "ftp://127.0.0.1/x.wav", "data:,RIFF"],
)
def test_a_redacted_audio_url_that_is_not_absolute_http_is_not_fetched(
    server: ScriptedServer, client: aai.Client, tmp_path: Path, url: str
) -> None:
    transcript = _redacted_audio_at(server, client, url)
    target = tmp_path / "redacted.wav"
    with pytest.raises(aai.types.RedactedAudioUnavailableError) as caught:
        transcript.save_redacted_audio(target)
    assert "not an absolute http(s) URL" in str(caught.value)
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert [r.path for r in server.requests] == [T1, T1 + "/redacted-audio"]  # nothing else


@pytest.mark.parametrize("where", ["api host", "other host"])
def test_redacted_audio_is_fetched_without_the_api_key_on_any_host(
    server: ScriptedServer,
    other_host: ScriptedServer,
    client: aai.Client,
    tmp_path: Path,
    where: str,
) -> None:
    host = server if where == "api host" else other_host
    host.route("GET", "/presigned/t1.wav", respond(200, body=b"RIFF-redacted"))
    transcript = _redacted_audio_at(server, client, f"{host.url}/presigned/t1.wav?sig=abc")
    transcript.save_redacted_audio(tmp_path / "redacted.wav")
    assert (tmp_path / "redacted.wav").read_bytes() == b"RIFF-redacted"
    [download] = [r for r in host.requests if r.path.startswith("/presigned/")]
    assert "authorization" not in download.headers
    assert all(API_KEY not in value for value in download.headers.values())
