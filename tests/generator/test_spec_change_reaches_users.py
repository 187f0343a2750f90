"""A spec-only change reaches the public surface after `make regen`, with no handwritten edit.

One module-scoped fixture (`changed`) copies spec/, applies every change in `CHANGES` (a new
optional property on the transcript params and on the transcript, a new `SpeechModel` value, a
new v3 handshake query parameter), runs the regeneration as `make regen` does
(`python -m generator.regenerate`, against a copy of the committed surface snapshot) and
assembles a copy of the package around the new tree. Each test then runs a short program
against that copy in a subprocess (so the repository's own generated code is never imported)
and checks one surface; the last checks that the regeneration's report names every change.
To cover another kind of change, add an entry to `CHANGES` and one test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.specload import load_document

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "spec"

NEW_PARAM = "acoustic_fingerprint"  # a property the real API does not have
NEW_SPEECH_MODEL = "universal-9"
NEW_QUERY = "speech_gain"  # a v3 handshake parameter the real API does not have

Documents = dict[str, dict[str, Any]]  # spec file name -> parsed document


def add_transcript_property(docs: Documents) -> None:
    """(a) a new optional property on the request params and on the transcript response."""
    schemas = docs["openapi.yml"]["components"]["schemas"]
    schemas["TranscriptOptionalParams"]["properties"][NEW_PARAM] = {
        "description": "Compute an acoustic fingerprint of the media.",
        "type": "boolean",
    }
    schemas["Transcript"]["properties"][NEW_PARAM] = {
        "description": "Whether an acoustic fingerprint was computed.",
        "type": ["boolean", "null"],
    }


def add_speech_model(docs: Documents) -> None:
    """(b) a new value of the SpeechModel enum."""
    docs["openapi.yml"]["components"]["schemas"]["SpeechModel"]["enum"].append(NEW_SPEECH_MODEL)


def add_v3_query_parameter(docs: Documents) -> None:
    """(c) a new query parameter on the v3 streaming handshake."""
    channel = next(iter(docs["streaming.asyncapi.yml"]["channels"].values()))
    channel["bindings"]["ws"]["query"]["properties"][NEW_QUERY] = {
        "description": "How loud a frame must be to count as speech (0 to 1).",
        "type": "number",
        "minimum": 0,
        "maximum": 1,
    }


CHANGES: dict[str, list[Callable[[Documents], None]]] = {
    "openapi.yml": [add_transcript_property, add_speech_model],
    "streaming.asyncapi.yml": [add_v3_query_parameter],
}


@dataclass(frozen=True)
class ChangedSDK:
    """A regenerated copy of the package, importable from `site`."""

    spec: Path
    site: Path
    report: str  # what the regeneration printed

    def run(self, program: str) -> str:
        """Run PROGRAM with the changed package first on sys.path; returns its stdout."""
        env = {**os.environ, "PYTHONPATH": f"{self.site}{os.pathsep}{REPO}"}
        prelude = f"import assemblyai; assert assemblyai.__file__.startswith({str(self.site)!r})\n"
        proc = subprocess.run(
            [sys.executable, "-c", prelude + textwrap.dedent(program)],
            cwd=self.site,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> ChangedSDK:
    root = tmp_path_factory.mktemp("spec-change")
    spec = root / "spec"
    shutil.copytree(SPEC, spec)
    docs: Documents = {name: load_document(spec / name) for name in CHANGES}
    for changes in CHANGES.values():
        for change in changes:
            change(docs)
    for name, doc in docs.items():
        (spec / name).write_text(json.dumps(doc), encoding="utf-8")  # JSON is YAML
    generated = root / "generated"
    snapshot = root / "surface.lock.json"
    shutil.copy(SPEC / "surface.lock.json", snapshot)
    regen = subprocess.run(
        [sys.executable, "-m", "generator.regenerate", "--spec-dir", str(spec), "--out",
         str(generated), "--surface", str(snapshot)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert regen.returncode == 0, regen.stdout + regen.stderr
    site = root / "site"
    shutil.copytree(
        REPO / "assemblyai",
        site / "assemblyai",
        ignore=shutil.ignore_patterns("_generated", "__pycache__"),
    )
    shutil.copytree(generated, site / "assemblyai" / "_generated")
    return ChangedSDK(spec, site, regen.stdout)


def test_new_param_is_a_typed_keyword_that_is_sent(changed: ChangedSDK) -> None:
    out = changed.run(
        f"""
        import inspect, json
        import assemblyai as aai
        from assemblyai.testing import FakeAssemblyAI

        parameter = inspect.signature(aai.TranscriptionConfig).parameters[{NEW_PARAM!r}]
        config = aai.TranscriptionConfig({NEW_PARAM}=True)
        assert config.{NEW_PARAM} is True
        with FakeAssemblyAI(processing_time=0) as fake:
            aai.Transcriber(config=config).submit("https://example.org/a.wav")
            (request,) = fake.requests_to("POST /v2/transcript")
        try:
            aai.TranscriptionConfig({NEW_PARAM}="yes")
        except aai.ConfigurationError as error:
            refused = str(error)
        print(json.dumps([str(parameter.annotation), request.json, refused]))
        """
    )
    annotation, body, refused = json.loads(out)
    assert annotation == "bool | None"
    assert body[NEW_PARAM] is True
    assert NEW_PARAM in refused  # validated from the spec's type


def test_new_param_is_read_back_from_the_transcript(changed: ChangedSDK) -> None:
    out = changed.run(
        f"""
        import json
        import assemblyai as aai
        from assemblyai.testing import FakeAssemblyAI

        with FakeAssemblyAI(processing_time=0) as fake:
            fake.serve_body("GET /v2/transcript/t1", {{
                "id": "t1", "status": "completed", "audio_url": "https://example.org/a.wav",
                {NEW_PARAM!r}: True,
            }})
            transcript = aai.Transcript.get_by_id("t1")
        print(json.dumps([transcript.json_response.get({NEW_PARAM!r}),
                          getattr(transcript, {NEW_PARAM!r}, "missing")]))
        """
    )
    from_json, attribute = json.loads(out)
    assert from_json is True
    assert attribute is True


def test_new_enum_value_is_a_public_member(changed: ChangedSDK) -> None:
    out = changed.run(
        f"""
        import json
        import assemblyai as aai

        member = aai.SpeechModel({NEW_SPEECH_MODEL!r})
        assert getattr(aai.SpeechModel, {NEW_SPEECH_MODEL.replace("-", "_")!r}) is member
        config = aai.TranscriptionConfig(speech_model={NEW_SPEECH_MODEL!r})  # strict: known
        print(json.dumps([member.is_known, member.name, config.raw.to_request_json()]))
        """
    )
    known, name, body = json.loads(out)
    assert known is True
    assert name == NEW_SPEECH_MODEL.replace("-", "_")
    assert body == {"speech_model": NEW_SPEECH_MODEL}


def test_new_v3_query_parameter_is_typed_checked_and_sent(changed: ChangedSDK) -> None:
    out = changed.run(
        f"""
        import inspect, json
        import assemblyai as aai
        from assemblyai.streaming.v3 import (
            StreamingClient, StreamingClientOptions, StreamingParameters,
        )
        from assemblyai.testing import FakeAssemblyAI

        signature = inspect.signature(StreamingParameters)
        with FakeAssemblyAI() as fake:
            client = StreamingClient(StreamingClientOptions())
            client.connect(StreamingParameters(sample_rate=16000, {NEW_QUERY}=0.3))
            client.disconnect(terminate=True)
            query = fake.streaming_sessions[-1].query
        try:
            StreamingParameters(sample_rate=16000, {NEW_QUERY}=2)
            refused = ""
        except aai.ConfigurationError as exc:
            refused = str(exc)
        print(json.dumps([str(signature.parameters[{NEW_QUERY!r}].annotation), query, refused]))
        """
    )
    annotation, query, refused = json.loads(out)
    assert annotation == "float | None"
    assert query == {"sample_rate": "16000", NEW_QUERY: "0.3"}
    assert f"StreamingParameters.{NEW_QUERY}: must be at most 1, got 2" in refused


def test_the_regeneration_report_names_each_change(changed: ChangedSDK) -> None:
    lines = changed.report.splitlines()
    assert any(line.startswith("public surface (vs surface.lock.json):") for line in lines)

    def added(fragment: str) -> bool:
        return any(fragment in line and not line.lstrip().startswith("BREAKING") for line in lines)

    assert added(f"added parameter: assemblyai.TranscriptionConfig.__init__({NEW_PARAM})")
    assert added(f"added property: assemblyai.Transcript.{NEW_PARAM}")
    assert added(f"added enum value: assemblyai.SpeechModel.{NEW_SPEECH_MODEL.replace('-', '_')}")
    assert added(f"assemblyai.streaming.v3.StreamingParameters.__init__({NEW_QUERY})")
    assert not any(line.lstrip().startswith("BREAKING") for line in lines), changed.report
