"""Fault injection, one kind at a time, seen through plain httpx."""

from __future__ import annotations

import time

import httpx
import pytest

from assemblyai.testing import FakeAssemblyAI

from .conftest import create

AUDIO = {"audio_url": "https://example.com/a.mp3", "speech_models": ["universal-2"]}


def test_status_sequence_then_normal_behaviour(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    rule = fake.faults.add("POST /v2/transcript", statuses=[503, 500])
    first = client.post("/v2/transcript", json=AUDIO)
    second = client.post("/v2/transcript", json=AUDIO)
    third = client.post("/v2/transcript", json=AUDIO)
    assert [first.status_code, second.status_code, third.status_code] == [503, 500, 200]
    assert first.json() == {"error": "Service temporarily unavailable"}
    assert second.json() == {"error": "Internal server error"}
    assert rule.hits == 2 and fake.faults.rules == ()
    # Faulted requests never reached the API: only the third created a transcript.
    assert len(fake.transcript_ids) == 1
    assert [r.fault for r in fake.requests] == ["status=503", "status=500", None]
    assert [r.status for r in fake.requests] == [503, 500, 200]


def test_other_routes_are_untouched(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("POST /v2/transcript", statuses=[503])
    assert client.get("/v2/transcript").status_code == 200
    assert client.post("/v2/upload", content=b"abc").status_code == 200
    assert client.post("/v2/transcript", json=AUDIO).status_code == 503


def test_retry_after_headers(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add(
        "/v2/transcript",
        statuses=[429, 503],
        retry_after=1.5,
        retry_after_ms=1500,
        message="slow down",
    )
    limited = client.get("/v2/transcript")
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "1.5"
    assert limited.headers["retry-after-ms"] == "1500"
    assert limited.json() == {"error": "slow down"}
    fake.faults.add("/v2/transcript", statuses=[503], retry_after=2)
    assert (
        client.get("/v2/transcript").headers["retry-after"] == "1.5"
    )  # the first rule's second use
    assert client.get("/v2/transcript").headers["retry-after"] == "2"
    assert "retry-after" not in client.get("/v2/transcript").headers


def test_latency(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("GET /v2/transcript", latency=0.3)
    started = time.monotonic()
    assert client.get("/v2/transcript").status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    client.get("/v2/transcript")
    assert time.monotonic() - started < 0.3  # used up after one request


def test_latency_beyond_the_client_timeout(fake: FakeAssemblyAI) -> None:
    fake.faults.add(latency=0.5)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(fake.url("/v2/transcript"), headers={"Authorization": fake.api_key}, timeout=0.1)


def test_drop_after_bytes_of_the_body(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("POST /v2/upload", drop_after_bytes=64 * 1024)
    with pytest.raises(httpx.TransportError):
        client.post("/v2/upload", content=b"\x01" * (4 * 1024 * 1024))
    dropped = fake.requests[-1]
    assert dropped.status is None and dropped.body_size == 64 * 1024
    assert dropped.fault == "drop_after_bytes=65536"
    assert fake.uploads == {}
    retry = client.post("/v2/upload", content=b"\x01" * 1000)
    assert retry.status_code == 200 and len(fake.uploads) == 1


def test_drop_before_reading_the_body(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("createTranscript", drop_after_bytes=0)
    with pytest.raises(httpx.TransportError):
        client.post("/v2/transcript", json=AUDIO)
    assert fake.requests[-1].body_size == 0 and fake.requests[-1].status is None
    assert fake.transcript_ids == []
    assert client.post("/v2/transcript", json=AUDIO).status_code == 200


def test_drop_a_streamed_upload(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("/v2/upload", drop_after_bytes=10_000)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(200):
            yield b"\x02" * 4096

    with pytest.raises(httpx.TransportError):
        client.post("/v2/upload", content=chunks())
    assert fake.requests[-1].body_size == 10_000


def test_truncated_body(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("POST /v2/transcript", truncate_body=True)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v2/transcript", json=AUDIO)
    # The request was handled: the transcript exists although the answer was cut short.
    assert len(fake.transcript_ids) == 1
    assert fake.requests[-1].status == 200 and fake.requests[-1].fault == "truncate_body"
    assert client.get("/v2/transcript").status_code == 200


def test_truncated_error_body(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("GET /v2/transcript", statuses=[500], truncate_body=True)
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("/v2/transcript")


def test_non_json_bodies(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    fake.faults.add("/v2/transcript", statuses=[502], non_json=True)
    gateway = client.get("/v2/transcript")
    assert gateway.status_code == 502
    assert gateway.headers["content-type"] == "text/html"
    assert gateway.text.startswith("<html>") and "502 Bad gateway" in gateway.text
    with pytest.raises(ValueError):
        gateway.json()
    fake.faults.add("/v2/transcript", non_json=True)
    ok_but_html = client.get("/v2/transcript")
    assert ok_but_html.status_code == 200 and ok_but_html.headers["content-type"] == "text/html"


def test_global_persistent_rules_and_removal(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    rule = fake.faults.add(statuses=[503], persistent=True)
    assert client.get("/v2/transcript").status_code == 503
    assert client.post("/v2/upload", content=b"x").status_code == 503
    assert client.get("/v3/token?expires_in_seconds=60").status_code == 503
    assert rule.hits == 3 and not rule.exhausted
    fake.faults.remove(rule)
    assert client.get("/v2/transcript").status_code == 200


def test_times_and_clear(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    rule = fake.faults.add("/v2/transcript/{transcript_id}", statuses=[500], times=3)
    created = create(client)
    codes = [client.get(f"/v2/transcript/{created['id']}").status_code for _ in range(4)]
    assert codes == [500, 200, 200, 200]  # statuses first; only three uses in total
    assert rule.hits == 3
    fake.faults.add(statuses=[500], persistent=True)
    fake.faults.clear()
    assert client.get("/v2/transcript").status_code == 200


def test_faults_apply_to_keyless_and_unknown_requests(fake: FakeAssemblyAI) -> None:
    fake.faults.add("/nowhere", statuses=[418])
    assert httpx.get(fake.url("/nowhere")).status_code == 418
    assert fake.violations == []  # a faulted request is not checked


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"statuses": [42]}, "not an HTTP status"),
        ({"drop_after_bytes": -1}, "drop_after_bytes"),
        ({"latency": -1}, "latency"),
        ({"times": 0}, "times"),
    ],
)
def test_bad_rules_are_refused(
    fake: FakeAssemblyAI, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        fake.faults.add("/v2/upload", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must start with"):
        fake.faults.add("GET v2/upload")
