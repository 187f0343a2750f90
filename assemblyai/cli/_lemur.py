"""``assemblyai lemur ...``: ask LeMUR about transcripts, and purge what it kept."""

from __future__ import annotations

import argparse
from typing import Any

import assemblyai as aai
from assemblyai.cli._common import (
    Context,
    UsageError,
    add_common_flags,
    positive_float,
    positive_int,
)
from assemblyai.cli._config_flags import csv_list
from assemblyai.cli._output import dumps, emit

__all__ = ["answer_text", "register"]

_KNOWN_MODELS = ", ".join(m.value for m in aai.LemurModel)


def answer_text(response: Any) -> str:
    """The text of a LeMUR response: the answer, or ``Q:``/``A:`` pairs for questions."""
    body = response.response
    if isinstance(body, str):
        return body.strip()
    return "\n\n".join(f"Q: {qa.question}\nA: {qa.answer}" for qa in body)


def _transcript_ids(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",")]
    if not all(ids):
        raise argparse.ArgumentTypeError(f"{text!r} has an empty transcript id")
    return ids


def _lemur(args: argparse.Namespace) -> aai.Lemur:
    if not args.transcripts and not args.input_text:
        raise UsageError("give the transcripts to read with --transcript ID, or --input-text")
    return aai.Lemur(sources=[aai.LemurTranscriptSource(t) for t in args.transcripts or []])


def _on_lemur_endpoints() -> bool:
    return aai.settings.lemur_backend == "lemur"


def _common_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "final_model": args.final_model,
        "max_output_size": args.max_output_size,
        "temperature": args.temperature,
        "input_text": args.input_text,
        "timeout": args.timeout,
    }


def _show(response: Any, ctx: Context) -> int:
    if ctx.json:
        emit(dumps(response))
    else:
        emit(answer_text(response))
        # Only LeMUR's own endpoints keep request data to purge; LLM Gateway keeps none.
        hint = " (remove its data with 'lemur purge')" if _on_lemur_endpoints() else ""
        ctx.note(f"request id {response.request_id}{hint}")
    return 0


def run_task(args: argparse.Namespace, ctx: Context) -> int:
    lemur = _lemur(args)
    return _show(lemur.task(args.prompt, context=args.context, **_common_kwargs(args)), ctx)


def run_summarize(args: argparse.Namespace, ctx: Context) -> int:
    lemur = _lemur(args)
    response = lemur.summarize(
        context=args.context, answer_format=args.answer_format, **_common_kwargs(args)
    )
    return _show(response, ctx)


def run_action_items(args: argparse.Namespace, ctx: Context) -> int:
    lemur = _lemur(args)
    response = lemur.action_items(
        context=args.context, answer_format=args.answer_format, **_common_kwargs(args)
    )
    return _show(response, ctx)


def run_question(args: argparse.Namespace, ctx: Context) -> int:
    lemur = _lemur(args)
    questions = [
        aai.LemurQuestion(
            question=text,
            **({"answer_format": args.answer_format} if args.answer_format else {}),
            **({"answer_options": args.answer_options} if args.answer_options else {}),
        )
        for text in args.questions
    ]
    return _show(lemur.question(questions, context=args.context, **_common_kwargs(args)), ctx)


def run_purge(args: argparse.Namespace, ctx: Context) -> int:
    response = aai.Lemur.purge_request_data(args.request_id)
    if ctx.json:
        emit(dumps(response))
    else:
        emit(f"purged {response.request_id_to_purge}" if response.deleted else "nothing purged")
    return 0


def run_get(args: argparse.Namespace, ctx: Context) -> int:
    response = aai.Lemur().get_response_data(args.request_id)
    if ctx.json:
        emit(dumps(response))
    else:
        emit(answer_text(response))
    return 0


def _read_flags(parser: argparse.ArgumentParser, *, answer_format: bool) -> None:
    parser.add_argument(
        "-t",
        "--transcript",
        dest="transcripts",
        # One value per flag: a flag that took every following word would also take the
        # prompt or question written after it. Several ids: repeat the flag, or use commas.
        action="extend",
        type=_transcript_ids,
        metavar="ID[,ID...]",
        help="a transcript to read (repeat the flag or separate ids with commas for several)",
    )
    parser.add_argument(
        "--input-text",
        metavar="TEXT",
        help="text to read instead of transcripts (e.g. your own formatted transcript)",
    )
    parser.add_argument(
        "--context", metavar="TEXT", help="background that helps the model (who, what, why)"
    )
    if answer_format:
        parser.add_argument(
            "--answer-format",
            metavar="TEXT",
            help='how the answer should look, e.g. "one bullet per item"',
        )
    parser.add_argument(
        "--final-model", metavar="MODEL", help=f"the model to use; known: {_KNOWN_MODELS}"
    )
    parser.add_argument(
        "--max-output-size", type=positive_int, metavar="TOKENS", help="longest answer, in tokens"
    )
    parser.add_argument(
        "--temperature", type=float, metavar="F", help="0 (focused) to 1 (creative)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        metavar="SECONDS",
        help="seconds to wait for the answer (default: the SDK's LeMUR timeout)",
    )


def register(commands: Any) -> None:
    lemur = commands.add_parser(
        "lemur",
        help="ask LeMUR (an LLM) about transcripts",
        description="Apply LeMUR, AssemblyAI's LLM framework, to one or more transcripts.",
    )
    actions = lemur.add_subparsers(dest="lemur_command", metavar="ACTION", required=True)

    task = actions.add_parser(
        "task", help="run any prompt", description="Run a free-form prompt over transcripts."
    )
    task.add_argument("prompt", metavar="PROMPT", help="what to do with the transcripts")
    _read_flags(task, answer_format=False)
    task.set_defaults(handler=run_task)

    summarize = actions.add_parser(
        "summarize", help="summarize", description="Summarize transcripts."
    )
    _read_flags(summarize, answer_format=True)
    summarize.set_defaults(handler=run_summarize)

    question = actions.add_parser(
        "question",
        help="answer questions",
        description="Answer one or more questions about transcripts.",
    )
    question.add_argument("questions", metavar="QUESTION", nargs="+", help="a question to answer")
    question.add_argument(
        "--answer-options",
        type=csv_list,
        metavar="A,B,...",
        help="the answers allowed (comma-separated); not with --answer-format",
    )
    _read_flags(question, answer_format=True)
    question.set_defaults(handler=run_question)

    items = actions.add_parser(
        "action-items",
        help="list action items",
        description="List the action items agreed in transcripts.",
    )
    _read_flags(items, answer_format=True)
    items.set_defaults(handler=run_action_items)

    purge = actions.add_parser(
        "purge",
        help="delete the data of a LeMUR request",
        description="Delete the data LeMUR kept for a request (its prompt and answer).",
    )
    purge.add_argument("request_id", metavar="REQUEST_ID", help="the request id of an answer")
    purge.set_defaults(handler=run_purge)

    get = actions.add_parser(
        "get",
        help="print an earlier answer",
        description="Print the answer of an earlier LeMUR request.",
    )
    get.add_argument("request_id", metavar="REQUEST_ID", help="the request id of an answer")
    get.set_defaults(handler=run_get)

    for leaf in (lemur, task, summarize, question, items, purge, get):
        add_common_flags(leaf, top=False)
