"""Fixtures for the sandbox tests: a fake with a hand-driven clock and an httpx client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._schema import SchemaValidator


class ManualClock:
    """A clock that only moves when told to, so lifecycle tests never sleep."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> Iterator[FakeAssemblyAI]:
    """A non-strict fake (these tests send bad requests on purpose) on a manual clock.

    Transcripts are queued for 1 s and complete 5 s after creation. Every test also checks
    that each answer the fake gave matched the spec's response schemas.
    """
    with FakeAssemblyAI(
        strict=False, clock=clock, processing_time=5.0, queue_time=1.0, configure_settings=False
    ) as fake:
        yield fake
    assert fake.response_errors == []


@pytest.fixture(scope="session")
def _shared_client() -> Iterator[httpx.Client]:
    # Building an httpx.Client costs ~50 ms (TLS context); share one across tests. Each
    # fake listens on its own port, so pooled connections are never reused across fakes.
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture
def client(fake: FakeAssemblyAI, _shared_client: httpx.Client) -> httpx.Client:
    """An httpx client whose base URL is the fake and which sends the fake's key."""
    _shared_client.base_url = httpx.URL(fake.base_url)
    _shared_client.headers = httpx.Headers({"Authorization": fake.api_key})
    return _shared_client


@pytest.fixture
def spec(fake: FakeAssemblyAI) -> SchemaValidator:
    return fake._app.router.operation("getTranscript").validator


# Since the 2026 revision every transcription request names its speech models.
MODELS = ["universal-3-5-pro", "universal-2"]


def create(client: httpx.Client, **params: Any) -> dict[str, Any]:
    """POST /v2/transcript with ``params`` (a default audio_url and speech_models) and return
    the JSON."""
    params.setdefault("audio_url", "https://example.com/audio.mp3")
    params.setdefault("speech_models", MODELS)
    response = client.post("/v2/transcript", json=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def finished(client: httpx.Client, clock: ManualClock, **params: Any) -> dict[str, Any]:
    """Create a transcript, let the clock pass its processing time, and GET it."""
    created = create(client, **params)
    clock.advance(10)
    response = client.get(f"/v2/transcript/{created['id']}")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body
