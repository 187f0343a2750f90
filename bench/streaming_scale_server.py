"""The server side of the streaming scale benchmark: the SDK's sandbox (``FakeAssemblyAI``) in a
process of its own, so that the client process is what is measured.

Prints one line, ``SCALE_SERVER {"url": ..., "api_key": ...}``, once it listens, and serves
until its standard input closes. The sandbox validates what clients send, as always; checking
its own answers against the spec is switched off, as it is test-only work that would load the
server, not the client.
"""

from __future__ import annotations

import json
import resource
import sys

from assemblyai.testing import FakeAssemblyAI


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with FakeAssemblyAI(configure_settings=False, validate_responses=False, seed=1) as fake:
        print(
            "SCALE_SERVER " + json.dumps({"url": fake.streaming_url, "api_key": fake.api_key}),
            flush=True,
        )
        sys.stdin.read()  # until the orchestrator closes the pipe (or exits)
        problems = [p for s in fake.streaming_sessions for p in s.problems]
        print(
            "SCALE_SERVER_DONE "
            + json.dumps({"sessions": len(fake.streaming_sessions), "problems": problems[:5]}),
            flush=True,
        )


if __name__ == "__main__":
    main()
