"""Compatibility module: ``from assemblyai.client import Client`` as in the official SDK."""

from ._client import Client

__all__ = ["Client"]
