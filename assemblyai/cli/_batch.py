"""``assemblyai batch DIR|LIST --out DIR``: many transcriptions, resumable.

Inputs are worked on by ``--jobs`` threads; each input is uploaded, submitted, waited for
and written to its own output file. Progress is kept in a JSON state file (see
:mod:`._batch_state` for what is saved when, and why that makes a resume safe); running the
same command again continues where the last run stopped.

Ctrl-C stops the run: uploads in progress are abandoned, a transcript request already sent
is given a moment to be answered so that its id is saved, and the state file is written.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import queue
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

import assemblyai as aai
from assemblyai.cli._batch_state import (
    Record,
    Stage,
    Step,
    assign_outputs,
    match_recovered,
    plan,
    scan_is_past,
)
from assemblyai.cli._batch_store import STATE_NAME, StateStore, discover_inputs, fingerprint
from assemblyai.cli._common import (
    CommandFailed,
    Context,
    Interrupted,
    UsageError,
    add_common_flags,
    one_line,
    positive_float,
    positive_int,
)
from assemblyai.cli._config_flags import add_config_flags, config_from_args
from assemblyai.cli._output import EXTENSIONS, FORMATS, dumps, emit, render, write_atomic
from assemblyai.cli._progress import format_duration
from assemblyai.cli._transcribe import upload_with_progress

__all__ = ["register", "render_counts", "summarize"]

_RECOVERY_SCAN_LIMIT = 5000
_GRACE_SECONDS = 15.0  # how long Ctrl-C waits for requests already sent to be answered


# -- the run ---------------------------------------------------------------------------------


def render_counts(counts: Counter[str], total: int, elapsed: float) -> str:
    """The live line of a batch, e.g. ``batch 3/10 done, 1 failed, 2 uploading ... 0:42``."""
    order = ["uploading", "submitting", "processing", "failed", "queued"]
    parts = [f"{counts[name]} {name}" for name in order if counts[name]]
    done = counts["done"] + counts["skipped"]
    return (
        f"batch {done}/{total} done"
        + "".join(", " + p for p in parts)
        + (f"  {format_duration(elapsed)}")
    )


@attrs.define
class _Shared:
    store: StateStore
    transcriber: aai.Transcriber
    args: argparse.Namespace
    ctx: Context
    stop: threading.Event = attrs.Factory(threading.Event)
    lock: threading.Lock = attrs.Factory(threading.Lock)
    phase: dict[str, str] = attrs.Factory(dict)
    sending: int = 0  # requests that may create something server-side, in flight now


class _Worker:
    """Takes one input at a time through upload, submit, wait and output."""

    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def _set_phase(self, key: str, phase: str) -> None:
        with self.s.lock:
            self.s.phase[key] = phase

    def _sending(self, delta: int) -> None:
        with self.s.lock:
            self.s.sending += delta

    def process(self, step: Step, record: Record) -> None:
        s = self.s
        stage: Stage = "upload"
        try:
            if step is Step.UPLOAD:
                self._set_phase(record.key, "uploading")
                upload_url = upload_with_progress(
                    s.transcriber, record.key, s.ctx, should_stop=s.stop.is_set, show_bar=False
                )
                record = attrs.evolve(record, status="uploaded", upload_url=upload_url)
                s.store.update(record, durable=True)
                step = Step.SUBMIT
            if step is Step.SUBMIT:
                stage = "submit"
                if s.stop.is_set():
                    return
                self._set_phase(record.key, "submitting")
                now = datetime.datetime.now(datetime.UTC).isoformat()
                record = attrs.evolve(record, status="submitting", submitted_at=now)
                self._sending(1)
                try:
                    if not s.store.update(record, durable=True):
                        return
                    assert record.audio_url is not None
                    transcript = s.transcriber.submit(record.audio_url)
                    record = attrs.evolve(record, status="submitted", transcript_id=transcript.id)
                    s.store.update(record, durable=True)
                finally:
                    self._sending(-1)
            stage = "wait"
            if s.stop.is_set():
                return
            self._set_phase(record.key, "processing")
            assert record.transcript_id is not None
            transcript = aai.Transcript(record.transcript_id)
            transcript.wait_for_completion(timeout=s.args.timeout)
            if s.stop.is_set():
                return
            if transcript.status == aai.TranscriptStatus.error:
                self._fail(
                    record, "transcript", f"transcript {record.transcript_id}: {transcript.error}"
                )
                return
            stage = "output"
            # Result files hold --format as is; --json only changes what is printed.
            content = render(transcript, s.args.format, chars_per_caption=s.args.chars_per_caption)
            text = content if content.endswith("\n") else content + "\n"
            write_atomic(record.output, text, make_parents=True)
            s.store.update(attrs.evolve(record, status="done", error=None, failed_stage=None))
            self._set_phase(record.key, "done")
            s.ctx.note(f"done: {record.key} -> {record.output}")
        except Exception as exc:
            if s.stop.is_set():
                return  # an interrupted upload or a request cut short: not a failure
            if stage == "wait" and isinstance(exc, aai.NotFoundError):
                # The saved transcript is gone (deleted, or another account's sandbox): only
                # a new transcript can help, which --retry-failed asks for.
                stage = "transcript"
            self._fail(record, stage, one_line(exc))

    def _fail(self, record: Record, stage: Stage, reason: str) -> None:
        self.s.store.update(record.failed(stage, reason))
        self._set_phase(record.key, "failed")
        self.s.ctx.note(f"failed: {record.key}: {reason}")


def _recover(store: StateStore, pending: list[Record], ctx: Context) -> list[tuple[Step, Record]]:
    """Find the transcripts that ``submitting`` records may have created; see the state docs."""
    claimed = {r.transcript_id for r in store.records() if r.transcript_id}
    earliest = min(r.submitted_at or "" for r in pending)
    ctx.note(f"checking whether {len(pending)} interrupted request(s) reached the API")

    def listed() -> Iterator[Any]:
        params = aai.ListTranscriptParameters(limit=200)
        for item in itertools.islice(
            aai.Transcriber().iter_transcripts(params), _RECOVERY_SCAN_LIMIT
        ):
            if scan_is_past(item, earliest):
                return
            yield item

    found = match_recovered(pending, listed(), {c for c in claimed if c})
    steps = []
    for record in pending:
        if record.key in found:
            recovered = attrs.evolve(record, status="submitted", transcript_id=found[record.key])
            store.update(recovered, durable=True)
            steps.append((Step.WAIT, recovered))
        else:
            steps.append((Step.SUBMIT, record))
    return steps


def _run_workers(shared: _Shared, work: list[tuple[Step, Record]], total: int) -> None:
    jobs: queue.Queue[tuple[Step, Record]] = queue.Queue()
    for item in sorted(work, key=lambda pair: pair[0] is not Step.WAIT):
        jobs.put(item)
        shared.phase[item[1].key] = "queued"

    def loop() -> None:
        worker = _Worker(shared)
        while not shared.stop.is_set():
            try:
                step, record = jobs.get_nowait()
            except queue.Empty:
                return
            worker.process(step, record)

    threads = [
        threading.Thread(target=loop, name=f"cli-batch-{n}", daemon=True)
        for n in range(min(shared.args.jobs, max(len(work), 1)))
    ]
    for thread in threads:
        thread.start()
    line, started, last_save = shared.ctx.live_line(), time.monotonic(), time.monotonic()
    try:
        while any(thread.is_alive() for thread in threads):
            for thread in threads:
                thread.join(0.2)
            with shared.lock:
                counts = Counter(shared.phase.values())
            counts["skipped"] = total - len(work)
            line.draw(render_counts(counts, total, time.monotonic() - started))
            if time.monotonic() - last_save > 1.0:
                shared.store.flush()
                last_save = time.monotonic()
        line.clear()
    except KeyboardInterrupt:
        shared.stop.set()
        line.clear()
        deadline = time.monotonic() + _GRACE_SECONDS
        while shared.sending and time.monotonic() < deadline:
            time.sleep(0.05)  # a second Ctrl-C ends this wait at once
        shared.store.close()
        raise Interrupted(
            f"interrupted; progress is saved in {shared.store.path}: "
            "run the same command again to resume"
        ) from None


def summarize(records: list[Record], skipped: dict[str, Step]) -> dict[str, Any]:
    """The end-of-run summary: done, failed (with reasons) and skipped inputs."""
    done = [r for r in records if r.status == "done" and r.key not in skipped]
    failed = [r for r in records if r.status == "failed" and r.key not in skipped]
    return {
        "done": [{"input": r.key, "output": r.output, "id": r.transcript_id} for r in done],
        "failed": [{"input": r.key, "error": r.error, "id": r.transcript_id} for r in failed],
        "skipped": [
            {
                "input": r.key,
                "reason": "done in an earlier run"
                if skipped[r.key] is Step.SKIP_DONE
                else f"failed in an earlier run ({r.error}); use --retry-failed",
                "output": r.output,
            }
            for r in records
            if r.key in skipped
        ],
    }


def _print_summary(summary: dict[str, Any], ctx: Context, state: Path) -> None:
    if ctx.json:
        emit(dumps({**summary, "state": str(state)}))
        return
    lines = [
        f"done: {len(summary['done'])}, failed: {len(summary['failed'])}, "
        f"skipped: {len(summary['skipped'])}"
    ]
    lines += [f"  failed  {item['input']}: {item['error']}" for item in summary["failed"]]
    lines += [f"  skipped {item['input']}: {item['reason']}" for item in summary["skipped"]]
    emit("\n".join(lines))


def run(args: argparse.Namespace, ctx: Context) -> int:
    out_dir = Path(args.out).resolve()
    config = config_from_args(args)  # fail on a bad option before touching anything
    keys, root = discover_inputs(args.source, out_dir)
    if not keys:
        raise UsageError(f"no audio files found in {args.source!r}")
    outputs = assign_outputs(keys, out_dir, EXTENSIONS[args.format], root)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = StateStore.open(Path(args.state) if args.state else out_dir / STATE_NAME)
    work: list[tuple[Step, Record]] = []
    to_recover: list[Record] = []
    skipped: dict[str, Step] = {}
    for key in keys:
        try:
            current = fingerprint(key)
        except OSError as exc:
            store.update(Record(key=key, output=outputs[key]).failed("input", one_line(exc)))
            continue
        previous = store.get(key)
        step, record = plan(
            previous,
            key=key,
            output=outputs[key],
            fingerprint=current,
            output_exists=previous is not None and Path(previous.output).is_file(),
            retry_failed=args.retry_failed,
        )
        store.update(record)
        if step in (Step.SKIP_DONE, Step.SKIP_FAILED):
            skipped[key] = step
        elif step is Step.RECOVER:
            to_recover.append(record)
        else:
            work.append((step, record))
    store.flush()
    if skipped:
        ctx.note(f"{len(skipped)} input(s) already handled in an earlier run; skipping them")
    if to_recover:
        work += _recover(store, to_recover, ctx)
    shared = _Shared(store, aai.Transcriber(config=config), args, ctx)
    if work:
        _run_workers(shared, work, len(keys))
    store.close()
    records = [r for r in (store.get(k) for k in keys) if r is not None]
    summary = summarize(records, skipped)
    _print_summary(summary, ctx, store.path)
    failed = len(summary["failed"]) + sum(s is Step.SKIP_FAILED for s in skipped.values())
    if failed:
        raise CommandFailed(f"{failed} of {len(keys)} input(s) failed")
    return 0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "batch",
        usage="%(prog)s DIR|LIST --out DIR [options]",
        help="transcribe many files, resumably",
        description="Transcribe every audio file in a directory, or every path or URL in a "
        "list file (one per line; '-' reads the list from stdin), and write one result per "
        f"input into --out. Progress is kept in a state file ({STATE_NAME} in --out): run "
        "the same command again after an interruption and finished or already submitted "
        "inputs are not submitted again.",
    )
    parser.add_argument("source", metavar="DIR|LIST", help="a directory, or a list file")
    parser.add_argument(
        "-o", "--out", required=True, metavar="DIR", help="directory for the results"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=list(FORMATS),
        default="text",
        help="format of each result file (see 'transcribe --help')",
    )
    parser.add_argument(
        "--chars-per-caption",
        type=positive_int,
        metavar="N",
        default=None,
        help="with --format srt/vtt: at most N characters per caption",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=positive_int,
        default=4,
        metavar="N",
        help="inputs worked on at the same time (default 4)",
    )
    parser.add_argument(
        "--state", metavar="FILE", default=None, help=f"state file (default: --out/{STATE_NAME})"
    )
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="submit again inputs whose transcript failed in an earlier run (other failures, "
        "such as network errors, are always retried)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        metavar="SECONDS",
        default=None,
        help="give up on a transcript after waiting this many seconds (it is retried on resume)",
    )
    add_config_flags(parser)
    add_common_flags(parser, top=False)
    parser.set_defaults(handler=run)
