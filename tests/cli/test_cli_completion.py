"""`assemblyai completion bash|zsh`: the script completes commands, flags and choices in bash."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assemblyai.cli import main

from .conftest import Runner


def _script(cli: Runner, shell: str) -> str:
    result = cli("completion", shell)
    assert result.code == 0, result.err
    return result.out


def _complete(script: Path, *words: str) -> list[str]:
    """What bash offers for the last word of ``assemblyai WORDS...``."""
    bash = shutil.which("bash")
    assert bash is not None
    array = " ".join(f"'{w}'" for w in ("assemblyai", *words))
    program = (
        f"source {script}; COMP_WORDS=({array}); COMP_CWORD={len(words)}; "
        "_assemblyai; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    done = subprocess.run([bash, "-c", program], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture
def bash_script(cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ASSEMBLYAI_API_KEY", raising=False)  # needs no key
    path = tmp_path / "assemblyai.bash"
    path.write_text(_script(cli, "bash"))
    return path


def test_commands_subcommands_flags_and_choices(bash_script: Path) -> None:
    assert _complete(bash_script, "tra") == ["transcribe"]
    assert _complete(bash_script, "lemur", "") == [
        "action-items", "get", "purge", "question", "summarize", "task",
    ]  # fmt: skip
    assert "--final-model" in _complete(bash_script, "lemur", "task", "--f")
    assert sorted(_complete(bash_script, "get", "ID", "--format", "s")) == ["sentences", "srt"]
    # a flag's value is skipped when finding the command: `-t ID` does not end `lemur task`
    assert "--context" in _complete(bash_script, "lemur", "task", "-t", "abc", "--co")


def test_files_are_offered_where_no_command_is_expected(bash_script: Path, tmp_path: Path) -> None:
    (tmp_path / "talk.wav").write_bytes(b"RIFF")
    assert _complete(bash_script, "transcribe", str(tmp_path / "ta")) == [
        str(tmp_path / "talk.wav")
    ]


def test_zsh_runs_the_same_function(cli: Runner) -> None:
    script = _script(cli, "zsh")
    assert script.startswith("#compdef assemblyai\n")
    assert "bashcompinit" in script and "complete -o filenames -F _assemblyai assemblyai" in script


def test_a_new_flag_completes_without_editing_the_script() -> None:
    """The script is drawn from the parser: every flag of every command is in it."""
    from assemblyai.cli._app import build_parser

    parser = build_parser()
    parser.node.commands["get"].flags["--brand-new"] = None
    from assemblyai.cli._completion import bash_script

    assert "--brand-new" in bash_script(parser.node, "assemblyai")
    assert main(["completion", "fish"]) == 2  # unknown shells are a usage error
