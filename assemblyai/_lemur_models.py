"""LeMUR models of 0.45.4 that the API description does not have."""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ._compat import ModelCompat
from ._enums import LemurSourceType

__all__ = ["LemurPurgeRequest", "LemurRequestDetails", "LemurSourceRequest"]


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


@attrs.define(kw_only=True)
class LemurRequestDetails(ModelCompat):
    """What a LeMUR request asked for, as some responses echo it."""

    request_endpoint: str
    temperature: float
    final_model: str
    max_output_size: int
    created_at: datetime.datetime | str
    transcript_ids: list[str] | None = None
    input_text: str | None = None
    questions: list[Any] | None = None
    prompt: str | None = None
    context: dict[str, Any] | str | None = None
    answer_format: str | None = None
