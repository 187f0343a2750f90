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

# A session that survives the network (helper S2, issue 17).
from assemblyai.streaming._session.core import (
    AudioLost,
    GiveUp,
    Reconnect,
    ReconnectAttempt,
    ReconnectPolicy,
    SendTimeoutError,
)
from assemblyai.streaming._session.pacing import apaced, paced
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
    "AudioLost",
    "BeginEvent",
    "Encoding",
    "EventMessage",
    "GiveUp",
    "Reconnect",
    "ReconnectAttempt",
    "ReconnectPolicy",
    "SendTimeoutError",
    "SpeechModel",
    "StreamingClient",
    "StreamingClientOptions",
    "StreamingError",
    "StreamingErrorCodes",
    "StreamingEvents",
    "StreamingParameters",
    "StreamingSessionParameters",
    "TerminationEvent",
    "TurnEvent",
    "UnknownEvent",
    "Word",
    "apaced",
    "paced",
]
