"""An offline sandbox of the AssemblyAI API, for tests and local development.

``FakeAssemblyAI`` serves the REST API on ``127.0.0.1``, checks every request against our
OpenAPI documents, keeps transcripts, uploads and LeMUR answers in memory, produces
deterministic content, and injects faults on demand (``fake.faults``).

It also serves the streaming APIs on a second port (``fake.streaming_url``): Universal
Streaming v3 (``/v3/ws``, plus ``GET /v3/token``) and the legacy v2 real-time API
(``/v2/realtime/ws``, also reachable through the REST port, as on the real host). Sessions
answer with ``Begin``, turns paced to the audio received (words of ``fake.streaming_text``),
formatted finals, ``Termination``; client traffic is checked against the AsyncAPI documents
(breaches join ``fake.violations``), recorded in ``fake.streaming_sessions``, and faults
(close codes, dropped connections, refused handshakes) come from ``fake.stream_faults``.

It is never imported by ``import assemblyai``; import it from here::

    from assemblyai.testing import FakeAssemblyAI

    with FakeAssemblyAI() as fake:          # assemblyai.settings now points at the fake
        transcript = aai.Transcriber().transcribe("https://example.com/a.mp3")
        client = aai.streaming.v3.StreamingClient()      # connects to fake.streaming_url
        ...

``FakeAssemblyAI(responses="real")`` answers as the real API does rather than as the spec
describes it (fields left out, nulls, undeclared fields, floats for integers, ``SpeechStarted``
messages...), to check that code copes with what the API really sends.

With pytest, the ``assemblyai_fake`` fixture (this package's pytest plugin) yields a started
``FakeAssemblyAI``. From a shell: ``python -m assemblyai.testing serve --port 8000``.
"""

from assemblyai.testing._content import PLACEHOLDER_TEXT
from assemblyai.testing._fake import FakeAssemblyAI, SpecViolationError, default_documents
from assemblyai.testing._faults import FaultRule, Faults, RoutePattern
from assemblyai.testing._http import RecordedRequest, Violation
from assemblyai.testing._real import ResponseStyle
from assemblyai.testing._state import TokenRecord
from assemblyai.testing._stream_faults import StreamFaultRule, StreamFaults
from assemblyai.testing._stream_session import StreamingSession

__all__ = [
    "PLACEHOLDER_TEXT",
    "FakeAssemblyAI",
    "FaultRule",
    "Faults",
    "RecordedRequest",
    "ResponseStyle",
    "RoutePattern",
    "SpecViolationError",
    "StreamFaultRule",
    "StreamFaults",
    "StreamingSession",
    "TokenRecord",
    "Violation",
    "default_documents",
]
