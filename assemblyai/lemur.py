"""``assemblyai.lemur``, kept as an import path: the code lives in ``assemblyai._lemur.lemur``.

Written by the re-layout script; it only re-exports, so the old import path keeps working.
"""

from assemblyai._lemur.gateway import (
    LemurGatewayUnsupportedError as LemurGatewayUnsupportedError,
)
from assemblyai._lemur.lemur import LEMUR_TIMEOUT as LEMUR_TIMEOUT
from assemblyai._lemur.lemur import Lemur as Lemur
from assemblyai._lemur.lemur import LemurActionItemsResponse as LemurActionItemsResponse
from assemblyai._lemur.lemur import LemurPurgeResponse as LemurPurgeResponse
from assemblyai._lemur.lemur import LemurQuestionResponse as LemurQuestionResponse
from assemblyai._lemur.lemur import LemurSource as LemurSource
from assemblyai._lemur.lemur import LemurStringResponse as LemurStringResponse
from assemblyai._lemur.lemur import LemurSummaryResponse as LemurSummaryResponse
from assemblyai._lemur.lemur import LemurTaskResponse as LemurTaskResponse
from assemblyai._lemur.lemur import LemurTranscriptSource as LemurTranscriptSource

__all__ = [
    "LEMUR_TIMEOUT",
    "Lemur",
    "LemurActionItemsResponse",
    "LemurGatewayUnsupportedError",
    "LemurPurgeResponse",
    "LemurQuestionResponse",
    "LemurSource",
    "LemurStringResponse",
    "LemurSummaryResponse",
    "LemurTaskResponse",
    "LemurTranscriptSource",
]
