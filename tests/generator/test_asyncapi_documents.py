"""Several AsyncAPI documents side by side: a package each, one shared runtime, no clashes.

`make regen` is run (through `generator.regenerate.build`) on a copy of `spec/` plus a second
AsyncAPI 3 document (`fixtures/asyncapi/pro-like.asyncapi.yml`, which reuses names of v3
streaming on purpose); the packages are then imported in a fresh interpreter.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.asyncapi import GeneratorError, package_names
from generator.regenerate import RegenError, build

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "asyncapi" / "pro-like.asyncapi.yml"

pytestmark = pytest.mark.timeout(300)

CHECK = """
import json
import gen
from gen import pro_like, realtime, streaming
from gen import _asyncapi_runtime as runtime

turn = pro_like.decode('{"type": "Turn", "transcript": "hi", "end_of_turn": true}')
started = pro_like.decode('{"type": "SpeechStarted", "timestamp": 1200}')
params = pro_like.Parameters(sample_rate=8000, encoding="opus", prompt="names", extra=1)
try:
    pro_like.Parameters(sample_rate=8000, min_turn_silence=-1)
except ValueError as exc:
    refused = str(exc)
print(json.dumps({
    "turn": type(turn).__module__ + "." + type(turn).__name__,
    "v3_turn": streaming.Turn.__module__,
    "started": [type(started).__name__, started.timestamp],
    "events": [e.value for e in pro_like.ProEvents],
    "event_of_started": pro_like.ProEvents.of(started).value,
    "shared_runtime": [m.DecodeError is runtime.DecodeError for m in (pro_like, streaming, realtime)],
    "query": [[k, getattr(v, "value", v)] for k, v in params.query_pairs()],
    "session_fields": [a.name for a in pro_like.SessionParameters.__attrs_attrs__],
    "refused": refused,
    "encodings": [e.value for e in pro_like.Encoding],
    "v3_encodings": [e.value for e in streaming.Encoding],
}))
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    spec = root / "spec"
    shutil.copytree(REPO / "spec", spec)
    shutil.copy(FIXTURE, spec / FIXTURE.name)
    build(spec, root / "gen")
    return root


def test_each_document_generates_its_own_package_over_one_runtime(generated: Path) -> None:
    out = generated / "gen"
    packages = sorted(p.name for p in out.iterdir() if (p / "__init__.py").exists())
    assert packages == ["pro_like", "realtime", "rest", "specs", "streaming", "surface"]
    assert (out / "_asyncapi_runtime.py").is_file()
    assert not list(out.rglob("_runtime.py")), "the runtime is generated once, not per package"
    header = (out / "pro_like" / "messages.py").read_text(encoding="utf-8").splitlines()[0]
    assert "spec/pro-like.asyncapi.yml" in header


def test_the_packages_import_side_by_side(generated: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=generated,
        env={"PYTHONPATH": str(generated), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["turn"] == "gen.pro_like.messages.Turn"
    assert seen["v3_turn"] == "gen.streaming.messages"
    assert seen["started"] == ["SpeechStarted", 1200]
    assert seen["events"] == ["Begin", "SpeechStarted", "Turn", "Termination", "Unknown"]
    assert seen["event_of_started"] == "SpeechStarted"
    assert seen["shared_runtime"] == [True, True, True]
    # in the document's order; the credential (`token`) is no parameter; extras are sent
    assert seen["query"] == [
        ["sample_rate", 8000],
        ["encoding", "opus"],
        ["prompt", "names"],
        ["extra", 1],
    ]
    # what UpdateConfiguration can also change is the session part
    assert seen["session_fields"] == ["prompt", "min_turn_silence", "additional_properties"]
    assert "Parameters.min_turn_silence: must be at least 0, got -1" in seen["refused"]
    assert seen["encodings"] == ["pcm_s16le", "pcm_mulaw", "opus"]
    assert seen["v3_encodings"] == ["pcm_s16le", "pcm_mulaw", "opus", "ogg_opus", "aac"]


def test_two_documents_may_not_share_a_package() -> None:
    doc = {"asyncapi": "3.0.0", "info": {"title": "t", "version": "1"}}
    assert package_names({"streaming.asyncapi.yml": doc, "a-b.yml": doc}) == {
        "a-b.yml": "a_b",
        "streaming.asyncapi.yml": "streaming",
    }
    named = {**doc, "info": {**doc["info"], "x-sdk-package": "streaming"}}
    with pytest.raises(GeneratorError, match="would both generate the package 'streaming'"):
        package_names({"streaming.asyncapi.yml": doc, "other.yml": named})
    with pytest.raises(GeneratorError, match="'rest' is taken"):
        package_names({"rest.yml": doc})


def test_regeneration_reports_a_package_clash(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(REPO / "spec", spec)
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "  version: 0.1.0\n", "  version: 0.1.0\n  x-sdk-package: streaming\n"
    )
    (spec / "pro.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RegenError, match="would both generate the package 'streaming'"):
        build(spec, tmp_path / "gen")
