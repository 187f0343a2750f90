"""Request checking: spec violations (400 naming the field), keys (401), ids (404), routes."""

from __future__ import annotations

import httpx
import pytest

from assemblyai.testing import FakeAssemblyAI, SpecViolationError

from .conftest import create


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({}, "/audio_url: the required property 'audio_url' is missing"),
        ({"audio_url": 5}, "/audio_url: 5 is not of type string"),
        (
            {"audio_url": "https://x/a.mp3", "speaker_labels": "yes"},
            "/speaker_labels: 'yes' is not of type boolean",
        ),
        (
            {"audio_url": "https://x/a.mp3", "word_boost_typo": True},
            "/word_boost_typo: the property 'word_boost_typo' is not allowed",
        ),
        (
            {"audio_url": "https://x/a.mp3", "speech_model": "tiny"},
            "/speech_model: 'tiny' matches none of the oneOf schemas",
        ),
        (
            {"audio_url": "https://x/a.mp3", "content_safety_confidence": 101},
            "/content_safety_confidence: 101 is greater than the maximum of 100",
        ),
        (
            {"audio_url": "https://x/a.mp3", "redact_pii_policies": ["person_name", "shoe_size"]},
            "/redact_pii_policies/1: 'shoe_size' is not one of",
        ),
        (
            {"audio_url": "https://x/a.mp3", "custom_spelling": [{"from": "x", "to": "y"}]},
            "/custom_spelling/0/from: 'x' is not of type array",
        ),
    ],
)
def test_body_violations_are_400_naming_the_field(
    client: httpx.Client, fake: FakeAssemblyAI, body: dict[str, object], needle: str
) -> None:
    response = client.post("/v2/transcript", json=body)
    assert response.status_code == 400
    assert needle in response.json()["error"]
    assert needle in str(fake.violations[-1])
    assert fake.transcript_ids == []


def test_body_framing_violations(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    not_json = client.post(
        "/v2/transcript", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert not_json.status_code == 400 and "not valid JSON" in not_json.json()["error"]
    no_type = client.post("/v2/transcript", content=b'{"audio_url": "https://x/a.mp3"}')
    assert no_type.status_code == 400 and "application/json" in no_type.json()["error"]
    wrong_type = client.post(
        "/v2/transcript",
        content=b'{"audio_url": "https://x/a.mp3"}',
        headers={"Content-Type": "text/plain"},
    )
    assert wrong_type.status_code == 400 and "Content-Type text/plain" in wrong_type.json()["error"]
    empty = client.post("/v2/transcript")
    assert empty.status_code == 400 and "body is required" in empty.json()["error"]
    body_on_get = client.request("GET", "/v2/transcript", content=b"x")
    assert body_on_get.status_code == 400 and "takes no request body" in body_on_get.json()["error"]
    assert len(fake.violations) == 5


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"limit": 0}, "query parameter limit: 0 is less than the minimum of 1"),
        ({"limit": 201}, "query parameter limit: 201 is greater than the maximum of 200"),
        ({"limit": "ten"}, "query parameter limit: 'ten' is not of type integer"),
        ({"status": "done"}, "query parameter status: 'done' is not one of"),
        (
            {"throttled_only": "True"},
            "query parameter throttled_only: 'True' is not of type boolean",
        ),
        ({"page": 2}, "query parameter page is not defined for GET /v2/transcript"),
        ([("limit", 1), ("limit", 2)], "query parameter limit is given 2 times"),
    ],
)
def test_query_violations(client: httpx.Client, params: object, needle: str) -> None:
    response = client.get("/v2/transcript", params=params)  # type: ignore[arg-type]
    assert response.status_code == 400
    assert needle in response.json()["error"]


def test_path_and_required_query_violations(client: httpx.Client) -> None:
    created = create(client)
    response = client.get(f"/v2/transcript/{created['id']}/txt")
    assert response.status_code == 400
    assert (
        "path parameter subtitle_format: 'txt' is not one of ['srt', 'vtt']"
        in response.json()["error"]
    )
    missing = client.get(f"/v2/transcript/{created['id']}/word-search")
    assert (
        missing.status_code == 400
        and "query parameter words is required" in missing.json()["error"]
    )
    token = client.post("/v2/realtime/token", json={"expires_in": 5})
    assert (
        token.status_code == 400
        and "/expires_in: 5 is less than the minimum of 60" in token.json()["error"]
    )
    v3 = client.get("/v3/token")
    assert v3.status_code == 400 and "expires_in_seconds is required" in v3.json()["error"]


def test_lemur_violations(client: httpx.Client) -> None:
    response = client.post(
        "/lemur/v3/generate/summary", json={"sources": [{"id": "x", "type": "transcript"}]}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "/sources: the property 'sources' is not allowed" in error
    assert "/final_model: the required property 'final_model' is missing" in error


@pytest.mark.parametrize("headers", [{}, {"Authorization": "wrong"}, {"Authorization": ""}])
def test_missing_or_wrong_key_is_401(fake: FakeAssemblyAI, headers: dict[str, str]) -> None:
    response = httpx.get(fake.url("/v2/transcript"), headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": "Authentication error, API token missing/invalid"}
    assert fake.violations == []
    recorded = fake.requests[-1]
    assert recorded.headers.get("authorization", "") in ("", "***")


def test_the_key_is_checked_before_the_body(fake: FakeAssemblyAI) -> None:
    response = httpx.post(fake.url("/v2/transcript"), json={}, headers={"Authorization": "bad"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v2/transcript/nope"),
        ("DELETE", "/v2/transcript/nope"),
        ("GET", "/v2/transcript/nope/srt"),
        ("GET", "/v2/transcript/nope/sentences"),
        ("GET", "/v2/transcript/nope/paragraphs"),
        ("GET", "/v2/transcript/nope/word-search?words=a"),
        ("GET", "/v2/transcript/nope/redacted-audio"),
    ],
)
def test_unknown_transcript_id_is_404(client: httpx.Client, method: str, path: str) -> None:
    response = client.request(method, path)
    assert response.status_code == 404
    assert response.json() == {"error": "Transcript lookup error, transcript id not found"}


def test_unknown_lemur_request_is_404(client: httpx.Client) -> None:
    assert client.get("/lemur/v3/nope").status_code == 404
    assert client.delete("/lemur/v3/nope").status_code == 404


def test_unknown_route_and_method(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    unknown = client.get("/v2/nothing-here")
    assert unknown.status_code == 404 and unknown.json() == {"error": "Not found"}
    wrong_method = client.put("/v2/transcript", json={})
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "GET, POST"
    assert [v.errors[0] for v in fake.violations] == [
        "no operation in the spec matches GET /v2/nothing-here",
        "Method PUT is not allowed on /v2/transcript; use GET, POST",
    ]


def test_semantic_errors_the_api_makes(client: httpx.Client) -> None:
    both = client.post(
        "/v2/transcript",
        json={
            "audio_url": "https://x/a.mp3",
            "speech_models": ["universal-2"],
            "auto_chapters": True,
            "summarization": True,
        },
    )
    assert both.status_code == 400 and "auto_chapters and summarization" in both.json()["error"]
    not_http = client.post(
        "/v2/transcript", json={"audio_url": "s3://bucket/a.mp3", "speech_models": ["universal-2"]}
    )
    assert not_http.status_code == 400 and "http(s)" in not_http.json()["error"]


def test_strict_mode_raises_at_exit_and_can_be_acknowledged() -> None:
    with (
        pytest.raises(
            SpecViolationError, match=r"1 request\(s\) broke the spec:\n  - POST /v2/transcript"
        ),
        FakeAssemblyAI(configure_settings=False) as fake,
    ):
        httpx.post(fake.url("/v2/transcript"), json={}, headers={"Authorization": fake.api_key})
    with FakeAssemblyAI(configure_settings=False) as fake:
        httpx.post(fake.url("/v2/transcript"), json={}, headers={"Authorization": fake.api_key})
        assert len(fake.violations) == 1
        fake.violations.clear()
    # An exception already on its way out is not masked by the violation report.
    with pytest.raises(KeyError), FakeAssemblyAI(configure_settings=False) as fake:
        httpx.post(fake.url("/v2/transcript"), json={}, headers={"Authorization": fake.api_key})
        raise KeyError("the test's own failure")


def test_requests_are_recorded_without_the_key(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    created = create(client, speaker_labels=True)
    client.get(f"/v2/transcript/{created['id']}", params={"x": "1"})
    first, second = fake.requests
    assert first.method == "POST" and first.path == "/v2/transcript" and first.status == 200
    assert first.operation_id == "createTranscript" and first.body_size > 0
    assert first.headers["authorization"] == "***"
    assert fake.api_key not in repr(fake.requests)
    assert second.query == {"x": ["1"]} and second.status == 400
    assert fake.count("POST /v2/transcript") == 1
    assert fake.count("GET /v2/transcript/{transcript_id}") == 1
    assert fake.count("/v2/transcript/*") == 1
    assert fake.count("/v2/**") == 2
    assert fake.count("getTranscript") == 1
    assert [r.route for r in fake.requests_to("createTranscript")] == ["POST /v2/transcript"]
