"""``assemblyai stream`` against the streaming tests' local v3 server (tests/streaming/server.py).

That server turns each second of audio into one word and ends a turn every three words; it
checks every message the client sends against our AsyncAPI description.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.testing import FakeAssemblyAI
from tests.streaming.server import FakeStreamingServer

from .conftest import Runner, make_wav


@pytest.fixture
def server() -> Iterator[FakeStreamingServer]:
    with FakeStreamingServer("v3") as server:
        yield server
    assert server.errors == []


@pytest.fixture
def six_seconds(tmp_path: Path) -> Path:
    return make_wav(tmp_path / "six.wav", seconds=6.0)


def stream(cli: Runner, server: FakeStreamingServer, *argv: str) -> object:
    return cli("stream", *argv, "--streaming-host", server.url, "--api-key", server.api_key)


def test_file_turns(cli: Runner, server: FakeStreamingServer, six_seconds: Path) -> None:
    result = cli(
        "stream", str(six_seconds), "--no-pace",
        "--streaming-host", server.url, "--api-key", server.api_key,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["the quick brown", "quick brown fox"]
    assert result.err_lines[0].startswith("assemblyai: session ")
    assert result.err_lines[-1] == "assemblyai: session ended after 6.0 s of audio"
    session = server.sessions[0]
    assert session.query["sample_rate"] == "16000"
    assert session.messages[-1] == {"type": "Terminate"}


def test_parameters_and_formatted_turns(
    cli: Runner, server: FakeStreamingServer, six_seconds: Path
) -> None:
    result = cli(
        "stream", str(six_seconds), "--no-pace", "--format-turns", "--max-turn-silence", "900",
        "--keyterms-prompt", "AssemblyAI", "--speech-model", "universal-streaming-english",
        "--streaming-host", server.url, "--api-key", server.api_key,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["The quick brown.", "Quick brown fox."]
    query = server.sessions[0].query
    assert (query["format_turns"], query["max_turn_silence"]) == ("true", "900")
    assert query["speech_model"] == "universal-streaming-english"


def test_json_lines(cli: Runner, server: FakeStreamingServer, six_seconds: Path) -> None:
    result = cli(
        "stream", str(six_seconds), "--no-pace", "--json",
        "--streaming-host", server.url, "--api-key", server.api_key,
    )  # fmt: skip
    events = [json.loads(line) for line in result.out.splitlines()]
    assert [e["type"] for e in events] == ["Begin", "Turn", "Turn", "Termination"]
    assert all(e["end_of_turn"] for e in events if e["type"] == "Turn")
    assert result.err == ""
    partials = cli(
        "stream", str(six_seconds), "--no-pace", "--json", "--partials",
        "--streaming-host", server.url, "--api-key", server.api_key,
    )  # fmt: skip
    turns = [json.loads(line) for line in partials.out.splitlines()][1:-1]
    assert len(turns) == 6 and [t["end_of_turn"] for t in turns].count(True) == 2


def test_file_is_paced(cli: Runner, server: FakeStreamingServer, tmp_path: Path) -> None:
    wav = make_wav(tmp_path / "one.wav", seconds=1.2)
    started = time.monotonic()
    result = cli("stream", str(wav), "--streaming-host", server.url, "--api-key", server.api_key)
    assert result.code == 0, result.err
    assert time.monotonic() - started >= 0.9


def test_duration_stops_early(cli: Runner, server: FakeStreamingServer, six_seconds: Path) -> None:
    result = cli(
        "stream", str(six_seconds), "--duration", "0.5",
        "--streaming-host", server.url, "--api-key", server.api_key,
    )  # fmt: skip
    assert result.code == 0
    assert server.sessions[0].audio_bytes < 16_000 * 2 * 2


def test_wrong_key_exits_1(cli: Runner, server: FakeStreamingServer, six_seconds: Path) -> None:
    result = cli(
        "stream", str(six_seconds), "--no-pace",
        "--streaming-host", server.url, "--api-key", "wrong-key-123456",
    )  # fmt: skip
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "wrong-key-123456" not in result.err


def test_not_a_wav_file(cli: Runner, server: FakeStreamingServer, tmp_path: Path) -> None:
    bogus = tmp_path / "x.wav"
    bogus.write_bytes(b"not a wav file at all, just text" * 10)
    result = cli("stream", str(bogus), "--streaming-host", server.url, "--api-key", server.api_key)
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "x.wav" in result.err
    assert server.sessions == []


def test_stereo_file_is_refused(cli: Runner, server: FakeStreamingServer, tmp_path: Path) -> None:
    import wave

    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(16_000)
        wav.writeframes(b"\0\0" * 2 * 16_000)
    result = cli("stream", str(path), "--streaming-host", server.url, "--api-key", "k-123456")
    assert result.code == 1
    assert "stereo" in result.err
    assert server.sessions == []


@pytest.mark.parametrize("argv", [[], ["file.wav", "--mic"]])
def test_file_or_mic(cli: Runner, argv: list[str]) -> None:
    result = cli("stream", *argv, "--api-key", "k-123456")
    assert result.code == 2
    assert result.err_lines == ["assemblyai: error: give either a WAV FILE or --mic"]


def test_mic_without_a_device_is_one_line(cli: Runner, server: FakeStreamingServer) -> None:
    # CI machines have no microphone (or no PyAudio): either way, one line and no session.
    result = cli(
        "stream", "--mic", "--duration", "0.3",
        "--streaming-host", server.url, "--api-key", server.api_key,
    )  # fmt: skip
    if result.code == 0:  # pragma: no cover - a machine with a working microphone
        assert server.sessions
        return
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert server.sessions == []


def test_sandbox(cli: Runner, fake: FakeAssemblyAI, six_seconds: Path) -> None:
    result = cli("stream", str(six_seconds), "--no-pace", "--sandbox")
    host = aai.settings.streaming_host
    if "127.0.0.1" in host or "localhost" in host:  # pragma: no cover - sandbox with streaming
        assert result.code == 0, result.err
        assert result.out
        return
    assert result.code == 1
    assert result.err_lines[-1] == (
        "assemblyai: error: this sandbox has no streaming server; "
        "point --streaming-host at a local one"
    )


class _ClosedAfterOneLine:
    """A stdout whose reader goes away after the first line, as `| head -1` does."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if self.lines:
            raise BrokenPipeError(32, "Broken pipe")
        self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        if len(self.lines) > 1:
            raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise OSError("not a real file")


def test_reader_going_away_stops_the_stream_quietly(
    cli: Runner,
    server: FakeStreamingServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """`stream FILE | head -1`: the session ends at the broken pipe, not at the end of the file."""
    twelve = make_wav(tmp_path / "twelve.wav", seconds=12.0)
    stdout = _ClosedAfterOneLine()
    monkeypatch.setattr("sys.stdout", stdout)
    result = stream(cli, server, str(twelve))  # paced: about a second of audio per second
    assert result.code == 1
    assert "Traceback" not in result.err and "Traceback" not in caplog.text
    assert stdout.lines[0] == "the quick brown"  # the one line the reader took
    session = server.sessions[0]
    assert session.audio_bytes <= 5 * 16_000 * 2  # stopped at the first turn, not at 12 s
    assert session.messages[-1] == {"type": "Terminate"}


@pytest.mark.parametrize(
    ("inputs", "index", "expected"),
    [
        ([], None, "no audio input device found"),
        ([1, 3], 7, "could not open input device 7 at 16000 Hz"),
    ],
)
def test_mic_failure_names_this_commands_flags(
    cli: Runner,
    server: FakeStreamingServer,
    monkeypatch: pytest.MonkeyPatch,
    inputs: list[int],
    index: int | None,
    expected: str,
) -> None:
    """The SDK's error speaks of Python arguments; the command's speaks of its own flags."""
    import assemblyai.extras

    def no_microphone(sample_rate: int, device_index: int | None) -> None:
        raise assemblyai.extras.AudioDeviceError(
            "Could not open ... Try another sample_rate or device_index, or stream_file.",
            input_devices=inputs,
            device_index=device_index,
            sample_rate=sample_rate,
        )

    monkeypatch.setattr(assemblyai.extras, "MicrophoneStream", no_microphone)
    argv = ["--device-index", str(index)] if index is not None else []
    result = stream(cli, server, "--mic", *argv)
    assert result.code == 1
    [line] = result.err_lines
    assert expected in line
    assert "stream_file" not in line and "device_index" not in line and "sample_rate" not in line
    assert ("--device-index" in line) == bool(inputs)
    assert server.sessions == []
