"""The sandbox's REST behaviour: spec routing and checks, then one handler per operation.

:meth:`RestApp.handle` turns an :class:`HttpRequest` into an :class:`HttpResponse` without any
socket, so it can be tested directly and served by any server. The order of checks follows the
API: unknown route (404) or method (405), then the key (401), then the request against the spec
(400 naming each problem), then a canned body (``fake.serve_body``, sent unchecked), else the
handler (404 for an unknown id, 400 for a request the current state cannot serve). Every
handler's response is checked against the spec's response schema; mismatches (sandbox bugs)
are collected in ``response_errors``. In the real-shaped mode the checked answer is then
reshaped by :mod:`._real`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from assemblyai._core import render as _render
from assemblyai.testing import _lemur
from assemblyai.testing._audio import make_wav
from assemblyai.testing._canned import CannedBodies
from assemblyai.testing._http import HttpRequest, HttpResponse, Violation
from assemblyai.testing._openapi import (
    Match,
    MethodNotAllowed,
    ParsedRequest,
    Router,
    check_request,
)
from assemblyai.testing._real import RealShapes, ResponseStyle
from assemblyai.testing._resources import TranscriptShapes
from assemblyai.testing._state import LemurRecord, Store, TokenRecord, TranscriptRecord

__all__ = ["NOT_FOUND_TRANSCRIPT", "UNAUTHORIZED", "RestApp"]

UNAUTHORIZED = "Authentication error, API token missing/invalid"
NOT_FOUND_TRANSCRIPT = "Transcript lookup error, transcript id not found"
NOT_FOUND_LEMUR = "LeMUR request not found"

Handler = Callable[[ParsedRequest, HttpRequest], HttpResponse]


class RestApp:
    """Answers REST requests from the :class:`Store`.

    Args:
        store: the sandbox state.
        router: routes and checks built from the spec documents.
        api_key: the only key accepted.
        base_url: returns the sandbox's own URL (for upload URLs and page links).
        validate_responses: check each response against the spec.
        responses: ``"spec"`` sends answers as the spec has them; ``"real"`` reshapes each
            one, once checked, as the real API writes it (see :mod:`._real`).
        seed: seeds the real-shaped eras (``None``: random).
    """

    def __init__(
        self,
        *,
        store: Store,
        router: Router,
        api_key: str,
        base_url: Callable[[], str],
        validate_responses: bool = True,
        responses: ResponseStyle = "spec",
        seed: int | None = 0,
    ) -> None:
        self.store = store
        self.router = router
        self.api_key = api_key
        self._base_url = base_url
        self.validate_responses = validate_responses
        self._lock = threading.Lock()
        self.violations: list[Violation] = []
        self.response_errors: list[str] = []
        self.canned = CannedBodies()
        self.shapes = TranscriptShapes(router.operation("getTranscript").validator)
        self.real_shapes = (
            RealShapes(store, seed, self.shapes.properties) if responses == "real" else None
        )
        self._handlers: dict[str, Handler] = {
            "uploadFile": self._upload,
            "createTranscript": self._create_transcript,
            "listTranscripts": self._list_transcripts,
            "getTranscript": self._get_transcript,
            "deleteTranscript": self._delete_transcript,
            "getSubtitles": self._subtitles,
            "getTranscriptSentences": self._sentences,
            "getTranscriptParagraphs": self._paragraphs,
            "wordSearch": self._word_search,
            "getRedactedAudio": self._redacted_audio,
            "createTemporaryToken": self._realtime_token,
            "generateStreamingToken": self._streaming_token,
            "lemurTask": self._lemur_generate,
            "lemurSummary": self._lemur_generate,
            "lemurQuestionAnswer": self._lemur_generate,
            "lemurActionItems": self._lemur_generate,
            "getLemurResponse": self._lemur_get,
            "purgeLemurRequestData": self._lemur_purge,
        }
        # Products with their own error body (LLM Gateway), by operationId.
        self._error_shapes: dict[str, Callable[[int, str], HttpResponse]] = {}
        from assemblyai.testing import _gateway

        _gateway.install(self)

    def add_operations(
        self,
        handlers: dict[str, Handler],
        *,
        error: Callable[[int, str], HttpResponse] | None = None,
    ) -> None:
        """Serve more operations (by operationId); ERROR shapes their error bodies."""
        self._handlers.update(handlers)
        if error is not None:
            self._error_shapes.update(dict.fromkeys(handlers, error))

    def _error(self, match: Match, status: int, message: str) -> HttpResponse:
        return self.error_response(match.operation.operation_id, status, message)

    def error_response(self, operation_id: str | None, status: int, message: str) -> HttpResponse:
        """An error answer as the product serving OPERATION_ID writes it (faults use it too)."""
        shape = self._error_shapes.get(operation_id or "", HttpResponse.error)
        return shape(status, message)

    @property
    def base_url(self) -> str:
        return self._base_url()

    def add_handlers(self, handlers: dict[str, Handler]) -> None:
        """Serve more operations (a product with its own module, e.g. ``._sync_api``)."""
        self._handlers.update(handlers)

    def record_violation(self, request: HttpRequest, errors: list[str]) -> None:
        """Keep ``request`` among the violations (for handlers that check more themselves)."""
        self._violation(request, errors)

    # -- entry point -----------------------------------------------------------------------

    def operation_id(self, method: str, path: str) -> str | None:
        """The spec operation a request would reach, for fault matching and the request log."""
        try:
            match = self.router.match(method, path)
        except MethodNotAllowed:
            return None
        return match.operation.operation_id if match else None

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one request (see the module docstring for the order of checks)."""
        if request.method == "GET" and request.path.startswith(("/_uploads/", "/_redacted/")):
            return self._download(request)
        try:
            match = self.router.match(request.method, request.path)
        except MethodNotAllowed as exc:
            message = f"Method {request.method} is not allowed on {request.path}; use {', '.join(exc.allowed)}"
            self._violation(request, [message])
            response = HttpResponse.error(405, message)
            response.headers.append(("Allow", ", ".join(exc.allowed)))
            return response
        if match is None:
            self._violation(
                request, [f"no operation in the spec matches {request.method} {request.path}"]
            )
            return HttpResponse.error(404, "Not found")
        if match.operation.secured and request.headers.get("authorization") != self.api_key:
            return self._checked(match, self._error(match, 401, UNAUTHORIZED))
        errors, parsed = check_request(match, request.query, request.headers, request.body)
        if errors:
            self._violation(request, errors)
            return self._checked(
                match, self._error(match, 400, "Invalid request: " + "; ".join(errors))
            )
        canned = self.canned.take(request.method, request.path, match.operation.operation_id)
        if canned is not None:
            return canned  # unchecked on purpose: canned bodies replay off-spec answers
        handler = self._handlers.get(match.operation.operation_id)
        if handler is None:
            return HttpResponse.error(
                501, f"The sandbox does not implement {match.operation.route}"
            )
        response = self._checked(match, handler(parsed, request))
        if self.real_shapes is not None and response.content_type == "application/json":
            body = self.real_shapes.reshape(match.operation.operation_id, response.json_body())
            response.body = HttpResponse.json(body).body
        return response

    def _violation(self, request: HttpRequest, errors: list[str]) -> None:
        with self._lock:
            self.violations.append(Violation(request.method, request.target, tuple(errors)))

    def _checked(self, match: Match, response: HttpResponse) -> HttpResponse:
        if not self.validate_responses or response.content_type is None:
            return response
        operation = match.operation
        documented, schema = operation.response_schema(response.status, response.content_type)
        problems: list[str] = []
        if not documented and response.status not in (202, 501):
            problems = [f"status {response.status} is not documented"]
        elif schema is not None:
            body: Any = response.body.decode()
            media = response.content_type.split(";")[0].strip()
            if media == "application/json" or media.endswith("+json"):
                body = response.json_body()
            problems = operation.validator.validate(body, schema)
        if problems:
            with self._lock:
                self.response_errors += [
                    f"{operation.route} -> {response.status}: {p}" for p in problems
                ]
        return response

    # -- helpers ---------------------------------------------------------------------------

    def _record(self, parsed: ParsedRequest) -> TranscriptRecord | HttpResponse:
        record = self.store.transcript(parsed.path["transcript_id"])
        return record if record is not None else HttpResponse.error(404, NOT_FOUND_TRANSCRIPT)

    def _finished(self, parsed: ParsedRequest) -> TranscriptRecord | HttpResponse:
        """The transcript, if it exists and is completed (the exports need its words)."""
        record = self._record(parsed)
        if isinstance(record, HttpResponse):
            return record
        status = record.status(self.store.clock())
        if status != "completed":
            return HttpResponse.error(
                400, f"Transcript {record.id} is not completed (its status is {status})."
            )
        return record

    def _words(self, record: TranscriptRecord) -> list[dict[str, Any]]:
        return self.shapes.words(record, self.store.clock())

    # -- uploads ---------------------------------------------------------------------------

    def _upload(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        if not request.body:
            return HttpResponse.error(400, "Upload failed: the request body is empty.")
        upload = self.store.add_upload(request.body)
        return HttpResponse.json({"upload_url": f"{self.base_url}/_uploads/{upload.id}"})

    def _download(self, request: HttpRequest) -> HttpResponse:
        kind, _, name = request.path[1:].partition("/")
        if kind == "_uploads":
            upload = self.store.uploads.get(name)
            if upload is not None:
                return HttpResponse(200, upload.data, "application/octet-stream")
        else:
            record = self.store.transcript(name.rsplit(".", 1)[0])
            if record is not None and record.params.get("redact_pii_audio"):
                return HttpResponse(
                    200, make_wav(min(record.audio.duration, 600.0), beep_hz=440), "audio/wav"
                )
        return HttpResponse(404, b"Not found", "text/plain")

    # -- transcripts -----------------------------------------------------------------------

    def _create_transcript(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        params: dict[str, Any] = parsed.body
        audio_url = str(params["audio_url"])
        if urlsplit(audio_url).scheme not in ("http", "https"):
            return HttpResponse.error(
                400, f"Invalid audio_url {audio_url!r}: it must be an http(s) URL."
            )
        if params.get("auto_chapters") and params.get("summarization"):
            return HttpResponse.error(
                400, "auto_chapters and summarization cannot both be enabled; choose one."
            )
        own = urlsplit(audio_url).netloc == urlsplit(self.base_url).netloc
        upload = None
        error = None
        if own and urlsplit(audio_url).path.startswith("/_uploads/"):
            upload = self.store.uploads.get(urlsplit(audio_url).path[len("/_uploads/") :])
            if upload is None:
                error = (
                    f"Download error, unable to download {audio_url}: the upload does not exist."
                )
        elif "error" in audio_url.lower():
            error = (
                f"Download error, unable to download {audio_url}. Please make sure the file "
                "exists and is accessible from the internet."
            )
        script = self.store.find_script(audio_url, upload)
        record = self.store.create_transcript(
            params, audio=upload.audio if upload else None, script=script, error=error
        )
        return HttpResponse.json(self.shapes.transcript(record, self.store.clock()))

    def _get_transcript(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._record(parsed)
        if isinstance(record, HttpResponse):
            return record
        return HttpResponse.json(self.shapes.transcript(record, self.store.clock()))

    def _delete_transcript(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._record(parsed)
        if isinstance(record, HttpResponse):
            return record
        status = record.status(self.store.clock())
        if status not in ("completed", "error"):
            return HttpResponse.error(
                400, f"Transcript {record.id} is still {status} and cannot be deleted yet."
            )
        record.deleted = True
        return HttpResponse.json(self.shapes.transcript(record, self.store.clock()))

    def _list_item(self, record: TranscriptRecord, now: float) -> dict[str, Any]:
        status = record.status(now)
        finished = record.finished_wall(now)
        return {
            "id": record.id,
            "resource_url": f"{self.base_url}/v2/transcript/{record.id}",
            "status": status,
            "created": record.created_wall.isoformat(timespec="microseconds"),
            "completed": finished.isoformat(timespec="microseconds") if finished else None,
            "audio_url": "http://deleted_by_user" if record.deleted else record.audio_url,
            "error": record.error if status == "error" else None,
        }

    def _list_transcripts(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        query = parsed.query
        limit = int(query.get("limit", 10))
        now = self.store.clock()
        records = self.store.newest_first()
        anchors = {}
        for name in ("before_id", "after_id"):
            if name in query:
                anchor = self.store.transcript(query[name])
                if anchor is None:
                    return HttpResponse.error(
                        400, f"{name} {query[name]!r}: {NOT_FOUND_TRANSCRIPT}"
                    )
                anchors[name] = anchor.seq
        if "status" in query:
            records = [r for r in records if r.status(now) == query["status"]]
        if "created_on" in query:
            records = [
                r for r in records if r.created_wall.date().isoformat() == query["created_on"]
            ]
        if query.get("throttled_only"):
            records = []  # the sandbox never throttles
        window = [
            r
            for r in records
            if r.seq < anchors.get("before_id", r.seq + 1)
            and r.seq > anchors.get("after_id", r.seq - 1)
        ]
        # after_id asks for the page just newer than the anchor: the oldest of the newer ones.
        page = (
            window[-limit:] if "after_id" in query and "before_id" not in query else window[:limit]
        )
        filters = {k: query[k] for k in ("status", "created_on") if k in query}
        if query.get("throttled_only"):
            filters["throttled_only"] = "true"

        def link(**anchor: str) -> str:
            return f"{self.base_url}/v2/transcript?" + urlencode(
                {"limit": limit, **filters, **anchor}
            )

        older = page and any(r.seq < page[-1].seq for r in records)
        newer = page and any(r.seq > page[0].seq for r in records)
        return HttpResponse.json(
            {
                "page_details": {
                    "limit": limit,
                    "result_count": len(page),
                    "current_url": self.base_url + request.target,
                    "prev_url": link(before_id=page[-1].id) if older else None,
                    "next_url": link(after_id=page[0].id) if newer else None,
                },
                "transcripts": [self._list_item(r, now) for r in page],
            }
        )

    # -- exports ---------------------------------------------------------------------------

    def _subtitles(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._finished(parsed)
        if isinstance(record, HttpResponse):
            return record
        chars = parsed.query.get("chars_per_caption")
        if chars is not None and chars < 1:
            return HttpResponse.error(400, "chars_per_caption must be at least 1.")
        render = (
            _render.render_srt if parsed.path["subtitle_format"] == "srt" else _render.render_vtt
        )
        return HttpResponse.text(render(self._words(record), chars))

    def _sentences(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        return self._split(parsed, "sentences", _render.split_sentences)

    def _paragraphs(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        return self._split(parsed, "paragraphs", _render.split_paragraphs)

    def _split(
        self,
        parsed: ParsedRequest,
        key: str,
        split: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    ) -> HttpResponse:
        record = self._finished(parsed)
        if isinstance(record, HttpResponse):
            return record
        body = self.shapes.transcript(record, self.store.clock())
        return HttpResponse.json(
            {
                "id": record.id,
                "confidence": body.get("confidence") or 0.0,
                "audio_duration": body.get("audio_duration") or 0,
                key: split(list(body.get("words") or [])),
                "speech_model_used": body.get("speech_model_used"),
            }
        )

    def _word_search(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._finished(parsed)
        if isinstance(record, HttpResponse):
            return record
        matches = _render.search_words(self._words(record), parsed.query.get("words", []))
        return HttpResponse.json(
            {"id": record.id, "total_count": sum(m["count"] for m in matches), "matches": matches}
        )

    def _redacted_audio(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._record(parsed)
        if isinstance(record, HttpResponse):
            return record
        if not (record.params.get("redact_pii") and record.params.get("redact_pii_audio")):
            return HttpResponse.error(
                400,
                f"Transcript {record.id} has no redacted audio: it was created without "
                "redact_pii and redact_pii_audio.",
            )
        status = record.status(self.store.clock())
        if status in ("queued", "processing"):
            # The API answers 202 until the redacted file exists.
            return HttpResponse.error(202, f"The redacted audio of {record.id} is not ready yet.")
        if status == "error" or record.deleted:
            return HttpResponse.error(
                400, f"The redacted audio of {record.id} is no longer available."
            )
        extension = record.params.get("redact_pii_audio_quality") or "mp3"
        return HttpResponse.json(
            {
                "status": "redacted_audio_ready",
                "redacted_audio_url": f"{self.base_url}/_redacted/{record.id}.{extension}",
            }
        )

    # -- tokens ----------------------------------------------------------------------------

    def _realtime_token(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        token = self.store.new_token()
        expires_in = float(parsed.body["expires_in"])
        with self.store.lock:
            self.store.tokens[token] = TokenRecord(token, "v2", self.store.clock() + expires_in)
        return HttpResponse.json({"token": token})

    def _streaming_token(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        token = self.store.new_token()
        expires_in = int(parsed.query["expires_in_seconds"])
        session = parsed.query.get("max_session_duration_seconds")
        with self.store.lock:
            self.store.tokens[token] = TokenRecord(
                token, "v3", self.store.clock() + expires_in, float(session) if session else None
            )
        return HttpResponse.json({"token": token, "expires_in_seconds": expires_in})

    # -- LeMUR -----------------------------------------------------------------------------

    def _lemur_sources(self, body: dict[str, Any]) -> list[str] | HttpResponse:
        texts: list[str] = []
        now = self.store.clock()
        for transcript_id in body.get("transcript_ids") or []:
            record = self.store.transcript(transcript_id)
            if record is None:
                return HttpResponse.error(
                    400, f"Transcript {transcript_id!r}: {NOT_FOUND_TRANSCRIPT}"
                )
            if record.status(now) != "completed":
                return HttpResponse.error(400, f"Transcript {transcript_id} is not completed.")
            texts.append(str(self.shapes.transcript(record, now).get("text") or ""))
        if body.get("input_text"):
            texts.append(str(body["input_text"]))
        if not texts:
            return HttpResponse.error(400, "Provide transcript_ids or input_text.")
        return texts

    def _lemur_generate(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        body: dict[str, Any] = parsed.body
        texts = self._lemur_sources(body)
        if isinstance(texts, HttpResponse):
            return texts
        endpoint = request.path.rsplit("/", 1)[-1]
        response: str | list[dict[str, str]]
        if endpoint == "task":
            response = _lemur.task(texts, str(body.get("prompt", "")))
            output = response
        elif endpoint == "summary":
            response = output = _lemur.summary(texts, body.get("answer_format"))
        elif endpoint == "action-items":
            response = output = _lemur.action_items(texts, body.get("answer_format"))
        else:
            response = _lemur.answer_questions(texts, body.get("questions", []))
            output = " ".join(a["answer"] for a in response)
        inputs = [*texts, str(body.get("prompt", "")), str(body.get("context", "") or "")]
        request_id = self.store.new_id()
        payload = {
            "request_id": request_id,
            "usage": _lemur.usage(inputs, output),
            "response": response,
        }
        # Fetching the result again (GET /lemur/v3/{id}) echoes the request, as the API does.
        stored = {**payload, "request": _lemur.request_details(request.path, body)}
        with self.store.lock:
            self.store.lemur[request_id] = LemurRecord(request_id, stored)
        return HttpResponse.json(payload)

    def _lemur_record(self, parsed: ParsedRequest) -> LemurRecord | HttpResponse:
        record = self.store.lemur.get(parsed.path["request_id"])
        if record is None or record.purged:
            return HttpResponse.error(404, NOT_FOUND_LEMUR)
        return record

    def _lemur_get(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._lemur_record(parsed)
        return record if isinstance(record, HttpResponse) else HttpResponse.json(record.response)

    def _lemur_purge(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        record = self._lemur_record(parsed)
        if isinstance(record, HttpResponse):
            return record
        record.purged = True
        return HttpResponse.json(
            {"request_id": self.store.new_id(), "request_id_to_purge": record.id, "deleted": True}
        )
