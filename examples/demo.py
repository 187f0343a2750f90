"""The main job, start to finish: transcribe, export, search, ask LeMUR (on LLM Gateway), then
stream.

Runs against the offline sandbox by default (``make demo``); with ``--live`` and
``ASSEMBLYAI_API_KEY`` set it runs against the real API instead. The sandbox does not recognise
speech: it returns the script registered for the audio (here, ``sample.txt``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import assemblyai as aai

HERE = Path(__file__).resolve().parent
SAMPLE_WAV = HERE / "sample.wav"
SAMPLE_TEXT = (HERE / "sample.txt").read_text(encoding="utf-8").strip()


@contextlib.contextmanager
def backend(live: bool) -> Iterator[None]:
    if live:
        if not os.environ.get("ASSEMBLYAI_API_KEY"):
            sys.exit("--live needs ASSEMBLYAI_API_KEY in the environment.")
        yield
        return
    from assemblyai.testing import FakeAssemblyAI

    print(
        "Running against the offline sandbox. It does not recognise speech: it returns the "
        "script registered for the audio (examples/sample.txt).\n"
    )
    with FakeAssemblyAI(processing_time=0.3) as fake:
        fake.register_script(SAMPLE_WAV, text=SAMPLE_TEXT, speakers=1)
        fake.streaming_text = SAMPLE_TEXT
        yield


def section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 60 - len(title)))


def transcribe() -> None:
    transcriber = aai.Transcriber(config=aai.TranscriptionConfig(speaker_labels=True))
    transcript = transcriber.transcribe(str(SAMPLE_WAV))
    if transcript.status == aai.TranscriptStatus.error:
        sys.exit(f"transcription failed: {transcript.error}")
    section("Text")
    print(transcript.text)
    section("SRT (32 characters per caption)")
    print(transcript.export_subtitles_srt(chars_per_caption=32).strip())
    section('Word search: "sandbox", "words"')
    for match in transcript.word_search(["sandbox", "words"]):
        print(f"{match.text!r}: {match.count} time(s) at {match.timestamps}")
    lemur(transcript)


def lemur(transcript: aai.Transcript) -> None:
    # 0.45.4's LeMUR calls, unchanged: since LeMUR's deprecation (2026-03-31) they run on LLM
    # Gateway chat completions, the transcript's text in the prompt (settings.lemur_backend).
    settings = aai.settings
    section(f"LeMUR, on {settings.lemur_backend} ({settings.llm_gateway_base_url})")
    summary = transcript.lemur.summarize(
        answer_format="one sentence", final_model=aai.LemurModel.claude_sonnet_4_20250514
    )
    print(f"summary: {summary.response}")
    usage = summary.usage
    if usage is not None:
        print(f"  ({usage.input_tokens} tokens in, {usage.output_tokens} out)")
    answers = transcript.lemur.question(
        aai.LemurQuestion(
            question="Was this made with a speech synthesizer?", answer_options=["yes", "no"]
        )
    )
    for answer in answers.response or []:
        print(f"Q: {answer.question}\nA: {answer.answer}")
    task = transcript.lemur.task("What does the sandbox return?")
    print(f"task: {task.response}")


def stream() -> None:
    from assemblyai.streaming.v3 import (
        StreamingClient,
        StreamingClientOptions,
        StreamingEvents,
        StreamingParameters,
        TurnEvent,
    )

    section("Streaming the same file (v3)")
    done = threading.Event()
    client = StreamingClient(StreamingClientOptions())

    def on_turn(_client: StreamingClient, turn: TurnEvent) -> None:
        # With format_turns, each turn ends twice: raw, then formatted; print the latter.
        if turn.end_of_turn and turn.turn_is_formatted:
            print(f"turn {turn.turn_order}: {turn.transcript}")

    client.on(StreamingEvents.Turn, on_turn)
    client.on(StreamingEvents.Termination, lambda _c, _e: done.set())
    client.on(StreamingEvents.Error, lambda _c, error: print(f"streaming error: {error}"))
    client.connect(StreamingParameters(sample_rate=16_000, format_turns=True))
    try:
        client.stream(aai.extras.stream_file(str(SAMPLE_WAV), sample_rate=16_000, realtime=False))
    finally:
        client.disconnect(terminate=True)
    print("session terminated" if done.is_set() else "no Termination message arrived")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--live", action="store_true", help="use the real API (needs ASSEMBLYAI_API_KEY)"
    )
    args = parser.parse_args()
    with backend(args.live):
        transcribe()
        stream()


if __name__ == "__main__":
    main()
