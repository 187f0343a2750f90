"""``MicrophoneStream`` through the real PyAudio module, with a fake input stream where needed."""

from __future__ import annotations

from typing import Any

import pytest

from assemblyai.extras import AudioDeviceError, MicrophoneStream

# pyaudio comes with the `extras` extra, which needs the portaudio system library. `make install`
# installs both wherever it can (Debian: apt-get) and says so when it cannot; only then do these
# tests show as skipped, with this reason, instead of failing to import.
pyaudio = pytest.importorskip(
    "pyaudio", reason="pyaudio (the `extras` extra) is not installed; `make sysdeps` says why"
)


class FakeInputStream:
    """Stands in for ``pyaudio.Stream``: returns silence, records how it was used."""

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.reads: list[tuple[int, bool]] = []
        self.active = True
        self.closed = False
        self.interrupt_next = False

    def read(self, frames: int, exception_on_overflow: bool = True) -> bytes:
        if self.interrupt_next:
            raise KeyboardInterrupt
        self.reads.append((frames, exception_on_overflow))
        return b"\x01\x00" * frames

    def is_active(self) -> bool:
        return self.active

    def stop_stream(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_stream(monkeypatch: pytest.MonkeyPatch) -> list[FakeInputStream]:
    opened: list[FakeInputStream] = []

    def fake_open(self: pyaudio.PyAudio, **kwargs: Any) -> FakeInputStream:
        stream = FakeInputStream(**kwargs)
        opened.append(stream)
        return stream

    monkeypatch.setattr(pyaudio.PyAudio, "open", fake_open)
    return opened


def input_device_count() -> int:
    audio = pyaudio.PyAudio()
    try:
        return sum(
            1
            for i in range(audio.get_device_count())
            if int(audio.get_device_info_by_index(i).get("maxInputChannels", 0)) > 0
        )
    finally:
        audio.terminate()


def test_real_pyaudio_without_or_with_a_device() -> None:
    """On this machine for real: a clear error without a microphone, audio with one."""
    if input_device_count() == 0:
        with pytest.raises(AudioDeviceError, match="No audio input device found") as info:
            MicrophoneStream(sample_rate=16_000)
        assert isinstance(info.value, OSError)
    else:  # pragma: no cover - depends on the machine's sound hardware
        with MicrophoneStream(sample_rate=16_000) as mic:
            assert len(next(mic)) == 3200


def test_reads_100ms_pcm16_chunks(fake_stream: list[FakeInputStream]) -> None:
    mic = MicrophoneStream(sample_rate=16_000, device_index=3)
    assert mic.sample_rate == 16_000
    (stream,) = fake_stream
    assert stream.kwargs == {
        "format": pyaudio.paInt16,
        "channels": 1,
        "rate": 16_000,
        "input": True,
        "frames_per_buffer": 1600,
        "input_device_index": 3,
    }
    chunks = [next(mic), next(mic)]
    assert [len(c) for c in chunks] == [3200, 3200]
    assert stream.reads == [(1600, False), (1600, False)]  # overflow does not end the session
    mic.close()
    assert stream.closed and not stream.active
    with pytest.raises(StopIteration):
        next(mic)
    mic.close()  # idempotent


def test_default_rate_matches_official_sdk(fake_stream: list[FakeInputStream]) -> None:
    with MicrophoneStream() as mic:
        assert len(next(mic)) == 2 * 4410
    assert fake_stream[0].closed


def test_ctrl_c_ends_iteration(fake_stream: list[FakeInputStream]) -> None:
    mic = MicrophoneStream(sample_rate=8000)
    fake_stream[0].interrupt_next = True
    assert list(mic) == []
    mic.close()


def test_no_input_device_error(monkeypatch: pytest.MonkeyPatch) -> None:
    terminated: list[bool] = []

    def failing_open(self: pyaudio.PyAudio, **kwargs: Any) -> None:
        raise OSError(-9996, "Invalid input device (no default output device)")

    monkeypatch.setattr(pyaudio.PyAudio, "open", failing_open)
    monkeypatch.setattr(pyaudio.PyAudio, "get_device_count", lambda self: 0)
    real_terminate = pyaudio.PyAudio.terminate
    monkeypatch.setattr(
        pyaudio.PyAudio, "terminate", lambda self: (terminated.append(True), real_terminate(self))
    )
    with pytest.raises(AudioDeviceError) as info:
        MicrophoneStream(sample_rate=16_000)
    message = str(info.value)
    assert "No audio input device found" in message
    assert "stream_file" in message
    assert info.value.input_devices == []
    assert (info.value.sample_rate, info.value.device_index) == (16_000, None)
    assert terminated == [True]  # PortAudio released even though opening failed


def test_bad_device_index_lists_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_open(self: pyaudio.PyAudio, **kwargs: Any) -> None:
        raise OSError(-9998, "Invalid number of channels")

    devices = [{"maxInputChannels": 0}, {"maxInputChannels": 2}]
    monkeypatch.setattr(pyaudio.PyAudio, "open", failing_open)
    monkeypatch.setattr(pyaudio.PyAudio, "get_device_count", lambda self: len(devices))
    monkeypatch.setattr(pyaudio.PyAudio, "get_device_info_by_index", lambda self, i: devices[i])
    with pytest.raises(AudioDeviceError, match=r"input device 0 .*Input devices: \[1\]"):
        MicrophoneStream(sample_rate=16_000, device_index=0)
