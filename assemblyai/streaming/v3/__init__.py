"""v3 ("universal streaming") speech-to-text over a websocket.

Example::

    from assemblyai.streaming.v3 import (
        StreamingClient, StreamingClientOptions, StreamingEvents, StreamingParameters,
    )

    client = StreamingClient(StreamingClientOptions(api_key="..."))
    client.on(StreamingEvents.Turn, lambda client, event: print(event.transcript))
    client.connect(StreamingParameters(sample_rate=16_000))
    client.stream(audio_chunks)
    client.disconnect(terminate=True)

``AsyncStreamingClient`` offers the same with ``await`` and ``async for event in client``.
"""

from assemblyai._core.exceptions import StreamingError
from assemblyai.streaming.v3.assembler import TranscriptAssembler
from assemblyai.streaming.v3.async_client import AsyncStreamingClient
from assemblyai.streaming.v3.client import StreamingClient
from assemblyai.streaming.v3.models import (
    BeginEvent,
    Encoding,
    EventMessage,
    SpeechModel,
    StreamingClientOptions,
    StreamingErrorCodes,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    TerminationEvent,
    TurnEvent,
    UnknownEvent,
    Word,
)

__all__ = [
    "AsyncStreamingClient",
    "BeginEvent",
    "Encoding",
    "EventMessage",
    "SpeechModel",
    "StreamingClient",
    "StreamingClientOptions",
    "StreamingError",
    "StreamingErrorCodes",
    "StreamingEvents",
    "StreamingParameters",
    "StreamingSessionParameters",
    "TerminationEvent",
    "TranscriptAssembler",
    "TurnEvent",
    "UnknownEvent",
    "Word",
]
