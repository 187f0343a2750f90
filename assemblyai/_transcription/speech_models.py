"""Which speech models a transcription request names: the decision, without I/O.

Since the API's 2026 revision every ``POST /v2/transcript`` must carry ``speech_models`` (the
models to try, in priority order); a request without it is refused. Code written for 0.45.4
names no model at all, or one with the older ``speech_model``. :func:`with_speech_models`
completes such a request body:

* ``speech_models`` given (even empty): sent as given, nothing added.
* only ``speech_model`` given (0.45.4's field, deprecated by the API): sent as given, together
  with ``speech_models: [that model]``. The request then still asks for exactly the model the
  code chose, and satisfies the 2026 rule; none of the default models is added.
* neither: ``speech_models`` is ``aai.settings.default_speech_models`` (AssemblyAI's own
  examples' pair, ``["universal-3-5-pro", "universal-2"]``, unless changed), or nothing when
  that setting is None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["with_speech_models"]


def with_speech_models(body: Mapping[str, Any], default: Sequence[str] | None) -> dict[str, Any]:
    """BODY with the ``speech_models`` the request should carry (see the module docs).

    Args:
        body: the JSON object of a transcription request (or of its options).
        default: the models to name when BODY names none (``settings.default_speech_models``);
            None names none.

    Returns:
        A new dict; BODY is not changed.
    """
    out = dict(body)
    if out.get("speech_models") is not None:
        return out
    single = out.get("speech_model")
    if single is not None:
        out["speech_models"] = [single]
    elif default is not None:
        out["speech_models"] = list(default)
    return out
