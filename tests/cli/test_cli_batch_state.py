"""The pure resume logic of ``batch`` (:mod:`assemblyai.cli._batch_state`), table-tested."""

from __future__ import annotations

import threading
from pathlib import Path, PurePath
from types import SimpleNamespace

import attrs
import pytest

from assemblyai.cli._batch import render_counts
from assemblyai.cli._batch_state import (
    Record,
    Step,
    assign_outputs,
    dump_state,
    load_state,
    match_recovered,
    plan,
)
from assemblyai.cli._batch_store import StateStore, discover_inputs

KEY = "/audio/a.wav"
OUT = "/out/a.txt"
FP = (100, 5)
UPLOAD = "https://cdn/upload/1"


def rec(**fields: object) -> Record:
    base: dict[str, object] = {"key": KEY, "output": OUT, "size": 100, "mtime_ns": 5}
    return Record(**{**base, **fields})  # type: ignore[arg-type]


PLAN_CASES = [
    # (name, saved record, output exists, retry_failed, expected step, kept fields)
    ("new input", None, False, False, Step.UPLOAD, {}),
    ("pending", rec(), False, False, Step.UPLOAD, {}),
    ("uploaded", rec(status="uploaded", upload_url=UPLOAD), False, False, Step.SUBMIT, {"upload_url": UPLOAD}),
    ("request maybe sent", rec(status="submitting", upload_url=UPLOAD, submitted_at="t"), False, False, Step.RECOVER, {"submitted_at": "t"}),
    ("in flight", rec(status="submitted", upload_url=UPLOAD, submitted_at="t", transcript_id="T"), False, False, Step.WAIT, {"transcript_id": "T"}),
    ("done", rec(status="done", transcript_id="T"), True, False, Step.SKIP_DONE, {"transcript_id": "T"}),
    ("done, output gone", rec(status="done", transcript_id="T"), False, False, Step.WAIT, {"transcript_id": "T"}),
    ("transcript failed", rec(status="failed", failed_stage="transcript", transcript_id="T", upload_url=UPLOAD, error="bad"), False, False, Step.SKIP_FAILED, {"error": "bad"}),
    ("transcript failed, retried", rec(status="failed", failed_stage="transcript", transcript_id="T", upload_url=UPLOAD, submitted_at="t", error="bad"), False, True, Step.SUBMIT, {"transcript_id": None, "error": None, "upload_url": UPLOAD}),
    ("wait failed", rec(status="failed", failed_stage="wait", transcript_id="T", error="timeout"), False, False, Step.WAIT, {"transcript_id": "T", "error": None}),
    ("submit failed", rec(status="failed", failed_stage="submit", upload_url=UPLOAD, submitted_at="t", error="reset"), False, False, Step.RECOVER, {"submitted_at": "t"}),
    ("upload failed", rec(status="failed", failed_stage="upload", error="reset"), False, False, Step.UPLOAD, {"error": None}),
    ("missing input", rec(status="failed", failed_stage="input", error="gone"), False, False, Step.UPLOAD, {"error": None}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("record", "exists", "retry", "step", "kept"),
    [case[1:] for case in PLAN_CASES],
    ids=[case[0] for case in PLAN_CASES],
)
def test_plan(
    record: Record | None, exists: bool, retry: bool, step: Step, kept: dict[str, object]
) -> None:
    got_step, got = plan(
        record, key=KEY, output=OUT, fingerprint=FP, output_exists=exists, retry_failed=retry
    )
    assert got_step is step
    assert (got.key, got.output, got.size, got.mtime_ns) == (KEY, OUT, 100, 5)
    for name, value in kept.items():
        assert getattr(got, name) == value, name


def test_plan_changed_file_starts_over() -> None:
    record = rec(status="submitted", upload_url=UPLOAD, transcript_id="T")
    step, got = plan(record, key=KEY, output=OUT, fingerprint=(101, 5), output_exists=True)
    assert step is Step.UPLOAD
    assert got == Record(key=KEY, output=OUT, size=101, mtime_ns=5)


def test_plan_url_inputs_never_upload() -> None:
    url = "https://example.com/a.mp3"
    step, got = plan(None, key=url, output=OUT, fingerprint=None, output_exists=False)
    assert step is Step.SUBMIT
    assert got.audio_url == url


def test_plan_new_output_path_is_written_from_the_saved_transcript() -> None:
    record = rec(status="done", transcript_id="T")
    step, got = plan(record, key=KEY, output="/out/a.srt", fingerprint=FP, output_exists=True)
    assert (step, got.output, got.transcript_id) == (Step.WAIT, "/out/a.srt", "T")


def item(id: str, audio_url: str, created: str) -> SimpleNamespace:
    return SimpleNamespace(id=id, audio_url=audio_url, created=created)


def test_match_recovered() -> None:
    pending = [
        rec(key="/a", upload_url="u1", submitted_at="2024-05-01T12:00:00+00:00"),
        rec(key="/b", upload_url="u2", submitted_at="2024-05-01T12:00:00+00:00"),
        rec(key="https://x/c.mp3", submitted_at="2024-05-01T12:00:00+00:00"),
    ]
    listed = [
        item("t9", "u1", "2024-05-01T12:00:01"),  # newest first; naive = UTC
        item("t8", "https://x/c.mp3", "2024-05-01T12:00:01"),
        item("t7", "https://x/c.mp3", "2024-05-01T09:00:00"),  # too old for this attempt
        item("t6", "u2", "2024-05-01T09:00:00"),  # too old as well
    ]
    assert match_recovered(pending, listed, claimed=set()) == {"/a": "t9", "https://x/c.mp3": "t8"}
    assert match_recovered(pending, listed, claimed={"t8"}) == {"/a": "t9"}


def test_match_recovered_tolerates_clock_skew() -> None:
    pending = [rec(key="/a", upload_url="u1", submitted_at="2024-05-01T12:00:00+00:00")]
    skewed = [item("t1", "u1", "2024-05-01T11:30:00Z")]  # the API's clock is 30 min behind
    assert match_recovered(pending, skewed, claimed=()) == {"/a": "t1"}


def test_match_recovered_stops_reading_when_all_found() -> None:
    pending = [rec(key="/a", upload_url="u1", submitted_at="2024-05-01T12:00:00+00:00")]

    def listed():  # type: ignore[no-untyped-def]
        yield item("t1", "u1", "2024-05-01T12:00:01")
        raise AssertionError("read further than needed")

    assert match_recovered(pending, listed(), claimed=()) == {"/a": "t1"}


@pytest.mark.parametrize(
    ("keys", "root", "expected"),
    [
        (["/in/a.wav", "/in/b.mp3"], None, ["a.txt", "b.txt"]),
        (["/in/a.wav", "/in/a.mp3"], None, ["a.wav.txt", "a.mp3.txt"]),
        (["/x/a.wav", "/y/a.wav"], None, ["a.wav.txt", "a.wav-2.txt"]),
        (["/in/a.wav", "/in/sub/a.wav"], "/in", ["a.txt", "sub/a.txt"]),
        (["https://h/p/talk%20one.mp3?x=1", "https://h/"], None, ["talk one.txt", "audio.txt"]),
    ],
)
def test_assign_outputs(keys: list[str], root: str | None, expected: list[str]) -> None:
    result = assign_outputs(keys, PurePath("/out"), ".txt", PurePath(root) if root else None)
    assert [result[k] for k in keys] == [str(PurePath("/out") / e) for e in expected]
    assert (
        assign_outputs(keys, PurePath("/out"), ".txt", PurePath(root) if root else None) == result
    )


def test_state_round_trip() -> None:
    records = {
        KEY: rec(status="submitted", transcript_id="T", submitted_at="t"),
        "https://x": Record(key="https://x", output="/o/x.txt"),
    }
    assert load_state(dump_state(records)) == records
    with pytest.raises(ValueError, match="not a batch state file"):
        load_state('{"version": 2, "inputs": []}')


def test_store_writes_durable_updates_and_ignores_updates_after_close(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path, {})
    store.update(rec(status="uploaded", upload_url=UPLOAD), durable=True)
    assert load_state(path.read_text())[KEY].upload_url == UPLOAD
    store.update(rec(status="done"))  # not durable: written by flush() / close()
    assert load_state(path.read_text())[KEY].status == "uploaded"
    store.close()
    assert load_state(path.read_text())[KEY].status == "done"
    assert store.update(rec(status="failed")) is False
    assert load_state(path.read_text())[KEY].status == "done"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary files left


def test_store_groups_concurrent_durable_writes(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json", {})
    threads = [
        threading.Thread(
            target=store.update,
            args=(rec(key=f"/{n}", status="uploaded"),),
            kwargs={"durable": True},
        )
        for n in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(load_state((tmp_path / "state.json").read_text())) == 20


def test_discover_inputs(tmp_path: Path) -> None:
    for name in ("b.wav", "a.MP3", "sub/c.m4a", ".hidden/d.wav", "notes.txt", "out/e.wav"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    keys, root = discover_inputs(str(tmp_path), tmp_path / "out")
    assert root == tmp_path.resolve()
    assert [Path(k).relative_to(tmp_path) for k in keys] == [
        Path("a.MP3"),
        Path("b.wav"),
        Path("sub/c.m4a"),
    ]
    listing = tmp_path / "list.txt"
    listing.write_text("# comment\nb.wav\n\nhttps://x/y.mp3\nb.wav\n/abs/z.wav\n")
    keys, root = discover_inputs(str(listing), tmp_path / "out")
    assert root is None
    assert keys == [str(tmp_path / "b.wav"), "https://x/y.mp3", "/abs/z.wav"]


def test_render_counts() -> None:
    from collections import Counter

    line = render_counts(Counter(done=2, skipped=1, uploading=1, failed=1), 6, 65)
    assert line == "batch 3/6 done, 1 uploading, 1 failed  1:05"


def test_records_are_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rec().status = "done"  # type: ignore[misc]
