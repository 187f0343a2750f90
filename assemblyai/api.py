"""``assemblyai.api``, kept as an import path: the code lives in ``assemblyai._http.legacy_api``.

Written by the re-layout script; it only re-exports, so the old import path keeps working.
"""

from assemblyai._http.legacy_api import ENDPOINT_LEMUR as ENDPOINT_LEMUR
from assemblyai._http.legacy_api import ENDPOINT_LEMUR_BASE as ENDPOINT_LEMUR_BASE
from assemblyai._http.legacy_api import ENDPOINT_REALTIME_TOKEN as ENDPOINT_REALTIME_TOKEN
from assemblyai._http.legacy_api import ENDPOINT_REALTIME_WEBSOCKET as ENDPOINT_REALTIME_WEBSOCKET
from assemblyai._http.legacy_api import ENDPOINT_TRANSCRIPT as ENDPOINT_TRANSCRIPT
from assemblyai._http.legacy_api import ENDPOINT_UPLOAD as ENDPOINT_UPLOAD
from assemblyai._http.legacy_api import create_temporary_token as create_temporary_token
from assemblyai._http.legacy_api import create_transcript as create_transcript
from assemblyai._http.legacy_api import delete_transcript as delete_transcript
from assemblyai._http.legacy_api import export_subtitles_srt as export_subtitles_srt
from assemblyai._http.legacy_api import export_subtitles_vtt as export_subtitles_vtt
from assemblyai._http.legacy_api import get_paragraphs as get_paragraphs
from assemblyai._http.legacy_api import get_redacted_audio as get_redacted_audio
from assemblyai._http.legacy_api import get_sentences as get_sentences
from assemblyai._http.legacy_api import get_transcript as get_transcript
from assemblyai._http.legacy_api import lemur_action_items as lemur_action_items
from assemblyai._http.legacy_api import lemur_get_response_data as lemur_get_response_data
from assemblyai._http.legacy_api import lemur_purge_request_data as lemur_purge_request_data
from assemblyai._http.legacy_api import lemur_question as lemur_question
from assemblyai._http.legacy_api import lemur_summarize as lemur_summarize
from assemblyai._http.legacy_api import lemur_task as lemur_task
from assemblyai._http.legacy_api import list_transcripts as list_transcripts
from assemblyai._http.legacy_api import upload_file as upload_file
from assemblyai._http.legacy_api import word_search as word_search

__all__ = [
    "ENDPOINT_LEMUR",
    "ENDPOINT_LEMUR_BASE",
    "ENDPOINT_REALTIME_TOKEN",
    "ENDPOINT_REALTIME_WEBSOCKET",
    "ENDPOINT_TRANSCRIPT",
    "ENDPOINT_UPLOAD",
    "create_temporary_token",
    "create_transcript",
    "delete_transcript",
    "export_subtitles_srt",
    "export_subtitles_vtt",
    "get_paragraphs",
    "get_redacted_audio",
    "get_sentences",
    "get_transcript",
    "lemur_action_items",
    "lemur_get_response_data",
    "lemur_purge_request_data",
    "lemur_question",
    "lemur_summarize",
    "lemur_task",
    "list_transcripts",
    "upload_file",
    "word_search",
]
