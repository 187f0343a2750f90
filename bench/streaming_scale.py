"""Streaming at scale: hundreds of concurrent ``AsyncStreamingClient`` sessions in one process,
this SDK next to the official ``assemblyai==1.0.0``.

Usage (``make bench-streaming`` runs the default)::

    .venv/bin/python bench/streaming_scale.py [--sessions 50,100,200,400,800] [--seconds 8]
        [--sdk ours,official] [--official-python bench/.official-venv-1.0.0/bin/python]
        [--json results.json]

For each session count and SDK, a fresh sandbox server (``streaming_scale_server.py``) runs in
a process of its own and the sessions in another (``streaming_scale_client.py``, with that
SDK's Python), so the client process alone is measured. The SDKs alternate which goes first at
each count. Printed: a Markdown table of chunk→Turn latency percentiles, memory per session,
the client's CPU, and the correctness checks of every run (each session got every Turn, each
Turn answered the right chunk, no errors), then the largest count whose p95 chunk→Turn stayed
under 50 ms, per SDK. Runs that fail a check are marked and never count as that largest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OFFICIAL_PYTHON = BENCH / ".official-venv-1.0.0" / "bin" / "python"
P95_LIMIT_MS = 50.0


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("ASSEMBLYAI_", "PYTHON"))}


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """The sandbox in its own process, for one run."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(BENCH / "streaming_scale_server.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=_clean_env(),
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("SCALE_SERVER "):
            self.close()
            raise RuntimeError(f"the sandbox server did not start: {line!r}")
        info = json.loads(line.split(" ", 1)[1])
        self.url: str = info["url"]
        self.api_key: str = info["api_key"]
        self.done: dict[str, Any] = {}

    def cpu_seconds(self) -> float:
        return _cpu_seconds(self.process.pid)

    def close(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                if line.startswith("SCALE_SERVER_DONE "):
                    self.done = json.loads(line.split(" ", 1)[1])
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        finally:
            if self.process.stdout is not None:
                self.process.stdout.close()


def run_one(sdk: str, python: Path, sessions: int, args: argparse.Namespace) -> dict[str, Any]:
    """One run: a fresh server, ``sessions`` sessions of ``sdk``; the client's result plus
    the server's CPU and the checks that failed."""
    server = Server()
    try:
        config = {
            "host": server.url,
            "api_key": server.api_key,
            "sessions": sessions,
            "seconds": args.seconds,
            "chunk_ms": args.chunk_ms,
            "ms_per_word": 400,  # the sandbox's pace: a word, and a Turn, per 400 ms of audio
            "connect_concurrency": args.connect_concurrency,
            "turn_timeout": args.turn_timeout,
        }
        server_cpu0 = server.cpu_seconds()
        with tempfile.TemporaryDirectory() as cwd:
            # The official SDK runs isolated (-I) from a scratch directory, so it cannot
            # import ours; ours runs from the repository.
            command = [str(python), "-I", str(BENCH / "streaming_scale_client.py")]
            started = time.perf_counter()
            done = subprocess.run(
                command
                if sdk == "official"
                else [str(python), str(BENCH / "streaming_scale_client.py")],
                input=json.dumps(config),
                capture_output=True,
                text=True,
                cwd=cwd if sdk == "official" else REPO,
                env=_clean_env(),
                timeout=args.seconds * 4 + 120 + sessions * 0.2,
                check=False,
            )
            wall = time.perf_counter() - started
        server_cpu = server.cpu_seconds() - server_cpu0
    finally:
        server.close()
    lines = [line for line in done.stdout.splitlines() if line.startswith("SCALE_RESULT ")]
    if done.returncode != 0 or not lines:
        return {
            "sdk": sdk,
            "sessions": sessions,
            "failed": [f"exit {done.returncode}: {done.stderr[-1500:]}"],
        }
    result: dict[str, Any] = json.loads(lines[-1].split(" ", 1)[1])
    result.update(sdk=sdk, server_cpu_s=server_cpu, process_wall_s=wall)
    result["server_problems"] = server.done.get("problems", [])
    result["failed"] = checks(sdk, python, result)
    return result


def checks(sdk: str, python: Path, result: dict[str, Any]) -> list[str]:
    failed = []
    where = Path(result["sdk_path"]).resolve()
    expected_root = REPO if sdk == "ours" else python.resolve().parents[1]
    if sdk == "ours" and where != (REPO / "assemblyai").resolve():
        failed.append(f"ours imported from {where}")
    if (
        sdk == "official"
        and not str(where).startswith(str(expected_root))
        and "site-packages" not in str(where)
    ):
        failed.append(f"official imported from {where}")
    if result["connected"] != result["sessions"]:
        failed.append(f"{result['sessions'] - result['connected']} sessions did not connect")
    if result["missing_turns"]:
        failed.append(f"{result['missing_turns']} Turns missing")
    if result["mismatched_turns"]:
        failed.append(f"{result['mismatched_turns']} Turns for the wrong chunk")
    if result["error_count"]:
        failed.append(f"{result['error_count']} errors, e.g. {result['errors'][:1]}")
    if result["server_problems"]:
        failed.append(f"the sandbox saw problems: {result['server_problems'][:1]}")
    return failed


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| sessions | SDK | chunk→Turn p50 | p95 | p99 | max | memory / session | client CPU | sandbox CPU | connect p95 | checks |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        name = "ours" if r["sdk"] == "ours" else "official 1.0.0"
        if "latency_ms" not in r:
            rows.append(f"| {r['sessions']} | {name} | | | | | | | | | ✗ {r['failed'][0][:80]} |")
            continue
        lat = r["latency_ms"]
        span = r["connect_all_s"] + r["stream_wall_s"]
        rows.append(
            f"| {r['sessions']} | {name} | {_ms(lat['p50'])} ms | {_ms(lat['p95'])} ms | "
            f"{_ms(lat['p99'])} ms | {_ms(lat['max'])} ms | {r['kib_per_session']:.0f} KiB | "
            f"{100 * r['cpu_share']:.0f} % | {100 * r['server_cpu_s'] / span:.0f} % | "
            f"{_ms(r['connect_ms']['p95'])} ms | "
            + (
                "✓ " + f"{r['turns']} words answered"
                if not r["failed"]
                else "✗ " + "; ".join(r["failed"])[:120]
            )
            + " |"
        )
    return "\n".join(rows)


def largest_under_limit(results: list[dict[str, Any]], sdk: str) -> int | None:
    ok = [
        r["sessions"]
        for r in results
        if r["sdk"] == sdk
        and not r["failed"]
        and r["latency_ms"]["p95"] is not None
        and r["latency_ms"]["p95"] < P95_LIMIT_MS
    ]
    return max(ok) if ok else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sessions", default="50,100,200,400,800", help="session counts, comma-separated"
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="audio streamed per session")
    parser.add_argument(
        "--chunk-ms", type=int, default=100, help="audio per chunk (sent in real time)"
    )
    parser.add_argument("--sdk", default="ours,official", help="ours, official, or both")
    parser.add_argument("--official-python", type=Path, default=OFFICIAL_PYTHON)
    parser.add_argument("--connect-concurrency", type=int, default=50, help="handshakes at a time")
    parser.add_argument(
        "--turn-timeout", type=float, default=5.0, help="seconds to wait for the last Turns"
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)
    if 400 % args.chunk_ms:
        parser.error("--chunk-ms must divide 400 (the sandbox hears a word per 400 ms)")
    sdks = [s.strip() for s in args.sdk.split(",") if s.strip()]
    if "official" in sdks and not args.official_python.exists():
        print(
            f"skipping the official SDK: {args.official_python} does not exist (make official-venv-1)",
            file=sys.stderr,
        )
        sdks.remove("official")
    # Absolute without resolving links: the official client runs from a scratch directory, and
    # a venv's python must be called by its own path (resolving it would leave the venv).
    pythons = {
        "ours": Path(sys.executable),
        "official": Path(os.path.abspath(args.official_python)),
    }
    counts = [int(c) for c in args.sessions.split(",")]
    results: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i, count in enumerate(counts):
        order = sdks if i % 2 == 0 else sdks[::-1]
        for sdk in order:
            result = run_one(sdk, pythons[sdk], count, args)
            results.append(result)
            p95 = result.get("latency_ms", {}).get("p95")
            print(
                f"{sdk:>8} {count:>5} sessions: p95 {_ms(p95)} ms"
                + (f"  FAILED {result['failed']}" if result["failed"] else ""),
                file=sys.stderr,
                flush=True,
            )
    results.sort(key=lambda r: (r["sessions"], r["sdk"] != "ours"))
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {args.seconds:g} s of audio per session in {args.chunk_ms} ms chunks "
        f"sent in real time; total {time.perf_counter() - started:.0f} s.\n"
    )
    print(table(results))
    print()
    for sdk in sdks:
        best = largest_under_limit(results, sdk)
        name = "ours" if sdk == "ours" else "official 1.0.0"
        print(
            f"largest count with p95 chunk→Turn under {P95_LIMIT_MS:g} ms, {name}: {best if best is not None else 'none of those run'}"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
