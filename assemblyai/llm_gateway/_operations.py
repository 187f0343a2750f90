"""LLM Gateway's calls as :class:`~assemblyai._http.operations.Operation` descriptions, and the
HTTP client that sends them.

LLM Gateway has a host of its own (``settings.llm_gateway_base_url``). Its calls go through a
:class:`~assemblyai._http.client.Client` made from the caller's client with that host as its
base URL, so they get the same retries, timeouts, body limits, TLS settings and transports, and
the key is sent to the gateway's host only (the retry layer strips it from any other origin).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import httpx

from assemblyai._core.exceptions import AssemblyAIError, ConfigurationError, LLMGatewayError
from assemblyai._core.settings import check_api_key, http_timeout_is_default
from assemblyai._http.client import Client
from assemblyai._http.operations import Operation, parse_json_object
from assemblyai.llm_gateway._result import ChatCompletion, parse_structured

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )

__all__ = [
    "GATEWAY_TIMEOUT",
    "chat_completion",
    "gateway_client",
    "gateway_timeout",
    "understanding",
]

# A model can take minutes to write a long answer; the SDK's 30 s default would cut it off.
GATEWAY_TIMEOUT = httpx.Timeout(30.0, read=300.0)

_derived: weakref.WeakKeyDictionary[Client, dict[str | None, Client]] = weakref.WeakKeyDictionary()
_derived_lock = threading.Lock()


def gateway_client(source: Client | None, api_key: str | None = None) -> Client:
    """The client for LLM Gateway calls made with SOURCE (default: ``aai.settings``'s).

    ``api_key`` replaces the source's key (1.0's ``api_key=`` precedence over ``client=``).
    Made once per source and key, and remade when the source's gateway host changed.
    """
    if api_key is not None:
        check_api_key(api_key, "api_key")
        if not api_key:
            raise ConfigurationError("api_key must not be empty: pass your AssemblyAI API key.")
    if source is None:
        source = Client.get_default(api_key_required=api_key is None)
    # A plain str: a host still marked as the region's default would be moved back to the
    # REST host when the settings copy places its defaults in the region.
    wanted = str(source.settings.llm_gateway_base_url)
    with _derived_lock:
        per_key = _derived.setdefault(source, {})
        client = per_key.get(api_key)
        if client is None or client.settings.base_url != wanted or client.http_client.is_closed:
            settings = attrs.evolve(
                source.settings,
                base_url=wanted,
                api_key=api_key if api_key is not None else source.settings.api_key,
            )
            client = per_key[api_key] = Client(
                settings=settings,
                transport=source._transport,
                async_transport=source._async_transport,
            )
    return client


def forget_client(source: Client | None, api_key: str | None) -> Client | None:
    """Take the derived client out of the cache (a closing shell closes it); None if none."""
    with _derived_lock:
        if source is None:
            source = Client._default
        per_key = _derived.get(source) if source is not None else None
        return per_key.pop(api_key, None) if per_key is not None else None


def gateway_timeout(client: Client, timeout: float | httpx.Timeout | None) -> Any:
    """The timeout given, else the gateway's longer default while ``http_timeout`` is the
    SDK's own (a timeout the user set wins)."""
    if timeout is not None:
        return timeout
    return GATEWAY_TIMEOUT if http_timeout_is_default(client.settings.http_timeout) else None


def chat_completion(
    body: Mapping[str, Any],
    *,
    family: type[AssemblyAIError] = LLMGatewayError,
    context: str = "failed to get a chat completion from LLM Gateway",
) -> Operation[ChatCompletion]:
    """``POST /v1/chat/completions`` with BODY (from :func:`._request.chat_body`).

    With a ``response_format`` in BODY, the answer's text is parsed as JSON, and an answer
    that is not JSON raises ``APIResponseValidationError`` (also of FAMILY).
    """
    from assemblyai._generated.rest.api.llm_gateway import create_chat_completion as endpoint
    from assemblyai._generated.rest.models.llm_gateway_request import LLMGatewayRequest
    from assemblyai._generated.rest.models.llm_gateway_response import LlmGatewayResponse

    structured = "response_format" in body

    def parse(response: httpx.Response) -> ChatCompletion:
        completion = ChatCompletion(LlmGatewayResponse.from_dict(parse_json_object(response)))
        if not structured:
            return completion
        return attrs.evolve(
            completion, parsed=parse_structured(completion.text, completion.finish_reason)
        )

    return Operation(
        request=endpoint.build_request(body=LLMGatewayRequest.from_dict(dict(body))),
        context=context,
        family=family,
        parse=parse,
    )


def understanding(
    body: Mapping[str, Any], *, family: type[AssemblyAIError] = LLMGatewayError
) -> Operation[LlmGatewayUnderstandingResponse]:
    """``POST /v1/understanding`` with BODY (from :func:`._request.understanding_body`)."""
    from assemblyai._generated.rest.api.llm_gateway import create_speech_understanding as endpoint
    from assemblyai._generated.rest.models.llm_gateway_understanding_request import (
        LlmGatewayUnderstandingRequest,
    )
    from assemblyai._generated.rest.models.llm_gateway_understanding_response import (
        LlmGatewayUnderstandingResponse,
    )

    features = ", ".join(body["speech_understanding"]["request"])
    return Operation(
        request=endpoint.build_request(body=LlmGatewayUnderstandingRequest.from_dict(dict(body))),
        context=f"failed to run {features} on transcript {body['transcript_id']}",
        family=family,
        parse=lambda response: LlmGatewayUnderstandingResponse.from_dict(
            parse_json_object(response)
        ),
    )
