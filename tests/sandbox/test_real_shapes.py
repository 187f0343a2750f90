"""``FakeAssemblyAI(responses="real")``: answers shaped like the real API's, requests still
checked strictly. Driven with plain httpx and websockets, so these tests do not depend on
what the SDK can read."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import connect as ws_connect

from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._real import ERAS

from .conftest import MODELS

pytestmark = pytest.mark.timeout(60)

URL = "https://example.com/audio.mp3"


def _fake(**options: Any) -> FakeAssemblyAI:
    return FakeAssemblyAI(
        strict=False,
        processing_time=0,
        queue_time=0,
        configure_settings=False,
        responses="real",
        **options,
    )


@pytest.fixture
def real() -> Iterator[FakeAssemblyAI]:
    with _fake() as fake:
        yield fake
    # Every answer was checked against the spec before it was reshaped.
    assert fake.response_errors == []


def _client(fake: FakeAssemblyAI) -> httpx.Client:
    return httpx.Client(base_url=fake.base_url, headers={"Authorization": fake.api_key})


def _transcripts(fake: FakeAssemblyAI, count: int, **params: Any) -> list[dict[str, Any]]:
    with _client(fake) as client:
        ids = [
            client.post(
                "/v2/transcript",
                json={"audio_url": f"{URL}?n={n}", "speech_models": MODELS, **params},
            ).json()["id"]
            for n in range(count)
        ]
        return [client.get(f"/v2/transcript/{i}").json() for i in ids]


def _era(fake: FakeAssemblyAI, body: dict[str, Any]) -> str:
    shapes = fake._app.real_shapes
    assert shapes is not None
    return shapes.era(body["id"])


def test_the_mode_is_checked_and_spec_is_the_default() -> None:
    with pytest.raises(ValueError, match="responses must be one of 'spec', 'real', not 'rael'"):
        FakeAssemblyAI(responses="rael")  # type: ignore[arg-type]
    with FakeAssemblyAI(configure_settings=False, processing_time=0) as fake:
        assert fake.responses == "spec"
        (body,) = _transcripts(fake, 1)
    assert isinstance(body["audio_duration"], int)
    assert "language_confidence" in body and "speech_model" in body


def test_every_era_shows_its_departures_from_the_spec(real: FakeAssemblyAI) -> None:
    bodies = _transcripts(real, 12)
    by_era: dict[str, list[dict[str, Any]]] = {}
    for body in bodies:
        by_era.setdefault(_era(real, body), []).append(body)
    assert set(by_era) == set(ERAS)
    for body in bodies:
        # undeclared in the published description
        assert body["word_boost"] == [] and body["boost_param"] is None
        assert body["audio_duration"] == 30.0 and isinstance(body["audio_duration"], float)
        assert body["redact_pii_sub"] is None and body["prompt"] is None  # null, not allowed
        unavailable = {"status": "unavailable", "results": [], "summary": {}}
        assert body["content_safety_labels"] == unavailable
        assert body["iab_categories_result"] == unavailable
    for body in by_era["2020"]:
        for left_out in ("language_confidence", "speech_model", "webhook_auth", "summarization"):
            assert left_out not in body
        assert all("speaker" not in word for word in body["words"])
    for body in by_era["2023"]:
        assert "language_confidence_threshold" not in body and body["cluster_id"] is None
        assert body["webhook_auth"] is False
    for body in by_era["2025"]:
        assert body["language_confidence"] is None and body["is_deleted"] is None
        assert isinstance(body["project_id"], int)


def test_values_are_never_lost_only_empty_fields_left_out(real: FakeAssemblyAI) -> None:
    params = {
        "speech_model": "best",
        "language_detection": True,
        "summarization": True,
        "content_safety": True,
        "redact_pii": True,
        "redact_pii_policies": ["person_name"],
    }
    for body in _transcripts(real, 6, **params):
        assert body["speech_model"] == "best"
        assert body["language_confidence"] == 0.9876
        assert body["summarization"] is True and body["redact_pii"] is True
        assert body["redact_pii_sub"] == "hash"
        assert set(body["content_safety_labels"]["severity_score_summary"]) == set(
            body["content_safety_labels"]["summary"]
        )


def test_unfinished_analysis_results_are_empty_objects(real: FakeAssemblyAI) -> None:
    real.processing_time = 60
    with _client(real) as client:
        body = client.post(
            "/v2/transcript",
            json={"audio_url": URL, "speech_models": MODELS, "iab_categories": True},
        )
    assert body.json()["status"] in ("queued", "processing")
    assert body.json()["iab_categories_result"] == {}
    assert body.json()["content_safety_labels"] == {}


def test_the_shapes_repeat_for_a_seed() -> None:
    def run(seed: int) -> tuple[list[str], list[dict[str, Any]]]:
        with _fake(seed=seed) as fake:
            bodies = _transcripts(fake, 6)
            return [_era(fake, body) for body in bodies], bodies

    assert run(7) == run(7)
    assert len({tuple(run(seed)[0]) for seed in range(4)}) > 1


def test_requests_are_still_checked_strictly(real: FakeAssemblyAI) -> None:
    with _client(real) as client:
        response = client.post("/v2/transcript", json={"audio_url": URL, "punctuate": "no"})
    assert response.status_code == 400
    assert len(real.violations) == 1
    real.violations.clear()


def test_list_items_and_lemur_answers(real: FakeAssemblyAI) -> None:
    bodies = _transcripts(real, 8)
    with _client(real) as client:
        page = client.get("/v2/transcript", params={"limit": 8}).json()
        answer = client.post(
            "/lemur/v3/generate/task",
            json={
                "transcript_ids": [bodies[0]["id"]],
                "prompt": "Summarise.",
                "final_model": "anthropic/claude-3-haiku",
            },
        ).json()
        again = client.get(f"/lemur/v3/{answer['request_id']}").json()
    for item in page["transcripts"]:
        assert ("error" in item) == (_era(real, item) == "2025")
    assert "usage" not in answer and "usage" not in again
    assert answer["response"] == again["response"]


def test_v3_sessions_send_what_the_real_api_sends(real: FakeAssemblyAI) -> None:
    real.streaming_text = "Hello there. How are you today? Fine, thanks."
    url = real.streaming_url + "/v3/ws?sample_rate=16000&format_turns=true"
    with ws_connect(url, additional_headers={"Authorization": real.api_key}) as ws:
        for _ in range(40):
            ws.send(b"\0\0" * 1600)  # 100 ms
        ws.send(json.dumps({"type": "Terminate"}))
        messages = []
        for frame in ws:
            messages.append(json.loads(frame))
    begin, *rest = messages
    assert isinstance(begin["expires_at"], int)
    kinds = [m["type"] for m in rest]
    assert kinds[0] == "SpeechStarted" and kinds[-1] == "Termination"
    turns = [m for m in rest if m["type"] == "Turn"]
    assert all("utterance" in m for m in turns)
    assert any("turn_order" not in m for m in turns) and any("turn_order" in m for m in turns)
    ended = [m for m in turns if m["end_of_turn"] and not m["turn_is_formatted"]]
    assert len(ended) >= 3 and all(m["utterance"] == m["transcript"] for m in ended)
    # One SpeechStarted opens each turn, just before its first Turn message.
    assert kinds.count("SpeechStarted") == len(ended)
    assert all(kinds[i + 1] == "Turn" for i, kind in enumerate(kinds) if kind == "SpeechStarted")
    assert isinstance(rest[-1]["audio_duration_seconds"], int)
    session = real.streaming_sessions[-1]
    assert session.sent == messages and session.problems == []


def test_the_pytest_option_reaches_the_fixture(tmp_path: Path) -> None:
    (tmp_path / "test_it.py").write_text(
        "import pytest\n"
        "def test_default(assemblyai_fake, request):\n"
        "    print('responses=' + assemblyai_fake.responses)\n"
        "@pytest.mark.assemblyai_fake(responses='spec')\n"
        "def test_marker_wins(assemblyai_fake):\n"
        "    assert assemblyai_fake.responses == 'spec'\n",
        encoding="utf-8",
    )

    def run(*options: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly", *options],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    assert "responses=spec" in run()
    assert "responses=real" in run("--assemblyai-responses=real")
