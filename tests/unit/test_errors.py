"""Table tests of the error mapping (``assemblyai._core.errors``) and the exception tree."""

from __future__ import annotations

import pickle
import re
import ssl
from typing import Any

import httpx
import pytest

import assemblyai as aai
from assemblyai._core import exceptions as _exceptions
from assemblyai._core.errors import (
    api_message,
    connection_error,
    decode_json_body,
    invalid_body_error,
    request_id_of,
    status_error,
)
from assemblyai._core.exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AssemblyAIError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    LemurError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TranscriptError,
    combine,
    status_error_class,
)

# --- the tree drawn in the module docstring is the real one ----------------------------------


def _drawn_tree() -> list[tuple[str, str | None]]:
    """(class, parent) pairs read from the indentation of the docstring's drawing."""
    pairs: list[tuple[str, str | None]] = []
    stack: list[tuple[int, str]] = []
    for line in (_exceptions.__doc__ or "").splitlines():
        match = re.match(r"^(\s*)[*x+-] (\w+)", line)
        if not match:
            continue
        indent, name = len(match.group(1)), match.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        pairs.append((name, stack[-1][1] if stack else None))
        stack.append((indent, name))
    return pairs


def test_the_docstring_draws_every_exception_class_in_its_place() -> None:
    drawn = _drawn_tree()
    names = {name for name, _ in drawn}
    classes = {
        name
        for name in _exceptions.__all__
        if isinstance(getattr(_exceptions, name), type)
        and issubclass(getattr(_exceptions, name), BaseException)
    }
    assert classes == names
    for name, parent in drawn:
        if parent is not None:
            cls, base = getattr(_exceptions, name), getattr(_exceptions, parent)
            assert base in cls.__bases__, f"{name} is drawn under {parent}"


def test_the_0454_names_still_catch_what_they_caught() -> None:
    assert issubclass(TranscriptError, AssemblyAIError)
    assert issubclass(LemurError, AssemblyAIError)
    for name in ("RedactedAudioIncompleteError", "RedactedAudioExpiredError"):
        assert issubclass(getattr(aai.types, name), AssemblyAIError)
    assert issubclass(aai.types.RedactedAudioUnavailableError, AssemblyAIError)
    from assemblyai.streaming.v3 import StreamingError

    assert StreamingError is aai.StreamingError
    # The 0.45.4 constructor: (message, status_code=None), and str() is the message.
    legacy = TranscriptError("failed to do it", 500)
    assert (str(legacy), legacy.status_code) == ("failed to do it", 500)
    assert issubclass(aai.ConfigurationError, ValueError)


# --- status errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (599, InternalServerError),
        (409, APIStatusError),
        (422, APIStatusError),
        (302, APIStatusError),
    ],
)
def test_status_error_class(status: int, cls: type[APIStatusError]) -> None:
    assert status_error_class(status) is cls


def _status(
    status: int,
    content: bytes | str = b"",
    headers: dict[str, str] | None = None,
    family: type[AssemblyAIError] = TranscriptError,
    attempts: int = 1,
) -> APIStatusError:
    return status_error(
        status_code=status,
        headers=headers or {},
        content=content.encode() if isinstance(content, str) else content,
        context="failed to retrieve transcript t1",
        family=family,
        method="GET",
        url="https://api.assemblyai.com/v2/transcript/t1",
        attempts=attempts,
    )


STATUS_CASES: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    # (id, status_error arguments, expected str(), expected attributes)
    (
        "api-message",
        {"status": 400, "content": '{"error": "audio_url is invalid"}'},
        "failed to retrieve transcript t1: audio_url is invalid",
        {"api_message": "audio_url is invalid", "body": {"error": "audio_url is invalid"}},
    ),
    (
        "no-body",
        {"status": 500},
        "failed to retrieve transcript t1: the API answered HTTP 500",
        {"api_message": None, "body": ""},
    ),
    (
        "no-body-after-retries",
        {"status": 503, "attempts": 3},
        "failed to retrieve transcript t1: the API answered HTTP 503 after 3 attempts",
        {},
    ),
    (
        "message-after-retries",
        {"status": 500, "content": '{"error": "Internal error"}', "attempts": 3},
        "failed to retrieve transcript t1: Internal error (HTTP 500 after 3 attempts)",
        {},
    ),
    (
        "hint-401",
        {"status": 401, "content": '{"error": "Invalid API key"}'},
        "failed to retrieve transcript t1: Invalid API key "
        "(Check your API key (aai.settings.api_key or ASSEMBLYAI_API_KEY))",
        {"status_code": 401},
    ),
    (
        "hint-404-and-request-id",
        {"status": 404, "content": '{"error": "Not found"}', "headers": {"X-Request-Id": "r-1"}},
        "failed to retrieve transcript t1: Not found "
        "(Check the id: it may have been deleted; request id r-1)",
        {"request_id": "r-1"},
    ),
    (
        "request-id-from-body",
        {"status": 400, "content": '{"error": "bad", "request_id": "r-2"}'},
        "failed to retrieve transcript t1: bad (request id r-2)",
        {"request_id": "r-2"},
    ),
    (
        "text-body",
        {"status": 502, "content": "upstream   connect error\n"},
        "failed to retrieve transcript t1: upstream connect error",
        {"body": "upstream   connect error\n"},
    ),
    (
        "html-body-is-not-a-message",
        {"status": 502, "content": "<html><h1>502 Bad Gateway</h1></html>"},
        "failed to retrieve transcript t1: the API answered HTTP 502",
        {"api_message": None},
    ),
    (
        "retry-after-too-long",
        {"status": 429, "content": '{"error": "Slow down"}', "headers": {"Retry-After": "600"}},
        "failed to retrieve transcript t1: Slow down (the API asked to wait 600 s, longer than "
        "the 120 s the SDK waits for you; try again later)",
        {},
    ),
    (
        "message-key",
        {"status": 422, "content": '{"message": "speech_model is unknown"}'},
        "failed to retrieve transcript t1: speech_model is unknown",
        {},
    ),
]


@pytest.mark.parametrize(
    ("arguments", "expected", "attributes"),
    [case[1:] for case in STATUS_CASES],
    ids=[case[0] for case in STATUS_CASES],
)
def test_status_error(arguments: dict[str, Any], expected: str, attributes: dict[str, Any]) -> None:
    error = _status(**arguments)
    assert str(error) == expected
    assert "\n" not in str(error)
    assert isinstance(error, status_error_class(arguments["status"]))
    assert isinstance(error, TranscriptError)
    assert error.status_code == arguments["status"]
    assert (error.request_method, error.request_url) == (
        "GET",
        "https://api.assemblyai.com/v2/transcript/t1",
    )
    for name, value in attributes.items():
        assert getattr(error, name) == value


def test_errors_of_one_kind_and_family_share_a_class() -> None:
    first, second = _status(404), _status(404)
    assert type(first) is type(second)
    assert type(first).__name__ == "TranscriptNotFoundError"
    assert type(_status(404, family=LemurError)) is not type(first)
    assert combine(NotFoundError, AssemblyAIError) is NotFoundError


@pytest.mark.parametrize(
    "error",
    [
        _status(404, '{"error": "gone"}', {"x-request-id": "r-9"}),
        _status(500, family=LemurError),
        connection_error(
            httpx.ReadTimeout("slow"), context="failed", family=TranscriptError, attempts=3
        ),
        invalid_body_error(
            status_code=200, content=b"<html>", context="failed", family=TranscriptError, reason="x"
        ),
    ],
    ids=["status", "status-lemur", "timeout", "unreadable"],
)
def test_errors_survive_pickling(error: AssemblyAIError) -> None:
    # An error raised in a process pool reaches the parent with its type and data intact.
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


# --- connection errors -----------------------------------------------------------------------


def _tls_error() -> httpx.ConnectError:
    try:
        raise httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]") from (
            ssl.SSLCertVerificationError("certificate verify failed")
        )
    except httpx.ConnectError as exc:
        return exc


CONNECTION_CASES: list[tuple[httpx.TransportError, type[Exception], list[str]]] = [
    (httpx.ConnectError("[Errno 111] refused"), APIConnectionError, ["could not reach the API"]),
    (httpx.ConnectTimeout(""), APITimeoutError, ["connecting to the API timed out"]),
    (httpx.ReadTimeout(""), APITimeoutError, ["read timeout", "http_timeout"]),
    (httpx.WriteTimeout(""), APITimeoutError, ["sending the request", "upload_timeout"]),
    (httpx.PoolTimeout(""), APITimeoutError, ["no connection was free"]),
    (httpx.RemoteProtocolError("peer closed"), APIConnectionError, ["arrived in full"]),
    (httpx.ReadError("reset"), APIConnectionError, ["connection was lost"]),
    (_tls_error(), APIConnectionError, ["TLS", "SSL_CERT_FILE", "verify_tls"]),
]


@pytest.mark.parametrize(
    ("exc", "kind", "phrases"),
    CONNECTION_CASES,
    ids=[type(case[0]).__name__ for case in CONNECTION_CASES[:-1]] + ["tls"],
)
def test_connection_error(
    exc: httpx.TransportError, kind: type[Exception], phrases: list[str]
) -> None:
    error = connection_error(
        exc, context="failed to retrieve transcript t1", family=TranscriptError, method="GET"
    )
    assert isinstance(error, kind) and isinstance(error, TranscriptError)
    assert isinstance(error, APIConnectionError)  # timeouts included
    assert not isinstance(error, APIStatusError)
    message = str(error)
    assert message.startswith("failed to retrieve transcript t1: ")
    assert message.endswith(".") and "\n" not in message
    for phrase in phrases:
        assert phrase in message
    assert error.status_code is None and error.request_method == "GET"


def test_connection_error_counts_attempts() -> None:
    error = connection_error(
        httpx.ConnectError("refused"), context="failed", family=LemurError, attempts=3
    )
    assert "after 3 attempts" in str(error) and isinstance(error, LemurError)
    assert "attempts" not in str(
        connection_error(httpx.ConnectError("refused"), context="failed", family=LemurError)
    )


@pytest.mark.parametrize(
    ("exc", "warns"),
    [
        (httpx.RemoteProtocolError("server disconnected"), True),
        (httpx.ReadTimeout(""), True),
        (httpx.ConnectError("refused"), False),  # never reached the API
        (httpx.ConnectTimeout(""), False),
    ],
)
def test_a_call_that_must_not_repeat_says_it_may_have_been_done(
    exc: httpx.TransportError, warns: bool
) -> None:
    error = connection_error(
        exc, context="failed to transcribe url u", family=TranscriptError, idempotent=False
    )
    assert ("may have received the request" in str(error)) is warns
    assert ("Try again" in str(error)) is False


def test_invalid_body_error() -> None:
    error = invalid_body_error(
        status_code=200,
        content=b"<html>maintenance</html>",
        context="failed to retrieve transcript t1",
        family=TranscriptError,
        reason="JSONDecodeError: Expecting value",
    )
    assert isinstance(error, APIResponseValidationError) and isinstance(error, TranscriptError)
    assert "could not be read (JSONDecodeError: Expecting value)" in str(error)
    assert "maintenance" in str(error)


# --- the small readers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"error": "x"}', {"error": "x"}),
        (b"[1]", [1]),
        (b"plain text", "plain text"),
        (b"", ""),
        (b"\xff\xfe not utf-8", "\ufffd\ufffd not utf-8"),
    ],
)
def test_decode_json_body(content: bytes, expected: Any) -> None:
    assert decode_json_body(content) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": "boom"}, "boom"),
        ({"message": "boom"}, "boom"),
        ({"detail": "boom"}, "boom"),
        ({"error": ""}, None),
        ({"error": {"nested": True}}, None),
        ({}, None),
        ([1, 2], None),
        ("  some text  ", "some text"),
        ("x" * 1000, "x" * 300),
        ("<!DOCTYPE html><html></html>", None),
        (None, None),
        (42, None),
    ],
)
def test_api_message(body: Any, expected: str | None) -> None:
    assert api_message(body) == expected


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        ({"X-Request-Id": "a"}, None, "a"),
        ({"x-amzn-requestid": "b"}, None, "b"),
        ({}, {"request_id": "c"}, "c"),
        ({"x-request-id": "a"}, {"request_id": "c"}, "a"),
        ({}, {"request_id": 5}, None),
        ({}, "text", None),
    ],
)
def test_request_id_of(headers: dict[str, str], body: Any, expected: str | None) -> None:
    assert request_id_of(headers, body) == expected


def test_404_on_a_create_call_points_at_the_base_url_not_an_id() -> None:
    error = status_error(
        status_code=404,
        headers={},
        content=b'{"error": "Not found"}',
        context="failed to transcribe url https://example.com/a.mp3",
        family=TranscriptError,
        method="POST",
        url="https://api.assemblyai.com/v2/v2/transcript",
    )
    assert "aai.settings.base_url" in str(error)
    assert "https://api.assemblyai.com/v2/v2/transcript" in str(error)
    assert "Check the id" not in str(error)


def test_upload_timeout_waits_for_the_answer_about_http_timeout() -> None:
    from assemblyai._http.upload import upload_timeout

    small = upload_timeout(30.0, 600.0, 64 << 10)
    assert (small.write, small.connect, small.pool) == (600.0, 30.0, 30.0)
    assert small.read == 31.0  # http_timeout + 64 KiB at 64 KiB/s
    big = upload_timeout(30.0, 600.0, 1 << 30)
    assert big.read == 30.0 + 64.0  # only a send buffer's worth can still be queued
    assert upload_timeout(30.0, 40.0, 1 << 30).read == 40.0  # never past upload_timeout
    assert upload_timeout(50.0, 10.0, 1 << 30).read == 50.0  # nor below http_timeout
    unknown = upload_timeout(httpx.Timeout(5.0, read=7.0), 600.0, None)
    assert (unknown.connect, unknown.read) == (5.0, 7.0 + 64.0)
