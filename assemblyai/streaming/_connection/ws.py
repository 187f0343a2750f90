"""websockets glue shared by the threaded and asyncio shells: no decisions, only translation.

Turns websockets' exceptions into the library-neutral :class:`CloseInfo` and
:class:`ConnectFailure` that the pure cores understand, and picks the TLS context.
"""

from __future__ import annotations

import logging
import re
import ssl
import urllib.parse
from typing import Any

from websockets.exceptions import (
    ConnectionClosed,
    InvalidStatus,
    InvalidURI,
    WebSocketException,
)

from assemblyai._core import settings as _settings
from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailure,
    FailureKind,
    UnsupportedProxy,
)

__all__ = ["close_info", "connect_failure", "handshake_logger", "ssl_context_for"]

_TOKEN_IN_QUERY = re.compile(r"([?&]token=)[^&\s]*")


def close_info(exc: ConnectionClosed) -> CloseInfo:
    """The close code and reason the *server* sent (``None`` code: no close frame)."""
    if exc.rcvd is None:
        return CloseInfo(None, "")
    return CloseInfo(int(exc.rcvd.code), exc.rcvd.reason)


def connect_failure(exc: BaseException) -> ConnectFailure | None:
    """Describe an exception raised while connecting, or ``None`` if it is not one of ours.

    ``None`` means "a bug or an interrupt": the shell lets it propagate untouched.
    """
    if isinstance(exc, InvalidStatus):
        return ConnectFailure(
            FailureKind.REJECTED,
            f"HTTP {exc.response.status_code}",
            status=exc.response.status_code,
        )
    if isinstance(exc, ConnectionClosed):
        info = close_info(exc)
        detail = f"close code {info.effective_code}" + (f" ({info.reason})" if info.reason else "")
        return ConnectFailure(FailureKind.CLOSED, detail, close=info)
    if isinstance(exc, TimeoutError):
        return ConnectFailure(FailureKind.TIMEOUT, str(exc) or "no answer")
    if isinstance(exc, InvalidURI):
        # str(InvalidURI) repeats the URI, query and token included; keep only the reason.
        return ConnectFailure(FailureKind.INVALID, f"invalid URL ({exc.msg})")
    if isinstance(exc, UnsupportedProxy):
        return ConnectFailure(FailureKind.INVALID, str(exc))
    if isinstance(exc, WebSocketException):  # a malformed handshake answer, a bad proxy...
        return ConnectFailure(FailureKind.INVALID, f"{type(exc).__name__}: {exc}")
    if isinstance(exc, OSError):
        return ConnectFailure(FailureKind.NETWORK, f"{type(exc).__name__}: {exc}")
    return None


def ssl_context_for(url: str) -> ssl.SSLContext | None:
    """The platform trust store for ``wss://`` (``SSL_CERT_FILE``/``SSL_CERT_DIR`` apply).

    ``aai.settings.verify_tls = False`` turns verification off, for debugging only.
    """
    if urllib.parse.urlsplit(url).scheme != "wss":
        return None
    context = ssl.create_default_context()
    if not _settings.settings.verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


class _RedactingLogger(logging.LoggerAdapter[logging.Logger]):
    """websockets' logger, minus secrets: at DEBUG it prints every handshake header (the
    API key) and the request path (a token). Those values are replaced by ``***``."""

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if args and isinstance(msg, str) and msg.startswith("> "):
            args = tuple(_redact(msg, args))
        super().log(level, msg, *args, **kwargs)


def _redact(msg: str, args: tuple[Any, ...]) -> list[Any]:
    redacted = list(args)
    if msg == "> %s: %s" and str(args[0]).lower() == "authorization":
        redacted[1] = "***"
    elif msg.startswith("> GET"):
        redacted[0] = _TOKEN_IN_QUERY.sub(r"\1***", str(args[0]))
    return redacted


def handshake_logger() -> logging.LoggerAdapter[logging.Logger]:
    """The ``websockets.client`` logger, wrapped so the API key and token never reach logs."""
    return _RedactingLogger(logging.getLogger("websockets.client"), {})
