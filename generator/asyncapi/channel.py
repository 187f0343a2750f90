"""The connection details of a channel: query parameters, headers, close codes, server URL.

Read from the WebSockets channel binding (`bindings.ws.query`, `bindings.ws.headers`), the
channel's `x-close-codes` and the document's `servers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import SCALAR_KINDS, Field, Header, TypeKind
from .names import field_name, pascal_name
from .resolve import GeneratorError, Resolver, child
from .schemas import Schemas, renamed_to
from .schemas import text as _text

__all__ = ["ChannelDetails"]


class ChannelDetails:
    """Mixed into the parser: reads what a client needs to open the connection."""

    doc: Mapping[str, Any]
    resolver: Resolver
    schemas: Schemas

    def query(self, channel: dict[str, Any], cptr: str) -> tuple[Field, ...]:
        ws = self._ws_binding(channel, cptr)
        if "query" not in ws:
            return ()
        qptr = child(cptr, "bindings", "ws", "query")
        schema, sptr = self.schemas.deref(ws["query"], qptr)
        properties, required = self.schemas._collect(schema, sptr)
        fields: list[Field] = []
        for wire, (prop, pptr, description) in properties.items():
            type_ = self.schemas.type_of(prop, pptr, pascal_name(wire, pptr))
            item = type_.item if type_.kind is TypeKind.LIST else None
            scalar_like = SCALAR_KINDS | {TypeKind.ENUM}
            ok = type_.kind in scalar_like or (item is not None and item.kind in scalar_like)
            # An object is sent as JSON text, as lists are (llm_gateway).
            ok = ok or type_.kind is TypeKind.OBJECT
            if not ok or type_.nullable:
                raise GeneratorError(
                    pptr,
                    "a query parameter must be a scalar, an enum, a list of them or an object",
                )
            prop_target, _ = self.schemas.deref(prop, pptr)
            own_default = isinstance(prop, dict) and "default" in prop
            has_default = own_default or "default" in prop_target
            default = prop["default"] if own_default else prop_target.get("default")
            fields.append(
                Field(
                    wire_name=wire,
                    python_name=field_name(wire),
                    type=type_,
                    required=wire in required,
                    description=description or _text(prop_target.get("description")),
                    default=default,
                    has_default=has_default,
                    deprecated=bool(prop_target.get("deprecated"))
                    or bool(isinstance(prop, dict) and prop.get("deprecated")),
                    pointer=pptr,
                    minimum=_bound(prop_target, "minimum", pptr),
                    maximum=_bound(prop_target, "maximum", pptr),
                    exclusive_minimum=_bound(prop_target, "exclusiveMinimum", pptr),
                    exclusive_maximum=_bound(prop_target, "exclusiveMaximum", pptr),
                    renamed_to=renamed_to(prop, prop_target, pptr),
                    required_unless=_required_unless(prop, pptr),
                )
            )
        names = [f.python_name for f in fields]
        wires = {f.wire_name for f in fields}
        for f in fields:
            if f.renamed_to is not None and f.renamed_to not in wires:
                raise GeneratorError(
                    f.pointer, f"renamed to {f.renamed_to!r}, which is no parameter"
                )
            if f.required_unless is not None and f.required_unless[0] not in wires:
                raise GeneratorError(f.pointer, f"{f.required_unless[0]!r} is no parameter")
        for f in fields:
            if names.count(f.python_name) > 1:
                raise GeneratorError(f.pointer, f"two query parameters map to {f.python_name!r}")
        return tuple(fields)

    def credentials(self) -> tuple[str, ...]:
        """Query names of the security schemes that send a credential in the query string."""
        components = self.doc.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, Mapping) else None
        if not isinstance(schemes, Mapping):
            return ()
        names: list[str] = []
        for key, node in schemes.items():
            scheme, _ = self.resolver.deref(node, child("#/components/securitySchemes", key))
            if isinstance(scheme, Mapping) and scheme.get("in") == "query":
                name = scheme.get("name")
                if isinstance(name, str) and name not in names:
                    names.append(name)
        return tuple(names)

    def headers(self, channel: dict[str, Any], cptr: str) -> tuple[Header, ...]:
        ws = self._ws_binding(channel, cptr)
        if "headers" not in ws:
            return ()
        schema, sptr = self.schemas.deref(ws["headers"], child(cptr, "bindings", "ws", "headers"))
        properties, required = self.schemas._collect(schema, sptr)
        return tuple(
            Header(name, description, name in required)
            for name, (_, _, description) in properties.items()
        )

    def _ws_binding(self, channel: dict[str, Any], cptr: str) -> dict[str, Any]:
        bindings, bptr = self.resolver.deref(channel.get("bindings") or {}, child(cptr, "bindings"))
        if not isinstance(bindings, dict):
            raise GeneratorError(bptr, "'bindings' must be a mapping")
        ws, wptr = self.resolver.deref(bindings.get("ws") or {}, child(bptr, "ws"))
        if not isinstance(ws, dict):
            raise GeneratorError(wptr, "the ws binding must be a mapping")
        return ws

    def close_codes(self, channel: dict[str, Any], cptr: str) -> tuple[tuple[int, str], ...]:
        raw = channel.get("x-close-codes")
        if raw is None:
            return ()
        at = child(cptr, "x-close-codes")
        if not isinstance(raw, dict):
            raise GeneratorError(at, "must map close codes to their meaning")
        codes: dict[int, str] = {}
        for key, meaning in raw.items():
            text = str(key)
            if not text.isdigit() or not 1000 <= int(text) <= 4999:
                raise GeneratorError(child(at, text), "not a websocket close code (1000-4999)")
            if not isinstance(meaning, str):
                raise GeneratorError(child(at, text), "the meaning must be a string")
            codes[int(text)] = meaning
        return tuple(sorted(codes.items()))

    def server_url(self, channel: dict[str, Any], cptr: str, major: int) -> str:
        servers = self.doc.get("servers") or {}
        if not isinstance(servers, dict):
            raise GeneratorError("#/servers", "'servers' must be a mapping")
        server: Any = None
        sptr = "#/servers"
        wanted = channel.get("servers") if major == 3 else None
        if isinstance(wanted, list) and wanted:
            server, sptr = self.resolver.deref(wanted[0], child(cptr, "servers", 0))
        elif servers:
            key = next(iter(servers))
            server, sptr = self.resolver.deref(servers[key], child("#/servers", key))
        if server is None:
            return ""
        if not isinstance(server, dict):
            raise GeneratorError(sptr, "a server must be a mapping")
        protocol = str(server.get("protocol") or "wss")
        if major == 3:
            return f"{protocol}://{server.get('host', '')}{server.get('pathname') or ''}"
        url = str(server.get("url", ""))
        return url if "://" in url else f"{protocol}://{url}"


def _bound(schema: Mapping[str, Any], key: str, pointer: str) -> float | None:
    """A numeric bound keyword of a parameter's schema (JSON Schema's numeric form)."""
    value = schema.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise GeneratorError(child(pointer, key), f"'{key}' must be a number")
    return value


def _required_unless(prop: Any, pointer: str) -> tuple[str, tuple[str, ...]] | None:
    raw = prop.get("x-sdk-required-unless") if isinstance(prop, Mapping) else None
    if raw is None:
        return None
    at = child(pointer, "x-sdk-required-unless")
    if not isinstance(raw, Mapping) or len(raw) != 1:
        raise GeneratorError(at, "must map one parameter to the values that waive the rule")
    ((name, values),) = raw.items()
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise GeneratorError(child(at, str(name)), "must list string values")
    return str(name), tuple(values)
