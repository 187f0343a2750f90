"""Constructors of the streaming messages as 0.45.4 has them, kept consistent with the wire."""

from __future__ import annotations

import datetime as dt
import inspect
import json

import pytest

import assemblyai as aai
from assemblyai._core import settings as _settings
from assemblyai._generated import realtime as gen_v2
from assemblyai._generated import streaming as gen_v3
from assemblyai.streaming.v3.models import (
    BeginEvent,
    ForceEndpoint,
    StreamingClientOptions,
    StreamingSessionParameters,
    TerminateSession,
    TerminationEvent,
    TurnEvent,
    UpdateConfiguration,
)
from assemblyai.types import RealtimeMessageTypes

V3_TAGS = [
    (BeginEvent, "Begin", {"id": "s1", "expires_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)}),
    (
        TurnEvent,
        "Turn",
        {
            "turn_order": 0,
            "turn_is_formatted": False,
            "end_of_turn": False,
            "transcript": "hi",
            "end_of_turn_confidence": 0.5,
            "words": [],
        },
    ),
    (TerminationEvent, "Termination", {}),
    (TerminateSession, "Terminate", {}),
    (ForceEndpoint, "ForceEndpoint", {}),
    (UpdateConfiguration, "UpdateConfiguration", {}),
]


@pytest.mark.parametrize(("cls", "tag", "fields"), V3_TAGS, ids=[t[1] for t in V3_TAGS])
def test_v3_type_is_a_keyword_defaulting_to_the_tag(
    cls: type, tag: str, fields: dict[str, object]
) -> None:
    assert inspect.signature(cls).parameters["type"].default == tag
    given = cls(type=tag, **fields)
    assert given == cls(**fields)
    assert given.to_dict()["type"] == tag
    with pytest.raises(ValueError, match="'type' must be in"):
        cls(type="Other", **fields)


def test_termination_totals_default_to_none() -> None:
    event = TerminationEvent()
    assert (event.audio_duration_seconds, event.session_duration_seconds) == (None, None)
    assert event.to_dict() == {"type": "Termination"}
    read = TerminationEvent.from_dict(
        {"type": "Termination", "audio_duration_seconds": 3, "session_duration_seconds": 4}
    )
    assert (read.audio_duration_seconds, read.session_duration_seconds) == (3, 4)


def test_update_configuration_none_means_not_sent() -> None:
    params = inspect.signature(UpdateConfiguration).parameters
    assert params["max_turn_silence"].default is None
    assert params["keyterms_prompt"].default is None
    message = UpdateConfiguration(max_turn_silence=1500, format_turns=None)
    assert message.format_turns is None
    assert message.to_dict() == {"type": "UpdateConfiguration", "max_turn_silence": 1500}
    # What goes on the wire is a valid client message for the spec's own decoder.
    wire = json.loads(gen_v3.encode(message))
    assert gen_v3.decode_client_message(wire) == gen_v3.UpdateConfiguration(max_turn_silence=1500)
    read = UpdateConfiguration.from_dict({"type": "UpdateConfiguration", "format_turns": True})
    assert read.format_turns is True
    assert read.max_turn_silence is None  # not the generated UNSET
    assert UpdateConfiguration.from_parameters(
        StreamingSessionParameters(keyterms_prompt=["Grafana"])
    ).to_dict() == {"type": "UpdateConfiguration", "keyterms_prompt": ["Grafana"]}


def test_update_configuration_is_checked_before_sending() -> None:
    with pytest.raises(ValueError, match="max_turn_silence: expected an integer"):
        UpdateConfiguration(max_turn_silence="long")  # type: ignore[arg-type]
    message = UpdateConfiguration()
    message.format_turns = "yes"  # type: ignore[assignment]
    with pytest.raises(ValueError, match=r"cannot be sent: .*format_turns"):
        message.to_dict()


def test_client_options_default_host_follows_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    default = inspect.signature(StreamingClientOptions).parameters["api_host"].default
    assert default == "streaming.assemblyai.com"
    assert StreamingClientOptions().api_host == _settings.settings.streaming_host
    monkeypatch.setattr(_settings.settings, "streaming_host", "ws://127.0.0.1:9")
    assert StreamingClientOptions().api_host == "ws://127.0.0.1:9"
    # A host passed explicitly wins, even when it is the default one.
    explicit = StreamingClientOptions(api_host="streaming.assemblyai.com")
    assert explicit.api_host == "streaming.assemblyai.com"


TRANSCRIPT = {
    "audio_start": 0,
    "audio_end": 5,
    "confidence": 0.9,
    "text": "hi",
    "words": [],
    "created": None,
}
V2_TAGS = [
    (aai.RealtimeSessionOpened, "SessionBegins", {"session_id": "s", "expires_at": None}),
    (aai.RealtimePartialTranscript, "PartialTranscript", TRANSCRIPT),
    (
        aai.RealtimeFinalTranscript,
        "FinalTranscript",
        {**TRANSCRIPT, "punctuated": True, "text_formatted": True},
    ),
    (aai.RealtimeSessionInformation, "SessionInformation", {"audio_duration_seconds": 1.5}),
]


@pytest.mark.parametrize(("cls", "tag", "fields"), V2_TAGS, ids=[t[1] for t in V2_TAGS])
def test_v2_message_type_is_a_keyword_defaulting_to_the_tag(
    cls: type, tag: str, fields: dict[str, object]
) -> None:
    assert inspect.signature(cls).parameters["message_type"].default == tag
    given = cls(message_type=RealtimeMessageTypes(tag), **fields)
    assert given.to_dict()["message_type"] == tag
    assert json.loads(gen_v2.encode(given))["message_type"] == tag
    with pytest.raises(ValueError, match="'message_type' must be in"):
        cls(message_type="SessionTerminated", **fields)


def test_realtime_transcript_takes_0_45_4_keywords() -> None:
    names = list(inspect.signature(aai.RealtimeTranscript).parameters)
    assert names == [
        "message_type",
        "audio_start",
        "audio_end",
        "confidence",
        "text",
        "words",
        "created",
    ]
    words = [aai.RealtimeWord(start=0, end=5, confidence=0.9, text="hi")]
    transcript = aai.RealtimeTranscript(
        message_type=RealtimeMessageTypes.partial_transcript,
        audio_start=0,
        audio_end=5,
        confidence=0.9,
        text="hi",
        words=words,
        created=None,
    )
    assert transcript.message_type == "PartialTranscript"
    assert (transcript.text, transcript.words, transcript.audio_end) == ("hi", words, 5)
    assert "text='hi'" in repr(transcript)
    partial = aai.RealtimePartialTranscript.from_dict({"message_type": "PartialTranscript"})
    assert isinstance(partial, aai.RealtimeTranscript)
    assert partial.message_type == "PartialTranscript"
    assert partial.audio_start is None  # left out by the server: None, as the base declares
