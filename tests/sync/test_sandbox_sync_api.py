"""The sandbox's synchronous API, driven with plain httpx: its spec checks and its judgement
of the audio, as the SDK alone would never show them (it refuses such requests itself)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav
from assemblyai.testing._sync_api import parse_multipart
from tests.sync.conftest import REPO

MODEL = {"X-AAI-Model": "universal-3-5-pro"}


@pytest.fixture
def fake() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(strict=False, configure_settings=False) as sandbox:
        yield sandbox


@pytest.fixture
def client(fake: FakeAssemblyAI) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fake.base_url, headers={"Authorization": fake.api_key}) as http:
        yield http


def _post(
    client: httpx.Client,
    audio: bytes | None,
    config: Any = None,
    *,
    content_type: str = "audio/wav",
    headers: dict[str, str] = MODEL,
) -> httpx.Response:
    files: list[tuple[str, Any]] = []
    if audio is not None:
        files.append(("audio", ("a.wav", audio, content_type)))
    if config is not None:
        files.append(("config", (None, json.dumps(config).encode(), "application/json")))
    return client.post("/v1/transcribe", files=files or {"other": ("x", b"x")}, headers=headers)


def _problem(response: httpx.Response) -> tuple[int, str]:
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code
    return response.status_code, body["title"]


@pytest.mark.parametrize(
    ("kwargs", "violation"),
    [
        ({"headers": {}}, "header X-AAI-Model is required"),
        ({"config": {"prompt": "p" * 4097}}, "config /prompt"),
        ({"config": {"channels": 3}}, "config /channels"),
        ({"config": {"keyterms_prompt": ["k" * 2049]}}, "keyterms_prompt holds 2049 characters"),
        ({"config": {"language_codes": ["en-US"]}}, "config /language_codes/0"),
    ],
)
def test_requests_breaking_the_spec_are_violations(
    fake: FakeAssemblyAI, client: httpx.Client, kwargs: dict[str, Any], violation: str
) -> None:
    response = _post(client, make_wav(1.0), **kwargs)
    assert _problem(response) == (400, "Invalid Request")
    assert len(fake.violations) == 1 and violation in str(fake.violations[0])


def test_no_audio_part_and_no_multipart(fake: FakeAssemblyAI, client: httpx.Client) -> None:
    assert _problem(_post(client, None)) == (400, "Invalid Request")
    response = client.post("/v1/transcribe", content=b"{}", headers={**MODEL})
    assert _problem(response) == (400, "Invalid Request")
    assert "no `audio` part" in str(fake.violations[0])
    assert "must be multipart/form-data" in str(fake.violations[1])


@pytest.mark.parametrize(
    ("audio", "config", "content_type", "expected"),
    [
        (make_wav(121.0, sample_rate=8000), None, "audio/wav", (400, "Audio Too Long")),
        (make_wav(0.01, sample_rate=8000), None, "audio/wav", (400, "Audio Too Short")),
        (b"ID3" + bytes(100), None, "audio/wav", (422, "Bad Audio")),
        (bytes(3200), None, "audio/pcm", (422, "Bad Audio")),
    ],
)
def test_the_audio_is_judged_like_the_api(
    fake: FakeAssemblyAI,
    client: httpx.Client,
    audio: bytes,
    config: Any,
    content_type: str,
    expected: tuple[int, str],
) -> None:
    response = _post(client, audio, config, content_type=content_type)
    assert _problem(response) == expected
    assert fake.violations == [] and fake.response_errors == []


def test_placeholder_speech_fills_unregistered_audio(
    fake: FakeAssemblyAI, client: httpx.Client
) -> None:
    body = _post(
        client,
        bytes(16000 * 2 * 4),
        {"sample_rate": 16000, "channels": 1},
        content_type="audio/pcm",
    ).json()
    assert body["audio_duration_ms"] == 4000
    assert len(body["words"]) == 10  # 2.5 words a second
    assert body["text"].startswith("Welcome to the weekly planning call.")
    assert fake.response_errors == []


def test_parse_multipart_refuses_other_bodies() -> None:
    assert parse_multipart("application/json", b"{}") is None
    assert parse_multipart("multipart/form-data", b"") is None


def test_cli_serve_prints_the_synchronous_api() -> None:
    command = [sys.executable, "-m", "assemblyai.testing", "serve", "--api-key", "cli-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline() for _ in range(4)]
            assert lines[3].startswith("Synchronous API (/v1/transcribe, /v1/warm) at http://")
            url = lines[3].rsplit(" at ", 1)[1].strip()
            headers = {"Authorization": "cli-key", **MODEL}
            assert httpx.get(url + "/v1/warm", headers=headers, timeout=5).status_code == 200
        finally:
            process.terminate()
            process.wait(timeout=10)
