"""The field properties of ``TranscriptionConfig`` whose behaviour is handwritten.

Every other property (one per spec property of the transcription parameters) is generated into
``TranscriptionConfigBase`` (``assemblyai/_generated/surface/config.py``): read/write ones pass
straight through to the raw config, validating from the spec's types, enums and bounds;
read-only ones belong to fields that change together through a ``set_*`` method
(``generator/overlay.toml`` lists them). The first two here are listed there under
``[config.handwritten]``; ``language_detection_results`` is no request parameter at all (see
its docstring).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.validation import check_bool, fail
from assemblyai._generated.surface.config import TranscriptionConfigBase

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.language_detection_results import (
        LanguageDetectionResults,
    )

__all__ = ["TranscriptionConfigFields"]


class TranscriptionConfigFields(TranscriptionConfigBase):
    """Base of ``TranscriptionConfig``: the generated properties plus the handwritten ones."""

    __slots__ = ()

    @property
    def auto_chapters(self) -> bool | None:
        """Summarize the audio in chapters; needs punctuation (``punctuate`` not False).

        Raises:
            ConfigurationError: on assigning a truthy value while ``punctuate`` is False.
        """
        return self._raw.auto_chapters

    @auto_chapters.setter
    def auto_chapters(self, value: bool | None) -> None:
        check_bool("auto_chapters", value)
        if value and self._raw.punctuate is False:
            raise ConfigurationError(
                f"auto_chapters={value!r} needs punctuation, but punctuate is False; "
                "leave punctuate unset or set it to True"
            )
        self._raw.auto_chapters = value

    @property
    def custom_spelling(self) -> dict[str, list[str]] | None:
        """Custom spellings as ``{to: [from, ...]}`` (``set_custom_spelling()``).

        A new dict each time; None when unset and ``{}`` for an empty list (0.45.4 raised
        ``UnboundLocalError``). Entries that share a ``to`` value are merged into one list
        (0.45.4 kept only the last one).

        Raises:
            ConfigurationError: an entry is not a dict or its ``to`` value is not a string.
        """
        entries = self._raw.custom_spelling
        if entries is None:
            return None
        spellings: dict[str, list[str]] = {}
        for entry in entries:
            if not isinstance(entry, Mapping):
                raise fail("custom_spelling entry", entry, 'a dict like {"from": [...], "to": ...}')
            to, source = entry.get("to"), entry.get("from")
            if not isinstance(to, str):
                raise fail("custom_spelling 'to' value", to, "a string")
            sources = [source] if isinstance(source, str) else list(source or ())
            spellings.setdefault(to, []).extend(sources)
        return spellings

    @property
    def language_detection_results(self) -> LanguageDetectionResults | None:
        """What language detection found: None on a config (read-only).

        The official SDK 1.0 has this property on its config, where the API never fills it in
        either; it is here so that code written for 1.0 reads None instead of failing. The
        results of a transcription are ``transcript.language_detection_results``. A raw config
        given an extra field of this name (a dict or the model) returns it as the model.
        """
        from assemblyai._generated.rest.models.language_detection_results import (
            LanguageDetectionResults,
        )

        value = vars(self._raw).get("language_detection_results")
        if isinstance(value, LanguageDetectionResults):
            return value
        if isinstance(value, Mapping):
            return LanguageDetectionResults.from_dict(dict(value))
        return None
