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

# S3 (issue 17): the dual-channel extras, reachable here as in the official 1.0.
from assemblyai.streaming.v3.extras import (
    AsyncChannelStreamer,
    ChannelAttributionOptions,
    ChannelStreamer,
    DualChannelTurnEvent,
    DualChannelWord,
    EnergyVad,
    VadDetector,
    VadFrame,
    VadResult,
    attribute_turn,
)
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

__all__ = [  # noqa: RUF022 - the S3 (issue 17) names sit in one block, to merge cleanly
    # S3 (issue 17): dual-channel extras and the transcript assembler.
    "AsyncChannelStreamer",
    "ChannelAttributionOptions",
    "ChannelStreamer",
    "DualChannelTurnEvent",
    "DualChannelWord",
    "EnergyVad",
    "TranscriptAssembler",
    "VadDetector",
    "VadFrame",
    "VadResult",
    "attribute_turn",
    # the rest
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
    "TurnEvent",
    "UnknownEvent",
    "Word",
]
