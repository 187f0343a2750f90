"""Which ``Client`` a synchronous transcriber sends with, and whether it owns it (pure).

``api_key=`` wins over ``client=``, as in the official SDK 1.0: the transcriber then makes (and
owns) a client from a copy of that client's settings, or of ``aai.settings``, with the key
replaced; the given client is left alone.
"""

from __future__ import annotations

import attrs

from assemblyai._core import settings as _settings
from assemblyai._core.settings import check_api_key
from assemblyai._http.client import Client
from assemblyai._sync.config import SyncTranscriptionConfig

__all__ = ["check_config", "client_with_key", "own_client"]


def check_config(owner: str, config: object) -> None:
    """``TypeError`` unless ``config`` is a ``SyncTranscriptionConfig`` or ``None``."""
    if config is not None and not isinstance(config, SyncTranscriptionConfig):
        raise TypeError(
            f"{owner} expects a SyncTranscriptionConfig, got {type(config).__name__}. "
            "Use aai.SyncTranscriptionConfig (aai.TranscriptionConfig is for aai.Transcriber)."
        )


def client_with_key(client: Client | None, api_key: str) -> Client:
    """A new client: ``client``'s settings (or ``aai.settings``) with ``api_key``."""
    check_api_key(api_key, "api_key")
    base = client.settings if client is not None else _settings.settings
    return Client(settings=attrs.evolve(base, api_key=api_key))


def own_client() -> Client:
    """A new client from ``aai.settings`` (for a transcriber that closes what it opened)."""
    return Client(settings=_settings.settings)
