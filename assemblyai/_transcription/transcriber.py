"""``aai.Transcriber``: submit audio (a URL, a file, bytes or a stream) and get transcripts."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, overload
from urllib.parse import urlparse

from assemblyai._core import settings as _settings
from assemblyai._core.exceptions import AssemblyAIError, ConfigurationError, TranscriptError
from assemblyai._core.polling import choose_wait_timeout
from assemblyai._http import operations as ops
from assemblyai._http.client import Client
from assemblyai._http.client_source import ClientSource
from assemblyai._http.executor import fanout_executor
from assemblyai._http.send import check_max_retries, send
from assemblyai._http.upload import check_upload_source, upload_body
from assemblyai._transcription.config import TranscriptionConfig
from assemblyai._transcription.group import TranscriptGroup, describe_input, log_dropped
from assemblyai._transcription.models import ListTranscriptResponse
from assemblyai._transcription.transcript import Transcript

if TYPE_CHECKING:
    from assemblyai._generated.rest.models.list_transcript_params import ListTranscriptParams
    from assemblyai._generated.rest.models.transcript_list_item import TranscriptListItem

__all__ = ["AudioSource", "Transcriber", "check_source", "classify_source", "config_json"]

AudioSource = str | os.PathLike[str] | bytes | bytearray | BinaryIO


def classify_source(data: object) -> Literal["url", "upload"]:
    """Whether ``data`` is sent as an ``audio_url`` or uploaded first (raises on other types)."""
    if isinstance(data, str):
        return "url" if urlparse(data).scheme in {"http", "https"} else "upload"
    if isinstance(data, (os.PathLike, bytes, bytearray, memoryview)) or hasattr(data, "read"):
        return "upload"
    raise TypeError(
        "audio must be a URL, a file path, bytes or a binary file object, "
        f"not {type(data).__name__}."
    )


def check_source(data: object) -> Literal["url", "upload"]:
    """:func:`classify_source`, and for local audio the checks an upload would make.

    A missing, empty or unreadable file is reported here, before any request is sent.
    """
    kind = classify_source(data)
    if kind == "upload":
        check_upload_source(data)  # type: ignore[arg-type]
    return kind


def config_json(config: TranscriptionConfig | None, default: TranscriptionConfig) -> dict[str, Any]:
    """The JSON a call sends for its config: the one given, else the transcriber's default."""
    chosen = config if config is not None else default
    if not isinstance(chosen, TranscriptionConfig):
        raise ConfigurationError(
            f"config must be an aai.TranscriptionConfig, not {type(chosen).__name__}."
        )
    return chosen.raw.to_request_json()


def prepare_for_requests(client: Client | None, *, uses_default: bool = True) -> None:
    """The one-time setup of a transcriber's first call, done when the transcriber is made.

    Building the default HTTP client (httpx's transport stack, TLS context) and importing
    the transcript endpoints and models take tens of milliseconds once per process. 0.45.4
    spent that time at import and in ``Transcriber()``; we keep ``import assemblyai`` light
    and spend it here, so the first call is as quick as the later ones. Without an API key
    (or with invalid settings) nothing is built: the call then reports the problem.
    """
    ops.preload_transcription()
    if client is None and uses_default and _settings.settings.api_key:
        # Invalid settings: the first call reports them, as it would have without this.
        with contextlib.suppress(ConfigurationError):
            Client.get_default()


class Transcriber:
    """Transcribes audio with a default configuration.

    Args:
        client: the client to use; by default the one for ``aai.settings`` at call time (so
            changing ``aai.settings`` later applies, unlike 0.45.4).
        config: the default ``TranscriptionConfig`` (a config passed to a call replaces it).
        max_workers: threads for the ``*_async`` methods; by default one fewer than the CPUs.
        api_key: the API key for this transcriber's calls (the official 1.0's keyword). It
            takes precedence over ``client``: calls then go through a client made from a copy
            of ``client``'s settings (or of ``aai.settings``) with the key replaced.

    Making one also does the setup its first call would do (the default HTTP client, the
    transcript models: tens of milliseconds, once per process).

    Example::

        transcriber = aai.Transcriber(config=aai.TranscriptionConfig(speaker_labels=True))
        transcript = transcriber.transcribe("https://example.org/call.mp3")
        for utterance in transcript.utterances:
            print(utterance.speaker, utterance.text)
    """

    def __init__(
        self,
        *,
        client: Client | None = None,
        config: TranscriptionConfig | None = None,
        max_workers: int | None = None,
        api_key: str | None = None,
    ) -> None:
        from assemblyai._http.executor import default_worker_count

        self._source = ClientSource(client, api_key)
        self._config = config if config is not None else TranscriptionConfig()
        self._max_workers = max_workers or default_worker_count()
        self._executor: ThreadPoolExecutor | None = None
        self._executor_pid = 0  # the process that made it: a forked child needs its own
        prepare_for_requests(self._source.given, uses_default=not self._source.owns_client)

    @property
    def _client(self) -> Client:
        return self._source.current()

    @property
    def config(self) -> TranscriptionConfig:
        return self._config

    @config.setter
    def config(self, config: TranscriptionConfig) -> None:
        self._config = config

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None or self._executor_pid != os.getpid():
            self._executor_pid = os.getpid()
            self._executor = ThreadPoolExecutor(
                max_workers=self._max_workers, thread_name_prefix="assemblyai-transcriber"
            )
        return self._executor

    # --- single files ------------------------------------------------------------------------

    def upload_file(
        self,
        data: str | os.PathLike[str] | bytes | BinaryIO,
        *,
        max_retries: int | None = None,
    ) -> str:
        """Upload audio from a path, bytes or a binary file object; returns its URL.

        Args:
            max_retries: retries for this call instead of ``settings.max_retries``. A retried
                upload is sent again from its first byte; a stream that cannot seek is not
                retried once its first byte has left.
        """
        check_max_retries(max_retries)
        return self._upload(self._client, data, max_retries)

    def _upload(
        self,
        client: Client,
        data: str | os.PathLike[str] | bytes | BinaryIO,
        max_retries: int | None,
    ) -> str:
        content, headers = upload_body(data)
        return send(
            client.http_client,
            ops.upload(
                content,
                headers,
                write_timeout=client.settings.upload_timeout,
                answer_timeout=client.settings.http_timeout,
            ),
            max_retries=max_retries,
        )

    def _audio_url(self, client: Client, data: AudioSource, max_retries: int | None) -> str:
        if classify_source(data) == "url":
            assert isinstance(data, str)
            return data
        check_max_retries(max_retries)
        return self._upload(client, data, max_retries)  # type: ignore[arg-type]

    def _config_json(self, config: TranscriptionConfig | None) -> dict[str, Any]:
        return config_json(config, self._config)

    def submit(
        self,
        data: AudioSource,
        config: TranscriptionConfig | None = None,
        *,
        max_retries: int | None = None,
    ) -> Transcript:
        """Queue audio for transcription and return at once (status ``queued``).

        Args:
            max_retries: retries for this call instead of ``settings.max_retries``. Creating
                the transcript is retried only when the API certainly did not start it.
        """
        return self._submit_with(self._client, data, config, max_retries)

    def _submit_with(
        self,
        client: Client,
        data: AudioSource,
        config: TranscriptionConfig | None,
        max_retries: int | None = None,
    ) -> Transcript:
        audio_url, config_json = self._prepare(client, data, config, max_retries)
        response = send(
            client.http_client,
            ops.create_transcript(audio_url, config_json, client.settings),
            max_retries=max_retries,
        )
        return Transcript.from_response(client=client, response=response)

    def _prepare(
        self,
        client: Client,
        data: AudioSource,
        config: TranscriptionConfig | None,
        max_retries: int | None,
    ) -> tuple[str, dict[str, Any]]:
        """Check the inputs, upload local audio: the audio URL and config to send."""
        config_json = self._config_json(config)
        check_source(data)
        check_max_retries(max_retries)
        return self._audio_url(client, data, max_retries), config_json

    def _submit_for_id(
        self,
        client: Client,
        data: AudioSource,
        config: TranscriptionConfig | None,
        max_retries: int | None,
    ) -> str:
        """``submit`` without reading the answer beyond the new id (the caller polls next)."""
        audio_url, config_json = self._prepare(client, data, config, max_retries)
        return send(
            client.http_client,
            ops.create_transcript_id(audio_url, config_json, client.settings),
            max_retries=max_retries,
        )

    def transcribe(
        self,
        data: AudioSource,
        config: TranscriptionConfig | None = None,
        *,
        polling_timeout: float | None = None,
        max_retries: int | None = None,
        poll_timeout: float | None = None,
    ) -> Transcript:
        """Transcribe audio and wait for the result.

        A transcript that failed comes back with ``status == "error"`` and ``.error`` set; it is
        not raised.

        Args:
            data: an http(s) URL, a local path, bytes, or a binary file object.
            config: replaces the transcriber's default config for this call.
            polling_timeout: seconds to wait at most (``APITimeoutError``, also a
                ``TranscriptError``, after that); by default ``settings.polling_timeout``.
            max_retries: retries for the upload and the submission instead of
                ``settings.max_retries``.
            poll_timeout: the official 1.0's name for ``polling_timeout``.
        """
        timeout = choose_wait_timeout("polling_timeout", polling_timeout, poll_timeout)
        # One client from the upload to the last poll, even if aai.settings changes meanwhile.
        client = self._client
        transcript_id = self._submit_for_id(client, data, config, max_retries)
        return Transcript(transcript_id, client).wait_for_completion(timeout=timeout)

    def upload_file_async(self, data: str | os.PathLike[str] | bytes | BinaryIO) -> Future[str]:
        return self._pool().submit(self.upload_file, data)

    def submit_async(
        self, data: AudioSource, config: TranscriptionConfig | None = None
    ) -> Future[Transcript]:
        return self._pool().submit(self.submit, data, config)

    def transcribe_async(
        self,
        data: AudioSource,
        config: TranscriptionConfig | None = None,
        *,
        poll_timeout: float | None = None,
    ) -> Future[Transcript]:
        choose_wait_timeout("poll_timeout", None, poll_timeout)
        return self._pool().submit(self.transcribe, data, config, poll_timeout=poll_timeout)

    # --- groups ------------------------------------------------------------------------------

    @overload
    def submit_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        *,
        return_failures: Literal[True],
    ) -> tuple[TranscriptGroup, list[AssemblyAIError]]: ...

    @overload
    def submit_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: Literal[False] | None = False,
    ) -> TranscriptGroup: ...

    def submit_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: bool | None = False,
    ) -> TranscriptGroup | tuple[TranscriptGroup, list[AssemblyAIError]]:
        """Submit several files at once; the group keeps the input order."""
        group, failures = self._submit_all(data, config)
        return (group, failures) if return_failures is True else group

    def _check_group(self, data: Sequence[AudioSource], config: TranscriptionConfig | None) -> None:
        """Refuse a bad group before any request: not a list, a bad item or a bad config."""
        if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
            raise TypeError("transcribe_group/submit_group take a list of audio sources.")
        for item in data:
            check_source(item)
        self._config_json(config)

    def _submit_all(
        self, data: Sequence[AudioSource], config: TranscriptionConfig | None
    ) -> tuple[TranscriptGroup, list[AssemblyAIError]]:
        """Submit every item on the pool, keeping input order."""
        self._check_group(data, config)
        client = self._client
        pool = fanout_executor()
        futures = [pool.submit(self._submit_with, client, item, config) for item in data]
        group = TranscriptGroup(client=client)
        failures: list[AssemblyAIError] = []
        for index, (item, future) in enumerate(zip(data, futures, strict=True)):
            try:
                group.add_transcript(future.result())
            except TranscriptError as exc:
                log_dropped(index, f"audio {describe_input(item)}", "its submission", exc)
                failures.append(exc)
        return group, failures

    @overload
    def transcribe_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        *,
        return_failures: Literal[True],
    ) -> tuple[TranscriptGroup, list[AssemblyAIError]]: ...

    @overload
    def transcribe_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: Literal[False] | None = False,
    ) -> TranscriptGroup: ...

    def transcribe_group(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: bool | None = False,
    ) -> TranscriptGroup | tuple[TranscriptGroup, list[AssemblyAIError]]:
        """Transcribe several files in parallel and wait for all; results keep the input order.

        Each file is polled as soon as it is submitted, while the others are still being
        submitted: submissions and polls share one bounded pool (see
        ``TranscriptGroup.wait_for_completion``). Only each new id is read from a submission,
        since polling loads every transcript anyway.
        """
        self._check_group(data, config)
        client = self._client
        group = TranscriptGroup(client=client)
        failures = group._complete(
            [functools.partial(self._submit_for_id, client, item, config, None) for item in data],
            data,
        )
        return (group, failures) if return_failures is True else group

    @overload
    def transcribe_group_async(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        *,
        return_failures: Literal[True],
    ) -> Future[tuple[TranscriptGroup, list[AssemblyAIError]]]: ...

    @overload
    def transcribe_group_async(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: Literal[False] | None = False,
    ) -> Future[TranscriptGroup]: ...

    def transcribe_group_async(
        self,
        data: Sequence[AudioSource],
        config: TranscriptionConfig | None = None,
        return_failures: bool | None = False,
    ) -> Future[TranscriptGroup] | Future[tuple[TranscriptGroup, list[AssemblyAIError]]]:
        return self._pool().submit(
            lambda: self.transcribe_group(data, config, return_failures=bool(return_failures))  # type: ignore[call-overload]
        )

    # --- listing -----------------------------------------------------------------------------

    def list_transcripts(
        self, params: ListTranscriptParams | Mapping[str, Any] | None = None
    ) -> ListTranscriptResponse:
        """One page of your transcripts, newest first (see ``iter_transcripts`` for all)."""
        return send(self._client.http_client, ops.list_transcripts(params))

    def list_transcripts_async(
        self, params: ListTranscriptParams | Mapping[str, Any] | None = None
    ) -> Future[ListTranscriptResponse]:
        return self._pool().submit(self.list_transcripts, params)

    def iter_transcripts(
        self, params: ListTranscriptParams | Mapping[str, Any] | None = None
    ) -> Iterator[TranscriptListItem]:
        """Every transcript matching ``params``, page after page, fetched lazily."""
        from assemblyai._core.pagination import next_page_params

        current = params
        while True:
            page = self.list_transcripts(current)
            yield from page.transcripts or ()
            current = next_page_params(current, page)
            if current is None:
                return
