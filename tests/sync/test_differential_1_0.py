"""Differential: the requests our synchronous product sends, and what it makes of the answers,
equal those of the official SDK 1.0.0 for the same inputs.

1.0.0 runs in a subprocess from its own venv (``bench/.official-venv-1.0.0``, built by
``make official-venv-1``; ``ASSEMBLYAI_OFFICIAL_VENV_1`` names another), against the same
sandbox, which records each multipart request part by part. Compared: the ``X-AAI-Model``
header, every part (name, file name, content type, bytes; the JSON ``config`` part byte for
byte), the transcript's fields, and an error's ``status_code``, ``error_code`` and
``retry_after``. The deliberate differences are checked too (``DELIBERATE``): what the API
would refuse, ours refuses before sending, where 1.0.0 sends it.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav
from tests.bodies import without_nulls
from tests.sync import official_driver
from tests.sync.conftest import REPO, SPEECH

VENV = Path(os.environ.get("ASSEMBLYAI_OFFICIAL_VENV_1", REPO / "bench" / ".official-venv-1.0.0"))
DRIVER = Path(official_driver.__file__).resolve()

pytestmark = pytest.mark.skipif(
    not (VENV / ".installed").exists(),
    reason=f"the official assemblyai 1.0.0 is not installed in {VENV}; "
    "`make official-venv-1` (part of `make pytest`) installs it from PyPI",
)


def _official(fake: FakeAssemblyAI, cases: list[dict[str, Any]]) -> list[Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSEMBLYAI_", "PYTHON"))}
    env |= {
        "ASSEMBLYAI_API_KEY": fake.api_key,
        "ASSEMBLYAI_BASE_URL": fake.base_url,
        "ASSEMBLYAI_SYNC_BASE_URL": fake.base_url,
    }
    with tempfile.TemporaryDirectory() as cwd:  # our package stays out of reach
        done = subprocess.run(
            [str(VENV / "bin" / "python"), "-I", str(DRIVER)],
            input=json.dumps(cases),
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-4000:]
    outcomes: list[Any] = json.loads(done.stdout)
    return outcomes


def _ours(cases: list[dict[str, Any]]) -> list[Any]:
    outcomes: list[Any] = json.loads(json.dumps(official_driver.run_cases(cases)))
    return outcomes


def _comparable(outcome: Any) -> Any:
    if "result" in outcome:
        result = without_nulls(outcome["result"])
        result.pop("session_id")  # a fresh id per request
        return {"result": result}
    return outcome


def _requests(fake: FakeAssemblyAI, start: int) -> list[Any]:
    return [
        (
            r.model,
            [(p.name, p.filename, p.content_type, p.data) for p in r.parts],
        )
        for r in fake.sync_api.requests[start:]
    ]


def _both(
    fake: FakeAssemblyAI, cases: list[dict[str, Any]], before_each_side: Callable[[], None]
) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    before_each_side()
    start = len(fake.sync_api.requests)
    ours = _ours(cases)
    middle = len(fake.sync_api.requests)
    before_each_side()
    theirs = _official(fake, cases)
    return ours, theirs, _requests(fake, start)[: middle - start], _requests(fake, middle)


@pytest.fixture
def audio_dir(tmp_path: Path) -> Path:
    (tmp_path / "call.wav").write_bytes(SPEECH)
    (tmp_path / "clip.pcm").write_bytes(SPEECH[44:])
    (tmp_path / "long.wav").write_bytes(make_wav(125.0, sample_rate=8000))
    (tmp_path / "song.mp3").write_bytes(b"ID3\x04" + bytes(2000))
    (tmp_path / "empty.wav").write_bytes(b"")
    return tmp_path


def _case(
    audio_dir: Path, name: str, form: str = "path", shell: str = "sync", **config: Any
) -> dict[str, Any]:
    return {"path": str(audio_dir / name), "form": form, "shell": shell, "config": config}


def test_same_requests_and_results(fake: FakeAssemblyAI, audio_dir: Path) -> None:
    cases = [
        _case(audio_dir, "call.wav"),
        _case(audio_dir, "call.wav", form="bytes"),
        _case(audio_dir, "call.wav", form="file", timestamps=True),
        _case(audio_dir, "clip.pcm", sample_rate=16000, channels=1),
        _case(audio_dir, "clip.pcm", form="bytes", sample_rate=16000, channels=1),
        _case(
            audio_dir,
            "call.wav",
            prompt="Transcribe verbatim.",
            keyterms_prompt=[" AssemblyAI ", "", "U3-Pro"],
            conversation_context="I'd like to book a flight.",
            language_codes=["en", "es"],
        ),
        _case(audio_dir, "call.wav", shell="async", conversation_context=["a" * 3000, "b" * 2000]),
        _case(audio_dir, "call.wav", form="bytes", shell="async", model="universal-3-5-pro"),
    ]
    ours, theirs, sent_ours, sent_theirs = _both(fake, cases, lambda: None)
    assert [_comparable(o) for o in ours] == [_comparable(o) for o in theirs]
    assert all("result" in o for o in ours)
    assert sent_ours == sent_theirs
    assert len(sent_ours) == len(cases)
    fake.assert_no_violations()


def test_same_warm_request(fake: FakeAssemblyAI, audio_dir: Path) -> None:
    cases = [_case(audio_dir, "call.wav", form="warm")]
    ours, theirs, _, _ = _both(fake, cases, lambda: None)
    assert ours == theirs == [{"warm": True}]
    warms = fake.requests_to("GET /v1/warm")
    assert [r.headers.get("x-aai-model") for r in warms] == ["universal-3-5-pro"] * 2


@pytest.mark.parametrize(
    ("status", "title", "style", "retry_after"),
    [
        (413, "Audio Too Large", "problem", None),
        (503, "Capacity Exceeded", "problem", 5),
        (422, "Bad Audio", "error_code", None),
        (400, "Bad Request", "detail", None),
        (500, "Server Error", "error", None),
    ],
)
def test_same_error_fields(
    fake: FakeAssemblyAI,
    audio_dir: Path,
    status: int,
    title: str,
    style: Any,
    retry_after: int | None,
) -> None:
    cases = [_case(audio_dir, "call.wav"), _case(audio_dir, "call.wav", shell="async")]

    def fail() -> None:
        fake.sync_api.fail_next(
            status, title, "It went wrong.", retry_after=retry_after, style=style, times=2
        )

    ours, theirs, sent_ours, sent_theirs = _both(fake, cases, fail)
    assert ours == theirs
    assert ours[0]["error"] == "SyncTranscriptError" and ours[0]["status_code"] == status
    assert sent_ours == sent_theirs


# Inputs the API refuses: 1.0.0 sends them (and gets the API's error); ours refuses them
# before sending, with a ConfigurationError (a ValueError, as 1.0.0's own refusals are).
DELIBERATE = {
    "long.wav": "125.0 s long",
    "song.mp3": "is not a WAV file",
    "empty.wav": "the audio is empty",
}


@pytest.mark.parametrize("name", sorted(DELIBERATE))
def test_deliberate_differences(fake: FakeAssemblyAI, audio_dir: Path, name: str) -> None:
    ours, theirs, sent_ours, sent_theirs = _both(fake, [_case(audio_dir, name)], lambda: None)
    assert ours[0]["error"] == "ConfigurationError" and ours[0]["value_error"]
    assert DELIBERATE[name] in ours[0]["message"]
    assert sent_ours == []
    assert len(sent_theirs) == 1 and theirs[0]["error"] == "SyncTranscriptError"


def test_urls_are_refused_by_both(fake: FakeAssemblyAI) -> None:
    cases = [{"path": "https://example.org/a.wav", "form": "path", "shell": "sync", "config": {}}]
    ours, theirs, sent_ours, sent_theirs = _both(fake, cases, lambda: None)
    # 1.0.0 raises a ValueError; ours a ConfigurationError, which is one.
    assert (ours[0]["error"], theirs[0]["error"]) == ("ConfigurationError", "ValueError")
    assert ours[0]["value_error"] and theirs[0]["value_error"]
    assert sent_ours == sent_theirs == []
