"""Bad input is refused before any request, with an error that names the problem.

Every row runs against a loopback server that answers nothing (any request would be recorded
as unscripted) and asserts the error type, phrases the message must contain (the value and
what is allowed), and that the server saw zero requests and zero connections.
"""

from __future__ import annotations

import asyncio
import io
import math
import struct
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import assemblyai as aai
from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
from assemblyai.testing import FakeAssemblyAI
from tests.faults import payloads
from tests.faults.harness import API_KEY, make_settings
from tests.faults.server import ScriptedServer
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

URL = payloads.AUDIO_URL


@attrs.define
class Ctx:
    server: ScriptedServer
    client: aai.Client
    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch

    @property
    def transcriber(self) -> aai.Transcriber:
        return aai.Transcriber(client=self.client)

    @property
    def lemur(self) -> aai.Lemur:
        return aai.Lemur(client=self.client)

    def transcript(self) -> aai.Transcript:
        """A completed transcript, loaded without a request."""
        response = TranscriptResponse.from_dict(payloads.transcript())
        return aai.Transcript.from_response(client=self.client, response=response)

    def file(self, name: str, content: bytes = b"RIFF....") -> Path:
        path = self.tmp_path / name
        path.write_bytes(content)
        return path

    def settings(self, **overrides: Any) -> aai.Client:
        return aai.Client(settings=make_settings(self.server.url, **overrides))

    def run(self, coroutine: Any) -> Any:
        async def main() -> Any:
            try:
                return await coroutine
            finally:
                await self.client.aclose()

        return asyncio.run(main())


def wav(ctx: Ctx, name: str, *, channels: int = 1, width: int = 2, tag: int | None = None) -> Path:
    """A short WAV file; ``tag`` rewrites the format tag (3 = IEEE float)."""
    path = ctx.tmp_path / name
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(16_000)
        out.writeframes(b"\x00" * 3200 * channels * width)
    if tag is not None:
        data = bytearray(path.read_bytes())
        struct.pack_into("<H", data, 20, tag)
        path.write_bytes(bytes(data))
    return path


class OneShot(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return 0


def closed_file(ctx: Ctx) -> Any:
    handle = ctx.file("closed.wav").open("rb")
    handle.close()
    return ctx.transcriber.upload_file(handle)


def text_mode_file(ctx: Ctx) -> Any:
    with ctx.file("text.wav").open("r") as handle:
        return ctx.transcriber.transcribe(handle)  # type: ignore[arg-type]


def empty_file_object(ctx: Ctx) -> Any:
    handle = io.BytesIO(b"abc")
    handle.seek(3)
    return ctx.transcriber.upload_file(handle)


def key_with_newline(ctx: Ctx) -> Any:
    return aai.Client(settings=make_settings(ctx.server.url, api_key=API_KEY + "\n"))


def env_var(ctx: Ctx) -> Any:
    ctx.monkeypatch.setenv("ASSEMBLYAI_MAX_RETRIES", "lots")
    return aai.Settings()


def global_settings(ctx: Ctx) -> Any:
    ctx.monkeypatch.setattr(aai.settings, "api_key", API_KEY)
    ctx.monkeypatch.setattr(aai.settings, "base_url", ctx.server.url)
    ctx.monkeypatch.setattr(aai.settings, "polling_interval", 0)
    return aai.Transcriber().transcribe(URL)


def stream(path_of: Callable[[Ctx], Path], **kwargs: Any) -> Callable[[Ctx], Any]:
    def call(ctx: Ctx) -> Any:
        from assemblyai.extras import stream_file

        return next(stream_file(path_of(ctx), realtime=False, **kwargs))

    return call


CaseCall = Callable[[Ctx], Any]
# (id, call, error type, phrases the message must contain)
CASES: list[tuple[str, CaseCall, type[BaseException], list[str]]] = [
    # -- audio sources
    (
        "missing-file",
        lambda c: c.transcriber.transcribe(c.tmp_path / "nope.wav"),
        FileNotFoundError,
        ["nope.wav", "does not exist"],
    ),
    (
        "missing-file-as-str",
        lambda c: c.transcriber.transcribe(str(c.tmp_path / "nope.mp3")),
        FileNotFoundError,
        ["nope.mp3"],
    ),
    (
        "s3-url-is-a-path",
        lambda c: c.transcriber.transcribe("s3://bucket/key.wav"),
        FileNotFoundError,
        ["'s3://bucket/key.wav' does not exist", "only http:// and https:// URLs"],
    ),
    ("directory", lambda c: c.transcriber.transcribe(c.tmp_path), IsADirectoryError, ["directory"]),
    (
        "empty-file",
        lambda c: c.transcriber.transcribe(c.file("empty.wav", b"")),
        aai.ConfigurationError,
        ["empty.wav", "empty (0 bytes)"],
    ),
    (
        "empty-bytes",
        lambda c: c.transcriber.transcribe(b""),
        aai.ConfigurationError,
        ["empty (0 bytes)"],
    ),
    (
        "file-object-at-its-end",
        empty_file_object,
        aai.ConfigurationError,
        ["empty at its current position"],
    ),
    ("closed-file-object", closed_file, aai.ConfigurationError, ["closed.wav", "closed"]),
    (
        "text-mode-file-object",
        text_mode_file,
        aai.ConfigurationError,
        ["text.wav", "text mode", "'rb'"],
    ),
    (
        "int-as-audio",
        lambda c: c.transcriber.transcribe(123),  # type: ignore[arg-type]
        TypeError,
        ["not int", "a URL, a file path, bytes or a binary file object"],
    ),
    (
        "none-as-audio",
        lambda c: c.transcriber.submit(None),  # type: ignore[arg-type]
        TypeError,
        ["not NoneType"],
    ),
    (
        "dict-as-audio",
        lambda c: c.transcriber.transcribe({"url": URL}),  # type: ignore[arg-type]
        TypeError,
        ["not dict"],
    ),
    (
        "group-with-a-missing-file",
        lambda c: c.transcriber.transcribe_group([URL, c.tmp_path / "missing.wav"]),
        FileNotFoundError,
        ["missing.wav"],
    ),
    (
        "group-with-an-empty-file",
        lambda c: c.transcriber.submit_group([URL, c.file("e.wav", b"")]),
        aai.ConfigurationError,
        ["e.wav", "empty"],
    ),
    (
        "group-given-one-string",
        lambda c: c.transcriber.transcribe_group(URL),  # type: ignore[arg-type]
        TypeError,
        ["a list of audio sources"],
    ),
    # -- configuration
    (
        "config-of-the-wrong-type",
        lambda c: c.transcriber.transcribe(URL, config={"speaker_labels": True}),  # type: ignore[arg-type]
        aai.ConfigurationError,
        ["config must be an aai.TranscriptionConfig", "not dict"],
    ),
    (
        "config-unknown-speech-model",
        lambda c: aai.TranscriptionConfig(speech_model="bestest"),  # type: ignore[arg-type]
        aai.ConfigurationError,
        ["speech_model", "'bestest'", "'best'"],
    ),
    (
        "config-threshold-out-of-range",
        lambda c: aai.TranscriptionConfig(speech_threshold=2),
        aai.ConfigurationError,
        ["speech_threshold", "between 0 and 1", "got 2"],
    ),
    (
        "config-speakers-expected-zero",
        lambda c: aai.TranscriptionConfig().set_speaker_diarization(True, speakers_expected=0),
        aai.ConfigurationError,
        ["speakers_expected", ">= 1", "got 0"],
    ),
    (
        "polling-timeout-negative",
        lambda c: c.transcriber.transcribe(URL, polling_timeout=-1),
        aai.ConfigurationError,
        ["polling_timeout", "> 0", "got -1"],
    ),
    (
        "max-retries-negative",
        lambda c: c.transcriber.transcribe(URL, max_retries=-1),
        aai.ConfigurationError,
        ["max_retries", ">= 0", "got -1"],
    ),
    (
        "max-retries-not-an-int",
        lambda c: c.transcriber.upload_file(b"abc", max_retries=1.5),  # type: ignore[arg-type]
        aai.ConfigurationError,
        ["max_retries", "got 1.5"],
    ),
    # -- transcript calls
    (
        "word-search-empty-list",
        lambda c: c.transcript().word_search([]),
        aai.ConfigurationError,
        ["word_search", "non-empty list", "got []"],
    ),
    (
        "word-search-a-string",
        lambda c: c.transcript().word_search("hello"),
        aai.ConfigurationError,
        ["a list of words, not a string", "['hello']"],
    ),
    (
        "word-search-blank-word",
        lambda c: c.transcript().word_search(["ok", " "]),
        aai.ConfigurationError,
        ["non-empty strings", "' '"],
    ),
    (
        "srt-chars-per-caption-zero",
        lambda c: c.transcript().export_subtitles_srt(chars_per_caption=0),
        aai.ConfigurationError,
        ["chars_per_caption", "positive integer", "got 0"],
    ),
    (
        "vtt-chars-per-caption-a-string",
        lambda c: c.transcript().export_subtitles_vtt(chars_per_caption="32"),  # type: ignore[arg-type]
        aai.ConfigurationError,
        ["chars_per_caption", "got '32'"],
    ),
    (
        "empty-transcript-id",
        lambda c: aai.Transcript("", client=c.client).wait_for_completion(),
        aai.ConfigurationError,
        ["transcript_id", "non-empty string", "got ''"],
    ),
    (
        "wait-timeout-zero",
        lambda c: aai.Transcript("t1", client=c.client).wait_for_completion(timeout=0),
        aai.ConfigurationError,
        ["timeout", "> 0", "got 0"],
    ),
    (
        "wait-timeout-nan",
        lambda c: aai.Transcript("t1", client=c.client).wait_for_completion(timeout=math.nan),
        aai.ConfigurationError,
        ["timeout", "got nan"],
    ),
    # -- LeMUR
    (
        "lemur-empty-prompt",
        lambda c: c.lemur.task("  ", input_text="x"),
        aai.ConfigurationError,
        ["non-empty prompt", "'  '"],
    ),
    (
        "lemur-temperature-too-high",
        lambda c: c.lemur.summarize(input_text="x", temperature=1.5),
        aai.ConfigurationError,
        ["temperature", "between 0 and 1", "1.5"],
    ),
    (
        "lemur-max-output-size-zero",
        lambda c: c.lemur.action_items(input_text="x", max_output_size=0),
        aai.ConfigurationError,
        ["max_output_size", "positive integer", "got 0"],
    ),
    (
        "lemur-nothing-to-read",
        lambda c: c.lemur.summarize(),
        aai.ConfigurationError,
        ["sources", "input_text"],
    ),
    (
        "lemur-no-questions",
        lambda c: c.lemur.question([], input_text="x"),
        aai.ConfigurationError,
        ["at least one LemurQuestion"],
    ),
    (
        "lemur-context-a-number",
        lambda c: c.lemur.summarize(input_text="x", context=123),  # type: ignore[arg-type]
        aai.ConfigurationError,
        ["context", "string or a dict", "not int"],
    ),
    (
        "lemur-timeout-zero",
        lambda c: c.lemur.task("Summarise", input_text="x", timeout=0),
        aai.ConfigurationError,
        ["timeout", "> 0", "got 0"],
    ),
    (
        "lemur-empty-request-id",
        lambda c: c.lemur.get_response_data(""),
        aai.ConfigurationError,
        ["request_id", "non-empty string"],
    ),
    # -- settings
    (
        "empty-api-key",
        lambda c: c.settings(api_key=""),
        aai.ConfigurationError,
        ["API key", "ASSEMBLYAI_API_KEY", "aai.settings.api_key"],
    ),
    (
        "api-key-with-a-line-break",
        key_with_newline,
        aai.ConfigurationError,
        ["api_key", "line break", "strip it"],
    ),
    (
        "http-timeout-zero",
        lambda c: c.settings(http_timeout=0),
        aai.ConfigurationError,
        ["http_timeout", "> 0", "got 0"],
    ),
    (
        "polling-interval-negative",
        lambda c: c.settings(polling_interval=-1.0),
        aai.ConfigurationError,
        ["polling_interval", "got -1.0"],
    ),
    (
        "max-retries-setting-negative",
        lambda c: c.settings(max_retries=-1),
        aai.ConfigurationError,
        ["max_retries", "0 or more", "got -1"],
    ),
    (
        "max-retries-setting-a-string",
        lambda c: c.settings(max_retries="3"),
        aai.ConfigurationError,
        ["max_retries", "an integer", "got '3'"],
    ),
    (
        "retry-backoff-zero",
        lambda c: c.settings(retry_backoff=0),
        aai.ConfigurationError,
        ["retry_backoff", "got 0"],
    ),
    (
        "polling-timeout-setting-zero",
        lambda c: c.settings(polling_timeout=0),
        aai.ConfigurationError,
        ["polling_timeout", "or None", "got 0"],
    ),
    (
        "upload-timeout-infinite",
        lambda c: c.settings(upload_timeout=math.inf),
        aai.ConfigurationError,
        ["upload_timeout", "got inf"],
    ),
    (
        "verify-tls-a-string",
        lambda c: c.settings(verify_tls="no"),
        aai.ConfigurationError,
        ["verify_tls", "True or False", "got 'no'"],
    ),
    (
        "base-url-without-scheme",
        lambda c: aai.Client(settings=aai.Settings(api_key=API_KEY, base_url="api.assemblyai.com")),
        aai.ConfigurationError,
        ["base_url", "http:// or https://", "'api.assemblyai.com'"],
    ),
    (
        "unknown-setting",
        lambda c: aai.Settings(max_retry=3),
        aai.ConfigurationError,
        ["unknown field", "max_retry", "max_retries"],
    ),
    (
        "malformed-environment-variable",
        env_var,
        aai.ConfigurationError,
        ["ASSEMBLYAI_MAX_RETRIES", "'lots'"],
    ),
    (
        "global-settings-polling-interval-zero",
        global_settings,
        aai.ConfigurationError,
        ["polling_interval", "got 0"],
    ),
    # -- the asyncio shell
    (
        "async-max-concurrency-zero",
        lambda c: aai.AsyncTranscriber(client=c.client, max_concurrency=0),
        aai.ConfigurationError,
        ["max_concurrency", "got 0"],
    ),
    (
        "async-missing-file",
        lambda c: c.run(aai.AsyncTranscriber(client=c.client).transcribe(c.tmp_path / "a.wav")),
        FileNotFoundError,
        ["a.wav"],
    ),
    (
        "async-group-with-a-missing-file",
        lambda c: c.run(
            aai.AsyncTranscriber(client=c.client).transcribe_group([URL, c.tmp_path / "b.wav"])
        ),
        FileNotFoundError,
        ["b.wav"],
    ),
    (
        "async-config-of-the-wrong-type",
        lambda c: c.run(aai.AsyncTranscriber(client=c.client).submit(URL, config="fast")),  # type: ignore[arg-type]
        aai.ConfigurationError,
        ["config", "not str"],
    ),
    (
        "async-lemur-temperature",
        lambda c: c.run(aai.AsyncLemur(client=c.client).task("x", input_text="y", temperature=-1)),
        aai.ConfigurationError,
        ["temperature", "-1"],
    ),
    # -- streaming a WAV file
    (
        "stream-stereo-wav",
        stream(lambda c: wav(c, "stereo.wav", channels=2)),
        aai.ConfigurationError,
        ["stereo.wav", "stereo", "16-bit PCM mono"],
    ),
    (
        "stream-8-bit-wav",
        stream(lambda c: wav(c, "8bit.wav", width=1)),
        aai.ConfigurationError,
        ["8bit.wav", "8-bit", "16-bit PCM mono"],
    ),
    (
        "stream-float-wav",
        stream(lambda c: wav(c, "float.wav", width=4, tag=3)),
        aai.ConfigurationError,
        ["float.wav", "16-bit PCM mono"],
    ),
    (
        "stream-not-a-wav",
        stream(lambda c: c.file("song.mp3", b"ID3\x04\x00" + b"\x00" * 64)),
        aai.ConfigurationError,
        ["song.mp3", "cannot be streamed"],
    ),
    (
        "stream-wrong-sample-rate",
        stream(lambda c: wav(c, "16k.wav"), sample_rate=8000),
        aai.ConfigurationError,
        ["16k.wav", "16000 Hz", "sample_rate=8000"],
    ),
]


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ctx]:
    with ScriptedServer() as server:
        client = aai.Client(settings=make_settings(server.url))
        try:
            yield Ctx(server=server, client=client, tmp_path=tmp_path, monkeypatch=monkeypatch)
        finally:
            client.close()
            default = aai.Client._default
            if default is not None:
                default.close()


def test_the_table_has_at_least_30_rows() -> None:
    assert len(CASES) >= 30
    assert len({case[0] for case in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("call", "error", "phrases"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_input_is_refused_before_any_request(
    ctx: Ctx, call: CaseCall, error: type[BaseException], phrases: list[str]
) -> None:
    with pytest.raises(error) as caught:
        call(ctx)
    message = str(caught.value)
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in {message!r}"
    assert API_KEY not in message
    assert ctx.server.requests == [] and ctx.server.connections == 0


# -- text that cannot be sent -----------------------------------------------------------------

_LONE = "caf\ud800"  # a lone surrogate: a Python string, but no valid UTF-8


@pytest.mark.parametrize(
    ("build", "named"),
    [
        (lambda: aai.TranscriptionConfig(word_boost=["ok", _LONE]), "word_boost[1]"),
        (lambda: aai.TranscriptionConfig(prompt=_LONE), "prompt"),
        (lambda: aai.TranscriptionConfig(keyterms_prompt=[_LONE]), "keyterms_prompt[0]"),
        (lambda: aai.TranscriptionConfig(webhook_url="https://x/" + _LONE), "webhook_url"),
        (lambda: aai.TranscriptionConfig(language_code=_LONE), "language_code"),
        (
            lambda: aai.TranscriptionConfig(custom_spelling={"AssemblyAI": [_LONE]}),
            "custom_spelling",
        ),
    ],
)
def test_unsendable_text_in_the_config_names_its_field(build: Any, named: str) -> None:
    with pytest.raises(aai.ConfigurationError) as caught:
        build()
    assert str(caught.value).startswith(named)
    assert "lone surrogate" in str(caught.value)


def test_unsendable_text_in_any_request_is_refused_before_sending(
    assemblyai_fake: FakeAssemblyAI,
) -> None:
    """Fields the config does not check (a raw extra field, a LeMUR prompt) are caught where
    the request is built: nothing is sent, and the error names the field."""
    raw = aai.RawTranscriptionConfig(some_new_param={"x": "y\udcff"})
    with pytest.raises(aai.ConfigurationError, match=r"the request's field some_new_param\.x"):
        aai.Transcriber().submit(
            "https://example.org/a.mp3", aai.TranscriptionConfig(raw_transcription_config=raw)
        )
    lemur = aai.Lemur(sources=[aai.LemurTranscriptSource("t1")])
    with pytest.raises(aai.ConfigurationError, match=r"the request's field prompt"):
        lemur.task(_LONE)
    assert assemblyai_fake.requests == []


# -- query values outside the spec's bounds ---------------------------------------------------


@pytest.mark.parametrize("limit", [0, 201, 500])
def test_a_list_page_size_outside_the_spec_is_refused_before_sending(
    assemblyai_fake: FakeAssemblyAI, limit: int
) -> None:
    params = aai.ListTranscriptParameters(limit=limit)
    with pytest.raises(
        aai.ConfigurationError, match=r"ListTranscriptParameters\.limit must be from 1 to 200"
    ):
        aai.Transcriber().list_transcripts(params)
    assert assemblyai_fake.requests == []
    assert aai.Transcriber().list_transcripts(aai.ListTranscriptParameters(limit=200)) is not None


def test_a_token_lifetime_outside_the_spec_is_refused_before_sending() -> None:
    from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions

    client = StreamingClient(StreamingClientOptions(api_key="key", api_host="ws://127.0.0.1:9"))
    with pytest.raises(aai.ConfigurationError, match=r"expires_in_seconds must be from 1 to 600"):
        client.create_temporary_token(expires_in_seconds=601)


@pytest.mark.parametrize("code", ["klingon", "en-US", "e", "english_us"])
def test_a_language_code_of_the_wrong_shape_is_refused(code: str) -> None:
    with pytest.raises(aai.ConfigurationError, match=r"language_code must be a string of the form"):
        aai.TranscriptionConfig(language_code=code)


@pytest.mark.parametrize("code", ["en_us", "tlh", "yue", "EN", "pt_br"])
def test_a_language_code_newer_than_the_list_is_still_sent(code: str) -> None:
    assert aai.TranscriptionConfig(language_code=code).raw.to_request_json() == {
        "language_code": code
    }
