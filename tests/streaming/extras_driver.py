"""Runs a dual-channel scenario with whichever ``assemblyai`` is importable, for the
differential test against the official SDK 1.0.0 (run there with ``python -I``; run here by
importing :func:`run`). Standard library and ``assemblyai``'s public extras names only.

Input (JSON on stdin): ``{"scenarios": [{"channels", "sample_rate", "options", "steps"}]}``,
where a step is ``["stream", channel, base64 PCM]``, ``["close", channel]``, ``["flush"]`` or
``["turn", Turn JSON]``. Output (JSON on stdout): per scenario, the audio sent (base64 of each
chunk), the VAD frames, and each enriched turn as JSON.
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any


class _Client:
    """Stands in for a streaming client: records what is streamed, keeps the handlers."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.handlers: dict[Any, list[Any]] = {}

    def on(self, event: Any, handler: Any) -> None:
        self.handlers.setdefault(event, []).append(handler)

    def stream(self, data: bytes) -> None:
        self.sent.append(bytes(data))


def _turn(data: dict[str, Any]) -> Any:
    from assemblyai.streaming.v3.models import TurnEvent

    build = getattr(TurnEvent, "from_dict", None)
    return build(data) if build is not None else TurnEvent(**data)


def _dump(turn: Any) -> dict[str, Any]:
    return {
        "channel": turn.channel,
        "words": [[w.text, w.channel, w.channel_resolved] for w in turn.words],
    }


def run(request: dict[str, Any]) -> list[dict[str, Any]]:
    from assemblyai.streaming.v3 import StreamingEvents
    from assemblyai.streaming.v3.extras import ChannelAttributionOptions, ChannelStreamer

    results = []
    for scenario in request["scenarios"]:
        client = _Client()
        frames: list[list[Any]] = []
        turns: list[dict[str, Any]] = []
        mixer = ChannelStreamer(
            client,  # type: ignore[arg-type]
            channels=scenario["channels"],
            sample_rate=scenario["sample_rate"],
            attribution=ChannelAttributionOptions(**scenario["options"]),
            on_vad=lambda f, frames=frames: frames.append(
                [f.ts, f.channel, f.active, round(f.rms, 9)]
            ),
        )
        mixer.on(StreamingEvents.Turn, lambda _c, turn, turns=turns: turns.append(_dump(turn)))
        for step in scenario["steps"]:
            if step[0] == "stream":
                mixer.stream(step[1], base64.b64decode(step[2]))
            elif step[0] == "close":
                mixer.close_channel(step[1])
            elif step[0] == "flush":
                mixer.flush()
            else:
                for handler in client.handlers[StreamingEvents.Turn]:
                    handler(client, _turn(step[1]))
        results.append(
            {
                "sent": [base64.b64encode(chunk).decode() for chunk in client.sent],
                "frames": frames,
                "turns": turns,
            }
        )
    return results


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
