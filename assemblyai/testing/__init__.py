"""An offline sandbox of the AssemblyAI API, for tests and local development.

``FakeAssemblyAI`` serves the REST API on ``127.0.0.1``, checks every request against our
OpenAPI documents, keeps transcripts, uploads and LeMUR answers in memory, produces
deterministic content, and injects faults on demand. It is never imported by ``import
assemblyai``; import it from here::

    from assemblyai.testing import FakeAssemblyAI

    with FakeAssemblyAI() as fake:          # assemblyai.settings now points at the fake
        ...

With pytest, the ``assemblyai_fake`` fixture (this package's pytest plugin) yields a started
``FakeAssemblyAI``. From a shell: ``python -m assemblyai.testing serve --port 8000``.
"""

from ._content import PLACEHOLDER_TEXT
from ._fake import FakeAssemblyAI, SpecViolationError, default_documents
from ._faults import FaultRule, Faults, RoutePattern
from ._http import RecordedRequest, Violation
from ._state import TokenRecord

__all__ = [
    "PLACEHOLDER_TEXT",
    "FakeAssemblyAI",
    "FaultRule",
    "Faults",
    "RecordedRequest",
    "RoutePattern",
    "SpecViolationError",
    "TokenRecord",
    "Violation",
    "default_documents",
]
