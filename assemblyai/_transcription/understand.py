"""``transcript.understand(...)``: speech understanding (translation, speaker identification,
custom formatting) on a finished transcript, through LLM Gateway's ``POST /v1/understanding``.

Pure parts shared by ``aai.Transcript``, ``AsyncTranscript`` and ``TranscriptGroup``: the
request (LLM Gateway's own body building and checks) and how the answer updates the
transcript it was about, so that ``transcript.translated_texts``,
``transcript.speech_understanding`` and the utterances read the new results afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse
    from assemblyai._http.operations import Operation

__all__ = ["Features", "merged_response", "understanding_operation"]

# The ``understand`` keywords by name (see assemblyai.llm_gateway._types for what each takes).
Features = Mapping[str, object]


def understanding_operation(
    transcript_id: str, features: Features
) -> Operation[LlmGatewayUnderstandingResponse]:
    """The ``POST /v1/understanding`` call for one transcript (checked before anything is sent)."""
    from assemblyai.llm_gateway import _operations as gateway_ops
    from assemblyai.llm_gateway._request import understanding_body

    body = understanding_body(
        transcript_id,
        translation=features.get("translation"),
        speaker_identification=features.get("speaker_identification"),
        custom_formatting=features.get("custom_formatting"),
        speech_understanding=features.get("speech_understanding"),
    )
    return gateway_ops.understanding(body)


def _merge_items(old: object, new: object) -> object:
    # Items matched by position (the same utterances, in order) keep what the transcript knew
    # (their words, channel...) and take what the answer adds (a speaker's name, translations);
    # a list of another length replaces the old one.
    if not isinstance(old, list) or not isinstance(new, list) or len(old) != len(new):
        return new
    return [
        {**o, **n} if isinstance(o, Mapping) and isinstance(n, Mapping) else n
        for o, n in zip(old, new, strict=True)
    ]


def _merge_understanding(old: object, new: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(old) if isinstance(old, Mapping) else {}
    for part in ("request", "response"):
        value = new.get(part)
        if isinstance(value, Mapping):
            earlier = merged.get(part)
            merged[part] = {**(earlier if isinstance(earlier, Mapping) else {}), **value}
    return merged


def merged_response(
    current: TranscriptResponse, answer: LlmGatewayUnderstandingResponse
) -> TranscriptResponse:
    """CURRENT with ANSWER's results: ``translated_texts`` added to, ``speech_understanding``
    merged feature by feature, utterances and words updated. Empty lists in the answer (the
    API sends ``"words": []``) leave the transcript's as they were."""
    from assemblyai._generated.rest.models.transcript import Transcript as TranscriptResponse

    data = current.to_dict()
    update = answer.to_dict()
    texts = update.get("translated_texts")
    if isinstance(texts, Mapping) and texts:
        earlier = data.get("translated_texts")
        data["translated_texts"] = {**(earlier if isinstance(earlier, Mapping) else {}), **texts}
    understanding = update.get("speech_understanding")
    if isinstance(understanding, Mapping):
        data["speech_understanding"] = _merge_understanding(
            data.get("speech_understanding"), understanding
        )
    for key in ("utterances", "words"):
        value = update.get(key)
        if isinstance(value, list) and value:
            data[key] = _merge_items(data.get(key), value)
    return TranscriptResponse.from_dict(data)
