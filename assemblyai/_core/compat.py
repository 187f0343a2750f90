"""Pydantic-style conveniences for attrs models: ``.dict()``, ``.json()``, ``parse_obj()`` and friends.

``assemblyai`` 0.45.4 built its models on pydantic, and user code calls ``.dict()``,
``.dict(exclude_none=True)``, ``.json()``, ``parse_obj()``, ``.copy()`` and reads ``__fields__``
(the pydantic v1 names, which 0.45.4 used by default) or ``model_dump()`` and friends (the v2
names). Our models are attrs classes; mixing in :class:`ModelCompat` gives them those calls::

    @attrs.define
    class Timestamp(ModelCompat):
        start: int
        end: int

    Timestamp(1, 2).dict()                  # {"start": 1, "end": 2}
    Timestamp.parse_obj({"start": 1, "end": 2})

How a model is dumped:

* A class with a ``to_dict()`` method (the generated models) is dumped through it, so the output
  is the JSON the API uses; the keys are then renamed to the Python field names unless
  ``by_alias=True``, and fields ``to_dict()`` leaves out (unset) come back as None.
* Any other attrs class is dumped field by field; a field's JSON name (its *alias*) is
  ``field.metadata["alias"]`` when given, otherwise the field name. A class can add keys that
  are not fields (extra fields) by overriding :meth:`ModelCompat._extra_fields`.
* Enums become their values, nested models become dicts, tuples and sets become lists.
* ``exclude_none`` drops None values at every level of nested models; ``include`` and ``exclude``
  take sets (or mappings, whose keys are used) of top-level field names only.

Parsing (``parse_obj``/``model_validate``) uses the class's ``from_dict()`` when it has one,
otherwise calls the attrs constructor with the known keys (by field name or alias); unknown keys
are ignored, as pydantic's default does, unless the class sets ``_compat_accepts_extra = True``.
"""

from __future__ import annotations

import copy as _copy_module
import datetime as _dt
import enum
import json as _json
import uuid
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Self

import attrs

from assemblyai._core.exceptions import ConfigurationError

__all__ = ["ALIAS_METADATA_KEY", "ModelCompat", "dump_value"]

#: The attrs field-metadata key that holds a field's JSON name when it differs from its name.
ALIAS_METADATA_KEY = "alias"

# Generated (openapi-python-client) models keep unknown JSON keys in this attrs field; it is
# storage for extra keys, not a field of the API object.
_ADDITIONAL_PROPERTIES = "additional_properties"

# `dict` is also a method name below, where it would shadow the builtin inside the class body.
_JSONDict = dict[str, Any]
_Names = Collection[str] | Mapping[str, Any] | None


def _model_fields(cls: type) -> list[attrs.Attribute[Any]]:
    if not attrs.has(cls):
        return []
    # Private and init=False fields (e.g. a generated message's raw wire form) are bookkeeping,
    # not data: they never appear in dumps or __fields__.
    return [
        a
        for a in attrs.fields(cls)
        if a.name != _ADDITIONAL_PROPERTIES and a.init and not a.name.startswith("_")
    ]


def _alias(field: attrs.Attribute[Any]) -> str:
    alias = field.metadata.get(ALIAS_METADATA_KEY)
    return alias if isinstance(alias, str) else field.name


def _json_key_candidates(field: attrs.Attribute[Any]) -> list[str]:
    # openapi-python-client renames JSON keys that clash with Python names by appending "_"
    # (`from` -> `from_`, `type` -> `type_`); try that spelling after the explicit alias.
    names = [_alias(field), field.name]
    if field.name.endswith("_") and not field.name.startswith("_"):
        names.append(field.name.rstrip("_"))
    return names


class _FieldsDescriptor:
    """Class-level ``__fields__``/``model_fields``: a read-only map of field name → attrs field."""

    def __get__(
        self, instance: object, owner: type | None = None
    ) -> Mapping[str, attrs.Attribute[Any]]:
        cls = owner if owner is not None else type(instance)
        return MappingProxyType({a.name: a for a in _model_fields(cls)})


def dump_value(value: Any, *, exclude_none: bool = False, by_alias: bool = False) -> Any:
    """Turn a model, enum or container into plain JSON-shaped Python data.

    Args:
        value: anything a model field can hold.
        exclude_none: drop None values from nested models.
        by_alias: use the JSON names of nested model fields.

    Returns:
        The value with enums replaced by their values, models by dicts and tuples/sets by lists.
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, ModelCompat):
        return value.dict(exclude_none=exclude_none, by_alias=by_alias)
    if attrs.has(type(value)) or callable(getattr(value, "to_dict", None)):
        return _dump_model(value, exclude_none=exclude_none, by_alias=by_alias)
    if isinstance(value, Mapping):
        return {
            dump_value(k): dump_value(v, exclude_none=exclude_none, by_alias=by_alias)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [dump_value(v, exclude_none=exclude_none, by_alias=by_alias) for v in value]
    return value


def _drop_none(value: Any) -> Any:
    # Output of to_dict() has no model boundaries left, so every nested dict counts as a model.
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _dump_model(
    obj: Any,
    *,
    exclude_none: bool,
    by_alias: bool,
    include: _Names = None,
    exclude: _Names = None,
) -> _JSONDict:
    fields = _model_fields(type(obj))
    pairs: list[tuple[str, str, Any]] = []  # (field name, JSON name, dumped value)
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        data = dict(to_dict())
        for field in fields:
            key = next((k for k in _json_key_candidates(field) if k in data), _alias(field))
            pairs.append((field.name, key, dump_value(data.pop(key, None))))
        pairs.extend((k, k, dump_value(v)) for k, v in data.items())
    else:
        for field in fields:
            raw = getattr(obj, field.name)
            value = dump_value(raw, exclude_none=exclude_none, by_alias=by_alias)
            pairs.append((field.name, _alias(field), value))
        extra_fields = getattr(obj, "_extra_fields", None)
        extras: Mapping[str, Any] = extra_fields() if callable(extra_fields) else {}
        pairs.extend((k, k, dump_value(v, exclude_none=exclude_none)) for k, v in extras.items())

    out: _JSONDict = {}
    for name, key, value in pairs:
        if include is not None and name not in include:
            continue
        if exclude is not None and name in exclude:
            continue
        if exclude_none and value is None:
            continue
        out[key if by_alias else name] = _drop_none(value) if exclude_none else value
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return list(value)
    if attrs.has(type(value)):
        return dump_value(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class ModelCompat:
    """Mixin giving an attrs class the pydantic calls 0.45.4 users make (see the module docs)."""

    __slots__ = ()

    #: Whether parse_obj/model_validate pass unknown keys to the constructor.
    _compat_accepts_extra: ClassVar[bool] = False

    __fields__: ClassVar[_FieldsDescriptor] = _FieldsDescriptor()
    model_fields: ClassVar[_FieldsDescriptor] = _FieldsDescriptor()

    def _extra_fields(self) -> Mapping[str, Any]:
        """Keys to dump after the attrs fields; override to expose extra (unknown) fields."""
        return {}

    def dict(
        self,
        *,
        exclude_none: bool = False,
        by_alias: bool = False,
        include: _Names = None,
        exclude: _Names = None,
    ) -> _JSONDict:
        """The model as a plain dict (pydantic v1 ``.dict()``).

        Args:
            exclude_none: leave out fields whose value is None, at every level.
            by_alias: key the output by JSON names instead of field names.
            include: only these top-level field names.
            exclude: leave out these top-level field names.

        Returns:
            A dict with enums as values and nested models as dicts.
        """
        return _dump_model(
            self, exclude_none=exclude_none, by_alias=by_alias, include=include, exclude=exclude
        )

    def json(
        self,
        *,
        exclude_none: bool = False,
        by_alias: bool = False,
        include: _Names = None,
        exclude: _Names = None,
        **dumps_kwargs: Any,
    ) -> str:
        """The model as a JSON string (pydantic v1 ``.json()``).

        Args:
            exclude_none: as in :meth:`dict`.
            by_alias: as in :meth:`dict`.
            include: as in :meth:`dict`.
            exclude: as in :meth:`dict`.
            **dumps_kwargs: passed to :func:`json.dumps` (``indent``, ``sort_keys``, ...).

        Returns:
            The JSON text; datetimes are ISO 8601 strings.
        """
        data = self.dict(
            exclude_none=exclude_none, by_alias=by_alias, include=include, exclude=exclude
        )
        dumps_kwargs.setdefault("default", _json_default)
        return _json.dumps(data, **dumps_kwargs)

    def model_dump(
        self,
        *,
        mode: str = "python",
        exclude_none: bool = False,
        by_alias: bool = False,
        include: _Names = None,
        exclude: _Names = None,
    ) -> _JSONDict:
        """The model as a plain dict (pydantic v2 ``model_dump()``).

        Args:
            mode: ``"python"`` or ``"json"`` (JSON-compatible values, e.g. ISO datetimes).
            exclude_none: as in :meth:`dict`.
            by_alias: as in :meth:`dict`.
            include: as in :meth:`dict`.
            exclude: as in :meth:`dict`.

        Returns:
            A dict with enums as values and nested models as dicts.
        """
        options: Any = {"exclude_none": exclude_none, "by_alias": by_alias}
        if mode == "json":
            result: _JSONDict = _json.loads(self.json(include=include, exclude=exclude, **options))
            return result
        return self.dict(include=include, exclude=exclude, **options)

    def model_dump_json(
        self,
        *,
        indent: int | None = None,
        exclude_none: bool = False,
        by_alias: bool = False,
        include: _Names = None,
        exclude: _Names = None,
    ) -> str:
        """The model as a JSON string (pydantic v2 ``model_dump_json()``).

        Args:
            indent: pretty-print with this indentation.
            exclude_none: as in :meth:`dict`.
            by_alias: as in :meth:`dict`.
            include: as in :meth:`dict`.
            exclude: as in :meth:`dict`.

        Returns:
            The JSON text.
        """
        return self.json(
            indent=indent,
            exclude_none=exclude_none,
            by_alias=by_alias,
            include=include,
            exclude=exclude,
        )

    @classmethod
    def parse_obj(cls, data: Any) -> Self:
        """Build the model from a mapping, e.g. parsed JSON (pydantic v1 ``parse_obj()``).

        Args:
            data: a mapping keyed by field names or JSON names, or an instance of the class.

        Returns:
            A new instance (a shallow copy when ``data`` already is one).

        Raises:
            ConfigurationError: ``data`` is not a mapping, a required field is missing or a
                value is rejected (also a ``ValueError``).
        """
        if isinstance(data, cls):
            return _copy_module.copy(data)
        if not isinstance(data, Mapping):
            raise ConfigurationError(
                f"{cls.__name__}.parse_obj() expects a mapping, got {type(data).__name__}"
            )
        from_dict = getattr(cls, "from_dict", None)
        if callable(from_dict):
            parsed: Self = from_dict(dict(data))
            return parsed
        by_key: dict[str, attrs.Attribute[Any]] = {}
        for field in _model_fields(cls):
            by_key.setdefault(field.name, field)
            by_key.setdefault(_alias(field), field)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            known = by_key.get(key)
            if known is not None:
                kwargs[known.alias or known.name] = value
            elif cls._compat_accepts_extra and isinstance(key, str):
                kwargs[key] = value
        try:
            return cls(**kwargs)
        except TypeError as exc:  # a missing required field; pydantic raised a ValueError here
            raise ConfigurationError(f"{cls.__name__}: {exc}") from exc

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Same as :meth:`parse_obj` (the pydantic v2 name)."""
        return cls.parse_obj(data)

    def copy(self, update: Mapping[str, Any] | None = None, *, deep: bool = False) -> Self:
        """A copy of the model, optionally with some fields replaced (pydantic ``.copy()``).

        Args:
            update: field values to set on the copy; on mutable models they go through the
                field's converters and validators.
            deep: deep-copy instead of a shallow copy.

        Returns:
            The copy.
        """
        new = _copy_module.deepcopy(self) if deep else _copy_module.copy(self)
        for name, value in (update or {}).items():
            try:
                setattr(new, name, value)
            except attrs.exceptions.FrozenInstanceError:
                # pydantic's copy(update=...) also writes frozen models without validation.
                object.__setattr__(new, name, value)
        return new

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Same as :meth:`copy` (the pydantic v2 name)."""
        return self.copy(update, deep=deep)
