"""The sans-I/O streaming cores (v3 and legacy v2): pure functions, table-tested, no sockets."""

from __future__ import annotations

import json
import logging
import urllib.parse
import warnings

import pytest

from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import (
    APIResponseValidationError,
    AssemblyAIError,
    AuthenticationError,
    ConfigurationError,
    RealtimeError,
    StreamingError,
)
from assemblyai._generated import realtime as gen_v2
from assemblyai._generated import streaming as gen_v3
from assemblyai.streaming._connection.common import (
    CloseInfo,
    ConnectFailure,
    FailureKind,
    encode_query,
    http_url,
    redact_url,
    websocket_url,
)
from assemblyai.streaming._connection.ws import handshake_logger
from assemblyai.streaming.v2 import _protocol as v2
from assemblyai.streaming.v2.models import (
    RealtimeFinalTranscript,
    RealtimeMessageTypes,
    RealtimePartialTranscript,
    RealtimeUnknownMessage,
)
from assemblyai.streaming.v3 import _protocol as v3
from assemblyai.streaming.v3 import models
from assemblyai.streaming.v3.models import (
    BeginEvent,
    Encoding,
    ErrorEvent,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
    StreamingSessionParameters,
    TerminationEvent,
    TurnEvent,
    UnknownEvent,
    UpdateConfiguration,
)


def query_of(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


# ---- URLs and query strings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("streaming.assemblyai.com", "wss://streaming.assemblyai.com/v3/ws"),
        ("wss://eu.example.com", "wss://eu.example.com/v3/ws"),
        ("https://eu.example.com/", "wss://eu.example.com/v3/ws"),
        ("ws://127.0.0.1:8765", "ws://127.0.0.1:8765/v3/ws"),
        ("http://127.0.0.1:8765/prefix/", "ws://127.0.0.1:8765/prefix/v3/ws"),
    ],
)
def test_websocket_url(host: str, expected: str) -> None:
    assert websocket_url(host, "/v3/ws") == expected


def test_websocket_url_rejects_other_schemes() -> None:
    with pytest.raises(ValueError, match="ftp"):
        websocket_url("ftp://x", "/v3/ws")


def test_http_url_and_redaction() -> None:
    assert (
        http_url("streaming.assemblyai.com", "/v3/token")
        == "https://streaming.assemblyai.com/v3/token"
    )
    assert http_url("ws://127.0.0.1:1", "/v3/token") == "http://127.0.0.1:1/v3/token"
    assert redact_url("wss://h/v3/ws?sample_rate=1&token=secret") == "wss://h/v3/ws"


def test_query_values_are_json() -> None:
    query = encode_query(
        [
            ("b", True),
            ("f", False),
            ("n", None),
            ("l", ["a b", "c&d"]),
            ("x", 0.5),
            ("e", Encoding.pcm_mulaw),
        ]
    )
    assert query == "b=true&f=false&l=%5B%22a%20b%22%2C%22c%26d%22%5D&x=0.5&e=pcm_mulaw"


def test_connect_request_with_api_key() -> None:
    params = StreamingParameters(
        sample_rate=16_000,
        format_turns=True,
        keyterms_prompt=["Dr. Okafor", "p99"],
        encoding="pcm_s16le",
        max_turn_silence=1000,
    )
    request = v3.connect_request(StreamingClientOptions(api_key="KEY"), params)
    assert request.url.startswith("wss://streaming.assemblyai.com/v3/ws?")
    assert query_of(request.url) == {
        "max_turn_silence": "1000",
        "format_turns": "true",
        "keyterms_prompt": '["Dr. Okafor","p99"]',
        "sample_rate": "16000",
        "encoding": "pcm_s16le",
    }
    assert request.headers == {"AssemblyAI-Version": "2025-05-12", "Authorization": "KEY"}
    assert "KEY" not in repr(request)


def test_connect_request_with_token_sends_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_settings.settings, "api_key", "GLOBAL-KEY")
    options = StreamingClientOptions(api_key="KEY", token="TOKEN")
    request = v3.connect_request(options, StreamingParameters(sample_rate=8000))
    assert query_of(request.url) == {"sample_rate": "8000", "token": "TOKEN"}
    assert "Authorization" not in request.headers
    assert "TOKEN" not in repr(request) and "TOKEN" not in request.display_url


def test_api_key_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    params = StreamingParameters(sample_rate=8000)
    monkeypatch.setattr(_settings.settings, "api_key", None)
    monkeypatch.delenv("ASSEMBLYAI_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="no API key"):
        v3.connect_request(StreamingClientOptions(), params)
    monkeypatch.setenv("ASSEMBLYAI_API_KEY", "ENV")
    assert v3.connect_request(StreamingClientOptions(), params).headers["Authorization"] == "ENV"
    monkeypatch.setattr(_settings.settings, "api_key", "SETTINGS")
    assert (
        v3.connect_request(StreamingClientOptions(), params).headers["Authorization"] == "SETTINGS"
    )
    assert (
        v3.connect_request(StreamingClientOptions(api_key="OPT"), params).headers["Authorization"]
        == "OPT"
    )


def test_options_default_host_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert StreamingClientOptions().api_host == "streaming.assemblyai.com"
    monkeypatch.setattr(_settings.settings, "streaming_host", "ws://127.0.0.1:9")
    assert StreamingClientOptions().api_host == "ws://127.0.0.1:9"
    assert "secret" not in repr(StreamingClientOptions(api_key="secret", token="secret"))


# ---- parameters and outgoing messages -------------------------------------------------------


def test_parameters_field_order_and_validation() -> None:
    names = [name for name in StreamingParameters.__fields__]
    # 0.45.4's order, with the 2026 parameters among them (the official 1.0.0's order).
    old = [
        "end_of_turn_confidence_threshold",
        "min_end_of_turn_silence_when_confident",
        "max_turn_silence",
        "format_turns",
        "keyterms_prompt",
        "filter_profanity",
        "sample_rate",
        "encoding",
    ]
    assert [name for name in names if name in old] == old
    assert names.index("min_turn_silence") == 2
    with pytest.raises(ConfigurationError, match="sample_rate"):
        StreamingParameters(sample_rate=0)
    with pytest.raises(ConfigurationError, match="sample_rate: is required unless encoding"):
        StreamingParameters()
    assert StreamingParameters(sample_rate=1, keyterms_prompt="one").keyterms_prompt == ["one"]
    assert StreamingParameters(sample_rate=1).model_dump(exclude_none=True) == {"sample_rate": 1}


def test_unknown_parameters_are_sent_with_a_debug_note(caplog: pytest.LogCaptureFixture) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.DEBUG, logger="assemblyai.deviations"):
            params = StreamingParameters(sample_rate=16_000, formatted_finals=True)
    assert "did you mean 'format_turns'" in caplog.text
    assert params.format_turns is None
    assert params.additional_properties == {"formatted_finals": True}
    request = v3.connect_request(StreamingClientOptions(api_key="k"), params)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query)
    assert query == {"sample_rate": ["16000"], "formatted_finals": ["true"]}


def test_a_value_of_the_wrong_type_fails_before_connecting() -> None:
    with pytest.raises(ConfigurationError, match="'pcm_s16le', 'pcm_mulaw'"):
        StreamingParameters(sample_rate=16_000, encoding="mp3")
    with pytest.raises(ConfigurationError, match="format_turns: expected a boolean"):
        StreamingParameters(sample_rate=16_000, format_turns="yes")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="at most 1"):
        StreamingSessionParameters(end_of_turn_confidence_threshold=1.5)


def test_outgoing_messages() -> None:
    assert v3.encode_terminate() == '{"type":"Terminate"}'
    assert v3.encode_force_endpoint() == '{"type":"ForceEndpoint"}'
    update = v3.encode_update(StreamingSessionParameters(max_turn_silence=100, format_turns=False))
    assert json.loads(update) == {
        "type": "UpdateConfiguration",
        "max_turn_silence": 100,
        "format_turns": False,
    }
    assert UpdateConfiguration(max_turn_silence=100).to_dict() == {
        "type": "UpdateConfiguration",
        "max_turn_silence": 100,
    }
    # The messages are the spec's: the generated decoder reads them back.
    assert isinstance(gen_v3.decode_client_message(update), gen_v3.UpdateConfiguration)


def test_public_enums_match_the_spec() -> None:
    assert {e.value for e in Encoding} == {e.value for e in gen_v3.Encoding}
    assert {e.value for e in models.SpeechModel} == {e.value for e in gen_v3.SpeechModel}
    assert {e.value for e in RealtimeMessageTypes} >= set(gen_v2.SERVER_TAGGED)
    # The official 1.0.0's nine (0.45.4's four among them), then ours for messages the SDK
    # has no class for.
    assert [e.value for e in StreamingEvents] == [
        "Begin",
        "Termination",
        "Turn",
        "SpeechStarted",
        "Error",
        "Warning",
        "Heartbeat",
        "LLMGatewayResponse",
        "SpeakerRevision",
        "Unknown",
    ]
    assert models.StreamingErrorCodes[4001] == "Not Authorized"


# ---- incoming messages ----------------------------------------------------------------------

TURN = {
    "type": "Turn",
    "turn_order": 0,
    "turn_is_formatted": False,
    "end_of_turn": False,
    "transcript": "hi",
    "end_of_turn_confidence": 0.1,
    "words": [{"text": "hi", "start": 0, "end": 10, "confidence": 0.9, "word_is_final": True}],
}


def test_session_decodes_events() -> None:
    session = v3.Session(strict=False)
    (begin,) = session.receive('{"type":"Begin","id":"s1","expires_at":1750000000}')
    assert isinstance(begin, BeginEvent) and session.session_id == "s1"
    assert begin.expires_at.year == 2025
    (turn,) = session.receive(json.dumps(TURN))
    assert isinstance(turn, TurnEvent) and turn.words[0].text == "hi"
    assert turn.model_dump()["transcript"] == "hi"
    (error,) = session.receive('{"error":"bad"}')
    assert isinstance(error, ErrorEvent)
    assert v3.handler_target(error)[0] is StreamingEvents.Error
    assert str(v3.handler_target(error)[1]) == "bad"
    (end,) = session.receive(
        '{"type":"Termination","audio_duration_seconds":1.5,"session_duration_seconds":2}'
    )
    assert isinstance(end, TerminationEvent) and session.terminated


@pytest.mark.parametrize(
    ("frame", "logged"),
    [
        ("not json", "not JSON"),
        ("[1,2]", "not an object"),
        (b"\x00\x01", "binary"),
    ],
)
def test_session_skips_what_it_cannot_use(
    frame: str | bytes, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    session = v3.Session(strict=False)
    with caplog.at_level(logging.DEBUG, logger="assemblyai.streaming"):
        assert session.receive(frame) == []
    assert logged in caplog.text


@pytest.mark.parametrize(
    ("frame", "logged"),
    [('{"type":"Mystery"}', "unknown message Mystery"), ('{"hello":1}', "without type")],
)
def test_session_hands_out_unknown_messages(
    frame: str, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    session = v3.Session(strict=False)
    with caplog.at_level(logging.DEBUG, logger="assemblyai.streaming"):
        (event,) = session.receive(frame)
    assert isinstance(event, UnknownEvent) and event.raw == json.loads(frame)
    assert v3.handler_target(event) == (StreamingEvents.Unknown, event)
    assert logged in caplog.text


def test_session_reads_a_malformed_turn_leniently_unless_strict() -> None:
    frame = '{"type":"Turn","turn_order":"zero"}'
    (turn,) = v3.Session(strict=False).receive(frame)
    assert isinstance(turn, TurnEvent)
    assert turn.turn_order == "zero" and turn.transcript is None and turn.words is None
    (error,) = v3.Session(strict=True).receive(frame)
    assert isinstance(error, ErrorEvent)
    kind, argument = v3.handler_target(error)
    assert kind is StreamingEvents.Error and isinstance(argument, StreamingError)
    assert "strict_responses" in str(argument) and "Turn.turn_order" in str(argument)
    (unknown,) = v3.Session(strict=True).receive('{"type":"SpeechEnded","timestamp":1}')
    assert isinstance(unknown, ErrorEvent) and "'SpeechEnded'" in str(unknown.error)


def test_session_strictness_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_settings.settings, "strict_responses", True)
    assert v3.Session().strict and v2.Session().strict
    monkeypatch.setattr(_settings.settings, "strict_responses", False)
    assert not v3.Session().strict and not v2.Session().strict


def test_unknown_type_is_logged_once_per_type(caplog: pytest.LogCaptureFixture) -> None:
    session = v3.Session(strict=False)
    with caplog.at_level(logging.WARNING, logger="assemblyai.streaming"):
        for _ in range(3):
            session.receive('{"type":"Mystery"}')
    assert caplog.text.count("Mystery") == 1


# ---- the end of a session -------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(gen_v3.CLOSE_CODES))
def test_close_codes_map_to_the_table(code: int) -> None:
    error = v3.Session().connection_closed(CloseInfo(code, "detail"))
    assert isinstance(error, StreamingError) and isinstance(error, AssemblyAIError)
    assert error.code == code and str(error) == f"{gen_v3.CLOSE_CODES[code]} (detail)"


def test_close_reported_once_and_never_for_normal_ends() -> None:
    session = v3.Session()
    assert session.connection_closed(CloseInfo(4002, "")) is not None
    assert session.connection_closed(CloseInfo(4002, "")) is None
    assert v3.Session().connection_closed(CloseInfo(1000, "")) is None
    closing = v3.Session()
    closing.closing = True
    assert closing.connection_closed(CloseInfo(None)) is None
    dropped = v3.Session().connection_closed(CloseInfo(None))
    assert dropped is not None and dropped.code == 1006
    other = v3.Session().connection_closed(CloseInfo(1011, "internal"))
    assert other is not None and str(other) == "internal" and other.code == 1011


def test_connect_errors() -> None:
    request = v3.connect_request(
        StreamingClientOptions(api_key="KEY", token="TOK"), StreamingParameters(sample_rate=1)
    )
    http401 = v3.connect_error(
        ConnectFailure(FailureKind.REJECTED, "HTTP 401", status=401), request
    )
    assert http401.code == 4001 and http401.status_code == 401 and "Not Authorized" in str(http401)
    closed = v3.connect_error(
        ConnectFailure(FailureKind.CLOSED, "x", close=CloseInfo(4002, "")), request
    )
    assert closed.code == 4002 and str(closed).startswith("Insufficient Funds")
    refused = v3.connect_error(ConnectFailure(FailureKind.NETWORK, "refused"), request)
    assert refused.code is None and str(refused).startswith("Could not connect")
    for error in (http401, closed, refused):
        assert "TOK" not in str(error) and "KEY" not in str(error)


def test_handshake_logger_redacts_secrets(caplog: pytest.LogCaptureFixture) -> None:
    logger = handshake_logger()
    with caplog.at_level(logging.DEBUG, logger="websockets.client"):
        logger.debug("> GET %s HTTP/1.1", "/v3/ws?sample_rate=1&token=TOK&x=1")
        logger.debug("> %s: %s", "Authorization", "KEY")
        logger.debug("> %s: %s", "Host", "example")
    assert "TOK" not in caplog.text and "KEY" not in caplog.text
    assert "token=***" in caplog.text and "Authorization: ***" in caplog.text
    assert "Host: example" in caplog.text


# ---- temporary tokens -----------------------------------------------------------------------


def test_token_request_and_response() -> None:
    request = v3.token_request(StreamingClientOptions(api_key="KEY"), 60, None, "ua")
    assert request.url == "https://streaming.assemblyai.com/v3/token"
    assert request.params == {"expires_in_seconds": 60}
    assert "KEY" not in repr(request)
    assert v3.parse_token_response(200, {}, b'{"token":"t","expires_in_seconds":60}', "u") == "t"
    with pytest.raises(AuthenticationError) as info:
        v3.parse_token_response(401, {}, b'{"error":"Invalid API key"}', "u")
    assert isinstance(info.value, StreamingError) and "Invalid API key" in str(info.value)
    with pytest.raises(APIResponseValidationError):
        v3.parse_token_response(200, {}, b"<html>", "u")


# ---- legacy v2 --------------------------------------------------------------------------------


def test_v2_connect_request_rules() -> None:
    request = v2.connect_request(
        base_url="https://api.assemblyai.com",
        api_key="KEY",
        token=None,
        sample_rate=16_000,
        word_boost=[],
        encoding=None,
        disable_partial_transcripts=False,
        extra_session_information=False,
    )
    assert request.url == "wss://api.assemblyai.com/v2/realtime/ws?sample_rate=16000"
    assert request.headers == {"Authorization": "KEY"}
    request = v2.connect_request(
        base_url="http://127.0.0.1:1",
        api_key="KEY",
        token="TOK",
        sample_rate=8000,
        word_boost=["a b"],
        encoding="pcm_mulaw",
        disable_partial_transcripts=True,
        extra_session_information=True,
    )
    assert request.url.startswith("ws://127.0.0.1:1/v2/realtime/ws?")
    assert query_of(request.url) == {
        "sample_rate": "8000",
        "word_boost": '["a b"]',
        "encoding": "pcm_mulaw",
        "token": "TOK",
        "disable_partial_transcripts": "true",
        "enable_extra_session_information": "true",
    }
    assert request.headers == {}


def test_v2_messages_and_session() -> None:
    assert v2.encode_terminate() == '{"terminate_session":true}'
    assert v2.encode_force_end_utterance() == '{"force_end_utterance":true}'
    assert v2.encode_threshold(300) == '{"end_utterance_silence_threshold":300}'
    session = v2.Session(strict=False)
    base = {
        "audio_start": 0,
        "audio_end": 1,
        "confidence": 1,
        "text": "x",
        "words": [],
        "created": "2024-01-01T00:00:00.1",
    }
    (partial,) = session.receive(json.dumps({"message_type": "PartialTranscript", **base}))
    assert isinstance(partial, RealtimePartialTranscript)
    final = {"message_type": "FinalTranscript", "punctuated": True, "text_formatted": True, **base}
    assert isinstance(session.receive(json.dumps(final))[0], RealtimeFinalTranscript)
    (error,) = session.receive('{"error":"Client sent audio too fast"}')
    assert isinstance(error, RealtimeError) and str(error) == "Client sent audio too fast"
    (undecodable,) = session.receive("{nope")
    assert str(undecodable).startswith("Could not decode message")
    (unknown,) = session.receive('{"message_type":"Mystery"}')
    assert isinstance(unknown, RealtimeUnknownMessage) and unknown.message_type == "Mystery"
    (lenient,) = session.receive('{"message_type":"FinalTranscript","text":"hi"}')
    assert isinstance(lenient, RealtimeFinalTranscript) and lenient.words is None
    (strict,) = v2.Session(strict=True).receive('{"message_type":"FinalTranscript","text":"hi"}')
    assert isinstance(strict, RealtimeError) and "FinalTranscript: missing required" in str(strict)
    session.receive('{"message_type":"SessionTerminated"}')
    assert session.terminated and session.connection_closed(CloseInfo(1011)) is None


def test_v2_close_mapping_includes_1013() -> None:
    error = v2.Session().connection_closed(CloseInfo(1013, ""))
    assert error is not None and error.status_code == 1013
    assert str(error) == "temporary server condition"
    failure = ConnectFailure(FailureKind.CLOSED, "x", close=CloseInfo(4001, ""))
    assert str(v2.connect_error(failure, "ws://h/v2/realtime/ws?token=T")) == (
        "Could not connect to the real-time service: Not Authorized"
    )


def test_no_warnings_from_plain_use() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        StreamingParameters(sample_rate=16_000, format_turns=True)
        StreamingSessionParameters(max_turn_silence=1)
