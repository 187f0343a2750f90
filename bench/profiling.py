"""Profile one workload of either SDK against the bench servers (a tool, not part of the run).

Usage::

    .venv/bin/python bench/profiling.py get_by_id [--sdk official] [--sort tottime] [--limit 30]
    .venv/bin/python bench/profiling.py import        # python -X importtime, biggest first

Profiles: ``import``, ``get_by_id``, ``transcribe``, ``srt``, ``group``, ``upload``,
``streaming``. The measured part runs under cProfile after a warm-up; stats go to stdout.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap

import fixtures
from run import BENCH, WORK, sdk_env
from servers import API_KEY, BenchServers

_WARM = f"import assemblyai as aai\naai.Transcript.get_by_id({fixtures.SMALL_TRANSCRIPT_ID!r})\n"

SNIPPETS: dict[str, tuple[str, str]] = {
    # name: (setup, profiled statement)
    "get_by_id": (
        _WARM,
        f"t = aai.Transcript.get_by_id({fixtures.BIG_TRANSCRIPT_ID!r})\n"
        "n = sum(1 for w in t.words if w.text)",
    ),
    "transcribe": (
        "import assemblyai as aai\naai.settings.polling_interval = 0.005\n"
        "tr = aai.Transcriber()\ntr.transcribe('https://audio.bench.invalid/p/0.mp3?polls=3')\n",
        "for i in range(1, 51):\n"
        "    tr.transcribe(f'https://audio.bench.invalid/p/{i}.mp3?polls=3')",
    ),
    "srt": (
        _WARM + f"t = aai.Transcript.get_by_id({fixtures.SMALL_TRANSCRIPT_ID!r})\n",
        "for _ in range(200):\n    t.export_subtitles_srt()\n    t.get_sentences()",
    ),
    "group": (
        "import assemblyai as aai\naai.settings.polling_interval = 0.02\n",
        "aai.Transcriber().transcribe_group("
        "[f'https://audio.bench.invalid/g/{i}.mp3?delay_ms=100' for i in range(50)])",
    ),
    "upload": (
        "import assemblyai as aai\ntr = aai.Transcriber()\n",
        f"tr.upload_file({str(WORK / 'upload-300MiB.bin')!r})",
    ),
    "streaming": (
        "from assemblyai.streaming.v3 import *\nimport threading\n"
        "opts = StreamingClientOptions(api_key={key!r}, api_host={host!r})\n"
        "got = threading.Semaphore(0)\n",
        "c = StreamingClient(opts)\n"
        "c.on(StreamingEvents.Turn, lambda _c, _e: got.release())\n"
        "c.connect(StreamingParameters(sample_rate=16000))\n"
        "for _ in range(200):\n    c.stream(bytes(3200))\n    got.acquire()\n"
        "c.disconnect(terminate=True)",
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workload", choices=["import", *SNIPPETS])
    parser.add_argument("--sdk", choices=["ours", "official"], default="ours")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--limit", type=int, default=35)
    args = parser.parse_args()
    python = (
        sys.executable if args.sdk == "ours" else str(BENCH / ".official-venv" / "bin" / "python")
    )
    WORK.mkdir(exist_ok=True)
    if args.workload == "upload":
        fixtures.write_upload_file(WORK / "upload-300MiB.bin")
    with BenchServers(WORK) as servers:
        env = sdk_env(servers)
        if args.workload == "import":
            out = subprocess.run(
                [python, "-X", "importtime", "-c", "import assemblyai"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            rows = [line.split("|") for line in out.stderr.splitlines()[1:]]
            rows.sort(key=lambda r: -int(r[1]))
            print("cumulative µs  self µs  module")
            for row in rows[: args.limit]:
                print(f"{int(row[1]):>13}  {int(row[0].split(':')[1]):>7}  {row[2].rstrip()}")
            return 0
        setup, statement = SNIPPETS[args.workload]
        setup = setup.format(key=API_KEY, host=servers.streaming_host)
        code = (
            setup
            + "import cProfile, pstats\n"
            + "profiler = cProfile.Profile()\nprofiler.enable()\n"
            + statement
            + "\nprofiler.disable()\n"
            + f"pstats.Stats(profiler).sort_stats({args.sort!r}).print_stats({args.limit})\n"
        )
        proc = subprocess.run([python, "-c", textwrap.dedent(code)], env=env, cwd=WORK, check=False)
        return proc.returncode


if __name__ == "__main__":
    os.chdir(BENCH)
    sys.exit(main())
