"""The cases both SDKs run for the 1.0 differential suite: configs, bodies, public calls.

Standard library only: the official 1.0.0's interpreter imports this module as a top-level
script sibling (see ``driver.py``). Values an SDK hands out are observed as JSON with
``tests/compat/observing.py``.
"""

from __future__ import annotations

import asyncio
import json
import os
import urllib.request
from collections.abc import Mapping
from typing import Any

AUDIO_URL = "https://example.org/audio.mp3"
MODELS = ["universal-3-5-pro", "universal-2"]


def enum(cls: str, value: str) -> dict[str, Any]:
    return {"$enum": [cls, value]}


def model(cls: str, **kwargs: Any) -> dict[str, Any]:
    return {"$model": [cls, kwargs]}


# --- configs: constructor keywords and setters -> the request JSON ----------------------------

CONFIG_CASES: list[dict[str, Any]] = [
    {"id": "empty"},
    {"id": "speech_models", "kwargs": {"speech_models": MODELS}},
    {"id": "speech_model_best", "kwargs": {"speech_model": enum("SpeechModel", "best")}},
    {
        "id": "readme_basic",
        "kwargs": {"speech_models": MODELS, "language_detection": True, "speaker_labels": True},
    },
    {"id": "language_code", "kwargs": {"language_code": "de", "punctuate": False}},
    {"id": "language_code_enum", "kwargs": {"language_code": enum("LanguageCode", "en_us")}},
    {
        "id": "features",
        "kwargs": {
            "auto_chapters": True,
            "entity_detection": True,
            "sentiment_analysis": True,
            "iab_categories": True,
            "auto_highlights": True,
            "disfluencies": True,
            "filter_profanity": True,
            "multichannel": True,
            "speech_threshold": 0.5,
            "format_text": False,
        },
    },
    {
        "id": "summarization",
        "kwargs": {
            "summarization": True,
            "summary_model": enum("SummarizationModel", "informative"),
            "summary_type": enum("SummarizationType", "bullets"),
        },
    },
    {"id": "keyterms_prompt", "kwargs": {"keyterms_prompt": ["Gettleman", "SQL"]}},
    {"id": "prompt", "kwargs": {"prompt": "A call about wildfires."}},
    {"id": "webhook_kwargs", "kwargs": {"webhook_url": "https://example.org/hook"}},
    {
        "id": "speaker_options",
        "kwargs": {
            "speaker_labels": True,
            "speaker_options": model(
                "SpeakerOptions", min_speakers_expected=1, max_speakers_expected=3
            ),
        },
    },
    {
        "id": "language_detection_options",
        "kwargs": {
            "language_detection": True,
            "language_detection_options": model(
                "LanguageDetectionOptions", expected_languages=["en", "de"], fallback_language="en"
            ),
        },
    },
    {
        "id": "set_redact_pii",
        "setters": [
            [
                "set_redact_pii",
                [],
                {
                    "policies": [
                        enum("PIIRedactionPolicy", "person_name"),
                        enum("PIIRedactionPolicy", "organization"),
                    ],
                    "substitution": enum("PIISubstitutionPolicy", "hash"),
                    "redact_audio": True,
                },
            ]
        ],
    },
    {
        "id": "set_custom_spelling",
        "setters": [["set_custom_spelling", [{"Gettleman": ["gettleman"], "SQL": "Sequel"}], {}]],
    },
    {"id": "set_content_safety", "setters": [["set_content_safety", [True, 80], {}]]},
    {
        "id": "set_summarize",
        "setters": [
            [
                "set_summarize",
                [True, enum("SummarizationModel", "catchy")],
                {"type": enum("SummarizationType", "headline")},
            ]
        ],
    },
    {
        "id": "set_webhook",
        "setters": [["set_webhook", ["https://example.org/hook", "X-Auth", "secret"], {}]],
    },
    {"id": "set_audio_slice", "setters": [["set_audio_slice", [1000, 5000], {}]]},
    {
        "id": "set_word_boost",
        "setters": [["set_word_boost", [["alpha", "beta"]], {"boost": enum("WordBoost", "high")}]],
    },
    {"id": "set_speaker_diarization", "setters": [["set_speaker_diarization", [True, 2], {}]]},
    {"id": "set_casing_and_formatting", "setters": [["set_casing_and_formatting", [False], {}]]},
    {
        "id": "set_language_detection",
        "setters": [
            [
                "set_language_detection",
                [True, 0.4],
                {"expected_languages": ["en"], "fallback_language": "en"},
            ]
        ],
    },
    {
        "id": "setters_chained_off",
        "setters": [["set_redact_pii", [False], {}], ["set_summarize", [False], {}]],
    },
    # The 2026 fields.
    {"id": "temperature", "kwargs": {"speech_models": MODELS, "temperature": 0.2}},
    {"id": "remove_audio_tags", "kwargs": {"remove_audio_tags": "all"}},
    {"id": "domain", "kwargs": {"domain": "medical-v1"}},
    {
        "id": "keyterms_prompt_options",
        "kwargs": {
            "keyterms_prompt": ["SQL"],
            "keyterms_prompt_options": model(
                "KeytermsPromptOptions", keyterms_match_strength="high"
            ),
        },
    },
    {
        "id": "redact_pii_audio_options",
        "kwargs": {
            "redact_pii": True,
            "redact_pii_policies": [enum("PIIRedactionPolicy", "person_name")],
            "redact_pii_audio": True,
            "redact_pii_audio_options": model(
                "RedactPiiAudioOptions", override_audio_redaction_method="silence"
            ),
        },
    },
    {
        "id": "return_unredacted",
        "setters": [
            [
                "set_redact_pii",
                [],
                {
                    "policies": [enum("PIIRedactionPolicy", "person_name")],
                    "return_unredacted": True,
                },
            ]
        ],
    },
    {
        "id": "on_low_language_confidence",
        "setters": [
            ["set_language_detection", [True, 0.7], {"on_low_language_confidence": "fallback"}]
        ],
    },
    {
        "id": "speaker_options_two_stage",
        "kwargs": {
            "speaker_labels": True,
            "speaker_options": model("SpeakerOptions", use_two_stage_clustering=True),
        },
    },
    {
        "id": "language_detection_code_switching",
        "kwargs": {
            "language_detection": True,
            "language_detection_options": model("LanguageDetectionOptions", code_switching=True),
        },
    },
]


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


def submit_config(aai: Any, case: Mapping[str, Any]) -> str:
    """Build the case's config, apply its setters, and submit it (the server records the body)."""
    config = aai.TranscriptionConfig(**decode_arg(aai, case.get("kwargs", {})))
    for name, args, kwargs in case.get("setters", []):
        getattr(config, name)(*decode_arg(aai, args), **decode_arg(aai, kwargs))
    return str(aai.Transcriber(config=config).submit(f"{AUDIO_URL}?case={case['id']}").status)


# --- transcript properties read from real-world bodies ----------------------------------------

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
    # 1.0's additions.
    "unredacted_text",
    "unredacted_words",
    "unredacted_utterances",
    "language_code",
    "language_codes",
]
#: Transcript properties the 2026 spec revision brings.


# --- public calls, sync and asyncio -----------------------------------------------------------


def mark(base_url: str, name: str) -> None:
    """A request the server logs, so its log can be split per call."""
    with urllib.request.urlopen(f"{base_url}/__mark__/{name}") as response:
        response.read()


def call(aai: Any, name: str, workdir: str) -> Any:
    """One public call (by name); returns a JSON-able summary of what it returned."""
    if name.startswith("async_"):
        return asyncio.run(_async_call(aai, name))
    transcriber = aai.Transcriber()
    models = aai.TranscriptionConfig(speech_models=MODELS)
    if name == "transcribe_url":
        return transcriber.transcribe(AUDIO_URL, config=models).id
    if name == "transcribe_default_config":
        return str(transcriber.transcribe(AUDIO_URL).status)
    if name == "transcribe_poll_timeout":
        return transcriber.transcribe(AUDIO_URL, models, poll_timeout=30).text
    if name == "transcribe_api_key":
        return aai.Transcriber(api_key="compat-key").transcribe(AUDIO_URL, models).id
    if name == "client_api_key":
        client = aai.Client(api_key="compat-key")
        return aai.Transcriber(client=client).submit(AUDIO_URL, models).id
    if name == "submit":
        return str(transcriber.submit(AUDIO_URL, models).status)
    if name == "upload_bytes":
        return transcriber.upload_file(b"RIFF-not-really-audio")
    if name == "upload_path":
        path = os.path.join(workdir, "audio.bin")
        with open(path, "wb") as f:
            f.write(b"\x00\x01" * 1000)
        return str(transcriber.transcribe(path, models).status)
    if name == "get_by_id":
        return aai.Transcript.get_by_id("tr_known").text
    if name == "delete_by_id":
        return aai.Transcript.delete_by_id("tr_known").text
    if name == "word_search":
        return [
            m.text for m in aai.Transcript.get_by_id("tr_known").word_search(["hello", "big world"])
        ]
    if name == "sentences_and_paragraphs":
        transcript = aai.Transcript.get_by_id("tr_known")
        return [s.text for s in transcript.get_sentences()] + [
            p.text for p in transcript.get_paragraphs()
        ]
    if name == "exports":
        transcript = aai.Transcript.get_by_id("tr_known")
        return [
            transcript.export_subtitles_srt(),
            transcript.export_subtitles_srt(chars_per_caption=32),
            transcript.export_subtitles_vtt(chars_per_caption=20),
        ]
    if name == "redacted_audio_url":
        return aai.Transcript.get_by_id("tr_redacted").get_redacted_audio_url()
    if name == "list_transcripts":
        page = transcriber.list_transcripts()
        return [t.id for t in page.transcripts]
    if name == "list_transcripts_params":
        params = aai.ListTranscriptParameters(limit=5, status=aai.TranscriptStatus.completed)
        page = transcriber.list_transcripts(params)
        return page.page_details.before_id_of_prev_url
    if name == "transcribe_group":
        urls = [AUDIO_URL, f"{AUDIO_URL}?2", f"{AUDIO_URL}?3"]
        return sorted(t.id for t in transcriber.transcribe_group(urls, config=models))
    if name == "transcribe_group_in_order":
        urls = [AUDIO_URL, f"{AUDIO_URL}?2", f"{AUDIO_URL}?3"]
        return [t.id for t in transcriber.transcribe_group(urls, config=models)]
    if name == "construct_without_key":
        return _construct_without_key(aai)
    if name == "config_of_wrong_type":
        try:
            made = aai.Transcriber(config="speaker_labels=True")
        except Exception as error:
            return ["construction", type(error).__name__]
        try:
            made.submit(AUDIO_URL)
        except Exception as error:
            return ["call", type(error).__name__, isinstance(error, ValueError)]
        return ["accepted"]
    if name == "submit_group":
        urls = [AUDIO_URL, f"{AUDIO_URL}?2"]
        return sorted(t.id for t in transcriber.submit_group(urls, config=models))
    if name == "transcript_group_get_by_ids":
        return sorted(t.id for t in aai.TranscriptGroup.get_by_ids(["tr_a", "tr_b"]))
    raise ValueError(f"unknown call {name!r}")


def _construct_without_key(aai: Any) -> list[Any]:
    saved = aai.settings.api_key
    aai.settings.api_key = None
    out: list[Any] = []
    try:
        for make in (aai.Transcriber, aai.AsyncTranscriber):
            try:
                make()
                out.append("constructed")
            except Exception as error:
                out.append({"<raised>": type(error).__name__})
    finally:
        aai.settings.api_key = saved
    return out


async def _async_call(aai: Any, name: str) -> Any:
    models = aai.TranscriptionConfig(speech_models=MODELS)
    if name == "async_client_shared":
        async with aai.AsyncClient(settings=aai.settings) as client:
            transcriber = aai.AsyncTranscriber(client=client, config=models)
            return (await transcriber.transcribe(AUDIO_URL)).id
    async with aai.AsyncTranscriber(config=models) as transcriber:
        if name == "async_transcribe":
            return (await transcriber.transcribe(AUDIO_URL, poll_timeout=30)).text
        if name == "async_api_key":
            async with aai.AsyncTranscriber(api_key="compat-key") as keyed:
                return (await keyed.submit(AUDIO_URL, models)).id
        if name == "async_submit":
            return str((await transcriber.submit(AUDIO_URL)).status)
        if name == "async_upload_bytes":
            return await transcriber.upload_file(b"RIFF-not-really-audio")
        if name == "async_get_by_id":
            transcript = await transcriber.get_by_id("tr_known")
            return [
                transcript.text,
                [s.text for s in await transcript.get_sentences()],
                [p.text for p in await transcript.get_paragraphs()],
                [m.text for m in await transcript.word_search(["hello"])],
                await transcript.export_subtitles_srt(chars_per_caption=32),
                await transcript.export_subtitles_vtt(),
            ]
        if name == "async_delete_by_id":
            return (await transcriber.delete_by_id("tr_known")).text
        if name == "async_list_transcripts":
            params = aai.ListTranscriptParameters(limit=5)
            return [t.id for t in (await transcriber.list_transcripts(params)).transcripts]
        if name == "async_transcribe_group":
            urls = [AUDIO_URL, f"{AUDIO_URL}?2", f"{AUDIO_URL}?3"]
            return [t.id for t in await transcriber.transcribe_group(urls, max_concurrency=1)]
        if name == "async_submit_group":
            urls = [AUDIO_URL, f"{AUDIO_URL}?2"]
            kept, failures = await transcriber.submit_group(urls, return_failures=True)
            return [[t.id for t in kept], len(failures)]
    raise ValueError(f"unknown call {name!r}")


CALLS = [
    "transcribe_url",
    "transcribe_default_config",
    "transcribe_poll_timeout",
    "transcribe_api_key",
    "client_api_key",
    "submit",
    "upload_bytes",
    "upload_path",
    "get_by_id",
    "delete_by_id",
    "word_search",
    "sentences_and_paragraphs",
    "exports",
    "redacted_audio_url",
    "list_transcripts",
    "list_transcripts_params",
    "transcribe_group",
    "submit_group",
    "transcribe_group_in_order",
    "construct_without_key",
    "config_of_wrong_type",
    "transcript_group_get_by_ids",
    "async_client_shared",
    "async_transcribe",
    "async_api_key",
    "async_submit",
    "async_upload_bytes",
    "async_get_by_id",
    "async_delete_by_id",
    "async_list_transcripts",
    "async_transcribe_group",
    "async_submit_group",
]


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True)
