"""The sandbox's synchronous transcription API: ``POST /v1/transcribe`` and ``GET /v1/warm``.

Served by the REST port (``FakeAssemblyAI`` points ``settings.sync_base_url`` at it), after the
REST app's routing and key check. A transcription request is checked against
``spec/sync.openapi.yml``: the ``X-AAI-Model`` header, a ``multipart/form-data`` body with an
``audio`` part and an optional JSON ``config`` part valid against ``TranscribeOptions`` (with
the ``x-max-total-length`` caps); a request that breaks it is a violation, answered with a 400
problem. The audio is then judged as the API does, answered with RFC 9457 problem details:
413 ``Audio Too Large`` (over 40 MB), 400 ``Audio Too Long`` (over 120 s), 400 ``Audio Too
Short``, 422 ``Bad Audio`` (a "WAV" that is not one, raw PCM without its format, or a
registered script's ``error``). Otherwise the transcript is deterministic: a registered script
(matched by the audio's bytes, its file name, or, for raw PCM, a registered WAV's samples) or
the placeholder speech, spread over the audio's length.

Tests make the next answers fail with :meth:`SyncApi.fail_next`, and read what was sent in
:attr:`SyncApi.requests`.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

from assemblyai.testing._audio import AudioInfo, probe
from assemblyai.testing._content import Script, base_words
from assemblyai.testing._http import HttpRequest, HttpResponse
from assemblyai.testing._openapi import ParsedRequest, Router
from assemblyai.testing._state import Store, Upload

__all__ = ["SyncApi", "SyncPart", "SyncRequest"]

MAX_BYTES = 40 * 1024 * 1024
MAX_SECONDS = 120.0
MIN_SECONDS = 0.05
PROBLEM = "application/problem+json"
ErrorStyle = Literal["problem", "error_code", "detail", "error"]


@attrs.frozen
class SyncPart:
    """One part of a multipart request as received."""

    name: str | None
    filename: str | None
    content_type: str
    data: bytes = attrs.field(repr=False)


@attrs.frozen
class SyncRequest:
    """A ``POST /v1/transcribe`` as the sandbox read it (``fake.sync_api.requests``).

    Attributes:
        model: the ``X-AAI-Model`` header.
        content_type: the request's ``Content-Type`` header.
        parts: every part, in order.
        config: the decoded ``config`` part, ``None`` when there was none.
    """

    model: str | None
    content_type: str
    parts: tuple[SyncPart, ...]
    config: Any

    @property
    def audio(self) -> SyncPart | None:
        return next((part for part in self.parts if part.name == "audio"), None)


@attrs.frozen
class _Failure:
    status: int
    title: str
    detail: str | None
    retry_after: int | None
    style: ErrorStyle


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    retry_after: int | None = None,
    style: ErrorStyle = "problem",
) -> HttpResponse:
    """An error answer: RFC 9457 problem details, or one of the older envelopes."""
    code = title.lower().replace(" ", "_")
    text = detail or title
    if style == "problem":
        body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
        if detail:
            body["detail"] = detail
        response = HttpResponse(status, json.dumps(body).encode(), PROBLEM)
    elif style == "error_code":
        response = HttpResponse.json({"error_code": code, "message": text}, status)
    elif style == "detail":
        response = HttpResponse.json({"detail": text}, status)
    else:
        response = HttpResponse.json({"error": text}, status)
    if retry_after is not None:
        response.headers.append(("Retry-After", str(retry_after)))
    return response


def parse_multipart(content_type: str, body: bytes) -> list[SyncPart] | None:
    """The parts of a ``multipart/form-data`` body, ``None`` when it is not one."""
    if (
        not content_type.lower().startswith("multipart/form-data")
        or "boundary=" not in content_type
    ):
        return None
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return None
    parts = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        parts.append(
            SyncPart(
                name=part.get_param("name", header="content-disposition"),  # type: ignore[arg-type]
                filename=part.get_filename(),
                content_type=part.get_content_type(),
                data=payload if isinstance(payload, bytes) else b"",
            )
        )
    return parts


class SyncApi:
    """The two operations, their checks and their deterministic answers.

    Args:
        store: the sandbox state (scripts, ids).
        router: the spec routes (for the request schema).
        violation: records a request that broke the spec.
    """

    def __init__(
        self,
        store: Store,
        router: Router,
        violation: Callable[[HttpRequest, list[str]], None],
    ) -> None:
        self._store = store
        self._operation = router.operation("syncTranscribe")
        self._violation = violation
        self._lock = threading.Lock()
        self._failures: list[_Failure] = []
        self.requests: list[SyncRequest] = []

    def handlers(self) -> dict[str, Callable[[ParsedRequest, HttpRequest], HttpResponse]]:
        """operationId -> handler, for the REST app."""
        return {"syncTranscribe": self._transcribe, "syncWarm": self._warm}

    def fail_next(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        retry_after: int | None = None,
        style: ErrorStyle = "problem",
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` well-formed transcription requests with this error.

        ``style`` picks the body: ``"problem"`` (RFC 9457), or the older envelopes
        ``"error_code"`` (``{"error_code", "message"}``), ``"detail"`` or ``"error"``.
        """
        with self._lock:
            self._failures += [_Failure(status, title, detail, retry_after, style)] * times

    # -- handlers ------------------------------------------------------------------------

    def _warm(self, _parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        if not request.headers.get("x-aai-model"):
            self._violation(request, ["header X-AAI-Model is required"])
        return HttpResponse(200, b"", None)

    def _transcribe(self, _parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        content_type = request.headers.get("content-type", "")
        errors: list[str] = []
        model = request.headers.get("x-aai-model")
        if not model:
            errors.append("header X-AAI-Model is required")
        parts = parse_multipart(content_type, request.body)
        if parts is None:
            errors.append(
                "the body must be multipart/form-data with a boundary, "
                f"got Content-Type {content_type or '(none)'}"
            )
            parts = []
        config, config_errors = self._config(parts)
        errors += config_errors
        audio = next((part for part in parts if part.name == "audio"), None)
        if parts and audio is None:
            errors.append("the multipart body has no `audio` part")
        with self._lock:
            self.requests.append(SyncRequest(model, content_type, tuple(parts), config))
        if errors:
            self._violation(request, errors)
            return problem(400, "Invalid Request", "; ".join(errors))
        assert audio is not None
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure is not None:
            return problem(
                failure.status,
                failure.title,
                failure.detail,
                retry_after=failure.retry_after,
                style=failure.style,
            )
        return self._answer(audio, config or {})

    def _config(self, parts: list[SyncPart]) -> tuple[Any, list[str]]:
        part = next((p for p in parts if p.name == "config"), None)
        if part is None:
            return None, []
        if part.content_type != "application/json":
            return None, [f"the `config` part must be application/json, got {part.content_type}"]
        try:
            config = json.loads(part.data)
        except ValueError as exc:
            return None, [f"the `config` part is not valid JSON: {exc}"]
        validator = self._operation.validator
        body = validator.resolve(self._operation.request_body or {})
        schema = validator.resolve(body["content"]["multipart/form-data"]["schema"])
        options = validator.resolve(schema["properties"]["config"])
        errors = [f"config {e}" for e in validator.validate(config, options)]
        if isinstance(config, Mapping):
            for name, spec in (options.get("properties") or {}).items():
                cap = validator.resolve(spec).get("x-max-total-length")
                value = config.get(name)
                if isinstance(cap, int) and isinstance(value, list):
                    total = sum(len(v) for v in value if isinstance(v, str))
                    if total > cap:
                        errors.append(f"config {name} holds {total} characters, more than {cap}")
        return config, errors

    def _answer(self, audio: SyncPart, config: Mapping[str, Any]) -> HttpResponse:
        data = audio.data
        if len(data) > MAX_BYTES:
            return problem(413, "Audio Too Large", f"The audio is larger than {MAX_BYTES} bytes.")
        script: Script | None = None
        recognised: tuple[str, float] | None = None
        upload = Upload("sync", data, hashlib.sha256(data).hexdigest(), AudioInfo(0.0))
        if audio.content_type == "audio/pcm":
            rate, channels = config.get("sample_rate"), config.get("channels")
            if not isinstance(rate, int) or not isinstance(channels, int):
                return problem(
                    422, "Bad Audio", "Raw PCM audio needs sample_rate and channels in config."
                )
            duration = len(data) / (rate * channels * 2)
            recognised = self._store.recognise_stream(data)
        else:
            info = probe(data)
            if info.source != "wav":
                return problem(422, "Bad Audio", "The audio is not a WAV file.")
            duration = info.duration
        script = self._store.find_script(audio.filename or "", upload)
        if recognised is not None and script is None:
            script = Script(text=recognised[0])
        if duration > MAX_SECONDS:
            return problem(400, "Audio Too Long", f"The audio is longer than {MAX_SECONDS:.0f} s.")
        if duration < MIN_SECONDS:
            return problem(400, "Audio Too Short", "The audio is too short to transcribe.")
        if script is not None and script.error:
            return problem(422, "Bad Audio", script.error)
        words, duration = base_words(script, AudioInfo(duration, 1, "wav"))
        timestamps = bool(config.get("timestamps"))
        out = [
            {
                "text": w["text"],
                "start": w["start"] if timestamps else None,
                "end": w["end"] if timestamps else None,
                "confidence": w["confidence"],
            }
            for w in words
        ]
        confidence = sum(w["confidence"] for w in out) / len(out) if out else 0.0
        return HttpResponse.json(
            {
                "text": " ".join(w["text"] for w in out),
                "words": out,
                "confidence": round(confidence, 4),
                "audio_duration_ms": round(duration * 1000),
                "session_id": self._store.new_id(),
                "request_time_ms": 12.5,
            }
        )
