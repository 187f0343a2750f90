"""Which revision of the API's request rules the sandbox enforces.

The API tightens its rules over time without changing its paths: since the 2026 revision a
transcription request must name its ``speech_models``. Our spec states such a rule where it
belongs, on the request schema, as ``x-sdk-required-since: {"2026": [speech_models]}`` instead of
in ``required`` (the generated request and config models would otherwise make the field a
required argument, which breaks code written for the older API). :func:`documents_for` turns
the marks of every revision up to the chosen one into plain ``required`` entries, so the
sandbox's validator enforces them like any other rule. Pure: no I/O.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

__all__ = ["API_REVISIONS", "DEFAULT_API_REVISION", "check_revision", "documents_for"]

API_REVISIONS = ("2025", "2026")
"""The revisions the sandbox can enforce, oldest first."""

DEFAULT_API_REVISION = "2026"

REQUIRED_SINCE = "x-sdk-required-since"


def check_revision(revision: str) -> str:
    """REVISION if the sandbox knows it; otherwise a ValueError naming the known ones."""
    if revision not in API_REVISIONS:
        raise ValueError(
            f"api_revision must be one of {', '.join(map(repr, API_REVISIONS))}, not {revision!r}"
        )
    return revision


def _marked(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get(REQUIRED_SINCE), Mapping):
            yield node
        for value in node.values():
            yield from _marked(value)
    elif isinstance(node, list):
        for item in node:
            yield from _marked(item)


def documents_for(documents: Sequence[Mapping[str, Any]], revision: str) -> list[Mapping[str, Any]]:
    """DOCUMENTS with the rules of REVISION (and of every earlier one) made ``required``.

    Args:
        documents: OpenAPI documents as the package ships them; not changed.
        revision: one of :data:`API_REVISIONS`.

    Returns:
        The documents, copied where a rule was applied.
    """
    check_revision(revision)
    chosen = API_REVISIONS.index(revision)
    out: list[Mapping[str, Any]] = []
    for document in documents:
        if not any(True for _ in _marked(document)):
            out.append(document)
            continue
        copied = copy.deepcopy(dict(document))
        for schema in _marked(copied):
            rules: Mapping[str, Any] = schema[REQUIRED_SINCE]
            required = list(schema.get("required", []))
            for since, names in sorted(rules.items()):
                if since in API_REVISIONS and API_REVISIONS.index(since) <= chosen:
                    required.extend(n for n in names if n not in required)
            if required:
                schema["required"] = required
        out.append(copied)
    return out
