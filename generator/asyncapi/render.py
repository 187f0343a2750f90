"""`model.Document` -> Python source files, through the jinja2 templates in `templates/`.

The templates own the structure of the generated modules, the helpers in `views.py` the
values put into them. Code comes out unformatted: `formatting.py` runs `ruff` on every
generated package, as the REST side does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from .imports import RUNTIME_EXPORTS, RUNTIME_NAMES, import_block, natural_key, used_names
from .model import Direction, Document
from .params_view import parameters_view
from .pytext import docstring, exploded, fit_call, pyliteral, pystr
from .pytypes import annotation
from .views import class_view, dispatch_view, module_doc, query_view, unknown_doc

__all__ = ["render", "render_sources"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pystr"] = pystr
    env.filters["pyliteral"] = pyliteral
    env.filters["annotation"] = annotation
    return env


RUNTIME_DOC = "Helpers shared by the generated AsyncAPI packages (decoding, query strings)"


def render_runtime() -> str:
    """The source of the runtime module: it depends on no document, so packages may share it."""
    doc = docstring([f"{RUNTIME_DOC}."], 0)
    template = _environment().get_template("runtime.py.jinja")
    body = template.render(module_doc=doc, imports="")
    return template.render(module_doc=doc, imports=import_block(used_names(body), {}))


def render_sources(document: Document, shared_runtime: str | None = None) -> dict[str, str]:
    """The generated package as file name -> source text.

    With `shared_runtime` (a relative module such as `.._asyncapi_runtime`, written once with
    `render_runtime()`), the package imports its helpers from there; without it, the package
    gets its own `_runtime.py` and stands alone.
    """
    env = _environment()
    messages = [m for m in document.messages if not m.is_raw]
    classes = {m.name: m for m in messages}
    runtime = shared_runtime or "_runtime"
    local: dict[str, str] = {name: runtime for name in RUNTIME_NAMES}
    local.update({e.name: "enums" for e in document.enums})
    message_exports = [
        *classes,
        *(o.name for o in document.objects),
        "SERVER_TAGGED",
        "SERVER_UNTAGGED",
        "ClientMessage",
        "ServerMessage",
        "UnknownMessage",
        "decode",
        "decode_client_message",
        "encode",
    ]
    if document.events_name:
        message_exports.append(document.events_name)
    local.update({name: "messages" for name in message_exports})
    connection_exports = [
        "CHANNEL_ADDRESS",
        "CLOSE_CODES",
        "HEADER_NAMES",
        "QUERY_DEFAULTS",
        "SERVER_URL",
        "ConnectionParameters",
    ]
    local.update({name: "connection" for name in connection_exports})
    local.update({name: "parameters" for name in ("Parameters", "SessionParameters")})
    if document.renamed:
        local["RENAMED_PARAMETERS"] = "parameters"

    server = dispatch_view(document, Direction.RECEIVE)
    client = dispatch_view(document, Direction.SEND)
    context: dict[str, Any] = {
        "document": document,
        "docstring": docstring,
        # What the server sends is read leniently (the API departs from its description);
        # what the client sends is checked strictly (test servers use it to catch SDK bugs).
        # Nested objects only occur in server messages in our descriptions.
        "server_classes": [
            class_view(m.payload, m, lenient=True)
            for m in messages
            if m.payload and m.directions == (Direction.RECEIVE,)
        ],
        "client_classes": [
            class_view(m.payload, m, lenient=False)
            for m in messages
            if m.payload and Direction.SEND in m.directions
        ],
        "object_classes": [class_view(o, None, lenient=True) for o in document.objects],
        "enums": document.enums,
        "server": server,
        "client": client,
        "discriminator": document.discriminator,
        "discriminator_key": pystr(document.discriminator) if document.discriminator else "None",
        "discriminator_python": document.discriminator_python or "",
        "server_dispatch": fit_call(
            4,
            "known = dispatch_server(",
            [
                "message",
                pystr(document.discriminator) if document.discriminator else "None",
                "SERVER_TAGGED",
                "SERVER_UNTAGGED",
                "strict",
            ],
            ")",
        ),
        "unknown_doc": unknown_doc(document),
        "query": query_view(document),
        "params": parameters_view(document),
        "server_url": pystr(document.server_url),
        "address": pystr(document.address),
    }

    sources: dict[str, str] = {}
    modules = {
        "enums.py": ("enums.py.jinja", "Enumerations that keep values they do not list"),
        "messages.py": ("messages.py.jinja", "Message classes, `decode` and `encode`"),
        "parameters.py": (
            "parameters.py.jinja",
            "The parameters a caller connects with, typed and checked from the description",
        ),
        "connection.py": (
            "connection.py.jinja",
            "Connection details: URL, query parameters, headers, close codes",
        ),
    }
    for filename, (template_name, what) in modules.items():
        template = env.get_template(template_name)
        module = filename.removesuffix(".py")
        view = {**context, "module_doc": module_doc(document, what), "imports": ""}
        body = template.render(view)
        own = {name for name, where in local.items() if where == module}
        used = {n for n in used_names(body) if n not in own}
        siblings = {n: m for n, m in local.items() if m != module}
        view["imports"] = import_block(used, siblings)
        sources[filename] = template.render(view)
    if shared_runtime is None:
        sources["_runtime.py"] = render_runtime()

    exports: dict[str, list[str]] = {}
    for name, module in local.items():
        if module != runtime or name in RUNTIME_EXPORTS:
            exports.setdefault(module, []).append(name)
    all_names = sorted((n for names in exports.values() for n in names), key=natural_key)
    init = env.get_template("init.py.jinja")
    sources["__init__.py"] = init.render(
        module_doc=_package_doc(document),
        imports=import_block(
            [n for names in exports.values() for n in names],
            {n: m for m, names in exports.items() for n in names},
        ),
        all_names=exploded(0, "__all__ = [", [pystr(n) for n in all_names], "]", tuple_=False),
    )
    return sources


def _package_doc(document: Document) -> str:
    title = document.title or "the websocket API"
    url = f"{document.server_url}{document.address}"
    blocks: list[str] = [f"Types for {title}, generated from its AsyncAPI description."]
    if url:
        blocks.append(f"Endpoint: {url}")
    if document.description:
        blocks.append(document.description)
    blocks.append(
        "Modules: `messages` (a class per message, `decode`, `decode_client_message`,"
        " `encode`), `connection` (URL, query parameters, close codes) and `enums`."
        " Everything public is re-exported here."
    )
    return docstring(blocks, 0)


def render(document: Document, out_dir: Path, shared_runtime: str | None = None) -> list[Path]:
    """Write the generated package into `out_dir`; returns the written paths, sorted."""
    sources = render_sources(document, shared_runtime)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for filename in sorted(sources):
        path = out_dir / filename
        path.write_text(sources[filename], encoding="utf-8", newline="\n")
        written.append(path)
    return written
