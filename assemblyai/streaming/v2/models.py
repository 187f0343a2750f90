"""Public models of the legacy v2 real-time protocol, on the generated classes.

The messages are the classes generated from ``spec/realtime.asyncapi.yml``
(``assemblyai._generated.realtime``) under the names of the official SDK 0.45.4, with the
pydantic-style calls (``.dict()``, ``model_dump()``, ...) mixed in.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from assemblyai._core.compat import ModelCompat
from assemblyai._core.enums import AudioEncoding, RealtimeMessageTypes
from assemblyai._core.exceptions import RealtimeError
from assemblyai._generated import realtime as _gen

__all__ = [
    "AudioEncoding",
    "RealtimeError",
    "RealtimeErrorMapping",
    "RealtimeFinalTranscript",
    "RealtimeMessageTypes",
    "RealtimePartialTranscript",
    "RealtimeSessionInformation",
    "RealtimeSessionOpened",
    "RealtimeSessionTerminated",
    "RealtimeTranscript",
    "RealtimeUnknownMessage",
    "RealtimeWord",
]

#: Close code -> meaning (from ``spec/realtime.asyncapi.yml``); 0.45.4's ``RealtimeErrorMapping``.
RealtimeErrorMapping: dict[int, str] = dict(_gen.CLOSE_CODES)

RealtimeWord = _gen.Word
"""One word of a transcript: ``start``/``end`` (ms), ``confidence``, ``text``."""


class RealtimeTranscript:
    """Base of :class:`RealtimePartialTranscript` and :class:`RealtimeFinalTranscript`.

    ``isinstance(transcript, RealtimeTranscript)`` holds for both, as in 0.45.4. A field the
    server leaves out is None (real sessions omit ``audio_start``, ``words``, ...). Building a
    ``RealtimeTranscript`` directly takes the same keywords as 0.45.4's; the SDK itself only
    hands out the two subclasses.
    """

    # No __slots__ here: an instance built directly keeps its fields in its __dict__ (a slot
    # layout would clash with the generated slotted classes the subclasses also derive from).

    audio_start: int | None
    audio_end: int | None
    confidence: float | None
    text: str | None
    words: list[RealtimeWord] | None
    created: datetime | None

    def __init__(
        self,
        *,
        message_type: RealtimeMessageTypes | str,
        audio_start: int | None,
        audio_end: int | None,
        confidence: float | None,
        text: str | None,
        words: list[RealtimeWord] | None,
        created: datetime | None,
    ) -> None:
        self._message_type: str = message_type
        self.audio_start = audio_start
        self.audio_end = audio_end
        self.confidence = confidence
        self.text = text
        self.words = words
        self.created = created

    # A read-only property, which the subclasses' Literal-typed fields may narrow (a plain
    # `str` attribute here would clash with them for mypy).
    @property
    def message_type(self) -> str:
        """``"PartialTranscript"`` or ``"FinalTranscript"``."""
        return self._message_type

    def __repr__(self) -> str:
        fields = ", ".join(f"{name.lstrip('_')}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({fields})"


@attrs.define(kw_only=True)
class RealtimePartialTranscript(_gen.PartialTranscript, RealtimeTranscript, ModelCompat):
    """The words of the current utterance so far; they may still change.

    Example::

        def on_data(transcript: aai.RealtimeTranscript) -> None:
            if isinstance(transcript, aai.RealtimeFinalTranscript):
                print(transcript.text)
    """


@attrs.define(kw_only=True)
class RealtimeFinalTranscript(_gen.FinalTranscript, RealtimeTranscript, ModelCompat):
    """The settled, punctuated transcript of an utterance (``punctuated``, ``text_formatted``)."""


@attrs.define(kw_only=True)
class RealtimeSessionOpened(_gen.SessionBegins, ModelCompat):
    """The session has started: ``session_id`` and ``expires_at``."""


@attrs.define(kw_only=True)
class RealtimeSessionInformation(_gen.SessionInformation, ModelCompat):
    """Totals sent before the session ends: ``audio_duration_seconds``."""


@attrs.define(kw_only=True)
class RealtimeSessionTerminated(_gen.SessionTerminated, ModelCompat):
    """The server has ended the session (handled internally; no callback)."""


@attrs.define(kw_only=True)
class RealtimeUnknownMessage(_gen.UnknownMessage, ModelCompat):
    """A message this SDK has no class for (not in 0.45.4, which dropped it).

    ``message_type`` is the message's ``message_type`` (None when it has none) and ``raw`` the
    whole message as received; ``RealtimeTranscriber(on_unknown_message=...)`` receives it.
    """
