"""Walks spec/openapi.yml: what it describes is reachable from the public layer.

- Every property of the response schemas users read (the transcript, list items, sentences,
  paragraphs, word search, LeMUR answers, speech understanding) is an attribute of the public
  class that holds it; `Transcript` properties are its attributes, or options read back
  through `transcript.config`, or listed in `JSON_ONLY` with the reason.
- A real-shaped transcript body (from the real-world collection, served by the sandbox) reads
  back through those attributes with the values it holds: no declared field is lost to
  `additional_properties`.
- No handwritten module reads a field the spec declares out of `additional_properties`.
- Every operation is called by the public method `OPERATIONS` names for it (the sandbox
  records which operation each request was).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._generated.rest.types import to_json
from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions
from assemblyai.testing import FakeAssemblyAI
from assemblyai.testing._audio import make_wav
from generator.specload import load_document
from generator.surface import OVERLAY
from generator.surface.transcript import TranscriptOverlay
from tests.bodies import without_nulls
from tests.lemur_backend import old_lemur_endpoints  # noqa: F401  (LeMUR's own endpoints)

REPO = Path(__file__).resolve().parents[2]
SPEC = load_document(REPO / "spec" / "openapi.yml")
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
REALWORLD = REPO.parent / "shared" / "realworld" / "transcript"

# What generator/overlay.toml says of the transcript's attributes (the one place it is said):
# 0.45.4's names for some properties, and those read only through `json_response` (and why).
_TRANSCRIPT_OVERLAY = TranscriptOverlay(OVERLAY)
TRANSCRIPT_ATTRIBUTES = _TRANSCRIPT_OVERLAY.renames
JSON_ONLY = _TRANSCRIPT_OVERLAY.json_only

# Public classes users hold for the other response schemas.
PUBLIC_CLASSES: dict[str, type] = {
    "TranscriptListItem": aai.types.TranscriptItem,
    "TranscriptList": aai.types.ListTranscriptResponse,
    "PageDetails": aai.types.PageDetails,
    "TranscriptSentence": aai.Sentence,
    "SentencesResponse": aai.types.SentencesResponse,
    "TranscriptParagraph": aai.Paragraph,
    "ParagraphsResponse": aai.types.ParagraphsResponse,
    "TranscriptWord": aai.Word,
    "TranscriptUtterance": aai.Utterance,
    "WordSearchResponse": aai.types.WordSearchMatchResponse,
    "WordSearchMatch": aai.WordSearchMatch,
    "LemurStringResponse": aai.LemurTaskResponse,
    "LemurQuestionAnswerResponse": aai.LemurQuestionResponse,
    "LemurQuestionAnswer": aai.types.LemurQuestionAnswer,
    "LemurUsage": aai.types.LemurUsage,
    "PurgeLemurRequestDataResponse": aai.LemurPurgeResponse,
    "Chapter": aai.Chapter,
    "SpeechUnderstandingResponse": aai.SpeechUnderstandingResponse,
    "SpeechUnderstandingFeatureResponses": aai.SpeechUnderstandingFeatureResponses,
    "SpeakerIdentificationResponse": aai.SpeakerIdentificationResponse,
    "TranslationResponse": aai.TranslationResponse,
    "CustomFormattingResponse": aai.CustomFormattingResponse,
}


def _properties(name: str) -> dict[str, Any]:
    """The properties of schema NAME, its allOf parts included."""
    schema = SCHEMAS[name]
    found: dict[str, Any] = dict(schema.get("properties") or {})
    for part in schema.get("allOf") or []:
        ref = part.get("$ref")
        if isinstance(ref, str):
            found.update(_properties(ref.rsplit("/", 1)[-1]))
        found.update(part.get("properties") or {})
    return found


def test_every_transcript_property_is_reachable_from_the_public_transcript() -> None:
    options = set(_properties("TranscriptOptionalParams"))
    missing = []
    # The option of a result read under the option's name (`auto_highlights`, ...) is
    # read back through the config: the attribute holds the result.
    taken = set(TRANSCRIPT_ATTRIBUTES.values())
    for name in _properties("Transcript"):
        attribute = TRANSCRIPT_ATTRIBUTES.get(name, name)
        if name in JSON_ONLY:
            continue
        if name not in taken and hasattr(aai.Transcript, attribute):
            continue
        if name in options and hasattr(aai.TranscriptionConfig, name):
            continue  # read back as transcript.config.<name>
        missing.append(name)
    assert not missing, (
        f"spec/openapi.yml's Transcript has {missing}, which aai.Transcript does not expose: "
        "add a property to assemblyai/_transcription/transcript_data.py (or, for an echoed option, make it a "
        "TranscriptionConfig option; or list it in JSON_ONLY here with the reason)"
    )
    stale = [name for name in JSON_ONLY if name not in _properties("Transcript")]
    assert not stale, f"JSON_ONLY lists {stale}, which the spec's Transcript no longer has"


@pytest.mark.parametrize("schema", sorted(PUBLIC_CLASSES))
def test_every_property_of_a_response_schema_is_an_attribute(schema: str) -> None:
    cls = PUBLIC_CLASSES[schema]
    missing = [name for name in _properties(schema) if not hasattr(cls, name)]
    assert not missing, (
        f"{cls.__module__}.{cls.__qualname__} lacks {missing} of spec schema {schema}: "
        "regenerate (`make regen`) or add them to the handwritten class"
    )


def _realworld_transcripts() -> list[Path]:
    """The collected transcript bodies of finished transcripts (others are polled again)."""
    if not REALWORLD.is_dir():
        return []
    found = []
    for path in sorted(REALWORLD.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        if "id" in body and body.get("status") in ("completed", "error"):
            found.append(path)
    return found


@pytest.fixture(scope="module")
def sandbox() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(processing_time=0, strict=False) as fake:
        yield fake


def test_real_world_transcripts_are_present() -> None:
    # The behavioural checks below run on these bodies; without them they would check nothing.
    if not REALWORLD.is_dir():
        pytest.skip("../shared/realworld is not there")
    assert len(_realworld_transcripts()) >= 5


def _with_speech_understanding(body: dict[str, Any]) -> dict[str, Any]:
    # No collected body uses speech understanding yet: one of them gets the shape the API
    # documents for it, so that its three fields are checked too.
    return {
        **body,
        "speech_model_used": "universal",
        "translated_texts": {"de": "Hallo.", "es": "Hola."},
        "speech_understanding": {
            "request": {
                "speaker_identification": {"speaker_type": "name", "known_values": ["Ann"]}
            },
            "response": {"speaker_identification": {"status": "success", "mapping": {"A": "Ann"}}},
        },
    }


@pytest.mark.parametrize("path", _realworld_transcripts(), ids=lambda p: p.stem)
def test_a_real_body_reads_back_through_the_public_attributes(
    sandbox: FakeAssemblyAI, path: Path
) -> None:
    body = _with_speech_understanding(json.loads(path.read_text(encoding="utf-8")))
    sandbox.serve_body("GET /v2/transcript/{transcript_id}", body, times=1)
    transcript = aai.Transcript.get_by_id(body["id"])
    taken = set(TRANSCRIPT_ATTRIBUTES.values())
    direct = [
        name
        for name in _properties("Transcript")
        if name not in TRANSCRIPT_ATTRIBUTES and name not in taken and hasattr(aai.Transcript, name)
    ]
    checked = 0
    for name in direct:
        if body.get(name) is None:
            continue
        value = to_json(getattr(transcript, name))
        assert without_nulls(value) == without_nulls(body[name]), (
            f"transcript.{name} does not read the body's value"
        )
        checked += 1
    assert checked >= 4
    understanding = transcript.speech_understanding
    assert isinstance(understanding, aai.SpeechUnderstandingResponse)
    assert understanding.response is not None
    identification = understanding.response.speaker_identification
    assert isinstance(identification, aai.SpeakerIdentificationResponse)
    assert identification.mapping == {"A": "Ann"} and identification.status == "success"
    assert transcript.translated_texts == {"de": "Hallo.", "es": "Hola."}
    assert transcript.speech_model_used == "universal"
    assert "speech_understanding" not in transcript._loaded().additional_properties


def _declared_fields() -> set[str]:
    return {name for schema in SCHEMAS for name in _properties(schema)}


def _handwritten_modules() -> list[Path]:
    package = REPO / "assemblyai"
    return [p for p in sorted(package.rglob("*.py")) if "_generated" not in p.parts]


def test_no_handwritten_module_reads_a_declared_field_from_additional_properties() -> None:
    declared = _declared_fields()
    offences = []
    for path in _handwritten_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            key = _additional_properties_key(node)
            if key is not None and key in declared:
                offences.append(f"{path.relative_to(REPO)}:{node.lineno} reads {key!r}")
    assert not offences, (
        "these read a field spec/openapi.yml declares out of additional_properties, where it "
        f"never is once declared (read the model's attribute instead): {offences}"
    )


def _additional_properties_key(node: ast.AST) -> str | None:
    """The constant key of `<x>.additional_properties[key]` / `.get(key)` / `(key)`-style reads."""
    target: ast.AST | None = None
    key: ast.AST | None = None
    if isinstance(node, ast.Subscript):
        target, key = node.value, node.slice
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.args
        and node.func.attr in ("get", "pop", "setdefault")
    ):
        target, key = node.func.value, node.args[0]
    if (
        isinstance(target, ast.Attribute)
        and target.attr == "additional_properties"
        and isinstance(key, ast.Constant)
        and isinstance(key.value, str)
    ):
        return key.value
    return None


def test_the_ast_check_sees_such_a_read() -> None:
    # Guards the check above: it must flag the pattern it looks for.
    node = ast.parse("x = t.additional_properties.get('translated_texts')").body[0]
    assert isinstance(node, ast.Assign)
    assert _additional_properties_key(node.value) == "translated_texts"
    node = ast.parse("t.additional_properties['speech_model_used']").body[0]
    assert isinstance(node, ast.Expr)
    assert _additional_properties_key(node.value) == "speech_model_used"


def _transcript(fake: FakeAssemblyAI) -> aai.Transcript:
    return aai.Transcriber().transcribe("https://example.org/drift.wav")


def _lemur(fake: FakeAssemblyAI) -> aai.Lemur:
    return _transcript(fake).lemur


def _lemur_answer(fake: FakeAssemblyAI) -> None:
    answer = _lemur(fake).task("Say hi.")
    aai.Lemur().get_response_data(answer.request_id)


def _streaming_token(fake: FakeAssemblyAI) -> None:
    # The options' host defaults to settings.streaming_host, which the sandbox points at itself.
    StreamingClient(StreamingClientOptions()).create_temporary_token(expires_in_seconds=60)


def _redacted_audio(fake: FakeAssemblyAI) -> None:
    config = aai.TranscriptionConfig(
        redact_pii=True,
        redact_pii_audio=True,
        redact_pii_policies=[aai.PIIRedactionPolicy.person_name],
    )
    transcript = aai.Transcriber(config=config).transcribe("https://example.org/redact.wav")
    transcript.get_redacted_audio_url()


# operationId -> a public call that performs it (against the sandbox `fake`).
OPERATIONS: dict[str, Callable[[FakeAssemblyAI], Any]] = {
    "uploadFile": lambda fake: aai.Transcriber().upload_file(b"RIFF0000WAVE"),
    "createTranscript": lambda fake: aai.Transcriber().submit("https://example.org/a.wav"),
    "listTranscripts": lambda fake: aai.Transcriber().list_transcripts(),
    "getTranscript": lambda fake: aai.Transcript.get_by_id(_transcript(fake).id),
    "deleteTranscript": lambda fake: aai.Transcript.delete_by_id(_transcript(fake).id),
    "getSubtitles": lambda fake: _transcript(fake).export_subtitles_srt(),
    "getTranscriptSentences": lambda fake: _transcript(fake).get_sentences(),
    "getTranscriptParagraphs": lambda fake: _transcript(fake).get_paragraphs(),
    "wordSearch": lambda fake: _transcript(fake).word_search(["hello"]),
    "getRedactedAudio": _redacted_audio,
    "createTemporaryToken": lambda fake: aai.RealtimeTranscriber.create_temporary_token(60),
    "lemurTask": lambda fake: _lemur(fake).task("Say hi."),
    "lemurSummary": lambda fake: _lemur(fake).summarize(),
    "lemurQuestionAnswer": lambda fake: _lemur(fake).question(
        [aai.LemurQuestion(question="Who speaks?")]
    ),
    "lemurActionItems": lambda fake: _lemur(fake).action_items(),
    "getLemurResponse": _lemur_answer,
    "purgeLemurRequestData": lambda fake: aai.Lemur.purge_request_data(
        _lemur(fake).task("Say hi.").request_id
    ),
    "generateStreamingToken": _streaming_token,
    "createChatCompletion": lambda fake: aai.LLMGateway(model="claude-sonnet-4-5-20250929").chat(
        "Say hi."
    ),
    "createSpeechUnderstanding": lambda fake: aai.LLMGateway().understand(
        _transcript(fake).id, translation={"target_languages": ["es"]}
    ),
    "syncTranscribe": lambda fake: aai.SyncTranscriber().transcribe(make_wav(1.0)),
    "syncWarm": lambda fake: aai.SyncTranscriber().warm(),
}


def _operation_ids() -> list[str]:
    found = []
    for spec_file in sorted((REPO / "spec").glob("*.yml")):
        doc = load_document(spec_file)
        if "openapi" not in doc:
            continue
        for item in (doc.get("paths") or {}).values():
            for operation in item.values():
                if isinstance(operation, dict) and "operationId" in operation:
                    found.append(operation["operationId"])
    return sorted(found)


def test_every_operation_has_a_public_method() -> None:
    unmapped = [op for op in _operation_ids() if op not in OPERATIONS]
    assert not unmapped, (
        f"spec/ has operations no public method is known to call: {unmapped}. Add a public "
        "method that calls each one (through assemblyai/_http/operations.py), then map the "
        "operationId to a call of it in OPERATIONS in tests/contract/test_response_drift.py"
    )
    stale = sorted(set(OPERATIONS) - set(_operation_ids()))
    assert not stale, f"OPERATIONS maps {stale}, which spec/ no longer has: remove them"


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_the_public_method_performs_the_operation(
    sandbox: FakeAssemblyAI, operation_id: str
) -> None:
    before = len(sandbox.requests)
    OPERATIONS[operation_id](sandbox)
    performed = {r.operation_id for r in sandbox.requests[before:]}
    assert operation_id in performed, f"the call mapped to {operation_id} performed {performed}"
