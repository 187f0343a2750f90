"""The URL cache in ``assemblyai._http.send`` merges a base URL and a path exactly as httpx does.

``assemblyai._http.send._merged_url`` builds request URLs with public httpx API (``URL.copy_with``) following
httpx's documented base-URL rule, and caches them; these tests hold it to what
``httpx.Client.build_request`` itself produces, for many bases and paths.
"""

from __future__ import annotations

import httpx
import pytest

from assemblyai._http import operations as ops
from assemblyai._http import send as _send

BASES = [
    "https://api.assemblyai.com",
    "https://api.assemblyai.com/",
    "http://127.0.0.1:8123",
    "https://h.example/api",
    "https://h.example/api/",
    "https://h.example:8443/a/b",
    "HTTPS://H.Example/Mixed/",
    "http://[::1]:9000/p",
    "https://user:pw@h.example/x",  # left to httpx
    "https://h.example/?q=1",  # left to httpx
]
PATHS = [
    "/v2/transcript",
    "/v2/transcript/abc-123",
    "/v2/transcript/a%20b",
    "/v2/transcript/a%2Fb/sentences",
    "/lemur/v3/generate/task",
    "/",
    "/a b",
    "/a//b",
    "/a/./b/../c",
    "/x;y=1,z@w:v",
    "/~user/%7E",
    "/a?b=1",  # left to httpx
    "/a#frag",  # left to httpx
    "/ünïcode",  # left to httpx
]
PLAIN_BASES = BASES[:8]
PLAIN_PATHS = PATHS[:11]


@pytest.mark.parametrize("base", BASES)
def test_merged_urls_equal_what_httpx_builds(base: str) -> None:
    client = httpx.Client(base_url=base)
    for path in PATHS:
        expected = client.build_request("GET", path).url
        merged = _send._merged_url(client.base_url, path)
        again = _send._merged_url(client.base_url, path)  # from the cache
        if merged is None:
            assert base not in PLAIN_BASES or path not in PLAIN_PATHS, (base, path)
            continue
        assert again is merged
        assert merged == expected, (base, path)
        assert str(merged) == str(expected), (base, path)
        assert merged.raw_path == expected.raw_path, (base, path)


def test_plain_bases_and_paths_take_the_cached_route() -> None:
    for base in PLAIN_BASES:
        client = httpx.Client(base_url=base)
        for path in PLAIN_PATHS:
            assert _send._merged_url(client.base_url, path) is not None, (base, path)


@pytest.mark.parametrize("base", BASES)
def test_a_built_request_equals_httpx_own(base: str) -> None:
    client = httpx.Client(base_url=base, headers={"authorization": "key"})
    operation = ops.get_transcript("a b/c")
    ours = _send.build_request(client, operation)
    theirs = client.build_request(**operation.request)
    assert ours.url == theirs.url
    assert ours.method == theirs.method
    assert dict(ours.headers) == dict(theirs.headers)
