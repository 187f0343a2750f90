"""Compatibility module: ``from assemblyai.async_client import AsyncClient`` as in the official 1.0."""

from assemblyai._http.async_client import AsyncClient

__all__ = ["AsyncClient"]
