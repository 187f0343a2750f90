"""What the generated config classes build on: behaviour that no spec property describes.

``assemblyai/_generated/surface/config.py`` declares one field per spec property; this module
gives those classes their handwritten behaviour:

* :class:`RawConfigBase`: construction from keywords, *extra fields* (unknown keywords and
  attributes are kept and sent, so an API parameter newer than the SDK can be used), equality,
  ``repr`` and :meth:`~RawConfigBase.to_request_json`;
* the converters the overlay names (custom spelling's two shapes, the speaker-count rule);
* :func:`coerce_model`, which turns dicts into option models;
* :class:`OptionModel`, the base of the option models (``SpeakerOptions``...), which keeps the
  keys of a dict it does not know and sends them.

It must not import generated code: the generated module imports this one.
"""

from __future__ import annotations

import copy
import inspect
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Self, TypeVar, cast

import attrs

from assemblyai._core.compat import ModelCompat, dump_value
from assemblyai._core.exceptions import ConfigurationError
from assemblyai._core.validation import check_int, check_str_list, fail

__all__ = [
    "CustomSpelling",
    "OptionModel",
    "RawConfigBase",
    "check_speaker_count",
    "coerce_model",
    "convert_custom_spelling",
    "custom_spelling_entries",
    "raw_signature",
]

M = TypeVar("M", bound=ModelCompat)

_log = logging.getLogger("assemblyai.config")


class OptionModel(ModelCompat):
    """Base of the nested option models: keys it does not know are kept and sent.

    ``SpeakerOptions.parse_obj({"min_speakers_expected": 2, "new_knob": True})`` (and so a dict
    given for ``speaker_options=``) keeps ``new_knob``: it is sent with the request, shown by
    :meth:`dict`, and noted once at DEBUG on the ``assemblyai.config`` logger, so an option
    the API added after this SDK can be used. (0.45.4 dropped such keys without a word.) Keys
    named in ``_ignored_keys`` are answer-only parts that must not be sent back.
    """

    __slots__ = ("_unknown",)

    _ignored_keys: ClassVar[frozenset[str]] = frozenset()

    def _extra_fields(self) -> Mapping[str, Any]:
        unknown: Mapping[str, Any] = getattr(self, "_unknown", {})
        return unknown

    @classmethod
    def parse_obj(cls, data: Any) -> Self:
        """Build the model from a mapping, keeping the keys it does not know (see the class).

        Args:
            data: a mapping keyed by field names or JSON names, or an instance of the class.

        Returns:
            A new instance.

        Raises:
            ConfigurationError: ``data`` is not a mapping, or a value is rejected.
        """
        if isinstance(data, cls):
            return copy.copy(data)
        if not isinstance(data, Mapping):
            return super().parse_obj(data)
        declared = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
        names = {f.name for f in declared} | {f.alias for f in declared}
        known = {k: v for k, v in data.items() if k in names}
        unknown = {
            k: v
            for k, v in data.items()
            if k not in names and k not in cls._ignored_keys and isinstance(k, str)
        }
        model = super().parse_obj(known)
        if unknown:
            _log.debug(
                "%s: keeping key(s) %s that this SDK does not know; they are sent as given",
                cls.__name__,
                sorted(unknown),
            )
            object.__setattr__(model, "_unknown", unknown)
        return model


#: The two shapes custom spelling can be given in: ``{to: from}`` or the API's list form.
CustomSpelling = Mapping[str, str | Sequence[str]] | Sequence[Mapping[str, Any]]


def coerce_model(cls: type[M], field: str, value: Any) -> M | None:
    """Accept a model instance, a dict (parsed with ``parse_obj``) or None.

    Args:
        cls: the model class.
        field: the field name, for the error message.
        value: the value to convert.

    Returns:
        The model, or None.

    Raises:
        ConfigurationError: any other type, or the dict does not make a valid model.
    """
    if value is None or isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        return cls.parse_obj(value)
    raise fail(field, value, f"a {cls.__name__} or a dict")


def custom_spelling_entries(value: Any, *, strict: bool) -> list[dict[str, Any]] | None:
    """Normalise custom spelling to the API's list form ``[{"from": [...], "to": "..."}]``.

    Args:
        value: None; the 0.45.4 dict form ``{to: from_or_list_of_from}``; or the list form.
        strict: also check (and normalise) each list-form entry: ``to`` a string, ``from`` a
            string or list of strings. Without it list-form entries are kept as given, so raw
            configs and response data pass through untouched.

    Returns:
        A new list of new dicts, or None.

    Raises:
        ConfigurationError: the value has neither shape, or (strict) an entry is malformed.
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        return [_spelling_entry(to, source) for to, source in value.items()]
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise fail("custom_spelling", value, "a dict {to: from} or a list of {from, to} dicts")
    entries: list[dict[str, Any]] = []
    for entry in value:
        if not isinstance(entry, Mapping) or "from" not in entry or "to" not in entry:
            raise fail(
                "custom_spelling", entry, 'an entry like {"from": ["k8s"], "to": "Kubernetes"}'
            )
        entries.append(_spelling_entry(entry["to"], entry["from"]) if strict else dict(entry))
    return entries


def _spelling_entry(to: Any, source: Any) -> dict[str, Any]:
    if not isinstance(to, str):
        raise fail("custom_spelling", to, "keyed by the replacement string (the 'to' value)")
    sources = [source] if isinstance(source, str) else check_str_list("custom_spelling", source)
    return {"from": sources, "to": to}


def convert_custom_spelling(value: Any) -> list[dict[str, Any]] | None:
    """The raw config's converter: either shape in, the list form out (entries kept as given)."""
    return custom_spelling_entries(value, strict=False)


def check_speaker_count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator of both speaker-count bounds: each an integer >= 1, and max >= min.

    The other fields of ``SpeakerOptions`` pass untouched (their own converters check them).
    """
    if attribute.name not in ("min_speakers_expected", "max_speakers_expected"):
        return
    check_int(attribute.name, value, minimum=1)
    # Runs for both fields, on construction (after both are set) and on assignment (before the
    # new value lands), so compare the incoming value with the other field's current one.
    low = getattr(instance, "min_speakers_expected", None)
    high = getattr(instance, "max_speakers_expected", None)
    if attribute.name == "min_speakers_expected":
        low = value
    else:
        high = value
    if low is not None and high is not None and high < low:
        raise ConfigurationError(
            "max_speakers_expected must be greater than or equal to min_speakers_expected "
            f"(got min_speakers_expected={low!r}, max_speakers_expected={high!r})"
        )


class RawConfigBase(ModelCompat):
    """Construction, extra fields, equality and the request body of ``RawTranscriptionConfig``.

    Known fields default to None, which means "not sent". Unknown keyword arguments and
    attributes are *extra fields*: they are kept, shown by :meth:`dict` and sent by
    :meth:`to_request_json`. (0.45.4 kept them but never sent them.)
    """

    _compat_accepts_extra: ClassVar[bool] = True
    _field_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **fields: Any) -> None:
        """Set the given fields (the rest are None) and keep unknown keywords as extra fields.

        Raises:
            ConfigurationError: a value cannot be converted, or an extra field's name starts
                with ``_`` or is a method name.
        """
        for name in self._field_names:
            setattr(self, name, fields.pop(name, None))
        for name, value in fields.items():
            # A leading underscore or a method name would hide SDK internals or methods.
            if name.startswith("_") or hasattr(type(self), name):
                raise fail("an extra field name", name, "a public name that is not a method")
            setattr(self, name, value)

    def _extra_fields(self) -> dict[str, Any]:
        known = self._field_names
        return {k: v for k, v in vars(self).items() if k not in known and not k.startswith("_")}

    def to_request_json(self) -> dict[str, Any]:
        """The JSON object to merge into the ``POST /v2/transcript`` body.

        Returns:
            The fields that are not None (enums as values, option models as dicts without None
            values), followed by every extra field as given (even a None value is sent, as an
            explicit JSON null).
        """
        body: dict[str, Any] = {}
        for name in self._field_names:
            value = getattr(self, name)
            if value is not None:
                body[name] = dump_value(value, exclude_none=True)
        for name, value in self._extra_fields().items():
            body[name] = dump_value(value)
        return body

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        names = self._field_names
        shown = {n: getattr(self, n) for n in names if getattr(self, n) is not None}
        shown.update(self._extra_fields())
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


def raw_signature(cls: type[RawConfigBase]) -> inspect.Signature:
    """Finish a generated raw config class; returns the signature to show for its ``__init__``.

    ``__init__`` takes ``**fields`` to keep extra fields; the signature shown to ``inspect`` and
    IDEs names every known field, keyword-only with its None default, then the extras.
    """
    fields = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
    cls._field_names = tuple(f.name for f in fields)
    return inspect.Signature(
        [
            inspect.Parameter(
                f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=f.type
            )
            for f in fields
        ]
        + [inspect.Parameter("extra_fields", inspect.Parameter.VAR_KEYWORD, annotation=Any)],
        return_annotation=None,
    )
