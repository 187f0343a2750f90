"""The case -> observation logic both SDKs run: ours in-process, 0.45.4 in its own venv.

Run as a script (``python driver.py`` with the official SDK importable), it reads one JSON
request on stdin and writes the JSON results on stdout. Imported, :func:`run` does the same for
whichever ``assemblyai`` is importable. It uses only the public API both SDKs share, plus
pydantic introspection in the ``shapes`` mode, which only 0.45.4 runs, and the standard library:
it must import in a venv where neither our package nor our test helpers exist.

A request is ``{"mode": ..., "base_url": ..., "cases": [...], "shapes": {...}}``:

- ``shapes``: 0.45.4's model fields and their types (so both sides observe the same attributes);
- ``names``: the public names of some modules, with ``inspect.signature`` of each callable;
- ``read``: read response bodies the server holds, the public way, and observe the results;
- ``config``: build a ``TranscriptionConfig``, observe its properties and submit it;
- ``calls``: run public calls against the recording server, one marker request before each.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import inspect
import json
import sys
import typing
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

MISSING = "<no such attribute>"
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


# --- observing values ------------------------------------------------------------------------


def normalize(value: Any) -> Any:
    """A JSON value for any SDK value: enums by value, models as dicts, records as dicts."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return normalize(value.value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(normalize(k)): normalize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    dump = getattr(value, "dict", None)
    if callable(dump):
        with contextlib.suppress(Exception):
            return normalize(dump())
    return {"<object>": type(value).__name__}


def observe(value: Any, desc: Any, shapes: Mapping[str, Any]) -> Any:
    """``value`` seen through 0.45.4's type ``desc``: a model's fields read as attributes."""
    if value is None or desc in ("any", None):
        return normalize(value)
    if isinstance(desc, list) and desc[0] == "model":
        fields = shapes[desc[1]]["fields"]
        if isinstance(value, Mapping):
            return {f: observe(value.get(f), d, shapes) for f, d in fields.items()}
        plain = isinstance(value, str | int | float | list)
        if plain or (isinstance(value, tuple) and not hasattr(value, next(iter(fields), ""))):
            return normalize(value)
        return {f: observe(_attribute(value, f), d, shapes) for f, d in fields.items()}
    if isinstance(desc, list) and desc[0] == "list" and isinstance(value, list | tuple):
        return [observe(v, desc[1], shapes) for v in value]
    if isinstance(desc, list) and desc[0] == "dict" and isinstance(value, Mapping):
        return {str(normalize(k)): observe(v, desc[1], shapes) for k, v in value.items()}
    return normalize(value)


def _attribute(value: Any, name: str) -> Any:
    try:
        return getattr(value, name)
    except AttributeError:
        return MISSING
    except Exception as error:  # an attribute that raises is observed as its error
        return f"<{type(error).__name__}>"


def guarded(read: Any) -> Any:
    """``read()`` observed, or ``{"<raised>": name}`` if it raised."""
    try:
        return read()
    except Exception as error:
        return raised(error)


def raised(error: Exception) -> dict[str, Any]:
    """An exception observed: its class, the classes it derives from, its message."""
    mro = [c.__name__ for c in type(error).__mro__]
    return {"<raised>": type(error).__name__, "mro": mro, "message": str(error)[:300]}


# --- shapes (0.45.4 only) --------------------------------------------------------------------


def type_desc(tp: Any) -> Any:
    """A JSON description of a pydantic field type: what :func:`observe` and the body
    strategies need (models by name, lists, maps, enums with their values, scalars)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union:
        kept = [a for a in args if a is not type(None)]
        return type_desc(kept[0]) if len(kept) == 1 else ["union", [type_desc(a) for a in kept]]
    if origin is typing.Literal:
        return ["enum", list(args)]
    if origin in (list, typing.List, typing.Sequence):  # noqa: UP006
        return ["list", type_desc(args[0]) if args else "any"]
    if origin in (dict, typing.Dict):  # noqa: UP006
        return [
            "dict",
            type_desc(args[1]) if args else "any",
            type_desc(args[0]) if args else "any",
        ]
    if origin is tuple:
        return ["tuple", [type_desc(a) for a in args]]
    if origin is typing.Annotated:
        return type_desc(args[0])
    if not inspect.isclass(tp):
        return "any"
    if hasattr(tp, "__fields__") and tp.__module__.startswith("assemblyai"):
        return ["model", tp.__name__]
    if issubclass(tp, enum.Enum):
        return ["enum", [m.value for m in tp]]
    for kind, name in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str")):
        if issubclass(tp, kind):
            return name
    if issubclass(tp, datetime.datetime):
        return "datetime"
    return "any"


def shapes() -> dict[str, Any]:
    """Every pydantic model of 0.45.4's ``assemblyai.types``: field -> type description."""
    import assemblyai.types as types

    out: dict[str, Any] = {}
    for name, cls in vars(types).items():
        fields = getattr(cls, "__fields__", None)
        if not inspect.isclass(cls) or not isinstance(fields, Mapping):
            continue
        if not cls.__module__.startswith("assemblyai"):
            continue
        # pydantic v1 fallback mode (0.45.4's default install) turns the config into a field.
        kept = {f: field for f, field in fields.items() if f != "model_config"}
        out[name] = {
            "fields": {
                f: type_desc(getattr(field, "annotation", None) or field.outer_type_)
                for f, field in kept.items()
            },
            "required": [f for f, field in kept.items() if field.required],
        }
    return out


# --- names and signatures --------------------------------------------------------------------


def _parameters(obj: Any) -> Any:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    # Underscored parameters (pydantic-settings' ``_env_file``...) and pydantic v1's leaked
    # ``model_config`` field are not the SDK's API.
    return [
        [
            p.name,
            p.kind.name,
            None if p.default is inspect.Parameter.empty else ["default", normalize(p.default)],
        ]
        for p in signature.parameters.values()
        if p.name[:1] != "_" and p.name != "model_config"
    ]


def _validators(cls: type) -> set[str]:
    """Names of pydantic validator methods: pydantic's machinery, not the SDK's API."""
    found = set()
    for validators in getattr(cls, "__validators__", {}).values():
        found |= {v.func.__name__ for v in validators}
    for v in [
        *getattr(cls, "__pre_root_validators__", []),
        *getattr(cls, "__post_root_validators__", []),
    ]:
        found.add(getattr(v[-1] if isinstance(v, tuple) else v, "__name__", ""))
    return found


def _members(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    skipped = _validators(cls)
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("assemblyai"):
            continue
        for name, member in vars(klass).items():
            if (
                name[:1] == "_"
                or name in skipped
                or name == "model_config"
                or inspect.isclass(member)
            ):
                continue
            if isinstance(member, property):
                out[name] = "property"
            elif isinstance(member, classmethod | staticmethod):
                out[name] = _parameters(getattr(cls, name))
            elif inspect.isfunction(member):
                out[name] = _parameters(member)
            elif name[:1] != "_":
                out.setdefault(name, "attribute")  # a slot, a record's field getter, a constant
    for field in getattr(cls, "__attrs_attrs__", ()):
        out.setdefault(field.name, "attribute")
    return out


def names(modules: list[str], wanted: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """Public names per module (or the ``wanted`` ones): kind, signature, and for classes
    their members' signatures."""
    import importlib

    out: dict[str, Any] = {}
    for module_name in modules:
        module = importlib.import_module(module_name)
        public = getattr(module, "__all__", None) or [n for n in vars(module) if n[:1] != "_"]
        if wanted is not None:
            public = wanted.get(module_name, [])
        entries: dict[str, Any] = {}
        for name in public:
            obj = getattr(module, name, MISSING)
            if obj is MISSING:
                entries[name] = {"kind": "missing"}
            elif inspect.ismodule(obj):
                entries[name] = {"kind": "module"}
            elif inspect.isclass(obj) and issubclass(obj, enum.Enum):
                entries[name] = {
                    "kind": "enum",
                    "defined_here": obj.__module__.startswith("assemblyai"),
                    "members": {k: normalize(m.value) for k, m in obj.__members__.items()},
                }
            elif inspect.isclass(obj):
                defined = obj.__module__.startswith("assemblyai")
                entries[name] = {
                    "kind": "class",
                    "defined_here": defined,
                    "signature": _parameters(obj) if defined else None,
                    "members": _members(obj) if defined else {},
                }
            elif callable(obj):
                defined = getattr(obj, "__module__", "") or ""
                entries[name] = {
                    "kind": "function",
                    "defined_here": defined.startswith("assemblyai"),
                    "signature": _parameters(obj),
                }
            else:
                entries[name] = {
                    "kind": "value",
                    "type": type(obj).__name__,
                    "value": normalize(obj) if isinstance(obj, str | int | float | dict) else None,
                }
        out[module_name] = entries
    return out


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
        return {"class": type(result).__name__, "value": observe(result, ["model", model], shapes_)}
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
    try:
        yield
    finally:
        settings.base_url, settings.api_key, settings.polling_interval = saved


def mark(base_url: str, name: str) -> None:
    """A request the server logs, so its log can be split per call."""
    with urllib.request.urlopen(f"{base_url}/__mark__/{name}") as response:
        response.read()


def call(aai: Any, name: str, base_url: str, workdir: str) -> Any:
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
]


# --- entry points ----------------------------------------------------------------------------


def run(request: Mapping[str, Any]) -> Any:
    """Answer one request with the ``assemblyai`` this interpreter imports."""
    mode = request["mode"]
    if mode == "shapes":
        return shapes()
    if mode == "names":
        return names(request["modules"], request.get("wanted"))
    import assemblyai as aai

    base_url, shapes_ = request["base_url"], request.get("shapes", {})
    with configured(aai, base_url):
        if mode == "read":
            return [guarded(lambda c=c: read_case(aai, c, shapes_)) for c in request["cases"]]
        if mode == "config":
            return [config_case(aai, c, shapes_) for c in request["cases"]]
        if mode == "calls":
            out = {}
            for name in request["cases"]:
                mark(base_url, name)
                out[name] = guarded(
                    lambda name=name: observe(
                        call(aai, name, base_url, request["workdir"]),
                        RESULT_TYPES.get(name, "any"),
                        shapes_,
                    )
                )
            return out
    raise ValueError(f"unknown mode {mode!r}")


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
