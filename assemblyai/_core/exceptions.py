"""Every error the SDK raises, in one tree.

::

    * AssemblyAIError                       message, status_code
      x APIError                            request_method, request_url (no headers, never the key)
        + APIConnectionError                 the request got no response (refused, reset, DNS, TLS)
          - APITimeoutError                  connect/read/write/pool timeout, or a polling deadline
        + APIStatusError                     the API answered with an error status: body, request_id
          - BadRequestError                  400
          - AuthenticationError              401
          - PermissionDeniedError            403
          - NotFoundError                    404
          - RateLimitError                   429
          - InternalServerError              >= 500
        + APIResponseValidationError         a 2xx body that is not the JSON the spec promises
      x TranscriptError                      raised by transcript, upload and export calls
        - RedactedAudioIncompleteError       the redacted audio is not ready yet (202)
        - RedactedAudioExpiredError          the redacted audio is no longer available (400)
        - RedactedAudioUnavailableError      downloading the redacted audio failed
        - AudioFileChangedError (also OSError) the file changed size while it was uploaded
      x LemurError                           raised by LeMUR calls
      x LLMGatewayError                      raised by LLM Gateway calls (chat completions, understanding)
      x RealtimeError                        legacy v2 realtime, handed to ``on_error``
      x StreamingError                       v3 streaming: code = websocket close code
      x ConfigurationError (also ValueError) bad settings or arguments, raised before any request

The families of the official SDK 0.45.4 (``TranscriptError``, ``LemurError``, ...) and the
per-status classes are combined rather than chosen between: a 404 from a transcript call is an
instance of both ``NotFoundError`` and ``TranscriptError`` (see :func:`combine`), so ``except``
clauses written for either keep working.

``str(exc)`` is a sentence a person can act on; the structured data lives in attributes.
"""

from __future__ import annotations

import threading
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AssemblyAIError",
    "AudioFileChangedError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "InternalServerError",
    "LLMGatewayError",
    "LemurError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RealtimeError",
    "RedactedAudioExpiredError",
    "RedactedAudioIncompleteError",
    "RedactedAudioUnavailableError",
    "StreamingError",
    "TranscriptError",
    "combine",
    "status_error_class",
]


class AssemblyAIError(Exception):
    """Base class of every SDK error.

    Args:
        message: a sentence describing what went wrong and, where possible, what to do.
        status_code: the HTTP status (or websocket close code) behind the error, if any.
    """

    def __init__(self, message: str = "", status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code

    @property
    def message(self) -> str:
        return str(self)


class APIError(AssemblyAIError):
    """A request to the API failed.

    ``request_method`` and ``request_url`` say which request; headers are never kept, so the
    API key cannot leak through an error.
    """

    def __init__(
        self,
        message: str = "",
        status_code: int | None = None,
        *,
        request_method: str | None = None,
        request_url: str | None = None,
    ) -> None:
        super().__init__(message, status_code)
        self.request_method = request_method
        self.request_url = request_url


class APIConnectionError(APIError):
    """No response arrived: the connection was refused, reset, or failed TLS or DNS."""


class APITimeoutError(APIConnectionError):
    """A timeout expired before the API answered (or before a transcript finished)."""


class APIStatusError(APIError):
    """The API answered with an error status.

    Attributes:
        status_code: the HTTP status.
        body: the decoded JSON body if it was JSON, else the text.
        request_id: the request id the API sent back, if any.
        api_message: the API's own ``error`` text, if it sent one.
    """

    def __init__(
        self,
        message: str = "",
        status_code: int | None = None,
        *,
        body: Any = None,
        request_id: str | None = None,
        api_message: str | None = None,
        request_method: str | None = None,
        request_url: str | None = None,
    ) -> None:
        super().__init__(
            message, status_code, request_method=request_method, request_url=request_url
        )
        self.body = body
        self.request_id = request_id
        self.api_message = api_message


class BadRequestError(APIStatusError):
    """400: the request was invalid; the message says which part."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """403: the key is valid but may not do this."""


class NotFoundError(APIStatusError):
    """404: no such transcript, upload or LeMUR request."""


class RateLimitError(APIStatusError):
    """429: too many requests; retried automatically up to ``settings.max_retries``."""


class InternalServerError(APIStatusError):
    """5xx: the API failed; retried automatically up to ``settings.max_retries``."""


class APIResponseValidationError(APIError):
    """The API answered 2xx with a body the SDK cannot read (not JSON, or not the promised shape)."""


class TranscriptError(AssemblyAIError):
    """A transcript, upload, export or word-search call failed."""


class RedactedAudioIncompleteError(TranscriptError):
    """The redacted audio is still being prepared."""


class RedactedAudioExpiredError(TranscriptError):
    """The redacted audio is no longer available."""


class RedactedAudioUnavailableError(TranscriptError):
    """Downloading the redacted audio file failed."""


class AudioFileChangedError(TranscriptError, OSError):
    """A file being uploaded got shorter or longer while it was read.

    Its declared length was sent first, so the upload cannot go on; nothing half-read is
    transcribed. Upload the file again once it stops changing.
    """

    def __init__(self, message: str, filename: str | None = None) -> None:
        super().__init__(message)
        self.filename = filename

    def __str__(self) -> str:
        # OSError would print "[Errno None] None: <filename>" once a filename is set.
        return str(self.args[0])


class LemurError(AssemblyAIError):
    """A LeMUR call failed."""


class LLMGatewayError(AssemblyAIError):
    """An LLM Gateway call (chat completion or speech understanding) failed."""


class RealtimeError(AssemblyAIError):
    """A legacy v2 realtime session failed; ``status_code`` holds the close code, if any."""


class StreamingError(AssemblyAIError):
    """A v3 streaming session failed.

    Args:
        message: what happened.
        code: the websocket close code, when the error comes from a close.
    """

    def __init__(self, message: str = "", code: int | None = None) -> None:
        super().__init__(message, code)
        self.code = code


class ConfigurationError(AssemblyAIError, ValueError):
    """A setting or argument is invalid; raised before any request is sent."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The per-status class for an HTTP error status."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(status_code, APIStatusError)


_combined: dict[tuple[type[AssemblyAIError], type[AssemblyAIError]], type[Any]] = {}
_combined_lock = threading.Lock()


def combine(kind: type[APIError], family: type[AssemblyAIError]) -> type[APIError]:
    """A class that is both ``kind`` (e.g. NotFoundError) and ``family`` (e.g. TranscriptError).

    The classes are made once and cached, so ``type(a) is type(b)`` holds for two errors of the
    same kind and family. They are not module attributes, so their instances pickle through
    :func:`_rebuild_combined` (an error raised in a process pool reaches the parent intact).
    """
    if issubclass(kind, family):
        return kind
    key = (kind, family)
    with _combined_lock:
        cls = _combined.get(key)
        if cls is None:
            name = f"{family.__name__.removesuffix('Error')}{kind.__name__}"
            namespace = {
                "__module__": __name__,
                "__doc__": kind.__doc__,
                "_combined_from": key,
                "__reduce__": _reduce_combined,
            }
            cls = type(name, (kind, family), namespace)
            _combined[key] = cls
    result: type[APIError] = cls
    return result


def _reduce_combined(error: BaseException) -> tuple[Any, ...]:
    return (_rebuild_combined, (type(error)._combined_from, error.args, error.__dict__))  # type: ignore[attr-defined]


def _rebuild_combined(
    key: tuple[type[APIError], type[AssemblyAIError]],
    args: tuple[Any, ...],
    state: dict[str, Any],
) -> BaseException:
    error = combine(*key)(*args)
    error.__dict__.update(state)
    return error
