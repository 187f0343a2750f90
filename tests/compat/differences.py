"""The deliberate differences from 0.45.4, each with its reason and a check that it still holds.

The differential tests leave these out of their comparisons (:func:`comparable_request`,
:data:`SIGNATURE_DIFFERENCES`); ``test_differences.py`` runs every entry's ``check`` so a
difference that disappears, or never was, is noticed. The README's "Where this SDK differs from
0.45.4" lists the same entries.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["SIGNATURE_DIFFERENCES", "comparable_request"]

SIGNATURE_DIFFERENCES: dict[str, str] = {}

LEMUR_GENERATE = "/lemur/v3/generate/"


def comparable_request(request: list[Any]) -> list[Any]:
    """``request`` without the parts that differ on purpose.

    List filters: 0.45.4, in its default pydantic v1 fallback mode, sends its model config as a
    ``model_config`` parameter and a status as ``TranscriptStatus.completed``.
    LeMUR bodies: ours names the transcripts in ``transcript_ids`` and always sends a
    ``final_model``; 0.45.4 sends ``sources`` and a model only when given one.
    """
    method, path, query, body = copy.deepcopy(request)
    if path == "/v2/transcript" and method == "GET":
        query = [[k, v.removeprefix("TranscriptStatus.")] for k, v in query if k != "model_config"]
    if path.startswith(LEMUR_GENERATE) and isinstance(body, dict):
        body.pop("sources", None)
        body.pop("transcript_ids", None)
        body.pop("final_model", None)
    return [method, path, query, body]
