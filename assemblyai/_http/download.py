"""Downloads from URLs the API hands out (redacted audio): which are fetched, and how.

The URL comes from an API answer, so it is checked before anything is fetched: only an
absolute http(s) URL is, and never with the API key (the URL is presigned; the key would
only leak to whatever host the answer named). Shared by the sync and async shells.
"""

from __future__ import annotations

import httpx

from assemblyai._core.exceptions import RedactedAudioUnavailableError

__all__ = ["keyless_request"]


def keyless_request(client: httpx.Client | httpx.AsyncClient, url: str) -> httpx.Request:
    """A GET for ``url`` through ``client`` (its timeouts and retries), without the API key.

    Raises:
        RedactedAudioUnavailableError: ``url`` is not an absolute http(s) URL with a host, so
            an answer naming ``file:///etc/...`` or a bare path reads nothing.
    """
    location = httpx.URL(url)
    if location.scheme not in ("http", "https") or not location.host:
        raise RedactedAudioUnavailableError(
            "the API gave a redacted-audio URL that is not an absolute http(s) URL "
            f"({location.scheme or 'no scheme'}, host {location.host or 'none'}); "
            "it was not fetched"
        )
    request = client.build_request("GET", location)
    request.headers.pop("authorization", None)
    return request
