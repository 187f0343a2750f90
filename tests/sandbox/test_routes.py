"""Every route of the spec, answered by the sandbox with spec-valid responses."""

from __future__ import annotations

from typing import Any

import httpx

from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav, probe
from assemblyai.testing._schema import SchemaValidator

from .conftest import ManualClock, create, finished

LEMUR_MODEL = "anthropic/claude-3-5-sonnet"


def schema_of(fake: FakeAssemblyAI, operation_id: str, status: int = 200) -> Any:
    operation = fake._app.router.operation(operation_id)
    documented, schema = operation.response_schema(status, "application/json")
    assert documented
    return schema


def assert_valid(fake: FakeAssemblyAI, spec: SchemaValidator, operation_id: str, body: Any) -> None:
    assert spec.validate(body, schema_of(fake, operation_id)) == []


def exercise_every_route(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> dict[str, Any]:
    """Call each operation once, successfully; return the bodies by operationId."""
    bodies: dict[str, Any] = {}
    upload = client.post("/v2/upload", content=make_wav(3.0))
    bodies["uploadFile"] = upload.json()
    transcript = finished(
        client,
        clock,
        audio_url=upload.json()["upload_url"],
        redact_pii=True,
        redact_pii_audio=True,
        redact_pii_policies=["person_name"],
    )
    bodies["createTranscript"] = create(client)
    tid = transcript["id"]
    bodies["getTranscript"] = transcript
    bodies["listTranscripts"] = client.get("/v2/transcript").json()
    srt = client.get(f"/v2/transcript/{tid}/srt")
    assert srt.status_code == 200 and srt.headers["content-type"].startswith("text/plain")
    vtt = client.get(f"/v2/transcript/{tid}/vtt", params={"chars_per_caption": 20})
    assert vtt.status_code == 200 and vtt.text.startswith("WEBVTT")
    bodies["getSubtitles"] = srt.text
    bodies["getTranscriptSentences"] = client.get(f"/v2/transcript/{tid}/sentences").json()
    bodies["getTranscriptParagraphs"] = client.get(f"/v2/transcript/{tid}/paragraphs").json()
    bodies["wordSearch"] = client.get(
        f"/v2/transcript/{tid}/word-search", params={"words": "weekly"}
    ).json()
    bodies["getRedactedAudio"] = client.get(f"/v2/transcript/{tid}/redacted-audio").json()
    bodies["createTemporaryToken"] = client.post(
        "/v2/realtime/token", json={"expires_in": 60}
    ).json()
    bodies["generateStreamingToken"] = client.get(
        "/v3/token", params={"expires_in_seconds": 60}
    ).json()
    common = {"transcript_ids": [tid], "final_model": LEMUR_MODEL}
    bodies["lemurTask"] = client.post(
        "/lemur/v3/generate/task", json={**common, "prompt": "What happened?"}
    ).json()
    bodies["lemurSummary"] = client.post("/lemur/v3/generate/summary", json=common).json()
    bodies["lemurActionItems"] = client.post("/lemur/v3/generate/action-items", json=common).json()
    bodies["lemurQuestionAnswer"] = client.post(
        "/lemur/v3/generate/question-answer",
        json={**common, "questions": [{"question": "Who spoke?"}]},
    ).json()
    request_id = bodies["lemurTask"]["request_id"]
    bodies["getLemurResponse"] = client.get(f"/lemur/v3/{request_id}").json()
    bodies["purgeLemurRequestData"] = client.delete(f"/lemur/v3/{request_id}").json()
    bodies["createChatCompletion"] = client.post(
        "/v1/chat/completions", json={"model": "claude-sonnet-4-5-20250929", "prompt": "Hi."}
    ).json()
    bodies["createSpeechUnderstanding"] = client.post(
        "/v1/understanding",
        json={
            "transcript_id": tid,
            "speech_understanding": {"request": {"translation": {"target_languages": ["es"]}}},
        },
    ).json()
    bodies["deleteTranscript"] = client.delete(f"/v2/transcript/{tid}").json()
    return bodies


def test_every_operation_in_the_spec_is_served(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI, spec: SchemaValidator
) -> None:
    bodies = exercise_every_route(client, clock, fake)
    operations = {op.operation_id for op in fake._app.router.operations}
    assert operations == set(bodies)
    assert {r.operation_id for r in fake.requests} == operations
    assert all(r.status == 200 for r in fake.requests)
    for operation_id, body in bodies.items():
        if operation_id != "getSubtitles":
            assert_valid(fake, spec, operation_id, body)
    assert fake.violations == []
    assert fake.response_errors == []


def test_upload_returns_a_url_on_the_fake_that_serves_the_bytes(
    client: httpx.Client, fake: FakeAssemblyAI
) -> None:
    data = make_wav(1.5)
    response = client.post(
        "/v2/upload", content=data, headers={"Content-Type": "application/octet-stream"}
    )
    url = response.json()["upload_url"]
    assert url.startswith(fake.base_url + "/_uploads/")
    assert httpx.get(url).content == data  # no key needed, like a presigned URL
    assert list(fake.uploads.values()) == [data]
    assert client.post("/v2/upload", content=b"").status_code == 400


def test_upload_accepts_a_streamed_chunked_body(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    data = make_wav(2.0)

    def chunks() -> Any:
        for start in range(0, len(data), 1000):
            yield data[start : start + 1000]

    response = client.post("/v2/upload", content=chunks())
    assert response.status_code == 200
    assert fake.requests[-1].headers.get("transfer-encoding") == "chunked"
    assert list(fake.uploads.values()) == [data]


def test_redacted_audio_download_is_a_wav(client: httpx.Client, clock: ManualClock) -> None:
    transcript = finished(
        client, clock, redact_pii=True, redact_pii_audio=True, redact_pii_audio_quality="wav"
    )
    url = client.get(f"/v2/transcript/{transcript['id']}/redacted-audio").json()[
        "redacted_audio_url"
    ]
    assert url.endswith(".wav")
    download = httpx.get(url)
    assert download.status_code == 200 and download.headers["content-type"] == "audio/wav"
    assert probe(download.content).duration == 30.0


def test_redacted_audio_states(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    pending = create(client, redact_pii=True, redact_pii_audio=True)
    assert client.get(f"/v2/transcript/{pending['id']}/redacted-audio").status_code == 202
    plain = finished(client, clock)
    response = client.get(f"/v2/transcript/{plain['id']}/redacted-audio")
    assert response.status_code == 400 and "redact_pii_audio" in response.json()["error"]
    assert httpx.get(fake.url(f"/_redacted/{plain['id']}.mp3")).status_code == 404
    assert httpx.get(fake.url("/_uploads/nope")).status_code == 404


def test_word_search_finds_phrases(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    fake.register_script(
        "https://example.com/s.mp3", text="Smoke rises. Smoke from the wildfires spreads."
    )
    transcript = finished(client, clock, audio_url="https://example.com/s.mp3")
    response = client.get(
        f"/v2/transcript/{transcript['id']}/word-search",
        params={"words": "smoke,the wildfires,absent"},
    )
    body = response.json()
    assert body["total_count"] == 3
    assert [(m["text"], m["count"], m["indexes"]) for m in body["matches"]] == [
        ("smoke", 2, [0, 2]),
        ("the wildfires", 1, [4]),
    ]


def test_subtitles_honour_chars_per_caption(client: httpx.Client, clock: ManualClock) -> None:
    transcript = finished(client, clock)
    srt = client.get(
        f"/v2/transcript/{transcript['id']}/srt", params={"chars_per_caption": 16}
    ).text
    captions = srt.strip().split("\n\n")
    assert all(len(block.split("\n")[2]) <= 16 for block in captions)
    bad = client.get(f"/v2/transcript/{transcript['id']}/srt", params={"chars_per_caption": 0})
    assert bad.status_code == 400


def test_exports_need_a_completed_transcript(client: httpx.Client) -> None:
    created = create(client)
    for suffix in ("srt", "vtt", "sentences", "paragraphs", "word-search?words=a"):
        response = client.get(f"/v2/transcript/{created['id']}/{suffix}")
        assert response.status_code == 400
        assert "not completed" in response.json()["error"]


def test_tokens_are_remembered(
    client: httpx.Client, fake: FakeAssemblyAI, clock: ManualClock
) -> None:
    v2 = client.post("/v2/realtime/token", json={"expires_in": 60}).json()["token"]
    v3 = client.get(
        "/v3/token", params={"expires_in_seconds": 30, "max_session_duration_seconds": 600}
    ).json()
    assert v3["expires_in_seconds"] == 30
    assert fake.token_is_valid(v2, "v2") and not fake.token_is_valid(v2, "v3")
    assert fake.token_is_valid(v3["token"], "v3")
    assert fake.tokens[v3["token"]].max_session_duration == 600
    clock.advance(45)
    assert not fake.token_is_valid(v3["token"], "v3") and fake.token_is_valid(v2, "v2")
    assert not fake.token_is_valid("made-up", "v2")
