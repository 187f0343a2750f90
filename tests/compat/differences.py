"""The deliberate differences from 0.45.4, each with its reason and a check that it still holds.

The differential tests leave these out of their comparisons (:func:`comparable_request`,
:func:`config_differs`, and the body comparison's rules); ``test_differences.py`` runs every
entry's ``check`` so a difference that disappears, or never was, is noticed. The README's "Where
this SDK differs from 0.45.4" lists the same entries.

A check gets the observations of both SDKs (``Observed``) and returns True while the difference
holds.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DIFFERENCES",
    "DIFFERENT_CALLS",
    "PROBES",
    "SIGNATURES",
    "SIGNATURE_DIFFERENCES",
    "VALUE_DIFFERENCES",
    "Difference",
    "Observed",
    "SignatureDifference",
    "body_difference_is_deliberate",
    "comparable_body",
    "comparable_request",
    "config_differs",
]


@dataclass(frozen=True)
class SignatureDifference:
    """Public names whose ``inspect.signature`` differs from 0.45.4's on purpose."""

    where: tuple[str, ...]  # "module.Name" or "module.Name.method", as test_names reports them
    what: str
    reason: str


_LEMUR_REQUESTS = (
    "BaseLemurRequest",
    "LemurActionItemsRequest",
    "LemurQuestionRequest",
    "LemurSummaryRequest",
    "LemurTaskRequest",
)

SIGNATURES = [
    SignatureDifference(
        tuple(f"assemblyai.types.{name}" for name in _LEMUR_REQUESTS),
        "The LeMUR request models (`aai.types.LemurTaskRequest`...) take `transcript_ids` and "
        "require `final_model`; 0.45.4's take `sources` (required) and `final_model=None`",
        "they are the API's request bodies as its description has them: no `sources` field, "
        "`final_model` required (`Lemur` itself still takes `LemurSource`s)",
    ),
    SignatureDifference(
        ("assemblyai.types.BaseTranscript", "assemblyai.types.TranscriptRequest"),
        "The transcript request models take only what a request may carry: no `audio_channels` "
        "or `language_confidence` (answer-only fields 0.45.4's request models also listed), and "
        "`BaseTranscript` is the options without `audio_url` (`TranscriptRequest` has it)",
        "they are the API's request bodies as its description has them, and a request is "
        "checked against it before it is sent",
    ),
    SignatureDifference(
        ("assemblyai.extras.AssemblyAIExtrasNotInstalledError",),
        "`AssemblyAIExtrasNotInstalledError`'s default message (its `msg` default) is our own "
        "text; the parameters are 0.45.4's (`msg`, `*args`, `**kwargs`)",
        "the message is ours to write, and it also says how to install PortAudio on each platform",
    ),
]

# Public values that differ from 0.45.4's on purpose: where -> why.
VALUE_DIFFERENCES: dict[str, str] = {
    "assemblyai.__version__": "this SDK's own version (1.1.0), so that pip can tell it from the "
    "official releases it replaces; those are in assemblyai.__version__.DROP_IN_FOR",
}

SIGNATURE_DIFFERENCES: dict[str, str] = {
    where: entry.reason for entry in SIGNATURES for where in entry.where
}

LEMUR_GENERATE = "/lemur/v3/generate/"
AUDIO_URL = "https://example.org/audio.mp3"

# Calls whose requests and results differ on purpose (each checked in DIFFERENCES).
DIFFERENT_CALLS = {
    "lemur_task_without_sources",
    "settings_changed_after_construction",
    "transcribe_group_order",
}

Observed = Mapping[
    str, Any
]  # "calls": test_calls.run_both(), "config": test_config.run_both(), "bodies": ...


@dataclass(frozen=True)
class Difference:
    what: str
    reason: str
    check: Callable[[Observed], bool]


def comparable_request(request: list[Any]) -> list[Any]:
    """``request`` without the parts that differ on purpose (see :data:`DIFFERENCES`): the
    list filter's stray ``model_config`` and enum repr, a v3 temporary token's place (query or
    header), and how LeMUR bodies name the transcripts and the model."""
    method, path, query, body = copy.deepcopy(request)
    if path == "/v2/transcript" and method == "GET":
        query = [[k, v.removeprefix("TranscriptStatus.")] for k, v in query if k != "model_config"]
    if method == "WS":
        query = [[k, v] for k, v in query if k != "token"]
        body = {}
    if path == "/v2/transcript" and method == "POST":
        body = comparable_body(body)
    if path.startswith(LEMUR_GENERATE) and isinstance(body, dict):
        body.pop("sources", None)
        body.pop("transcript_ids", None)
        body.pop("final_model", None)
    return [method, path, query, body]


# What the SDK sends when a request names no model (settings.default_speech_models' default).
DEFAULT_SPEECH_MODELS = ["universal-3-5-pro", "universal-2"]


def comparable_body(body: Any) -> Any:
    """A transcription request body without the ``speech_models`` the SDK adds on its own
    (the default pair, or ``[speech_model]`` beside 0.45.4's ``speech_model``); a list the
    caller gave is kept, since 0.45.4 sends that too."""
    if not isinstance(body, dict):
        return body
    models = body.get("speech_models")
    single = body.get("speech_model")
    if models == DEFAULT_SPEECH_MODELS or (single is not None and models == [single]):
        return {k: v for k, v in body.items() if k != "speech_models"}
    return body


_REDACT_PARTS = (
    "redact_pii_audio",
    "redact_pii_audio_quality",
    "redact_pii_policies",
    "redact_pii_sub",
)


def config_differs(case: Mapping[str, Any]) -> bool:
    """Config cases whose outcome differs on purpose."""
    kwargs = case.get("kwargs", {})
    if "raw_transcription_config" in kwargs or kwargs.get("speech_model") == "not-a-model":
        return True
    return any(k in kwargs for k in _REDACT_PARTS) and not kwargs.get("redact_pii")


# --- checks ----------------------------------------------------------------------------------


def _lemur_bodies(observed: Observed, side: str) -> list[dict[str, Any]]:
    requests = observed["calls"][f"{side}_requests"]
    return [
        r[3]
        for name in ("lemur_task", "lemur_summarize", "lemur_question", "lemur_action_items")
        for r in requests.get(name, [])
        if r[1].startswith(LEMUR_GENERATE)
    ]


def _lemur_ids(observed: Observed) -> bool:
    ours, theirs = _lemur_bodies(observed, "ours"), _lemur_bodies(observed, "their")
    return (
        bool(ours)
        and all("transcript_ids" in b and "sources" not in b for b in ours)
        and all("sources" in b and "transcript_ids" not in b for b in theirs)
    )


def _lemur_final_model(observed: Observed) -> bool:
    requests = observed["calls"]
    ours = [r[3] for r in requests["ours_requests"]["lemur_summarize"] if r[0] == "POST"]
    theirs = [r[3] for r in requests["their_requests"]["lemur_summarize"] if r[0] == "POST"]
    return bool(ours) and "final_model" in ours[0] and "final_model" not in theirs[0]


def _list_filters(observed: Observed) -> bool:
    (theirs,) = observed["calls"]["their_requests"]["list_transcripts_params"]
    (ours,) = observed["calls"]["ours_requests"]["list_transcripts_params"]
    return dict(theirs[2]).get(
        "status"
    ) == "TranscriptStatus.completed" and "model_config" not in dict(ours[2])


def _redact_parts(observed: Observed) -> bool:
    from .test_config import CASES

    ours, theirs = observed["config"]
    cases = [
        c["id"] for c in CASES if config_differs(c) and any(k in c["kwargs"] for k in _REDACT_PARTS)
    ]
    return bool(cases) and all(
        ours[i]["observed"].get("<raised>") == "ConfigurationError" and theirs[i]["sent"] == {}
        for i in cases
    )


def _config_case(observed: Observed, test: Callable[[Mapping[str, Any]], bool]) -> tuple[Any, Any]:
    from .test_config import CASES

    ours, theirs = observed["config"]
    (case,) = [c["id"] for c in CASES if test(c["kwargs"])]
    return ours[case], theirs[case]


def _speech_models_sent(observed: Observed) -> bool:
    calls = observed["calls"]
    (ours,) = calls["ours_requests"]["transcribe_url"][:1]
    (theirs,) = calls["their_requests"]["transcribe_url"][:1]
    nano_ours, nano_theirs = _config_case(
        observed, lambda k: k.get("speech_model") == {"$enum": ["SpeechModel", "nano"]}
    )
    return (
        ours[3].get("speech_models") == DEFAULT_SPEECH_MODELS
        and "speech_models" not in theirs[3]
        and nano_ours["sent"] == {"speech_model": "nano", "speech_models": ["nano"]}
        and nano_theirs["sent"] == {"speech_model": "nano"}
    )


def _raw(field: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda kwargs: field in str(kwargs.get("raw_transcription_config", ""))


def _raw_config_kept(observed: Observed) -> bool:
    ours, theirs = _config_case(observed, _raw("punctuate"))
    return ours["sent"].get("punctuate") is False and "punctuate" not in theirs["sent"]


def _raw_unknown_sent(observed: Observed) -> bool:
    ours, theirs = _config_case(observed, _raw("zz_new_param"))
    return ours["sent"].get("zz_new_param") == 1 and "zz_new_param" not in theirs["sent"]


def _enum_setters_checked(observed: Observed) -> bool:
    ours, theirs = _config_case(observed, lambda k: k.get("speech_model") == "not-a-model")
    # 0.45.4 takes the value and fails only when submitting, with a pydantic error.
    return (
        ours["observed"].get("<raised>") == "ConfigurationError"
        and "<raised>" not in theirs["observed"]
        and "<raised>" in theirs["observed"]["submitted"]
    )


def _v3_token_in_query(observed: Observed) -> bool:
    calls = observed["calls"]
    (ours,) = calls["ours_requests"]["streaming_connect_with_token"]
    (theirs,) = calls["their_requests"]["streaming_connect_with_token"]
    return (
        ["token", "tok"] in ours[2]
        and ours[3]["authorization"] is None
        and theirs[3]["authorization"] == "tok"
        and all(k != "token" for k, _ in theirs[2])
    )


CODE_TABLES = {
    "assemblyai.types": ["RealtimeErrorMapping"],
    "assemblyai.streaming.v3.models": ["StreamingErrorCodes"],
}


def _code_messages_reworded(observed: Observed) -> bool:
    theirs, ours = observed["names"]
    tables = [(m, n) for m, names in CODE_TABLES.items() for n in names]
    return all(ours[m][n]["value"] != theirs[m][n]["value"] for m, n in tables)


def _settings_read_at_call(observed: Observed) -> bool:
    ours, theirs = observed["calls"]["ours"], observed["calls"]["theirs"]
    name = "settings_changed_after_construction"
    return ours[name] == "queued" and "<raised>" in theirs[name]


def _group_in_input_order(observed: Observed) -> bool:
    # 0.45.4 returns members as they finish, so only our side can be checked: in input order.
    ours = observed["calls"]["ours"]["transcribe_group_order"]
    urls = [AUDIO_URL, f"{AUDIO_URL}?2", f"{AUDIO_URL}?3"]
    return bool(ours == [f"tr_{hashlib.sha256(u.encode()).hexdigest()[:10]}" for u in urls])


# Bodies the probe read (kind "probe" in the driver) serves, one per body difference.
PROBES: dict[str, dict[str, Any]] = {
    "float": {"audio_duration": 12.5},
    "unknown_enum": {"speech_model": "future-model-9"},
    "unknown_field": {"zz_new_field": {"a": 1}},
    "words": {"words": [{"text": "hi", "start": 0, "end": 10, "confidence": 0.5, "speaker": None}]},
    "cleanup": {
        "content_safety": False,
        "content_safety_labels": {
            "status": "unavailable",
            "results": [],
            "summary": {},
            "severity_score_summary": {},
        },
    },
    "null_start": {"words": [{"text": "hi", "start": None, "end": 10, "confidence": 0.5}]},
    "translation": {
        "speech_understanding": {"request": {"translation": {"target_languages": ["de"]}}}
    },
}

# LeMUR answers the probe read serves (kind "lemur_response"), by request id.
LEMUR_PROBES: dict[str, dict[str, Any]] = {
    "probe_lemur_context": {
        "request_id": "probe_lemur_context",
        "response": "hi",
        "usage": {"input_tokens": 1, "output_tokens": 1},
        "request": {
            "request_endpoint": "/lemur/v3/generate/summary",
            "context": "",
            "temperature": 0.0,
            "final_model": "default",
            "max_output_size": 2000,
            "created_at": "2026-01-01T00:00:00Z",
        },
    },
}


def body_difference_is_deliberate(path: str, ours: Any, theirs: Any) -> bool:
    """A difference in a read body that is on purpose (see the probe checks below).

    ``json_response`` keeps what the API sent: 0.45.4's drops a content-safety or topics result
    it considers unavailable (its ``TranscriptResponse`` clean-up).
    """
    cleaned = (".json_response.content_safety_labels", ".json_response.iab_categories_result")
    if path in cleaned and theirs is None:
        return True
    # json_response holds the label keys as the API sent them (text); 0.45.4's model dump has
    # ContentSafetyLabel members as keys, whose str() is "ContentSafetyLabel.<label>". The
    # attributes (`transcript.content_safety.summary`) have member keys in both SDKs.
    if path.startswith(_SAFETY_MAPS):
        leaf = path.rsplit(".", 2)
        if leaf[-2] == "ContentSafetyLabel" and ours == "<absent>":
            return True
        if leaf[-2] != "ContentSafetyLabel" and theirs == "<absent>":
            return True
    # json_response keeps an unknown field the mutation added inside a nested object; 0.45.4's
    # model dump drops it (the same difference as for top-level unknown fields).
    if path.startswith(".json_response.") and ".zz_" in path and theirs == "<absent>":
        return True
    # A null `start` reads None, as sent; 0.45.4 turns it into 0 (its workaround for
    # sentiment results without a start).
    if path.endswith(".start") and ours is None and theirs == 0:
        return True
    # A translation flag the API left out reads None; 0.45.4 fills in its model's default.
    if path.endswith(_TRANSLATION_FLAGS) and ours is None and isinstance(theirs, bool):
        return True
    # A number added to a map of texts (translations by language) is kept as sent, like any
    # value of another type than described; 0.45.4's Dict[str, str] turns it into text.
    if ".translated_texts." in path and isinstance(ours, int | float) and theirs == str(ours):
        return True
    # A LeMUR request's empty context reads as sent; 0.45.4 turns "" into {}.
    return path.endswith(".request.context") and ours == "" and theirs == {}


_SAFETY_MAPS = (
    ".json_response.content_safety_labels.summary.",
    ".json_response.content_safety_labels.severity_score_summary.",
)
_TRANSLATION_FLAGS = (
    ".speech_understanding.request.translation.formal",
    ".speech_understanding.request.translation.match_original_utterance",
)


def _probe(observed: Observed, name: str) -> tuple[Any, Any]:
    ours, theirs = observed["probes"]
    return ours[name], theirs[name]


def _floats_kept(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "float")
    return bool(ours["audio_duration"] == 12.5 and theirs["audio_duration"] == 12)


def _unknown_enum_read(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "unknown_enum")
    return ours.get("speech_model") == "future-model-9" and "<raised>" in theirs


def _unknown_fields_kept(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "unknown_field")
    return "zz_new_field" in ours["json_keys"] and "zz_new_field" not in theirs["json_keys"]


def _records_immutable(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "words")
    return "<raised>" in (ours["word_assignment"] or {}) and theirs["word_assignment"] is None


def _json_response_as_sent(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "cleanup")
    sent = PROBES["cleanup"]["content_safety_labels"]
    return ours["json_content_safety"] == sent and theirs["json_content_safety"] is None


def _null_start_kept(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "null_start")
    return ours["first_word_start"] is None and theirs["first_word_start"] == 0


def _translation_defaults_absent(observed: Observed) -> bool:
    ours, theirs = _probe(observed, "translation")
    return ours["translation_defaults"] == [None, None] and all(
        isinstance(flag, bool) for flag in theirs["translation_defaults"]
    )


def _lemur_context_as_sent(observed: Observed) -> bool:
    ours, theirs = observed["lemur_probes"]
    return bool(
        ours[0]["value"]["request"]["context"] == ""
        and theirs[0]["value"]["request"]["context"] == {}
    )


def _lemur_needs_input(observed: Observed) -> bool:
    calls = observed["calls"]
    name = "lemur_task_without_sources"
    ours = calls["ours"][name]
    return (
        isinstance(ours, dict)
        and ours.get("<raised>") == "ConfigurationError"
        and not calls["ours_requests"].get(name)
        and any(r[1].startswith(LEMUR_GENERATE) for r in calls["their_requests"].get(name, []))
    )


def _signature_differs(where: tuple[str, ...]) -> Callable[[Observed], bool]:
    def check(observed: Observed) -> bool:
        from .test_names import signature_problems

        theirs, ours = observed["signatures"]
        return all(signature_problems(name, theirs[name], ours[name]) for name in where)

    return check


DIFFERENCES = [
    Difference(
        "Every transcription request names its `speech_models`: "
        '`["universal-3-5-pro", "universal-2"]` (settings.default_speech_models) when the code '
        "names no model, `[speech_model]` beside a 0.45.4 `speech_model`; 0.45.4 sends none",
        "the API requires `speech_models` since its 2026 revision and refuses a request "
        "without them",
        _speech_models_sent,
    ),
    Difference(
        "A number sent where an integer is described (`audio_duration: 12.5`) is kept as "
        "sent; 0.45.4 truncates it to an int",
        "the real API sends such floats; truncating loses data",
        _floats_kept,
    ),
    Difference(
        "Unknown enum values from a newer API are kept (`speech_model == 'future-model-9'`); "
        "0.45.4 fails to read the whole transcript",
        "a new API value must not make every transcript unreadable",
        _unknown_enum_read,
    ),
    Difference(
        "Bodies 0.45.4 rejects (a required field missing, a null, an unknown enum value) are read",
        "the real API omits fields its description requires; reading them is issue 14's point "
        "(checked for each drawn body by test_bodies: ours must read every body)",
        _unknown_enum_read,
    ),
    Difference(
        "`Transcript.json_response` keeps the fields 0.45.4 does not know, does not drop "
        "content-safety or topic results marked unavailable, and keeps label keys as text",
        "0.45.4's is its model dump, which loses what the API added",
        lambda observed: _unknown_fields_kept(observed) and _json_response_as_sent(observed),
    ),
    Difference(
        "A null `start` on a word, sentence, paragraph or sentiment reads None",
        "it is what the API sent; 0.45.4 turns it into 0, which is a real time stamp and "
        "cannot be told apart from one",
        _null_start_kept,
    ),
    Difference(
        "`aai.Word`, `aai.Utterance`, `aai.Sentiment` and `aai.Entity` records are immutable",
        "they are tuples underneath, for the speed and memory of long transcripts",
        _records_immutable,
    ),
    Difference(
        "LeMUR requests name their transcripts in `transcript_ids`; 0.45.4 sends `sources`",
        "the API's description of the LeMUR endpoints has `transcript_ids` (and no `sources`)",
        _lemur_ids,
    ),
    Difference(
        "LeMUR requests always carry a `final_model` (the default model when none is given)",
        "the API's description requires `final_model`",
        _lemur_final_model,
    ),
    Difference(
        "v3 streaming sends a temporary token in the `token` query parameter; 0.45.4 sends "
        "it as the `Authorization` header",
        "the streaming API's description takes a temporary token in the query",
        _v3_token_in_query,
    ),
    Difference(
        "`list_transcripts` sends `status=completed` and no `model_config` parameter",
        "0.45.4 in its default install (pydantic v1 fallback) sends its model config as a "
        "query parameter and the enum's repr as the status, which breaks the status filter",
        _list_filters,
    ),
    Difference(
        "`TranscriptionConfig(redact_pii_audio=..., redact_pii_policies=..., ...)` without "
        "`redact_pii=True` raises `ConfigurationError`; 0.45.4 silently sends none of them",
        "a redaction option that is dropped without a word is a bug users cannot see",
        _redact_parts,
    ),
    Difference(
        "`TranscriptionConfig(raw_transcription_config=raw)` keeps the raw config's values",
        "0.45.4 wipes almost every value of a passed raw config",
        _raw_config_kept,
    ),
    Difference(
        "Unknown fields of a raw config are sent",
        "0.45.4 drops them, so there is no way to send an API parameter it does not know",
        _raw_unknown_sent,
    ),
    Difference(
        "Enum-typed config fields reject unknown strings with `ConfigurationError` at once",
        "0.45.4 stores any string and fails at submit with a pydantic error",
        _enum_setters_checked,
    ),
    Difference(
        "The close-code tables (`types.RealtimeErrorMapping`, `StreamingErrorCodes`) have the "
        "same codes with messages in our own words",
        "the messages are ours to write; code that reads them keys on the codes",
        _code_messages_reworded,
    ),
    Difference(
        "Settings are read when a call is made, not when an object is constructed",
        "0.45.4's `Transcriber` keeps a snapshot: changing `aai.settings` later has no effect",
        _settings_read_at_call,
    ),
    Difference(
        "`transcribe_group` returns the transcripts in input order",
        "0.45.4 returns them in completion order (not checkable against 0.45.4: it may happen "
        "to match)",
        _group_in_input_order,
    ),
    Difference(
        "`Lemur().task(prompt)` with no sources and no `input_text` raises `ConfigurationError` "
        "before sending; 0.45.4 sends the request and the API refuses it",
        "the API needs transcripts or input text to read; failing before the round trip says "
        "what is missing",
        _lemur_needs_input,
    ),
    Difference(
        "A translation request's `formal` and `match_original_utterance`, when the API leaves "
        "them out of `speech_understanding`, read None; 0.45.4 fills in its own defaults",
        "absent fields read None everywhere (issue 14); a default filled in by the SDK would "
        "claim the API said something it did not",
        _translation_defaults_absent,
    ),
    Difference(
        'A LeMUR request\'s `context` sent as an empty string reads as `""`; 0.45.4 reads `{}`',
        "values are kept as the API sent them",
        _lemur_context_as_sent,
    ),
    *(
        Difference(entry.what, entry.reason, _signature_differs(entry.where))
        for entry in SIGNATURES
    ),
]
