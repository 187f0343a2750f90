"""Table tests of the retry decisions (``assemblyai._core.retry``) and the transport's classifiers."""

from __future__ import annotations

import email.utils
import ssl

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from assemblyai._core.retry import (
    INITIAL_BACKOFF,
    MAX_BACKOFF,
    MAX_RETRY_AFTER,
    Failure,
    backoff_delay,
    is_idempotent,
    parse_retry_after,
    retry_delay,
)
from assemblyai._http.transport import _failure_of, loggable_url

NO_JITTER = lambda: 0.0  # noqa: E731 - a table constant
FULL_JITTER = lambda: 1.0  # noqa: E731


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/v2/transcript/abc", True),
        ("GET", "/v2/transcript", True),
        ("DELETE", "/v2/transcript/abc", True),
        ("DELETE", "/lemur/v3/req-1", True),
        ("POST", "/v2/upload", True),  # a second upload only makes a second URL
        ("POST", "/v2/realtime/token", True),
        ("POST", "/v2/transcript", False),
        ("post", "/v2/transcript", False),
        ("POST", "/lemur/v3/generate/task", False),
        ("POST", "/lemur/v3/generate/question-answer", False),
    ],
)
def test_is_idempotent(method: str, path: str, expected: bool) -> None:
    assert is_idempotent(method, path) is expected


NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"Retry-After": "-4"}, 0.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After-Ms": "20"}, 0.02),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),  # the precise one wins
        ({"retry-after-ms": "soon", "Retry-After": "9"}, 9.0),  # unreadable: fall back
        ({"Retry-After": "later, please"}, None),
        ({"Retry-After": email.utils.formatdate(NOW + 30, usegmt=True)}, 30.0),
        ({"Retry-After": email.utils.formatdate(NOW - 30, usegmt=True)}, 0.0),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers, now=lambda: NOW) == expected


@pytest.mark.parametrize(
    ("retry_number", "rand", "initial", "expected"),
    [
        (1, NO_JITTER, INITIAL_BACKOFF, 0.5),
        (2, NO_JITTER, INITIAL_BACKOFF, 1.0),
        (3, NO_JITTER, INITIAL_BACKOFF, 2.0),
        (5, NO_JITTER, INITIAL_BACKOFF, 8.0),
        (6, NO_JITTER, INITIAL_BACKOFF, 8.0),  # capped
        (40, NO_JITTER, INITIAL_BACKOFF, 8.0),
        (1, FULL_JITTER, INITIAL_BACKOFF, 0.375),  # jitter removes up to 25 %
        (5, FULL_JITTER, INITIAL_BACKOFF, 6.0),
        (1, NO_JITTER, 0.01, 0.01),  # settings.retry_backoff
        (3, NO_JITTER, 0.01, 0.04),
    ],
)
def test_backoff_delay(retry_number: int, rand: object, initial: float, expected: float) -> None:
    assert backoff_delay(retry_number, rand, initial) == pytest.approx(expected)  # type: ignore[arg-type]


@given(st.integers(min_value=1, max_value=10_000), st.floats(min_value=0.0, max_value=1.0))
def test_backoff_stays_between_three_quarters_of_base_and_the_cap(n: int, jitter: float) -> None:
    delay = backoff_delay(n, lambda: jitter)
    base = MAX_BACKOFF if n > 10 else min(MAX_BACKOFF, INITIAL_BACKOFF * 2 ** (n - 1))
    assert 0.75 * base - 1e-9 <= delay <= base <= MAX_BACKOFF


GET = ("GET", "/v2/transcript/abc")
CREATE = ("POST", "/v2/transcript")
UPLOAD = ("POST", "/v2/upload")
LEMUR = ("POST", "/lemur/v3/generate/summary")
FIRST = 0.5  # the first backoff without jitter
R = "retry"  # "retried after the backoff" in the table below

# (request, status or failure, headers, body replayable, expected delay: R, a number or None)
DECISIONS = [
    # idempotent calls: 408, 409, 429 and every 5xx are retried
    (GET, 408, {}, True, R),
    (GET, 409, {}, True, R),
    (GET, 429, {}, True, R),
    (GET, 500, {}, True, R),
    (GET, 502, {}, True, R),
    (GET, 503, {}, True, R),
    (GET, 504, {}, True, R),
    (GET, 522, {}, True, R),
    # ... and nothing else
    (GET, 200, {}, True, None),
    (GET, 301, {}, True, None),
    (GET, 400, {}, True, None),
    (GET, 401, {}, True, None),
    (GET, 403, {}, True, None),
    (GET, 404, {}, True, None),
    (GET, 422, {}, True, None),
    # failures without a response
    (GET, Failure.NOT_CONNECTED, {}, True, R),
    (GET, Failure.LOST_AFTER_SEND, {}, True, R),
    (GET, Failure.TLS_REJECTED, {}, True, None),
    # creating a transcript: only when the API certainly did not act
    (CREATE, Failure.NOT_CONNECTED, {}, True, R),
    (CREATE, Failure.LOST_AFTER_SEND, {}, True, None),
    (CREATE, 408, {}, True, R),
    (CREATE, 429, {}, True, R),
    (CREATE, 503, {}, True, R),
    (CREATE, 409, {}, True, None),
    (CREATE, 500, {}, True, None),
    (CREATE, 502, {}, True, None),
    (CREATE, 504, {}, True, None),
    (LEMUR, 429, {}, True, R),
    (LEMUR, 500, {}, True, None),
    (LEMUR, Failure.LOST_AFTER_SEND, {}, True, None),
    (LEMUR, Failure.NOT_CONNECTED, {}, True, R),
    # uploads: only when the body can be sent again from its first byte
    (UPLOAD, Failure.LOST_AFTER_SEND, {}, True, R),
    (UPLOAD, Failure.LOST_AFTER_SEND, {}, False, None),
    (UPLOAD, Failure.NOT_CONNECTED, {}, False, R),  # nothing of it was read yet
    (UPLOAD, 503, {}, True, R),
    (UPLOAD, 503, {}, False, None),
    # Retry-After is honoured up to 120 s; beyond, give up at once
    (GET, 429, {"Retry-After": "5"}, True, 5.0),
    (GET, 503, {"Retry-After": "120"}, True, 120.0),
    (GET, 429, {"Retry-After": "121"}, True, None),
    (GET, 429, {"retry-after-ms": "50"}, True, 0.05),
    (CREATE, 429, {"Retry-After": "2"}, True, 2.0),
    (CREATE, 500, {"Retry-After": "2"}, True, None),  # the header does not make it safe
]


@pytest.mark.parametrize(("request_", "outcome", "headers", "replayable", "expected"), DECISIONS)
def test_retry_delay(
    request_: tuple[str, str],
    outcome: int | Failure,
    headers: dict[str, str],
    replayable: bool,
    expected: object,
) -> None:
    method, path = request_
    kwargs: dict[str, object] = (
        {"failure": outcome} if isinstance(outcome, Failure) else {"status": outcome}
    )
    delay = retry_delay(
        method=method,
        path=path,
        retries_done=0,
        max_retries=2,
        headers=headers,
        body_replayable=replayable,
        rand=NO_JITTER,
        **kwargs,  # type: ignore[arg-type]
    )
    assert delay == (FIRST if expected == R else expected)


@pytest.mark.parametrize("outcome", [503, 429, Failure.NOT_CONNECTED, Failure.LOST_AFTER_SEND])
def test_no_retry_once_the_budget_is_spent(outcome: int | Failure) -> None:
    kwargs = {"failure": outcome} if isinstance(outcome, Failure) else {"status": outcome}
    for max_retries in (0, 1, 2):
        assert (
            retry_delay(
                method="GET",
                path="/v2/transcript/x",
                retries_done=max_retries,
                max_retries=max_retries,
                **kwargs,  # type: ignore[arg-type]
            )
            is None
        )


def test_later_retries_back_off_further_and_use_the_configured_base() -> None:
    delays = [
        retry_delay(
            method="GET",
            path="/v2/transcript/x",
            retries_done=done,
            max_retries=10,
            status=503,
            rand=NO_JITTER,
            initial_backoff=0.25,
        )
        for done in range(7)
    ]
    assert delays == [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


@given(
    status=st.integers(min_value=100, max_value=599),
    retries_done=st.integers(min_value=0, max_value=5),
    max_retries=st.integers(min_value=0, max_value=5),
    method=st.sampled_from(["GET", "POST", "DELETE"]),
    path=st.sampled_from([GET[1], CREATE[1], UPLOAD[1], LEMUR[1]]),
    retry_after=st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000).map(str)),
)
def test_a_delay_is_bounded_and_the_budget_respected(
    status: int,
    retries_done: int,
    max_retries: int,
    method: str,
    path: str,
    retry_after: str | None,
) -> None:
    delay = retry_delay(
        method=method,
        path=path,
        retries_done=retries_done,
        max_retries=max_retries,
        status=status,
        headers={} if retry_after is None else {"Retry-After": retry_after},
    )
    if delay is not None:
        assert retries_done < max_retries
        assert 0.0 <= delay <= MAX_RETRY_AFTER
        assert status in (408, 409, 429) or 500 <= status <= 599


# --- the transport's classification of httpx failures --------------------------------------


def _caused_by(exc: httpx.TransportError, cause: BaseException) -> httpx.TransportError:
    try:
        raise exc from cause
    except httpx.TransportError as chained:
        return chained


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectError("refused"), Failure.NOT_CONNECTED),
        (httpx.ConnectTimeout("slow DNS"), Failure.NOT_CONNECTED),
        (httpx.PoolTimeout("pool"), Failure.NOT_CONNECTED),
        (httpx.ReadTimeout("no answer"), Failure.LOST_AFTER_SEND),
        (httpx.WriteTimeout("stuck"), Failure.LOST_AFTER_SEND),
        (httpx.ReadError("reset"), Failure.LOST_AFTER_SEND),
        (httpx.WriteError("broken pipe"), Failure.LOST_AFTER_SEND),
        (httpx.RemoteProtocolError("server disconnected"), Failure.LOST_AFTER_SEND),
        (
            _caused_by(httpx.ConnectError("tls"), ssl.SSLCertVerificationError("bad cert")),
            Failure.TLS_REJECTED,
        ),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_failure_of(exc: httpx.TransportError, expected: Failure) -> None:
    assert _failure_of(exc) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://api.assemblyai.com/v2/transcript/x",
            "https://api.assemblyai.com/v2/transcript/x",
        ),
        (
            "https://api.assemblyai.com/v2/transcript?limit=2&token=tmp_123",
            "https://api.assemblyai.com/v2/transcript?limit=2",
        ),
        ("https://user:secret@proxy.example/v2/upload", "https://proxy.example/v2/upload"),
    ],
)
def test_loggable_url_drops_credentials(url: str, expected: str) -> None:
    assert loggable_url(httpx.URL(url)) == expected
