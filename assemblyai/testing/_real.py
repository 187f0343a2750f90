"""Real-shaped answers: the sandbox's REST bodies reshaped the way the real API writes them.

With ``FakeAssemblyAI(responses="real")``, each answer is first built to the spec (and checked
against it, as always), then reshaped here before it is sent. The changes are those seen in
bodies the real API sent (``../shared/realworld`` in the project's development set):

- fields the spec calls required are left out where the API leaves them out:
  ``language_confidence``, ``language_confidence_threshold``, ``speech_model``,
  ``webhook_auth``, ``summarization``, ``auto_highlights``, ``redact_pii`` (only when they
  hold nothing: null or false, so no information is lost), LeMUR's ``usage``, a list item's
  ``error``;
- properties the spec declares but the sandbox would leave out read ``null``
  (``redact_pii_sub``, ``prompt``, ``error``...), as the API writes them;
- fields the spec never declares are added: ``word_boost``, ``boost_param``, ``cluster_id``,
  ``is_deleted``, ``custom_topics_results``, ``speaker_count``, account ids...;
- ``audio_duration`` is a float (``12.225``) where the spec says integer;
- content safety and topic results of a feature not asked for are
  ``{"status": "unavailable", "results": [], "summary": {}}`` (no ``severity_score_summary``),
  and ``{}`` while the transcript is queued or processing;
- words carry no ``speaker`` key when there are no speaker labels.

Each transcript gets one "era" of the API (2020, 2023 or 2025), drawn from a generator seeded
with the sandbox's seed and the transcript's id, and reshaped as that era's bodies were; so a
run with a given seed always gives the same bodies, and a suite sees every era.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, Literal

from assemblyai.testing._state import Store

__all__ = ["ERAS", "RESPONSE_STYLES", "RealShapes", "ResponseStyle"]

ResponseStyle = Literal["spec", "real"]
RESPONSE_STYLES: tuple[ResponseStyle, ...] = ("spec", "real")

ERAS = ("2020", "2023", "2025")

_EMPTY_WHEN_NOTHING = {
    # era -> fields left out when null or false
    "2020": (
        "language_confidence",
        "language_confidence_threshold",
        "speech_model",
        "webhook_auth",
        "summarization",
        "auto_highlights",
        "redact_pii",
    ),
    "2023": ("language_confidence", "language_confidence_threshold", "speech_model"),
    "2025": (),
}
_UNDECLARED: dict[str, dict[str, Any]] = {
    "2020": {"word_boost": [], "boost_param": None},
    "2023": {
        "word_boost": [],
        "boost_param": None,
        "speed_boost": False,
        "cluster_id": None,
        "speaker_count": None,
    },
    "2025": {
        "word_boost": [],
        "boost_param": None,
        "custom_topics_results": None,
        "is_deleted": None,
        "speaker_options": None,
        "redact_pii_audio_options": None,
    },
}
_RESULTS = (
    ("content_safety_labels", "content_safety"),
    ("iab_categories_result", "iab_categories"),
)
_UNAVAILABLE = {"status": "unavailable", "results": [], "summary": {}}


class RealShapes:
    """Reshapes spec-shaped JSON answers into real-shaped ones (see the module docstring).

    Args:
        store: the sandbox state (transcript parameters and statuses).
        seed: the sandbox's seed; ``None`` draws eras at random.
        declared: the properties the spec's ``Transcript`` schema declares.
    """

    def __init__(self, store: Store, seed: int | None, declared: Mapping[str, Any]) -> None:
        self._store = store
        self._seed = seed
        self._declared = tuple(declared)

    def _random(self, key: str) -> random.Random:
        return random.Random(f"{self._seed}:{key}" if self._seed is not None else None)

    def era(self, transcript_id: str) -> str:
        """The era a transcript's bodies are written in (stable for a seed and id)."""
        return self._random(transcript_id).choice(ERAS)

    def reshape(self, operation_id: str, body: Any) -> Any:
        """The real-shaped form of the JSON answer ``body`` to ``operation_id``."""
        if not isinstance(body, dict) or ("error" in body and len(body) == 1):
            return body  # error answers are already what the API sends
        if operation_id in ("createTranscript", "getTranscript", "deleteTranscript"):
            return self.transcript(body)
        if operation_id == "listTranscripts":
            items = [self._list_item(item) for item in body.get("transcripts") or []]
            return {**body, "transcripts": items}
        if operation_id.startswith("lemur") or operation_id == "getLemurResponse":
            return {k: v for k, v in body.items() if k != "usage"}
        return body

    def transcript(self, body: dict[str, Any]) -> dict[str, Any]:
        record = self._store.transcript(str(body.get("id")))
        params: Mapping[str, Any] = record.params if record is not None else {}
        era = self.era(str(body.get("id")))
        shaped = dict(body)
        for name in self._declared:
            shaped.setdefault(name, None)
        if not params.get("redact_pii"):
            shaped["redact_pii_sub"] = params.get("redact_pii_sub")
        shaped["speech_threshold"] = params.get("speech_threshold")
        for name, value in _UNDECLARED[era].items():
            # Our spec now declares several of these (spec/SOURCE.toml), so the spec-shaped
            # answer may already hold them as null; the real API's value replaces that null.
            if shaped.get(name) is None:
                shaped[name] = params.get(name, value)
        if era == "2025":
            rng = self._random("account:" + str(body.get("id")))
            shaped["project_id"] = rng.randrange(100_000, 999_999)
            shaped["token_id"] = rng.randrange(1_000_000, 9_999_999)
        status = shaped.get("status")
        for result, flag in _RESULTS:
            if status in ("queued", "processing"):
                shaped[result] = {}
            elif not params.get(flag) and shaped.get(result) is None and record is not None:
                shaped[result] = dict(_UNAVAILABLE)
        if record is not None and isinstance(shaped.get("audio_duration"), int):
            # The real API reports the measured length (150.766167800454), not a rounded one.
            shaped["audio_duration"] = round(record.audio.duration, 3) + 0.0
        if era == "2020" and isinstance(shaped.get("words"), list):
            shaped["words"] = [_without_null(w, "speaker") for w in shaped["words"]]
        for name in _EMPTY_WHEN_NOTHING[era]:
            if shaped.get(name) in (None, False):
                shaped.pop(name, None)
        return shaped

    def _list_item(self, item: Any) -> Any:
        if not isinstance(item, dict) or item.get("error") is not None:
            return item
        if self.era(str(item.get("id"))) == "2025":
            return item
        return {k: v for k, v in item.items() if k != "error"}


def _without_null(word: Any, key: str) -> Any:
    if isinstance(word, dict) and key in word and word[key] is None:
        return {k: v for k, v in word.items() if k != key}
    return word
