"""The view of the merged REST document that openapi-python-client is run on.

The embedded document (`specs.py`) keeps the API description as it is; this view only
changes what the *generated Python* should do, in two ways:

* Defaults are moved into the description ("Default: `x`."): a field the caller did not set
  stays UNSET and is not sent, so the server applies its own default (which may change
  without an SDK release). Query, header and body parameters alike.
* A parameter's description is copied into its schema when the schema has none (the
  generator documents parameters from their schemas only).
* `additionalProperties: false` is dropped, so every object model keeps unknown response
  fields in `additional_properties` (the API adds fields without notice) and callers can
  send parameters newer than the SDK through the same mapping. Request validation against
  the real schema is the offline sandbox's job, using the embedded document.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .normalize import map_schemas

__all__ = ["codegen_view"]

Json = dict[str, Any]

#: Put on object schemas that had `additionalProperties: false` (see codegen_view).
CLOSED_MARK = "x-sdk-closed"


def _default_note(value: Any) -> str:
    return f"Default: `{json.dumps(value)}`."


def codegen_view(doc: Json) -> Json:
    """A copy of DOC prepared for openapi-python-client (see module docstring)."""

    def fix(schema: Json, _ptr: str) -> Json:
        out = schema
        if "default" in out:
            out = {k: v for k, v in out.items() if k != "default"}
            note = _default_note(schema["default"])
            desc = out.get("description")
            out["description"] = (
                f"{desc.rstrip()}\n\n{note}" if isinstance(desc, str) and desc.strip() else note
            )
        if out.get("additionalProperties") is False:
            out = {k: v for k, v in out.items() if k != "additionalProperties"}
            # Remembered for tolerant reading: only a closed object's extra keys are reported
            # as fields the description lacks (model.py.jinja reads this mark).
            out[CLOSED_MARK] = True
        return out

    return map_schemas(_describe_parameters(doc), fix)


def _describe_parameters(doc: Json) -> Json:
    out = copy.deepcopy(doc)

    def describe(params: Any) -> None:
        for param in params if isinstance(params, list) else []:
            schema = param.get("schema") if isinstance(param, dict) else None
            if (
                isinstance(schema, dict)
                and param.get("description")
                and not schema.get("description")
            ):
                schema["description"] = param["description"]

    for item in (out.get("paths") or {}).values():
        if isinstance(item, dict):
            describe(item.get("parameters"))
            for op in item.values():
                if isinstance(op, dict):
                    describe(op.get("parameters"))
    for param in ((out.get("components") or {}).get("parameters") or {}).values():
        describe([param])
    return out
