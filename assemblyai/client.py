"""Compatibility module: ``from assemblyai.client import Client`` as in the official SDK."""

from assemblyai._http.client import Client

__all__ = ["Client"]
