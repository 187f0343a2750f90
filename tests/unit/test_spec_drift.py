"""Drift checks: everything `spec/openapi.yml` declares on the request side reaches the public layer.

These walk the spec instead of pinning copies of field or member lists, so a property or enum
value added to the spec fails here until `make regen` has made it reachable.
"""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import assemblyai as aai
from assemblyai._core import enums as _enums
from assemblyai._core.enums import is_known
from assemblyai.testing import FakeAssemblyAI
from generator.codegen_view import identical_enums
from tests.spec_params import schemas, spec_enums, transcript_params

OVERLAY = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "generator" / "overlay.toml").read_text()
)
PARAMS = transcript_params()
READ_ONLY: dict[str, str] = OVERLAY["config"]["read_only"]

# Cross-field rules of TranscriptionConfig (behaviour, not API facts): what a keyword needs
# alongside it to be accepted.
COMPANIONS: dict[str, dict[str, Any]] = {
    "redact_pii": {"redact_pii_policies": ["person_name"]},
    "redact_pii_audio": {"redact_pii": True, "redact_pii_policies": ["person_name"]},
    "redact_pii_audio_quality": {"redact_pii": True, "redact_pii_policies": ["person_name"]},
    "redact_pii_policies": {"redact_pii": True},
    "redact_pii_sub": {"redact_pii": True, "redact_pii_policies": ["person_name"]},
    "redact_pii_return_unredacted": {"redact_pii": True, "redact_pii_policies": ["person_name"]},
    "webhook_auth_header_name": {"webhook_url": "https://example.org/hook", "webhook_auth_header_value": "v"},
    "webhook_auth_header_value": {"webhook_url": "https://example.org/hook", "webhook_auth_header_name": "n"},
    "boost_param": {"word_boost": ["aai"]},
    "audio_end_at": {"audio_start_from": 0},
    "content_safety_confidence": {"content_safety": True},
    "summary_model": {"summarization": True},
    "summary_type": {"summarization": True},
}  # fmt: skip


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        return _resolve(schemas()[ref.rsplit("/", 1)[1]])
    for key in ("oneOf", "anyOf"):
        options = [o for o in schema.get(key) or [] if o.get("type") != "null"]
        if options:
            return _resolve(options[0])
    return schema


def sample(name: str, schema: dict[str, Any]) -> Any:
    """A valid value for a property, built from its schema alone."""
    schema = _resolve(schema)
    if "enum" in schema:
        return "en" if "en" in schema["enum"] else schema["enum"][0]
    kind = schema.get("type")
    kind = next(k for k in kind if k != "null") if isinstance(kind, list) else kind
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return schema.get("minimum", 1) + (1 if name == "audio_end_at" else 0)
    if kind == "string":
        return "https://example.org/hook" if schema.get("format") == "url" else "x"
    if kind == "array":
        return [sample(name, schema.get("items") or {"type": "string"})]
    if kind == "object" and schema.get("properties"):
        required = schema.get("required") or list(schema["properties"])[:1]
        return {key: sample(key, schema["properties"][key]) for key in required}
    return {"request": {"translation": {"target_languages": ["de"]}}}  # an open object


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_spec_param_is_a_typed_keyword_property_and_raw_field(name: str) -> None:
    assert name in RawTranscriptionConfig_fields()
    parameter = inspect.signature(aai.TranscriptionConfig).parameters[name]
    assert parameter.annotation not in (inspect.Parameter.empty, "Any")
    prop = getattr(aai.TranscriptionConfig, name)
    assert isinstance(prop, property)
    assert (prop.fset is None) is (name in READ_ONLY), "read-only exactly when the overlay says"


def RawTranscriptionConfig_fields() -> set[str]:
    return set(aai.RawTranscriptionConfig.__fields__)


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_spec_param_given_as_a_keyword_is_in_the_request(name: str) -> None:
    value = sample(name, PARAMS[name])
    config = aai.TranscriptionConfig(**{name: value, **COMPANIONS.get(name, {})})
    assert name in config.raw.to_request_json()
    assert getattr(config.raw, name) is not None


@pytest.fixture(scope="module")
def sandbox() -> Iterator[FakeAssemblyAI]:
    with FakeAssemblyAI(processing_time=0) as fake:
        yield fake


def test_every_spec_param_is_sent_to_the_api(sandbox: FakeAssemblyAI) -> None:
    values = {n: sample(n, s) for n, s in PARAMS.items()}
    values["auto_chapters"] = False  # the API refuses it together with summarization
    raw = aai.RawTranscriptionConfig(**values)
    config = aai.TranscriptionConfig(raw_transcription_config=raw)
    aai.Transcriber(config=config).submit("https://example.org/everything.wav")
    (request,) = sandbox.requests_to("POST /v2/transcript")
    assert isinstance(request.json, dict)
    assert set(PARAMS) <= set(request.json)
    assert sandbox.violations == []


def _public_name(schema: str) -> str:
    folded = identical_enums({"components": {"schemas": schemas()}}).get(schema, schema)
    return str(OVERLAY["enums"].get(folded, folded))


@pytest.mark.parametrize(("schema", "values"), sorted(spec_enums().items()))
def test_every_spec_enum_value_is_a_member_of_its_public_enum(
    schema: str, values: list[str]
) -> None:
    public = _public_name(schema)
    enum_cls = getattr(_enums, public)
    assert enum_cls.__name__ == public
    for value in values:
        assert is_known(enum_cls, value), f"{public} lacks {value!r} (spec {schema})"
        assert enum_cls(value).value == value


RENAMED = sorted(v for v in OVERLAY["enums"].values() if isinstance(v, str))


@pytest.mark.parametrize("public", RENAMED)
def test_enums_renamed_for_0454_are_top_level_names(public: str) -> None:
    assert getattr(aai, public) is getattr(_enums, public)


def test_aliases_are_the_same_class() -> None:
    for alias, target in OVERLAY["enums"]["aliases"].items():
        assert getattr(_enums, alias) is getattr(_enums, target)
        assert getattr(aai, alias) is getattr(aai, target)
