"""Real-shaped streaming: v3 server messages reshaped the way the real API sends them.

With ``FakeAssemblyAI(responses="real")``, each message a v3 session sends is first built and
checked against the AsyncAPI document, then reshaped here. The changes are those seen in
captured sessions:

- ``Begin.expires_at`` is a number (Unix seconds), not the ISO text the spec describes;
- a ``SpeechStarted`` message (``{"type": "SpeechStarted", "timestamp": <ms>}``), which the
  spec does not list, comes before the first message of every turn;
- ``Turn`` messages carry an undeclared ``utterance`` (the turn's text once it ends, else
  ``""``), and some leave out ``turn_order`` and ``end_of_turn_confidence`` (drawn from a
  generator seeded with the sandbox's seed and the session id);
- ``Termination`` durations are whole seconds.

Legacy v2 messages are sent as they are: no captured v2 session differs from its spec.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

__all__ = ["RealStreamShapes"]

_DROP_TURN_FIELDS = 0.25
"""Share of ``Turn`` messages sent without ``turn_order`` and ``end_of_turn_confidence``."""


class RealStreamShapes:
    """Reshapes the messages of one v3 session (create one per session).

    Args:
        seed: the sandbox's seed (``None``: random).
    """

    def __init__(self, seed: int | None) -> None:
        self._seed = seed
        self._random = random.Random(seed)
        self._turns_started: set[object] = set()

    def reshape(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """The messages to send in place of ``message``, in order."""
        kind = message.get("type")
        if kind == "Begin":
            if self._seed is not None:
                self._random = random.Random(f"{self._seed}:{message.get('id')}")
            return [{**message, "expires_at": _unix_seconds(message.get("expires_at"))}]
        if kind == "Turn":
            return self._turn(message)
        if kind == "Termination":
            return [
                {
                    **message,
                    **{
                        key: round(value)
                        for key in ("audio_duration_seconds", "session_duration_seconds")
                        if isinstance(value := message.get(key), (int, float))
                    },
                }
            ]
        return [message]

    def _turn(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        sent: list[dict[str, Any]] = []
        order = message.get("turn_order")
        if order not in self._turns_started:
            self._turns_started.add(order)
            words = message.get("words") or [{}]
            sent.append({"type": "SpeechStarted", "timestamp": int(words[0].get("start", 0))})
        shaped = dict(message)
        ended = message.get("end_of_turn") is True and message.get("turn_is_formatted") is False
        shaped["utterance"] = str(message.get("transcript", "")) if ended else ""
        if self._random.random() < _DROP_TURN_FIELDS:
            shaped.pop("turn_order", None)
            shaped.pop("end_of_turn_confidence", None)
        sent.append(shaped)
        return sent


def _unix_seconds(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return value
    return int(moment.timestamp())
