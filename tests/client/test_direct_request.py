"""Requests ``assemblyai._http.send`` builds without ``httpx.Client.build_request`` are the ones it would build."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from assemblyai._http import operations as ops
from assemblyai._http.send import build_request
from assemblyai._http.transport import BUFFER, MAX_RETRIES

BASES = [
    "https://api.assemblyai.com",
    "https://api.assemblyai.com/",
    "https://127.0.0.1:8443",
    "https://eu.example.org/prefix/",
    "https://eu.example.org/pre%20fix",
    "http://localhost:8080/api/v1",
]

OPERATIONS = [
    ops.get_transcript("abc"),
    ops.get_transcript("a/b c?d#e"),
    ops.poll_transcript("5551722-f677-48a6"),
    ops.delete_transcript("t1"),
    ops.create_transcript("https://example.org/a.mp3", {"speaker_labels": True}),
    ops.lemur_get("r1", dict),
]


def via_httpx(client: httpx.Client, operation: ops.Operation[Any]) -> httpx.Request:
    return client.build_request(**operation.request, extensions={BUFFER: True})


def shape(request: httpx.Request) -> tuple[Any, ...]:
    return (
        request.method,
        str(request.url),
        request.url.raw_path,
        request.headers.raw,
        request.content,
        request.extensions,
    )


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.context[:40])
def test_same_request_as_httpx(base: str, operation: ops.Operation[Any]) -> None:
    client = httpx.Client(base_url=base, headers={"authorization": "key", "user-agent": "ua"})
    assert shape(build_request(client, operation)) == shape(via_httpx(client, operation))
    # A second time, from the URL cache.
    assert shape(build_request(client, operation)) == shape(via_httpx(client, operation))


def test_timeout_and_retry_limit_extensions() -> None:
    client = httpx.Client(base_url=BASES[0], timeout=7.0)
    request = build_request(client, ops.get_transcript("t1"), timeout=3.0, max_retries=2)
    assert request.extensions == {
        BUFFER: True,
        MAX_RETRIES: 2,
        "timeout": httpx.Timeout(3.0).as_dict(),
    }
    assert build_request(client, ops.get_transcript("t1")).extensions["timeout"] == (
        httpx.Timeout(7.0).as_dict()
    )


def test_client_cookies_params_and_header_changes_still_apply() -> None:
    client = httpx.Client(base_url=BASES[0], headers={"authorization": "key"})
    operation = ops.get_transcript("t1")
    client.cookies.set("session", "s1", domain="api.assemblyai.com")
    assert build_request(client, operation).headers["cookie"] == "session=s1"
    client.cookies.clear()
    client.params = httpx.QueryParams({"x": "1"})
    assert build_request(client, operation).url.params["x"] == "1"
    client.params = httpx.QueryParams()
    client.headers["authorization"] = "other"
    assert build_request(client, operation).headers["authorization"] == "other"
    client.base_url = httpx.URL("https://elsewhere.test/v/")
    assert str(build_request(client, operation).url) == "https://elsewhere.test/v/v2/transcript/t1"


def test_user_info_in_the_base_url_is_merged_by_httpx() -> None:
    client = httpx.Client(base_url="https://user:pw@api.test/")
    operation = ops.get_transcript("t1")
    assert shape(build_request(client, operation)) == shape(via_httpx(client, operation))


def test_buffered_answer_is_decoded_and_kept_as_last_response() -> None:
    import gzip
    import json

    import assemblyai as aai
    from assemblyai._http.send import send

    payload = json.dumps({"id": "t1", "status": "processing"}).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=gzip.compress(payload), headers={"content-encoding": "gzip"}
        )

    client = aai.Client(
        settings=aai.Settings(api_key="secret-key", base_url="https://api.test"),
        transport=httpx.MockTransport(handler),
    )
    assert send(client.http_client, ops.poll_transcript("t1")) == ("processing", None)
    last = client.last_response
    assert last is not None and last.is_closed and last.content == payload
    assert last.request.url == "https://api.test/v2/transcript/t1"
