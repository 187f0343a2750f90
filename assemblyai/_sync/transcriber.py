"""``SyncTranscriber``: the threaded shell of the synchronous API (see ``assemblyai._sync``)."""

from __future__ import annotations

import concurrent.futures
import os
import threading
from typing import Any

from assemblyai._core.exceptions import APIConnectionError
from assemblyai._generated.rest.models.sync_transcript_response import SyncTranscriptResponse
from assemblyai._http.client import Client
from assemblyai._http.executor import default_worker_count
from assemblyai._http.send import send
from assemblyai._sync import requests as _requests
from assemblyai._sync.audio import AudioInput, prepare_audio, read_audio
from assemblyai._sync.clients import check_config, client_with_key
from assemblyai._sync.config import SyncTranscriptionConfig

__all__ = ["SyncTranscriber"]


class SyncTranscriber:
    """Audio in, transcript out, in one request (clips of at most 120 s and 40 MB).

    Unlike ``aai.Transcriber``, there is no job to poll: ``transcribe`` returns the finished
    :class:`SyncTranscriptResponse`. The audio is a WAV file or raw 16-bit PCM, given as a
    local path, bytes or a binary file object; URLs are refused. Everything the API would
    refuse (options over their limits, a clip too long or too large, a file that is not WAV)
    raises ``ConfigurationError`` before anything is sent; an error answer raises
    ``SyncTranscriptError``.

    Args:
        client: the client to send with; default: the shared client of ``aai.settings`` at
            the time of each call.
        config: the default options; a ``config`` given to a call replaces them.
        max_workers: threads for :meth:`transcribe_async` (default: CPUs - 1).
        api_key: the key to send; wins over ``client``'s (a client is made from a copy of its
            settings, and closed by :meth:`close`).

    Example::

        result = aai.SyncTranscriber().transcribe("./call.wav")
        print(result.text)
    """

    def __init__(
        self,
        *,
        client: Client | None = None,
        config: SyncTranscriptionConfig | None = None,
        max_workers: int | None = None,
        api_key: str | None = None,
    ) -> None:
        check_config(type(self).__name__, config)
        self._owns_client = api_key is not None
        self._client_arg = client_with_key(client, api_key) if api_key is not None else client
        self._config = config or SyncTranscriptionConfig()
        self._max_workers = max_workers or default_worker_count()
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._executor_pid = 0  # the process that made it: a forked child needs its own
        self._lock = threading.Lock()

    @property
    def client(self) -> Client:
        """The client this transcriber sends with: the one it was given (or made for its
        ``api_key``), else the one for ``aai.settings`` at call time, like ``aai.Transcriber``."""
        return self._client_arg if self._client_arg is not None else Client.get_default()

    @property
    def config(self) -> SyncTranscriptionConfig:
        """The default options."""
        return self._config

    @config.setter
    def config(self, config: SyncTranscriptionConfig) -> None:
        check_config(type(self).__name__, config)
        self._config = config

    def transcribe(
        self, data: AudioInput, config: SyncTranscriptionConfig | None = None
    ) -> SyncTranscriptResponse:
        """Transcribe ``data`` and return the finished transcript.

        Args:
            data: a local file path, the audio's bytes, or a binary file object. Raw PCM also
                needs ``sample_rate`` and ``channels`` in the config.
            config: options for this call instead of the transcriber's.

        Raises:
            ConfigurationError: the audio or the options cannot be sent (nothing was sent).
            SyncTranscriptError: the API answered with an error, or did not answer.
        """
        check_config(type(self).__name__, config)
        chosen = config or self._config
        audio = prepare_audio(read_audio(data), chosen)
        client = self.client
        answer = send(
            client.http_client, _requests.transcribe_operation(audio, chosen, client.settings)
        )
        return _requests.finish_transcription(answer)

    def transcribe_async(
        self, data: AudioInput, config: SyncTranscriptionConfig | None = None
    ) -> concurrent.futures.Future[SyncTranscriptResponse]:
        """:meth:`transcribe` on a worker thread; a ``concurrent.futures.Future``, not a
        coroutine (use ``AsyncSyncTranscriber`` in asyncio code)."""
        check_config(type(self).__name__, config)
        with self._lock:
            if self._executor is None or self._executor_pid != os.getpid():
                self._executor_pid = os.getpid()
                self._executor = concurrent.futures.ThreadPoolExecutor(
                    max_workers=self._max_workers, thread_name_prefix="assemblyai-sync"
                )
            return self._executor.submit(self.transcribe, data, config)

    def warm(self) -> bool:
        """Open the connection now, so that the next :meth:`transcribe` reuses it.

        Call it as soon as audio is coming (while it is recorded, say): the DNS, TCP and TLS
        set-up then happens off the critical path. The connection stays reusable for
        ``settings.keepalive_expiry`` seconds (httpx's 5 s unless raised; 120 covers a whole
        clip being recorded). It goes to the same model as ``config.model``.

        Returns:
            True once the connection is open (any answer counts), False if it could not be.
        """
        client = self.client
        operation = _requests.warm_operation(self._config.model, client.settings)
        try:
            send(client.http_client, operation, max_retries=0)
        except APIConnectionError:
            return False
        return True

    def close(self) -> None:
        """Stop the worker threads of :meth:`transcribe_async`, and close the client this
        transcriber made for its ``api_key`` (a client you passed stays yours)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)
        if self._owns_client and self._client_arg is not None:
            self._client_arg.close()

    def __enter__(self) -> SyncTranscriber:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()
