"""The transcription parameters and enums as `spec/openapi.yml` declares them (for drift tests).

Tests compare the public surface with these instead of pinning copies of field or member lists,
so a property or enum value added to the spec (and `make regen`) is checked without a test edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.specload import load_document

SPEC = Path(__file__).resolve().parents[1] / "spec" / "openapi.yml"
PARAMS_SCHEMA = "TranscriptOptionalParams"


def schemas() -> dict[str, Any]:
    doc = load_document(SPEC)
    found: dict[str, Any] = doc["components"]["schemas"]
    return found


def transcript_params() -> dict[str, Any]:
    """Every property of TranscriptOptionalParams: name -> JSON schema, in spec order."""
    props: dict[str, Any] = schemas()[PARAMS_SCHEMA]["properties"]
    return props


def spec_enums() -> dict[str, list[str]]:
    """Every string enum schema of the spec: name -> its values."""
    return {
        name: list(schema["enum"])
        for name, schema in schemas().items()
        if isinstance(schema, dict) and isinstance(schema.get("enum"), list)
    }
