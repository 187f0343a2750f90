"""Checks shared by the configuration models; every failure is a :class:`ConfigurationError`.

Each message names the field, repeats the value it got and says what is allowed, because the
error is raised where the config is built, far from the request that would otherwise fail.

Two strengths of enum check exist on purpose:

* ``strict=True`` (``TranscriptionConfig`` properties and ``set_*`` methods): a plain string must
  be a value this SDK knows, so a typo such as ``speech_model="bestest"`` fails at once.
  An enum instance is always accepted, including a pseudo-member such as
  ``SpeechModel("universal-3")``, which is how a caller sends a value newer than this SDK.
* ``strict=False`` (``RawTranscriptionConfig`` and parsed responses): any string is accepted
  and kept as a pseudo-member, so raw configs and server data never lose new values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from assemblyai._core.enums import TolerantStrEnum, is_known
from assemblyai._core.exceptions import ConfigurationError

__all__ = [
    "check_bool",
    "check_enum",
    "check_enum_list",
    "check_int",
    "check_mapping",
    "check_number",
    "check_str",
    "check_str_list",
    "check_text",
    "fail",
    "unsendable_text",
]

E = TypeVar("E", bound=TolerantStrEnum)


def fail(field: str, value: object, allowed: str) -> ConfigurationError:
    """Build the error for a bad value (the caller raises it, so tracebacks point at the check).

    Args:
        field: the parameter or field name.
        value: the rejected value.
        allowed: what would have been accepted, as a phrase ("an integer >= 1").

    Returns:
        The error, ready to raise.
    """
    return ConfigurationError(f"{field} must be {allowed}, got {value!r}")


def unsendable_text(value: object, path: str = "") -> str | None:
    """Where in ``value`` (a JSON-like value) a string cannot be encoded as UTF-8, or None.

    A lone surrogate (``"\\ud800"``, from a bad decode or a sliced emoji) is a valid Python
    string but no valid UTF-8, so a request holding one fails deep in the HTTP library.
    Returns the path to it: ``word_boost[1]``, ``speaker_options.known_values[0]``, ...
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path or "the value"
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            found = unsendable_text(key, where) or unsendable_text(item, where)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = unsendable_text(item, f"{path}[{index}]")
            if found:
                return found
    return None


def check_text(field: str, value: object, *, owner: str = "") -> None:
    """Raise ``ConfigurationError`` naming the field when ``value`` holds unsendable text.

    Args:
        owner: words before the field's path in the message, e.g. ``"the request's "``.
    """
    where = unsendable_text(value, field)
    if where is not None:
        raise ConfigurationError(
            f"{owner}{where} holds text that cannot be sent: a lone surrogate character, not valid "
            "Unicode (often a string cut in the middle of an emoji, or decoded with errors="
            "'surrogateescape'); fix or remove it"
        )


def check_bool(field: str, value: object) -> bool | None:
    """``value`` if it is True, False or None ("not set"); anything else is refused.

    0.45.4 let ``speaker_labels="false"`` through as a truthy value (so it sent ``true``) and
    sent ``punctuate="no"`` to the API as it was; a string, number or other object is refused
    here instead, before anything is uploaded or sent.

    Raises:
        ConfigurationError: the value is not a bool or None; the message names the field and
            the value's type.
    """
    if value is None or isinstance(value, bool):
        return value
    raise ConfigurationError(
        f"{field} must be True or False (or None to leave it unset); "
        f"got {value!r}, of type {type(value).__name__}"
    )


def check_enum(field: str, value: Any, enum_cls: type[E], *, strict: bool) -> E | None:
    """Convert a string (or member) to ``enum_cls``; None stays None.

    Args:
        field: the field name, for the error message.
        value: None, a member of ``enum_cls`` or a string.
        enum_cls: the target enum.
        strict: reject strings that are not declared values (see the module docstring).

    Returns:
        The member (or pseudo-member), or None.

    Raises:
        ConfigurationError: the value is not a string, or is unknown while ``strict``.
    """
    if value is None or isinstance(value, enum_cls):
        return value
    if isinstance(value, str) and (not strict or is_known(enum_cls, value)):
        return enum_cls(value)
    allowed = ", ".join(repr(m.value) for m in enum_cls)
    error = fail(field, value, f"one of {allowed}")
    if strict and isinstance(value, str):
        error = ConfigurationError(
            f"{error}; to send a value this SDK version does not know yet, pass "
            f"{enum_cls.__name__}({value!r}) or set config.raw.{field}"
        )
    raise error


def check_enum_list(field: str, value: Any, enum_cls: type[E], *, strict: bool) -> list[E] | None:
    """Convert a list of strings to a list of ``enum_cls`` members; None stays None.

    Args:
        field: the field name, for the error message.
        value: None or an iterable (not a string) of members or strings.
        enum_cls: the target enum.
        strict: as in :func:`check_enum`.

    Returns:
        A new list, or None.

    Raises:
        ConfigurationError: the value is a string or not iterable, or an item is rejected.
    """
    if value is None:
        return None
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise fail(field, value, f"a list of {enum_cls.__name__} values")
    result: list[E] = []
    for item in value:
        converted = check_enum(field, item, enum_cls, strict=strict)
        if converted is None:
            raise fail(field, value, f"a list of {enum_cls.__name__} values without None")
        result.append(converted)
    return result


def check_str_list(field: str, value: Any) -> list[str] | None:
    """Copy an iterable of strings into a list; None stays None.

    Args:
        field: the field name, for the error message.
        value: None or an iterable (not a single string) of strings.

    Returns:
        A new list, or None.

    Raises:
        ConfigurationError: a single string (which would be split into characters), a
            non-iterable, or an item that is not a string.
    """
    if value is None:
        return None
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise fail(field, value, "a list of strings")
    result = list(value)
    if not all(isinstance(item, str) for item in result):
        raise fail(field, value, "a list of strings")
    check_text(field, result)
    return result


def check_int(
    field: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """Check an optional integer against inclusive bounds.

    Args:
        field: the field name, for the error message.
        value: None or an int (bool is rejected: ``True`` is not a count).
        minimum: the smallest allowed value, if any.
        maximum: the largest allowed value, if any.

    Returns:
        The value unchanged.

    Raises:
        ConfigurationError: not an int, or out of bounds.
    """
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise fail(field, value, f"an integer {_bounds(minimum, maximum)}".rstrip())
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise fail(field, value, f"an integer {_bounds(minimum, maximum)}")
    return value


def check_number(
    field: str, value: Any, *, minimum: float | None = None, maximum: float | None = None
) -> float | None:
    """Check an optional number against inclusive bounds.

    Args:
        field: the field name, for the error message.
        value: None, an int or a float (bool is rejected).
        minimum: the smallest allowed value, if any.
        maximum: the largest allowed value, if any.

    Returns:
        The value unchanged (an int stays an int).

    Raises:
        ConfigurationError: not a number, NaN, or out of bounds.
    """
    if value is None:
        return None
    allowed = f"a number {_bounds(minimum, maximum)}".rstrip()
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise fail(field, value, allowed)
    # NaN fails every comparison, so test for being inside rather than outside.
    low = -math.inf if minimum is None else minimum
    high = math.inf if maximum is None else maximum
    if not low <= value <= high:
        raise fail(field, value, allowed)
    return value


def check_str(field: str, value: Any, *, pattern: str | None = None) -> str | None:
    """``value`` if it is a string (an enum member of a string enum is one) or None.

    Args:
        pattern: a regular expression (from the spec) the whole string must match.

    Raises:
        ConfigurationError: any other type, or a string that does not match ``pattern``.
    """
    if value is None:
        return value
    if not isinstance(value, str):
        raise fail(field, value, "a string")
    check_text(field, value)
    if pattern is not None and re.fullmatch(pattern, value) is None:
        raise fail(field, value, f"a string of the form {pattern} (as the API describes it)")
    return value


def check_mapping(field: str, value: Any) -> dict[str, Any] | None:
    """A new dict with the items of a mapping with string keys; None stays None.

    Raises:
        ConfigurationError: not a mapping, or a key is not a string.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise fail(field, value, "a dict with string keys")
    check_text(field, value)
    return dict(value)


def _bounds(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"between {minimum} and {maximum} inclusive"
    if minimum is not None:
        return f">= {minimum}"
    if maximum is not None:
        return f"<= {maximum}"
    return ""
