"""The JSON of transcripts, as the API would return them at a given moment.

Which keys a transcript carries comes from the spec's ``Transcript`` schema, not from a list
kept here: each property the schema declares gets the value the sandbox computed, else the
value the request sent (when it is valid in a response), else the request schema's default,
else ``null`` when the property allows it; properties that allow none of these are left out.
So unrequested features read ``null`` as in the API, and a spec change cannot make the
sandbox answer with keys the spec does not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assemblyai.testing import _insights
from assemblyai.testing._answers_2026 import answer_fields_2026
from assemblyai.testing._content import spoken_words
from assemblyai.testing._schema import SchemaValidator
from assemblyai.testing._state import TranscriptRecord

__all__ = ["TranscriptShapes", "completed_fields"]

_DELETED_TEXT = "Deleted by user."
_DELETED_URL = "http://deleted_by_user"


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def _utterances(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    utterances: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []
    for word in [*words, None]:
        if run and (word is None or word.get("speaker") != run[-1].get("speaker")):
            utterance = {
                "confidence": _mean([w["confidence"] for w in run]),
                "start": run[0]["start"],
                "end": run[-1]["end"],
                "text": " ".join(w["text"] for w in run),
                "words": run,
                "speaker": run[0]["speaker"] or "A",
            }
            if "channel" in run[0]:
                utterance["channel"] = run[0]["channel"]
            utterances.append(utterance)
            run = []
        if word is not None:
            run.append(word)
    return utterances


def completed_fields(record: TranscriptRecord) -> dict[str, Any]:
    """The fields a finished transcript adds: text, words and every requested feature."""
    params = record.params
    words, duration, channels = spoken_words(params, record.script, record.audio)
    fields: dict[str, Any] = {
        "text": " ".join(w["text"] for w in words),
        "words": words,
        "confidence": _mean([w["confidence"] for w in words]),
        "audio_duration": round(duration),
        "utterances": _utterances(words) if params.get("speaker_labels") else None,
    }
    if params.get("multichannel"):
        fields["audio_channels"] = channels
    if params.get("language_detection"):
        language = record.script.language_code if record.script else None
        fields["language_code"] = language or "en"
        fields["language_confidence"] = 0.9876
    elif record.script and record.script.language_code:
        fields["language_code"] = record.script.language_code
    if params.get("auto_chapters"):
        fields["chapters"] = _insights.chapters(words)
    if params.get("summarization"):
        summary_type = params.get("summary_type") or "bullets"
        fields["summary"] = _insights.summary(words, summary_type)
        fields["summary_type"] = summary_type
        fields["summary_model"] = params.get("summary_model") or "informative"
    if params.get("sentiment_analysis"):
        fields["sentiment_analysis_results"] = _insights.sentiment_analysis(words)
    if params.get("entity_detection"):
        fields["entities"] = _insights.entities(words)
    if params.get("auto_highlights"):
        fields["auto_highlights_result"] = _insights.auto_highlights(words)
    if params.get("content_safety"):
        threshold = params.get("content_safety_confidence") or 50
        fields["content_safety_labels"] = _insights.content_safety(words, threshold)
    if params.get("iab_categories"):
        fields["iab_categories_result"] = _insights.iab_categories(words)
    fields.update(
        answer_fields_2026(
            params,
            fields.get("language_code"),
            lambda: spoken_words({**params, "redact_pii": False}, record.script, record.audio)[0],
        )
    )
    return fields


# Request values the API never repeats in a transcript (it only says whether one was set).
_SECRETS = frozenset({"webhook_auth_header_value"})
# Nullable properties the API leaves out rather than sending null (`error` unless the job
# failed; a deleted transcript has it null).
_ONLY_WHEN_SET = frozenset({"error"})


class TranscriptShapes:
    """Builds API-shaped transcript JSON from the spec's ``Transcript`` schema.

    Args:
        validator: a validator over the OpenAPI document holding ``Transcript`` and
            ``TranscriptParams``.
    """

    def __init__(self, validator: SchemaValidator) -> None:
        self._validator = validator
        self.transcript_schema = {"$ref": "#/components/schemas/Transcript"}
        self._properties = validator.properties_of(self.transcript_schema)
        self._request_properties = validator.properties_of(
            {"$ref": "#/components/schemas/TranscriptParams"}
        )

    @property
    def properties(self) -> Mapping[str, Any]:
        """The properties the ``Transcript`` schema declares, by name."""
        return self._properties

    def _fits(self, value: Any, schema: Any) -> bool:
        return self._validator.is_valid(value, schema)

    def build(self, params: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
        """A transcript with ``fields`` (computed values) and ``params`` (the request) merged
        per the rule in the module docstring."""
        result: dict[str, Any] = {}
        for name, schema in self._properties.items():
            if name in _SECRETS or (name in _ONLY_WHEN_SET and name not in fields):
                continue
            if name in fields:
                result[name] = fields[name]
                continue
            if name in params and self._fits(params[name], schema):
                result[name] = params[name]
                continue
            request_schema = self._validator.resolve(self._request_properties.get(name, {}))
            default = request_schema.get("default") if isinstance(request_schema, Mapping) else None
            if default is not None and self._fits(default, schema):
                result[name] = default
                continue
            if self._fits(None, schema):
                result[name] = None
        return result

    def transcript(self, record: TranscriptRecord, now: float) -> dict[str, Any]:
        """The transcript as ``GET /v2/transcript/{id}`` returns it at clock time ``now``."""
        status = record.status(now)
        params = record.params
        fields: dict[str, Any] = {
            "id": record.id,
            "status": status,
            "audio_url": record.audio_url,
            "webhook_auth": bool(params.get("webhook_auth_header_name")),
            "language_model": "assemblyai_default",
            "acoustic_model": "assemblyai_default",
            "speech_model": params.get("speech_model"),
            "language_confidence_threshold": params.get("language_confidence_threshold"),
            "language_confidence": None,
        }
        if status == "error":
            fields["error"] = record.error
        elif status == "completed":
            if record.content is None:
                record.content = completed_fields(record)
            fields.update(record.content)
        if record.deleted:
            fields = self._blank(fields)
        return self.build(params, fields)

    def _blank(self, fields: dict[str, Any]) -> dict[str, Any]:
        """What deletion leaves: the text and media URL replaced, the content emptied."""
        kept = ("id", "status", "language_model", "acoustic_model", "webhook_auth", "error")
        blank = {name: fields[name] for name in kept if name in fields}
        for name, schema in self._properties.items():
            if name not in blank and self._fits(None, schema):
                blank[name] = None
        blank.update(
            {
                "text": _DELETED_TEXT,
                "audio_url": _DELETED_URL,
                "words": [],
                "utterances": [],
                "auto_highlights": False,
                "redact_pii": False,
                "summarization": False,
            }
        )
        return blank

    def words(self, record: TranscriptRecord, now: float) -> list[dict[str, Any]]:
        """The finished transcript's words (empty after deletion)."""
        return list(self.transcript(record, now).get("words") or [])
