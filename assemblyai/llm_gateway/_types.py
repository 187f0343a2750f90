"""What LLM Gateway's calls accept, named once for both shells.

Each request part may be a plain dict (sent as given, once checked), the generated model of
``spec/llm-gateway.yml`` or, for speech understanding, the SDK's public request types
(``aai.TranslationRequest`` ...), which transcription configs use too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import httpx

    from assemblyai._generated.rest.models.llm_gateway_custom_formatting_request import (
        LlmGatewayCustomFormattingRequest,
    )
    from assemblyai._generated.rest.models.llm_gateway_response_format import (
        LlmGatewayResponseFormat,
    )
    from assemblyai._generated.rest.models.llm_gateway_speaker_identification_request import (
        LlmGatewaySpeakerIdentificationRequest,
    )
    from assemblyai._generated.rest.models.llm_gateway_tool import LlmGatewayTool
    from assemblyai._generated.rest.models.llm_gateway_tool_message import LlmGatewayToolMessage
    from assemblyai._generated.rest.models.llm_gateway_translation_request import (
        LlmGatewayTranslationRequest,
    )
    from assemblyai._generated.rest.models.llm_gateway_user_assistant_system_message import (
        LlmGatewayUserAssistantSystemMessage,
    )
    from assemblyai._transcription.config_speech_understanding import (
        CustomFormattingRequest,
        SpeakerIdentificationRequest,
        SpeechUnderstandingRequest,
        TranslationRequest,
    )

__all__ = [
    "CustomFormattingInput",
    "MessageInput",
    "ResponseFormatInput",
    "SpeakerIdentificationInput",
    "SpeechUnderstandingInput",
    "Timeout",
    "ToolInput",
    "TranslationInput",
]

Timeout: TypeAlias = "float | httpx.Timeout | None"
MessageInput: TypeAlias = (
    "Mapping[str, Any] | LlmGatewayUserAssistantSystemMessage | LlmGatewayToolMessage"
)
ToolInput: TypeAlias = "Mapping[str, Any] | LlmGatewayTool"
ResponseFormatInput: TypeAlias = "Mapping[str, Any] | LlmGatewayResponseFormat"
TranslationInput: TypeAlias = (
    "Mapping[str, Any] | TranslationRequest | LlmGatewayTranslationRequest"
)
SpeakerIdentificationInput: TypeAlias = (
    "Mapping[str, Any] | SpeakerIdentificationRequest | LlmGatewaySpeakerIdentificationRequest"
)
CustomFormattingInput: TypeAlias = (
    "Mapping[str, Any] | CustomFormattingRequest | LlmGatewayCustomFormattingRequest"
)
SpeechUnderstandingInput: TypeAlias = "Mapping[str, Any] | SpeechUnderstandingRequest"
