"""Speech-understanding results of a transcript response, under their 0.45.4 names.

They are the generated models of the schemas ``spec/openapi.yml`` describes
(``SpeechUnderstandingResponse`` and its parts); ``Transcript.speech_understanding`` holds one.
"""

from __future__ import annotations

from assemblyai._generated.rest.models.custom_formatting_response import CustomFormattingResponse
from assemblyai._generated.rest.models.speaker_identification_response import (
    SpeakerIdentificationResponse,
)
from assemblyai._generated.rest.models.speech_understanding_feature_responses import (
    SpeechUnderstandingFeatureResponses,
)
from assemblyai._generated.rest.models.speech_understanding_response import (
    SpeechUnderstandingResponse,
)
from assemblyai._generated.rest.models.translation_response import TranslationResponse

__all__ = [
    "CustomFormattingResponse",
    "SpeakerIdentificationResponse",
    "SpeechUnderstandingFeatureResponses",
    "SpeechUnderstandingResponse",
    "TranslationResponse",
]
