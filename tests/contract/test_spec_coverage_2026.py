"""Our spec/ against the 2026 revision's openapi.yml (../shared/reference/spec-2026).

The same comparison as test_spec_coverage.py (which holds ours to the revision 0.45.4 was
built against), over the REST document only: llm-gateway.yml is another helper's document. Ours
departs from the 2026 file on purpose in the ways spec/SOURCE.toml lists (each line of
ACCEPTED names the entry), and in no other: a new difference fails, and so does an accepted one
that no longer occurs (then its line goes).
"""

from __future__ import annotations

import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.regenerate import build
from tests.contract.test_spec_coverage import OUR_SPEC, Catalogue, catalogue, compare

PUBLISHED_2026 = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "spec-2026"

pytestmark = pytest.mark.skipif(
    not (PUBLISHED_2026 / "openapi.yml").is_file(),
    reason=f"the 2026 API description is not present at {PUBLISHED_2026}",
)

_SPEECH_UNDERSTANDING = (
    "SOURCE.toml [[additions]] SpeechUnderstandingRequest ...: ours is one object with three "
    "optional keys under the 0.45.4 names; the 2026 file wraps each feature in a *Body schema"
)
_NAMED_ENUM = (
    "SOURCE.toml [revision_2026] taken: the inline enum is a named schema of ours, with the "
    "same values"
)
_SPEECH_MODEL = "SOURCE.toml [revision_2026] kept: SpeechModel stays an enum for speech_model"
_REQUIRED = (
    "SOURCE.toml [[deviations_2026]]: speech_models is required through x-sdk-required-since"
)

ACCEPTED: dict[str, str] = {
    "model CustomFormattingRequestBody: missing from ours": _SPEECH_UNDERSTANDING,
    "model CustomFormattingRequestBodyCustomFormatting: missing from ours": _SPEECH_UNDERSTANDING,
    "field CustomFormattingResponse.custom_formatting: published "
    "('CustomFormattingResponseCustomFormatting | None', False), ours None": _SPEECH_UNDERSTANDING,
    "model CustomFormattingResponseCustomFormatting: missing from ours": _SPEECH_UNDERSTANDING,
    "model SpeakerIdentificationRequestBody: missing from ours": _SPEECH_UNDERSTANDING,
    "model SpeakerIdentificationRequestBodySpeakerIdentification: missing from ours": (
        _SPEECH_UNDERSTANDING
    ),
    "model SpeakerIdentificationRequestBodySpeakerIdentificationSpeakersItem: missing from ours": (
        _SPEECH_UNDERSTANDING
    ),
    "field SpeakerIdentificationResponse.speaker_identification: published "
    "('None | SpeakerIdentificationResponseSpeakerIdentification', False), ours None": (
        _SPEECH_UNDERSTANDING
    ),
    "model SpeakerIdentificationResponseSpeakerIdentification: missing from ours": (
        _SPEECH_UNDERSTANDING
    ),
    "field Transcript.speech_understanding: published "
    "('None | TranscriptSpeechUnderstanding', False), ours "
    "('None | SpeechUnderstandingResponse', False)": _SPEECH_UNDERSTANDING,
    "field TranscriptOptionalParams.speech_understanding: published "
    "('None | TranscriptOptionalParamsSpeechUnderstanding', False), ours "
    "('None | SpeechUnderstandingRequest', False)": _SPEECH_UNDERSTANDING,
    "field TranscriptParams.speech_understanding: published "
    "('None | TranscriptOptionalParamsSpeechUnderstanding', False), ours "
    "('None | SpeechUnderstandingRequest', False)": _SPEECH_UNDERSTANDING,
    "model TranscriptOptionalParamsSpeechUnderstanding: missing from ours": _SPEECH_UNDERSTANDING,
    "model TranscriptSpeechUnderstanding: missing from ours": _SPEECH_UNDERSTANDING,
    "model TranslationRequestBody: missing from ours": _SPEECH_UNDERSTANDING,
    "model TranslationRequestBodyTranslation: missing from ours": _SPEECH_UNDERSTANDING,
    "field TranslationResponse.translation: published "
    "('None | TranslationResponseTranslation', False), ours None": _SPEECH_UNDERSTANDING,
    "model TranslationResponseTranslation: missing from ours": _SPEECH_UNDERSTANDING,
    "enum SpeakerIdentificationRequestBodySpeakerIdentificationSpeakerType: missing from ours": (
        "ours names it SpeakerType (0.45.4's name), with the same values"
    ),
    "model TranscriptTranslatedTexts: missing from ours": (
        "SOURCE.toml [[corrections]] Transcript.translated_texts: a map of texts by language"
    ),
    "field Transcript.remove_audio_tags: published ('None | TranscriptRemoveAudioTagsType0', "
    "False), ours ('None | RemoveAudioTags', False)": _NAMED_ENUM,
    "field TranscriptOptionalParams.remove_audio_tags: published "
    "('None | TranscriptOptionalParamsRemoveAudioTagsType0', False), ours "
    "('None | RemoveAudioTags', False)": _NAMED_ENUM,
    "field TranscriptParams.remove_audio_tags: published "
    "('None | TranscriptOptionalParamsRemoveAudioTagsType0', False), ours "
    "('None | RemoveAudioTags', False)": _NAMED_ENUM,
    "enum TranscriptOptionalParamsRemoveAudioTagsType0: missing from ours": _NAMED_ENUM,
    "enum TranscriptRemoveAudioTagsType0: missing from ours": _NAMED_ENUM,
    "field TranscriptOptionalParamsRedactPiiAudioOptions.override_audio_redaction_method: "
    "published ('None | TranscriptOptionalParamsRedactPiiAudioOptionsOverrideAudioRedactionMethod'"
    ", False), ours ('None | RedactPiiAudioMethod', False)": _NAMED_ENUM,
    "field TranscriptRedactPiiAudioOptions.override_audio_redaction_method: published "
    "('None | TranscriptRedactPiiAudioOptionsOverrideAudioRedactionMethod', False), ours "
    "('None | RedactPiiAudioMethod', False)": _NAMED_ENUM,
    "enum TranscriptOptionalParamsRedactPiiAudioOptionsOverrideAudioRedactionMethod: "
    "missing from ours": _NAMED_ENUM,
    "enum TranscriptRedactPiiAudioOptionsOverrideAudioRedactionMethod: missing from ours": (
        _NAMED_ENUM
    ),
    "field Transcript.speech_model: published ('None | str', False), ours "
    "('None | SpeechModel', False)": _SPEECH_MODEL,
    "field TranscriptOptionalParams.speech_model: published ('None | str', False), ours "
    "('None | SpeechModel', False)": _SPEECH_MODEL,
    "field TranscriptParams.speech_model: published ('None | str', False), ours "
    "('None | SpeechModel', False)": _SPEECH_MODEL,
    "field TranscriptOptionalParams.speech_models: published ('None | list[str]', True), ours "
    "('None | list[str]', False)": _REQUIRED,
    "field TranscriptParams.speech_models: published ('None | list[str]', True), ours "
    "('None | list[str]', False)": _REQUIRED,
}


@pytest.fixture(scope="module")
def generated_2026(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Catalogue, Catalogue]]:
    root = tmp_path_factory.mktemp("coverage2026")
    published = root / "published-spec"
    published.mkdir()
    for name in ("openapi.yml", "streaming-token.yml"):
        shutil.copy(PUBLISHED_2026 / name, published / name)
    tag = uuid.uuid4().hex[:8]
    ours_pkg, published_pkg = f"_ours26_{tag}", f"_published26_{tag}"
    build(OUR_SPEC, root / ours_pkg)
    build(published, root / published_pkg)
    sys.path.insert(0, str(root))
    try:
        yield catalogue(ours_pkg, root), catalogue(published_pkg, root)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.startswith((ours_pkg, published_pkg))]:
            del sys.modules[name]


def test_our_spec_covers_the_2026_revision_but_for_the_listed_differences(
    generated_2026: tuple[Catalogue, Catalogue], coverage_lines: list[str]
) -> None:
    ours, published = generated_2026
    problems, line = compare(ours, published)
    coverage_lines.append(f"2026 revision: {line} ({len(ACCEPTED)} listed differences)")
    unexpected = [p for p in problems if p not in ACCEPTED]
    stale = [p for p in ACCEPTED if p not in problems]
    assert not unexpected, "not listed as a deliberate difference:\n" + "\n".join(unexpected)
    assert not stale, "listed but no longer a difference (remove it):\n" + "\n".join(stale)


def test_the_2026_lemur_operations_are_kept_and_deprecated(
    generated_2026: tuple[Catalogue, Catalogue],
) -> None:
    from assemblyai._generated.specs import openapi_document

    ours, published = generated_2026
    lemur = {op for op in ours.operations if op.split(" ")[1].startswith("/lemur/")}
    assert not {op for op in published.operations if "/lemur/" in op}
    assert len(lemur) == 6
    paths = openapi_document()["paths"]
    for op in lemur:
        method, path = op.split(" ")
        assert paths[path][method.lower()]["deprecated"] is True
