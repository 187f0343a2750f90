"""Render :class:`~generator.surface.fields.Surface` into Python source (ruff formats it later).

Two modules come out:

* ``enums.py``: every spec enum under its public name, the overlay's aliases, and the tables
  (``PUBLIC_ENUMS``, ``SPEC_ENUMS``) handwritten code and tests walk;
* ``config.py``: the nested option models, ``RawTranscriptionConfig`` and
  ``TranscriptionConfigBase`` (typed constructor, properties, mechanical setters).

The generated config classes call the handwritten checks of ``assemblyai._core.validation`` and the
base classes of ``assemblyai._transcription.config_runtime``: the behaviour stays handwritten and tested
once, the lists of fields come from the spec.
"""

from __future__ import annotations

import re

from .fields import Field, Model, Surface

__all__ = ["render_config", "render_enums", "runtime_names"]


def _doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', "'''")


def render_enums(surface: Surface) -> str:
    lines = [
        '"""The public enums: every enum schema of the spec, under 0.45.4\'s name where it had',
        "one (see generator/overlay.toml). ``assemblyai._core.enums`` re-exports them.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        "from ..rest.models import TolerantStrEnum",
    ]
    imported: dict[str, str] = {}
    for info in surface.enums:
        if info.public in imported:
            continue
        imported[info.public] = info.generated
        alias = "" if info.public == info.generated else f" as {info.public}"
        lines.append(f"from ..rest.models.{info.module} import {info.generated}{alias}")
    lines.append("")
    for alias, target in sorted(surface.aliases.items()):
        lines.append(f"{alias} = {target}")
    publics = sorted(imported)
    lines += [
        "",
        "#: Each public enum class with the name users know it by.",
        "PUBLIC_ENUMS: Final[tuple[tuple[type[TolerantStrEnum], str], ...]] = (",
        *(f"    ({name}, {name!r})," for name in publics),
        ")",
        "",
        "#: Each enum schema of the spec and the public class that carries its values.",
        "SPEC_ENUMS: Final[dict[str, type[TolerantStrEnum]]] = {",
        *(f"    {info.schema!r}: {info.public}," for info in surface.enums),
        "}",
        "",
        "__all__ = [",
        *(f"    {name!r}," for name in sorted([*publics, *surface.aliases, "PUBLIC_ENUMS"])),
        '    "SPEC_ENUMS",',
        "]",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- config

_CHECK_ARGS = {
    "bool": "check_bool({name!r}, value)",
    "str": "check_str({name!r}, value)",
    "list_str": "check_str_list({name!r}, value)",
    "dict": "check_mapping({name!r}, value)",
    "any": "value",
}


def _bounds(f: Field) -> str:
    parts = []
    if f.minimum is not None:
        parts.append(f"minimum={f.minimum!r}")
    if f.maximum is not None:
        parts.append(f"maximum={f.maximum!r}")
    return "".join(f", {p}" for p in parts)


def _check(f: Field, *, strict: bool) -> str:
    """The expression that checks ``value`` for field ``f``."""
    if f.kind == "int":
        return f"check_int({f.name!r}, value{_bounds(f)})"
    if f.kind == "float":
        return f"check_number({f.name!r}, value{_bounds(f)})"
    if f.kind == "enum":
        return f"check_enum({f.name!r}, value, {f.enum}, strict={strict})"
    if f.kind == "list_enum":
        return f"check_enum_list({f.name!r}, value, {f.enum}, strict={strict})"
    if f.kind == "model":
        return f"coerce_model({f.model}, {f.name!r}, value)"
    if f.kind == "custom":
        return f"{f.converter}(value)" if f.converter else "value"
    if f.kind == "str" and f.pattern is not None:
        return f"check_str({f.name!r}, value, pattern={f.pattern!r})"
    return _CHECK_ARGS[f.kind].format(name=f.name)


def _converter_name(owner: str, f: Field) -> str:
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", owner).lower()
    return f"_{snake}_{f.name}"


def _field_block(
    owner: str, fields: list[Field], validator: str | None
) -> tuple[list[str], list[str]]:
    """Converter functions (attrs wants named ones for mypy) and the attrs field lines."""
    funcs: list[str] = []
    attrs_lines: list[str] = []
    for f in fields:
        conv = _converter_name(owner, f)
        funcs += [
            "",
            "",
            f"def {conv}(value: Any) -> {f.value_type} | None:",
            f"    return {_check(f, strict=False)}",
        ]
        how = f"converter={conv}"
        if validator:
            # The overlay's cross-field rule runs after each field's own check (attrs applies
            # the converter first); it looks only at the fields it is about.
            how += f", validator={validator}"
        attrs_lines += [
            f"    {f.name}: {f.value_type} | None = attrs.field(default=None, {how})",
            f'    """{_doc(f.description)}"""',
        ]
    return [*funcs, "", ""], attrs_lines


def _model_class(model: Model) -> list[str]:
    funcs, body = _field_block(model.name, model.fields, model.validator)
    return [
        *funcs,
        "@attrs.define(kw_only=True)",
        f"class {model.name}(OptionModel):",
        f'    """{_doc(model.description)}"""',
        "",
        *body,
    ]


def _raw_class(surface: Surface) -> list[str]:
    funcs, body = _field_block("raw", surface.fields, None)
    return [
        *funcs,
        "@attrs.define(slots=False, init=False, eq=False, repr=False)",
        "class RawTranscriptionConfig(RawConfigBase):",
        '    """Every transcription parameter of the spec as an optional field, plus extra ones.',
        "",
        "    See :class:`assemblyai._transcription.config_runtime.RawConfigBase` for construction, extra",
        "    fields and :meth:`to_request_json`; values are converted and checked as they are",
        "    set (enum fields accept any string, so new API values pass).",
        '    """',
        "",
        *body,
        "",
        "",
        "RawTranscriptionConfig.__signature__ = raw_signature(RawTranscriptionConfig)"
        "  # type: ignore[attr-defined]",
    ]


def _arguments(surface: Surface) -> list[tuple[str, str, str]]:
    """(name, annotation, default) of TranscriptionConfig's parameters, with a "*" marker."""
    assert surface.overlay is not None
    overlay = surface.overlay
    by_name = {f.name: f for f in surface.fields}
    positional = [n for n in overlay.order if n in by_name and n not in overlay.keyword_only]
    keyword = [f.name for f in surface.fields if f.name not in positional]
    args: list[tuple[str, str, str]] = []
    for name in positional:
        if name == overlay.raw_argument_before:
            args.append(("raw_transcription_config", "RawTranscriptionConfig | None", "None"))
        args.append(_argument(by_name[name], overlay.defaults))
    if not any(a[0] == "raw_transcription_config" for a in args):
        args.append(("raw_transcription_config", "RawTranscriptionConfig | None", "None"))
    if keyword:
        args.append(("*", "", ""))
        args += [_argument(by_name[n], overlay.defaults) for n in keyword]
    return args


def _argument(f: Field, defaults: dict[str, str]) -> tuple[str, str, str]:
    return (f.name, f"{f.argument_type} | None", defaults.get(f.name, "None"))


def _base_class(surface: Surface) -> list[str]:
    assert surface.overlay is not None
    overlay = surface.overlay
    args = _arguments(surface)
    signature = [
        "        *," if name == "*" else f"        {name}: {annotation} = {default},"
        for name, annotation, default in args
    ]
    given = [f"                {f.name!r}: {f.name}," for f in surface.fields]
    arg_docs = [
        f"            {f.name}: {_doc(f.description)}"
        + (" Deprecated by the API." if f.deprecated else "")
        for f in surface.fields
    ]
    lines = [
        "",
        "",
        "class TranscriptionConfigBase:",
        '    """The generated half of ``TranscriptionConfig``: constructor and field properties.',
        "",
        "    The handwritten subclass (``assemblyai._transcription.config``) adds the ``set_*`` methods and",
        "    ``_init_config``, which applies the constructor's arguments (grouped fields through",
        "    their ``set_*`` method, the others through their property).",
        '    """',
        "",
        '    __slots__ = ("_raw",)',
        "",
        "    _raw: RawTranscriptionConfig",
        "",
        "    def __init__(",
        "        self,",
        *signature,
        "    ) -> None:",
        '        """Build the config; every argument is optional and None means "not given".',
        "",
        "        Args:",
        *arg_docs,
        "            raw_transcription_config: a raw config to start from; it becomes ``raw``",
        "                (not copied) and the other arguments are written into it.",
        "",
        "        Raises:",
        "            ConfigurationError: an argument is invalid or contradicts another.",
        '        """',
        "        self._init_config(",
        "            raw_transcription_config,",
        "            {",
        *given,
        "            },",
        "        )",
        "",
        "    def _init_config(",
        "        self, raw: RawTranscriptionConfig | None, given: dict[str, Any]",
        "    ) -> None:",
        "        raise NotImplementedError",
    ]
    for f in surface.fields:
        if f.name in overlay.handwritten:
            continue
        setter = overlay.read_only.get(f.name)
        doc = _doc(f.description)
        if setter:
            how = f"``{setter}()``" if setter.startswith("set_") else setter
            doc = f"{doc} (read-only: set through {how})"
        if f.deprecated:
            doc += " Deprecated by the API."
        lines += [
            "",
            "    @property",
            f"    def {f.name}(self) -> {f.value_type} | None:",
            f'        """{doc}"""',
            f"        return self._raw.{f.name}",
        ]
        if setter:
            continue
        lines += [
            "",
            f"    @{f.name}.setter",
            f"    def {f.name}(self, value: {f.argument_type} | None) -> None:",
            f"        self._raw.{f.name} = {_check(f, strict=True)}",
        ]
    return lines


def render_config(surface: Surface, runtime_names: list[str]) -> str:
    enum_names = sorted({f.enum for f in _all_fields(surface) if f.enum})
    head = [
        '"""The transcription config surface, generated from the spec\'s transcription',
        "parameters (see generator/overlay.toml for what the spec cannot say).",
        "",
        "``assemblyai._transcription.raw_config`` and ``assemblyai._transcription.config`` re-export these classes and add",
        "the handwritten behaviour.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping, Sequence",
        "from typing import Any",
        "",
        "import attrs",
        "",
        "from assemblyai._core.compat import ModelCompat",
        "from assemblyai._transcription.config_runtime import (",
        *(f"    {name}," for name in sorted(set(runtime_names))),
        ")",
        "from assemblyai._transcription.config_speech_understanding import SpeechUnderstandingRequest",
        "from assemblyai._core.validation import (",
        "    check_bool,",
        "    check_enum,",
        "    check_enum_list,",
        "    check_int,",
        "    check_mapping,",
        "    check_number,",
        "    check_str,",
        "    check_str_list,",
        ")",
        "",
        *([f"from .enums import {', '.join(enum_names)}"] if enum_names else []),
        "",
        "__all__ = [",
        *(f"    {name!r}," for name in sorted([m.name for m in surface.models])),
        '    "RawTranscriptionConfig",',
        "]",
        "# TranscriptionConfigBase is left out on purpose: only assemblyai._transcription.config uses it.",
    ]
    body: list[str] = []
    for model in surface.models:
        body += _model_class(model)
    body += _raw_class(surface)
    body += _base_class(surface)
    return "\n".join(head + body) + "\n"


def _all_fields(surface: Surface) -> list[Field]:
    return [*surface.fields, *(f for m in surface.models for f in m.fields)]


def runtime_names(surface: Surface) -> list[str]:
    """The names config.py imports from ``assemblyai._transcription.config_runtime``."""
    names = ["CustomSpelling", "OptionModel", "RawConfigBase", "coerce_model", "raw_signature"]
    for f in _all_fields(surface):
        if f.converter:
            names.append(f.converter)
    names += [m.validator for m in surface.models if m.validator]
    return names
