"""A LeMUR call as a :class:`Plan`: what the shells perform, without I/O.

On LLM Gateway a call first reads its transcripts' text (``reads``), then sends one chat
completion built from it (``finish``); on LeMUR's own endpoints it is one request. The sync and
asyncio shells (``aai.Lemur``, ``aai.AsyncLemur``) perform a plan the same way, with their own
sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from assemblyai._core.exceptions import ConfigurationError, LemurError
from assemblyai._http import operations as ops
from assemblyai._http.client import Client

if TYPE_CHECKING:
    from assemblyai._transcription.transcript import Transcript

__all__ = ["Plan", "TextRead", "chat", "text_read"]

R = TypeVar("R")

# What a transcript contributes to a gateway prompt: its status and text (checked later).
TextRead = tuple[object, object]


@attrs.frozen
class Plan(Generic[R]):
    """One LeMUR call, without I/O: the client it uses (which reads the transcripts), the
    transcripts whose text it must fetch first (``reads``: a known ``(status, text)`` or the
    request that gets it), and the call itself, built from what the reads gave. On the
    ``lemur`` backend nothing is read."""

    client: Client
    reads: tuple[TextRead | ops.Operation[TextRead], ...]
    finish: Callable[[list[TextRead]], ops.Operation[R]]
    # Who sends the call: the client itself, or its LLM Gateway twin (the gateway's host).
    sender: Client


def _read_status_and_text(response: httpx.Response) -> TextRead:
    data = ops.parse_json_object(response)
    return data.get("status"), data.get("text")


def text_read(transcript: Transcript) -> TextRead | ops.Operation[TextRead]:
    """The text of a transcript already loaded and completed, else the request that reads it."""
    loaded = transcript._response
    if loaded is not None and getattr(loaded.status, "value", loaded.status) == "completed":
        return loaded.status, loaded.text
    transcript_id = transcript.id
    if transcript_id is None:
        raise ConfigurationError("LeMUR was given a Transcript without an id.")
    fetch = ops.get_transcript(transcript_id)
    return ops.Operation(
        request=fetch.request,
        context=f"failed to read transcript {transcript_id} for LeMUR",
        family=LemurError,
        parse=_read_status_and_text,
    )


def chat(
    label: str, body: dict[str, Any], parse: Callable[[dict[str, Any]], R]
) -> ops.Operation[R]:
    """``POST /v1/chat/completions`` (LLM Gateway's own request building and validation),
    failing as the LeMUR call it stands for and read into that call's shape."""
    from assemblyai.llm_gateway._operations import chat_completion

    operation = chat_completion(
        body, family=LemurError, context=f"failed to call Lemur {label} (on LLM Gateway)"
    )
    return ops.Operation(
        request=operation.request,
        context=operation.context,
        family=operation.family,
        parse=lambda response: parse(ops.parse_json_object(response)),
    )
