"""Transcript lifecycle (timing, errors), listing with pagination, and deletion."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from assemblyai.testing import FakeAssemblyAI

from .conftest import ManualClock, create, finished


def status_of(client: httpx.Client, transcript_id: str) -> str:
    status: str = client.get(f"/v2/transcript/{transcript_id}").json()["status"]
    return status


def test_queued_then_processing_then_completed(client: httpx.Client, clock: ManualClock) -> None:
    created = create(client)
    assert created["status"] == "queued"
    assert created["text"] is None and created["words"] is None
    clock.advance(0.99)
    assert status_of(client, created["id"]) == "queued"
    clock.advance(0.02)
    assert status_of(client, created["id"]) == "processing"
    clock.advance(3.98)
    assert status_of(client, created["id"]) == "processing"
    clock.advance(0.02)
    body = client.get(f"/v2/transcript/{created['id']}").json()
    assert body["status"] == "completed"
    assert body["text"] and body["words"] and body["audio_duration"] == 30


def test_timing_measured_from_creation_with_real_time() -> None:
    with (
        FakeAssemblyAI(processing_time=0.3, queue_time=0.1, configure_settings=False) as fake,
        httpx.Client(base_url=fake.base_url, headers={"Authorization": fake.api_key}) as client,
    ):
        created = create(client)
        seen = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            seen.append(status_of(client, created["id"]))
            if seen[-1] == "completed":
                break
            time.sleep(0.02)
        assert seen[0] in ("queued", "processing") and seen[-1] == "completed"
        assert "processing" in seen
        assert seen == sorted(seen, key=["queued", "processing", "completed"].index)


def test_zero_processing_time_completes_at_once() -> None:
    with (
        FakeAssemblyAI(processing_time=0, configure_settings=False) as fake,
        httpx.Client(base_url=fake.base_url, headers={"Authorization": fake.api_key}) as client,
    ):
        assert create(client)["status"] == "completed"


def test_per_audio_processing_time_and_runtime_default(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    fake.register_script("https://example.com/slow.mp3", text="Slow.", processing_time=60)
    slow = create(client, audio_url="https://example.com/slow.mp3")
    fast = create(client)
    clock.advance(10)
    assert status_of(client, slow["id"]) == "processing"
    assert status_of(client, fast["id"]) == "completed"
    fake.processing_time = 0.5
    quick = create(client)
    clock.advance(0.5)
    assert status_of(client, quick["id"]) == "completed"


def test_forcing_completion_or_failure(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    first, second = create(client), create(client)
    fake.complete(first["id"])
    assert status_of(client, first["id"]) == "completed"
    fake.fail(second["id"], "Audio too short")
    body = client.get(f"/v2/transcript/{second['id']}").json()
    assert body["status"] == "error" and body["error"] == "Audio too short" and body["text"] is None


def test_errors_from_the_url_or_a_script(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    bad_url = finished(client, clock, audio_url="https://example.com/error-404.mp3")
    assert bad_url["status"] == "error"
    assert "Download error" in bad_url["error"] and "error-404.mp3" in bad_url["error"]
    fake.register_script("broken.wav", error="File does not appear to contain audio.")
    scripted = finished(client, clock, audio_url="https://cdn.example.com/x/broken.wav")
    assert (
        scripted["status"] == "error"
        and scripted["error"] == "File does not appear to contain audio."
    )
    missing_upload = finished(client, clock, audio_url=fake.url("/_uploads/unknown"))
    assert missing_upload["status"] == "error"
    assert "error" not in finished(client, clock)


# -- listing -------------------------------------------------------------------------------


def make_many(client: httpx.Client, clock: ManualClock, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        ids.append(create(client)["id"])
        clock.advance(0.01)
    return ids


def test_list_is_newest_first_with_page_details(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    ids = make_many(client, clock, 3)
    body = client.get("/v2/transcript").json()
    assert [t["id"] for t in body["transcripts"]] == ids[::-1]
    page = body["page_details"]
    assert page == {
        "limit": 10,
        "result_count": 3,
        "current_url": fake.url("/v2/transcript"),
        "prev_url": None,
        "next_url": None,
    }
    item = body["transcripts"][0]
    assert item["resource_url"] == fake.url(f"/v2/transcript/{ids[-1]}")
    assert item["status"] == "queued" and item["completed"] is None and item["error"] is None
    clock.advance(10)
    item = client.get("/v2/transcript").json()["transcripts"][0]
    assert item["status"] == "completed" and item["completed"] > item["created"]


def walk(client: httpx.Client, url: str, key: str) -> list[list[str]]:
    pages = []
    while url:
        body = client.get(url).json()
        pages.append([t["id"] for t in body["transcripts"]])
        url = body["page_details"][key]
    return pages


def test_pagination_walks_back_and_forth(client: httpx.Client, clock: ManualClock) -> None:
    ids = make_many(client, clock, 7)
    newest_first = ids[::-1]
    back = walk(client, "/v2/transcript?limit=3", "prev_url")
    assert back == [newest_first[0:3], newest_first[3:6], newest_first[6:7]]
    last = client.get(f"/v2/transcript?limit=3&before_id={newest_first[5]}").json()
    assert last["page_details"]["prev_url"] is None
    forward = walk(client, f"/v2/transcript?limit=3&after_id={ids[0]}", "next_url")
    assert forward == [newest_first[3:6], newest_first[0:3]]
    first_page = client.get("/v2/transcript?limit=3").json()["page_details"]
    query = parse_qs(urlsplit(first_page["prev_url"]).query)
    assert query == {"limit": ["3"], "before_id": [newest_first[2]]}
    between = client.get(f"/v2/transcript?before_id={ids[5]}&after_id={ids[1]}").json()
    assert [t["id"] for t in between["transcripts"]] == [ids[4], ids[3], ids[2]]


def test_list_filters(client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI) -> None:
    done = create(client)
    clock.advance(10)
    waiting = create(client)
    fake.fail(create(client)["id"])

    def ids(**params: Any) -> list[str]:
        return [t["id"] for t in client.get("/v2/transcript", params=params).json()["transcripts"]]

    assert ids(status="completed") == [done["id"]]
    assert ids(status="queued") == [waiting["id"]]
    assert len(ids(status="error")) == 1
    today = client.get("/v2/transcript").json()["transcripts"][0]["created"][:10]
    assert len(ids(created_on=today)) == 3
    assert ids(created_on="2001-01-01") == []
    assert ids(throttled_only="true") == []
    filtered = client.get("/v2/transcript", params={"status": "completed", "limit": 1}).json()
    assert filtered["page_details"]["prev_url"] is None
    unknown = client.get("/v2/transcript", params={"before_id": "nope"})
    assert unknown.status_code == 400 and "before_id" in unknown.json()["error"]


# -- deletion ------------------------------------------------------------------------------


def test_delete_blanks_the_content(
    client: httpx.Client, clock: ManualClock, fake: FakeAssemblyAI
) -> None:
    transcript = finished(
        client, clock, speaker_labels=True, auto_chapters=True, entity_detection=True
    )
    assert transcript["utterances"] and transcript["chapters"] and transcript["entities"]
    deleted = client.delete(f"/v2/transcript/{transcript['id']}").json()
    assert deleted["id"] == transcript["id"] and deleted["status"] == "completed"
    assert deleted["text"] == "Deleted by user."
    assert deleted["audio_url"] == "http://deleted_by_user"
    assert deleted["words"] == [] and deleted["utterances"] == []
    assert deleted["chapters"] is None and deleted["entities"] is None
    assert client.get(f"/v2/transcript/{transcript['id']}").json() == deleted
    listed = client.get("/v2/transcript").json()["transcripts"][0]
    assert listed["audio_url"] == "http://deleted_by_user"
    assert client.get(f"/v2/transcript/{transcript['id']}/srt").text == ""


def test_delete_needs_a_finished_transcript(client: httpx.Client, fake: FakeAssemblyAI) -> None:
    created = create(client)
    response = client.delete(f"/v2/transcript/{created['id']}")
    assert response.status_code == 400 and "still queued" in response.json()["error"]
    fake.fail(created["id"])
    assert client.delete(f"/v2/transcript/{created['id']}").status_code == 200
