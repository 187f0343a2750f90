"""``assemblyai stream FILE|--mic``: live transcription through the v3 streaming client.

Each finished turn is printed as a line on stdout (with ``--json``: every event as one JSON
object per line). On a terminal, the turn still being spoken is shown on a live line. A WAV
file is sent at the speed of speech unless ``--no-pace``; the microphone runs until Ctrl-C
or ``--duration``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import threading
import time
import wave
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import assemblyai as aai
from assemblyai.cli._common import (
    CommandFailed,
    Context,
    UsageError,
    add_common_flags,
    positive_float,
)
from assemblyai.cli._output import to_jsonable

if TYPE_CHECKING:
    from assemblyai.extras import AudioDeviceError

__all__ = ["TurnPrinter", "register", "wav_sample_rate"]


def wav_sample_rate(path: str) -> int:
    """The sample rate of a WAV file (the file's format is checked by ``stream_file`` later)."""
    from assemblyai.extras import stream_file

    try:
        with wave.open(path, "rb") as wav:
            return int(wav.getframerate())
    except FileNotFoundError:
        raise
    except (wave.Error, EOFError):
        # Let the SDK say precisely what is wrong with the file (raises AudioFormatError).
        stream_file(path).close()
        raise UsageError(f"cannot read the sample rate of {path!r}; give --sample-rate") from None


def _is_local(host: str) -> bool:
    target = host if "://" in host else f"wss://{host}"
    return (urlsplit(target).hostname or "") in {"127.0.0.1", "localhost", "::1"}


def _limited(
    chunks: Iterable[bytes], seconds: float | None, stop: threading.Event
) -> Iterator[bytes]:
    deadline = None if seconds is None else time.monotonic() + seconds
    for chunk in chunks:
        if stop.is_set():
            return
        yield chunk
        if deadline is not None and time.monotonic() >= deadline:
            return


class TurnPrinter:
    """The event handlers: final turns to stdout, the partial turn on the live line."""

    def __init__(self, ctx: Context, *, format_turns: bool, partials: bool) -> None:
        self.ctx = ctx
        self.format_turns = format_turns
        self.partials = partials
        self.errors: list[BaseException] = []
        self.turns = 0
        # Set when stdout's reader went away (`assemblyai stream FILE | head -1`): sending
        # more audio would only be billed for words nobody reads, so the stream stops.
        self.reader_gone = threading.Event()
        self._lock = threading.Lock()

    def _print(self, line: str) -> None:
        with self._lock:
            if self.reader_gone.is_set():
                return
            try:
                print(line, flush=True)
            except BrokenPipeError:
                self.reader_gone.set()

    def _json(self, event: Any) -> None:
        self._print(json.dumps(to_jsonable(event)))

    def on_begin(self, client: Any, event: Any) -> None:
        if self.ctx.json:
            self._json(event)
        else:
            self.ctx.note(f"session {event.id} started")

    def is_final(self, event: Any) -> bool:
        return bool(event.end_of_turn) and (bool(event.turn_is_formatted) or not self.format_turns)

    def on_turn(self, client: Any, event: Any) -> None:
        final = self.is_final(event)
        if self.ctx.json:
            if final or self.partials:
                self._json(event)
        elif final:
            self.ctx.live_line().clear()
            self._print(event.transcript)
        elif event.transcript:
            self.ctx.live_line().draw("… " + event.transcript)
        if final:
            self.turns += 1

    def on_termination(self, client: Any, event: Any) -> None:
        self.ctx.live_line().clear()
        if self.ctx.json:
            self._json(event)
        else:
            self.ctx.note(f"session ended after {event.audio_duration_seconds} s of audio")

    def on_error(self, client: Any, error: BaseException) -> None:
        self.errors.append(error)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from assemblyai.streaming.v3 import (
        StreamingClient,
        StreamingClientOptions,
        StreamingEvents,
        StreamingParameters,
    )

    if (args.file is None) == (not args.mic):
        raise UsageError("give either a WAV FILE or --mic")
    host = args.streaming_host or aai.settings.streaming_host
    if args.sandbox and not _is_local(host):
        raise CommandFailed(
            "this sandbox has no streaming server; point --streaming-host at a local one"
        )
    rate = args.sample_rate or (wav_sample_rate(args.file) if args.file else 16_000)
    params = StreamingParameters(
        sample_rate=rate,
        speech_model=args.speech_model,
        format_turns=args.format_turns,
        end_of_turn_confidence_threshold=args.end_of_turn_confidence_threshold,
        min_end_of_turn_silence_when_confident=args.min_end_of_turn_silence_when_confident,
        max_turn_silence=args.max_turn_silence,
        keyterms_prompt=args.keyterms_prompt,
        filter_profanity=args.filter_profanity,
    )
    printer = TurnPrinter(ctx, format_turns=bool(args.format_turns), partials=args.partials)
    client = StreamingClient(StreamingClientOptions(api_host=host))
    client.on(StreamingEvents.Begin, printer.on_begin)
    client.on(StreamingEvents.Turn, printer.on_turn)
    client.on(StreamingEvents.Termination, printer.on_termination)
    client.on(StreamingEvents.Error, printer.on_error)
    source = _open_source(args, rate)
    try:
        client.connect(params)
        try:
            client.stream(_limited(source, args.duration, printer.reader_gone))
        except KeyboardInterrupt:
            if not args.mic:
                raise
        finally:
            client.disconnect(terminate=True)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    ctx.live_line().clear()
    if printer.reader_gone.is_set():
        raise BrokenPipeError("the reader of standard output went away")
    if printer.errors:
        raise printer.errors[0]
    return 0


@contextlib.contextmanager
def _native_stderr_silenced(enabled: bool) -> Iterator[None]:
    """Send what C libraries write to file descriptor 2 to /dev/null for a while.

    PortAudio (under PyAudio) prints dozens of ALSA/JACK diagnostics while it looks for
    devices; they would bury the one-line error. Python's own ``sys.stderr`` is unaffected
    when it is not file descriptor 2 (as under pytest).
    """
    try:
        fd = sys.stderr.fileno() if enabled else -1
    except (AttributeError, ValueError, io.UnsupportedOperation):
        fd = -1
    if fd < 0:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def _open_source(args: argparse.Namespace, rate: int) -> Iterable[bytes]:
    from assemblyai.extras import AudioDeviceError, MicrophoneStream, stream_file

    if args.mic:
        try:
            with _native_stderr_silenced(not args.debug):
                return MicrophoneStream(sample_rate=rate, device_index=args.device_index)
        except AudioDeviceError as exc:
            raise CommandFailed(_microphone_advice(exc)) from exc
    return stream_file(args.file, sample_rate=rate, realtime=not args.no_pace)


def _microphone_advice(exc: AudioDeviceError) -> str:
    """The SDK's error names its Python arguments; say it with this command's flags instead."""
    # PortAudio's own words, when it gave some; the SDK's message would repeat Python names.
    cause = f" ({exc.__cause__})" if exc.__cause__ is not None else ""
    if exc.input_devices == []:
        return (
            "no audio input device found: PortAudio sees no microphone on this machine (in a "
            "container or over SSH there usually is none); connect one, or stream a WAV file "
            "with `assemblyai stream FILE`"
        )
    where = (
        "the default input device"
        if exc.device_index is None
        else f"input device {exc.device_index}"
    )
    devices = (
        f"; input devices: {', '.join(map(str, exc.input_devices))}" if exc.input_devices else ""
    )
    return (
        f"could not open {where} at {exc.sample_rate} Hz{cause}{devices}; "
        "try --device-index N or --sample-rate HZ"
    )


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "stream",
        help="live transcription of a WAV file or the microphone",
        description="Stream audio to the v3 streaming API and print each turn as it ends. "
        "A file must be a 16-bit PCM mono WAV; it is sent at the speed of speech unless "
        "--no-pace. The microphone (needs PyAudio: pip install 'assemblyai[extras]') runs "
        "until Ctrl-C or --duration.",
    )
    parser.add_argument("file", metavar="FILE", nargs="?", help="a PCM16 mono WAV file")
    parser.add_argument("--mic", action="store_true", help="stream from the microphone")
    parser.add_argument(
        "--sample-rate",
        type=int,
        metavar="HZ",
        help="sample rate (default: the WAV file's, or 16000 for --mic)",
    )
    parser.add_argument(
        "--device-index", type=int, metavar="N", help="with --mic: the input device to use"
    )
    parser.add_argument(
        "--duration",
        type=positive_float,
        metavar="SECONDS",
        help="stop after sending this many seconds of audio",
    )
    parser.add_argument(
        "--no-pace",
        action="store_true",
        help="send a file as fast as possible instead of at the speed of speech",
    )
    parser.add_argument(
        "--partials",
        action="store_true",
        help="with --json, also print turns still in progress",
    )
    parser.add_argument(
        "--streaming-host",
        metavar="HOST",
        help="streaming host, or a ws:// URL for a local server "
        "(default: $ASSEMBLYAI_STREAMING_HOST or streaming.assemblyai.com)",
    )
    group = parser.add_argument_group("streaming parameters")
    group.add_argument(
        "--speech-model",
        choices=["universal-streaming-english", "universal-streaming-multilingual"],
        help="streaming model",
    )
    group.add_argument(
        "--format-turns",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="punctuate and case each finished turn",
    )
    group.add_argument(
        "--end-of-turn-confidence-threshold",
        type=float,
        metavar="F",
        help="confidence (0 to 1) needed to end a turn",
    )
    group.add_argument(
        "--min-end-of-turn-silence-when-confident",
        type=int,
        metavar="MS",
        help="silence that ends a turn when confident (milliseconds)",
    )
    group.add_argument(
        "--max-turn-silence",
        type=int,
        metavar="MS",
        help="silence that always ends a turn (milliseconds)",
    )
    group.add_argument(
        "--keyterms-prompt",
        action="append",
        metavar="TERM",
        help="a word or phrase to expect (repeatable)",
    )
    group.add_argument(
        "--filter-profanity",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="replace profanity with asterisks",
    )
    add_common_flags(parser, top=False)
    parser.set_defaults(handler=run)
