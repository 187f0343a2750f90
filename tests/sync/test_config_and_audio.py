"""The pure core of the synchronous product: options, audio checks, error mapping."""

from __future__ import annotations

import io
import pickle
import struct

import pytest

import assemblyai as aai
from assemblyai._sync import audio as _audio
from assemblyai._sync import config as _config
from assemblyai._sync.errors import error_code_of, retry_after_of, sync_status_error
from assemblyai.testing._audio import make_wav
from generator.specload import load_document
from tests.sync.conftest import REPO

Config = aai.SyncTranscriptionConfig


# --- options ---------------------------------------------------------------------------------


def test_defaults_and_wire_form() -> None:
    config = Config()
    assert config.model == "universal-3-5-pro"
    assert config.to_options() == {}
    config = Config(model=aai.SyncSpeechModel.universal_3_5_pro, timestamps=True, channels=1)
    assert config.model == "universal-3-5-pro"
    assert config.to_options() == {"channels": 1, "timestamps": True}
    assert config.dict(exclude_none=True) == {
        "model": "universal-3-5-pro",
        "channels": 1,
        "timestamps": True,
    }
    assert config.model_dump()["prompt"] is None


def test_keyterms_are_cleaned_and_capped_in_total() -> None:
    assert Config(keyterms_prompt=[" AssemblyAI ", "", "  ", "U3"]).keyterms_prompt == [
        "AssemblyAI",
        "U3",
    ]
    assert Config(keyterms_prompt=["", " "]).keyterms_prompt is None
    assert Config(keyterms_prompt=["x" * 1024, "y" * 1024]).keyterms_prompt is not None
    with pytest.raises(aai.ConfigurationError, match=r"2049 characters in all.*at most 2048"):
        Config(keyterms_prompt=["x" * 1024, "y" * 1025])
    with pytest.raises(aai.ConfigurationError, match="list of strings"):
        Config(keyterms_prompt="AssemblyAI")


def test_conversation_context_is_trimmed_oldest_first() -> None:
    assert Config(conversation_context="  hi ").conversation_context == ["hi"]
    turns = [f"turn {i}" for i in range(150)]
    kept = Config(conversation_context=turns).conversation_context
    assert kept == turns[-100:]
    long = ["a" * 3000, "b" * 2000, "c" * 100]
    assert Config(conversation_context=long).conversation_context == ["b" * 2000, "c" * 100]
    # A last turn over the cap on its own leaves nothing, as the server would.
    assert Config(conversation_context=["z" * 5000]).conversation_context is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"prompt": "p" * 4097}, "4097 characters.*at most 4096"),
        ({"language_codes": "es"}, r"must be a list, e.g. \['es'\]"),
        ({"language_codes": ["en-US"]}, "not an ISO 639-1 code"),
        ({"sample_rate": 0}, "sample_rate must be a whole number > 0"),
        ({"sample_rate": 16000.0}, "sample_rate must be a whole number"),
        ({"channels": 3}, "1 \\(mono\\) or 2 \\(stereo\\)"),
        ({"timestamps": "yes"}, "timestamps must be True or False"),
        ({"model": ""}, "model must be a model name"),
    ],
)
def test_values_the_api_refuses_raise_when_set(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(aai.ConfigurationError, match=message):
        Config(**kwargs)  # type: ignore[arg-type]


def test_assignment_is_checked_too() -> None:
    config = Config()
    config.keyterms_prompt = [" a "]
    assert config.keyterms_prompt == ["a"]
    with pytest.raises(aai.ConfigurationError):
        config.prompt = "p" * 5000


def test_the_limits_are_the_specs() -> None:
    doc = load_document(REPO / "spec" / "sync.openapi.yml")
    schemas = doc["components"]["schemas"]
    options = schemas["TranscribeOptions"]["properties"]
    assert options["prompt"]["maxLength"] == _config.MAX_PROMPT_LENGTH
    assert options["keyterms_prompt"]["x-max-total-length"] == _config.MAX_KEYTERMS_PROMPT_LENGTH
    context = options["conversation_context"]
    assert context["maxItems"] == _config.MAX_CONVERSATION_CONTEXT_TURNS
    assert context["x-max-total-length"] == _config.MAX_CONVERSATION_CONTEXT_LENGTH
    assert options["channels"]["maximum"] == _config.MAX_CHANNELS
    assert options["language_codes"]["items"]["pattern"] == f"^{_config.LANGUAGE_CODE.pattern}$"
    audio = schemas["TranscribeRequest"]["properties"]["audio"]
    assert audio["x-max-bytes"] == _audio.MAX_AUDIO_BYTES
    assert audio["x-max-duration-seconds"] == _audio.MAX_AUDIO_SECONDS
    assert schemas["SpeechModel"]["enum"] == [_config.DEFAULT_SYNC_MODEL]


# --- audio -----------------------------------------------------------------------------------


def _prepare(data: bytes, name: str | None = None, **config: object) -> _audio.PreparedAudio:
    return _audio.prepare_audio(_audio.RawAudio(data, name), Config(**config))  # type: ignore[arg-type]


def test_wav_goes_as_audio_wav_with_its_duration() -> None:
    prepared = _prepare(make_wav(2.5, sample_rate=16000))
    assert (prepared.filename, prepared.content_type) == ("audio.wav", "audio/wav")
    assert prepared.duration == pytest.approx(2.5)
    assert _prepare(make_wav(1.0), "call.wav").filename == "call.wav"


def test_pcm_is_chosen_by_name_or_format_and_needs_both_fields() -> None:
    pcm = bytes(32000)
    prepared = _prepare(pcm, sample_rate=16000, channels=1)
    assert (prepared.filename, prepared.content_type) == ("audio.pcm", "audio/pcm")
    assert prepared.duration == pytest.approx(1.0)
    assert _prepare(pcm, "a.RAW", sample_rate=8000, channels=2).content_type == "audio/pcm"
    with pytest.raises(aai.ConfigurationError, match="needs both sample_rate and channels"):
        _prepare(pcm, "a.pcm")
    with pytest.raises(aai.ConfigurationError, match="needs both sample_rate and channels"):
        _prepare(pcm, sample_rate=16000)


@pytest.mark.parametrize(
    ("data", "config", "message"),
    [
        (b"", {}, "the audio is empty"),
        (b"ID3\x04" + bytes(100), {}, "is not a WAV file"),
        (make_wav(121.0, sample_rate=8000), {}, "121.0 s long; .* at most 120 s"),
        (bytes(16000 * 2 * 121), {"sample_rate": 16000, "channels": 1}, "121.0 s long"),
        (bytes(40 * 2**20 + 1), {"sample_rate": 16000, "channels": 1}, "at most 40 MB"),
    ],
)
def test_audio_the_api_refuses(data: bytes, config: dict[str, object], message: str) -> None:
    with pytest.raises(aai.ConfigurationError, match=message):
        _prepare(data, **config)


def test_wav_duration_reads_streaming_headers_and_gives_up_on_odd_ones() -> None:
    wav = make_wav(1.0, sample_rate=8000)
    streamed = wav[:40] + struct.pack("<I", 0xFFFFFFFF) + wav[44:]
    assert _audio.wav_duration(streamed) == pytest.approx(1.0)
    assert _audio.wav_duration(b"RIFF\x00\x00\x00\x00WAVE") is None


def test_read_audio_inputs(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "clip.wav"
    path.write_bytes(b"RIFF")
    assert _audio.read_audio(path) == _audio.RawAudio(b"RIFF", "clip.wav")
    assert _audio.read_audio(str(path)).name == "clip.wav"
    assert _audio.read_audio(bytearray(b"ab")) == _audio.RawAudio(b"ab")
    named = io.BytesIO(b"xy")
    named.name = "/tmp/x.pcm"
    assert _audio.read_audio(named) == _audio.RawAudio(b"xy", "x.pcm")
    with pytest.raises(aai.ConfigurationError, match="text mode"):
        _audio.read_audio(io.StringIO("abc"))  # type: ignore[arg-type]
    with pytest.raises(aai.ConfigurationError, match="does not take URLs"):
        _audio.read_audio("https://example.org/a.wav")
    with pytest.raises(TypeError, match="unsupported audio input type: int"):
        _audio.read_audio(3)  # type: ignore[arg-type]


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"title": "Audio Too Large", "status": 413}, "audio_too_large"),
        ({"error_code": "bad_audio", "message": "no"}, "bad_audio"),
        ({"detail": "no"}, None),
        ({"error": "no"}, None),
        ("text", None),
    ],
)
def test_error_codes(body: object, code: str | None) -> None:
    assert error_code_of(body) == code


def test_retry_after() -> None:
    assert retry_after_of({"retry-after": "7"}) == 7
    assert retry_after_of({"retry-after-ms": "1500"}) == 2
    assert retry_after_of({}) is None


def test_an_error_answer_is_a_sync_error_and_the_status_class_and_pickles() -> None:
    error = sync_status_error(
        status_code=429,
        headers={"retry-after": "3"},
        content=b'{"title": "Too Many Requests", "status": 429, "detail": "Slow down."}',
        method="POST",
        url="https://sync.assemblyai.com/v1/transcribe",
    )
    assert isinstance(error, aai.SyncTranscriptError)
    assert isinstance(error, aai.RateLimitError)
    assert (error.status_code, error.error_code, error.retry_after) == (
        429,
        "too_many_requests",
        3,
    )
    assert "Slow down." in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.error_code, copy.retry_after) == (type(error), "too_many_requests", 3)
    # 1.0's constructor still works.
    plain = aai.SyncTranscriptError("boom", status_code=500, error_code="x", retry_after=1)
    assert (plain.status_code, plain.error_code, plain.retry_after) == (500, "x", 1)


def test_messages_for_a_bare_problem_and_a_wrong_host() -> None:
    bare = sync_status_error(
        status_code=413,
        headers={},
        content=b'{"title": "Audio Too Large", "status": 413}',
        method="POST",
        url="https://sync.assemblyai.com/v1/transcribe",
    )
    assert str(bare) == "synchronous transcription failed: Audio Too Large (HTTP 413)."
    assert bare.api_message == "Audio Too Large"
    lost = sync_status_error(
        status_code=404,
        headers={},
        content=b"<html>Not Found</html>",
        method="POST",
        url="https://example.org/v1/transcribe",
    )
    assert "https://example.org/v1/transcribe" in str(lost)
    assert "aai.settings.sync_base_url" in str(lost)
