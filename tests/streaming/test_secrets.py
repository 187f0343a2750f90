"""Keys and tokens never show: not in errors, reprs, or the locals of a failing handshake."""

from __future__ import annotations

import traceback
from collections.abc import Callable

import pytest

import assemblyai as aai
from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions, StreamingParameters

from .server import FakeStreamingServer

KEY = "sk-live-0123456789abcdef"
TOKEN = "tok-0123456789abcdef"


def _rendered_with_locals(call: Callable[[], object]) -> str:
    with pytest.raises(Exception) as caught:
        call()
    rendered = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    return "".join(rendered.format()) + repr(caught.value)


@pytest.mark.parametrize("credential", ["api_key", "token"])
@pytest.mark.parametrize("refusal", ["http", "close"])
def test_a_refused_handshake_shows_no_secret_even_in_frame_locals(
    credential: str, refusal: str
) -> None:
    with FakeStreamingServer("v3") as server:
        server.auth_failure = refusal
        options = StreamingClientOptions(api_host=server.url, **{credential: KEY})
        client = StreamingClient(options)
        text = _rendered_with_locals(lambda: client.connect(StreamingParameters(sample_rate=16000)))
        assert "StreamingError" in text  # the failure itself is there, with its locals
        assert KEY not in text
        assert KEY not in repr(client) + repr(options)


def test_the_settings_key_is_masked_wherever_it_is_held() -> None:
    aai.settings.api_key = KEY
    assert aai.settings.api_key == KEY  # the same text for every use
    assert f"{aai.settings.api_key}" == KEY
    assert KEY not in repr(aai.settings.api_key) + repr(aai.settings) + repr(aai.settings.dict())
    assert KEY not in repr(aai.Client.get_default().settings)


@pytest.mark.parametrize("bad", [KEY + "\r\nX-Evil: 1", KEY + "\n", " " + KEY])
@pytest.mark.parametrize("credential", ["api_key", "token"])
def test_a_key_with_a_line_break_is_refused_before_connecting_unrepeated(
    v3_server: FakeStreamingServer, bad: str, credential: str
) -> None:
    options = StreamingClientOptions(api_host=v3_server.url, **{credential: bad})
    with pytest.raises(aai.ConfigurationError) as caught:
        StreamingClient(options).connect(StreamingParameters(sample_rate=16000))
    assert KEY not in str(caught.value)
    assert "line break" in str(caught.value)
    assert v3_server.sessions == []  # nothing was sent
