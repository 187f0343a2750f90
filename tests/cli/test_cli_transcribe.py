"""``assemblyai transcribe`` end to end against the sandbox."""

from __future__ import annotations

import inspect
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.cli._config_flags import CONFIG_PARAMETERS
from assemblyai.testing import FakeAssemblyAI

from .conftest import Runner, make_wav

TEXT = "Hello from the command line. This is the second sentence."

SRT_BLOCK = re.compile(
    r"^(\d+)\n(\d{2}:\d{2}:\d{2},\d{3}) --> (\d{2}:\d{2}:\d{2},\d{3})\n(.+(?:\n.+)*)$"
)


def parse_srt(text: str) -> list[tuple[int, str, str, str]]:
    """The blocks of an SRT document; fails the test on anything malformed."""
    blocks = text.strip("\n").split("\n\n")
    assert blocks and blocks != [""], "no SRT blocks"
    parsed = []
    for expected, block in enumerate(blocks, start=1):
        match = SRT_BLOCK.match(block)
        assert match, f"not an SRT block: {block!r}"
        assert int(match[1]) == expected
        assert match[2] <= match[3]
        parsed.append((int(match[1]), match[2], match[3], match[4]))
    return parsed


@pytest.fixture
def scripted(fake: FakeAssemblyAI, wav: Path) -> FakeAssemblyAI:
    fake.register_script(wav, text=TEXT)
    return fake


def test_text_is_the_default(cli: Runner, scripted: FakeAssemblyAI, wav: Path) -> None:
    result = cli("transcribe", str(wav))
    assert (result.code, result.out, result.err) == (0, TEXT + "\n", "")
    assert scripted.count("POST /v2/upload") == 1
    assert scripted.count("POST /v2/transcript") == 1


def test_srt(cli: Runner, scripted: FakeAssemblyAI, wav: Path) -> None:
    result = cli("transcribe", str(wav), "--format", "srt")
    assert result.code == 0
    blocks = parse_srt(result.out)
    assert " ".join(block[3].replace("\n", " ") for block in blocks) == TEXT


def test_vtt(cli: Runner, scripted: FakeAssemblyAI, wav: Path) -> None:
    result = cli("transcribe", str(wav), "-f", "vtt", "--chars-per-caption", "20")
    assert result.code == 0
    assert result.out.startswith("WEBVTT\n")
    assert "-->" in result.out
    request = scripted.requests_to("GET /v2/transcript/*/vtt")[0]
    assert request.query["chars_per_caption"] == ["20"]


def test_sentences_and_paragraphs(cli: Runner, scripted: FakeAssemblyAI, wav: Path) -> None:
    sentences = cli("transcribe", str(wav), "--format", "sentences")
    assert sentences.code == 0
    lines = sentences.out.splitlines()
    assert len(lines) == 2
    assert re.match(r"^\[00:00\.000 - \d\d:\d\d\.\d{3}\] Hello from the command line\.$", lines[0])
    paragraphs = cli("transcribe", str(wav), "--format", "paragraphs")
    assert paragraphs.code == 0
    assert "Hello from the command line." in paragraphs.out


def test_json_format_and_json_flag(cli: Runner, scripted: FakeAssemblyAI, wav: Path) -> None:
    by_format = json.loads(cli("transcribe", str(wav), "--format", "json").out)
    by_flag = json.loads(cli("transcribe", str(wav), "--json").out)
    for document in (by_format, by_flag):
        assert document["status"] == "completed"
        assert document["text"] == TEXT
    srt = json.loads(cli("transcribe", str(wav), "--json", "--format", "srt").out)
    assert srt["format"] == "srt"
    parse_srt(srt["content"])
    sentences = json.loads(cli("transcribe", "--json", str(wav), "--format", "sentences").out)
    assert sentences["sentences"][0]["text"] == "Hello from the command line."


def test_out_file(cli: Runner, scripted: FakeAssemblyAI, wav: Path, tmp_path: Path) -> None:
    target = tmp_path / "result" / "talk.srt"
    target.parent.mkdir()
    result = cli("transcribe", str(wav), "--format", "srt", "--out", str(target))
    assert (result.code, result.out) == (0, "")
    parse_srt(target.read_text())


def test_out_file_gets_the_umask_mode_or_keeps_the_old_one(
    cli: Runner, scripted: FakeAssemblyAI, wav: Path, tmp_path: Path
) -> None:
    old_umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.txt"
        assert cli("transcribe", str(wav), "--out", str(fresh)).code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0666 less the umask, not 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o604)
        assert cli("transcribe", str(wav), "--out", str(kept)).code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o604  # the replaced file's mode
    finally:
        os.umask(old_umask)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_out_file_in_a_missing_directory_is_refused(
    cli: Runner, scripted: FakeAssemblyAI, wav: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "dir" / "talk.txt"
    result = cli("transcribe", str(wav), "--out", str(target))
    assert result.code == 2
    assert "does not exist" in result.err and str(target.parent) in result.err
    assert not (tmp_path / "no").exists()


def test_url_is_not_uploaded(cli: Runner, fake: FakeAssemblyAI) -> None:
    fake.register_script("https://example.com/talk.mp3", text=TEXT)
    result = cli("transcribe", "https://example.com/talk.mp3")
    assert (result.code, result.out) == (0, TEXT + "\n")
    assert fake.count("POST /v2/upload") == 0


def test_speaker_labels_print_speaker_turns(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    fake.register_script(wav, text="One sentence here. Another one there.", speakers=["A", "B"])
    result = cli("transcribe", str(wav), "--speaker-labels", "--speakers-expected", "2")
    assert result.out.splitlines() == [
        "Speaker A: One sentence here.",
        "Speaker B: Another one there.",
    ]


def test_no_wait_prints_the_id(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    result = cli("transcribe", str(wav), "--no-wait")
    assert result.code == 0
    assert result.out.strip() == fake.transcript_ids[0]
    assert fake.count("GET /v2/transcript/*") == 0
    as_json = json.loads(cli("transcribe", str(wav), "--no-wait", "--json").out)
    assert as_json == {"id": fake.transcript_ids[0], "status": "queued"}


def test_options_reach_the_request(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    result = cli(
        "transcribe", str(wav), "--json",
        "--language-code", "de",
        "--no-punctuate",
        "--speaker-labels", "--min-speakers", "2", "--max-speakers", "3",
        "--redact-pii", "--redact-pii-policies", "person_name,phone_number", "--redact-pii-sub", "hash",
        "--sentiment-analysis", "--entity-detection", "--iab-categories", "--auto-highlights",
        "--content-safety", "--content-safety-confidence", "60",
        "--custom-spelling", "kube,k8s=Kubernetes",
        "--webhook-url", "https://example.com/hook",
        "--webhook-auth-header-name", "X-Secret", "--webhook-auth-header-value", "hook-secret-value",
        "--audio-start-from", "100", "--audio-end-at", "1500",
        "--keyterms-prompt", "Berlin",
    )  # fmt: skip
    assert result.code == 0, result.err
    body = json.loads(result.out)
    assert body["language_code"] == "de"
    assert body["punctuate"] is False
    assert body["speaker_labels"] is True
    assert body["redact_pii"] is True
    assert body["redact_pii_policies"] == ["person_name", "phone_number"]
    assert body["redact_pii_sub"] == "hash"
    assert body["custom_spelling"] == [{"from": ["kube", "k8s"], "to": "Kubernetes"}]
    assert body["webhook_url"] == "https://example.com/hook"
    assert body["webhook_auth_header_name"] == "X-Secret"
    assert (body["audio_start_from"], body["audio_end_at"]) == (100, 1500)
    for feature in ("sentiment_analysis", "entity_detection", "iab_categories", "content_safety"):
        assert body[feature] is True, feature
    assert "hook-secret-value" not in result.out + result.err


def test_summarization_flags(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    result = cli(
        "transcribe", str(wav), "--json", "--summarize",
        "--summary-model", "informative", "--summary-type", "bullets",
    )  # fmt: skip
    body = json.loads(result.out)
    assert (body["summarization"], body["summary_type"]) == (True, "bullets")
    assert body["summary"]


def test_config_json_adds_raw_fields(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    result = cli(
        "transcribe", str(wav), "--json", "--config-json", '{"disfluencies": true}',
        "--language-detection",
    )  # fmt: skip
    body = json.loads(result.out)
    assert (body["disfluencies"], body["language_detection"]) == (True, True)


def test_every_config_option_has_a_flag() -> None:
    from assemblyai.cli import build_parser

    parameters = set(inspect.signature(aai.TranscriptionConfig.__init__).parameters) - {"self"}
    # Built from several flags each: --min/--max-speakers, --expected-languages and
    # --fallback-language, --custom-spelling, --config-json.
    composite = {
        "speaker_options",
        "language_detection_options",
        "custom_spelling",
        "raw_transcription_config",
    }
    assert parameters == set(CONFIG_PARAMETERS) | composite
    transcribe = build_parser()._subparsers._group_actions[0].choices["transcribe"]  # type: ignore[union-attr]
    dests = {action.dest for action in transcribe._actions}
    assert set(CONFIG_PARAMETERS) <= dests
    assert {"min_speakers", "max_speakers", "expected_languages", "fallback_language"} <= dests
    assert {"custom_spelling", "config_json"} <= dests


def test_failed_transcript_exits_1(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    fake.register_script(wav, error="Audio file has no speech.")
    result = cli("transcribe", str(wav))
    assert result.code == 1
    assert result.out == ""
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith("assemblyai: error: transcript ")
    assert result.err_lines[0].endswith("failed: Audio file has no speech.")


def test_contradictory_options_exit_1(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    result = cli("transcribe", str(wav), "--redact-pii-audio")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "redact_pii=True" in result.err
    assert fake.requests == []


def test_missing_file_exits_1(cli: Runner, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    result = cli("transcribe", str(tmp_path / "nope.wav"))
    assert result.code == 1
    assert result.err_lines == [f"assemblyai: error: No such audio file: {tmp_path / 'nope.wav'}"]


def test_directory_exits_1(cli: Runner, fake: FakeAssemblyAI, tmp_path: Path) -> None:
    result = cli("transcribe", str(tmp_path))
    assert result.code == 1
    assert result.err_lines == [
        f"assemblyai: error: Is a directory (transcribe many files with 'batch'): {tmp_path}"
    ]


def test_timeout_exits_1(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    fake.processing_time = 30
    result = cli("transcribe", str(wav), "--timeout", "0.1")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "after 0.1 s" in result.err


def test_sandbox_note(cli: Runner, fake: FakeAssemblyAI, wav: Path) -> None:
    result = cli("transcribe", str(wav), "--sandbox")
    assert result.code == 0
    assert result.err_lines == [
        "assemblyai: --sandbox: using an offline fake of the AssemblyAI API; it does not "
        "recognise speech, so transcripts hold the text of a NAME.txt beside the audio, else "
        "placeholder text"
    ]
    assert fake.count("POST /v2/transcript") == 1  # the running fake was used, not a new one


def test_sandbox_starts_its_own_fake(cli: Runner, wav: Path) -> None:
    before = aai.settings.base_url
    result = cli("transcribe", str(wav), "--sandbox", "--format", "srt")
    assert result.code == 0, result.err
    parse_srt(result.out)
    assert aai.settings.base_url == before


def test_module_run_prints_valid_srt(tmp_path: Path) -> None:
    """The acceptance check: ``python -m assemblyai transcribe sample.wav --sandbox --format srt``."""
    from .conftest import make_wav

    make_wav(tmp_path / "sample.wav")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSEMBLYAI_")}
    repo = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(repo) + os.pathsep + env.get("PYTHONPATH", "")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "assemblyai",
            "transcribe",
            "sample.wav",
            "--sandbox",
            "--format",
            "srt",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert parse_srt(completed.stdout)
    assert "does not recognise speech" in completed.stderr
    assert "\r" not in completed.stderr  # no progress drawing when stderr is not a terminal


@pytest.mark.parametrize("sidecar", ["talk.txt", "talk.wav.transcript.txt"])
def test_sandbox_hears_the_text_beside_the_audio(cli: Runner, tmp_path: Path, sidecar: str) -> None:
    audio = make_wav(tmp_path / "talk.wav", seconds=3.0)
    (tmp_path / sidecar).write_text("The launch is in Berlin. Thank you for listening.\n")
    result = cli("transcribe", str(audio), "--sandbox")
    assert result.code == 0, result.err
    assert result.out.strip() == "The launch is in Berlin. Thank you for listening."


def test_sandbox_help_says_what_persists(cli: Runner) -> None:
    out = " ".join(cli("transcribe", "--help").out.split())
    assert "nothing persists between commands" in out
    assert "python -m assemblyai.testing serve" in out
