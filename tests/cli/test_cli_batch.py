"""``assemblyai batch`` end to end: results, summary, failures, and resuming after a stop."""

from __future__ import annotations

import _thread
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import assemblyai as aai
from assemblyai.cli._batch_state import load_state
from assemblyai.testing import FakeAssemblyAI

from .conftest import KEY, Runner, make_wav

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.wav", "b.wav", "c.wav", "d.wav", "e.wav", "sub/f.wav"):
        make_wav(folder / name, seconds=0.5)
    (folder / "notes.txt").write_text("not audio")
    return folder


def outputs(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def completed_uploads(fake: FakeAssemblyAI) -> int:
    return sum(r.status == 200 for r in fake.requests_to("POST /v2/upload"))


def test_directory(cli: Runner, fake: FakeAssemblyAI, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("batch", str(inputs), "--out", str(out), "--jobs", "3", "--format", "srt")
    assert result.code == 0, result.err
    assert outputs(out) == [
        ".assemblyai-batch.json", "a.srt", "b.srt", "c.srt", "d.srt", "e.srt", "sub/f.srt",
    ]  # fmt: skip
    assert (out / "a.srt").read_text().startswith("1\n00:00:00,000 --> ")
    assert result.out == "done: 6, failed: 0, skipped: 0\n"
    assert fake.count("POST /v2/transcript") == 6
    state = load_state((out / ".assemblyai-batch.json").read_text())
    assert {r.status for r in state.values()} == {"done"}
    assert set(fake.transcript_ids) == {r.transcript_id for r in state.values()}

    again = cli("batch", str(inputs), "--out", str(out), "--json", "-f", "srt")
    assert again.code == 0
    summary = json.loads(again.out)
    assert (len(summary["done"]), len(summary["failed"]), len(summary["skipped"])) == (0, 0, 6)
    assert summary["skipped"][0]["reason"] == "done in an earlier run"
    assert fake.count("POST /v2/transcript") == 6


def test_another_format_is_fetched_not_resubmitted(
    cli: Runner, fake: FakeAssemblyAI, inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli("batch", str(inputs), "-o", str(out)).code == 0
    (out / "b.txt").unlink()
    result = cli("batch", str(inputs), "-o", str(out), "-f", "json")
    assert result.code == 0
    assert json.loads((out / "b.json").read_text())["status"] == "completed"
    assert fake.count("POST /v2/transcript") == 6
    assert completed_uploads(fake) == 6


def test_list_file_with_urls_and_failures(
    cli: Runner, fake: FakeAssemblyAI, tmp_path: Path
) -> None:
    make_wav(tmp_path / "local.wav", seconds=0.5)
    fake.register_script("https://example.com/ok.mp3", text="Fine.")
    fake.register_script("https://example.com/bad.mp3", error="No speech found.")
    listing = tmp_path / "inputs.txt"
    listing.write_text(
        "# inputs\n\nlocal.wav\nhttps://example.com/ok.mp3\nhttps://example.com/bad.mp3\nmissing.wav\n"
    )
    out = tmp_path / "out"
    result = cli("batch", str(listing), "--out", str(out))
    assert result.code == 1
    assert result.err_lines[-1] == "assemblyai: error: 2 of 4 input(s) failed"
    assert result.out.splitlines()[0] == "done: 2, failed: 2, skipped: 0"
    assert "  failed  https://example.com/bad.mp3: transcript " in result.out
    assert "No speech found." in result.out
    assert re.search(r"failed  .*missing\.wav: No such file or directory", result.out)
    assert (out / "ok.txt").read_text() == "Fine.\n"
    assert (out / "local.txt").exists()
    assert fake.count("POST /v2/transcript") == 3

    # The failed transcript is not resubmitted unless asked; the missing file is retried.
    (tmp_path / "missing.wav").write_bytes((tmp_path / "local.wav").read_bytes())
    again = cli("batch", str(listing), "--out", str(out), "--json")
    summary = json.loads(again.out)
    assert [item["input"] for item in summary["done"]] == [str(tmp_path / "missing.wav")]
    assert [s["input"] for s in summary["skipped"] if "failed" in s["reason"]] == [
        "https://example.com/bad.mp3"
    ]
    assert again.code == 1
    assert fake.count("POST /v2/transcript") == 4

    fake.register_script("https://example.com/bad.mp3", text="Better now.")
    retried = cli("batch", str(listing), "--out", str(out), "--retry-failed")
    assert retried.code == 0, retried.err
    assert (out / "bad.txt").read_text() == "Better now.\n"
    assert fake.count("POST /v2/transcript") == 5


def test_nothing_to_do(cli: Runner, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("batch", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert result.code == 2
    assert result.err_lines == [
        f"assemblyai: error: no audio files found in '{tmp_path / 'empty'}'"
    ]
    assert cli("batch", str(tmp_path / "nope"), "--out", str(tmp_path / "out")).code == 2


def test_interrupted_run_resumes_without_submitting_twice(
    cli: Runner,
    fake: FakeAssemblyAI,
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C after two submissions; the second run submits only the other four."""
    out = tmp_path / "out"
    # The two submitted transcripts must still be in flight when Ctrl-C lands, however slowly
    # a loaded machine delivers it: they never finish on their own; the test completes them.
    fake.processing_time = 3600
    original = aai.Transcriber.submit
    calls = 0

    def submit_then_interrupt(self: aai.Transcriber, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        transcript = original(self, *args, **kwargs)
        calls += 1
        if calls == 2:
            _thread.interrupt_main()  # what Ctrl-C does: KeyboardInterrupt in the main thread
        return transcript

    monkeypatch.setattr(aai.Transcriber, "submit", submit_then_interrupt)
    # interrupt_main() acts like a SIGINT, which a shell's background job ignores (and Python
    # then leaves ignored): give the run Python's own Ctrl-C handler, as a terminal would.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        first = cli("batch", str(inputs), "--out", str(out), "--jobs", "2")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert first.code == 130
    assert first.err_lines[-1].startswith("assemblyai: error: interrupted; progress is saved in ")
    submitted_first = fake.count("POST /v2/transcript")
    assert submitted_first == 2
    state = load_state((out / ".assemblyai-batch.json").read_text())
    in_flight = {r.transcript_id for r in state.values() if r.transcript_id}
    assert in_flight == set(fake.transcript_ids)  # both ids were saved before stopping
    monkeypatch.setattr(aai.Transcriber, "submit", original)

    for transcript_id in in_flight:
        fake.complete(transcript_id)
    fake.processing_time = 0.1
    second = cli("batch", str(inputs), "--out", str(out), "--jobs", "2", "--json")
    assert second.code == 0, second.err
    summary = json.loads(second.out)
    assert len(summary["done"]) == 6
    assert fake.count("POST /v2/transcript") == 6  # nothing submitted twice
    assert completed_uploads(fake) == 6  # nor uploaded twice
    state = load_state((out / ".assemblyai-batch.json").read_text())
    assert in_flight <= {r.transcript_id for r in state.values()}
    assert len(outputs(out)) == 7


def test_request_sent_but_not_saved_is_recovered(
    cli: Runner, fake: FakeAssemblyAI, tmp_path: Path
) -> None:
    """A run killed between sending the request and saving its answer: the transcript is
    found by its audio_url in the transcript list, not submitted again."""
    audio = make_wav(tmp_path / "talk.wav", seconds=0.5)
    fake.register_script(audio, text="Recovered.")
    upload_url = aai.Transcriber().upload_file(str(audio))
    before = aai.Transcriber().submit(upload_url)  # reached the API; the run then died
    aai.Transcriber().submit("https://example.com/unrelated.mp3")
    out = tmp_path / "out"
    stat = audio.stat()
    record = {
        "key": str(audio), "output": str(out / "talk.txt"), "status": "submitting",
        "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "upload_url": upload_url,
        "submitted_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
    }  # fmt: skip
    out.mkdir()
    (out / ".assemblyai-batch.json").write_text(json.dumps({"version": 1, "inputs": [record]}))
    posts = fake.count("POST /v2/transcript")
    result = cli("batch", str(_listing(tmp_path, audio)), "--out", str(out))
    assert result.code == 0, result.err
    assert fake.count("POST /v2/transcript") == posts
    assert (out / "talk.txt").read_text() == "Recovered.\n"
    state = load_state((out / ".assemblyai-batch.json").read_text())
    assert state[str(audio)].transcript_id == before.id


def _listing(tmp_path: Path, *files: Path) -> Path:
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{f}\n" for f in files))
    return listing


def test_request_never_sent_is_submitted(cli: Runner, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    audio = make_wav(tmp_path / "talk.wav", seconds=0.5)
    upload_url = aai.Transcriber().upload_file(str(audio))
    out = tmp_path / "out"
    out.mkdir()
    stat = audio.stat()
    record = {
        "key": str(audio), "output": str(out / "talk.txt"), "status": "submitting",
        "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "upload_url": upload_url,
        "submitted_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
    }  # fmt: skip
    (out / ".assemblyai-batch.json").write_text(json.dumps({"version": 1, "inputs": [record]}))
    result = cli("batch", str(_listing(tmp_path, audio)), "--out", str(out))
    assert result.code == 0, result.err
    assert fake.count("POST /v2/transcript") == 1
    assert fake.count("POST /v2/upload") == 1  # the saved upload was reused


def test_changed_file_starts_over(
    cli: Runner, fake: FakeAssemblyAI, inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli("batch", str(inputs), "-o", str(out)).code == 0
    make_wav(inputs / "a.wav", seconds=0.7)
    result = cli("batch", str(inputs), "-o", str(out), "--json")
    summary = json.loads(result.out)
    assert [item["input"] for item in summary["done"]] == [str(inputs / "a.wav")]
    assert fake.count("POST /v2/transcript") == 7


def test_corrupt_state_file_is_a_usage_error(
    cli: Runner, fake: FakeAssemblyAI, inputs: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"version": 99}')
    result = cli("batch", str(inputs), "-o", str(tmp_path / "out"), "--state", str(state))
    assert result.code == 2
    assert "cannot resume from" in result.err
    assert fake.requests == []


@pytest.mark.parametrize(
    ("inputs_value", "expected"),
    [
        ({"a": 1}, '"inputs" is not a list'),
        (["x"], "input 1 is not an object"),
        ([{"output": "o.txt"}], "input 1 has no 'key'"),
        ([{"key": "a.wav", "output": "o.txt", "status": "flying"}], "bad 'status'"),
        ([{"key": "a.wav", "output": "o.txt", "size": "big"}], "bad 'size'"),
        ([{"key": 5, "output": "o.txt"}], "bad 'key'"),
    ],
)
def test_state_file_of_the_wrong_shape_names_the_file_and_the_way_out(
    cli: Runner,
    fake: FakeAssemblyAI,
    inputs: Path,
    tmp_path: Path,
    inputs_value: Any,
    expected: str,
) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 1, "inputs": inputs_value}))
    result = cli("batch", str(inputs), "-o", str(tmp_path / "out"), "--state", str(state))
    assert result.code == 2, result.err
    [line] = result.err_lines
    assert str(state) in line and expected in line and "--state NEW_FILE" in line
    assert "unexpected" not in line
    assert fake.requests == []


# -- a real process, killed with SIGKILL --------------------------------------------------------


@pytest.fixture
def sandbox_server() -> Iterator[str]:
    """``python -m assemblyai.testing serve`` in a subprocess; yields its base URL."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assemblyai.testing", "serve", "--api-key", KEY,
         "--processing-time", "1", "--queue-time", "0.1"],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(http://\S+)", line)
    assert match, line
    try:
        yield match[1]
    finally:
        process.terminate()  # the sandbox server stops cleanly on SIGTERM
        process.wait(10)


def test_killed_process_resumes_without_submitting_twice(
    sandbox_server: str, inputs: Path, tmp_path: Path, cli: Runner
) -> None:
    out = tmp_path / "out"
    state_file = out / ".assemblyai-batch.json"
    argv = [sys.executable, "-m", "assemblyai", "batch", str(inputs), "--out", str(out),
            "--jobs", "2", "--base-url", sandbox_server, "--api-key", KEY]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO), "ASSEMBLYAI_POLLING_INTERVAL": "0.1"}
    first = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            records = load_state(state_file.read_text()).values()
        except (FileNotFoundError, ValueError):
            records = []
        if sum(bool(r.transcript_id) for r in records) >= 2:
            break
        time.sleep(0.02)
    first.kill()  # SIGKILL: no chance to save anything more
    first.wait(10)
    assert first.returncode == -signal.SIGKILL

    second = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("done: ")
    assert len([p for p in out.glob("**/*.txt")]) == 6

    listed = cli("list", "--all", "--json", "--base-url", sandbox_server, "--api-key", KEY)
    transcripts = json.loads(listed.out)
    assert len(transcripts) == 6  # one transcript per input: nothing was submitted twice
    assert len({t["audio_url"] for t in transcripts}) == 6


def test_vanished_transcript_needs_retry_failed(
    cli: Runner, fake: FakeAssemblyAI, tmp_path: Path
) -> None:
    audio = make_wav(tmp_path / "talk.wav", seconds=0.5)
    out = tmp_path / "out"
    out.mkdir()
    stat = audio.stat()
    record = {
        "key": str(audio), "output": str(out / "talk.txt"), "status": "submitted",
        "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
        "upload_url": aai.Transcriber().upload_file(str(audio)),
        "submitted_at": "2024-01-01T00:00:00+00:00",
        "transcript_id": "00000000-0000-4000-8000-000000000000",
    }  # fmt: skip
    (out / ".assemblyai-batch.json").write_text(json.dumps({"version": 1, "inputs": [record]}))
    listing = _listing(tmp_path, audio)
    first = cli("batch", str(listing), "--out", str(out))
    assert first.code == 1
    assert fake.count("POST /v2/transcript") == 0
    assert cli("batch", str(listing), "--out", str(out)).code == 1  # still not resubmitted
    assert fake.count("POST /v2/transcript") == 0
    retried = cli("batch", str(listing), "--out", str(out), "--retry-failed")
    assert retried.code == 0, retried.err
    assert fake.count("POST /v2/transcript") == 1
    assert fake.count("POST /v2/upload") == 1  # the saved upload was reused
