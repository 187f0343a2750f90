"""LeMUR models of 0.45.4 that the API description does not have."""

from __future__ import annotations

from typing import Any

import attrs

from assemblyai._core.compat import ModelCompat
from assemblyai._core.enums import LemurSourceType

__all__ = ["LemurPurgeRequest", "LemurSourceRequest"]


@attrs.define(kw_only=True)
class LemurPurgeRequest(ModelCompat):
    """Which LeMUR request's data to delete."""

    request_id: str


@attrs.define(kw_only=True)
class LemurSourceRequest(ModelCompat):
    """A transcript reference as 0.45.4 wrote it (``{"id": ..., "type": "transcript"}``)."""

    id: str | None = None
    type: LemurSourceType = LemurSourceType.transcript

    @classmethod
    def from_lemur_source(cls, source: Any) -> LemurSourceRequest:
        return cls(id=source.source.id, type=source.type)
