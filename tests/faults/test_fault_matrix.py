"""The fault matrix: the public API against a loopback server that misbehaves on purpose.

Each scenario scripts the server, makes one public SDK call through a real ``aai.Client`` (real
sockets, the real retry transport), and asserts:

* the outcome: a result after N attempts, or the documented error type within a deadline;
* the exact number of requests the server saw (so a retry that duplicates work shows);
* that the API key went to the API host only, and appears in no error message;
* (through the ``no_leaks`` fixture) that no thread or socket is left behind.

Retries use ``retry_backoff=0.01`` and short timeouts, so every scenario takes well under 2 s.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

import assemblyai as aai
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

from . import payloads
from .harness import API_KEY, make_settings, write_audio
from .server import (
    ScriptedServer,
    drop_after_body,
    drop_before_body,
    drop_mid_body,
    fail,
    hang,
    respond,
    slow_read,
    stall,
    truncate,
)

MiB = 1 << 20
T1 = "/v2/transcript/t1"


@attrs.define
class Ctx:
    client: aai.Client
    server: ScriptedServer
    other: ScriptedServer
    tmp_path: Path


@attrs.frozen
class Scenario:
    """One row of the matrix.

    Attributes:
        script: scripts the servers (``ctx.server`` is the API, ``ctx.other`` another host).
        call: the public SDK call.
        errors: the exception must be an instance of every one of these (empty: success).
        message: substrings ``str(exc)`` must contain.
        check: extra assertions on the result (success) or on the context.
        requests: requests the API server must have seen, in total or per ``"METHOD path"``.
        other_requests: requests the other host must have seen.
        within / at_least: bounds on the call's duration, in seconds.
        settings: overrides of the scenario settings (see ``conftest.make_settings``).
    """

    id: str
    script: Callable[[Ctx], None]
    call: Callable[[Ctx], Any]
    requests: int | dict[str, int]
    errors: tuple[type[BaseException], ...] = ()
    message: Sequence[str] = ()
    check: Callable[[Any, Ctx], None] | None = None
    other_requests: int = 0
    within: float = 2.0
    at_least: float = 0.0
    settings: dict[str, Any] = attrs.field(factory=dict)


# --- calls -----------------------------------------------------------------------------------


def get_transcript(ctx: Ctx) -> aai.Transcript:
    return aai.Transcript("t1", client=ctx.client).wait_for_completion()


def create_transcript(ctx: Ctx) -> aai.Transcript:
    return aai.Transcriber(client=ctx.client).submit(payloads.AUDIO_URL)


def lemur_task(ctx: Ctx) -> Any:
    return aai.Lemur(client=ctx.client).task("Summarise the call.", input_text="hello")


def upload_path(size: int) -> Callable[[Ctx], str]:
    def call(ctx: Ctx) -> str:
        return aai.Transcriber(client=ctx.client).upload_file(write_audio(ctx.tmp_path, size))

    return call


def upload_file_object(size: int) -> Callable[[Ctx], str]:
    def call(ctx: Ctx) -> str:
        path = write_audio(ctx.tmp_path, size)
        with path.open("rb") as handle:
            handle.seek(100)  # uploads start where the file object stands, on every attempt
            return aai.Transcriber(client=ctx.client).upload_file(handle)

    return call


class OneShotStream(io.RawIOBase):
    """A readable stream that cannot seek (like a pipe or a socket)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._data.readinto(buffer)


def upload_one_shot(size: int) -> Callable[[Ctx], str]:
    def call(ctx: Ctx) -> str:
        return aai.Transcriber(client=ctx.client).upload_file(OneShotStream(b"a" * size))

    return call


# --- scripts ---------------------------------------------------------------------------------


def on_get(*steps: Any) -> Callable[[Ctx], None]:
    return lambda ctx: ctx.server.route("GET", T1, *steps)


def on_create(*steps: Any) -> Callable[[Ctx], None]:
    return lambda ctx: ctx.server.route("POST", "/v2/transcript", *steps)


def on_upload(*steps: Any) -> Callable[[Ctx], None]:
    return lambda ctx: ctx.server.route("POST", "/v2/upload", *steps)


def on_lemur(*steps: Any) -> Callable[[Ctx], None]:
    return lambda ctx: ctx.server.route("POST", "/lemur/v3/generate/task", *steps)


DONE = respond(200, json=payloads.transcript())
QUEUED = respond(200, json=payloads.transcript(status="queued"))
UPLOADED = respond(200, json=payloads.uploaded())
LEMUR_OK = respond(200, json=payloads.lemur_task())


def completed(result: Any, ctx: Ctx) -> None:
    assert result.status == aai.TranscriptStatus.completed
    assert result.text == "hello world"


def queued(result: Any, ctx: Ctx) -> None:
    assert result.id == "t1" and result.status == aai.TranscriptStatus.queued


def uploaded_whole(size: int, *, offset: int = 0) -> Callable[[Any, Ctx], None]:
    """The last upload arrived complete, byte for byte (earlier attempts may be partial)."""

    def check(result: Any, ctx: Ctx) -> None:
        assert result == payloads.uploaded()["upload_url"]
        last = ctx.server.requests[-1]
        assert last.body_complete and last.body_bytes == size - offset
        expected = write_audio(ctx.tmp_path, size, "expected.bin").read_bytes()[offset:]
        assert last.sha256 == hashlib.sha256(expected).hexdigest()

    return check


def only_incomplete_before_last(result: Any, ctx: Ctx) -> None:
    *earlier, last = ctx.server.requests
    assert all(not r.body_complete for r in earlier), "an earlier attempt was complete"
    assert last.body_complete


def lemur_answered(result: Any, ctx: Ctx) -> None:
    assert result.response == "an answer"


def saved_redacted_audio(result: Any, ctx: Ctx) -> None:
    assert (ctx.tmp_path / "redacted.wav").read_bytes() == b"RIFF-redacted"
    (download,) = ctx.other.requests
    assert "authorization" not in download.headers
    assert download.path.startswith("/redacted/t1.wav?")


def script_redacted_audio(ctx: Ctx) -> None:
    ctx.server.route(
        "GET",
        T1,
        respond(
            200,
            json=payloads.transcript(
                redact_pii=True, redact_pii_audio=True, redact_pii_policies=["person_name"]
            ),
        ),
    )
    ctx.server.route(
        "GET",
        T1 + "/redacted-audio",
        respond(
            200,
            json={
                "status": "redacted_audio_ready",
                "redacted_audio_url": f"{ctx.other.url}/redacted/t1.wav?signature=abc",
            },
        ),
    )
    ctx.other.route("GET", "/redacted/t1.wav", respond(200, body=b"RIFF-redacted"))


def save_redacted(ctx: Ctx) -> None:
    transcript = get_transcript(ctx)
    transcript.save_redacted_audio(ctx.tmp_path / "redacted.wav")


def script_redirect(ctx: Ctx) -> None:
    ctx.server.route("GET", T1, respond(307, headers={"Location": f"{ctx.other.url}{T1}"}))
    ctx.other.route("GET", T1, DONE)


def unknown_values_kept(result: Any, ctx: Ctx) -> None:
    assert result.status == aai.TranscriptStatus.completed
    assert result.speech_model == "universal-9"
    assert result.speech_model.value == "universal-9"
    assert result.json_response["feature_from_the_future"] == {"enabled": True}


# --- the matrix ------------------------------------------------------------------------------

TRANSCRIPT_500 = (aai.InternalServerError, aai.TranscriptError)
TRANSCRIPT_LOST = (aai.APIConnectionError, aai.TranscriptError)
TRANSCRIPT_TIMEOUT = (aai.APITimeoutError, aai.TranscriptError)
TRANSCRIPT_UNREADABLE = (aai.APIResponseValidationError, aai.TranscriptError)

SCENARIOS = [
    # -- 5xx sequences on an idempotent GET: retried up to max_retries (2)
    Scenario(
        "get-503-503-200", on_get(fail(503), fail(503), DONE), get_transcript, 3, check=completed
    ),
    Scenario("get-502-200", on_get(fail(502), DONE), get_transcript, 2, check=completed),
    Scenario(
        "get-500-500-500",
        on_get(fail(500), fail(500), fail(500), fail(500)),
        get_transcript,
        3,
        errors=TRANSCRIPT_500,
        message=["failed to retrieve transcript t1", "scripted 500", "after 3 attempts"],
    ),
    Scenario(
        "get-503-no-retries",
        on_get(fail(503), DONE),
        get_transcript,
        1,
        errors=TRANSCRIPT_500,
        settings={"max_retries": 0},
    ),
    Scenario(
        "get-408-409-200", on_get(fail(408), fail(409), DONE), get_transcript, 3, check=completed
    ),
    # -- statuses that are never retried
    Scenario(
        "get-404",
        on_get(fail(404, "Transcript not found", headers={"X-Request-Id": "req-42"})),
        get_transcript,
        1,
        errors=(aai.NotFoundError, aai.TranscriptError),
        message=["Transcript not found", "req-42"],
    ),
    Scenario(
        "get-401",
        on_get(fail(401, "Invalid API key")),
        get_transcript,
        1,
        errors=(aai.AuthenticationError, aai.TranscriptError),
        message=["Invalid API key", "ASSEMBLYAI_API_KEY"],
    ),
    Scenario(
        "get-400", on_get(fail(400, "bad id")), get_transcript, 1, errors=(aai.BadRequestError,)
    ),
    Scenario("get-403", on_get(fail(403)), get_transcript, 1, errors=(aai.PermissionDeniedError,)),
    # -- 429 and Retry-After
    Scenario(
        "get-429-retry-after-1s",
        on_get(fail(429, headers={"Retry-After": "1"}), DONE),
        get_transcript,
        2,
        check=completed,
        at_least=1.0,
        within=2.5,
    ),
    Scenario(
        "get-429-retry-after-ms",
        on_get(fail(429, headers={"retry-after-ms": "200"}), DONE),
        get_transcript,
        2,
        check=completed,
        at_least=0.2,
    ),
    Scenario(
        "get-429-retry-after-too-long",
        on_get(fail(429, "Too many requests", headers={"Retry-After": "121"}), DONE),
        get_transcript,
        1,
        errors=(aai.RateLimitError, aai.TranscriptError),
        message=["Too many requests", "wait 121 s"],
        within=0.5,
    ),
    Scenario(
        "get-429-always",
        on_get(*[fail(429, headers={"retry-after-ms": "10"})] * 3),
        get_transcript,
        3,
        errors=(aai.RateLimitError,),
        message=["after 3 attempts"],
    ),
    # -- the connection drops, or the server never answers
    Scenario(
        "get-dropped-then-ok", on_get(drop_before_body(), DONE), get_transcript, 2, check=completed
    ),
    Scenario(
        "get-dropped-always",
        on_get(drop_before_body(), drop_before_body(), drop_before_body()),
        get_transcript,
        3,
        errors=TRANSCRIPT_LOST,
        message=["connection was lost", "after 3 attempts"],
    ),
    Scenario(
        "get-never-answers",
        on_get(hang(), hang(), hang()),
        get_transcript,
        3,
        errors=TRANSCRIPT_TIMEOUT,
        message=["read timeout", "after 3 attempts", "http_timeout"],
        settings={"http_timeout": 0.2},
        at_least=0.6,
        within=1.5,
    ),
    Scenario(
        "get-never-answers-granular-timeout",
        on_get(hang(), hang()),
        get_transcript,
        2,
        errors=TRANSCRIPT_TIMEOUT,
        message=["read timeout", "after 2 attempts"],
        settings={"http_timeout": httpx.Timeout(5.0, read=0.2), "max_retries": 1},
        at_least=0.4,
        within=1.2,
    ),
    Scenario(
        "get-never-answers-then-ok",
        on_get(hang(), DONE),
        get_transcript,
        2,
        check=completed,
        settings={"http_timeout": 0.2},
    ),
    # -- bodies that are cut short or unreadable
    Scenario(
        "get-truncated-then-ok",
        on_get(truncate(json=payloads.transcript()), DONE),
        get_transcript,
        2,
        check=completed,
    ),
    Scenario(
        "get-truncated-always",
        on_get(*[truncate(json=payloads.transcript())] * 3),
        get_transcript,
        3,
        errors=TRANSCRIPT_LOST,
        message=["arrived in full"],
    ),
    Scenario(
        "get-html-instead-of-json",
        on_get(
            respond(200, body="<html>maintenance</html>", headers={"Content-Type": "text/html"})
        ),
        get_transcript,
        1,
        errors=TRANSCRIPT_UNREADABLE,
        message=["could not be read", "maintenance"],
    ),
    Scenario(
        "get-json-array",
        on_get(respond(200, json=[1, 2, 3])),
        get_transcript,
        1,
        errors=TRANSCRIPT_UNREADABLE,
        message=["expected a JSON object"],
    ),
    Scenario(
        "get-missing-required-field",
        on_get(respond(200, json={"id": "t1"})),
        get_transcript,
        1,
        errors=TRANSCRIPT_UNREADABLE,
    ),
    Scenario(
        "get-bad-gzip",
        on_get(respond(200, body=b"not gzip at all", headers={"Content-Encoding": "gzip"})),
        get_transcript,
        1,
        errors=TRANSCRIPT_UNREADABLE,
        message=["DecodingError"],
    ),
    Scenario(
        "get-502-html-page",
        on_get(respond(502, body="<html><body>Bad gateway</body></html>"), DONE),
        get_transcript,
        2,
        check=completed,
    ),
    # -- unknown fields and enum values are kept, and an unknown status cannot poll forever
    Scenario(
        "get-unknown-fields-and-enum-values",
        on_get(
            respond(
                200,
                json=payloads.transcript(
                    speech_model="universal-9", feature_from_the_future={"enabled": True}
                ),
            )
        ),
        get_transcript,
        1,
        check=unknown_values_kept,
    ),
    Scenario(
        "poll-unknown-status-hits-deadline",
        lambda ctx: ctx.server.route(
            "GET", T1, then=respond(200, json=payloads.transcript(status="archived"))
        ),
        lambda ctx: aai.Transcript("t1", client=ctx.client).wait_for_completion(timeout=0.3),
        2,  # polling_interval (1 s) > timeout: a poll at 0 s and one at the deadline
        errors=TRANSCRIPT_TIMEOUT,
        message=["still archived after 0.3 s"],
        settings={"polling_interval": 1.0},
        at_least=0.3,
        within=1.0,
    ),
    Scenario(
        "poll-deadline-from-settings",
        lambda ctx: ctx.server.route(
            "GET", T1, then=respond(200, json=payloads.transcript(status="processing"))
        ),
        get_transcript,
        2,
        errors=TRANSCRIPT_TIMEOUT,
        message=["still processing after 0.3 s"],
        settings={"polling_interval": 1.0, "polling_timeout": 0.3},
        at_least=0.3,
        within=1.0,
    ),
    # -- creating a transcript: retried only when the API certainly did not act
    Scenario(
        "create-503-then-ok", on_create(fail(503), QUEUED), create_transcript, 2, check=queued
    ),
    Scenario(
        "create-429-then-ok",
        on_create(fail(429, headers={"retry-after-ms": "20"}), QUEUED),
        create_transcript,
        2,
        check=queued,
    ),
    Scenario(
        "create-500-not-retried",
        on_create(fail(500), QUEUED),
        create_transcript,
        1,
        errors=TRANSCRIPT_500,
        message=[f"failed to transcribe url {payloads.AUDIO_URL}"],
    ),
    Scenario(
        "create-502-not-retried",
        on_create(fail(502), QUEUED),
        create_transcript,
        1,
        errors=TRANSCRIPT_500,
    ),
    Scenario(
        "create-dropped-before-body-not-retried",
        on_create(drop_before_body(), QUEUED),
        create_transcript,
        1,
        errors=TRANSCRIPT_LOST,
    ),
    Scenario(
        "create-dropped-after-body-not-retried",
        on_create(drop_after_body(), QUEUED),
        create_transcript,
        1,
        errors=TRANSCRIPT_LOST,
        message=["may have received the request", "before sending it again"],
    ),
    Scenario(
        "create-never-answers-not-retried",
        on_create(hang(), QUEUED),
        create_transcript,
        1,
        errors=TRANSCRIPT_TIMEOUT,
        settings={"http_timeout": 0.2},
        within=1.0,
    ),
    Scenario(
        "create-truncated-not-retried",
        on_create(truncate(json=payloads.transcript(status="queued")), QUEUED),
        create_transcript,
        1,
        errors=TRANSCRIPT_LOST,
    ),
    # -- uploads: retried from the first byte, never empty or partial
    Scenario(
        "upload-dropped-mid-body-then-ok",
        on_upload(drop_mid_body(), UPLOADED),
        upload_path(3 * MiB + 17),
        2,
        check=lambda r, c: (uploaded_whole(3 * MiB + 17)(r, c), only_incomplete_before_last(r, c)),
    ),
    Scenario(
        "upload-dropped-before-body-then-ok",
        on_upload(drop_before_body(), UPLOADED),
        upload_path(MiB),
        2,
        check=uploaded_whole(MiB),
    ),
    Scenario(
        "upload-dropped-after-body-then-ok",
        on_upload(drop_after_body(), UPLOADED),
        upload_path(MiB),
        2,
        check=uploaded_whole(MiB),
    ),
    Scenario(
        "upload-file-object-503-then-mid-body-drop-then-ok",
        on_upload(fail(503), drop_mid_body(), UPLOADED),
        upload_file_object(2 * MiB),
        3,
        check=uploaded_whole(2 * MiB, offset=100),
    ),
    Scenario(
        "upload-dropped-mid-body-always",
        on_upload(drop_mid_body(), drop_mid_body(), drop_mid_body()),
        upload_path(MiB),
        3,
        errors=TRANSCRIPT_LOST,
        message=["Failed to upload audio file", "after 3 attempts"],
    ),
    Scenario(
        "upload-one-shot-stream-503-not-retried",
        on_upload(fail(503), UPLOADED),
        upload_one_shot(300_000),
        1,
        errors=TRANSCRIPT_500,
    ),
    Scenario(
        "upload-one-shot-stream-dropped-not-retried",
        on_upload(drop_mid_body(read_limit=100_000), UPLOADED),
        upload_one_shot(600_000),
        1,
        errors=TRANSCRIPT_LOST,
    ),
    Scenario(
        "upload-one-shot-stream-ok",
        on_upload(UPLOADED),
        upload_one_shot(600_000),
        1,
        check=lambda r, c: c.server.requests[0].body_bytes == 600_000,
    ),
    Scenario(
        "upload-per-call-no-retries",
        on_upload(fail(503), UPLOADED),
        lambda ctx: aai.Transcriber(client=ctx.client).upload_file(b"audio", max_retries=0),
        1,
        errors=TRANSCRIPT_500,
    ),
    Scenario(
        "upload-slow-receiver",
        # 2 MiB read 64 KiB at a time, 20 ms apart (about 0.6 s): longer than http_timeout,
        # which uploads do not use; each write still progresses within upload_timeout.
        on_upload(slow_read(UPLOADED, chunk=1 << 16, delay=0.02)),
        upload_path(2 * MiB),
        1,
        check=uploaded_whole(2 * MiB),
        settings={"http_timeout": 0.25, "upload_timeout": 3.0},
        at_least=0.5,
        within=3.0,
    ),
    # -- LeMUR generate calls are not idempotent either
    Scenario(
        "lemur-429-then-ok",
        on_lemur(fail(429, headers={"retry-after-ms": "10"}), LEMUR_OK),
        lemur_task,
        2,
        check=lemur_answered,
    ),
    Scenario(
        "lemur-500-not-retried",
        on_lemur(fail(500), LEMUR_OK),
        lemur_task,
        1,
        errors=(aai.InternalServerError, aai.LemurError),
        message=["failed to call Lemur task"],
    ),
    Scenario(
        "lemur-dropped-after-body-not-retried",
        on_lemur(drop_after_body(), LEMUR_OK),
        lemur_task,
        1,
        errors=(aai.APIConnectionError, aai.LemurError),
    ),
    Scenario(
        "lemur-never-answers-per-call-timeout",
        on_lemur(hang(), LEMUR_OK),
        lambda ctx: aai.Lemur(client=ctx.client).task("Summarise.", input_text="x", timeout=0.3),
        1,
        errors=(aai.APITimeoutError, aai.LemurError),
        at_least=0.3,
        within=1.0,
    ),
    Scenario(
        "lemur-per-call-max-retries",
        on_lemur(*[fail(503)] * 5, LEMUR_OK),
        lambda ctx: aai.Lemur(client=ctx.client).task("Summarise.", input_text="x", max_retries=5),
        6,
        check=lemur_answered,
    ),
    # -- the key stays on the API host
    Scenario(
        "redirect-to-another-host-not-followed",
        script_redirect,
        get_transcript,
        1,
        errors=(aai.APIStatusError, aai.TranscriptError),
        message=["HTTP 307"],
        other_requests=0,
    ),
    Scenario(
        "redacted-audio-on-another-host-gets-no-key",
        script_redacted_audio,
        save_redacted,
        {f"GET {T1}": 1, f"GET {T1}/redacted-audio": 1},
        check=saved_redacted_audio,
        other_requests=1,
    ),
]


def _assert_requests(server: ScriptedServer, expected: int | dict[str, int]) -> None:
    if isinstance(expected, int):
        assert len(server.requests) == expected, [r.path for r in server.requests]
        return
    seen: dict[str, int] = {}
    for entry in server.requests:
        key = f"{entry.method} {entry.path.split('?', 1)[0]}"
        seen[key] = seen.get(key, 0) + 1
    assert seen == expected


@pytest.fixture
def ctx(server: ScriptedServer, other_host: ScriptedServer, tmp_path: Path) -> Iterator[Ctx]:
    context = Ctx(client=None, server=server, other=other_host, tmp_path=tmp_path)  # type: ignore[arg-type]
    yield context
    if context.client is not None:
        context.client.close()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(scenario: Scenario, ctx: Ctx) -> None:
    ctx.client = aai.Client(settings=make_settings(ctx.server.url, **scenario.settings))
    scenario.script(ctx)
    started = time.monotonic()
    outcome: Any = None
    error: BaseException | None = None
    try:
        outcome = scenario.call(ctx)
    except Exception as exc:
        error = exc
    elapsed = time.monotonic() - started

    if scenario.errors:
        assert error is not None, f"expected {scenario.errors}, got the result {outcome!r}"
        for kind in scenario.errors:
            assert isinstance(error, kind), f"{type(error).__mro__} is not a {kind}"
        for text in scenario.message:
            assert text in str(error), f"{text!r} not in {str(error)!r}"
        assert API_KEY not in str(error) and API_KEY not in repr(error)
    else:
        assert error is None, f"unexpected {type(error).__name__}: {error}"
        if scenario.check is not None:
            scenario.check(outcome, ctx)
    assert scenario.at_least <= elapsed <= scenario.within, f"took {elapsed:.2f} s"
    _assert_requests(ctx.server, scenario.requests)
    assert len(ctx.other.requests) == scenario.other_requests
    assert not ctx.server.unscripted and not ctx.other.unscripted
    # Every request to the API host carried the key; nothing else ever did.
    assert all(r.headers.get("authorization") == API_KEY for r in ctx.server.requests)
    assert all("authorization" not in r.headers for r in ctx.other.requests)


# --- scenarios that need more than a script --------------------------------------------------


def test_create_connection_refused_then_ok(retry_log: list[str]) -> None:
    """Refused connections are retried even for POST /v2/transcript: nothing reached the API."""
    with ScriptedServer(listen=False) as server:
        server.route("POST", "/v2/transcript", QUEUED)

        # The port is bound but not listening (connections are refused) until the SDK logs
        # its first retry; then the server starts listening, before the retry is sent.
        class ListenOnFirstRetry(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                if "retry 1 " in record.getMessage():
                    server.listen()

        hook = ListenOnFirstRetry()
        logging.getLogger("assemblyai").addHandler(hook)
        try:
            with aai.Client(settings=make_settings(server.url)) as client:
                transcript = aai.Transcriber(client=client).submit(payloads.AUDIO_URL)
        finally:
            logging.getLogger("assemblyai").removeHandler(hook)
        assert transcript.status == aai.TranscriptStatus.queued
        assert server.count() == 1
        assert sum("ConnectError" in line and "retry" in line for line in retry_log) == 1


def test_connection_refused_always(retry_log: list[str]) -> None:
    with ScriptedServer(listen=False) as server:
        started = time.monotonic()
        with (
            aai.Client(settings=make_settings(server.url)) as client,
            pytest.raises(aai.APIConnectionError) as caught,
        ):
            aai.Transcriber(client=client).submit(payloads.AUDIO_URL)
        assert time.monotonic() - started < 1.0
        assert isinstance(caught.value, aai.TranscriptError)
        assert "could not reach the API" in str(caught.value)
        assert "after 3 attempts" in str(caught.value)
        assert server.connections == 0 and server.count() == 0
        assert sum("retry" in line for line in retry_log) == 2
        del caught


def test_upload_to_a_stalled_receiver_times_out(tmp_path: Path) -> None:
    """A server that stops reading the body: the write timeout (upload_timeout) fires."""
    with ScriptedServer(recv_buffer=4096) as server:
        server.route("POST", "/v2/upload", stall(), stall(), stall())
        audio = write_audio(tmp_path, 8 * MiB)
        started = time.monotonic()
        with (
            aai.Client(settings=make_settings(server.url, upload_timeout=0.2)) as client,
            pytest.raises(aai.APITimeoutError) as caught,
        ):
            aai.Transcriber(client=client).upload_file(audio)
        elapsed = time.monotonic() - started
        assert "sending the request timed out" in str(caught.value)
        assert "upload_timeout" in str(caught.value)
        assert 0.6 <= elapsed < 3.0
        assert server.count("POST", "/v2/upload") == 3
        del caught


# --- the asyncio shell -----------------------------------------------------------------------


def _run_async(client: aai.Client, coroutine: Any) -> Any:
    async def main() -> Any:
        try:
            return await coroutine
        finally:
            await client.aclose()

    return asyncio.run(main())


def test_async_get_503_then_ok(server: ScriptedServer) -> None:
    server.route("GET", T1, fail(503), fail(503), DONE)
    client = aai.Client(settings=make_settings(server.url))
    transcript = _run_async(client, aai.AsyncTranscriber(client=client).wait_for_completion("t1"))
    assert transcript.status == aai.TranscriptStatus.completed
    assert server.count() == 3


def test_async_upload_dropped_mid_body_arrives_whole(
    server: ScriptedServer, tmp_path: Path
) -> None:
    server.route("POST", "/v2/upload", drop_mid_body(), UPLOADED)
    server.route("POST", "/v2/transcript", QUEUED)
    audio = write_audio(tmp_path, 2 * MiB + 3)
    client = aai.Client(settings=make_settings(server.url))
    transcript = _run_async(client, aai.AsyncTranscriber(client=client).submit(audio))
    assert transcript.status == aai.TranscriptStatus.queued
    uploads = [r for r in server.requests if r.path == "/v2/upload"]
    assert [r.body_complete for r in uploads] == [False, True]
    assert uploads[-1].sha256 == hashlib.sha256(audio.read_bytes()).hexdigest()
    assert server.count("POST", "/v2/transcript") == 1
    assert server.requests[-1].json()["audio_url"] == payloads.uploaded()["upload_url"]


def test_async_create_dropped_after_body_not_retried(server: ScriptedServer) -> None:
    server.route("POST", "/v2/transcript", drop_after_body(), QUEUED)
    client = aai.Client(settings=make_settings(server.url))
    with pytest.raises(aai.APIConnectionError) as caught:
        _run_async(client, aai.AsyncTranscriber(client=client).submit(payloads.AUDIO_URL))
    assert isinstance(caught.value, aai.TranscriptError)
    assert server.count() == 1
    del caught


def test_async_lemur_never_answers(server: ScriptedServer) -> None:
    server.route("POST", "/lemur/v3/generate/task", hang(), LEMUR_OK)
    client = aai.Client(settings=make_settings(server.url))
    started = time.monotonic()
    with pytest.raises(aai.APITimeoutError) as caught:
        _run_async(
            client, aai.AsyncLemur(client=client).task("Summarise.", input_text="x", timeout=0.3)
        )
    assert time.monotonic() - started < 1.0
    assert isinstance(caught.value, aai.LemurError)
    assert server.count() == 1
    del caught


def test_async_polling_deadline(server: ScriptedServer) -> None:
    server.route("GET", T1, then=respond(200, json=payloads.transcript(status="queued")))
    client = aai.Client(settings=make_settings(server.url, polling_interval=1.0))
    started = time.monotonic()
    with pytest.raises(aai.APITimeoutError) as caught:
        _run_async(
            client, aai.AsyncTranscriber(client=client).wait_for_completion("t1", timeout=0.3)
        )
    assert 0.3 <= time.monotonic() - started < 1.0
    assert isinstance(caught.value, aai.TranscriptError)
    assert server.count() == 3  # the first look, then a poll at 0 s and one at the deadline
    del caught
