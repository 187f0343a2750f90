"""``MicrophoneStream``: live PCM16 audio from a sound card, through PyAudio (optional extra)."""

from __future__ import annotations

import importlib
from types import ModuleType, TracebackType
from typing import Any

from assemblyai.extras._errors import AssemblyAIExtrasNotInstalledError, AudioDeviceError

__all__ = ["MicrophoneStream"]

#: Seconds of audio per chunk, as in the official SDK 0.45.4.
CHUNK_SECONDS = 0.1


def _import_pyaudio() -> ModuleType:
    # Imported on first use so that ``import assemblyai`` never needs PyAudio (or PortAudio).
    try:
        return importlib.import_module("pyaudio")
    except ImportError as exc:
        raise AssemblyAIExtrasNotInstalledError() from exc


class MicrophoneStream:
    """Iterate over 100 ms chunks of 16-bit mono audio from a microphone.

    Needs the ``extras`` extra (``pip install "assemblyai[extras]"``), which installs PyAudio.

    Args:
        sample_rate: frames per second to record at; use the same value in
            ``StreamingParameters(sample_rate=...)``.
        device_index: PyAudio's index of the input device; ``None`` uses the system default.

    Raises:
        AssemblyAIExtrasNotInstalledError: PyAudio is not installed.
        AudioDeviceError: there is no input device, or the chosen one cannot record at this
            rate. The message lists what to try.

    Example::

        from assemblyai.extras import MicrophoneStream

        with MicrophoneStream(sample_rate=16_000) as mic:
            client.stream(mic)  # returns on Ctrl-C, or when the session ends

    Iteration stops (``StopIteration``) once the stream is closed or when Ctrl-C interrupts a
    read, so ``client.stream(mic)`` returns and the program can disconnect cleanly.
    """

    def __init__(self, sample_rate: int = 44_100, device_index: int | None = None) -> None:
        pyaudio = _import_pyaudio()
        self.sample_rate = sample_rate
        self.device_index = device_index
        self._chunk_frames = int(sample_rate * CHUNK_SECONDS)
        self._audio: Any = pyaudio.PyAudio()
        try:
            self._stream: Any = self._audio.open(
                format=pyaudio.paInt16,
                channels=1,
                rate=sample_rate,
                input=True,
                frames_per_buffer=self._chunk_frames,
                input_device_index=device_index,
            )
        except (OSError, ValueError) as exc:
            # List the devices before terminating PortAudio: listing needs it.
            inputs = self._input_devices()
            self._audio.terminate()
            raise AudioDeviceError(
                self._describe_open_failure(exc, inputs),
                input_devices=inputs,
                device_index=device_index,
                sample_rate=sample_rate,
            ) from exc
        self._open = True

    def _input_devices(self) -> list[int] | None:
        try:
            count = int(self._audio.get_device_count())
            return [
                i
                for i in range(count)
                if int(self._audio.get_device_info_by_index(i).get("maxInputChannels", 0)) > 0
            ]
        except Exception:  # a broken PortAudio setup: just report the original failure
            return None

    def _describe_open_failure(self, exc: BaseException, inputs: list[int] | None) -> str:
        if inputs == []:
            return (
                "No audio input device found: PortAudio sees no microphone on this machine "
                "(in a container or over SSH there usually is none). Connect one, or stream a "
                f"file with assemblyai.extras.stream_file instead. ({exc})"
            )
        where = (
            "the default input device"
            if self.device_index is None
            else (f"input device {self.device_index}")
        )
        listing = f" Input devices: {inputs}." if inputs else ""
        return (
            f"Could not open {where} for 16-bit mono recording at {self.sample_rate} Hz: {exc}."
            f"{listing} Try another sample_rate or device_index."
        )

    def __iter__(self) -> MicrophoneStream:
        return self

    def __next__(self) -> bytes:
        if not self._open:
            raise StopIteration
        try:
            # An overflow means we read late and PortAudio dropped samples; raising on it (the
            # PyAudio default) would end a live session over a hiccup, so keep going.
            data: bytes = self._stream.read(self._chunk_frames, exception_on_overflow=False)
        except KeyboardInterrupt:
            raise StopIteration from None
        return data

    def close(self) -> None:
        """Stop recording and release the device. Safe to call more than once."""
        if not self._open:
            return
        self._open = False
        try:
            if self._stream.is_active():
                self._stream.stop_stream()
            self._stream.close()
        finally:
            self._audio.terminate()

    def __enter__(self) -> MicrophoneStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
