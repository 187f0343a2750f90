"""The intermediate representation between an AsyncAPI document and the generated code.

`parse.py` builds a `Document` from AsyncAPI 2.x / 3.0 data; `render.py` turns it into
Python. Nothing here knows about YAML, JSON pointers into the source, or Python syntax,
except the names that `parse.py` has already made into valid Python identifiers.
"""

from __future__ import annotations

from enum import Enum

import attrs

__all__ = [
    "Direction",
    "Discriminator",
    "Document",
    "EnumDef",
    "EnumMember",
    "Field",
    "Header",
    "Message",
    "ObjectDef",
    "TypeKind",
    "TypeRef",
]


class TypeKind(Enum):
    """The shapes a schema can take in generated code."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATETIME = "datetime"
    ANY = "any"
    LIST = "list"
    MAP = "map"
    OBJECT = "object"
    ENUM = "enum"


SCALAR_KINDS = frozenset(
    {TypeKind.STRING, TypeKind.INTEGER, TypeKind.NUMBER, TypeKind.BOOLEAN, TypeKind.DATETIME}
)


@attrs.frozen
class TypeRef:
    """A field's type: a scalar, a container of `item`, or a named class/enum."""

    kind: TypeKind
    item: TypeRef | None = None  # LIST and MAP: the element type
    name: str | None = None  # OBJECT and ENUM: the generated class name
    nullable: bool = False  # JSON null is a valid value


@attrs.frozen
class Field:
    """One property of an object, or one query parameter."""

    wire_name: str
    python_name: str
    type: TypeRef
    required: bool
    description: str = ""
    const: str | None = None  # a single allowed string value (`const` or a one-value enum)
    default: object = None  # the schema's `default` (query parameters only), JSON data
    has_default: bool = False
    deprecated: bool = False
    pointer: str = ""
    # Bounds of a numeric query parameter (JSON Schema keywords), checked before sending.
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    # `x-sdk-renamed-to`: a former name, accepted from callers and sent under the new one.
    renamed_to: str | None = None
    # `x-sdk-required-unless`: required unless the named parameter has one of the values.
    required_unless: tuple[str, tuple[str, ...]] | None = None


@attrs.frozen
class Discriminator:
    """The constant property that tells messages apart (`type` in v3, `message_type` in v2)."""

    wire_name: str
    python_name: str
    value: str


@attrs.frozen
class ObjectDef:
    """A generated attrs class: a message payload or a nested object."""

    name: str
    description: str
    fields: tuple[Field, ...]
    pointer: str
    discriminator: Discriminator | None = None

    @property
    def has_datetime_fields(self) -> bool:
        return any(f.type.kind is TypeKind.DATETIME for f in self.fields)


@attrs.frozen
class EnumMember:
    python_name: str
    value: str


@attrs.frozen
class EnumDef:
    """A generated `str` enum that keeps values it does not know."""

    name: str
    description: str
    members: tuple[EnumMember, ...]
    pointer: str


class Direction(Enum):
    """Who sends a message: the client (`SEND`) or the server (`RECEIVE`)."""

    SEND = "send"
    RECEIVE = "receive"


@attrs.frozen
class Message:
    """One message of the channel.

    `payload` is None for raw messages (binary audio frames): they get no class.
    Messages without a discriminator (`tag is None`), or whose tag may be left out, are
    recognised without it by `match_keys`, the set of their required properties.
    """

    name: str
    directions: tuple[Direction, ...]
    payload: ObjectDef | None
    pointer: str
    summary: str = ""
    description: str = ""
    content_type: str = ""
    binary: bool = False
    examples: tuple[object, ...] = ()
    tag: str | None = None
    match_keys: tuple[str, ...] = ()

    @property
    def is_raw(self) -> bool:
        return self.payload is None


@attrs.frozen
class Header:
    name: str
    description: str
    required: bool


@attrs.frozen
class Document:
    """Everything the templates need for one generated package."""

    asyncapi_version: str
    title: str
    version: str
    description: str
    server_url: str
    address: str
    discriminator: str | None  # wire name of the discriminator property
    discriminator_python: str | None  # its Python attribute name
    messages: tuple[Message, ...]  # sorted by name
    objects: tuple[ObjectDef, ...]  # nested (non-message) classes, sorted by name
    enums: tuple[EnumDef, ...]  # sorted by name
    query: tuple[Field, ...]  # in document order
    # Query names that carry a credential (a security scheme `in: query`): the client sets
    # them from its options, so they are no user parameters.
    credentials: tuple[str, ...]
    headers: tuple[Header, ...]
    close_codes: tuple[tuple[int, str], ...]  # sorted by code
    # `x-sdk-events` on the channel: the name of an enum with a member per server message
    # (handlers subscribe to those); None: no such enum.
    events_name: str | None = None
    # Names of the server's (non-raw) messages in the order the document lists them.
    server_order: tuple[str, ...] = ()

    def messages_for(self, direction: Direction) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if direction in m.directions)

    @property
    def parameters(self) -> tuple[Field, ...]:
        """The query parameters a caller sets (credentials left out), in document order."""
        return tuple(f for f in self.query if f.wire_name not in self.credentials)

    @property
    def session_parameters(self) -> tuple[Field, ...]:
        """The parameters a client message can also change mid-session (same JSON name)."""
        sent = {
            f.wire_name
            for m in self.messages_for(Direction.SEND)
            if m.payload is not None
            for f in m.payload.fields
        }
        return tuple(f for f in self.parameters if f.wire_name in sent)

    @property
    def renamed(self) -> dict[str, str]:
        """Former parameter names (query and client messages) -> the names they are sent as."""
        fields = [
            *self.query,
            *(
                f
                for m in self.messages_for(Direction.SEND)
                if m.payload is not None
                for f in m.payload.fields
            ),
        ]
        return {f.wire_name: f.renamed_to for f in fields if f.renamed_to is not None}
