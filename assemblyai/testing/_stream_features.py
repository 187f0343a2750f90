"""The 2026 side of a v3 sandbox session: models, their rules, and the messages parameters
turn on.

Pure (no I/O, no clock). :func:`session_config` builds a session's settings from the handshake
query and the spec's rules; :class:`V3Features` follows one session and says what to add to
the Turns of :mod:`._turns` and which other messages to send. The rules, all read from
``spec/streaming.asyncapi.yml`` or chosen here to be simple to predict in tests:

- the settings are the spec's defaults, then the model's own defaults
  (``x-sdk-model-defaults``: Universal-3 Pro's shorter silences), then the query; a former
  name (``x-sdk-renamed-to``) counts as its new name unless that is given too;
- a parameter the session's model does not use (``x-sdk-models``: ``prompt`` on
  Universal-Streaming, ``format_turns`` on Universal-3 Pro) is accepted and answered with a
  ``Warning`` (code :data:`IGNORED_PARAMETER`, the sandbox's own: the API's warning codes are
  not published), after ``Begin`` or after the ``UpdateConfiguration`` that set it;
- ``Begin`` carries ``configuration``: the model, the ``mode`` when one was asked for, and the
  protocol version;
- Universal-3 Pro (``u3-rt-pro`` and its other names) sends ``SpeechStarted`` (at the first
  word's start) before the first Turn of each turn, and formats every finished turn: one
  final Turn, formatted, with ``end_of_turn_confidence`` 1 (partials: 0);
- ``speaker_labels``: turn ``n`` is spoken by speaker ``"ABCDEFGHIJ"[n % max_speakers]``
  (``max_speakers`` defaults to 2), on the Turn (``speaker_label``) and each word
  (``speaker``); a finished turn of fewer than :data:`SHORT_TURN_WORDS` words is labelled
  ``UNKNOWN`` at first, and the next finished turn is followed by a ``SpeakerRevision`` that
  gives it its speaker;
- ``language_detection``: finished Turns carry ``language_code`` (the first of
  ``language_codes``, else ``language_code``, else ``en``) and ``language_confidence`` 0.97;
- ``llm_gateway``: each finished turn is followed by an ``LLMGatewayResponse`` whose ``data``
  is a chat completion of that model answering ``You said: <transcript>``;
- ``session_heartbeat``: a ``Heartbeat`` after each whole second of audio received.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assemblyai.testing._stream_check import StreamSpec
from assemblyai.testing._turns import TurnUpdate

__all__ = [
    "API_VERSION",
    "IGNORED_PARAMETER",
    "SHORT_TURN_WORDS",
    "U3_PRO_MODELS",
    "V3Features",
    "is_self_describing",
    "renamed",
    "session_config",
]

API_VERSION = "2025-05-12"
"""The protocol version ``Begin.configuration`` names (the one the SDK sends)."""

IGNORED_PARAMETER = 2001
"""The sandbox's warning code for a parameter the session's model does not use."""

SHORT_TURN_WORDS = 3
"""A finished turn with fewer words is labelled ``UNKNOWN`` until the next one revises it."""

U3_PRO_MODELS = frozenset({"u3-rt-pro", "u3-rt-pro-beta-1", "u3-pro"})
"""The names of Universal-3 Pro (``u3-pro`` is its deprecated name); the spec's rules name
``u3-rt-pro``."""

_SPEAKERS = "ABCDEFGHIJ"
_DEFAULT_MODEL = "universal-streaming-english"


def _model(config: Mapping[str, Any]) -> str:
    model = str(config.get("speech_model") or _DEFAULT_MODEL)
    return "u3-rt-pro" if model in U3_PRO_MODELS else model


def is_self_describing(config: Mapping[str, Any], spec: StreamSpec) -> bool:
    """The encoding is one whose stream needs no ``sample_rate`` (Opus, Ogg/Opus, AAC)."""
    waivers = {w for _, values in spec.rules.required_unless.values() for w in values}
    return config.get("encoding") in waivers


def session_config(
    spec: StreamSpec, values: Mapping[str, Any], given: Iterable[str]
) -> dict[str, Any]:
    """A session's settings from the query's checked ``values`` (``given``: the names the
    client sent): spec defaults, then the model's defaults, then the query."""
    values = renamed(spec, values)
    given = set(renamed(spec, dict.fromkeys(given)))
    config = {**spec.query_defaults, **values}
    model = _model(config)
    for name, by_model in spec.rules.model_defaults.items():
        if name not in given and model in by_model:
            config[name] = by_model[model]
    return config


def renamed(spec: StreamSpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with each former name under its new one (the new one wins)."""
    result: dict[str, Any] = {}
    for key, value in values.items():
        new = spec.rules.renamed.get(key)
        if new is None:
            result[key] = value
        elif new not in values:
            result[new] = value
    return result


class V3Features:
    """What one v3 session adds to the basic turns, given its (live) settings."""

    def __init__(self, spec: StreamSpec, config: dict[str, Any]) -> None:
        self.spec = spec
        self.config = config  # the session's settings; UpdateConfiguration changes them
        self._pending: dict[int, dict[str, Any]] = {}  # UNKNOWN turns awaiting a revision
        self._heartbeats = 0

    @property
    def model(self) -> str:
        return _model(self.config)

    @property
    def u3_pro(self) -> bool:
        return self.model == "u3-rt-pro"

    # -- session start and updates ----------------------------------------------------------

    def begin_configuration(self) -> dict[str, Any]:
        configuration: dict[str, Any] = {
            "model": str(self.config.get("speech_model") or _DEFAULT_MODEL),
            "api_version": API_VERSION,
        }
        if self.config.get("mode") is not None:
            configuration["mode"] = self.config["mode"]
        return configuration

    def warnings(self, names: Iterable[str]) -> list[dict[str, Any]]:
        """A ``Warning`` for each of ``names`` the model does not use."""
        return [
            {
                "type": "Warning",
                "warning_code": IGNORED_PARAMETER,
                "warning": f"{name} is not used by {self.model}; it is ignored",
            }
            for name in self.spec.rules.ignored_by(self.model, names)
        ]

    # -- turns --------------------------------------------------------------------------------

    def turn_messages(
        self, update: TurnUpdate, turns: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The messages for one turn update: ``turns`` (the basic Turns) decorated, with
        ``SpeechStarted``, ``SpeakerRevision`` and ``LLMGatewayResponse`` around them."""
        before: list[dict[str, Any]] = []
        after: list[dict[str, Any]] = []
        if self.u3_pro and len(update.words) == 1 and not update.end_of_turn:
            before.append(
                {"type": "SpeechStarted", "timestamp": update.words[0].start, "confidence": 0.92}
            )
        for turn in turns:
            self._decorate(update, turn)
        if update.end_of_turn and turns:
            final = turns[-1]
            if self.config.get("speaker_labels") is True:
                after.extend(self._revisions(update, final))
            gateway = self.config.get("llm_gateway")
            if isinstance(gateway, Mapping):
                after.append(_gateway_answer(gateway, update.turn_order, final["transcript"]))
        return before + turns + after

    def _speaker(self, turn_order: int) -> str:
        count = self.config.get("max_speakers")
        count = count if isinstance(count, int) and 1 <= count <= len(_SPEAKERS) else 2
        return _SPEAKERS[turn_order % count]

    def _decorate(self, update: TurnUpdate, turn: dict[str, Any]) -> None:
        if self.config.get("speaker_labels") is True:
            short = update.end_of_turn and len(update.words) < SHORT_TURN_WORDS
            label = "UNKNOWN" if short else self._speaker(update.turn_order)
            turn["speaker_label"] = label
            for word in turn["words"]:
                word["speaker"] = label
        if update.end_of_turn and self.config.get("language_detection") is True:
            codes = self.config.get("language_codes")
            first = codes[0] if isinstance(codes, list) and codes else None
            turn["language_code"] = first or self.config.get("language_code") or "en"
            turn["language_confidence"] = 0.97

    def _revisions(self, update: TurnUpdate, final: dict[str, Any]) -> list[dict[str, Any]]:
        revisions = []
        for order, turn in sorted(self._pending.items()):
            label = self._speaker(order)
            words = [{**word, "speaker": label} for word in turn["words"]]
            revisions.append({"turn_order": order, "speaker_label": label, "words": words})
        self._pending.clear()
        if final.get("speaker_label") == "UNKNOWN":
            self._pending[update.turn_order] = final
        return [{"type": "SpeakerRevision", "revisions": revisions}] if revisions else []

    # -- audio --------------------------------------------------------------------------------

    def heartbeats(self, audio_ms: float, elapsed_ms: float, speech: bool) -> list[dict[str, Any]]:
        """A ``Heartbeat`` for each whole second of audio not yet reported."""
        if self.config.get("session_heartbeat") is not True:
            return []
        beats = []
        while (self._heartbeats + 1) * 1000 <= audio_ms:
            self._heartbeats += 1
            beats.append(
                {
                    "type": "Heartbeat",
                    "total_audio_received_ms": int(audio_ms),
                    "total_duration_ms": int(elapsed_ms),
                    "realtime_factor": round(audio_ms / max(elapsed_ms, 1.0), 3),
                    "max_speech_probability": 0.93 if speech else 0.0,
                }
            )
        return beats


def _gateway_answer(gateway: Mapping[str, Any], turn_order: int, transcript: str) -> dict[str, Any]:
    model = str(gateway.get("model", ""))
    return {
        "type": "LLMGatewayResponse",
        "turn_order": turn_order,
        "transcript": transcript,
        "data": {
            "id": f"chatcmpl-sandbox-{turn_order}",
            "object": "chat.completion",
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": f"You said: {transcript}"},
                    "finish_reason": "stop",
                }
            ],
        },
    }
