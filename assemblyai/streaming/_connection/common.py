"""Pure helpers shared by the v3 and legacy v2 streaming cores (no I/O, no websockets import).

Both protocols need the same small decisions: where to connect (scheme, host, path, query),
how to put JSON values into a query string, how to describe a failed connection without
leaking credentials, and which API key to use.
"""

from __future__ import annotations

import enum
import json
import os
import platform
import urllib.parse
from collections.abc import Iterable

import attrs

from assemblyai.__version__ import __version__
from assemblyai._core import settings as _settings
from assemblyai._core.secret import MaskedUrl, Secret, secret

__all__ = [
    "CloseInfo",
    "ConnectFailed",
    "ConnectFailure",
    "FailureKind",
    "UnsupportedProxy",
    "describe_failure",
    "encode_query",
    "http_url",
    "redact_url",
    "resolve_api_key",
    "resolve_token",
    "user_agent",
    "websocket_url",
]

# websocket scheme for each accepted scheme of a user-given host or base URL.
_WS_SCHEMES = {"wss": "wss", "ws": "ws", "https": "wss", "http": "ws"}


def user_agent() -> str:
    """The User-Agent the official SDK sends on websocket handshakes (no httpx prefix)."""
    return (
        f"AssemblyAI/1.0 (sdk=Python/{__version__} runtime_env=Python/{platform.python_version()})"
    )


def resolve_api_key(explicit: str | None) -> Secret | None:
    """The API key to use: the explicit one, else ``aai.settings.api_key``, else the env var.

    The environment is read again here (not only at import) so a key exported after
    ``import assemblyai`` still counts.
    """
    if explicit:
        chosen, where = explicit, "the streaming api_key"
    elif _settings.settings.api_key:
        chosen, where = _settings.settings.api_key, "settings.api_key"
    else:
        chosen, where = os.environ.get("ASSEMBLYAI_API_KEY") or "", "ASSEMBLYAI_API_KEY"
    if not chosen:
        return None
    # As REST does, before anything is sent: a key with a line break would otherwise reach
    # the handshake (and be echoed in its error) instead of being refused here, unrepeated.
    _settings.check_api_key(chosen, where)
    return secret(chosen)


def resolve_token(token: str | None) -> Secret | None:
    """A temporary token, checked as a key is and held as a :class:`Secret`."""
    if not token:
        return None
    _settings.check_api_key(token, "the streaming token")
    return secret(token)


def encode_query_value(value: object) -> str:
    """One query value with JSON semantics: ``true``/``false``, lists as JSON arrays.

    The official SDK 0.45.4 used ``str()``, sending ``True`` and ``['a', 'b']`` (Python
    syntax), which the API does not parse as JSON.
    """
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def encode_query(pairs: Iterable[tuple[str, object]]) -> str:
    """``a=1&b=true&c=%5B%22x%20y%22%5D``: values JSON-encoded, then percent-encoded.

    ``None`` values are left out. Spaces become ``%20`` (not ``+``), which every server
    decodes the same way.
    """
    encoded = [(key, encode_query_value(value)) for key, value in pairs if value is not None]
    return urllib.parse.urlencode(encoded, quote_via=urllib.parse.quote)


def websocket_url(host_or_url: str, path: str, query: str = "") -> str:
    """Build ``wss://host/path?query``.

    Args:
        host_or_url: a bare host (``streaming.assemblyai.com``, always ``wss``), or a URL
            with an explicit scheme: ``wss``/``https`` map to ``wss``, ``ws``/``http`` to
            plain ``ws``. Plain-text websockets are only used when asked for this way (local
            test servers, the offline sandbox). A path prefix in the URL is kept.
        path: the endpoint path, e.g. ``/v3/ws``.
        query: an encoded query string, or ``""``.
    """
    if "://" in host_or_url:
        parts = urllib.parse.urlsplit(host_or_url)
        scheme = _WS_SCHEMES.get(parts.scheme.lower())
        if scheme is None:
            raise ValueError(
                f"unsupported scheme {parts.scheme!r} in {host_or_url!r}; "
                "use wss://, ws://, https:// or http://"
            )
        netloc, prefix = parts.netloc, parts.path.rstrip("/")
    else:
        scheme, netloc, prefix = "wss", host_or_url.strip().rstrip("/"), ""
    if not netloc:
        raise ValueError(f"no host in {host_or_url!r}")
    # The query may carry a temporary token: the URL's repr never shows it.
    return MaskedUrl(urllib.parse.urlunsplit((scheme, netloc, prefix + path, query, "")))


def http_url(host_or_url: str, path: str) -> str:
    """The HTTP(S) URL on the same host as :func:`websocket_url` (``wss``→``https``)."""
    ws = urllib.parse.urlsplit(websocket_url(host_or_url, path))
    scheme = "https" if ws.scheme == "wss" else "http"
    return urllib.parse.urlunsplit((scheme, ws.netloc, ws.path, "", ""))


def redact_url(url: str) -> str:
    """The URL without its query, which may hold a token, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


@attrs.frozen
class CloseInfo:
    """How a websocket connection ended.

    Attributes:
        code: the close code the server sent, or ``None`` when no close frame arrived
            (the connection dropped; reported as 1006).
        reason: the close reason the server sent, or ``""``.
    """

    code: int | None
    reason: str = ""

    @property
    def effective_code(self) -> int:
        """The code, with a missing close frame reported as 1006 (abnormal closure)."""
        return 1006 if self.code is None else self.code


class ConnectFailed(Exception):
    """Raised by the shells' ``open()``; each client maps ``failure`` to its own SDK error."""

    def __init__(self, failure: ConnectFailure) -> None:
        super().__init__(failure.detail)
        self.failure = failure


class UnsupportedProxy(Exception):
    """The environment names a proxy that the streaming transport cannot go through."""


class FailureKind(enum.Enum):
    """Why a connection attempt failed."""

    REJECTED = "rejected"  # the server answered the handshake with an HTTP error status
    CLOSED = "closed"  # the websocket opened and was closed before the session began
    TIMEOUT = "timeout"  # no handshake or first message within the open timeout
    NETWORK = "network"  # refused, reset, DNS, TLS
    INVALID = "invalid"  # a malformed URL or handshake


@attrs.frozen
class ConnectFailure:
    """A failed connection attempt, described without any I/O library's types.

    The shells translate websockets' and the OS's exceptions into this, and each protocol
    core turns it into its own SDK error.
    """

    kind: FailureKind
    detail: str
    status: int | None = None
    close: CloseInfo | None = None


def describe_failure(failure: ConnectFailure, url: str) -> str:
    """A sentence about a failed connection; ``url`` is shown without its query."""
    where = redact_url(url)
    if failure.kind is FailureKind.REJECTED:
        return f"the server at {where} rejected the connection with HTTP {failure.status}"
    if failure.kind is FailureKind.TIMEOUT:
        return f"timed out connecting to {where} ({failure.detail})"
    if failure.kind is FailureKind.CLOSED:
        return f"the server at {where} closed the connection: {failure.detail}"
    return f"could not connect to {where}: {failure.detail}"
