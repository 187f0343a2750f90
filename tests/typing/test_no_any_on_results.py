"""No ``Any`` on what users read: public attributes, properties and method results are typed.

Walks every public class of the public modules (and the classes of this package they inherit
from) and every public function of ``assemblyai.api``, and fails when an attribute annotation
or a return annotation is ``Any`` or contains it (``list[Any]``, an alias of a ``Callable``
returning ``Any``...). Parameters are not checked: they are what users write, not read.

The allow-lists below are the genuinely free-form JSON values; each says why.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import types
import typing
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest

PUBLIC_MODULES = [
    "assemblyai",
    "assemblyai.types",
    "assemblyai.lemur",
    "assemblyai.transcriber",
    "assemblyai.realtime",
    "assemblyai.streaming.v3",
    "assemblyai.testing",
]
FUNCTION_MODULES = [*PUBLIC_MODULES, "assemblyai.api", "assemblyai.extras"]

#: Members allowed to hold ``Any`` on every class, by name: each is JSON by nature.
FREE_FORM_MEMBERS = {
    # The keys the API sent that the spec does not declare: unknown JSON by definition.
    "additional_properties": "undeclared JSON fields",
    # A model written out as JSON (pydantic-style dumps kept for 0.45.4 callers).
    "to_dict": "a JSON dump",
    "dict": "a JSON dump",
    "model_dump": "a JSON dump",
    "to_request_json": "the request body as JSON",
    # The whole transcript as JSON. 0.45.4 typed it a bare ``dict``; ``dict[str, object]`` would
    # make every nested read in existing user code a mypy error.
    "json_response": "the transcript as JSON",
}

#: ``Class.member`` allowed to hold ``Any``; each names what the API leaves undescribed.
FREE_FORM_QUALIFIED = {
    # A streaming message the SDK has no class for, kept exactly as received.
    "UnknownMessage.raw": "an unknown message's JSON",
    # The LLM Gateway's answer to a streaming turn, as the gateway sent it (a chat completion
    # today; the spec leaves it open, and the official 1.0.0 types it Any too).
    "LLMGatewayResponse.data": "the gateway's answer JSON",
    # A retired feature: the spec gives it no schema (only null has ever been seen).
    "Transcript.custom_topics_results": "undescribed, always null",
    # The request echoed back inside a response: whatever JSON the caller sent.
    # Utterance-shaped objects whose fields the API does not document.
    # 0.45.4's request-side form, ``{"from": [...], "to": "..."}`` objects as given.
    "RawTranscriptionConfig.custom_spelling": "request JSON as given",
    # Speaker descriptions: a name or role plus any keys the caller adds for context (the API
    # takes them as free-form JSON).
    "SpeakerIdentificationRequest.speakers": "caller-defined speaker JSON",
    # The sandbox's records of the wire: JSON exactly as a client sent it or the sandbox stores
    # it, which tests compare with dict literals.
    "FakeAssemblyAI.transcript": "the stored transcript JSON",
    "RecordedRequest.json": "a request body as sent",
    "StreamingSession.config": "the session's query/update JSON",
    "StreamingSession.messages": "text messages as sent",
    "StreamingSession.sent": "messages the sandbox sent",
    # Module functions: the parsed spec documents the sandbox serves (OpenAPI/AsyncAPI JSON).
    "assemblyai.testing.default_documents": "spec documents as JSON",
}


def _mentions_any(value: object, seen: set[int] | None = None) -> bool:
    """Whether a runtime type (an alias included) is ``Any`` or has ``Any`` inside it."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return False
    seen.add(id(value))
    if value is Any:
        return True
    aliased = getattr(value, "__value__", None)  # a ``type X = ...`` alias (Python 3.12+)
    if aliased is not None:
        return _mentions_any(aliased, seen)
    if isinstance(value, list):  # a Callable's parameter list
        return any(_mentions_any(v, seen) for v in value)
    return any(_mentions_any(arg, seen) for arg in typing.get_args(value))


def annotation_mentions_any(annotation: object, namespace: dict[str, Any]) -> bool:
    """Whether ANNOTATION (a string under ``from __future__ import annotations``) is or
    contains ``Any``; names are looked up in NAMESPACE to see through type aliases.

    Names imported only under ``TYPE_CHECKING`` are not in the namespace: they are classes
    (an alias would be defined, not imported, there), so skipping them is right.
    """
    if not isinstance(annotation, str):
        return _mentions_any(annotation)
    for node in ast.walk(ast.parse(annotation, mode="eval")):
        if isinstance(node, ast.Attribute) and node.attr == "Any":
            return True
        if isinstance(node, ast.Name):
            if node.id == "Any":
                return True
            found = namespace.get(node.id)
            if found is not None and not inspect.isclass(found) and _mentions_any(found):
                return True
    return False


def _public_classes() -> dict[type, str]:
    classes: dict[type, str] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if (
                inspect.isclass(value)
                and value.__module__.startswith("assemblyai")
                and not issubclass(value, (BaseException, enum.Enum))
            ):
                classes.setdefault(value, f"{module_name}.{name}")
    return classes


def _function_of(member: object) -> Callable[..., object] | None:
    if isinstance(member, property):
        return member.fget
    if isinstance(member, (classmethod, staticmethod)):
        return member.__func__  # type: ignore[no-any-return]
    if inspect.isfunction(member):
        return member
    return None


def _read_annotations(cls: type) -> Iterator[tuple[str, str, object, dict[str, Any]]]:
    """(``Class.member``, member name, annotation, namespace) for what users read on CLS."""
    for klass in cls.__mro__:
        if not klass.__module__.startswith("assemblyai"):
            continue
        namespace = vars(importlib.import_module(klass.__module__))
        for name, annotation in inspect.get_annotations(klass).items():
            if not name.startswith("_") and not annotation_is_classvar(annotation):
                yield f"{klass.__name__}.{name}", name, annotation, namespace
        for name, member in vars(klass).items():
            function = _function_of(member)
            if name.startswith("_") or function is None:
                continue
            returned = inspect.get_annotations(function).get("return")
            if returned is not None:
                function_namespace = vars(importlib.import_module(function.__module__))
                yield f"{klass.__name__}.{name}", name, returned, function_namespace


def annotation_is_classvar(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def offenders(classes: dict[type, str]) -> tuple[list[str], set[str]]:
    """The unallowed ``Any`` annotations, and the allow-listed qualified names seen."""
    found: set[str] = set()
    used: set[str] = set()
    for cls in classes:
        for qualified, name, annotation, namespace in _read_annotations(cls):
            if not annotation_mentions_any(annotation, namespace):
                continue
            if name in FREE_FORM_MEMBERS:
                continue
            if qualified in FREE_FORM_QUALIFIED:
                used.add(qualified)
                continue
            found.add(f"{qualified}: {annotation}")
    return sorted(found), used


def test_checker_sees_any_directly_nested_and_through_aliases() -> None:
    # The walk must be able to fail: the shapes of Any it has to find.
    Handler = Callable[[int], Any]
    namespace = {"Handler": Handler, "Word": int, "Future": Future}
    assert annotation_mentions_any("Any", namespace)
    assert annotation_mentions_any("list[Any] | None", namespace)
    assert annotation_mentions_any("typing.Any", namespace)
    assert annotation_mentions_any("Handler", namespace)
    assert annotation_mentions_any(dict[str, Any], namespace)
    assert not annotation_mentions_any("list[Word] | None", namespace)
    assert not annotation_mentions_any("Future[list[Word]]", namespace)

    class Leaky:
        words: list[Any]

        @property
        def text(self) -> Any:
            return None

    class Tight:
        words: list[int]

        @property
        def text(self) -> str:
            return ""

    Leaky.__module__ = Tight.__module__ = "assemblyai.fake"  # walked as ours
    with pytest.MonkeyPatch.context() as patch:
        fake = types.ModuleType("assemblyai.fake")
        patch.setitem(__import__("sys").modules, "assemblyai.fake", fake)
        assert offenders({Leaky: "fake.Leaky"})[0] == [
            "Leaky.text: Any",
            "Leaky.words: list[Any]",
        ]
        assert offenders({Tight: "fake.Tight"})[0] == []


def test_public_classes_expose_no_any() -> None:
    classes = _public_classes()
    assert len(classes) > 60, f"only {len(classes)} public classes found: the walk is broken"
    found, used = offenders(classes)
    assert not found, (
        "These public attributes/results are typed Any (give them their real class, or, for "
        "genuinely free-form JSON, add them to an allow-list with the reason):\n  "
        + "\n  ".join(found)
    )
    class_entries = {k for k in FREE_FORM_QUALIFIED if not k.startswith("assemblyai.")}
    stale = sorted(class_entries - used)
    assert not stale, f"Remove these allow-list entries, they no longer hold Any: {stale}"


def test_public_functions_return_no_any() -> None:
    found: set[str] = set()
    for module_name in FUNCTION_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            function = getattr(module, name)
            if not inspect.isfunction(function):
                continue
            qualified = f"{module_name}.{name}"
            returned = inspect.get_annotations(function).get("return")
            namespace = vars(importlib.import_module(function.__module__))
            if returned is None or not annotation_mentions_any(returned, namespace):
                continue
            if qualified not in FREE_FORM_QUALIFIED:
                found.add(f"{qualified} -> {returned}")
    assert not found, f"These public functions return Any: {sorted(found)}"
