"""Terminal feedback (pure rendering, drawing only on a terminal) and output helpers."""

from __future__ import annotations

import io
import json
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from assemblyai.cli._output import clock, render, to_jsonable, write_atomic
from assemblyai.cli._progress import (
    CountingReader,
    LiveLine,
    StatusTicker,
    UploadBar,
    format_bytes,
    format_duration,
    render_bar,
    render_status,
)
from assemblyai.testing import FakeAssemblyAI

from .conftest import Runner, make_wav


class Terminal(io.StringIO):
    """A StringIO that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KiB"), (5 * 2**30, "5.0 GiB")]
)
def test_format_bytes(count: int, text: str) -> None:
    assert format_bytes(count) == text


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (75.9, "1:15"), (3725, "1:02:05")])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_render_bar() -> None:
    assert render_bar(512, 1024, 3, width=10) == (
        "uploading [#####-----]  50%  512 B/1.0 KiB  0:03"
    )
    assert render_bar(2048, 1024, 0, width=4).startswith("uploading [####] 100%")
    assert render_bar(100, None, 1) == "uploading 100 B  0:01"


def test_render_status() -> None:
    assert render_status("abc", "processing", 12, 0) == "| abc processing  0:12"
    assert render_status(None, None, 0, 1) == "/ transcript waiting  0:00"


def test_live_line_draws_only_on_a_terminal() -> None:
    pipe = io.StringIO()
    LiveLine(pipe).draw("hello")
    assert pipe.getvalue() == ""
    terminal = Terminal()
    line = LiveLine(terminal)
    line.draw("hello")
    line.draw("hi")
    line.clear()
    assert terminal.getvalue() == "\rhello\x1b[K\rhi\x1b[K\r\x1b[K"


def test_counting_reader_counts_and_restarts_on_seek(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    seen: list[int] = []
    with path.open("rb") as handle:
        reader = CountingReader(handle, seen.append)
        assert reader.seekable()
        assert reader.read(60) == b"x" * 60
        reader.seek(0)  # what a retried upload does
        assert reader.read() == b"x" * 100
        assert reader.name == str(path)
    assert seen == [60, 100]


def test_counting_reader_stops(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x")
    with path.open("rb") as handle, pytest.raises(InterruptedError):
        CountingReader(handle, lambda n: None, should_stop=lambda: True).read(1)


def test_upload_bar_throttles_but_always_draws_the_end() -> None:
    terminal = Terminal()
    now = [0.0]
    bar = UploadBar(LiveLine(terminal), 100, clock=lambda: now[0])
    bar.update(10)
    bar.update(20)  # same instant: skipped
    now[0] = 0.05
    bar.update(100)  # finished: drawn anyway
    bar.finish()
    drawn = [part for part in terminal.getvalue().split("\r") if part.startswith("uploading")]
    assert len(drawn) == 2
    assert "100%" in drawn[-1]


def test_upload_bar_clock_runs_while_no_byte_moves() -> None:
    """A stalled upload (or the wait for the answer) still shows the time going by."""
    terminal = Terminal()
    now = [0.0]
    bar = UploadBar(LiveLine(terminal), 100, clock=lambda: now[0], interval=0.01)
    bar.update(40)  # then nothing more is read
    deadline = time.monotonic() + 5
    while "0:03" not in terminal.getvalue() and time.monotonic() < deadline:
        now[0] += 1.0
        time.sleep(0.02)
    bar.finish()
    drawn = [part for part in terminal.getvalue().split("\r") if part.startswith("uploading")]
    assert any("40%" in line and "0:03" in line for line in drawn)


def test_upload_bar_without_a_terminal_starts_no_thread() -> None:
    before = threading.active_count()
    bar = UploadBar(LiveLine(Terminal(), enabled=False), 100)
    assert threading.active_count() == before
    bar.finish()


def test_status_ticker() -> None:
    terminal = Terminal()
    with StatusTicker(LiveLine(terminal), "t1", lambda: "queued", interval=0.01):
        pass
    assert "t1 queued" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    pipe = io.StringIO()
    with StatusTicker(LiveLine(pipe), "t1", lambda: "queued"):
        pass
    assert pipe.getvalue() == ""


def test_transcribe_on_a_terminal_shows_upload_and_status(
    cli: Runner, fake: FakeAssemblyAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wav = make_wav(tmp_path / "long.wav", seconds=20)  # 640 KB: several upload chunks
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    result = cli("transcribe", str(wav))
    assert result.code == 0
    drawn = terminal.getvalue()
    assert "\ruploading [" in drawn and "100%" in drawn
    transcript_id = fake.transcript_ids[0]
    assert f"{transcript_id} queued" in drawn or f"{transcript_id} processing" in drawn
    assert drawn.endswith("\r\x1b[K")  # the line is cleared before the result is printed
    assert "\r" not in result.out


def test_quiet_draws_nothing(
    cli: Runner, fake: FakeAssemblyAI, wav: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli("transcribe", str(wav), "--quiet", "--sandbox").code == 0
    assert terminal.getvalue() == ""


@pytest.mark.parametrize(
    ("ms", "text"), [(0, "00:00.000"), (61_250, "01:01.250"), (3_723_004, "1:02:03.004")]
)
def test_clock(ms: int, text: str) -> None:
    assert clock(ms) == text


def test_to_jsonable() -> None:
    class Model:
        def to_dict(self) -> dict[str, int]:
            return {"a": 1}

    value = {"m": Model(), "l": (Model(), 2), "e": SimpleNamespace(value="x")}
    assert json.loads(json.dumps(to_jsonable(value))) == {
        "m": {"a": 1}, "l": [{"a": 1}, 2], "e": "x"
    }  # fmt: skip


def test_render_rejects_unknown_formats() -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        render(SimpleNamespace(), "docx")  # type: ignore[arg-type]


def test_write_atomic_leaves_no_partial_files(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "x.txt"
    write_atomic(target, "one", make_parents=True)
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["x.txt"]
