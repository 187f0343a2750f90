"""The cases both SDKs run: read a body, build a config, make a public call.

Each takes the ``assemblyai`` module under test and returns a JSON observation.
"""

from __future__ import annotations

import contextlib
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

if __package__:
    from .observing import guarded, normalize, observe, public_name, raised
else:  # run as a script by 0.45.4's interpreter (see driver.py): the siblings are top-level
    from observing import guarded, normalize, observe, public_name, raised  # type: ignore[no-redef,import-not-found]

AUDIO_URL = "https://example.org/audio.mp3"

# Transcript properties that read a response field of another name.
RENAMED = {
    "content_safety": "content_safety_labels",
    "sentiment_analysis": "sentiment_analysis_results",
    "iab_categories": "iab_categories_result",
    "auto_highlights": "auto_highlights_result",
}
TRANSCRIPT_PROPERTIES = [
    "id",
    "audio_url",
    "speech_model",
    "speech_model_used",
    "text",
    "translated_texts",
    "speech_understanding",
    "summary",
    "chapters",
    "status",
    "error",
    "words",
    "utterances",
    "confidence",
    "audio_duration",
    "webhook_status_code",
    "webhook_auth",
    *RENAMED,
]


# --- reading bodies --------------------------------------------------------------------------


def _transcript_observation(transcript: Any, shapes_: Mapping[str, Any]) -> dict[str, Any]:
    fields = shapes_["TranscriptResponse"]["fields"]
    out = {
        name: guarded(
            lambda name=name: observe(
                getattr(transcript, name), fields.get(RENAMED.get(name, name), "any"), shapes_
            )
        )
        for name in TRANSCRIPT_PROPERTIES
    }
    # json_response holds every field the body sent: compare those 0.45.4 knows.
    out["json_response"] = guarded(
        lambda: {
            f: observe(transcript.json_response.get(f), d, shapes_)
            for f, d in fields.items()
            if f not in ("status",)
        }
    )
    return out


def _translation_defaults(transcript: Any) -> list[Any]:
    """The two translation flags with a default in the API's description, as read."""
    translation = _part(_part(transcript.speech_understanding, "request"), "translation")
    return [_part(translation, "formal"), _part(translation, "match_original_utterance")]


def _part(value: Any, name: str) -> Any:
    # 0.45.4 gives models here; ours gives the mapping the API sent (absent keys read None).
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name)


def read_case(aai: Any, case: Mapping[str, Any], shapes_: Mapping[str, Any]) -> Any:
    """Read one body the server holds (under ``case["id"]``) and observe what the SDK gives."""
    kind, key = case["kind"], case["id"]
    if kind == "transcript":
        transcript = aai.Transcript.get_by_id(key)
        return _transcript_observation(transcript, shapes_)
    if kind == "probe":
        transcript = aai.Transcript.get_by_id(key)
        return {
            "json_keys": sorted(transcript.json_response),
            "json_content_safety": normalize(transcript.json_response.get("content_safety_labels")),
            "audio_duration": transcript.audio_duration,
            "speech_model": normalize(transcript.speech_model),
            "word_assignment": guarded(lambda: setattr(transcript.words[0], "text", "changed")),
            "translation_defaults": guarded(lambda: _translation_defaults(transcript)),
            "first_word_start": guarded(lambda: transcript.words[0].start),
        }
    if kind in ("sentences", "paragraphs"):
        transcript = aai.Transcript.get_by_id(key)
        items = transcript.get_sentences() if kind == "sentences" else transcript.get_paragraphs()
        model = "Sentence" if kind == "sentences" else "Paragraph"
        return observe(items, ["list", ["model", model]], shapes_)
    if kind == "word_search":
        transcript = aai.Transcript.get_by_id(key)
        return observe(
            transcript.word_search(["a", "b"]), ["list", ["model", "WordSearchMatch"]], shapes_
        )
    if kind == "list":
        params = aai.ListTranscriptParameters(after_id=key)
        result = aai.Transcriber().list_transcripts(params)
        return observe(result, ["model", "ListTranscriptResponse"], shapes_)
    if kind == "lemur_response":
        result = aai.Lemur().get_response_data(key)
        model = (
            "LemurQuestionResponse" if isinstance(result.response, list) else "LemurStringResponse"
        )
        return {"class": public_name(result), "value": observe(result, ["model", model], shapes_)}
    if kind == "lemur_task":
        result = aai.Lemur().task(key, input_text="Some text to read.")
        return observe(result, ["model", "LemurTaskResponse"], shapes_)
    raise ValueError(f"unknown read kind {kind!r}")


# --- configs ---------------------------------------------------------------------------------


def decode_arg(aai: Any, value: Any) -> Any:
    """JSON -> SDK value: ``{"$enum": [class, value]}`` and ``{"$model": [class, kwargs]}``."""
    if isinstance(value, dict) and "$enum" in value:
        cls_name, raw = value["$enum"]
        return getattr(aai, cls_name)(raw)
    if isinstance(value, dict) and "$model" in value:
        cls_name, kwargs = value["$model"]
        return getattr(aai, cls_name)(**{k: decode_arg(aai, v) for k, v in kwargs.items()})
    if isinstance(value, list):
        return [decode_arg(aai, v) for v in value]
    if isinstance(value, dict):
        return {k: decode_arg(aai, v) for k, v in value.items()}
    return value


def config_case(aai: Any, case: Mapping[str, Any], shapes_: Mapping[str, Any]) -> Any:
    """Build the config, apply the setters, observe its properties, then submit it."""
    try:
        config = aai.TranscriptionConfig(**decode_arg(aai, case.get("kwargs", {})))
        for name, args, kwargs in case.get("setters", []):
            getattr(config, name)(*decode_arg(aai, args), **decode_arg(aai, kwargs))
    except Exception as error:
        return raised(error)
    fields = shapes_["RawTranscriptionConfig"]["fields"]
    properties = {
        f: guarded(lambda f=f, d=d: observe(getattr(config, f), d, shapes_))
        for f, d in fields.items()
    }
    submitted = guarded(
        lambda: aai.Transcriber(config=config).submit(f"{AUDIO_URL}?case={case['id']}").id
    )
    return {"properties": properties, "submitted": submitted}


# --- public calls ----------------------------------------------------------------------------


@contextlib.contextmanager
def configured(aai: Any, base_url: str) -> Iterator[None]:
    settings = aai.settings
    saved = (settings.base_url, settings.api_key, settings.polling_interval)
    settings.base_url, settings.api_key, settings.polling_interval = base_url, "compat-key", 0.01
    # Ours runs LeMUR on LLM Gateway by default; the comparison is with 0.45.4's LeMUR endpoints.
    backend = getattr(settings, "lemur_backend", None)
    if backend is not None:
        settings.lemur_backend = "lemur"
    try:
        yield
    finally:
        settings.base_url, settings.api_key, settings.polling_interval = saved
        if backend is not None:
            settings.lemur_backend = backend


def mark(base_url: str, name: str) -> None:
    """A request the server logs, so its log can be split per call."""
    with urllib.request.urlopen(f"{base_url}/__mark__/{name}") as response:
        response.read()


def call(aai: Any, name: str, base_url: str, workdir: str, hosts: Mapping[str, str]) -> Any:
    """One public call (by name) against the server; returns what it returned, observed."""
    transcriber = aai.Transcriber()
    if name == "transcribe_url":
        return transcriber.transcribe(AUDIO_URL).id
    if name == "transcribe_with_config":
        config = aai.TranscriptionConfig(speaker_labels=True, punctuate=False)
        return transcriber.transcribe(AUDIO_URL, config=config).status
    if name == "submit":
        return transcriber.submit(AUDIO_URL).status
    if name == "upload_bytes":
        return transcriber.upload_file(b"RIFF-not-really-audio")
    if name == "upload_path":
        path = f"{workdir}/audio.bin"
        with open(path, "wb") as f:
            f.write(b"\x00\x01" * 1000)
        return transcriber.transcribe(path).status
    if name == "get_by_id":
        return aai.Transcript.get_by_id("tr_known").text
    if name == "delete_by_id":
        return aai.Transcript.delete_by_id("tr_known").text
    if name == "word_search":
        return aai.Transcript.get_by_id("tr_known").word_search(["hello", "big world"])
    if name == "get_sentences":
        return aai.Transcript.get_by_id("tr_known").get_sentences()
    if name == "get_paragraphs":
        return aai.Transcript.get_by_id("tr_known").get_paragraphs()
    if name == "export_srt":
        return aai.Transcript.get_by_id("tr_known").export_subtitles_srt()
    if name == "export_srt_chars":
        return aai.Transcript.get_by_id("tr_known").export_subtitles_srt(chars_per_caption=32)
    if name == "export_vtt":
        return aai.Transcript.get_by_id("tr_known").export_subtitles_vtt(chars_per_caption=20)
    if name == "redacted_audio_url":
        return aai.Transcript.get_by_id("tr_redacted").get_redacted_audio_url()
    if name == "list_transcripts":
        return transcriber.list_transcripts()
    if name == "list_transcripts_params":
        params = aai.ListTranscriptParameters(limit=5, status=aai.TranscriptStatus.completed)
        return transcriber.list_transcripts(params)
    if name == "lemur_task":
        lemur = aai.Transcript.get_by_id("tr_known").lemur
        return lemur.task("Say hi", final_model=aai.LemurModel.claude3_5_sonnet).response
    if name == "lemur_summarize":
        lemur = aai.Transcript.get_by_id("tr_known").lemur
        return lemur.summarize(
            context="a call", answer_format="bullets", max_output_size=100
        ).response
    if name == "lemur_question":
        lemur = aai.Transcript.get_by_id("tr_known").lemur
        question = aai.LemurQuestion(question="Who?", answer_options=["a", "b"])
        return lemur.question(question, temperature=0.5).response
    if name == "lemur_action_items":
        lemur = aai.Transcript.get_by_id("tr_known").lemur
        return lemur.action_items(input_text="some text").response
    if name == "lemur_task_without_sources":
        return aai.Lemur().task("Say hi").response
    if name == "lemur_purge":
        return aai.Lemur.purge_request_data("req_1").deleted
    if name == "lemur_get_response_data":
        return aai.Lemur().get_response_data("req_1").response
    if name == "transcribe_group":
        group = transcriber.transcribe_group([AUDIO_URL, f"{AUDIO_URL}?2", f"{AUDIO_URL}?3"])
        return sorted(t.id for t in group)
    if name == "transcribe_group_order":
        group = transcriber.transcribe_group([AUDIO_URL, f"{AUDIO_URL}?2", f"{AUDIO_URL}?3"])
        return [t.id for t in group]
    if name == "settings_changed_after_construction":
        saved = aai.settings.base_url
        aai.settings.base_url = "http://127.0.0.1:9"  # nothing listens there
        try:
            constructed = aai.Transcriber()
        finally:
            aai.settings.base_url = saved
        return constructed.submit(AUDIO_URL).status
    if name == "streaming_token":
        from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions

        options = StreamingClientOptions(api_key="compat-key", api_host=hosts["token_host"])
        return StreamingClient(options).create_temporary_token(
            expires_in_seconds=60, max_session_duration_seconds=300
        )
    if name == "streaming_connect_with_token":
        from assemblyai.streaming.v3 import (
            StreamingClient,
            StreamingClientOptions,
            StreamingParameters,
        )

        client = StreamingClient(StreamingClientOptions(token="tok", api_host=hosts["ws_host"]))
        client.connect(StreamingParameters(sample_rate=16000))
        client.disconnect(terminate=True)
        return None
    if name == "realtime_token":
        return aai.RealtimeTranscriber.create_temporary_token(expires_in=60)
    raise ValueError(f"unknown call {name!r}")


# How 0.45.4 types what a call returns (the rest are scalars or plain lists).
RESULT_TYPES = {
    "word_search": ["list", ["model", "WordSearchMatch"]],
    "get_sentences": ["list", ["model", "Sentence"]],
    "get_paragraphs": ["list", ["model", "Paragraph"]],
    "list_transcripts": ["model", "ListTranscriptResponse"],
    "list_transcripts_params": ["model", "ListTranscriptResponse"],
    "lemur_question": ["list", ["model", "LemurQuestionAnswer"]],
}

CALLS = [
    "transcribe_url",
    "transcribe_with_config",
    "submit",
    "upload_bytes",
    "upload_path",
    "get_by_id",
    "delete_by_id",
    "word_search",
    "get_sentences",
    "get_paragraphs",
    "export_srt",
    "export_srt_chars",
    "export_vtt",
    "redacted_audio_url",
    "list_transcripts",
    "list_transcripts_params",
    "lemur_task",
    "lemur_summarize",
    "lemur_question",
    "lemur_action_items",
    "lemur_task_without_sources",
    "lemur_purge",
    "lemur_get_response_data",
    "transcribe_group",
    "realtime_token",
    "streaming_token",
    "streaming_connect_with_token",
    "transcribe_group_order",
    "settings_changed_after_construction",
]
