"""The field properties of ``TranscriptionConfig`` whose behaviour is handwritten.

Every other property (one per spec property of the transcription parameters) is generated into
``TranscriptionConfigBase`` (``assemblyai/_generated/surface/config.py``): read/write ones pass
straight through to the raw config, validating from the spec's types, enums and bounds;
read-only ones belong to fields that change together through a ``set_*`` method
(``generator/overlay.toml`` lists them). The two here are listed there under
``[config.handwritten]``.
"""

from __future__ import annotations

from collections.abc import Mapping

from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.validation import check_bool, fail
from assemblyai._generated.surface.config import TranscriptionConfigBase

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
