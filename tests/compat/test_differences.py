"""Each deliberate difference from 0.45.4 still holds (or it is no longer a difference, and
its entry, its exclusion from the comparisons, and the README line go)."""

from __future__ import annotations

from typing import Any

import pytest

from .differences import (
    CODE_TABLES,
    DIFFERENCES,
    LEMUR_PROBES,
    PROBES,
    SIGNATURE_DIFFERENCES,
    Difference,
)
from .official import run_official, run_ours
from .server import RecordingServer, transcript_body


def _probes(
    server: RecordingServer, shapes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    for name, fields in PROBES.items():
        server.register("transcript", f"probe_{name}", transcript_body(f"probe_{name}", **fields))
    cases = [{"kind": "probe", "id": f"probe_{name}"} for name in PROBES]
    request = {"mode": "read", "base_url": server.base_url, "cases": cases, "shapes": shapes}
    ours, theirs = run_ours(request), run_official(request)
    return dict(zip(PROBES, ours, strict=True)), dict(zip(PROBES, theirs, strict=True))


def _lemur_probes(server: RecordingServer, shapes: dict[str, Any]) -> tuple[Any, Any]:
    for request_id, body in LEMUR_PROBES.items():
        server.register("lemur_response", request_id, body)
    cases = [{"kind": "lemur_response", "id": request_id} for request_id in LEMUR_PROBES]
    request = {"mode": "read", "base_url": server.base_url, "cases": cases, "shapes": shapes}
    return run_ours(request), run_official(request)


def _signatures() -> tuple[dict[str, Any], dict[str, Any]]:
    """The signature of each name in SIGNATURE_DIFFERENCES, in 0.45.4 and in ours."""
    wanted: dict[str, list[str]] = {}
    for where in SIGNATURE_DIFFERENCES:
        module, name = where.rsplit(".", 1)
        wanted.setdefault(module, []).append(name)
    request = {"mode": "names", "modules": list(wanted), "wanted": wanted}
    theirs, ours = run_official(request), run_ours(request)

    def flat(found: dict[str, Any]) -> dict[str, Any]:
        return {
            f"{module}.{name}": entry.get("signature")
            for module, entries in found.items()
            for name, entry in entries.items()
        }

    return flat(theirs), flat(ours)


@pytest.fixture(scope="module")
def observed(
    server: RecordingServer,
    shapes: dict[str, Any],
    calls_observed: dict[str, Any],
    config_observed: Any,
) -> dict[str, Any]:
    names = {"mode": "names", "modules": list(CODE_TABLES), "wanted": CODE_TABLES}
    return {
        "calls": calls_observed,
        "config": config_observed,
        "probes": _probes(server, shapes),
        "lemur_probes": _lemur_probes(server, shapes),
        "signatures": _signatures(),
        "names": (run_official(names), run_ours(names)),
    }


@pytest.mark.parametrize("difference", DIFFERENCES, ids=lambda d: d.what[:60])
def test_difference_still_holds(observed: dict[str, Any], difference: Difference) -> None:
    assert difference.check(observed), f"no longer differs: {difference.what}"


def test_every_difference_has_a_reason() -> None:
    assert all(d.what and d.reason for d in DIFFERENCES)
