"""``fake.serve_body``: canned answers for a route; the request is still checked."""

from __future__ import annotations

import httpx
import pytest

from assemblyai.testing import FakeAssemblyAI

CAPTURED = {"id": "x", "status": "queued", "word_boost": [], "audio_duration": 12.225}


def test_a_served_body_is_sent_as_given_and_not_checked(
    fake: FakeAssemblyAI, client: httpx.Client
) -> None:
    fake.serve_body("GET /v2/transcript/{transcript_id}", CAPTURED, times=2)
    assert client.get("/v2/transcript/anything").json() == CAPTURED
    assert client.get("/v2/transcript/other").json() == CAPTURED
    # Used up: the sandbox answers again (an unknown id is a 404).
    assert client.get("/v2/transcript/anything").status_code == 404
    assert fake.response_errors == []


def test_the_request_is_still_checked(fake: FakeAssemblyAI, client: httpx.Client) -> None:
    fake.serve_body("createTranscript", CAPTURED)
    bad = client.post("/v2/transcript", json={"audio_url": "https://e.com/a", "punctuate": "no"})
    assert bad.status_code == 400 and len(fake.violations) == 1
    good = client.post(
        "/v2/transcript", json={"audio_url": "https://e.com/a", "speech_models": ["universal-2"]}
    )
    assert good.json() == CAPTURED


def test_newest_rule_wins_status_and_clearing(fake: FakeAssemblyAI, client: httpx.Client) -> None:
    fake.serve_body("GET /v2/transcript", {"first": True})
    fake.serve_body("listTranscripts", {"error": "slow down"}, status=429, times=1)
    answer = client.get("/v2/transcript")
    assert (answer.status_code, answer.json()) == (429, {"error": "slow down"})
    assert client.get("/v2/transcript").json() == {"first": True}
    fake.clear_served_bodies()
    assert "transcripts" in client.get("/v2/transcript").json()


def test_times_must_be_positive(fake: FakeAssemblyAI) -> None:
    with pytest.raises(ValueError, match="times must be at least 1"):
        fake.serve_body("/v2/upload", {}, times=0)
