"""Checks streaming traffic against our AsyncAPI documents (v3 streaming, legacy v2 real-time).

Pure (no I/O). Reads the documents shipped in the package
(``assemblyai._generated.specs.streaming_document()`` / ``realtime_document()``) and validates
with the sandbox's own JSON Schema validator (:mod:`._schema`). What it checks:

- the handshake query: every parameter is declared by the channel (``token`` included),
  required ones are present, each value decodes (JSON for non-string types: ``true``,
  ``16000``, ``["a","b"]``) and is valid against its schema, and the generated
  ``ConnectionParameters.from_query`` can read the whole query;
- JSON text frames from the client: must be valid against the payload of one of the messages
  the client may send (``action: send`` in AsyncAPI 3, ``publish`` in 2.x);
- binary frames: the document must allow binary send messages, a frame must hold whole
  samples and last at most 1000 ms;
- server messages (the sandbox's own, to catch sandbox bugs): must be valid against one of the
  messages the client receives.

Each check returns a list of problems (empty when all is well).

Example::

    spec = StreamSpec.for_protocol("v3")
    spec.check_client_text('{"type": "Reconfigure"}')
    # ({'type': 'Reconfigure'}, ['client message {"type": "Reconfigure"} matches no message the client may send ...'])
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs

from assemblyai._generated import realtime as gen_realtime
from assemblyai._generated import streaming as gen_streaming
from assemblyai._generated.specs import realtime_document, streaming_document
from assemblyai.testing._schema import SchemaValidator

__all__ = ["MAX_FRAME_MS", "NOT_JSON", "ParamRules", "Protocol", "StreamSpec"]

Protocol = Literal["v3", "v2"]

MAX_FRAME_MS = 1000
"""The longest audio frame the API accepts, in milliseconds."""

_AUTH_QUERY = frozenset({"token"})
NOT_JSON = "is not JSON"
"""Ends the problem reported for a text frame that is not JSON."""


def _short(payload: object) -> str:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return text if len(text) <= 120 else text[:117] + "..."


@attrs.frozen
class ParamRules:
    """The ``x-sdk-*`` rules of the query parameters (see ``spec/SOURCE.toml``).

    Attributes:
        models: parameter -> the speech models that use it (``x-sdk-models``; absent: all).
        model_defaults: parameter -> model -> the server's default for that model.
        renamed: former name -> the name it stands for (``x-sdk-renamed-to``).
        required_unless: parameter -> (other parameter, values of it that waive the need).
    """

    models: Mapping[str, tuple[str, ...]] = attrs.Factory(dict)
    model_defaults: Mapping[str, Mapping[str, Any]] = attrs.Factory(dict)
    renamed: Mapping[str, str] = attrs.Factory(dict)
    required_unless: Mapping[str, tuple[str, tuple[str, ...]]] = attrs.Factory(dict)

    @classmethod
    def read(
        cls, schemas: Mapping[str, Any], resolve: Callable[[Any], Mapping[str, Any]]
    ) -> ParamRules:
        models: dict[str, tuple[str, ...]] = {}
        defaults: dict[str, Mapping[str, Any]] = {}
        renamed: dict[str, str] = {}
        unless: dict[str, tuple[str, tuple[str, ...]]] = {}
        for name, schema in schemas.items():
            # An extension may sit beside a `$ref` or in the schema it points to.
            merged = {**resolve(schema), **schema}
            if "x-sdk-models" in merged:
                models[name] = tuple(merged["x-sdk-models"])
            if "x-sdk-model-defaults" in merged:
                defaults[name] = dict(merged["x-sdk-model-defaults"])
            if "x-sdk-renamed-to" in merged:
                renamed[name] = str(merged["x-sdk-renamed-to"])
            if "x-sdk-required-unless" in merged:
                ((other, values),) = dict(merged["x-sdk-required-unless"]).items()
                unless[name] = (str(other), tuple(values))
        return cls(models, defaults, renamed, unless)

    def ignored_by(self, model: str, names: Iterable[str]) -> list[str]:
        """Which of ``names`` the speech model ``model`` does not use."""
        return [n for n in names if n in self.models and model not in self.models[n]]


class StreamSpec:
    """What one AsyncAPI document allows on its (single) channel.

    Args:
        document: the AsyncAPI 3 or 2.x document.
        decode_query: reads a whole query the way the SDK's generated code does, raising
            ``DecodeError``; ``None`` skips that check.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        decode_query: Callable[[Mapping[str, str]], object] | None = None,
    ) -> None:
        self.validator = SchemaValidator(document, composition="json-schema")
        self.major = int(str(document["asyncapi"]).split(".")[0])
        self._document = document
        channels = document.get("channels") or {}
        if len(channels) != 1:
            raise ValueError(f"expected one channel, found {sorted(channels)}")
        ((key, channel),) = channels.items()
        self.channel: Mapping[str, Any] = channel
        self.address: str = str(channel.get("address") or key)
        query = channel.get("bindings", {}).get("ws", {}).get("query", {})
        self.query_schemas: dict[str, Any] = dict(query.get("properties", {}))
        self.required_query: frozenset[str] = frozenset(query.get("required", []))
        self.rules = ParamRules.read(self.query_schemas, self.validator.resolve)
        self.query_defaults: dict[str, Any] = {}
        for name, schema in self.query_schemas.items():
            resolved = self.validator.resolve(schema)
            if "default" in resolved:
                self.query_defaults[name] = resolved["default"]
        self.close_codes = {int(k): str(v) for k, v in channel.get("x-close-codes", {}).items()}
        self.discriminator: str | None = channel.get("x-discriminator")
        self._decode_query = decode_query
        self.send_messages: dict[str, Any] = {}
        self.binary_allowed = False
        for name, message in self._messages("send"):
            if self._is_binary(message):
                self.binary_allowed = True
            else:
                self.send_messages[name] = message.get("payload", {})
        self.receive_messages = {
            name: message.get("payload", {}) for name, message in self._messages("receive")
        }

    @classmethod
    @functools.cache
    def for_protocol(cls, protocol: Protocol) -> StreamSpec:
        """The (cached, read-only) spec of ``"v3"`` (``/v3/ws``) or ``"v2"``
        (``/v2/realtime/ws``)."""
        if protocol == "v3":
            return cls(streaming_document(), gen_streaming.ConnectionParameters.from_query)
        return cls(realtime_document(), gen_realtime.ConnectionParameters.from_query)

    # -- reading the document ----------------------------------------------------------------

    def _messages(self, action: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """``(name, message)`` for the messages of one direction: ``send`` is client to server."""
        resolve = self.validator.resolve
        if self.major >= 3:
            for operation in (self._document.get("operations") or {}).values():
                if operation.get("action") == action:
                    for ref in operation.get("messages", []):
                        message = resolve(ref)
                        yield str(message.get("name", "?")), message
            return
        # AsyncAPI 2 names operations from the server's side: the client publishes.
        operation = "publish" if action == "send" else "subscribe"
        message = resolve((self.channel.get(operation) or {}).get("message", {}))
        for ref in message.get("oneOf", [message]):
            item = resolve(ref)
            yield str(item.get("name", "?")), item

    def _is_binary(self, message: Mapping[str, Any]) -> bool:
        if message.get("contentType") == "application/octet-stream":
            return True
        payload = self.validator.resolve(message.get("payload", {}))
        return payload.get("type") == "string" and payload.get("format") in ("binary", "base64")

    # -- checks ----------------------------------------------------------------------------------

    def check_query(self, query: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
        """The query's values (JSON-decoded where the schema wants a non-string) and problems.

        Values that are undeclared, undecodable or invalid are left out of the result.
        """
        problems = [
            f"query: the required parameter {name!r} is missing"
            for name in sorted(self.required_query - set(query))
        ]
        for name, (other, waivers) in self.rules.required_unless.items():
            if name not in query and query.get(other) not in waivers:
                problems.append(
                    f"query: the required parameter {name!r} is missing (it may be left out "
                    f"only when {other} is one of {', '.join(waivers)})"
                )
        values: dict[str, Any] = {}
        for name, raw in query.items():
            schema = self.query_schemas.get(name)
            if schema is None:
                if name not in _AUTH_QUERY:
                    problems.append(f"query: {name!r} is not a parameter of {self.address}")
                continue
            kind = self.validator.resolve(schema).get("type")
            value: Any = raw
            if kind not in ("string", None):
                try:
                    value = json.loads(raw)
                except ValueError:
                    problems.append(f"query: {name}={raw!r} is not JSON ({kind} expected)")
                    continue
            errors = self.validator.validate(value, schema)
            problems.extend(f"query: {name}={raw!r}: {error}" for error in errors)
            if not errors:
                values[name] = value
        if self._decode_query is not None and not problems:
            try:
                self._decode_query(query)
            except (gen_streaming.DecodeError, gen_realtime.DecodeError) as exc:
                problems.append(f"query: the SDK's generated decoder rejects it: {exc}")
        return values, problems

    def check_client_text(self, text: str) -> tuple[Any, list[str]]:
        """A text frame from the client: its JSON value (the text itself if it is not JSON)
        and problems."""
        try:
            payload = json.loads(text)
        except ValueError:
            return text, [f"client text frame {_short(text)} {NOT_JSON}"]
        return payload, self.check_client_message(payload)

    def check_client_message(self, payload: object) -> list[str]:
        """Problems if ``payload`` is none of the JSON messages the client may send."""
        return self._match(payload, self.send_messages, "client message", "the client may send")

    def check_server_message(self, payload: object) -> list[str]:
        """Problems if ``payload`` is none of the messages the client receives."""
        return self._match(payload, self.receive_messages, "server message", "the server may send")

    def _match(
        self, payload: object, schemas: Mapping[str, Any], what: str, where: str
    ) -> list[str]:
        reasons: dict[str, list[str]] = {}
        for name, schema in schemas.items():
            errors = self.validator.validate(payload, schema)
            if not errors:
                return []
            reasons[name] = errors
        # When the discriminator names a message, only that message's errors are of interest.
        tag = f"/{self.discriminator}:" if self.discriminator else None
        named = {n: e for n, e in reasons.items() if tag and not any(x.startswith(tag) for x in e)}
        shown = " | ".join(f"{n}: {'; '.join(e[:2])}" for n, e in (named or reasons).items())
        return [f"{what} {_short(payload)} matches no message {where} ({shown})"]

    def check_audio(
        self, size: int, *, bytes_per_second: int, sample_width: int, pcm: bool = True
    ) -> list[str]:
        """Problems with a binary frame of ``size`` bytes (``pcm`` False: a compressed
        stream, Opus or AAC, whose frames have no fixed size or rate to check)."""
        problems = []
        if not self.binary_allowed:
            problems.append("binary frame, but the document declares no binary message")
        if not pcm:
            return problems + (["empty audio frame"] if size == 0 else [])
        if size == 0 or size % sample_width:
            problems.append(
                f"audio frame of {size} bytes does not hold whole {sample_width}-byte samples"
            )
        if size * 1000 > MAX_FRAME_MS * bytes_per_second:
            problems.append(
                f"audio frame of {size * 1000 // bytes_per_second} ms is longer than "
                f"{MAX_FRAME_MS} ms"
            )
        return problems
