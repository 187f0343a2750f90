"""Annotations and decoder expressions for `TypeRef`s, and the fast decoding path of a class."""

from __future__ import annotations

from .model import Field, ObjectDef, TypeKind, TypeRef
from .pytext import fit_call, pystr

__all__ = ["annotation", "decoder", "fast_decoder", "field_annotation"]


def annotation(type_: TypeRef) -> str:
    """The Python annotation of a value of `type_`."""
    simple = {
        TypeKind.STRING: "str",
        TypeKind.INTEGER: "int",
        TypeKind.NUMBER: "float",
        TypeKind.BOOLEAN: "bool",
        TypeKind.DATETIME: "datetime",
        TypeKind.ANY: "Any",
    }
    if type_.kind in simple:
        text = simple[type_.kind]
    elif type_.kind is TypeKind.LIST:
        assert type_.item is not None
        text = f"list[{annotation(type_.item)}]"
    elif type_.kind is TypeKind.MAP:
        assert type_.item is not None
        text = f"dict[str, {annotation(type_.item)}]"
    else:
        assert type_.name is not None
        text = type_.name
    if type_.nullable and type_.kind is not TypeKind.ANY:
        text += " | None"
    return text


def decoder(type_: TypeRef) -> str:
    """An expression for the runtime decoder of `type_` (a `(value, where) -> T` callable)."""
    simple = {
        TypeKind.STRING: "as_str",
        TypeKind.INTEGER: "as_int",
        TypeKind.NUMBER: "as_float",
        TypeKind.BOOLEAN: "as_bool",
        TypeKind.DATETIME: "as_datetime",
        TypeKind.ANY: "as_any",
    }
    if type_.kind in simple:
        text = simple[type_.kind]
    elif type_.kind is TypeKind.LIST:
        assert type_.item is not None
        text = f"as_list({decoder(type_.item)})"
    elif type_.kind is TypeKind.MAP:
        assert type_.item is not None
        text = f"as_map({decoder(type_.item)})"
    elif type_.kind is TypeKind.ENUM:
        text = f"as_enum({type_.name})"
    else:
        text = f"{type_.name}._from_dict"
    if type_.nullable and type_.kind is not TypeKind.ANY:
        text = f"as_nullable({text})"
    return text


# Expressions true when `{v}` does NOT have the exact JSON type of a scalar field.
_FAST_MISFITS = {
    TypeKind.STRING: "type({v}) is not str",
    TypeKind.INTEGER: "type({v}) is not int",
    TypeKind.NUMBER: "type({v}) not in NUMBER_TYPES",
    TypeKind.BOOLEAN: "type({v}) is not bool",
}


def fast_decoder(obj: ObjectDef, lenient: bool) -> list[str]:
    """The body of `_decode_fast` (indented): `_from_dict` for data that fits, else None.

    Scalars are accepted only with their exact JSON type (an integer sent as `1.0` takes the
    checked path, which converts it); lists of objects go through the items' own fast path;
    every other type is decoded as usual with an empty path, any `DecodeError` meaning "take
    the checked path". Scalar checks all run before any other decoding, so the first error in
    field order never comes from the fast path. Locals are `f0`, `f1`, ... so every line stays
    short. For a `lenient` class an absent optional field reads None, and anything the lenient
    path would report (a null where none is allowed, an unknown enum value) is left to it.
    """
    fields = [*(f for f in obj.fields if f.required), *(f for f in obj.fields if not f.required)]
    pad = " " * 8
    test = "type(data) is not dict"
    if obj.discriminator is not None:
        key, value = pystr(obj.discriminator.wire_name), pystr(obj.discriminator.value)
        test += f" or data.get({key}, {value}) != {value}"
    lines = [f"{pad}if {test}:", f"{pad}    return None"]
    later: list[str] = []
    for index, f in enumerate(fields):
        var, key, t = f"f{index}", pystr(f.wire_name), f.type
        misfit = _FAST_MISFITS.get(t.kind)
        if misfit is not None:
            text = misfit.format(v=var)
            if f.required and t.nullable:
                default = ", UNSET"
                text = f"{var} is UNSET or ({var} is not None and {text})"
            elif f.required:
                default = ""
            elif lenient and t.nullable:
                default = ""
                text = f"{var} is not None and {text}"
            elif lenient:
                default = ""
                text = f"{text} and ({var} is not None or {key} in data)"
            else:
                default = ", UNSET"
                if t.nullable:
                    text = f"{var} is not None and {text}"
                text = f"{var} is not UNSET and {text}"
            lines.append(f"{pad}{var}: Any = data.get({key}{default})")
            lines += [f"{pad}if {text}:", f"{pad}    return None"]
        elif (
            t.kind is TypeKind.LIST
            and not t.nullable
            and f.required
            and t.item is not None
            and t.item.kind is TypeKind.OBJECT
            and not t.item.nullable
        ):
            later += [
                fit_call(
                    8,
                    f"{var} = fast_list(",
                    [f"{t.item.name}._decode_fast", f"data.get({key})"],
                    ")",
                ),
                f"{pad}if {var} is None:",
                f"{pad}    return None",
            ]
        else:
            getter = {True: "get_required", False: "get_present" if lenient else "get_optional"}[
                f.required
            ]
            later += [
                f"{pad}try:",
                fit_call(12, f"{var} = {getter}(", ["data", key, '""', decoder(t)], ")"),
                f"{pad}except DecodeError:",
                f"{pad}    return None",
            ]
    lines += later
    args = [f"{f.python_name}=f{index}" for index, f in enumerate(fields)]
    args.append(f"additional_properties=extra_fields(data, cls._WIRE_KEYS, {pystr(obj.name)})")
    lines.append(fit_call(8, "result = cls(", args, ")"))
    return lines


def field_annotation(field: Field, lenient: bool = False) -> str:
    """The attribute annotation: `| Unset` for optional fields, `None` kept last (RUF036).

    Fields of a `lenient` class are `T | None`: None when the server leaves them out.
    """
    text = annotation(field.type)
    if lenient:
        return text if text.endswith(" | None") or text == "Any" else f"{text} | None"
    if field.required:
        return text
    if text.endswith(" | None"):
        return text.removesuffix(" | None") + " | Unset | None"
    return f"{text} | Unset"
