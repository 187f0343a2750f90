"""Every ``TranscriptionConfig`` argument and setter, the same in both SDKs: the properties read
back, and the JSON each sends to ``POST /v2/transcript`` (through the recording server)."""

from __future__ import annotations

from typing import Any

import pytest

from .differences import comparable_body, config_differs
from .official import run_official, run_ours
from .server import RecordingServer


def enum(cls: str, value: str) -> dict[str, Any]:
    return {"$enum": [cls, value]}


def model(cls: str, **kwargs: Any) -> dict[str, Any]:
    return {"$model": [cls, kwargs]}


# One or more values per constructor argument (0.45.4's 43 plus the raw config).
ARGUMENTS: dict[str, list[Any]] = {
    "language_code": ["en_us", "de", enum("LanguageCode", "fr")],
    "punctuate": [True, False],
    "format_text": [True, False],
    "dual_channel": [True],
    "multichannel": [True],
    "webhook_url": ["https://hooks.example.org/x"],
    "webhook_auth_header_name": ["X-Auth"],
    "webhook_auth_header_value": ["secret"],
    "audio_start_from": [1000],
    "audio_end_at": [5000],
    "word_boost": [["kubernetes", "sql"], []],
    "boost_param": [enum("WordBoost", "high")],
    "filter_profanity": [True],
    "redact_pii": [True, False],
    "redact_pii_audio": [True],
    "redact_pii_audio_quality": [enum("PIIRedactedAudioQuality", "wav")],
    "redact_pii_policies": [[enum("PIIRedactionPolicy", "person_name")]],
    "redact_pii_sub": [enum("PIISubstitutionPolicy", "hash")],
    "speaker_labels": [True, False],
    "speakers_expected": [3],
    "speaker_options": [model("SpeakerOptions", min_speakers_expected=1, max_speakers_expected=4)],
    "content_safety": [True],
    "content_safety_confidence": [60],
    "iab_categories": [True],
    "custom_spelling": [{"Kubernetes": ["k8s", "kube"], "SQL": "Sequel"}],
    "disfluencies": [True],
    "sentiment_analysis": [True],
    "auto_chapters": [True],
    "entity_detection": [True],
    "summarization": [True],
    "summary_model": [enum("SummarizationModel", "catchy")],
    "summary_type": [enum("SummarizationType", "bullets")],
    "auto_highlights": [True],
    "language_detection": [True],
    "language_confidence_threshold": [0.4],
    "language_detection_options": [
        model("LanguageDetectionOptions", expected_languages=["en", "de"], fallback_language="en")
    ],
    "speech_threshold": [0.2],
    "speech_model": [enum("SpeechModel", "nano"), enum("SpeechModel", "slam-1")],
    "speech_models": [["universal", "best"]],
    "prompt": ["A call about databases"],
    "keyterms_prompt": [["PostgreSQL", "sharding"]],
    "speech_understanding": [
        model(
            "SpeechUnderstandingRequest",
            request=model(
                "SpeechUnderstandingFeatureRequests",
                translation=model("TranslationRequest", target_languages=["de"]),
            ),
        )
    ],
    "raw_transcription_config": [
        model(
            "RawTranscriptionConfig", punctuate=False, speaker_labels=True, language_codes=["en"]
        ),
        model("RawTranscriptionConfig", zz_new_param=1),
    ],
}

# Combinations whose meaning depends on more than one argument.
COMBINATIONS: list[dict[str, Any]] = [
    {"word_boost": ["a"], "boost_param": enum("WordBoost", "low")},
    {"boost_param": enum("WordBoost", "low")},
    {
        "webhook_url": "https://h.example.org",
        "webhook_auth_header_name": "A",
        "webhook_auth_header_value": "B",
    },
    {
        "redact_pii": True,
        "redact_pii_policies": [enum("PIIRedactionPolicy", "date")],
        "redact_pii_audio": True,
        "redact_pii_sub": enum("PIISubstitutionPolicy", "entity_name"),
    },
    {"redact_pii": True},
    {"content_safety": True, "content_safety_confidence": 10},
    {"summarization": True, "punctuate": False},
    {"auto_chapters": True, "punctuate": False},
    {"speaker_labels": True, "speakers_expected": 2},
    {"language_detection": True, "language_confidence_threshold": 0.7},
    {"speech_model": "not-a-model"},
]

# Each setter with the arguments that exercise its branches: [name, args, kwargs].
SETTERS: list[list[Any]] = [
    ["set_casing_and_formatting", [], {}],
    ["set_casing_and_formatting", [False], {}],
    ["set_speaker_diarization", [], {}],
    ["set_speaker_diarization", [True, 2], {}],
    [
        "set_speaker_diarization",
        [None],
        {"speaker_options": model("SpeakerOptions", min_speakers_expected=2)},
    ],
    ["set_speaker_diarization", [False], {}],
    ["set_webhook", ["https://h.example.org"], {}],
    ["set_webhook", ["https://h.example.org", "X-Key", "v"], {}],
    ["set_webhook", [None], {}],
    ["set_audio_slice", [100, 900], {}],
    ["set_audio_slice", [], {}],
    ["set_word_boost", [["a", "b"]], {}],
    ["set_word_boost", [["a"]], {"boost": enum("WordBoost", "high")}],
    ["set_word_boost", [[]], {}],
    ["set_redact_pii", [], {"policies": [enum("PIIRedactionPolicy", "email_address")]}],
    [
        "set_redact_pii",
        [True],
        {
            "redact_audio": True,
            "redact_audio_quality": enum("PIIRedactedAudioQuality", "mp3"),
            "policies": [enum("PIIRedactionPolicy", "date")],
            "substitution": enum("PIISubstitutionPolicy", "hash"),
        },
    ],
    ["set_redact_pii", [False], {}],
    ["set_redact_pii", [True], {}],
    ["set_content_safety", [], {}],
    ["set_content_safety", [True, 80], {}],
    ["set_content_safety", [True, 101], {}],
    ["set_content_safety", [False], {}],
    ["set_custom_spelling", [{"Gemini": "gemini"}], {}],
    ["set_custom_spelling", [{"Gemini": ["gemini", "jemini"]}], {"override": False}],
    ["set_custom_spelling", [None], {}],
    ["set_summarize", [], {}],
    [
        "set_summarize",
        [True, enum("SummarizationModel", "informative"), enum("SummarizationType", "gist")],
        {},
    ],
    ["set_summarize", [False], {}],
    ["set_language_detection", [], {}],
    ["set_language_detection", [True, 0.5, ["en", "es"], "en"], {}],
    ["set_language_detection", [False], {}],
]


def cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"kwargs": {}}]
    out += [{"kwargs": {name: value}} for name, values in ARGUMENTS.items() for value in values]
    out += [{"kwargs": combination} for combination in COMBINATIONS]
    out += [{"kwargs": {}, "setters": [setter]} for setter in SETTERS]
    # Setters on top of arguments: a setter that adds to (or clears) what the constructor set.
    base = {"speaker_labels": True, "custom_spelling": {"A": "a"}, "punctuate": True}
    out += [{"kwargs": base, "setters": [setter]} for setter in SETTERS]
    return [{**case, "id": str(index)} for index, case in enumerate(out)]


CASES = cases()


def _label(case: dict[str, Any]) -> str:
    setters = ",".join(f"{s[0]}{s[1]}{s[2]}" for s in case.get("setters", []))
    return f"{case['id']}:{case['kwargs']}{setters}"[:120]


def _run(server: RecordingServer, runner: Any, shapes: dict[str, Any]) -> dict[str, Any]:
    """Per case: the observation and the JSON body of its POST /v2/transcript."""
    server.reset()
    results = runner(
        {"mode": "config", "base_url": server.base_url, "cases": CASES, "shapes": shapes}
    )
    bodies = {}
    for method, path, _, body in server.requests:
        if method == "POST" and path == "/v2/transcript" and isinstance(body, dict):
            case_id = str(body.get("audio_url", "")).rpartition("case=")[2]
            bodies[case_id] = {k: v for k, v in body.items() if k != "audio_url"}
    return {
        c["id"]: {"observed": r, "sent": bodies.get(c["id"])}
        for c, r in zip(CASES, results, strict=True)
    }


def run_both(
    server: RecordingServer, shapes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every case under ours and under 0.45.4: (ours, theirs), each by case id."""
    return _run(server, run_ours, shapes), _run(server, run_official, shapes)


COMPARED = [c for c in CASES if not config_differs(c)]


@pytest.mark.parametrize("case", COMPARED, ids=_label)
def test_same_request_json(
    config_observed: tuple[dict[str, Any], dict[str, Any]], case: dict[str, Any]
) -> None:
    ours, theirs = config_observed[0][case["id"]], config_observed[1][case["id"]]
    assert comparable_body(ours["sent"]) == comparable_body(theirs["sent"])


@pytest.mark.parametrize("case", COMPARED, ids=_label)
def test_same_properties(
    config_observed: tuple[dict[str, Any], dict[str, Any]], case: dict[str, Any]
) -> None:
    ours, theirs = (
        config_observed[0][case["id"]]["observed"],
        config_observed[1][case["id"]]["observed"],
    )
    if "<raised>" in theirs:
        # The same error, or a subclass of it (ours are also ``AssemblyAIError``s).
        assert theirs["<raised>"] in ours.get("mro", []), f"0.45.4 raised {theirs}; ours: {ours}"
        return
    assert "<raised>" not in ours, f"ours raised where 0.45.4 did not: {ours}"
    differing = {
        name: (ours["properties"].get(name), value)
        for name, value in theirs["properties"].items()
        if ours["properties"].get(name) != value
    }
    assert not differing, "property: (ours, 0.45.4)\n" + "\n".join(
        f"{k}: {v}" for k, v in differing.items()
    )
