"""Paging through transcript lists: a pure decision used by the sync and async iterators."""

from __future__ import annotations

from typing import Any

__all__ = ["next_page_params"]


def next_page_params(params: Any | None, page: Any) -> dict[str, Any] | None:
    """The query for the page after ``page`` (older transcripts), or None after the last.

    The API lists newest first; ``prev_url`` leads to older transcripts and carries the
    ``before_id`` to ask for; the other filters (``after_id`` included, which bounds the walk)
    are kept.
    """
    # An answer without usable page details ends the walk.
    before_id = getattr(page.page_details, "before_id_of_prev_url", None)
    if not before_id or not page.transcripts:
        return None
    if params is None:
        current: dict[str, Any] = {}
    elif hasattr(params, "to_dict"):
        current = params.to_dict()
    else:
        current = dict(params)
    current = {key: value for key, value in current.items() if value is not None}
    current["before_id"] = before_id
    return current
