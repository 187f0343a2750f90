"""pytest plugin (entry point ``assemblyai``): the ``assemblyai_fake`` fixture.

It is a top-level module, not part of the ``assemblyai`` package, because pytest imports every
installed plugin into every run: importing ``assemblyai.testing.pytest_plugin`` would first
import ``assemblyai`` and ``assemblyai.testing`` (settings, enums, generated models, the
sandbox, websockets). This module imports only pytest; the sandbox loads when a test asks for
the fixture. ``assemblyai.testing.pytest_plugin`` re-exports the fixture for conftests that
name it in ``pytest_plugins``.

The fixture yields a started :class:`~assemblyai.testing.FakeAssemblyAI` with
``assemblyai.settings`` pointed at it, and stops it afterwards. Options go in a marker::

    @pytest.mark.assemblyai_fake(processing_time=0, strict=False)
    def test_something(assemblyai_fake):
        ...

When the fake is ``strict`` (the default), a test whose requests broke the spec fails at
teardown with the list of violations.

``pytest --assemblyai-responses=real`` makes the fixture answer as the real API does rather
than as the spec describes it (``FakeAssemblyAI(responses="real")``: fields left out, nulls,
undeclared fields...), unless a marker says otherwise; run a suite both ways to check that
code copes with what the API really sends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assemblyai.testing import FakeAssemblyAI

__all__ = ["assemblyai_fake"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("assemblyai").addoption(
        "--assemblyai-responses",
        choices=("spec", "real"),
        default=None,
        help="shape of the sandbox's answers: as the spec describes them (default for the "
        "assemblyai_fake fixture) or as the real API sends them",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "assemblyai_fake(**options): keyword arguments for the assemblyai_fake fixture's FakeAssemblyAI",
    )


@pytest.fixture
def assemblyai_fake(request: pytest.FixtureRequest) -> Iterator[FakeAssemblyAI]:
    """A started ``FakeAssemblyAI``; ``assemblyai.settings`` points at it during the test."""
    from assemblyai.testing import FakeAssemblyAI

    marker = request.node.get_closest_marker("assemblyai_fake")
    options = dict(marker.kwargs) if marker is not None else {}
    responses = request.config.getoption("assemblyai_responses", None)
    if responses is not None:
        options.setdefault("responses", responses)
    fake = FakeAssemblyAI(**options)
    fake.start()
    try:
        yield fake
    finally:
        fake.close()
    if fake.strict and fake.violations:
        pytest.fail(
            f"{len(fake.violations)} request(s) to the AssemblyAI sandbox broke the spec:\n"
            + "\n".join(f"  - {v}" for v in fake.violations),
            pytrace=False,
        )
