"""The 0.45.4 suite's recording server, also answering a transcript submission with a
registered body: so bodies still ``queued`` or ``processing`` (which ``get_by_id`` would wait
on forever) are read the way the API hands them out, as the answer to ``submit``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.compat.server import RecordingServer

__all__ = ["SubmitServingServer", "recording_server"]


class SubmitServingServer(RecordingServer):
    def _answer(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        if method == "POST" and path == "/v2/transcript" and isinstance(body, dict):
            served = self.bodies.get(("submit", str(body.get("audio_url"))))
            if served is not None:
                return 200, served
        return super()._answer(method, path, query, body)


@contextmanager
def recording_server() -> Iterator[SubmitServingServer]:
    server = SubmitServingServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
