"""The few public models that add behaviour to a generated one.

Everything else users reach through ``aai.X``/``aai.types.X`` is a generated model under its
0.45.4 name (see :mod:`assemblyai.types`); these subclasses exist only where 0.45.4 offered
something the API description cannot express.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self
from urllib.parse import parse_qs, urlparse

from assemblyai._generated.rest.models.page_details import PageDetails as _PageDetails
from assemblyai._generated.rest.models.transcript_list import TranscriptList as _TranscriptList

__all__ = ["ListTranscriptResponse", "PageDetails", "Sourcable"]


class Sourcable:
    """Marker base of things LeMUR can read (0.45.4's name; ``Transcript`` derives from it)."""

    __slots__ = ()


class PageDetails(_PageDetails):
    """Paging information of a transcript list, plus the id that leads to the previous page."""

    __slots__ = ()

    @property
    def before_id_of_prev_url(self) -> str | None:
        """The ``before_id`` of ``prev_url``: pass it to get the next (older) page."""
        if not self.prev_url:
            return None
        values = parse_qs(urlparse(self.prev_url).query).get("before_id")
        return values[0] if values else None


class ListTranscriptResponse(_TranscriptList):
    """A page of transcripts; ``page_details`` is a :class:`PageDetails`."""

    __slots__ = ()

    page_details: PageDetails | None

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        parsed = super().from_dict(src_dict)
        details = src_dict.get("page_details")
        if isinstance(details, Mapping):  # anything else was kept as sent (and reported)
            parsed.page_details = PageDetails.from_dict(details)
        return parsed
