"""The command tree as a whole: help, exit statuses, one-line errors, secrets never shown."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import assemblyai as aai
from assemblyai.cli import build_parser, main
from assemblyai.testing import FakeAssemblyAI

from .conftest import Runner

SECRET = "sk-super-secret-key-0123456789"


def command_paths() -> Iterator[list[str]]:
    """Every command and sub-command, as argv prefixes (``[]`` is the top level)."""

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> Iterator[list[str]]:
        yield prefix
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, [*prefix, name])

    yield from walk(build_parser(), [])


ALL_COMMANDS = list(command_paths())


def test_the_tree_has_every_command() -> None:
    names = {" ".join(path) for path in ALL_COMMANDS}
    assert names >= {
        "transcribe", "batch", "stream", "get", "list", "delete", "subtitles", "search",
        "lemur task", "lemur summarize", "lemur question", "lemur action-items", "lemur purge",
    }  # fmt: skip


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "top")
def test_help_exits_0(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*path, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: assemblyai")
    if path == ["completion"]:  # prints a script; talks to no API
        return
    assert "--api-key" in out
    assert "--sandbox" in out and "--json" in out


def test_every_option_has_help() -> None:
    def walk(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
        for action in parser._actions:
            yield action
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    yield from walk(child)

    undocumented = [
        action.option_strings or action.dest
        for action in walk(build_parser())
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert undocumented == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"assemblyai {aai.__version__} (a drop-in for assemblyai 0.45.4 and 1.0.0)"
    )


def test_own_version_differs_from_every_official_release() -> None:
    from importlib.metadata import version

    from assemblyai.__version__ import DROP_IN_FOR

    assert version("assemblyai") == aai.__version__  # the installed metadata says the same
    assert aai.__version__ not in DROP_IN_FOR


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["transcribe"],
        ["transcribe", "a.wav", "--format", "docx"],
        ["transcribe", "a.wav", "--speakers-expected", "two"],
        ["batch", "dir"],
        ["list", "--limit", "0"],
        ["lemur"],
        ["lemur", "task"],
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], cli: Runner) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith("assemblyai: error: ")
    assert "--help" in result.err


def test_no_api_key_exits_2(cli: Runner, tmp_path: Path) -> None:
    aai.settings.api_key = None
    result = cli("list")
    assert result.code == 2
    assert result.err_lines == [
        "assemblyai: error: no API key: pass --api-key KEY or set ASSEMBLYAI_API_KEY"
    ]


def test_global_options_go_before_or_after_the_command(cli: Runner, fake: FakeAssemblyAI) -> None:
    before = cli("--json", "list")
    after = cli("list", "--json")
    assert before.code == after.code == 0
    assert json.loads(before.out) == json.loads(after.out) == []


def test_wrong_key_is_one_line_and_never_shown(cli: Runner, fake: FakeAssemblyAI) -> None:
    result = cli("list", "--api-key", SECRET)
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "401" in result.err or "API key" in result.err
    assert "--api-key" in result.err  # how a shell user changes the key
    assert "aai.settings" not in result.err  # not how Python code does
    assert SECRET not in result.out + result.err
    assert aai.settings.api_key == fake.api_key  # main() restored the settings


def test_key_from_environment_is_used_and_never_shown(
    cli: Runner, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSEMBLYAI_API_KEY", SECRET)
    result = cli("get", "no-such-id", "--debug")
    assert result.code == 1
    assert SECRET not in result.out + result.err
    assert fake.requests[-1].headers["authorization"] == "***"


def test_secrets_are_redacted_even_in_unexpected_errors(
    cli: Runner, fake: FakeAssemblyAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"boom with {aai.settings.api_key}")

    monkeypatch.setattr(aai.Transcriber, "iter_transcripts", explode)
    result = cli("list", "--api-key", SECRET, "--debug")
    assert result.code == 1
    assert "Traceback" in result.err
    assert result.err_lines[-1] == (
        "assemblyai: error: unexpected RuntimeError: boom with *** (run with --debug for details)"
    )
    assert SECRET not in result.out + result.err


def test_base_url_option(cli: Runner, fake: FakeAssemblyAI) -> None:
    base = fake.base_url
    aai.settings.base_url = "https://api.invalid"
    try:
        result = cli("list", "--base-url", base, "--json")
    finally:
        aai.settings.base_url = base
    assert result.code == 0, result.err
    assert fake.count("GET /v2/transcript") == 1
    bad = cli("list", "--base-url", "ftp://x")
    assert bad.code == 2


def test_connection_error_is_one_line(cli: Runner) -> None:
    result = cli("list", "--api-key", SECRET, "--base-url", "http://127.0.0.1:9")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "--base-url" in result.err and "aai.settings" not in result.err
    assert SECRET not in result.err


def test_import_assemblyai_does_not_import_the_cli() -> None:
    code = (
        "import sys, assemblyai; "
        "print(any(m == 'assemblyai.cli' or m.startswith(('assemblyai.cli.', 'assemblyai.__main__'))"
        " for m in sys.modules))"
    )
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "False", out.stderr


def test_console_script_entry_point() -> None:
    import assemblyai.__main__ as entry

    assert callable(entry.main)


def test_failure_in_a_real_process_is_one_line() -> None:
    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSEMBLYAI_")}
    env.update(PYTHONPATH=str(repo), ASSEMBLYAI_MAX_RETRIES="0")
    completed = subprocess.run(
        [sys.executable, "-m", "assemblyai", "get", "some-id", "--api-key", SECRET,
         "--base-url", "http://127.0.0.1:9"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert completed.returncode == 1
    assert completed.stdout == ""
    lines = completed.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("assemblyai: error: "), completed.stderr
    assert SECRET not in completed.stderr
