"""Hostile or broken servers: answers that try to make the SDK read, send or keep too much.

Every scenario talks to scripted servers on loopback addresses (``ScriptedServer``), is
bounded in time, and (through the ``no_leaks`` fixture) leaves no thread or socket behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
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


SaveRedacted = Callable[[Path], None]


def _redacted_audio_at(server: ScriptedServer, url: str) -> None:
    """The API says that transcript t1's redacted audio is at ``url``."""
    body = payloads.transcript(
        redact_pii=True, redact_pii_audio=True, redact_pii_policies=["person_name"]
    )
    server.route("GET", T1, respond(200, json=body))
    server.route(
        "GET",
        T1 + "/redacted-audio",
        respond(200, json={"status": "redacted_audio_ready", "redacted_audio_url": url}),
    )


@pytest.fixture(params=["sync", "async"])
def save_redacted(request: pytest.FixtureRequest, client: aai.Client) -> SaveRedacted:
    """``save_redacted_audio`` of transcript t1, through the sync or the async shell."""

    def sync(target: Path) -> None:
        aai.Transcript("t1", client=client).wait_for_completion().save_redacted_audio(target)

    def in_asyncio(target: Path) -> None:
        async def run() -> None:
            try:
                transcript = await aai.AsyncTranscriber(client=client).wait_for_completion("t1")
                await transcript.save_redacted_audio(target)
            finally:
                await client.async_http_client.aclose()  # of this event loop

        asyncio.run(run())

    return sync if request.param == "sync" else in_asyncio


# -- redacted-audio URLs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["file:///etc/hostname", "/v2/transcript/t1", "ftp://127.0.0.1/x.wav", "data:,RIFF"],
)
def test_a_redacted_audio_url_that_is_not_absolute_http_is_not_fetched(
    server: ScriptedServer, save_redacted: SaveRedacted, tmp_path: Path, url: str
) -> None:
    _redacted_audio_at(server, url)
    target = tmp_path / "redacted.wav"
    with pytest.raises(aai.types.RedactedAudioUnavailableError) as caught:
        save_redacted(target)
    assert "not an absolute http(s) URL" in str(caught.value)
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert [r.path for r in server.requests] == [T1, T1 + "/redacted-audio"]  # nothing else


@pytest.mark.parametrize("where", ["api host", "other host"])
def test_redacted_audio_is_fetched_without_the_api_key_on_any_host(
    server: ScriptedServer,
    other_host: ScriptedServer,
    save_redacted: SaveRedacted,
    tmp_path: Path,
    where: str,
) -> None:
    host = server if where == "api host" else other_host
    host.route("GET", "/presigned/t1.wav", respond(200, body=b"RIFF-redacted"))
    _redacted_audio_at(server, f"{host.url}/presigned/t1.wav?sig=abc")
    save_redacted(tmp_path / "redacted.wav")
    assert (tmp_path / "redacted.wav").read_bytes() == b"RIFF-redacted"
    [download] = [r for r in host.requests if r.path.startswith("/presigned/")]
    assert "authorization" not in download.headers
    assert all(API_KEY not in value for value in download.headers.values())


# -- bodies too deep to read -----------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 200])
def test_json_nested_too_deeply_is_a_typed_error(
    server: ScriptedServer, client: aai.Client, status: int
) -> None:
    """100,000 nested arrays: past Python's recursion limit, yet a typed error, not RecursionError."""
    depth = 100_000
    server.route("GET", T1, respond(status, body=b"[" * depth + b"]" * depth))
    with pytest.raises(aai.TranscriptError) as caught:
        aai.Transcript("t1", client=client).wait_for_completion()
    error = caught.value
    if status == 400:
        assert isinstance(error, aai.BadRequestError) and error.status_code == 400
        assert "[[[" not in str(error)
    else:
        assert isinstance(error, aai.APIResponseValidationError)
        assert "could not be read" in str(error)
