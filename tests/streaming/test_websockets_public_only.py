"""The SDK uses only websockets' public API, so a websockets release cannot break it silently.

An AST walk over every module of ``assemblyai/``: no class may subclass a websockets class,
nothing may import an underscore name or module from websockets, and no attribute whose name
starts with an underscore may be read, called or assigned on a websockets name (a module, a
class, a function) or on a private member that a websockets class defines.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import assemblyai

PACKAGE = Path(assemblyai.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


# The sans-I/O protocol's own steps: their names carry no underscore, but websockets' source
# files them under "private methods" and its documentation leaves them out.
PROTOCOL_INTERNALS = frozenset(
    {
        "parse",
        "discard",
        "recv_frame",
        "send_frame",
        "send_eof",
        "process_request",
        "process_response",
        "process_extensions",
        "process_subprotocol",
    }
)


def violations(source: str, where: str = "<source>") -> list[str]:
    """What in ``source`` goes beyond websockets' public API (empty: nothing)."""
    tree = ast.parse(source)
    found: list[str] = []
    bound: dict[str, object] = {}  # local name -> the websockets object it names
    imported: set[str] = set()  # every name an import binds (urllib, json...)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "websockets":
            module_path = node.module or ""
            if any(_private(part) for part in module_path.split(".")):
                found.append(f"{where}:{node.lineno}: imports private module {module_path}")
                continue
            module = importlib.import_module(module_path)
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{where}:{node.lineno}: imports {module_path}.{alias.name}")
                bound[alias.asname or alias.name] = getattr(module, alias.name, None)
        if isinstance(node, ast.Import | ast.ImportFrom):
            imported.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != "websockets":
                    continue
                if any(_private(part) for part in alias.name.split(".")):
                    found.append(f"{where}:{node.lineno}: imports private module {alias.name}")
                local = alias.asname or alias.name.split(".")[0]
                bound[local] = importlib.import_module(alias.name if alias.asname else local)
    # Underscore members the imported websockets classes define (their private methods).
    private_members = {
        name
        for value in bound.values()
        if inspect.isclass(value)
        for klass in inspect.getmro(value)
        if klass.__module__.split(".")[0] == "websockets"
        for name in vars(klass)
        if _private(name)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                root = base
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in bound:
                    found.append(
                        f"{where}:{node.lineno}: class {node.name} subclasses "
                        f"websockets' {ast.unparse(base)}"
                    )
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            on_websockets_name = isinstance(node.value, ast.Name) and node.value.id in bound
            if on_websockets_name or node.attr in private_members:
                found.append(f"{where}:{node.lineno}: uses websockets' private {ast.unparse(node)}")
        elif (
            bound
            and isinstance(node, ast.Attribute)
            and node.attr in PROTOCOL_INTERNALS
            and not (isinstance(node.value, ast.Name) and node.value.id in imported)
        ):
            found.append(f"{where}:{node.lineno}: uses websockets' internal {ast.unparse(node)}")
    return found


def test_no_module_goes_beyond_the_public_websockets_api() -> None:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += violations(path.read_text(), str(path.relative_to(PACKAGE.parent)))
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        # What _threaded.py did before it moved to the sans-I/O protocol.
        "from websockets.sync.client import ClientConnection\n"
        "class R(ClientConnection):\n    pass\n",
        "import websockets.sync.client as c\nclass R(c.ClientConnection):\n    pass\n",
        "from websockets.sync.client import ClientConnection as C\nC._x = 1\n",
        "from websockets.client import ClientProtocol\n"
        "def f(p: ClientProtocol) -> None:\n    p.send_frame(None)\n",
        "from websockets.client import ClientProtocol\nClientProtocol._x()\n",
        "from websockets.frames import _private\n",
        "from websockets._private import thing\n",
    ],
)
def test_the_check_catches_private_use(source: str) -> None:
    assert violations(source) != []


def test_the_check_accepts_public_use() -> None:
    source = (
        "from websockets.client import ClientProtocol\n"
        "from websockets.uri import parse_uri\n"
        "class Mine:\n"
        "    def __init__(self) -> None:\n"
        "        self._protocol = ClientProtocol(parse_uri('ws://h/'))\n"
        "        self._protocol.send_text(b'x')\n"
    )
    assert violations(source) == []
