"""Strings that never show themselves: API keys, temporary tokens, URLs that carry a token.

A secret used to be a plain ``str`` wherever it lived (settings, headers, handshake URLs),
so any ``repr`` of it printed it: an error report, a debugger, or a traceback rendered with
``capture_locals=True``. These ``str`` subclasses are the same text everywhere it is used
(headers, equality, f-strings, JSON) but their ``repr`` is masked, so the frames and objects
that hold them print ``'***'`` instead.
"""

from __future__ import annotations

from typing import overload

__all__ = ["MaskedUrl", "Secret", "secret"]


class Secret(str):
    """A secret string: equal to its text and usable as one, but ``repr`` shows ``'***'``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


class MaskedUrl(str):
    """A URL whose query may carry a secret (a temporary token): ``repr`` hides the query."""

    __slots__ = ()

    def __repr__(self) -> str:
        base, query_mark, _ = self.partition("?")
        return repr(base + ("?***" if query_mark else ""))


@overload
def secret(value: str) -> Secret: ...
@overload
def secret(value: None) -> None: ...
def secret(value: str | None) -> Secret | None:
    """``value`` as a :class:`Secret` (None stays None)."""
    if value is None or isinstance(value, Secret):
        return value
    return Secret(value)
