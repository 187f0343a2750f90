"""Every way ours differs from the official 1.0.0 on the shared REST surface, in one place.

:data:`DIFFERENCES` are the deliberate differences. Each has its reason and a check that it
still holds (``test_differences.py``); the comparisons in the other tests accept exactly these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import cases

Observed = Mapping[str, Any]
Request = list[Any]  # [method, path, [[key, value], ...], body]

DEFAULT_SPEECH_MODELS = ["universal-3-5-pro", "universal-2"]


@dataclass(frozen=True)
class Problem:
    """One way ours fails to offer what 1.0.0 offers under a name."""

    module: str
    name: str
    member: str  # "" for the name itself, "()" for a class's constructor
    detail: str

    def __str__(self) -> str:
        where = f"{self.module}.{self.name}{'.' + self.member if self.member[:1] != '(' else self.member}"
        return f"{where}: {self.detail}"


# --- which difference explains a missing or different name ------------------------------------


def deliberate(problem: Problem) -> str | None:
    """The :data:`DIFFERENCES` entry that explains ``problem``, if any."""
    config_call = problem.name == "TranscriptionConfig" and problem.member == "()"
    if config_call and problem.detail.startswith("positional"):
        return "config_positional_order"
    if problem.member == "set_redact_pii" and problem.detail.startswith("positional"):
        return "set_redact_pii_positional_order"
    if (
        problem.name in ("BaseTranscript", "TranscriptRequest")
        and problem.member == "()"
        and problem.detail.startswith("parameter '")
        and problem.detail.split("'")[1] in ANSWER_ONLY_REQUEST_PARAMETERS
    ):
        return "request_models_take_request_fields"
    group = problem.name == "AsyncTranscriber" and problem.member in GROUP_METHODS
    if group and problem.detail.startswith("default of 'max_concurrency'"):
        return "async_group_concurrency_default"
    return None


GROUP_METHODS = ("transcribe_group", "submit_group")
# Fields of an answer that 1.0.0's request models also accept as keywords; the API reads none
# of them in a request (and BaseTranscript holds the options, not the audio).
ANSWER_ONLY_REQUEST_PARAMETERS = (
    "audio_url",
    "audio_channels",
    "language_confidence",
    "language_detection_results",
)


# --- normalizing what is compared --------------------------------------------------------------


def without_named_model_echo(body: Any) -> Any:
    """Our request body without the ``speech_models: [speech_model]`` that completes a
    request naming only 0.45.4's ``speech_model`` (see the difference)."""
    named = isinstance(body, dict) and "speech_model" in body
    if named and body.get("speech_models") == [body["speech_model"]]:
        return {k: v for k, v in body.items() if k != "speech_models"}
    return body


def case_names_a_model(case: Mapping[str, Any]) -> bool:
    kwargs = case.get("kwargs", {})
    return "speech_model" in kwargs or "speech_models" in kwargs


def without_default_models(body: Any) -> Any:
    """Our request body with the default ``speech_models`` taken out (see the difference)."""
    if isinstance(body, dict) and body.get("speech_models") == DEFAULT_SPEECH_MODELS:
        return {k: v for k, v in body.items() if k != "speech_models"}
    return body


def their_list_query(query: list[list[str]]) -> list[list[str]]:
    """1.0.0's list query as the API reads it: without the leaked pydantic ``model_config``,
    and with the status enum's value rather than its ``str()``."""
    kept = []
    for key, value in query:
        if key == "model_config":
            continue
        kept.append([key, value.removeprefix("TranscriptStatus.")])
    return kept


def comparable(requests: Sequence[Request], *, ours: bool) -> list[Request]:
    """A call's requests as compared: in a stable order (group members are sent in
    parallel), and normalized for the differences above (1.0.0's list query)."""
    out = []
    for method, path, query, body in requests:
        if method == "POST" and path == "/v2/transcript":
            # Both sides: most calls pass the same pair explicitly (the config cases check
            # that an explicit speech_models is sent as given).
            body = without_default_models(body)
        if not ours and method == "GET" and path == "/v2/transcript":
            query = their_list_query(query)
        out.append([method, path, query, body])
    return sorted(out, key=lambda r: repr(r))


def read_difference_is_deliberate(name: str, ours: Any, theirs: Any) -> str | None:
    """The :data:`DIFFERENCES` entry explaining a property read differently, if any."""
    if name == "audio_duration" and isinstance(ours, float) and theirs == int(ours):
        return "floats_kept"
    empty = isinstance(ours, dict) and all(value is None for value in ours.values())
    if name in ("content_safety", "iab_categories") and theirs is None and empty:
        return "empty_result_objects_kept"
    return None


# --- the deliberate differences, each with its check -------------------------------------------


@dataclass(frozen=True)
class Difference:
    name: str
    why: str
    check: Callable[[Observed], bool]


def _calls(observed: Observed, name: str) -> tuple[Any, Any, list[Request], list[Request]]:
    calls = observed["calls"]
    return (
        calls["ours"][name],
        calls["theirs"][name],
        calls["our_requests"].get(name, []),
        calls["their_requests"].get(name, []),
    )


def _default_models_sent(observed: Observed) -> bool:
    config = observed["config"]
    bodies = {
        r[3]["audio_url"].split("case=")[1]: r[3]
        for r in config["our_log"]
        if r[0] == "POST" and r[1] == "/v2/transcript"
    }
    theirs = {
        r[3]["audio_url"].split("case=")[1]: r[3]
        for r in config["their_log"]
        if r[0] == "POST" and r[1] == "/v2/transcript"
    }
    unnamed = [c["id"] for c in cases.CONFIG_CASES if not case_names_a_model(c)]
    return all(
        bodies[i].get("speech_models") == DEFAULT_SPEECH_MODELS and "speech_models" not in theirs[i]
        for i in unnamed
        if i in bodies and i in theirs
    )


def _list_query_as_api_reads_it(observed: Observed) -> bool:
    *_, ours, theirs = _calls(observed, "list_transcripts_params")
    their_query, our_query = theirs[0][2], ours[0][2]
    return ["model_config", "{'use_enum_values': True}"] in their_query and our_query == [
        ["limit", "5"],
        ["status", "completed"],
    ]


def _group_in_input_order(observed: Observed) -> bool:
    ours = observed["calls"]["ours"]["transcribe_group_in_order"]
    urls = [cases.AUDIO_URL, f"{cases.AUDIO_URL}?2", f"{cases.AUDIO_URL}?3"]
    return bool(ours == [f"tr_{hashlib.sha256(u.encode()).hexdigest()[:10]}" for u in urls])


def _constructed_without_key(observed: Observed) -> bool:
    ours, theirs, *_ = _calls(observed, "construct_without_key")
    return ours == ["constructed", "constructed"] and all(
        isinstance(t, dict) and t.get("<raised>") == "ValueError" for t in theirs
    )


def _config_type_checked_at_call(observed: Observed) -> bool:
    ours, theirs, our_requests, _ = _calls(observed, "config_of_wrong_type")
    return (
        ours == ["call", "ConfigurationError", True]
        and theirs == ["construction", "TypeError"]
        and our_requests == []
    )


def _read_problems(observed: Observed, explanation: str) -> bool:
    """Whether some real-world body shows the difference ``explanation`` (and it is kept)."""
    chosen, theirs, ours = observed["read"]
    for _case, their, our in zip(chosen, theirs, ours, strict=True):
        if not isinstance(their, dict) or not isinstance(our, dict) or "<raised>" in their:
            continue
        for name, value in their.items():
            if read_difference_is_deliberate(name, our.get(name), value) == explanation:
                return True
    return False


def _bodies_1_0_rejects_are_read(observed: Observed) -> bool:
    chosen, theirs, ours = observed["read"]
    rejected = [(c, o) for c, t, o in zip(chosen, theirs, ours, strict=True) if "<raised>" in t]
    return bool(rejected) and all(
        not any(
            isinstance(v, dict) and "<raised>" in v
            for k, v in o.items()
            if k in {"id", "status", "text"}
        )
        for _c, o in rejected
    )


def _lemur_kept(observed: Observed) -> bool:
    theirs, ours = observed["names"]
    return (
        "Lemur" not in theirs["assemblyai"]
        and ours["assemblyai"].get("Lemur", {}).get("kind") == "class"
    )


def _speech_model_echoed(observed: Observed) -> bool:
    config = observed["config"]
    ours = {
        r[3]["audio_url"].split("case=")[1]: r[3]
        for r in config["our_log"]
        if r[0] == "POST" and r[1] == "/v2/transcript"
    }
    only_single = [
        c["id"]
        for c in cases.CONFIG_CASES
        if "speech_model" in c.get("kwargs", {}) and "speech_models" not in c.get("kwargs", {})
    ]
    return bool(only_single) and all(
        ours[i]["speech_models"] == [ours[i]["speech_model"]] for i in only_single if i in ours
    )


def _redact_pii_order(observed: Observed) -> bool:
    return any(deliberate(p) == "set_redact_pii_positional_order" for p in observed["problems"])


def _request_fields(observed: Observed) -> bool:
    found = observed["problems"]
    return any(deliberate(p) == "request_models_take_request_fields" for p in found)


def _positional_order(observed: Observed) -> bool:
    problems = observed["problems"]
    return any(deliberate(p) == "config_positional_order" for p in problems)


def _concurrency_default(observed: Observed) -> bool:
    problems = observed["problems"]
    return any(deliberate(p) == "async_group_concurrency_default" for p in problems)


DIFFERENCES = [
    Difference(
        "default_speech_models",
        "The API now requires speech_models; a request naming no model gets "
        "settings.default_speech_models (1.0 sends none, and such a request fails).",
        _default_models_sent,
    ),
    Difference(
        "list_query_as_api_reads_it",
        "1.0.0 (on pydantic's v1 API) leaks `model_config` into the list query and sends "
        "`status=TranscriptStatus.completed`; ours sends the parameters the API reads.",
        _list_query_as_api_reads_it,
    ),
    Difference(
        "group_in_input_order",
        "Transcriber.transcribe_group keeps the input order (1.0.0 collects a set of futures).",
        _group_in_input_order,
    ),
    Difference(
        "construct_without_key",
        "Transcriber()/AsyncTranscriber() without an API key construct, and the first call says "
        "what is missing; 1.0.0 raises at construction. Ours reads aai.settings at call time.",
        _constructed_without_key,
    ),
    Difference(
        "config_type_checked_at_call",
        "A config that is not a TranscriptionConfig is refused when a call would send it "
        "(ConfigurationError, a ValueError, before any request); 1.0.0 raises TypeError at "
        "construction.",
        _config_type_checked_at_call,
    ),
    Difference(
        "floats_kept",
        "A float where an integer is described (audio_duration) is kept as sent; 1.0.0 truncates it.",
        lambda observed: _read_problems(observed, "floats_kept"),
    ),
    Difference(
        "empty_result_objects_kept",
        "An empty content-safety or topics object the API sent reads as that object (its fields "
        "None); 1.0.0 turns it into None.",
        lambda observed: _read_problems(observed, "empty_result_objects_kept"),
    ),
    Difference(
        "bodies_1_0_rejects_are_read",
        "Bodies missing fields 1.0.0's models require (real answers do that) are read, missing "
        "fields as None; 1.0.0 raises a validation error.",
        _bodies_1_0_rejects_are_read,
    ),
    Difference(
        "lemur_kept",
        "LeMUR (aai.Lemur, transcript.lemur) stays, running on LLM Gateway; 1.0.0 removed it.",
        _lemur_kept,
    ),
    Difference(
        "config_positional_order",
        "TranscriptionConfig keeps 0.45.4's positional order (1.0.0 inserted language_codes "
        "second); every 1.0.0 keyword is accepted, and 1.0's README passes keywords only.",
        _positional_order,
    ),
    Difference(
        "speech_model_also_as_speech_models",
        "A config naming only 0.45.4's speech_model also sends speech_models=[that model]: "
        "the 2026 API requires speech_models, and this asks for exactly the model chosen.",
        _speech_model_echoed,
    ),
    Difference(
        "set_redact_pii_positional_order",
        "set_redact_pii keeps 0.45.4's positional order (policies and substitution 4th and "
        "5th); 1.0.0 inserted redact_audio_options 4th. Its keyword is accepted, and a 1.0 "
        "options object passed 4th is refused as policies, never sent silently.",
        _redact_pii_order,
    ),
    Difference(
        "request_models_take_request_fields",
        "BaseTranscript and TranscriptRequest take the request fields of the spec; 1.0.0 also "
        "accepts answer-only fields (audio_channels, language_confidence, ...) the API ignores.",
        _request_fields,
    ),
    Difference(
        "async_group_concurrency_default",
        "AsyncTranscriber's group methods default max_concurrency to the transcriber's own "
        "(its max_concurrency=, 16 by default) rather than 8.",
        _concurrency_default,
    ),
]
