"""The dual-channel extras against the official SDK 1.0.0: the same scenarios run under both
(1.0.0 in its side venv, in a subprocess) must send the same mixed audio, see the same VAD
frames and attribute every word and turn to the same channel."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from assemblyai.testing._channels import speech_like

from . import extras_driver

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("ASSEMBLYAI_OFFICIAL_VENV_1", ROOT / "bench" / ".official-venv-1.0.0"))
DRIVER = Path(extras_driver.__file__).resolve()
RATE = 16_000

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(
        not (VENV / ".installed").exists(),
        reason=f"the official assemblyai 1.0.0 is not installed in {VENV}; "
        "`make official-venv-1` (part of `make test`) installs it from PyPI",
    ),
]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def word(text: str, start: int, end: int, speaker: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": text,
        "start": start,
        "end": end,
        "confidence": 0.9,
        "word_is_final": True,
    }
    if speaker is not None:
        data["speaker"] = speaker
    return data


def turn(order: int, words: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "Turn",
        "turn_order": order,
        "turn_is_formatted": False,
        "end_of_turn": True,
        "transcript": " ".join(w["text"] for w in words),
        "end_of_turn_confidence": 0.9,
        "words": words,
    }


def words_every(
    ms: int, count: int, first: int = 0, speaker: str | None = None
) -> list[dict[str, Any]]:
    return [
        word(f"w{first + i}", (first + i) * ms, (first + i) * ms + ms - 60, speaker)
        for i in range(count)
    ]


def scenarios() -> list[dict[str, Any]]:
    mic = speech_like(3.0, active=[(0.0, 1.2), (2.0, 2.6)], sample_rate=RATE)
    system = speech_like(
        3.0, active=[(1.0, 2.2)], sample_rate=RATE, pitch_hz=190, level=0.2, seed=2
    )
    quiet = speech_like(3.0, active=[(0.0, 3.0)], sample_rate=RATE, level=0.25, seed=3)
    chunk = RATE // 10 * 2
    # One VAD frame per chunk: 1.0's timeline stops its window scan at the first later frame
    # in the order frames were added, so where channels overlap, only a feed that adds them in
    # time order compares (ours keeps the timeline in time order; see test_extras.py).
    frame = RATE // 50 * 2

    def lockstep(a: bytes, b: bytes, size: int) -> list[list[Any]]:
        steps: list[list[Any]] = []
        for at in range(0, len(a), size):
            steps.append(["stream", "mic", b64(a[at : at + size])])
            steps.append(["stream", "system", b64(b[at : at + size])])
        return steps

    small = 160  # 10 ms at 8 kHz: the three channels stay within a frame of each other
    three: list[list[Any]] = []
    for at in range(0, 9000, small):
        three.append(["stream", "a", b64(mic[at : min(at + small, 9000)])])
        three.append(["stream", "b", b64(system[at : min(at + small, 9000)])])
        if at < 7000:
            three.append(["stream", "c", b64(quiet[at : min(at + small, 7000)])])
    talk = [turn(0, words_every(300, 5)), turn(1, words_every(300, 5, 5))]
    diarized = [
        turn(0, words_every(250, 6, speaker="A")),
        turn(1, words_every(250, 6, 6, speaker="B")),
    ]
    return [
        # Alternating and overlapping speech, the default window resolution.
        {
            "channels": ["mic", "system"],
            "sample_rate": RATE,
            "options": {},
            "steps": lockstep(mic, system, chunk) + [["flush"]] + [["turn", t] for t in talk],
        },
        # Odd chunk sizes, turns arriving mid-stream, a source that ends early.
        {
            "channels": ["mic", "system"],
            "sample_rate": RATE,
            "options": {"resolve_unknown_channels_method": "none"},
            "steps": [
                *lockstep(mic[:30000], system[:30000], 1234),
                ["turn", talk[0]],
                ["close", "system"],
                ["stream", "mic", b64(mic[30000:])],
                ["flush"],
                ["turn", talk[1]],
            ],
        },
        # Two channels at once, too close to call: speaker history decides.
        {
            "channels": ["mic", "system"],
            "sample_rate": RATE,
            "options": {
                "resolve_unknown_channels_method": "speaker-history",
                "dominance_ratio": 1.5,
            },
            "steps": lockstep(mic, quiet, frame) + [["flush"]] + [["turn", t] for t in diarized],
        },
        # Three channels, a custom ratio, and a partial final flush.
        {
            "channels": ["a", "b", "c"],
            "sample_rate": 8000,
            "options": {"dominance_ratio": 2.0},
            "steps": [*three, ["flush"], ["turn", turn(0, words_every(200, 4))]],
        },
    ]


def run_official(request: dict[str, Any]) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSEMBLYAI_", "PYTHON"))}
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [str(VENV / "bin" / "python"), "-I", str(DRIVER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=100,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


def test_same_audio_frames_and_channels_as_the_official_1_0() -> None:
    request = {"scenarios": scenarios()}
    ours = json.loads(json.dumps(extras_driver.run(request)))
    official = run_official(request)
    assert len(ours) == len(official) == 4
    for index, (mine, theirs) in enumerate(zip(ours, official, strict=True)):
        assert mine["sent"] == theirs["sent"], f"scenario {index}: mixed audio differs"
        assert mine["frames"] == theirs["frames"], f"scenario {index}: VAD frames differ"
        assert mine["turns"] == theirs["turns"], f"scenario {index}: attribution differs"
    # The scenarios exercise what they are meant to: known, unknown and resolved words.
    labels = {tuple(w[1:]) for result in ours for t in result["turns"] for w in t["words"]}
    assert {("mic", None), ("system", None), ("unknown", None)} <= labels
    assert any(resolved for _c, resolved in labels)
