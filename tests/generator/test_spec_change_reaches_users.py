"""A spec-only change reaches the public surface after `make regen`, with no handwritten edit.

One module-scoped fixture (`changed`) copies spec/, applies every change in `CHANGES`,
regenerates into a temporary tree and assembles a copy of the package around it. Each test then
runs a short program against that copy in a subprocess (so the repository's own generated code
is never imported) and checks one surface. To cover another kind of change, add an entry to
`CHANGES` (a function editing the copied spec documents) and one test that runs a program.
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

from generator.regenerate import build
from generator.specload import load_document

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "spec"

NEW_PARAM = "acoustic_fingerprint"  # a property the real API does not have
NEW_SPEECH_MODEL = "universal-9"

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


CHANGES: list[Callable[[Documents], None]] = [add_transcript_property, add_speech_model]


@dataclass(frozen=True)
class ChangedSDK:
    """A regenerated copy of the package, importable from `site`."""

    spec: Path
    site: Path

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
    docs: Documents = {}
    for change in CHANGES:
        for name in ("openapi.yml",):
            docs.setdefault(name, load_document(spec / name))
        change(docs)
    for name, doc in docs.items():
        (spec / name).write_text(json.dumps(doc), encoding="utf-8")  # JSON is YAML
    generated = root / "generated"
    build(spec, generated)
    site = root / "site"
    shutil.copytree(
        REPO / "assemblyai",
        site / "assemblyai",
        ignore=shutil.ignore_patterns("_generated", "__pycache__"),
    )
    shutil.copytree(generated, site / "assemblyai" / "_generated")
    return ChangedSDK(spec, site)


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
    if attribute == "missing":
        pytest.xfail(
            "Transcript attributes are handwritten today; generating them is helper w2's part "
            "of issue 15 (the JSON already carries the new field)"
        )
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
