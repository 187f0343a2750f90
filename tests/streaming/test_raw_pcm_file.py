"""A headerless PCM16 file streamed with ``stream_file`` reaches the server whole (as in 0.45.4)."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest

from assemblyai.extras import stream_file
from assemblyai.streaming.v3 import (
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
)

from .server import FakeStreamingServer

pytestmark = pytest.mark.timeout(30)
RATE = 8000


def test_raw_pcm_file_streams_to_the_server(tmp_path: Path, v3_server: FakeStreamingServer) -> None:
    samples = (int(8000 * math.sin(2 * math.pi * 300 * i / RATE)) for i in range(RATE * 3))
    path = tmp_path / "call.raw"
    path.write_bytes(b"".join(struct.pack("<h", s) for s in samples))
    errors: list[object] = []
    client = StreamingClient(
        StreamingClientOptions(api_key=v3_server.api_key, api_host=v3_server.url)
    )
    client.on(StreamingEvents.Error, lambda _, error: errors.append(error))
    client.connect(StreamingParameters(sample_rate=RATE))
    client.stream(stream_file(path, sample_rate=RATE, realtime=False))
    client.disconnect(terminate=True)
    assert errors == []
    v3_server.wait_idle()
    assert v3_server.sessions[0].audio_bytes == path.stat().st_size == RATE * 2 * 3
