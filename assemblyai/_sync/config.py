"""``SyncTranscriptionConfig``: the options of one synchronous transcription, checked when set.

The limits are those of ``spec/sync.openapi.yml`` (``TranscribeOptions``);
``tests/sync/test_config_and_audio.py`` holds these constants to the spec. As in the official SDK
1.0, ``keyterms_prompt`` is cleaned (entries stripped, blank ones dropped) and
``conversation_context`` trimmed oldest-first to its caps, the trim the server applies; every
other value the API would refuse raises ``ConfigurationError`` here, before anything is sent.
"""

from __future__ import annotations

import builtins
import enum
import re
from collections.abc import Sequence
from typing import Any

import attrs

from assemblyai._core.exceptions import ConfigurationError

__all__ = [
    "DEFAULT_SYNC_MODEL",
    "MAX_CONVERSATION_CONTEXT_LENGTH",
    "MAX_CONVERSATION_CONTEXT_TURNS",
    "MAX_KEYTERMS_PROMPT_LENGTH",
    "MAX_PROMPT_LENGTH",
    "SyncTranscriptionConfig",
]

DEFAULT_SYNC_MODEL = "universal-3-5-pro"
MAX_PROMPT_LENGTH = 4096
MAX_KEYTERMS_PROMPT_LENGTH = 2048
MAX_CONVERSATION_CONTEXT_TURNS = 100
MAX_CONVERSATION_CONTEXT_LENGTH = 4096
MAX_CHANNELS = 2
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

_OWNER = "SyncTranscriptionConfig"

SyncOptionValue = str | int | bool | list[str]
"""The JSON value of one option."""


def _strings(name: str, value: object, *, example: str) -> list[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise ConfigurationError(
            f"{_OWNER}.{name} must be a list of strings, e.g. {example}; got {value!r}."
        )
    bad = [item for item in value if item is not None and not isinstance(item, str)]
    if bad:
        raise ConfigurationError(
            f"{_OWNER}.{name} must hold only strings; {bad[0]!r} is a {type(bad[0]).__name__}."
        )
    return [item.strip() for item in value if item and item.strip()]


def _model(value: object) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(
            f"{_OWNER}.model must be a model name such as {DEFAULT_SYNC_MODEL!r}, got {value!r}."
        )
    return value


def _prompt(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigurationError(f"{_OWNER}.prompt must be a string, got {value!r}.")
    if len(value) > MAX_PROMPT_LENGTH:
        raise ConfigurationError(
            f"{_OWNER}.prompt is {len(value)} characters; the synchronous API takes at most "
            f"{MAX_PROMPT_LENGTH}. Shorten it."
        )
    return value


def _keyterms(value: object) -> list[str] | None:
    if value is None:
        return None
    terms = _strings("keyterms_prompt", value, example='["AssemblyAI", "Universal"]')
    total = sum(len(term) for term in terms)
    if total > MAX_KEYTERMS_PROMPT_LENGTH:
        raise ConfigurationError(
            f"{_OWNER}.keyterms_prompt holds {total} characters in all; the synchronous API "
            f"takes at most {MAX_KEYTERMS_PROMPT_LENGTH}. Keep the terms that matter most."
        )
    return terms or None


def trim_conversation_context(turns: list[str]) -> list[str]:
    """The most recent turns that fit the caps: the oldest are dropped first, as the server does."""
    total = sum(len(turn) for turn in turns)
    start = 0
    while start < len(turns) and (
        len(turns) - start > MAX_CONVERSATION_CONTEXT_TURNS
        or total > MAX_CONVERSATION_CONTEXT_LENGTH
    ):
        total -= len(turns[start])
        start += 1
    return turns[start:]


def _context(value: object) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    turns = _strings("conversation_context", value, example='["Where to?", "Denver."]')
    return trim_conversation_context(turns) or None


def _language_codes(value: object) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise ConfigurationError(
            f"{_OWNER}.language_codes must be a list, e.g. [{value!r}]; got the string {value!r}."
        )
    codes = _strings("language_codes", value, example='["es"]')
    for code in codes:
        if not LANGUAGE_CODE.fullmatch(code):
            raise ConfigurationError(
                f"{_OWNER}.language_codes: {code!r} is not an ISO 639-1 code such as 'en' or "
                "'es' (two lower-case letters)."
            )
    return codes or None


def _positive_int(name: str, value: object, maximum: int | None = None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"{_OWNER}.{name} must be a whole number > 0, got {value!r}.")
    if maximum is not None and value > maximum:
        raise ConfigurationError(f"{_OWNER}.{name} must be 1 (mono) or 2 (stereo), got {value!r}.")
    return value


def _sample_rate(value: object) -> int | None:
    return _positive_int("sample_rate", value)


def _channels(value: object) -> int | None:
    return _positive_int("channels", value, MAX_CHANNELS)


def _timestamps(value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ConfigurationError(f"{_OWNER}.timestamps must be True or False, got {value!r}.")
    return value


@attrs.define(kw_only=True, eq=True)
class SyncTranscriptionConfig:
    """Options for a synchronous transcription; every value is checked when set.

    Args:
        model: the speech model, sent as the ``X-AAI-Model`` header (not in the body).
        prompt: an instruction added to the model's prompt (at most 4096 characters).
        keyterms_prompt: words to favour; entries are stripped and blank ones dropped (at most
            2048 characters in all).
        conversation_context: earlier turns of the conversation, oldest first (a single string
            is one turn); beyond 100 turns or 4096 characters the oldest are dropped.
        language_codes: the language(s) spoken, e.g. ``["es"]`` or ``["en", "es"]``; ignored
            by the API when ``prompt`` is set.
        sample_rate, channels: required for raw PCM audio (WAV carries its own).
        timestamps: return each word's ``start`` and ``end`` (milliseconds).

    Example::

        config = aai.SyncTranscriptionConfig(keyterms_prompt=["AssemblyAI"], timestamps=True)
    """

    model: str = attrs.field(default=DEFAULT_SYNC_MODEL, converter=_model)
    prompt: str | None = attrs.field(default=None, converter=_prompt)
    keyterms_prompt: list[str] | None = attrs.field(default=None, converter=_keyterms)
    conversation_context: list[str] | None = attrs.field(default=None, converter=_context)
    language_codes: list[str] | None = attrs.field(default=None, converter=_language_codes)
    sample_rate: int | None = attrs.field(default=None, converter=_sample_rate)
    channels: int | None = attrs.field(default=None, converter=_channels)
    timestamps: bool | None = attrs.field(default=None, converter=_timestamps)

    @property
    def wants_pcm(self) -> bool:
        """Whether the options describe raw PCM (``sample_rate`` or ``channels`` set)."""
        return self.sample_rate is not None or self.channels is not None

    def to_options(self) -> builtins.dict[str, SyncOptionValue]:
        """The JSON ``config`` part: the options that are set, without ``model`` (a header)."""
        return {
            field.name: value
            for field in attrs.fields(SyncTranscriptionConfig)
            if field.name != "model" and (value := getattr(self, field.name)) is not None
        }

    def dict(self, *, exclude_none: bool = False, **_: Any) -> dict[str, Any]:
        """The options as a plain dict, ``model`` included (pydantic's spelling, as in 1.0)."""
        values = attrs.asdict(self)
        return {k: v for k, v in values.items() if v is not None} if exclude_none else values

    def model_dump(self, *, exclude_none: bool = False, **_: Any) -> builtins.dict[str, Any]:
        """Alias of :meth:`dict` (pydantic v2's name)."""
        return self.dict(exclude_none=exclude_none)
