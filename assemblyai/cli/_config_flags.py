"""Every ``TranscriptionConfig`` option as a command-line flag, and the config they make.

:func:`add_config_flags` adds the flags (grouped by feature for ``--help``) to ``transcribe``
and ``batch``; :func:`config_from_args` turns the parsed flags back into an
``aai.TranscriptionConfig``. A flag that is not given is not sent, so the API's defaults apply.
Booleans have a ``--no-`` form to send ``false`` explicitly.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import assemblyai as aai
from assemblyai._core.enums import RemoveAudioTags
from assemblyai.types import (
    PIIRedactedAudioQuality,
    PIIRedactionPolicy,
    PIISubstitutionPolicy,
    SpeechModel,
    SummarizationModel,
    SummarizationType,
    WordBoost,
)

__all__ = ["CONFIG_PARAMETERS", "add_config_flags", "config_from_args", "csv_list"]


def csv_list(text: str) -> list[str]:
    """``"a, b,c"`` → ``["a", "b", "c"]`` (the type of comma-separated flags)."""
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        raise argparse.ArgumentTypeError(f"empty item in comma-separated list {text!r}")
    return items


def _values(enum: type[Any]) -> list[str]:
    return [member.value for member in enum]


def _custom_spelling(text: str) -> tuple[list[str], str]:
    source, sep, target = text.rpartition("=")
    if not sep or not source.strip() or not target.strip():
        raise argparse.ArgumentTypeError(f"expected FROM[,FROM...]=TO, got {text!r}")
    return csv_list(source), target.strip()


def _json_object(text: str) -> dict[str, Any]:
    """A JSON object given inline, or as ``@path`` to a file holding one."""
    try:
        raw = Path(text[1:]).read_text(encoding="utf-8") if text.startswith("@") else text
        value = json.loads(raw)
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {text[1:]!r}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("expected a JSON object ({...})")
    return value


def _bool(group: Any, name: str, help_text: str) -> None:
    group.add_argument(
        f"--{name.replace('_', '-')}",
        dest=name,
        action=argparse.BooleanOptionalAction,
        default=None,
        help=help_text,
    )


def _opt(
    group: Any,
    name: str,
    help_text: str,
    *,
    type: Callable[[str], Any] = str,
    metavar: str | None = None,
    choices: list[str] | None = None,
    flag: str | None = None,
) -> None:
    group.add_argument(
        flag or f"--{name.replace('_', '-')}",
        dest=name,
        type=type,
        default=None,
        metavar=metavar,
        choices=choices,
        help=help_text,
    )


def _many(group: Any, name: str, help_text: str, *, split: bool, metavar: str) -> None:
    group.add_argument(
        f"--{name.replace('_', '-')}",
        dest=name,
        action="extend" if split else "append",
        type=csv_list if split else str,
        default=None,
        metavar=metavar,
        help=help_text,
    )


def add_config_flags(parser: argparse.ArgumentParser) -> None:
    """Add one flag per ``TranscriptionConfig`` option to ``parser``."""
    g = parser.add_argument_group("transcription: language and model")
    _opt(g, "language_code", "language of the audio, e.g. en_us, de, fr", metavar="CODE")
    _many(g, "language_codes", "languages for code switching (comma-separated)", split=True, metavar="CODES")  # fmt: skip
    _bool(g, "language_detection", "detect the language of the audio")
    _opt(g, "language_confidence_threshold", "fail the transcript when the detected language's confidence is below this (0 to 1)", type=float, metavar="F")  # fmt: skip
    _many(g, "expected_languages", "languages language detection may choose from (comma-separated)", split=True, metavar="CODES")  # fmt: skip
    _opt(g, "fallback_language", "language used when detection is unsure", metavar="CODE")
    _opt(g, "speech_model", "speech model", choices=_values(SpeechModel))
    _many(g, "speech_models", "speech models to try, in order (comma-separated)", split=True, metavar="MODELS")  # fmt: skip
    _opt(g, "prompt", "a prompt that guides the speech model", metavar="TEXT")
    _many(g, "keyterms_prompt", "a word or phrase to expect (repeatable)", split=False, metavar="TERM")  # fmt: skip
    _opt(g, "speech_threshold", "reject audio with less than this fraction of speech (0 to 1)", type=float, metavar="F")  # fmt: skip
    _opt(g, "temperature", "sampling temperature of the speech model (0 to 1)", type=float, metavar="F")  # fmt: skip
    _opt(g, "domain", "a domain-specialised model variant, e.g. medical-v1", metavar="DOMAIN")
    _opt(g, "keyterms_prompt_options", 'how --keyterms-prompt applies, as a JSON object or @FILE, e.g. {"keyterms_match_strength": "high"}', type=_json_object, metavar="JSON")  # fmt: skip

    g = parser.add_argument_group("transcription: text")
    _bool(g, "punctuate", "add punctuation (API default: on)")
    _bool(g, "format_text", "format casing, numbers and the like (API default: on)")
    _bool(g, "disfluencies", 'keep filler words such as "um" and "uh"')
    _bool(g, "filter_profanity", "replace profanity with asterisks")
    _opt(g, "remove_audio_tags", "remove bracketed audio tags such as [MUSIC]", choices=_values(RemoveAudioTags))  # fmt: skip
    _many(g, "word_boost", "a word or phrase to recognise more readily (repeatable; older API option, prefer --keyterms-prompt)", split=False, metavar="WORD")  # fmt: skip
    _opt(g, "boost_param", "how much --word-boost weighs", choices=_values(WordBoost))
    g.add_argument(
        "--custom-spelling",
        dest="custom_spelling",
        action="append",
        type=_custom_spelling,
        default=None,
        metavar="FROM[,FROM...]=TO",
        help="write TO wherever one of the FROM words is heard (repeatable), "
        "e.g. --custom-spelling 'k8s,kube=Kubernetes'",
    )

    g = parser.add_argument_group("transcription: speakers and channels")
    _bool(g, "speaker_labels", "label who speaks when (speaker diarization)")
    _opt(g, "speakers_expected", "the number of speakers, if known", type=int, metavar="N")
    _opt(g, "min_speakers", "at least this many speakers", type=int, metavar="N", flag="--min-speakers")  # fmt: skip
    _opt(g, "max_speakers", "at most this many speakers", type=int, metavar="N", flag="--max-speakers")  # fmt: skip
    _bool(g, "multichannel", "transcribe each audio channel separately")
    _bool(g, "dual_channel", "deprecated by the API; use --multichannel")

    g = parser.add_argument_group("transcription: PII redaction")
    _bool(g, "redact_pii", "redact personal information (needs --redact-pii-policies)")
    _many(g, "redact_pii_policies", "kinds of information to redact (comma-separated): " + ", ".join(_values(PIIRedactionPolicy)), split=True, metavar="POLICIES")  # fmt: skip
    _opt(g, "redact_pii_sub", "what redacted text becomes", choices=_values(PIISubstitutionPolicy))
    _bool(g, "redact_pii_audio", "also produce a copy of the audio with the PII bleeped")
    _opt(g, "redact_pii_audio_quality", "file type of the redacted audio", choices=_values(PIIRedactedAudioQuality))  # fmt: skip
    _bool(g, "redact_pii_return_unredacted", "also return the text before redaction")
    _opt(g, "redact_pii_audio_options", 'options of the redacted audio as a JSON object or @FILE, e.g. {"return_redacted_no_speech_audio": true}', type=_json_object, metavar="JSON")  # fmt: skip

    g = parser.add_argument_group("transcription: summarization and audio intelligence")
    g.add_argument(
        "--summarization",
        "--summarize",
        dest="summarization",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="summarize the transcript",
    )
    _opt(g, "summary_model", "summarization model", choices=_values(SummarizationModel))
    _opt(g, "summary_type", "shape of the summary", choices=_values(SummarizationType))
    _bool(g, "auto_chapters", "split the audio into chapters, each with a summary")
    _bool(g, "auto_highlights", "detect key phrases")
    _bool(g, "sentiment_analysis", "rate the sentiment of each sentence")
    _bool(g, "entity_detection", "detect named entities")
    _bool(g, "iab_categories", "detect topics (IAB categories)")
    _bool(g, "custom_topics", "deprecated by the API: use custom topics")
    _many(g, "topics", "deprecated by the API: custom topics (comma-separated)", split=True, metavar="TOPICS")  # fmt: skip
    _bool(g, "content_safety", "detect sensitive content")
    _opt(g, "content_safety_confidence", "confidence threshold for --content-safety (25 to 100)", type=int, metavar="N")  # fmt: skip
    _opt(g, "speech_understanding", "speech-understanding request (translation, speaker identification, custom formatting) as a JSON object or @FILE", type=_json_object, metavar="JSON")  # fmt: skip

    g = parser.add_argument_group("transcription: audio slice, webhook and raw options")
    _opt(g, "audio_start_from", "start transcribing at this offset (milliseconds)", type=int, metavar="MS")  # fmt: skip
    _opt(g, "audio_end_at", "stop transcribing at this offset (milliseconds)", type=int, metavar="MS")  # fmt: skip
    _opt(g, "webhook_url", "URL the API calls when the transcript is done", metavar="URL")
    _opt(g, "webhook_auth_header_name", "header sent with the webhook call", metavar="NAME")
    _opt(g, "webhook_auth_header_value", "value of that header", metavar="VALUE")
    _opt(g, "config_json", "request fields as a JSON object or @FILE, for options newer than this CLI; the flags above override it", type=_json_object, metavar="JSON", flag="--config-json")  # fmt: skip


#: The ``TranscriptionConfig`` constructor parameters, each set from the flag of the same name
#: (``speaker_options``, ``language_detection_options`` and ``raw_transcription_config`` are
#: built from several flags below).
CONFIG_PARAMETERS: tuple[str, ...] = (
    "language_code",
    "punctuate",
    "format_text",
    "dual_channel",
    "multichannel",
    "webhook_url",
    "webhook_auth_header_name",
    "webhook_auth_header_value",
    "audio_start_from",
    "audio_end_at",
    "word_boost",
    "boost_param",
    "filter_profanity",
    "redact_pii",
    "redact_pii_audio",
    "redact_pii_audio_quality",
    "redact_pii_policies",
    "redact_pii_sub",
    "speaker_labels",
    "speakers_expected",
    "content_safety",
    "content_safety_confidence",
    "iab_categories",
    "disfluencies",
    "sentiment_analysis",
    "auto_chapters",
    "entity_detection",
    "summarization",
    "summary_model",
    "summary_type",
    "auto_highlights",
    "language_detection",
    "language_confidence_threshold",
    "speech_threshold",
    "speech_model",
    "speech_models",
    "prompt",
    "keyterms_prompt",
    "speech_understanding",
    "language_codes",
    "redact_pii_audio_options",
    "redact_pii_return_unredacted",
    "temperature",
    "remove_audio_tags",
    "domain",
    "keyterms_prompt_options",
    "custom_topics",
    "topics",
)


def config_from_args(args: argparse.Namespace) -> aai.TranscriptionConfig:
    """The ``TranscriptionConfig`` the flags in ``args`` describe.

    Raises:
        ConfigurationError: the options contradict each other or a value is out of range.
    """
    kwargs: dict[str, Any] = {
        name: getattr(args, name)
        for name in CONFIG_PARAMETERS
        if getattr(args, name, None) is not None
    }
    if args.min_speakers is not None or args.max_speakers is not None:
        kwargs["speaker_options"] = {
            key: value
            for key, value in (
                ("min_speakers_expected", args.min_speakers),
                ("max_speakers_expected", args.max_speakers),
            )
            if value is not None
        }
    if args.expected_languages is not None or args.fallback_language is not None:
        kwargs["language_detection_options"] = {
            key: value
            for key, value in (
                ("expected_languages", args.expected_languages),
                ("fallback_language", args.fallback_language),
            )
            if value is not None
        }
    if args.custom_spelling:
        spelling: dict[str, list[str]] = {}
        for sources, target in args.custom_spelling:
            spelling.setdefault(target, []).extend(sources)
        kwargs["custom_spelling"] = spelling
    if args.config_json is not None:
        kwargs["raw_transcription_config"] = aai.RawTranscriptionConfig(**args.config_json)
    return aai.TranscriptionConfig(**kwargs)
