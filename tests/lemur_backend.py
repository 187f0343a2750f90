"""Pins LeMUR to its old endpoints, for tests about those endpoints themselves.

Since the 2026 revision ``aai.Lemur`` runs on LLM Gateway by default
(``settings.lemur_backend``); tests that check LeMUR's own requests, answers and faults import
``old_lemur_endpoints`` (an autouse fixture: importing it applies it to the whole module).
``tests/e2e/test_lemur_on_gateway.py`` covers the gateway backend.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import assemblyai as aai

__all__ = ["old_lemur_endpoints"]


@pytest.fixture(autouse=True, scope="module")
def old_lemur_endpoints() -> Iterator[None]:
    # Module-wide, so that clients built by module fixtures (which copy the settings) see it
    # too; both aai.settings for this process and the variable for Settings() made later and
    # for subprocesses.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSEMBLYAI_LEMUR_BACKEND", "lemur")
        patch.setattr(aai.settings, "lemur_backend", "lemur")
        yield
