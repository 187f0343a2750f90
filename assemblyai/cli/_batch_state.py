"""The state of a ``batch`` run and the decisions that make it resumable: pure functions only.

Each input (a local file or a URL) has a :class:`Record` in a JSON state file. A record
moves through ``pending → uploaded → submitting → submitted → done`` (or ``failed``), and
the file is rewritten (atomically, by :mod:`._batch`) at the moments that matter, so that a
run stopped at any point, even by ``kill -9``, can be resumed:

* an upload that finished is not repeated (``upload_url`` is kept);
* ``submitting`` is saved *before* ``POST /v2/transcript`` is sent: if the run dies before
  the answer is saved, the next run finds the transcript by its ``audio_url`` in the
  transcript list (:func:`match_recovered`) instead of submitting it again;
* a transcript id that was saved is only ever waited for, never submitted again;
* a ``done`` input whose output file exists is skipped; if the output is missing or another
  format is asked for, it is fetched again from the saved transcript id.

Nothing here does I/O; :func:`plan` and :func:`match_recovered` are table-tested.
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath, PurePosixPath
from typing import Any, Literal, Union
from urllib.parse import unquote, urlsplit

import attrs

__all__ = [
    "RECOVERY_SLACK",
    "STATE_VERSION",
    "Record",
    "Stage",
    "Step",
    "assign_outputs",
    "dump_state",
    "load_state",
    "match_recovered",
    "plan",
    "scan_is_past",
]

STATE_VERSION = 1

#: How far before a ``submitting`` record's time a listed transcript may have been created
#: and still be taken for it (covers clock differences between this machine and the API).
RECOVERY_SLACK = datetime.timedelta(hours=1)

Status = Literal["pending", "uploaded", "submitting", "submitted", "done", "failed"]
Stage = Literal["input", "upload", "submit", "wait", "transcript", "output"]


@attrs.frozen
class Record:
    """What the batch knows about one input.

    Attributes:
        key: the input: an absolute file path or a URL.
        output: where the result is written.
        status: ``pending``, ``uploaded``, ``submitting``, ``submitted``, ``done``, ``failed``.
        size, mtime_ns: the file's size and modification time when it was uploaded; a
            changed file starts over.
        upload_url: the uploaded file's URL (or the input URL itself).
        submitted_at: UTC time (ISO 8601) just before the transcript was requested.
        transcript_id: the transcript, once the API answered.
        error: why the input failed.
        failed_stage: where it failed; only ``transcript`` (the API could not transcribe
            the audio) needs ``--retry-failed`` to be tried again.
    """

    key: str
    output: str
    status: Status = "pending"
    size: int | None = None
    mtime_ns: int | None = None
    upload_url: str | None = None
    submitted_at: str | None = None
    transcript_id: str | None = None
    error: str | None = None
    failed_stage: Stage | None = None

    @property
    def is_url(self) -> bool:
        return self.key.startswith(("http://", "https://"))

    @property
    def audio_url(self) -> str | None:
        return self.key if self.is_url else self.upload_url

    def failed(self, stage: Stage, error: str) -> Record:
        return attrs.evolve(self, status="failed", failed_stage=stage, error=error)


class Step(enum.Enum):
    """What a resumed run does next for an input."""

    UPLOAD = "upload"  # nothing usable yet: upload the file
    SUBMIT = "submit"  # the audio is reachable: request the transcript
    RECOVER = "recover"  # the request may have been sent: look for it before submitting
    WAIT = "wait"  # a transcript exists: wait for it and write the output
    SKIP_DONE = "skip-done"  # finished in an earlier run
    SKIP_FAILED = "skip-failed"  # its transcript failed in an earlier run (--retry-failed)


def _first_step(record: Record) -> Step:
    return Step.SUBMIT if record.audio_url else Step.UPLOAD


def plan(
    record: Record | None,
    *,
    key: str,
    output: str,
    fingerprint: tuple[int, int] | None,
    output_exists: bool,
    retry_failed: bool = False,
) -> tuple[Step, Record]:
    """The next step for an input and the record to carry on with.

    Args:
        record: what the state file says (None for a new input).
        key: the input (absolute path or URL).
        output: the output path this run would write.
        fingerprint: ``(size, mtime_ns)`` of a local file now; None for URLs.
        output_exists: whether the file at ``record.output`` exists now.
        retry_failed: submit again inputs whose transcript failed in an earlier run.
    """
    fresh = Record(
        key=key,
        output=output,
        size=fingerprint[0] if fingerprint else None,
        mtime_ns=fingerprint[1] if fingerprint else None,
    )
    if record is None or record.key != key:
        return _first_step(fresh), fresh
    if fingerprint is not None and (record.size, record.mtime_ns) != fingerprint:
        return _first_step(fresh), fresh  # the file changed since: its old results are stale
    if record.status == "done":
        if record.output == output and output_exists and record.transcript_id:
            return Step.SKIP_DONE, record
        if record.transcript_id:
            return Step.WAIT, attrs.evolve(record, output=output)
        return _first_step(fresh), fresh
    record = attrs.evolve(record, output=output)
    if record.status == "failed":
        if record.failed_stage == "transcript":
            if not retry_failed:
                return Step.SKIP_FAILED, record
            # The API could not transcribe it: request a new transcript of the same audio.
            record = attrs.evolve(record, status="uploaded", transcript_id=None, submitted_at=None)
        elif record.failed_stage == "input":
            return _first_step(fresh), fresh
        record = attrs.evolve(record, error=None, failed_stage=None)
    if record.transcript_id:
        return Step.WAIT, attrs.evolve(record, status="submitted")
    if record.submitted_at is not None:
        return Step.RECOVER, record
    if record.audio_url:
        return Step.SUBMIT, record
    return Step.UPLOAD, fresh


# -- recovery ------------------------------------------------------------------------------


def _as_utc(value: object) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def scan_is_past(item: Any, earliest: str) -> bool:
    """Whether a listed transcript (newest first) is older than any we could be looking for."""
    created, since = _as_utc(getattr(item, "created", None)), _as_utc(earliest)
    return created is not None and since is not None and created < since - RECOVERY_SLACK


def match_recovered(
    pending: Sequence[Record], listed: Iterable[Any], claimed: Iterable[str]
) -> dict[str, str]:
    """Transcripts that ``submitting`` records created before the run stopped.

    Args:
        pending: records whose request may have been sent (``submitted_at`` set, no id).
        listed: the account's transcripts, newest first (``id``, ``audio_url``, ``created``).
        claimed: transcript ids other records already own.

    Returns:
        ``{record key: transcript id}``: for each record, the newest listed transcript of its
        ``audio_url`` created no earlier than ``RECOVERY_SLACK`` before ``submitted_at`` and
        not claimed by another record. Upload URLs are unique, so for uploads the match is
        exact; for a URL input it is the newest transcript of that URL since the attempt.
    """
    taken = set(claimed)
    wanted: dict[str, Record] = {}
    for record in pending:
        if record.audio_url and record.submitted_at:
            wanted.setdefault(record.audio_url, record)
    found: dict[str, str] = {}
    for item in listed:
        audio_url = str(getattr(item, "audio_url", ""))
        candidate = wanted.get(audio_url)
        if candidate is None or item.id in taken:
            continue
        assert candidate.submitted_at is not None
        if scan_is_past(item, candidate.submitted_at):
            continue
        found[candidate.key] = str(item.id)
        taken.add(item.id)
        del wanted[audio_url]
        if not wanted:
            break
    return found


# -- output names ----------------------------------------------------------------------------


def _source_name(key: str, root: PurePath | None) -> PurePath:
    if key.startswith(("http://", "https://")):
        segment = PurePosixPath(unquote(urlsplit(key).path)).name
        return PurePath(segment or "audio")
    path = PurePath(key)
    if root is not None:
        try:
            return path.relative_to(root)
        except ValueError:
            pass
    return PurePath(path.name)


def assign_outputs(
    keys: Sequence[str], out_dir: PurePath, extension: str, root: PurePath | None = None
) -> dict[str, str]:
    """A distinct output path in ``out_dir`` for every input, the same for the same inputs.

    ``talk.wav`` becomes ``talk<extension>``; files under ``root`` (a directory input) keep
    their sub-directories. When two inputs would share a name (``a.wav`` and ``a.mp3``, or
    ``x/a.wav`` and ``y/a.wav`` from a list) the original extension is kept (``a.wav.txt``),
    and a number is added if that is not enough (``a.wav-2.txt``).
    """
    wanted = {key: _source_name(key, root) for key in keys}
    stems: dict[PurePath, list[str]] = {}
    for key, name in wanted.items():
        stems.setdefault(name.with_suffix("") if name.suffix else name, []).append(key)
    result: dict[str, str] = {}
    used: set[PurePath] = set()
    for key in keys:
        name = wanted[key]
        stem = name.with_suffix("") if name.suffix else name
        candidate = stem if len(stems[stem]) == 1 else name
        chosen, number = candidate, 1
        while chosen in used:
            number += 1
            chosen = candidate.with_name(f"{candidate.name}-{number}")
        used.add(chosen)
        result[key] = str(out_dir / chosen.with_name(chosen.name + extension))
    return result


# -- the file --------------------------------------------------------------------------------


def dump_state(records: Mapping[str, Record]) -> str:
    """The state file's text: ``{"version": 1, "inputs": [record, ...]}``."""
    inputs = [attrs.asdict(record) for record in records.values()]
    return json.dumps({"version": STATE_VERSION, "inputs": inputs}, indent=1) + "\n"


def load_state(text: str) -> dict[str, Record]:
    """Records by key, from the state file's text.

    Raises:
        ValueError: the text is not a state file this version understands.
    """
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise ValueError(f"not a batch state file (version {STATE_VERSION})")
    entries = data.get("inputs", [])
    if not isinstance(entries, list):
        raise ValueError('"inputs" is not a list')
    records: dict[str, Record] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise ValueError(f"input {number} is not an object")
        fields = {k: v for k, v in entry.items() if k in _FIELD_TYPES}
        for name, value in fields.items():
            if not _fits(value, _FIELD_TYPES[name]):
                raise ValueError(f"input {number} has a bad {name!r}: {value!r}")
        missing = [
            f.name
            for f in attrs.fields(Record)
            if f.default is attrs.NOTHING and f.name not in fields
        ]
        if missing:
            raise ValueError(f"input {number} has no {', '.join(map(repr, missing))}")
        record = Record(**fields)
        records[record.key] = record
    return records


# What each Record field may hold, read from its annotation, so a new field is checked too.
_FIELD_TYPES: dict[str, object] = typing.get_type_hints(Record)


def _fits(value: object, annotation: object) -> bool:
    if typing.get_origin(annotation) is Literal:
        return value in typing.get_args(annotation)
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return any(_fits(value, member) for member in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if annotation is int:
        return type(value) is int  # not a bool
    return isinstance(value, annotation) if isinstance(annotation, type) else True
