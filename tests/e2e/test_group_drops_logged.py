"""``transcribe_group`` keeps 0.45.4's ``return_failures`` meaning, and logs every member it drops."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI

URLS = [f"https://example.org/member-{n}.mp3?token=secret{n}" for n in range(3)]


def dropped(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING
        and r.name.startswith("assemblyai")
        and "dropped" in r.getMessage()
    ]


def test_failed_submission_is_dropped_and_logged(
    fake: FakeAssemblyAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.faults.add("POST /v2/transcript", statuses=[400], message="audio_url is unreachable")
    caplog.set_level(logging.WARNING)
    group = aai.Transcriber().transcribe_group(URLS)
    assert len(group) == 2  # the meaning is 0.45.4's: the failed member is left out
    kept = {t.audio_url for t in group}
    (lost,) = [url for url in URLS if url not in kept]
    (message,) = dropped(caplog)
    assert repr(lost.split("?")[0]) in message
    assert f"member {URLS.index(lost)}" in message
    assert "submission" in message and "audio_url is unreachable" in message
    # The member's name leaves out the URL's query, which can be a credential.
    assert "secret" not in message.split(" was dropped")[0]


def test_return_failures_still_returns_them(
    fake: FakeAssemblyAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.faults.add("POST /v2/transcript", statuses=[400])
    caplog.set_level(logging.WARNING)
    group, failures = aai.Transcriber().transcribe_group(URLS, return_failures=True)
    assert len(group) == 2
    assert [type(f) for f in failures] == [type(failures[0])]
    assert isinstance(failures[0], aai.TranscriptError)
    assert len(dropped(caplog)) == 1


def test_failed_poll_is_dropped_and_logged_with_the_id(
    fake: FakeAssemblyAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.faults.add("GET /v2/transcript/{transcript_id}", statuses=[404])
    caplog.set_level(logging.WARNING)
    group = aai.Transcriber().transcribe_group(URLS)
    assert len(group) == 2
    kept_ids = {t.id for t in group}
    (lost_id,) = [i for i in fake.transcript_ids if i not in kept_ids]
    (message,) = dropped(caplog)
    assert f"transcript {lost_id}" in message and "waiting for it" in message
    assert re.search(r"audio 'https://example\.org/member-\d\.mp3'", message)


def test_existing_group_wait_logs_the_dropped_id(
    fake: FakeAssemblyAI, caplog: pytest.LogCaptureFixture
) -> None:
    transcriber = aai.Transcriber()
    ids = [transcriber.submit(url).id or "" for url in URLS[:2]]
    group = aai.TranscriptGroup([*ids, "no-such-transcript"])
    caplog.set_level(logging.WARNING)
    waited, failures = group.wait_for_completion(return_failures=True)
    assert [t.id for t in waited] == ids and len(failures) == 1
    (message,) = dropped(caplog)
    assert "member 2 (transcript no-such-transcript)" in message


def test_submit_group_logs_too(
    fake: FakeAssemblyAI, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    audio = tmp_path / "local.wav"
    audio.write_bytes(b"RIFF-ish bytes")
    fake.faults.add("POST /v2/upload", statuses=[400])
    caplog.set_level(logging.WARNING)
    group = aai.Transcriber().submit_group([URLS[0], audio])
    assert len(group) == 1
    (message,) = dropped(caplog)
    assert f"member 1 (audio {str(audio)!r})" in message


def test_nothing_is_logged_when_nothing_is_dropped(
    fake: FakeAssemblyAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    assert len(aai.Transcriber().transcribe_group(URLS)) == 3
    assert dropped(caplog) == []
