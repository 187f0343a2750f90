"""Global settings: ``aai.settings``, read from ``ASSEMBLYAI_*`` environment variables.

The field names, defaults and environment variables of the official SDK 0.45.4 are kept
(``api_key``, ``http_timeout``, ``base_url``, ``polling_interval``); the rest are ours.
"""

from __future__ import annotations

import inspect
import math
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.regions import RegionDefault, check_region, hosts_for
from assemblyai._core.secret import secret

if TYPE_CHECKING:
    # httpx loads on first request, not at ``import assemblyai`` (it is most of the import cost).
    import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_SPEECH_MODELS",
    "DEFAULT_STREAMING_HOST",
    "Settings",
    "check_api_key",
    "http_timeout_is_default",
    "reread_environment",
    "settings",
]

_US = hosts_for("us")
DEFAULT_BASE_URL = _US["base_url"]
DEFAULT_STREAMING_HOST = _US["streaming_host"]
# Since March 2026 a transcription request must name its speech models. This is the pair the
# official SDK 1.0's examples send: the newest model first, with a fallback for languages it
# does not cover.
DEFAULT_SPEECH_MODELS: tuple[str, ...] = ("universal-3-5-pro", "universal-2")
ENV_PREFIX = "ASSEMBLYAI_"
LEMUR_BACKENDS = ("llm_gateway", "lemur")


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{text!r} is not a boolean (use true or false)")


def _parse_optional_float(text: str) -> float | None:
    return None if text.strip().lower() in {"", "none", "null"} else float(text)


class _DefaultSeconds(float):
    """The default ``http_timeout``: a float, marked so calls can tell it was not chosen.

    LeMUR calls wait longer than others by default, but a timeout the user set (in code, in
    ``Settings(...)`` or in ``ASSEMBLYAI_HTTP_TIMEOUT``, even one equal to the default) wins.
    Any value assigned is a plain float or ``httpx.Timeout``, so the mark goes with it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return float.__repr__(self)

    def __reduce__(self) -> tuple[type[_DefaultSeconds], tuple[float]]:
        return (_DefaultSeconds, (float(self),))


_DEFAULT_HTTP_TIMEOUT = _DefaultSeconds(30.0)


def http_timeout_is_default(value: object) -> bool:
    """Whether ``http_timeout`` is still the default (nobody set it)."""
    return isinstance(value, _DefaultSeconds)


def _parse_speech_models(text: str) -> tuple[str, ...] | None:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    return None if text.strip().lower() in {"none", "null"} else names


def _as_speech_models(value: object) -> object:
    # A list is kept as an immutable tuple so a shared default cannot be changed in place;
    # anything else is kept as given, for validate() to name.
    if isinstance(value, list):
        return tuple(value)
    return value


def _move_hosts(instance: Settings, _attribute: object, region: object) -> str:
    # Runs when ``settings.region`` is assigned: hosts still at a default follow the region,
    # hosts the user set stay. An unknown region is refused here, before anything is sent.
    try:
        canonical = check_region(region)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    for name, host in hosts_for(canonical).items():
        if isinstance(getattr(instance, name), RegionDefault):
            object.__setattr__(instance, name, host)
    return canonical


def _redact(value: object) -> str:
    return "None" if value is None else "'***'"


def _as_secret(value: object) -> object:
    # A key held by the settings never prints itself (see assemblyai._core.secret); anything that
    # is not a string is kept as given, for validate() to name.
    return secret(value) if isinstance(value, str) else value


@attrs.define(eq=True)
class Settings:
    """Settings shared by every client that is not given its own.

    Args:
        api_key: your API key (``ASSEMBLYAI_API_KEY``). Never printed: reprs show ``'***'``.
        http_timeout: seconds for each HTTP request (``ASSEMBLYAI_HTTP_TIMEOUT``), or an
            ``httpx.Timeout`` to set the connect, read, write and pool phases separately.
            LeMUR calls, which can take minutes, wait up to 10 minutes for their answer
            unless you set this (or pass ``timeout=`` to the call).
        base_url: the REST API's address (``ASSEMBLYAI_BASE_URL``).
        polling_interval: seconds between status checks while waiting for a transcript
            (``ASSEMBLYAI_POLLING_INTERVAL``).
        max_retries: retries after a connection failure, 408, 409, 429 or 5xx
            (``ASSEMBLYAI_MAX_RETRIES``); 0 turns retrying off.
        retry_backoff: seconds before the first retry; each later pause doubles, up to 8 s
            (``ASSEMBLYAI_RETRY_BACKOFF``). A ``Retry-After`` from the API takes precedence.
        polling_timeout: seconds to wait for a transcript to finish before raising
            ``APITimeoutError``; ``None`` waits as long as it takes (``ASSEMBLYAI_POLLING_TIMEOUT``).
        upload_timeout: seconds an upload may take to send one chunk (``ASSEMBLYAI_UPLOAD_TIMEOUT``);
            uploads get a longer write timeout than other calls because files can be large.
        streaming_host: host of the v3 streaming API (``ASSEMBLYAI_STREAMING_HOST``); a value
            with a scheme (``ws://127.0.0.1:8765``) points the streaming client at a local server.
        verify_tls: verify TLS certificates against the platform's trust store, which includes
            ``SSL_CERT_FILE``/``SSL_CERT_DIR`` (``ASSEMBLYAI_VERIFY_TLS``). Turning it off is
            for debugging only.
        region: ``"us"`` (default) or ``"eu"`` (``ASSEMBLYAI_REGION``): moves the REST API,
            streaming, LLM Gateway and synchronous-API hosts together. A host you set
            explicitly (``base_url``, ``streaming_host``, ``llm_gateway_base_url``,
            ``sync_base_url``) stays where you put it.
        llm_gateway_base_url: LLM Gateway's address (``ASSEMBLYAI_LLM_GATEWAY_BASE_URL``).
        sync_base_url: the synchronous transcription API's address (``ASSEMBLYAI_SYNC_BASE_URL``).
        sync_http_timeout: seconds for a synchronous transcription request
            (``ASSEMBLYAI_SYNC_HTTP_TIMEOUT``); above the server's own 30 s deadline.
        keepalive_expiry: seconds an idle pooled connection is kept
            (``ASSEMBLYAI_KEEPALIVE_EXPIRY``); ``None`` keeps httpx's default (5 s).
        default_speech_models: the ``speech_models`` sent when a transcription request names
            no model (``ASSEMBLYAI_DEFAULT_SPEECH_MODELS``, comma-separated); ``None`` sends none.
        lemur_backend: ``"llm_gateway"`` (default) runs ``aai.Lemur`` on LLM Gateway chat
            completions; ``"lemur"`` calls the deprecated LeMUR endpoints, for accounts that
            still have them (``ASSEMBLYAI_LEMUR_BACKEND``).
        strict_responses: treat every place where an API answer departs from the API's
            description (a missing or null field, a value of another type, an unknown enum
            value or message type) as an ``APIResponseValidationError``
            (``ASSEMBLYAI_STRICT_RESPONSES``). Off by default: the real API often departs from
            its description, and such answers are read as sent. Contract tests turn it on.

    ``aai.settings`` is read from the environment when ``assemblyai`` is imported; a new
    ``Settings()`` reads it again.

    Example::

        import assemblyai as aai
        aai.settings.api_key = "..."
        aai.settings.polling_interval = 1.0
    """

    api_key: str | None = attrs.field(default=None, repr=_redact, converter=_as_secret)
    http_timeout: float | httpx.Timeout = _DEFAULT_HTTP_TIMEOUT
    base_url: str = _US["base_url"]
    polling_interval: float = 3.0
    max_retries: int = 2
    retry_backoff: float = 0.5
    polling_timeout: float | None = None
    upload_timeout: float = 600.0
    streaming_host: str = _US["streaming_host"]
    verify_tls: bool = True
    strict_responses: bool = False
    region: str = attrs.field(default="us", on_setattr=_move_hosts)
    llm_gateway_base_url: str = _US["llm_gateway_base_url"]
    sync_base_url: str = _US["sync_base_url"]
    sync_http_timeout: float = 60.0
    keepalive_expiry: float | None = None
    default_speech_models: tuple[str, ...] | None = attrs.field(
        default=DEFAULT_SPEECH_MODELS, converter=_as_speech_models
    )
    lemur_backend: str = "llm_gateway"

    def __init__(self, **overrides: Any) -> None:
        unknown = set(overrides) - set(attrs.fields_dict(Settings))
        if unknown:
            raise ConfigurationError(
                f"Settings got unknown field(s) {sorted(unknown)}; "
                f"the fields are {sorted(attrs.fields_dict(Settings))}."
            )
        values = {**_from_environment(os.environ), **overrides}
        self.__attrs_init__(**values)  # type: ignore[attr-defined]
        # __attrs_init__ does not run on_setattr hooks: place the default hosts in the region.
        self.region = self.region

    def copy(self) -> Settings:
        """A snapshot of these settings (what ``Client`` keeps)."""
        return attrs.evolve(self)

    def dict(self, **_: Any) -> dict[str, Any]:
        """The settings as a plain dict (the api key included: do not log it)."""
        return attrs.asdict(self)

    def validate(self) -> None:
        """Raise ``ConfigurationError`` naming the first value that cannot work."""
        check_api_key(self.api_key)
        if not _is_httpx_timeout(self.http_timeout):
            _check_positive("http_timeout", self.http_timeout)
        _check_positive("polling_interval", self.polling_interval)
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise ConfigurationError(
                f"settings.max_retries must be an integer, got {self.max_retries!r}."
            )
        if self.max_retries < 0:
            raise ConfigurationError(
                f"settings.max_retries must be 0 or more, got {self.max_retries!r}."
            )
        _check_positive("retry_backoff", self.retry_backoff)
        if self.polling_timeout is not None:
            _check_positive("polling_timeout", self.polling_timeout, or_none=True)
        _check_positive("upload_timeout", self.upload_timeout)
        if not isinstance(self.verify_tls, bool):
            raise ConfigurationError(
                f"settings.verify_tls must be True or False, got {self.verify_tls!r}."
            )
        if not isinstance(self.strict_responses, bool):
            raise ConfigurationError(
                f"settings.strict_responses must be True or False, got {self.strict_responses!r}."
            )
        for name in ("base_url", "llm_gateway_base_url", "sync_base_url"):
            url = getattr(self, name)
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise ConfigurationError(
                    f"settings.{name} must start with http:// or https://, got {url!r}."
                )
        _check_positive("sync_http_timeout", self.sync_http_timeout)
        if self.keepalive_expiry is not None:
            _check_positive("keepalive_expiry", self.keepalive_expiry, or_none=True)
        models = self.default_speech_models
        if models is not None and (
            not isinstance(models, tuple)
            or not models
            or not all(isinstance(m, str) and m for m in models)
        ):
            raise ConfigurationError(
                "settings.default_speech_models must be a non-empty list of model names "
                f"(e.g. {list(DEFAULT_SPEECH_MODELS)}) or None, got {models!r}."
            )
        if self.lemur_backend not in LEMUR_BACKENDS:
            raise ConfigurationError(
                f"settings.lemur_backend must be one of {list(LEMUR_BACKENDS)}, "
                f"got {self.lemur_backend!r}."
            )


def _is_httpx_timeout(value: object) -> bool:
    # Without importing httpx: if it is not loaded yet, nothing can be an httpx.Timeout.
    loaded = sys.modules.get("httpx")
    return loaded is not None and isinstance(value, loaded.Timeout)


def _check_positive(name: str, value: object, *, or_none: bool = False) -> None:
    allowed = "a number of seconds > 0" + (" or None" if or_none else "")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"settings.{name} must be {allowed}, got {value!r}.")
    # NaN fails every comparison, so test for being inside the range.
    if not 0 < value < math.inf:
        raise ConfigurationError(f"settings.{name} must be {allowed}, got {value!r}.")


def check_api_key(api_key: object, where: str = "settings.api_key") -> None:
    """Raise ``ConfigurationError`` for a key that cannot be sent, without repeating it."""
    # The value is never echoed: a malformed key is still a secret.
    if api_key is None:
        return
    if not isinstance(api_key, str):
        raise ConfigurationError(f"{where} must be a string, got a {type(api_key).__name__}.")
    if api_key and (api_key != api_key.strip() or not api_key.isprintable() or " " in api_key):
        raise ConfigurationError(
            f"{where} contains spaces, a line break or other invisible characters "
            "(often a trailing newline from a file); strip it before use."
        )


_PARSERS: dict[str, Callable[[str], Any]] = {
    "api_key": str,
    "http_timeout": float,
    "base_url": str,
    "polling_interval": float,
    "max_retries": int,
    "retry_backoff": float,
    "polling_timeout": _parse_optional_float,
    "upload_timeout": float,
    "streaming_host": str,
    "verify_tls": _parse_bool,
    "strict_responses": _parse_bool,
    "region": str,
    "llm_gateway_base_url": str,
    "sync_base_url": str,
    "sync_http_timeout": float,
    "keepalive_expiry": _parse_optional_float,
    "default_speech_models": _parse_speech_models,
    "lemur_backend": str,
}


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings fields found in ``environ`` (names are matched case-insensitively)."""
    by_upper = {key.upper(): value for key, value in environ.items()}
    values: dict[str, Any] = {}
    for name, parse in _PARSERS.items():
        variable = ENV_PREFIX + name.upper()
        if variable not in by_upper:
            continue
        raw = by_upper[variable]
        try:
            values[name] = parse(raw)
        except ValueError as exc:
            # Never echo the api key, even when it is the malformed value.
            shown = "***" if name == "api_key" else repr(raw)
            raise ConfigurationError(
                f"environment variable {variable}={shown} is invalid: {exc}"
            ) from None
    return values


# ``__init__`` takes ``**overrides`` so that a field given explicitly wins over the environment
# and one left out does not (a default in a real signature could not tell the two apart). The
# signature shown to ``inspect`` and IDEs is the fields', keyword-only, with their defaults.
Settings.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=f.type
        )
        for f in attrs.fields(Settings)
    ],
    return_annotation=None,
)

settings: Settings = Settings()


def reread_environment() -> None:
    """Make ``settings`` what a fresh import would make: the defaults and ``ASSEMBLYAI_*``.

    ``importlib.reload(assemblyai)`` calls this, as 0.45.4 built its settings at import.
    The object is updated in place, so every module holding it (and ``Client.get_default``,
    which compares against it) sees the new values.
    """
    fresh = Settings()
    for name in attrs.fields_dict(Settings):
        setattr(settings, name, getattr(fresh, name))
