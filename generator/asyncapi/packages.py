"""Which package each AsyncAPI document of a spec directory generates into.

Several documents live side by side (v3 streaming, the legacy v2 realtime API, a newer
endpoint such as Universal-3 Pro), each in its own package under the output directory, all
importing one shared runtime module. A document names its package with `x-sdk-package` in
its `info`; otherwise the package is the file name up to its first dot, made an identifier
(`streaming.asyncapi.yml` -> `streaming`, `u3-pro.asyncapi.yml` -> `u3_pro`).
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from typing import Any

from .resolve import GeneratorError

__all__ = ["RESERVED_PACKAGES", "SHARED_RUNTIME", "package_name", "package_names"]

#: The module (next to the packages) that holds the helpers every package imports.
SHARED_RUNTIME = "_asyncapi_runtime"

#: Names the output directory uses for other things.
RESERVED_PACKAGES = frozenset({"rest", "specs", SHARED_RUNTIME})


def package_name(file_name: str, document: Mapping[str, Any]) -> str:
    """The package of one document (see the module docs)."""
    info = document.get("info")
    explicit = info.get("x-sdk-package") if isinstance(info, Mapping) else None
    if explicit is not None:
        if not isinstance(explicit, str) or not explicit.isidentifier():
            raise GeneratorError(
                "#/info/x-sdk-package", f"{file_name}: must be a Python identifier"
            )
        name = explicit
    else:
        stem = file_name.rsplit("/", 1)[-1].split(".", 1)[0]
        name = re.sub(r"[^0-9A-Za-z_]+", "_", stem).strip("_").lower()
        if not name or name[0].isdigit():
            name = f"api_{name}"
    if keyword.iskeyword(name) or name in RESERVED_PACKAGES:
        raise GeneratorError(
            "#/info",
            f"{file_name}: the package name {name!r} is taken; name another with x-sdk-package",
        )
    return name


def package_names(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """File name -> package for every AsyncAPI document; two files may not share a package."""
    result: dict[str, str] = {}
    owners: dict[str, str] = {}
    for file_name in sorted(documents):
        package = package_name(file_name, documents[file_name])
        other = owners.setdefault(package, file_name)
        if other != file_name:
            raise GeneratorError(
                "#/info",
                f"{file_name} and {other} would both generate the package {package!r}; "
                "give one of them another name with x-sdk-package in its info",
            )
        result[file_name] = package
    return result
