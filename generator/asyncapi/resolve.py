"""Reading an AsyncAPI document: the error type, file loading, JSON pointers and `$ref`s.

Only local `$ref`s (`#/...`) are followed. Any problem raises `GeneratorError`, whose message
starts with the JSON pointer of the offending node.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from ..specload import load_document

__all__ = ["GeneratorError", "Resolver", "child", "load_file"]


class GeneratorError(Exception):
    """The AsyncAPI document cannot be turned into code.

    `pointer` is the JSON pointer (`#/components/schemas/Turn/properties/words`) of the
    offending node; the message is `"<pointer>: <problem>"`.
    """

    def __init__(self, pointer: str, problem: str) -> None:
        super().__init__(f"{pointer}: {problem}")
        self.pointer = pointer
        self.problem = problem


def load_file(path: Path) -> dict[str, Any]:
    """Read a YAML/JSON AsyncAPI file the way `generator.regenerate` does (YAML 1.2 core)."""
    try:
        return load_document(path)
    except (OSError, ValueError, yaml.YAMLError) as err:
        raise GeneratorError("#", f"cannot read {path}: {err}") from err


# --------------------------------------------------------------------------- pointers


def child(pointer: str, *keys: str | int) -> str:
    """The JSON pointer of `pointer`'s descendant along `keys` (escaping `~` and `/`)."""
    for key in keys:
        pointer += "/" + str(key).replace("~", "~0").replace("/", "~1")
    return pointer


class Resolver:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc

    def lookup(self, ref: object, at: str) -> tuple[Any, str]:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise GeneratorError(at, f"only local $ref values ('#/...') are supported, got {ref!r}")
        node: Any = self.doc
        if ref not in ("#", "#/"):
            if not ref.startswith("#/"):
                raise GeneratorError(at, f"unresolvable $ref {ref!r}")
            for raw in ref[2:].split("/"):
                key = unquote(raw).replace("~1", "/").replace("~0", "~")
                if isinstance(node, Mapping) and key in node:
                    node = node[key]
                elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                    node = node[int(key)]
                else:
                    raise GeneratorError(at, f"unresolvable $ref {ref!r}")
        return node, ref

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref`s from `node` (found at `pointer`) to a concrete node and its pointer."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if isinstance(ref, str) and ref in seen:
                raise GeneratorError(pointer, f"$ref cycle through {ref!r}")
            seen.add(str(ref))
            node, pointer = self.lookup(ref, pointer)
        return node, pointer
