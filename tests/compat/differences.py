"""The deliberate differences from 0.45.4, each with its reason and a check that it still holds.

The differential tests leave these out of their comparisons; ``test_differences.py`` runs every
``check`` so a difference that disappears (or was never real) is noticed. The README's "Where
this SDK differs from 0.45.4" lists the same entries.
"""

from __future__ import annotations

SIGNATURE_DIFFERENCES: dict[str, str] = {}
