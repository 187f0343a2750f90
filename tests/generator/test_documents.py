"""Several OpenAPI documents side by side: a second product's schemas live in a namespace.

`tests/generator/fixtures/openapi/llm-gateway.yml` is our own small description of LLM
Gateway's chat completions whose `Error` says something else than spec/openapi.yml's.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.merge import MergeConflict, merge_openapi, namespace_of
from generator.regenerate import REPO_ROOT, build

FIXTURE = Path(__file__).parent / "fixtures" / "openapi" / "llm-gateway.yml"


def _doc(schemas: dict[str, Any], path: str, ref: str, **info: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", **info},
        "security": [{"ApiKey": []}],
        "paths": {
            path: {
                "get": {
                    "operationId": f"get{ref}",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{ref}"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        },
    }


_TEXT_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
_OBJECT_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "properties": {"message": {"type": "string"}}}},
}
_REPLY = {
    "type": "object",
    "properties": {"error": {"$ref": "#/components/schemas/Error"}, "text": {"type": "string"}},
}


def test_a_clashing_document_gets_a_prefix_from_its_file_name() -> None:
    first = _doc({"Error": _TEXT_ERROR, "A": _TEXT_ERROR}, "/a", "A")
    # The document with the most paths is the primary one, whose names stay as they are.
    first["paths"]["/error"] = {"get": {"operationId": "getError", "responses": {}}}
    second = _doc({"Error": _OBJECT_ERROR, "Reply": _REPLY}, "/chat", "Reply")
    merged = merge_openapi({"openapi.yml": first, "llm-gateway.yml": second})
    schemas = merged["components"]["schemas"]
    assert schemas["Error"] == _TEXT_ERROR
    assert schemas["LlmGatewayError"] == _OBJECT_ERROR
    assert schemas["LlmGatewayReply"]["properties"]["error"] == {
        "$ref": "#/components/schemas/LlmGatewayError"
    }
    response = merged["paths"]["/chat"]["get"]["responses"]["200"]["content"]
    assert response["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LlmGatewayReply"
    }
    # The document's security scheme moved with it, and its operations name the moved one.
    assert "LlmGatewayApiKey" in merged["components"]["securitySchemes"]
    assert merged["paths"]["/chat"]["get"]["security"] == [{"LlmGatewayApiKey": []}]


def test_a_document_may_name_its_namespace_and_one_without_clashes_needs_none() -> None:
    plain = _doc({"Reply": _REPLY, "Error": _TEXT_ERROR}, "/chat", "Reply")
    assert namespace_of("llm-gateway.yml", plain, {"components": {}}) == ""
    named = _doc({"Reply": _REPLY}, "/chat", "Reply", **{"x-sdk-namespace": "Gateway"})
    assert namespace_of("llm-gateway.yml", named, {"components": {}}) == "Gateway"
    assert (
        namespace_of(
            "my_llm-gateway.v2.yml",
            _doc({"Error": _OBJECT_ERROR}, "/x", "Error"),
            {"components": {"schemas": {"Error": _TEXT_ERROR}}},
        )
        == "MyLlmGatewayV2"
    )


def test_operations_still_may_not_clash() -> None:
    first = _doc({"A": _TEXT_ERROR}, "/a", "A")
    second = _doc({"A": _OBJECT_ERROR}, "/b", "A")
    with pytest.raises(MergeConflict, match="operationId 'getA'"):
        merge_openapi({"openapi.yml": first, "other.yml": second})


class _Gateway(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _SEEN.append({"path": self.path, "body": body, "key": self.headers.get("Authorization")})
        reply = {
            "id": "c1",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello."}}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 2},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


_SEEN: list[dict[str, Any]] = []


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("documents")
    spec_dir = root / "spec"
    shutil.copytree(REPO_ROOT / "spec", spec_dir)
    shutil.copy(FIXTURE, spec_dir / FIXTURE.name)
    name = f"_documents_{uuid.uuid4().hex[:8]}"
    build(spec_dir, root / name)
    sys.path.insert(0, str(root))
    try:
        yield name
    finally:
        sys.path.remove(str(root))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


@pytest.fixture(scope="module")
def models(package: str) -> ModuleType:
    return importlib.import_module(f"{package}.rest.models")


def test_both_documents_generate_and_each_keeps_its_own_error(models: ModuleType) -> None:
    ours = models.Error.from_dict({"error": "format_text must be a Boolean"})
    assert ours.error == "format_text must be a Boolean"
    theirs = models.LlmGatewayError.from_dict({"error": {"message": "no such model"}})
    assert theirs.error.message == "no such model"
    # Everything else of openapi.yml is where it was.
    assert models.Transcript.from_dict({"id": "t1", "speech_model_used": "slam-1"}).id == "t1"


@pytest.fixture
def gateway_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_second_document_s_operation_is_called_with_its_own_models(
    package: str, models: ModuleType, gateway_url: str
) -> None:
    endpoint = importlib.import_module(f"{package}.rest.api.llm_gateway.create_chat_completion")
    request = models.LlmGatewayChatCompletionRequest(
        model="claude-sonnet", messages=[{"role": "user", "content": "Hi"}]
    )
    _SEEN.clear()
    # The generated endpoint only builds the request; the SDK's own shells send it.
    with httpx.Client(base_url=gateway_url, headers={"Authorization": "key-1"}) as http:
        answer = http.send(http.build_request(**endpoint.build_request(body=request)))
    reply = models.LlmGatewayChatCompletionResponse.from_dict(answer.json())
    assert _SEEN == [
        {
            "path": "/chat/completions",
            "body": {"model": "claude-sonnet", "messages": [{"role": "user", "content": "Hi"}]},
            "key": "key-1",
        }
    ]
    assert isinstance(reply, models.LlmGatewayChatCompletionResponse)
    assert reply.choices[0].message.content == "Hello."
    assert reply.usage.completion_tokens == 2


def test_the_merged_document_the_sdk_embeds_holds_the_namespaced_schemas(package: str) -> None:
    specs = importlib.import_module(f"{package}.specs")
    schemas = specs.openapi_document()["components"]["schemas"]
    assert "LlmGatewayChatCompletionRequest" in schemas and "Error" in schemas


def test_a_union_member_with_nested_objects_is_generated_once(
    tmp_path: Path,
) -> None:
    # openapi-python-client alone drops such a member as a duplicate model (LLM Gateway's
    # ToolChoice); generator/codegen_view.py makes it a component of its own first.
    choice = {
        "oneOf": [
            {"type": "string", "enum": ["none", "auto"]},
            {
                "type": "object",
                "required": ["type", "function"],
                "properties": {
                    "type": {"type": "string", "enum": ["function"]},
                    "function": {"type": "object", "properties": {"name": {"type": "string"}}},
                },
            },
        ]
    }
    holder = {"type": "object", "properties": {"choice": {"$ref": "#/components/schemas/Choice"}}}
    doc = _doc({"Choice": choice, "Holder": holder}, "/h", "Holder")
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    (spec_dir / "tools.json").write_text(json.dumps(doc), encoding="utf-8")
    name = f"_tools_{uuid.uuid4().hex[:8]}"
    build(spec_dir, tmp_path / name)
    sys.path.insert(0, str(tmp_path))
    try:
        models = importlib.import_module(f"{name}.rest.models")
        picked = models.Holder.from_dict(
            {"choice": {"type": "function", "function": {"name": "f"}}}
        )
        assert picked.choice.function.name == "f"
        assert models.Holder.from_dict({"choice": "auto"}).choice == "auto"
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


PUBLISHED_GATEWAY = REPO_ROOT.parent / "shared" / "reference" / "spec-2026" / "llm-gateway.yml"


@pytest.mark.skipif(not PUBLISHED_GATEWAY.is_file(), reason="../shared/reference is not there")
def test_the_published_llm_gateway_document_generates_beside_ours(tmp_path: Path) -> None:
    # The file the issue names: it used to stop the generator with a duplicate model name.
    spec_dir = tmp_path / "spec"
    shutil.copytree(REPO_ROOT / "spec", spec_dir)
    shutil.copy(PUBLISHED_GATEWAY, spec_dir / "llm-gateway.yml")
    build(spec_dir, tmp_path / "out")
    models = tmp_path / "out" / "rest" / "models"
    assert (models / "error.py").is_file() and (models / "llm_gateway_error_response.py").is_file()
    assert (models / "llm_gateway_tool_choice_type_1.py").is_file()
    # A name already in the namespace is not prefixed twice.
    assert (models / "llm_gateway_request.py").is_file()
    assert not list(models.glob("llm_gateway_llm_gateway_*"))
    assert list((tmp_path / "out" / "rest" / "api").glob("*/create_chat_completion*.py"))
