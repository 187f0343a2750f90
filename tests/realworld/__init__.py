"""Payloads the real API sent, read through the public API (``../shared/realworld``)."""
