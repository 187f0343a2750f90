"""``FakeAssemblyAI``: the public face of the sandbox."""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from assemblyai._core.settings import settings
from assemblyai._generated.specs import openapi_document
from assemblyai.testing._canned import JsonValue
from assemblyai.testing._content import Script
from assemblyai.testing._faults import FaultAction, Faults, RoutePattern
from assemblyai.testing._http import HttpRequest, HttpResponse, RecordedRequest, Violation
from assemblyai.testing._openapi import Router
from assemblyai.testing._real import RESPONSE_STYLES, ResponseStyle
from assemblyai.testing._rest import RestApp
from assemblyai.testing._revision import DEFAULT_API_REVISION, check_revision, documents_for
from assemblyai.testing._server import HttpService, Service
from assemblyai.testing._state import Store, TokenRecord
from assemblyai.testing._stream_faults import StreamFaults
from assemblyai.testing._stream_session import StreamingSession
from assemblyai.testing._streaming import StreamingService
from assemblyai.testing._sync_api import SyncApi

__all__ = ["FakeAssemblyAI", "SpecViolationError", "default_documents"]


def default_documents() -> list[Mapping[str, Any]]:
    """Our OpenAPI document (``GET /v3/token`` included), as shipped in the package."""
    return [openapi_document()]


class SpecViolationError(AssertionError):
    """Requests broke the spec while the sandbox was ``strict`` (see ``fake.violations``)."""


class _Dispatcher:
    """Glue between the HTTP server and the sandbox parts (faults, REST app, request log)."""

    def __init__(self, app: RestApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults
        self.lock = threading.Lock()
        self.requests: list[RecordedRequest] = []

    def operation_id(self, method: str, path: str) -> str | None:
        return self.app.operation_id(method, path)

    def take_fault(self, method: str, path: str, operation_id: str | None) -> FaultAction | None:
        return self.faults.take(method, path, operation_id)

    def handle(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.app.handle(request)
        except Exception as exc:
            # A crash here is a sandbox bug. Answer like a failing server would, and keep the
            # traceback where tests look (response_errors) instead of only on stderr.
            detail = "".join(traceback.format_exception(exc))
            with self.lock:
                self.app.response_errors.append(
                    f"{request.method} {request.target} crashed:\n{detail}"
                )
            return HttpResponse.error(500, f"The sandbox crashed: {exc!r}")

    def error(self, operation_id: str | None, status: int, message: str) -> HttpResponse:
        return self.app.error_response(operation_id, status, message)

    def record(self, entry: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(entry)


class FakeAssemblyAI:
    """A stateful, offline stand-in for the AssemblyAI REST API, on ``127.0.0.1``.

    Every request is checked against our OpenAPI documents (a violation is answered with 400
    and kept in :attr:`violations`); transcripts go ``queued`` → ``processing`` →
    ``completed`` on a timer measured from their creation; the content is deterministic
    (see :meth:`register_script`); faults can be injected per route through :attr:`faults`.

    It also serves the streaming APIs on a second port (:attr:`streaming_url`): v3
    (``/v3/ws``) and legacy v2 real-time (``/v2/realtime/ws``, also reachable through the REST
    port, where the API has it). Sessions hear :attr:`streaming_text`, paced to the audio
    received; they are recorded in :attr:`streaming_sessions`, checked against the AsyncAPI
    documents (violations join :attr:`violations`), and faults can be injected through
    :attr:`stream_faults`.

    Used as a context manager (or with :meth:`start`/:meth:`close`), it points
    ``assemblyai.settings`` (``base_url``, ``api_key``, ``polling_interval``,
    ``streaming_host``, ``llm_gateway_base_url``, ``sync_base_url``) at itself and restores the
    previous values when it stops. The REST port also serves LLM Gateway (``/v1/chat/completions``,
    ``/v1/understanding``) and the synchronous API (``/v1/transcribe``, ``/v1/warm``; see
    :attr:`sync_api`).

    Args:
        api_key: the key the sandbox accepts (others get 401).
        host: interface to listen on.
        port: port to listen on; ``0`` picks a free one.
        processing_time: seconds from creation until a transcript completes.
        queue_time: seconds a new transcript stays ``queued`` (capped at ``processing_time``).
        polling_interval: value given to ``settings.polling_interval`` while running.
        strict: when leaving the ``with`` block (or the pytest fixture), raise
            :class:`SpecViolationError` if any request broke the spec.
        configure_settings: point ``assemblyai.settings`` at the sandbox while it runs.
        validate_responses: check every answer against the spec (failures land in
            :attr:`response_errors`; they would be sandbox bugs).
        seed: seeds the ids, so runs repeat; ``None`` for random ids.
        clock: monotonic seconds; inject one to control the lifecycle without sleeping.
        documents: OpenAPI documents to serve; default :func:`default_documents`.
        streaming_port: port of the streaming server; ``0`` picks a free one.
        responses: the shape of the answers. ``"spec"`` (the default) answers exactly as our
            spec describes the API. ``"real"`` answers as the real API does, which often
            differs: fields the spec calls required left out when they hold nothing
            (``language_confidence``, ``speech_model``, ``webhook_auth``, LeMUR ``usage``...),
            nulls where the spec forbids them, fields the spec does not declare
            (``word_boost``, ``cluster_id``...), a float ``audio_duration``, and in streaming
            ``SpeechStarted`` messages, ``Begin.expires_at`` as a number and turns without
            ``turn_order``. Which variant each transcript or session gets is drawn from
            ``seed``, so runs repeat. Requests are checked against the spec either way, and
            answers are checked before they are reshaped. Use it to test that code copes with
            what the API really sends.
        api_revision: whose request rules to enforce: ``"2026"`` (the default; e.g. a
            transcription request must name its ``speech_models``) or ``"2025"`` (the rules
            0.45.4 was written against). See ``assemblyai/testing/_revision.py``.

    Example::

        with FakeAssemblyAI(processing_time=0.1) as fake:
            fake.register_script("https://example.com/a.mp3", text="Hello world.")
            transcript = aai.Transcriber().transcribe("https://example.com/a.mp3")
            assert transcript.text == "Hello world."
            assert fake.count("POST /v2/transcript") == 1

        with FakeAssemblyAI() as fake:       # streaming: the client's default host is the fake
            client = StreamingClient()
            client.connect(StreamingParameters(sample_rate=16_000))
            client.stream(pcm16_audio)
            client.disconnect(terminate=True)
            assert fake.streaming_sessions[-1].close_code == 1000
    """

    def __init__(
        self,
        *,
        api_key: str = "fake-api-key",
        host: str = "127.0.0.1",
        port: int = 0,
        processing_time: float = 0.2,
        queue_time: float = 0.05,
        polling_interval: float = 0.05,
        strict: bool = True,
        configure_settings: bool = True,
        validate_responses: bool = True,
        seed: int | None = 0,
        clock: Callable[[], float] = time.monotonic,
        documents: Sequence[Mapping[str, Any]] | None = None,
        streaming_port: int = 0,
        responses: ResponseStyle = "spec",
        api_revision: str = DEFAULT_API_REVISION,
    ) -> None:
        if responses not in RESPONSE_STYLES:
            raise ValueError(
                f"responses must be one of {', '.join(map(repr, RESPONSE_STYLES))}, "
                f"not {responses!r}"
            )
        self.api_revision = check_revision(api_revision)
        """The API revision whose request rules are enforced (``"2025"`` or ``"2026"``)."""
        self.responses: ResponseStyle = responses
        """``"spec"`` or ``"real"``: the shape of the answers (see the class docstring)."""
        self.api_key = api_key
        self.strict = strict
        self.polling_interval = polling_interval
        self.configure_settings = configure_settings
        self.faults: Faults = Faults()
        self._store = Store(
            clock=clock, seed=seed, processing_time=processing_time, queue_time=queue_time
        )
        self._app = RestApp(
            store=self._store,
            router=Router(
                documents_for(
                    documents if documents is not None else default_documents(), api_revision
                )
            ),
            api_key=api_key,
            base_url=lambda: self.base_url,
            validate_responses=validate_responses,
            responses=responses,
            seed=seed,
        )
        self.sync_api = SyncApi(self._store, self._app.router, self._app.record_violation)
        """The synchronous API (``/v1/transcribe``, ``/v1/warm``), served by the REST port:
        its ``requests`` and ``fail_next(...)`` (see :mod:`assemblyai.testing._sync_api`)."""
        self._app.add_handlers(self.sync_api.handlers())
        self._dispatcher = _Dispatcher(self._app, self.faults)
        # Binding happens here, so the port is known before start().
        self._http = HttpService(host, port, self._dispatcher)
        self._services: list[Service] = [self._http]
        self._started: list[Service] = []
        self._saved_settings: dict[str, Any] | None = None
        self._closed = False
        self.settings_overrides: dict[str, Any] = {}
        """Extra ``assemblyai.settings`` values to set while running (e.g. ``streaming_host``
        for a websocket service); applied by :meth:`start`, restored by :meth:`close`."""
        self._streaming = StreamingService(
            host,
            streaming_port,
            api_key=lambda: self.api_key,
            token_is_valid=self.token_is_valid,
            new_id=self._store.new_id,
            violations=self._app.violations,
            sandbox_errors=self._app.response_errors,
            http=self._dispatcher,
            validate_responses=validate_responses,
            real_shapes=responses == "real",
            seed=seed,
            recognise=self._store.recognise_stream,
        )
        self.add_service(self._streaming)
        self.settings_overrides["streaming_host"] = self._streaming.url
        # LLM Gateway's paths (/v1/...) are served by the REST port.
        self.settings_overrides["llm_gateway_base_url"] = self.base_url
        self.settings_overrides["sync_base_url"] = self.base_url
        self._http.tunnel_websockets(self._streaming.address)

    # -- lifecycle -------------------------------------------------------------------------

    def add_service(self, service: Service) -> None:
        """Run ``service`` (e.g. a websocket server) alongside; started and closed with the fake."""
        self._services.append(service)
        if self._started:
            service.start()
            self._started.append(service)

    def start(self) -> Self:
        """Start serving (idempotent) and, with ``configure_settings``, point the SDK here.

        Raises:
            RuntimeError: the fake was closed; a closed fake cannot be restarted.
        """
        if self._closed:
            raise RuntimeError("this FakeAssemblyAI was closed; create a new one")
        if self._started:
            return self
        for service in self._services:
            service.start()
            self._started.append(service)
        if self.configure_settings:
            overrides = {
                "base_url": self.base_url,
                "api_key": self.api_key,
                "polling_interval": self.polling_interval,
                **self.settings_overrides,
            }
            self._saved_settings = {name: getattr(settings, name) for name in overrides}
            for name, value in overrides.items():
                setattr(settings, name, value)
        return self

    def close(self) -> None:
        """Stop every server and thread, and restore ``assemblyai.settings`` (idempotent)."""
        while self._started:
            self._started.pop().close()
        if not self._closed:
            self._closed = True
            # Releases the listening sockets even when the fake was never started.
            self._http.close()
            self._streaming.close()
        if self._saved_settings is not None:
            for name, value in self._saved_settings.items():
                setattr(settings, name, value)
            self._saved_settings = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if exc_type is None and self.strict:
            self.assert_no_violations()

    # -- addresses -------------------------------------------------------------------------

    @property
    def host(self) -> str:
        return self._http.host

    @property
    def port(self) -> int:
        return self._http.port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: what ``settings.base_url`` is set to."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """An absolute URL on the sandbox for ``path`` (``"/v2/transcript"``)."""
        return self.base_url + "/" + path.lstrip("/")

    # -- streaming -------------------------------------------------------------------------

    @property
    def streaming_url(self) -> str:
        """``ws://127.0.0.1:<port>``: what ``settings.streaming_host`` is set to. It serves
        ``/v3/ws``, ``/v2/realtime/ws`` and, for the v3 client, ``GET /v3/token``."""
        return self._streaming.url

    @property
    def streaming_sessions(self) -> list[StreamingSession]:
        """Every streaming handshake received (refused ones too), oldest first (a snapshot)."""
        return self._streaming.sessions

    @property
    def streaming_text(self) -> str:
        """What streaming sessions hear, cycled (read when a session opens); default
        :data:`~assemblyai.testing.PLACEHOLDER_TEXT`. Settable."""
        return self._streaming.text

    @streaming_text.setter
    def streaming_text(self, text: str) -> None:
        self._streaming.text = text

    @property
    def stream_faults(self) -> StreamFaults:
        """Faults for streaming connections (see :class:`~assemblyai.testing.StreamFaults`)."""
        return self._streaming.faults

    # -- what happened ---------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, oldest first (a snapshot)."""
        with self._dispatcher.lock:
            return list(self._dispatcher.requests)

    def requests_to(self, route: str) -> list[RecordedRequest]:
        """The requests matching ``route`` (``"POST /v2/transcript"``, ``"/v2/transcript/*"``,
        an operationId...; see :class:`~assemblyai.testing.RoutePattern`)."""
        pattern = RoutePattern.parse(route)
        return [r for r in self.requests if pattern.matches(r.method, r.path, r.operation_id)]

    def count(self, route: str) -> int:
        """How many requests matched ``route``."""
        return len(self.requests_to(route))

    @property
    def violations(self) -> list[Violation]:
        """Requests and streaming traffic that broke the spec (the live list: ``clear()`` it
        after expected ones). Streaming entries have the method ``"WS"``."""
        return self._app.violations

    @property
    def response_errors(self) -> list[str]:
        """Answers that broke the spec's response schemas (sandbox bugs; expected empty)."""
        return self._app.response_errors

    def assert_no_violations(self) -> None:
        """Raise :class:`SpecViolationError` listing every spec violation seen so far."""
        if self.violations:
            lines = "\n".join(f"  - {v}" for v in self.violations)
            raise SpecViolationError(f"{len(self.violations)} request(s) broke the spec:\n{lines}")

    # -- content and state -----------------------------------------------------------------

    def register_script(
        self,
        audio: str | bytes | os.PathLike[str],
        *,
        text: str | None = None,
        words: Iterable[Mapping[str, Any]] | None = None,
        speakers: int | Sequence[str] | None = None,
        duration: float | None = None,
        language_code: str | None = None,
        error: str | None = None,
        processing_time: float | None = None,
    ) -> None:
        """Decide what the sandbox "hears" in some audio.

        Args:
            audio: an ``audio_url``; the bytes of an upload; a local file (its bytes, and
                its name, are matched); or a file name matched against the last segment of
                audio URLs. The latest matching registration wins. A WAV file (path or
                bytes) is also recognised when it is streamed: a session whose first audio
                message begins its samples hears ``text``, spread over the file's length.
            text: the words spoken, spread evenly over the audio.
            words: explicit words (``text`` plus optional ``start``, ``end``, ``confidence``,
                ``speaker``, ``channel``) instead of ``text``.
            speakers: with ``speaker_labels``, a number of speakers or one label per
                sentence (cycled); default: sentences alternate between ``A`` and ``B``.
            duration: audio length in seconds (else read from a WAV upload, estimated from
                other uploads, or 30 s for URLs).
            language_code: the language that ``language_detection`` reports.
            error: make the transcript fail with this message.
            processing_time: seconds until this audio's transcripts finish.
        """
        if text is not None and words is not None:
            raise ValueError("give text or words, not both")
        script = Script(
            text=text,
            words=tuple(dict(w) for w in words) if words is not None else None,
            speakers=tuple(speakers)
            if speakers is not None and not isinstance(speakers, int)
            else speakers,
            duration=duration,
            language_code=language_code,
            error=error,
            processing_time=processing_time,
        )
        self._store.register_script(audio, script)

    def serve_body(
        self, route: str, body: JsonValue, *, status: int = 200, times: int | None = None
    ) -> None:
        """Answer requests matching ``route`` with ``body`` (as JSON) instead of the sandbox's
        own answer, e.g. to replay a body captured from the real API.

        The request is still checked against the spec first (a bad one is answered 400 and
        recorded in :attr:`violations`); the body is sent as given, without checking it
        against the spec. The newest matching rule wins.

        Args:
            route: which requests (``"GET /v2/transcript/{transcript_id}"``, an operationId...;
                see :class:`~assemblyai.testing.RoutePattern`).
            body: the JSON value to answer with.
            status: the HTTP status to answer with.
            times: how many requests the rule answers; ``None`` for every one until
                :meth:`clear_served_bodies`.

        Example::

            fake.serve_body("GET /v2/transcript/{transcript_id}", captured_body, times=1)
            transcript = aai.Transcript.get_by_id("any-id")
        """
        self._app.canned.add(route, body, status=status, times=times)

    def clear_served_bodies(self) -> None:
        """Forget every :meth:`serve_body` rule."""
        self._app.canned.clear()

    def add_upload(self, data: bytes) -> str:
        """Store ``data`` as if uploaded, and return its ``upload_url``."""
        upload = self._store.add_upload(data)
        return self.url(f"/_uploads/{upload.id}")

    @property
    def uploads(self) -> dict[str, bytes]:
        """Uploaded bytes by upload id."""
        with self._store.lock:
            return {upload_id: u.data for upload_id, u in self._store.uploads.items()}

    def transcript(self, transcript_id: str) -> dict[str, Any]:
        """The transcript's JSON as ``GET /v2/transcript/{id}`` would return it now."""
        record = self._store.transcript(transcript_id)
        if record is None:
            raise KeyError(transcript_id)
        return self._app.shapes.transcript(record, self._store.clock())

    @property
    def transcript_ids(self) -> list[str]:
        """Ids of every transcript, newest first."""
        return [r.id for r in self._store.newest_first()]

    def complete(self, transcript_id: str) -> None:
        """Finish a transcript now, successfully."""
        self._store.force(transcript_id, "completed")

    def fail(self, transcript_id: str, error: str = "Transcription failed.") -> None:
        """Finish a transcript now with ``status: "error"`` and ``error``."""
        self._store.force(transcript_id, "error", error)

    @property
    def processing_time(self) -> float:
        """Seconds from creation to completion for transcripts created from now on."""
        return self._store.processing_time

    @processing_time.setter
    def processing_time(self, seconds: float) -> None:
        self._store.processing_time = seconds

    @property
    def tokens(self) -> dict[str, TokenRecord]:
        """Temporary streaming tokens issued so far, by token."""
        with self._store.lock:
            return dict(self._store.tokens)

    def token_is_valid(self, token: str, kind: str) -> bool:
        """Whether ``token`` was issued for ``kind`` (``"v2"``/``"v3"``) and has not expired."""
        record = self.tokens.get(token)
        return (
            record is not None and record.kind == kind and record.expires_at > self._store.clock()
        )
