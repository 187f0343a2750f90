"""Side-by-side benchmark of this SDK and the official ``assemblyai==0.45.4``.

Usage (``make bench`` does this after creating ``bench/.official-venv``)::

    .venv/bin/python bench/run.py [--official-python PATH] [--only get_by_id,upload] [--quick]

Each workload runs in fresh processes, alternating the two SDKs, against loopback HTTPS/WSS
servers (``servers.py``). Every run is checked for correctness (a broken SDK fails the
benchmark instead of looking fast). The output is a table of medians (min–max) per metric, the
ratio ours/official, and whether each target of the performance issue holds. The exit status
is 1 if any run failed its checks (or, with ``--fail-on-target``, if a target was missed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fixtures
from servers import API_KEY, BenchServers, turn_transcript

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORKLOADS = BENCH / "workloads"
WORK = BENCH / ".work"

OURS, OFFICIAL = "ours", "official"


# -- what is measured and what it is held to ---------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A bound on the ratio ours/official (``ratio``) or on our own value (``ours``)."""

    kind: str  # "ratio<=", "ratio>=", "ours<=", "ours>="
    bound: float

    def text(self) -> str:
        what = "ours/official" if self.kind.startswith("ratio") else "ours"
        return f"{what} {self.kind[-2:].replace('<=', '≤').replace('>=', '≥')} {self.bound:g}"

    def holds(self, ours: float, official: float) -> bool:
        value = ours / official if self.kind.startswith("ratio") else ours
        return value <= self.bound if self.kind.endswith("<=") else value >= self.bound


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    target: Target | None = None
    ours_only: bool = False  # meaningful for our SDK only (e.g. ours vs json.loads)


Derive = Callable[[dict[str, Any], dict[str, Any]], dict[str, float]]
Check = Callable[[dict[str, Any], dict[str, Any]], list[str]]


@dataclass
class Workload:
    name: str
    title: str
    script: str
    reps: int
    config: dict[str, Any]
    check: Check
    derive: Derive
    metrics: list[Metric]
    warmup_config: dict[str, Any] | None = None
    timeout: float = 180.0


@dataclass
class Runs:
    values: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: {OURS: {}, OFFICIAL: {}}
    )
    failures: list[str] = field(default_factory=list)
    raw: list[dict[str, Any]] = field(default_factory=list)

    def add(self, sdk: str, metrics: dict[str, float]) -> None:
        for key, value in metrics.items():
            self.values[sdk].setdefault(key, []).append(value)


# -- the workloads -----------------------------------------------------------------------------


def _no_errors(result: dict[str, Any]) -> list[str]:
    return [str(e) for e in result.get("errors", [])][:5]


def build_workloads(servers: BenchServers, upload_path: Path, upload_crc: int) -> list[Workload]:
    big = fixtures.big_transcript()
    expected_big = fixtures.expected_big(big)
    body_path = WORK / "transcript-3h.json"
    body_path.write_bytes(fixtures.dump(big))
    del big
    sentences = fixtures.small_sentences()["sentences"]

    poll_interval, polls, calls = 0.005, 3, 60
    poll_template = "https://audio.bench.invalid/poll/{i}.mp3?polls=" + str(polls)

    # Each transcript says "processing" at its first GET and "completed" at its second, and
    # the client polls every 20 ms: the wall time is submitting 50 files plus two rounds of
    # polling, so the client's own overhead (threads, connections, parsing) is what shows.
    group_count, group_polls, group_interval = 50, 2, 0.02
    group_template = f"https://audio.bench.invalid/group/{{i}}.mp3?polls={group_polls}"

    chunks, chunk_bytes = 200, 3_200  # 100 ms of 16 kHz 16-bit mono per chunk

    def check_import(r: dict[str, Any], _s: dict[str, Any]) -> list[str]:
        return [f"missing names {r['missing_names']}"] if r["missing_names"] else []

    def check_get(r: dict[str, Any], s: dict[str, Any]) -> list[str]:
        wrong = [
            f"{k}: got {r.get(k)!r}, want {v!r}" for k, v in expected_big.items() if r.get(k) != v
        ]
        big_gets = s["requests"].get(f"GET /v2/transcript/{fixtures.BIG_TRANSCRIPT_ID}", 0)
        if big_gets != 4:  # three for the floor, one by the SDK
            wrong.append(f"server saw {big_gets} GETs of the big transcript, want 4")
        return wrong

    def derive_get(r: dict[str, Any], _s: dict[str, Any]) -> dict[str, float]:
        return {
            "total_s": r["total_s"],
            "get_by_id_s": r["get_by_id_s"],
            "iterate_words_s": r["iterate_words_s"],
            "json_loads_s": r["json_loads_s"],
            "floor_s": r["httpx_get_and_loads_s"],
            "vs_json_total": r["total_s"] / r["json_loads_s"],
            "vs_json_call": r["get_by_id_s"] / r["json_loads_s"],
            "rss_growth_mb": r["rss_growth_mb"],
            "rss_growth_all_mb": r["rss_growth_all_mb"],
        }

    def check_poll(r: dict[str, Any], s: dict[str, Any]) -> list[str]:
        wrong = _no_errors(r)
        posts = s["requests"].get("POST /v2/transcript", 0)
        gets = s["requests"].get("GET /v2/transcript/{id}", 0)
        runs = 2 * (calls + 1)  # the SDK's calls, then as many with plain httpx
        if posts != runs or gets < runs * polls:
            wrong.append(f"server saw {posts} POSTs and {gets} GETs for {runs} calls")
        return wrong

    def derive_poll(r: dict[str, Any], _s: dict[str, Any]) -> dict[str, float]:
        # At least polls-1 sleeps are unavoidable: the N-th GET is the first to say completed.
        waiting = (polls - 1) * poll_interval
        return {
            "sdk_cpu_per_call_s": r["cpu_per_call_s"] - r["floor_cpu_per_call_s"],
            "cpu_per_call_s": r["cpu_per_call_s"],
            "floor_cpu_per_call_s": r["floor_cpu_per_call_s"],
            "wall_per_call_s": r["per_call_s"],
            "wall_minus_sleeps_s": r["per_call_s"] - waiting,
        }

    def check_upload(r: dict[str, Any], s: dict[str, Any]) -> list[str]:
        size = r["size"]
        want_url = f"https://cdn.bench.invalid/upload/{size}-{s['upload_crc32']:08x}"
        wrong = []
        if s["upload_bytes"] != size or (
            size == fixtures.UPLOAD_SIZE and s["upload_crc32"] != upload_crc
        ):
            wrong.append(
                f"server received {s['upload_bytes']} bytes (CRC {s['upload_crc32']:08x}), "
                f"want {size} (CRC {upload_crc:08x})"
            )
        if r["upload_url"] != want_url:
            wrong.append(f"upload_url {r['upload_url']!r}, want {want_url!r}")
        return wrong

    def derive_upload(r: dict[str, Any], _s: dict[str, Any]) -> dict[str, float]:
        return {
            "upload_s": r["upload_s"],
            "cpu_s": r["cpu_s"],
            "throughput_mb_s": r["throughput_mb_s"],
            "peak_growth_mb": r["peak_growth_mb"],
        }

    def check_group(r: dict[str, Any], s: dict[str, Any]) -> list[str]:
        wrong = _no_errors(r)
        if r["results"] != group_count or not r["same_set"]:
            wrong.append(f"{r['results']} results, same set of URLs: {r['same_set']}")
        if s["requests"].get("POST /v2/transcript", 0) != group_count:
            wrong.append(f"server saw {s['requests']}")
        return wrong

    def derive_group(r: dict[str, Any], s: dict[str, Any]) -> dict[str, float]:
        return {
            "wall_s": r["wall_s"],
            "threads_alive_after": r["threads_alive_after"],
            "connections": s["connections"],
            "max_open_connections": s["max_open_connections"],
            "in_input_order": 1.0 if r["in_input_order"] else 0.0,
        }

    def check_export(r: dict[str, Any], s: dict[str, Any]) -> list[str]:
        wrong = _no_errors(r)
        for route in ("srt", "sentences"):
            seen = s["requests"].get(
                f"GET /v2/transcript/{fixtures.SMALL_TRANSCRIPT_ID}/{route}", 0
            )
            if seen != r["calls"] + 1:
                wrong.append(f"server saw {seen} {route} requests for {r['calls'] + 1} calls")
        return wrong

    def derive_export(r: dict[str, Any], _s: dict[str, Any]) -> dict[str, float]:
        return {
            "srt_per_call_s": r["srt_per_call_s"],
            "sentences_per_call_s": r["sentences_per_call_s"],
        }

    def check_streaming(r: dict[str, Any], s: dict[str, Any]) -> list[str]:
        wrong = _no_errors(r)
        want = [turn_transcript(i, (i + 1) * chunk_bytes) for i in range(chunks)]
        if r["transcripts"] != want:
            wrong.append(f"{r['turns']} turns, first {r['transcripts'][:2]!r}")
        if not r["terminated"] or s["ws_terminations"] != 1:
            wrong.append(
                f"terminated: {r['terminated']}, server saw {s['ws_terminations']} Terminate"
            )
        if s["ws_audio_bytes"] != chunks * chunk_bytes:
            wrong.append(f"server received {s['ws_audio_bytes']} audio bytes")
        return wrong

    def derive_streaming(r: dict[str, Any], _s: dict[str, Any]) -> dict[str, float]:
        keys = (
            "construct_first_s",
            "construct_s",
            "connect_to_begin_s",
            "chunk_to_turn_s",
            "disconnect_s",
        )
        return {k: r[k] for k in keys}

    return [
        Workload(
            name="import",
            title="cold `import assemblyai`",
            script="import_cold.py",
            reps=15,
            config={},
            check=check_import,
            derive=lambda r, _s: {
                "import_s": r["import_s"],
                "import_and_use_s": r["import_and_use_s"],
            },
            metrics=[
                Metric("import_s", "import assemblyai", "ms", Target("ratio<=", 0.35)),
                Metric("import_and_use_s", "import + first use of Transcriber etc.", "ms"),
            ],
        ),
        Workload(
            name="get_by_id",
            title="`Transcript.get_by_id` of a 3-hour transcript (6 MB) + iterate 30k words",
            script="get_by_id.py",
            reps=9,
            config={
                "big_id": fixtures.BIG_TRANSCRIPT_ID,
                "small_id": fixtures.SMALL_TRANSCRIPT_ID,
                "body_path": str(body_path),
            },
            check=check_get,
            derive=derive_get,
            metrics=[
                Metric("total_s", "get_by_id + iterate words", "ms", Target("ratio<=", 0.25)),
                Metric("get_by_id_s", "  of which get_by_id", "ms"),
                Metric("iterate_words_s", "  of which iterating words", "ms"),
                Metric("json_loads_s", "json.loads of the same body (reference)", "ms"),
                Metric("floor_s", "plain httpx GET + json.loads (floor)", "ms"),
                Metric(
                    "vs_json_total",
                    "(get_by_id + iterate) / json.loads",
                    "×",
                    Target("ours<=", 1.5),
                    ours_only=True,
                ),
                Metric("vs_json_call", "  get_by_id alone / json.loads", "×", ours_only=True),
                Metric(
                    "rss_growth_mb", "RSS growth, transcript held", "MB", Target("ratio<=", 0.25)
                ),
                Metric("rss_growth_all_mb", "RSS growth after touching every field", "MB"),
            ],
        ),
        Workload(
            name="transcribe",
            title=f"`transcribe(url)`, done at GET #{polls}, polling_interval={poll_interval}",
            script="transcribe_poll.py",
            reps=9,
            config={
                "url_template": poll_template,
                "calls": calls,
                "polling_interval": poll_interval,
            },
            check=check_poll,
            derive=derive_poll,
            metrics=[
                # The target is on what the SDK adds to the HTTP work: the whole CPU time per
                # call cannot go below plain httpx's, which is already ~0.8x the official SDK's.
                Metric(
                    "sdk_cpu_per_call_s",
                    "SDK overhead: client CPU per call above plain httpx",
                    "ms",
                    Target("ratio<=", 0.5),
                ),
                Metric("cpu_per_call_s", "client CPU time per call", "ms"),
                Metric("floor_cpu_per_call_s", "  plain httpx, same requests (floor)", "ms"),
                Metric("wall_per_call_s", "wall time per call", "ms"),
                Metric("wall_minus_sleeps_s", "  wall minus the unavoidable sleeps", "ms"),
            ],
        ),
        Workload(
            name="upload",
            title="`upload_file` of a 300 MiB file",
            script="upload.py",
            reps=11,  # the throughput is the noisiest number: both ends are CPU-bound
            config={"path": str(upload_path)},
            # The warm-up uploads the same file: whichever SDK read it first would otherwise
            # also pay for bringing it into the page cache (seen: one run 4x slower).
            warmup_config={"path": str(upload_path)},
            check=check_upload,
            derive=derive_upload,
            metrics=[
                Metric("upload_s", "upload time", "s"),
                Metric("throughput_mb_s", "throughput", "MB/s", Target("ratio>=", 0.9)),
                Metric("cpu_s", "client CPU time", "s"),
                Metric("peak_growth_mb", "peak RSS growth", "MB", Target("ours<=", 32)),
            ],
        ),
        Workload(
            name="group",
            title=f"`transcribe_group` of {group_count} URLs (each done at GET #{group_polls}, polling_interval={group_interval})",
            script="group.py",
            reps=9,
            config={
                "url_template": group_template,
                "count": group_count,
                "polling_interval": group_interval,
            },
            check=check_group,
            derive=derive_group,
            metrics=[
                Metric("wall_s", "wall time", "s", Target("ratio<=", 0.8)),
                Metric(
                    "threads_alive_after", "threads alive after the call", "", Target("ours<=", 8)
                ),
                Metric("connections", "TCP connections opened", "", Target("ours<=", 20)),
                Metric("max_open_connections", "most connections open at once", ""),
                Metric(
                    "in_input_order", "results in input order (1 = yes)", "", Target("ours>=", 1)
                ),
            ],
        ),
        Workload(
            name="export",
            title="SRT export and sentences of a short transcript, per call",
            script="export.py",
            reps=7,
            config={
                "small_id": fixtures.SMALL_TRANSCRIPT_ID,
                "calls": 50,
                "srt": fixtures.small_srt(),
                "sentences": [s["text"] for s in sentences],
                "sentence_words": sum(len(s["words"]) for s in sentences),
            },
            check=check_export,
            derive=derive_export,
            metrics=[
                Metric("srt_per_call_s", "export_subtitles_srt()", "ms"),
                Metric("sentences_per_call_s", "get_sentences()", "ms"),
            ],
        ),
        Workload(
            name="streaming",
            title=f"v3 streaming over wss:// ({chunks} chunks of {chunk_bytes} bytes, one Turn each)",
            script="streaming.py",
            reps=9,
            config={
                "api_host": servers.streaming_host,
                "api_key": API_KEY,
                "chunks": chunks,
                "chunk_bytes": chunk_bytes,
                "constructions": 20,
            },
            check=check_streaming,
            derive=derive_streaming,
            metrics=[
                Metric(
                    "construct_first_s",
                    "StreamingClient(...) construction",
                    "ms",
                    Target("ratio<=", 0.2),
                ),
                Metric("construct_s", "  construction, later ones (median of 20)", "ms"),
                Metric("connect_to_begin_s", "connect() → Begin handler", "ms"),
                Metric(
                    "chunk_to_turn_s", "stream(chunk) → Turn handler", "ms", Target("ratio<=", 1.0)
                ),
                Metric("disconnect_s", "disconnect(terminate=True)", "ms", Target("ratio<=", 0.1)),
            ],
        ),
    ]


# -- running -----------------------------------------------------------------------------------


def sdk_env(servers: BenchServers) -> dict[str, str]:
    """The environment of every workload process: both SDKs are pointed the same way."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ASSEMBLYAI_", "PYTHON", "SSL_CERT_", "VIRTUAL_ENV"))
    }
    env.update(
        {
            "SSL_CERT_FILE": str(servers.ca_path),
            "ASSEMBLYAI_API_KEY": API_KEY,
            "ASSEMBLYAI_BASE_URL": servers.base_url,
        }
    )
    return env


def run_once(
    python: str,
    workload: Workload,
    config: dict[str, Any],
    servers: BenchServers,
    env: dict[str, str],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run one workload process; return its result line and the server's counters."""
    servers.stats.reset()
    try:
        proc = subprocess.run(
            [python, str(WORKLOADS / workload.script), json.dumps(config)],
            env=env,
            cwd=WORK,
            capture_output=True,
            text=True,
            timeout=workload.timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"timed out after {workload.timeout:g} s") from exc
    time.sleep(0.05)  # let the server threads finish counting closed connections
    lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH_RESULT ")]
    if proc.returncode != 0 or not lines:
        log_dir = WORK / "failures"
        log_dir.mkdir(exist_ok=True)
        log = log_dir / f"{workload.name}-{Path(python).parent.parent.name}-{time.time_ns()}.txt"
        log.write_text(f"$ {python} {workload.script}\n{proc.stdout}\n--- stderr\n{proc.stderr}")
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise RuntimeError(f"exit status {proc.returncode} (full output in {log}):\n{tail}")
    return json.loads(lines[-1][len("BENCH_RESULT ") :]), servers.stats.snapshot()


def check_sdk_path(sdk: str, result: dict[str, Any], pythons: dict[str, str]) -> list[str]:
    path = Path(result["sdk"]["file"]).resolve()
    if sdk == OURS:
        ok = path.is_relative_to(REPO / "assemblyai")
    else:
        ok = (
            path.is_relative_to(Path(pythons[OFFICIAL]).parent.parent)
            and result["sdk"]["version"] == "0.45.4"
        )
    return [] if ok else [f"imported the wrong assemblyai: {path} ({result['sdk']['version']})"]


def preflight(pythons: dict[str, str], servers: BenchServers) -> list[str]:
    """Both SDKs reach the servers with the bench CA trusted, and refuse them without it."""
    workload = Workload(
        name="preflight",
        title="",
        script="preflight.py",
        reps=1,
        config={
            "small_id": fixtures.SMALL_TRANSCRIPT_ID,
            "api_host": servers.streaming_host,
            "api_key": API_KEY,
        },
        check=lambda _r, _s: [],
        derive=lambda _r, _s: {},
        metrics=[],
        timeout=60,
    )
    trusted = sdk_env(servers)
    untrusted = {k: v for k, v in trusted.items() if k != "SSL_CERT_FILE"}
    problems = []
    for sdk in (OURS, OFFICIAL):
        try:
            ok, _ = run_once(pythons[sdk], workload, workload.config, servers, trusted)
            refused, _ = run_once(pythons[sdk], workload, workload.config, servers, untrusted)
        except RuntimeError as exc:
            problems.append(f"preflight [{sdk}]: {exc}")
            continue
        problems += [f"preflight [{sdk}]: {p}" for p in check_sdk_path(sdk, ok, pythons)]
        for channel in ("rest", "streaming"):
            if not ok[channel].startswith("ok"):
                problems.append(f"preflight [{sdk}] {channel} with the bench CA: {ok[channel]}")
            if "CERTIFICATE_VERIFY_FAILED" not in refused[channel]:
                problems.append(
                    f"preflight [{sdk}] {channel} without the bench CA did not fail certificate "
                    f"verification: {refused[channel][:300]}"
                )
    return problems


def run_workload(
    workload: Workload,
    pythons: dict[str, str],
    servers: BenchServers,
    reps: int,
    log: Callable[[str], None],
) -> Runs:
    env = sdk_env(servers)
    runs = Runs()
    for sdk in (OURS, OFFICIAL):  # warm-up: bytecode caches and the page cache, not counted
        try:
            run_once(
                pythons[sdk], workload, workload.warmup_config or workload.config, servers, env
            )
        except RuntimeError as exc:
            runs.failures.append(f"{workload.name} [{sdk}] warm-up: {exc}")
    for rep in range(reps):
        order = (OURS, OFFICIAL) if rep % 2 == 0 else (OFFICIAL, OURS)
        for sdk in order:
            try:
                result, stats = run_once(pythons[sdk], workload, workload.config, servers, env)
            except RuntimeError as exc:
                runs.failures.append(f"{workload.name} [{sdk}] run {rep + 1}: {exc}")
                continue
            runs.raw.append({"sdk": sdk, "rep": rep, "result": result, "server": stats})
            problems = check_sdk_path(sdk, result, pythons) + workload.check(result, stats)
            if stats["unauthorized"]:
                problems.append(f"{stats['unauthorized']} requests without the API key")
            if problems:
                runs.failures.append(
                    f"{workload.name} [{sdk}] run {rep + 1}: " + "; ".join(problems)
                )
                continue
            runs.add(sdk, workload.derive(result, stats))
        log(".")
    return runs


# -- reporting ---------------------------------------------------------------------------------


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        value *= 1000
    if unit in ("", "×") and value == int(value) and abs(value) < 1e6:
        return f"{int(value)}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cell(values: list[float] | None, unit: str) -> str:
    if not values:
        return "FAILED"
    med = statistics.median(values)
    if len(values) == 1 or min(values) == max(values):
        return _fmt(med, unit)
    return f"{_fmt(med, unit)} ({_fmt(min(values), unit)}–{_fmt(max(values), unit)})"


@dataclass
class Verdict:
    workload: str
    metric: str
    target: str
    value: str
    holds: bool | None  # None: not measurable (a run failed)


def report(results: list[tuple[Workload, Runs]]) -> tuple[str, list[Verdict]]:
    rows = [
        "| workload / metric | unit | ours: median (min–max) | official 0.45.4: median (min–max) | ours/official | target |",
        "|---|---|---|---|---|---|",
    ]
    verdicts: list[Verdict] = []
    for workload, runs in results:
        rows.append(f"| **{workload.title}** (n={workload.reps}) | | | | | |")
        for m in workload.metrics:
            ours = runs.values[OURS].get(m.key)
            official = None if m.ours_only else runs.values[OFFICIAL].get(m.key)
            ratio = ""
            if ours and official and statistics.median(official):
                ratio = f"{statistics.median(ours) / statistics.median(official):.2f}"
            target = ""
            if m.target is not None:
                holds: bool | None = None
                if ours and (official or not m.target.kind.startswith("ratio")):
                    holds = m.target.holds(
                        statistics.median(ours), statistics.median(official) if official else 1.0
                    )
                mark = {True: "✅", False: "❌", None: "?"}[holds]
                target = f"{m.target.text()} {mark}"
                shown = ratio if m.target.kind.startswith("ratio") else _cell(ours, m.unit)
                verdicts.append(
                    Verdict(workload.name, m.label.strip(), m.target.text(), shown, holds)
                )
            unit = m.unit or "count"
            rows.append(
                f"| {m.label} | {unit} | {_cell(ours, m.unit)} | "
                f"{'—' if m.ours_only else _cell(official, m.unit)} | {ratio} | {target} |"
            )
    return "\n".join(rows), verdicts


def python_version(python: str, module: str) -> str:
    out = subprocess.run(
        [python, "-c", f"import importlib.metadata as m; print(m.version({module!r}))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--official-python", default=str(BENCH / ".official-venv" / "bin" / "python")
    )
    parser.add_argument("--ours-python", default=sys.executable)
    parser.add_argument("--only", default="", help="comma-separated workload names")
    parser.add_argument(
        "--quick", action="store_true", help="one measured run per SDK (smoke test)"
    )
    parser.add_argument("--reps", type=int, default=0, help="override every workload's repetitions")
    parser.add_argument("--json", default=str(WORK / "results.json"), help="write raw results here")
    parser.add_argument(
        "--fail-on-target", action="store_true", help="exit 1 if a target is missed"
    )
    args = parser.parse_args(argv)

    # absolute() and not resolve(): a venv's python is a symlink that must stay unresolved.
    pythons = {
        OURS: str(Path(args.ours_python).absolute()),
        OFFICIAL: str(Path(args.official_python).absolute()),
    }
    if not Path(pythons[OFFICIAL]).exists():
        print(
            f"no official SDK venv at {pythons[OFFICIAL]}; `make bench` creates it "
            "(python -m venv bench/.official-venv && bench/.official-venv/bin/pip install assemblyai==0.45.4)",
            file=sys.stderr,
        )
        return 2
    WORK.mkdir(exist_ok=True)
    started = time.monotonic()

    def log(text: str) -> None:
        print(text, end="", file=sys.stderr, flush=True)

    log("preparing fixtures (300 MiB upload file, 6 MB transcript) ... ")
    upload_path = WORK / "upload-300MiB.bin"
    upload_crc = fixtures.write_upload_file(upload_path)
    log("done\n")

    with BenchServers(WORK) as servers:
        workloads = build_workloads(servers, upload_path, upload_crc)
        only = {name for name in args.only.split(",") if name}
        unknown = only - {w.name for w in workloads}
        if unknown:
            print(f"unknown workload(s) {sorted(unknown)}", file=sys.stderr)
            return 2
        log("preflight: both SDKs reach the servers and verify their certificate ... ")
        problems = preflight(pythons, servers)
        if problems:
            log("FAILED\n")
            print("\n".join(problems), file=sys.stderr)
            return 1
        log("ok\n")
        results: list[tuple[Workload, Runs]] = []
        for workload in workloads:
            if only and workload.name not in only:
                continue
            if args.quick:
                workload.reps = 1
            elif args.reps:
                workload.reps = args.reps
            log(f"{workload.name:<11}")
            t0 = time.monotonic()
            runs = run_workload(workload, pythons, servers, workload.reps, log)
            log(f" {time.monotonic() - t0:.0f} s\n")
            results.append((workload, runs))

    table, verdicts = report(results)
    failures = [f for _, runs in results for f in runs.failures]
    header = (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; official assemblyai {python_version(pythons[OFFICIAL], 'assemblyai')} "
        f"with httpx {python_version(pythons[OFFICIAL], 'httpx')}, pydantic "
        f"{python_version(pythons[OFFICIAL], 'pydantic')}; ours with httpx "
        f"{python_version(pythons[OURS], 'httpx')}. Times in fresh processes, the SDKs alternating; "
        f"total {time.monotonic() - started:.0f} s."
    )
    print()
    print(header)
    print()
    print(table)
    print()
    held = sum(1 for v in verdicts if v.holds)
    print(f"Targets: {held} of {len(verdicts)} hold")
    for v in verdicts:
        mark = {True: "holds ", False: "MISSED", None: "n/a   "}[v.holds]
        print(f"  {mark} {v.workload}: {v.metric}: {v.target} (measured {v.value})")
    if failures:
        print()
        print(f"{len(failures)} run(s) FAILED their correctness checks:")
        for failure in failures:
            print("  " + failure.replace("\n", "\n    "))
    Path(args.json).write_text(
        json.dumps(
            {
                "header": header,
                "workloads": {
                    w.name: {"values": r.values, "failures": r.failures, "raw": r.raw}
                    for w, r in results
                },
                "verdicts": [v.__dict__ for v in verdicts],
            },
            indent=1,
        )
    )
    if failures:
        return 1
    if args.fail_on_target and any(v.holds is not True for v in verdicts):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
