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

# A session that survives the network (issue 17): reconnection, the bounded backlog, pacing.
from assemblyai.streaming._session.core import (
    AudioLost,
    GiveUp,
    Reconnect,
    ReconnectAttempt,
    ReconnectPolicy,
    SendTimeoutError,
)
from assemblyai.streaming._session.pacing import apaced, paced
from assemblyai.streaming.v3.assembler import TranscriptAssembler
from assemblyai.streaming.v3.async_client import AsyncRealTimeTranscriber, AsyncStreamingClient
from assemblyai.streaming.v3.client import RealTimeTranscriber, StreamingClient

# The dual-channel extras, reachable here as in the official 1.0.
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
    HeartbeatEvent,
    LLMGatewayConfig,
    LLMGatewayMessage,
    LLMGatewayResponseEvent,
    NoiseSuppressionModel,
    RealTimeError,
    RealTimeErrorCodes,
    RealTimeEvents,
    RealTimeParameters,
    RealTimeSessionParameters,
    RealTimeTranscriberOptions,
    SessionConfiguration,
    SpeakerRevisionEvent,
    SpeakerRevisionItem,
    SpeechModel,
    SpeechStartedEvent,
    StreamingClientOptions,
    StreamingErrorCodes,
    StreamingEvents,
    StreamingMode,
    StreamingParameters,
    StreamingPiiPolicy,
    StreamingPiiSubstitution,
    StreamingSessionParameters,
    TerminationEvent,
    TurnEvent,
    UnknownEvent,
    WarningEvent,
    Word,
)

# The official 1.0.0's names sit beside 0.45.4's: each RealTime* name is the same object as
# its Streaming* counterpart.
__all__ = [
    "AsyncChannelStreamer",
    "AsyncRealTimeTranscriber",
    "AsyncStreamingClient",
    "AudioLost",
    "BeginEvent",
    "ChannelAttributionOptions",
    "ChannelStreamer",
    "DualChannelTurnEvent",
    "DualChannelWord",
    "Encoding",
    "EnergyVad",
    "EventMessage",
    "GiveUp",
    "HeartbeatEvent",
    "LLMGatewayConfig",
    "LLMGatewayMessage",
    "LLMGatewayResponseEvent",
    "NoiseSuppressionModel",
    "RealTimeError",
    "RealTimeErrorCodes",
    "RealTimeEvents",
    "RealTimeParameters",
    "RealTimeSessionParameters",
    "RealTimeTranscriber",
    "RealTimeTranscriberOptions",
    "Reconnect",
    "ReconnectAttempt",
    "ReconnectPolicy",
    "SendTimeoutError",
    "SessionConfiguration",
    "SpeakerRevisionEvent",
    "SpeakerRevisionItem",
    "SpeechModel",
    "SpeechStartedEvent",
    "StreamingClient",
    "StreamingClientOptions",
    "StreamingError",
    "StreamingErrorCodes",
    "StreamingEvents",
    "StreamingMode",
    "StreamingParameters",
    "StreamingPiiPolicy",
    "StreamingPiiSubstitution",
    "StreamingSessionParameters",
    "TerminationEvent",
    "TranscriptAssembler",
    "TurnEvent",
    "UnknownEvent",
    "VadDetector",
    "VadFrame",
    "VadResult",
    "WarningEvent",
    "Word",
    "apaced",
    "attribute_turn",
    "paced",
]
