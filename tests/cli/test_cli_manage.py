"""``get``, ``list``, ``delete``, ``subtitles`` and ``search`` against one in-process sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

from .conftest import Runner
from .test_cli_transcribe import parse_srt

TEXT = "The budget meeting is on Friday. Bring the budget numbers."


def transcribe(fake: FakeAssemblyAI, url: str = "https://example.com/a.mp3") -> str:
    fake.register_script(url, text=TEXT)
    transcript = aai.Transcriber().transcribe(url)
    assert transcript.id is not None
    return transcript.id


def test_get_prints_the_text(cli: Runner, fake: FakeAssemblyAI) -> None:
    transcript_id = transcribe(fake)
    result = cli("get", transcript_id)
    assert (result.code, result.out, result.err) == (0, TEXT + "\n", "")


def test_get_waits_for_a_transcript_in_progress(cli: Runner, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.com/b.mp3", text=TEXT)
    transcript_id = aai.Transcriber().submit("https://example.com/b.mp3").id
    assert transcript_id is not None
    result = cli("get", transcript_id, "--format", "json")
    assert json.loads(result.out)["status"] == "completed"
    assert fake.count(f"GET /v2/transcript/{transcript_id}") >= 2


def test_get_in_every_format(cli: Runner, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    transcript_id = transcribe(fake)
    assert parse_srt(cli("get", transcript_id, "-f", "srt").out)
    assert cli("get", transcript_id, "-f", "vtt").out.startswith("WEBVTT")
    assert len(cli("get", transcript_id, "-f", "sentences").out.splitlines()) == 2
    out = tmp_path / "t.json"
    assert cli("get", transcript_id, "--json", "-o", str(out)).code == 0
    assert json.loads(out.read_text())["id"] == transcript_id


def test_get_unknown_id_is_one_line(cli: Runner, fake: FakeAssemblyAI) -> None:
    result = cli("get", "00000000-0000-0000-0000-000000000000")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith("assemblyai: error: ")


def test_get_failed_transcript_exits_1(cli: Runner, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.com/bad.mp3", error="Unsupported audio.")
    transcript_id = aai.Transcriber().submit("https://example.com/bad.mp3").id
    result = cli("get", str(transcript_id))
    assert result.code == 1
    assert result.err_lines == [
        f"assemblyai: error: transcript {transcript_id} failed: Unsupported audio."
    ]


def test_list_pages_through_everything(cli: Runner, fake: FakeAssemblyAI) -> None:
    ids = [aai.Transcriber().submit(f"https://example.com/{n}.mp3").id for n in range(5)]
    result = cli("list", "--page-size", "2", "--all")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "CREATED", "AUDIO"]
    assert [line.split()[0] for line in lines[1:]] == list(reversed(ids))
    assert fake.count("GET /v2/transcript") == 3  # 2 + 2 + 1


def test_list_limit_and_json(cli: Runner, fake: FakeAssemblyAI) -> None:
    for n in range(5):
        aai.Transcriber().submit(f"https://example.com/{n}.mp3")
    result = cli("list", "--limit", "3", "--page-size", "2", "--json")
    items = json.loads(result.out)
    assert [item["id"] for item in items] == fake.transcript_ids[:3]
    assert {"id", "status", "audio_url", "created"} <= set(items[0])


def test_list_filters(cli: Runner, fake: FakeAssemblyAI) -> None:
    done = transcribe(fake)
    fake.processing_time = 60
    queued = aai.Transcriber().submit("https://example.com/q.mp3").id
    completed = json.loads(cli("list", "--status", "completed", "--json").out)
    assert [item["id"] for item in completed] == [done]
    request = fake.requests_to("GET /v2/transcript")[-1]
    assert request.query["status"] == ["completed"]
    older = json.loads(cli("list", "--before-id", str(queued), "--json").out)
    assert [item["id"] for item in older] == [done]


def test_list_empty(cli: Runner, fake: FakeAssemblyAI) -> None:
    result = cli("list")
    assert (result.code, result.out) == (0, "")
    assert result.err_lines == ["assemblyai: no transcripts match"]


def test_delete(cli: Runner, fake: FakeAssemblyAI) -> None:
    transcript_id = transcribe(fake)
    result = cli("delete", transcript_id)
    assert (result.code, result.out) == (0, f"deleted {transcript_id}\n")
    assert fake.count(f"DELETE /v2/transcript/{transcript_id}") == 1
    again = cli("delete", transcript_id, "--json")
    assert again.code == 0
    assert json.loads(again.out)["id"] == transcript_id


def test_subtitles(cli: Runner, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    transcript_id = transcribe(fake)
    srt = cli("subtitles", transcript_id)
    assert srt.code == 0
    assert parse_srt(srt.out)
    vtt = cli("subtitles", transcript_id, "--format", "vtt", "--chars-per-caption", "16")
    assert vtt.out.startswith("WEBVTT")
    assert fake.requests_to("GET /v2/transcript/*/vtt")[-1].query["chars_per_caption"] == ["16"]
    as_json = json.loads(cli("subtitles", transcript_id, "--json").out)
    assert as_json["format"] == "srt" and parse_srt(as_json["content"])
    target = tmp_path / "subs.vtt"
    assert cli("subtitles", transcript_id, "-f", "vtt", "-o", str(target)).code == 0
    assert target.read_text().startswith("WEBVTT")


@pytest.mark.parametrize("fmt", ["pdf", "txt"])
def test_subtitles_rejects_other_formats(cli: Runner, fmt: str) -> None:
    assert cli("subtitles", "x", "--format", fmt).code == 2


def test_search(cli: Runner, fake: FakeAssemblyAI) -> None:
    transcript_id = transcribe(fake)
    result = cli("search", transcript_id, "budget", "Friday")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("budget: 2 matches at 00:")
    assert lines[1].startswith("Friday: 1 match at 00:")
    as_json = json.loads(cli("search", transcript_id, "budget", "--json").out)
    assert as_json["id"] == transcript_id
    assert as_json["matches"][0]["count"] == 2
    assert as_json["not_found"] == []
    nothing = cli("search", transcript_id, "elephant")
    assert (nothing.code, nothing.out) == (0, "")
    assert nothing.err_lines == ["assemblyai: not found: elephant"]
    some = cli("search", transcript_id, "budget", "elephant", "giraffe")
    assert some.out.startswith("budget: 2 matches")
    assert some.err_lines == ["assemblyai: not found: elephant, giraffe"]
    some_json = json.loads(cli("search", transcript_id, "BUDGET", "zebra", "--json").out)
    assert some_json["not_found"] == ["zebra"]


@pytest.mark.parametrize("size", ["0", "201", "500"])
def test_page_size_out_of_the_apis_range_is_refused(
    cli: Runner, fake: FakeAssemblyAI, size: str
) -> None:
    result = cli("list", "--page-size", size)
    assert result.code == 2
    assert "--page-size" in result.err
    assert fake.requests == []
