"""A spec-only change to the v3 handshake reaches users after `make regen`, with no handwritten edit.

A copy of `spec/` gets a new query parameter on the v3 channel; the SDK package is copied,
its `_generated/` regenerated from that spec copy, and a fresh interpreter that imports the
copy shows `StreamingParameters(vad_threshold=...)`: a typed keyword, checked against the
spec's bounds, and sent in the handshake query that the loopback sandbox records (the
sandbox validates the query against the same regenerated spec).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.regenerate import build

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.timeout(300)

NEW_PARAMETER = """\
            vad_threshold:
              type: number
              minimum: 0
              maximum: 1
              description: How loud a frame must be to count as speech (0 to 1).
              examples: [0.3]
"""

CHECK = """
import inspect, json, sys
import assemblyai
from assemblyai import ConfigurationError
from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions, StreamingParameters
from assemblyai.testing import FakeAssemblyAI

signature = inspect.signature(StreamingParameters)
with FakeAssemblyAI() as fake:
    client = StreamingClient(StreamingClientOptions())
    client.connect(StreamingParameters(sample_rate=16000, vad_threshold=0.3))
    client.disconnect(terminate=True)
    query = fake.streaming_sessions[-1].query
try:
    StreamingParameters(sample_rate=16000, vad_threshold=2)
    refused = ""
except ConfigurationError as exc:
    refused = str(exc)
print(json.dumps({
    "package": assemblyai.__file__,
    "annotation": str(signature.parameters["vad_threshold"].annotation),
    "field": str(StreamingParameters.__attrs_attrs__.vad_threshold.type),
    "query": query,
    "refused": refused,
}))
"""


def _add_parameter(spec: Path) -> None:
    path = spec / "streaming.asyncapi.yml"
    text = path.read_text(encoding="utf-8")
    anchor = "            token:\n"
    assert text.count(anchor) == 1, "the v3 query has moved: update this test's anchor"
    path.write_text(text.replace(anchor, NEW_PARAMETER + anchor), encoding="utf-8")


def test_a_new_v3_query_parameter_reaches_users(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(REPO / "spec", spec)
    _add_parameter(spec)
    package = tmp_path / "site" / "assemblyai"
    shutil.copytree(
        REPO / "assemblyai", package, ignore=shutil.ignore_patterns("__pycache__", "_generated")
    )
    build(spec, package / "_generated")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env["PYTHONPATH"] = str(package.parent)
    proc = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["package"].startswith(str(package)), "the subprocess must import the copy"
    assert seen["annotation"] == "float | None"
    assert seen["field"] == "float | None"
    assert seen["query"] == {"sample_rate": "16000", "vad_threshold": "0.3"}
    assert "StreamingParameters.vad_threshold: must be at most 1, got 2" in seen["refused"]
