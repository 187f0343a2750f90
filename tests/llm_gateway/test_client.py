"""Where LLM Gateway's requests go (regions, explicit hosts), with which key and timeout, and
that the key never shows; both shells, through a transport that records each request."""

from __future__ import annotations

import asyncio
import inspect
import json

import httpx
import pytest

import assemblyai as aai
from assemblyai.llm_gateway import _operations

ANSWER = {
    "request_id": "r1",
    "choices": [{"message": {"role": "assistant", "content": "Hi."}, "finish_reason": "stop"}],
    "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2},
}
SECRET = "secret-key-0123456789"


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=ANSWER)

    def client(self, **settings: object) -> aai.Client:
        transport = httpx.MockTransport(self)
        return aai.Client(
            settings=aai.Settings(**{"api_key": SECRET, **settings}),
            transport=transport,
            async_transport=transport,
        )


def _chat_both_ways(gateway: aai.LLMGateway, async_gateway: aai.AsyncLLMGateway) -> None:
    assert gateway.chat("Hello").text == "Hi."

    async def run() -> None:
        async with async_gateway:
            assert (await async_gateway.chat("Hello")).text == "Hi."

    asyncio.run(run())
    gateway.close()


@pytest.mark.parametrize(
    ("settings", "url"),
    [
        ({}, "https://llm-gateway.assemblyai.com/v1/chat/completions"),
        ({"region": "eu"}, "https://llm-gateway.eu.assemblyai.com/v1/chat/completions"),
        (
            {"region": "eu", "llm_gateway_base_url": "https://proxy.example/gw"},
            "https://proxy.example/gw/v1/chat/completions",
        ),
    ],
    ids=["us", "eu", "explicit-host-wins"],
)
def test_the_region_moves_the_gateway_host(settings: dict[str, str], url: str) -> None:
    recorder = Recorder()
    client = recorder.client(**settings)
    _chat_both_ways(
        aai.LLMGateway(model="m", client=client), aai.AsyncLLMGateway(model="m", client=client)
    )
    assert [str(r.url) for r in recorder.requests] == [url, url]
    assert all(r.headers["authorization"] == SECRET for r in recorder.requests)
    assert [json.loads(r.content) for r in recorder.requests] == [
        {"model": "m", "messages": [{"role": "user", "content": "Hello"}]}
    ] * 2


def test_the_global_region_moves_the_default_gateway(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aai.settings, "api_key", SECRET)
    monkeypatch.setattr(aai.settings, "region", "eu")
    client = _operations.gateway_client(None)
    assert str(client.http_client.base_url) == "https://llm-gateway.eu.assemblyai.com"
    monkeypatch.setattr(aai.settings, "region", "us")
    client = _operations.gateway_client(None)
    assert str(client.http_client.base_url) == "https://llm-gateway.assemblyai.com"


def test_api_key_wins_over_the_client_s() -> None:
    recorder = Recorder()
    client = recorder.client()
    _chat_both_ways(
        aai.LLMGateway(model="m", client=client, api_key="other-key-99"),
        aai.AsyncLLMGateway(model="m", client=client, api_key="other-key-99"),
    )
    assert [r.headers["authorization"] for r in recorder.requests] == ["other-key-99"] * 2


def test_a_bad_api_key_fails_before_sending() -> None:
    recorder = Recorder()
    with pytest.raises(aai.ConfigurationError, match="line break"):
        aai.LLMGateway(model="m", api_key="key\n", client=recorder.client()).chat("Hi")
    assert recorder.requests == []


def test_the_timeout_is_longer_for_models_unless_the_user_chose_one() -> None:
    recorder = Recorder()
    aai.LLMGateway(model="m", client=recorder.client()).chat("Hello")
    aai.LLMGateway(model="m", client=recorder.client(http_timeout=7.0)).chat("Hello")
    aai.LLMGateway(model="m", client=recorder.client()).chat("Hello", timeout=3.0)
    reads = [r.extensions["timeout"]["read"] for r in recorder.requests]
    assert reads == [300.0, 7.0, 3.0]


def test_the_key_never_shows() -> None:
    recorder = Recorder()
    client = recorder.client()
    gateway = aai.LLMGateway(model="m", client=client, api_key=SECRET)
    async_gateway = aai.AsyncLLMGateway(model="m", api_key=SECRET)
    derived = _operations.gateway_client(client, SECRET)
    for text in (repr(gateway), repr(async_gateway), repr(derived), str(derived.settings)):
        assert SECRET not in text
    answer = gateway.chat("Hello")
    assert SECRET not in repr(answer) and SECRET not in repr(answer.response)


def test_the_shells_take_the_same_parameters_and_neither_inherits() -> None:
    assert not issubclass(aai.AsyncLLMGateway, aai.LLMGateway)
    assert not issubclass(aai.LLMGateway, aai.AsyncLLMGateway)
    for name in ("__init__", "chat", "understand"):
        sync = inspect.signature(getattr(aai.LLMGateway, name))
        asyncio_ = inspect.signature(getattr(aai.AsyncLLMGateway, name))
        assert sync.parameters == asyncio_.parameters, name
        assert sync.return_annotation == asyncio_.return_annotation, name
    for name in ("chat", "understand", "aclose"):
        assert inspect.iscoroutinefunction(getattr(aai.AsyncLLMGateway, name)), name


def test_the_names_are_public() -> None:
    assert aai.llm_gateway.LLMGateway is aai.LLMGateway
    assert aai.ChatCompletion is aai.llm_gateway.ChatCompletion
    assert issubclass(aai.LLMGatewayError, aai.AssemblyAIError)
    assert {"LLMGateway", "AsyncLLMGateway", "LLMGatewayError"} <= set(aai.__all__)
