"""Query parameters checked against the spec before a request goes out.

The spec states each query parameter's bounds and allowed values (``limit`` of
``GET /v2/transcript`` is 1 to 200, say); a value outside them would only come back as a 400
after a round trip, so it is refused here, read from the spec rather than restated.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from assemblyai._core.exceptions import ConfigurationError

__all__ = ["check_query"]


@functools.cache
def _parameters(operation_id: str) -> dict[str, dict[str, Any]]:
    from assemblyai._generated.specs import openapi_document

    for item in openapi_document().get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return {
                    p["name"]: p.get("schema") or {}
                    for p in operation.get("parameters", [])
                    if p.get("in") == "query"
                }
    return {}


def check_query(operation_id: str, query: Mapping[str, object], *, owner: str) -> None:
    """Raise ``ConfigurationError`` for a query value outside what the spec allows.

    Args:
        owner: how the user passed the values, for the message (``ListTranscriptParameters``).
    """
    schemas = _parameters(operation_id)
    for name, value in query.items():
        schema = schemas.get(name, {})
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (
                f"from {low} to {high}"
                if low is not None and high is not None
                else (f"at least {low}" if low is not None else f"at most {high}")
            )
            raise ConfigurationError(f"{owner}.{name} must be {bounds}, got {value!r}")
