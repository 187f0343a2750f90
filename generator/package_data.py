"""What `make regen` writes besides the generators' Python: the API documents as JSON package
data, and the removal of generated modules nothing calls.

The documents were once a Python module of string constants (6,000 lines mypy and ruff had
to read); as `.json` files next to a small loader they are read once, on first use, through
`importlib.resources`, so they work from a wheel or a zip as well as from a checkout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["SPEC_FILES", "prune_unused_rest_modules", "write_specs_package"]

#: The document files of `OUT/specs/`, by the loader function that reads each.
SPEC_FILES = {
    "openapi_document": "openapi.json",
    "streaming_document": "streaming.json",
    "realtime_document": "realtime.json",
}

# openapi-python-client always writes these two; the SDK sends requests with its own httpx
# client (assemblyai/_http/send.py), so nothing imports them once the endpoint modules only build
# requests (templates/endpoint_module.py.jinja).
_UNUSED_REST_MODULES = ("client.py", "errors.py")

_LOADER = '''"""The API description the SDK was generated from, normalised, as JSON package data.

The offline sandbox validates requests and messages against these documents at run time
without a YAML parser. Each function reads its file once and caches the result: treat it as
read-only.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Final

__all__ = [
    "DEFAULT_SERVERS",
    "OPERATION_SERVERS",
    "openapi_document",
    "realtime_document",
    "streaming_document",
]

DEFAULT_SERVERS: Final[tuple[str, ...]] = {default_servers!r}
# Operations served from another host than DEFAULT_SERVERS, by operationId.
OPERATION_SERVERS: Final[dict[str, tuple[str, ...]]] = {operation_servers!r}


@functools.cache
def _load(name: str) -> dict[str, Any]:
    resource = resources.files(__name__).joinpath(name)
    if not resource.is_file():
        raise LookupError(
            f"{{name}}: no such document was in spec/ when this package was generated"
        )
    document: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return document


def openapi_document() -> dict[str, Any]:
    """The merged REST (OpenAPI) document, including `GET /v3/token`."""
    return _load("openapi.json")


def streaming_document() -> dict[str, Any]:
    """The v3 streaming AsyncAPI 3 document."""
    return _load("streaming.json")


def realtime_document() -> dict[str, Any]:
    """The legacy v2 realtime AsyncAPI 2 document."""
    return _load("realtime.json")
'''


def write_specs_package(
    directory: Path, rest: dict[str, Any], asyncapi: dict[str, dict[str, Any]]
) -> None:
    """Write DIRECTORY/__init__.py (the loader) and one JSON file per document."""
    directory.mkdir(parents=True)
    documents = {
        "openapi.json": rest,
        "streaming.json": asyncapi.get("streaming"),
        "realtime.json": asyncapi.get("realtime"),
    }
    for name, document in documents.items():
        if document is not None:
            text = json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False)
            (directory / name).write_text(text + "\n", encoding="utf-8")
    default_servers = tuple(s["url"] for s in rest.get("servers") or [] if isinstance(s, dict))
    loader = _LOADER.format(
        default_servers=default_servers, operation_servers=_operation_servers(rest)
    )
    (directory / "__init__.py").write_text(loader, encoding="utf-8")


def prune_unused_rest_modules(rest_dir: Path) -> None:
    """Delete the generated REST modules the SDK never imports."""
    for name in _UNUSED_REST_MODULES:
        (rest_dir / name).unlink(missing_ok=True)


def _operation_servers(rest: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    default = rest.get("servers")
    found: dict[str, tuple[str, ...]] = {}
    for item in (rest.get("paths") or {}).values():
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op or method == "servers":
                continue
            servers = op.get("servers") or item.get("servers")
            if servers and servers != default:
                found[op["operationId"]] = tuple(s["url"] for s in servers)
    return dict(sorted(found.items()))
