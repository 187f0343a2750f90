"""Errors raised by the optional extras (microphone and file helpers)."""

from __future__ import annotations

from assemblyai._core.exceptions import AssemblyAIError, ConfigurationError

__all__ = ["AssemblyAIExtrasNotInstalledError", "AudioDeviceError", "AudioFormatError"]

_INSTALL_HINT = (
    "The microphone helper needs PyAudio, which is not installed. "
    'Install it with `pip install "assemblyai[extras]"`. PyAudio builds against the PortAudio '
    "library, so install that first: `apt install portaudio19-dev` (Debian/Ubuntu), "
    "`brew install portaudio` (macOS); on Windows the PyAudio wheel includes it."
)


class AssemblyAIExtrasNotInstalledError(ImportError):
    """PyAudio (the ``extras`` extra) is missing; the message says how to install it.

    It stays an ``ImportError``, as in the official SDK, so ``except ImportError`` keeps working.
    """

    def __init__(self, msg: str = _INSTALL_HINT, *args: object, **kwargs: str | None) -> None:
        # ``*args, **kwargs`` as in 0.45.4: ImportError's ``name=`` and ``path=`` pass through.
        super().__init__(msg, *args, **kwargs)


class AudioDeviceError(AssemblyAIError, OSError):
    """The microphone could not be opened: no input device, or the chosen one failed.

    Also an ``OSError``, the class PyAudio itself raises, so existing handlers still match.

    Attributes:
        input_devices: PortAudio's indexes of the devices that can record; ``[]`` when there
            is none, ``None`` when PortAudio could not list them.
        device_index: the device that was asked for (``None``: the system default).
        sample_rate: the sample rate that was asked for.
    """

    def __init__(
        self,
        message: str = "",
        *,
        input_devices: list[int] | None = None,
        device_index: int | None = None,
        sample_rate: int | None = None,
    ) -> None:
        super().__init__(message)
        self.input_devices = input_devices
        self.device_index = device_index
        self.sample_rate = sample_rate


class AudioFormatError(ConfigurationError):
    """An audio file is not in a format the streaming API accepts (PCM16 mono WAV).

    Raised by :func:`assemblyai.extras.stream_file` before any audio is read or sent. Being a
    ``ConfigurationError`` it is also a ``ValueError``.
    """
