"""The sandbox's LLM Gateway: chat completions and speech understanding, deterministic.

No model runs. A chat answer is built from the conversation's own text (see :mod:`._lemur`):
a question (an instruction with ``?``) is answered with the sentence that shares most words
with it, anything else with the first sentences of the longest message (the transcript, when
one was pasted in), as bullets when asked for. ``max_tokens`` cuts the answer
(``finish_reason`` ``length``). With a ``response_format`` the answer is a JSON document
produced from the schema (required properties, arrays, enums, strings taken from the text,
numbers within their bounds) and checked against it with the sandbox's validator; with tools,
the model calls the tool named by ``tool_choice`` (or, with ``auto``, the tool whose name and
description share most words with the request), and answers in text once a tool's result is
in the conversation.

Speech understanding works on a sandbox transcript: translations are the text with a
``[<code>]`` marker per language, speaker identification maps the labels in order of first
appearance to the names or roles given, and custom formatting rewrites ISO dates, ten-digit
phone numbers and e-mail addresses after the patterns given.

Errors have the gateway's shape, ``{"error": {"code": <status>, "message": "..."}}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assemblyai.testing import _lemur
from assemblyai.testing._http import HttpRequest, HttpResponse
from assemblyai.testing._openapi import ParsedRequest
from assemblyai.testing._schema import SchemaError, SchemaValidator

if TYPE_CHECKING:
    from assemblyai.testing._rest import RestApp

__all__ = ["gateway_error", "install"]

CHAT = "createChatCompletion"
UNDERSTANDING = "createSpeechUnderstanding"
_NO_TRANSCRIPT = "Transcript not found: check the transcript_id"
_DEFAULT_MAX_TOKENS = 1000


def gateway_error(status: int, message: str) -> HttpResponse:
    """An error as LLM Gateway writes it."""
    return HttpResponse.json({"error": {"code": status, "message": message}}, status)


def install(app: RestApp) -> None:
    """Serve LLM Gateway's operations from APP (its handlers and its error shape)."""
    gateway = _Gateway(app)
    app.add_operations(
        {CHAT: gateway.chat, UNDERSTANDING: gateway.understanding},
        error=gateway_error,
    )


def _text_of(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, Mapping))
    return ""


def _unlabelled(text: str) -> str:
    """TEXT without a leading instruction or label ("Summarize this call: ...")."""
    head, colon, rest = text.partition(":")
    return rest.strip() if colon and len(head) < 200 and rest.strip() else text


def _words(text: str) -> set[str]:
    return {w.strip(".,;:!?\"'()").casefold() for w in text.split()} - {""}


class _Gateway:
    def __init__(self, app: RestApp) -> None:
        self.app = app

    # -- chat completions ------------------------------------------------------------------

    def chat(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        body: dict[str, Any] = parsed.body
        if body.get("stream"):
            return gateway_error(
                400, "The sandbox does not stream answers: send the request with stream false."
            )
        messages = list(body.get("messages") or [])
        if body.get("prompt") is not None:
            messages.append({"role": "user", "content": body["prompt"]})
        if not messages:
            return gateway_error(400, "Either prompt or messages is required.")
        texts = [_text_of(m.get("content")) for m in messages]
        instruction = next(
            (_text_of(m.get("content")) for m in reversed(messages) if m.get("role") == "user"),
            texts[-1],
        )
        max_tokens = int(body.get("max_tokens") or _DEFAULT_MAX_TOKENS)
        choice: dict[str, Any]
        tool = self._tool_to_call(body, messages, instruction)
        if isinstance(tool, HttpResponse):
            return tool
        if tool is not None:
            arguments = _Values(texts, instruction).value(tool.get("parameters") or {}, "")
            call_id = f"call_{self.app.store.new_id()}"
            choice = {
                "message": {"role": "assistant", "content": ""},
                "finish_reason": "tool_calls",
                "tool_calls": [
                    {
                        "id": call_id,
                        "type": "function",
                        "function": {"name": tool["name"], "arguments": json.dumps(arguments)},
                    }
                ],
            }
            output = json.dumps(arguments)
        elif body.get("response_format") is not None:
            schema = body["response_format"]["json_schema"]["schema"]
            value = _Values(texts, instruction).value(schema, "")
            try:
                problems = SchemaValidator(schema, composition="json-schema").validate(
                    value, schema
                )
            except SchemaError as exc:
                return gateway_error(400, f"Invalid JSON schema in response_format: {exc}")
            if problems:
                self.app.response_errors.append(
                    f"the sandbox's structured answer breaks its schema: {problems}"
                )
            output = json.dumps(value)
            choice = {"message": {"role": "assistant", "content": output}, "finish_reason": "stop"}
        else:
            output = self._answer(messages, texts, instruction)
            finish = "stop"
            words = output.split()
            if _lemur.usage([], output)["output_tokens"] > max_tokens:
                output = " ".join(words[: max(1, int(max_tokens / 1.3))])
                finish = "length"
            choice = {"message": {"role": "assistant", "content": output}, "finish_reason": finish}
        usage = _lemur.usage(texts, output)
        echoed = ("model", "max_tokens", "temperature", "tools", "tool_choice")
        echo: dict[str, Any] = {k: body[k] for k in echoed if k in body}
        return HttpResponse.json(
            {
                "request_id": self.app.store.new_id(),
                "choices": [choice],
                "request": echo,
                "usage": {**usage, "total_tokens": usage["input_tokens"] + usage["output_tokens"]},
                "http_status_code": 200,
                "response_time": 1_000_000,
                "llm_status_code": 200,
            }
        )

    @staticmethod
    def _answer(messages: Sequence[Mapping[str, Any]], texts: list[str], instruction: str) -> str:
        if messages[-1].get("role") == "tool":
            return f"The tool answered: {texts[-1]}"
        if "?" in instruction:
            # The question is the sentence ending at the last "?"; the rest is the source.
            head = instruction.rsplit("?", 1)[0]
            question = re.split(r"(?<=[.!:])\s+", head)[-1] + "?"
            sources = [_unlabelled(t.replace(question, " ")) for t in texts]
            return _lemur.answer_questions(sources, [{"question": question}])[0]["answer"]
        source = _unlabelled(max(texts, key=len))
        return _lemur.summary([source], instruction) or "There is no content to work with."

    @staticmethod
    def _tool_to_call(
        body: Mapping[str, Any], messages: Sequence[Mapping[str, Any]], instruction: str
    ) -> dict[str, Any] | HttpResponse | None:
        tools = [t["function"] for t in body.get("tools") or []]
        choice = body.get("tool_choice", "auto" if tools else "none")
        if not tools or choice == "none" or messages[-1].get("role") == "tool":
            return None
        if isinstance(choice, Mapping):
            name = choice["function"]["name"]
            named = [t for t in tools if t["name"] == name]
            if not named:
                return gateway_error(400, f"tool_choice names {name!r}, which is not in tools.")
            return dict(named[0])
        wanted = _words(instruction)
        scored = [
            (len(wanted & _words(f"{t['name'].replace('_', ' ')} {t.get('description', '')}")), t)
            for t in tools
        ]
        best = max(scored, key=lambda pair: pair[0])
        return dict(best[1]) if best[0] > 0 else None

    # -- speech understanding --------------------------------------------------------------

    def understanding(self, parsed: ParsedRequest, request: HttpRequest) -> HttpResponse:
        body: dict[str, Any] = parsed.body
        record = self.app.store.transcript(body["transcript_id"])
        if record is None or record.deleted:
            return gateway_error(404, _NO_TRANSCRIPT)
        now = self.app.store.clock()
        if record.status(now) != "completed":
            return gateway_error(
                400,
                f"Transcript {record.id} is not completed (its status is {record.status(now)}).",
            )
        transcript = self.app.shapes.transcript(record, now)
        text = str(transcript.get("text") or "")
        utterances = [dict(u) for u in transcript.get("utterances") or []]
        wanted: dict[str, Any] = body["speech_understanding"]["request"]
        results: dict[str, Any] = {}
        answer: dict[str, Any] = {}
        if "speaker_identification" in wanted:
            mapping = _speaker_mapping(wanted["speaker_identification"], utterances)
            for utterance in utterances:
                label = str(utterance.get("speaker"))
                utterance["speaker"] = mapping.get(label, utterance.get("speaker"))
            results["speaker_identification"] = {"status": "success", "mapping": mapping}
        if "translation" in wanted:
            options = wanted["translation"]
            languages = list(options["target_languages"])
            answer["translated_texts"] = {code: f"[{code}] {text}" for code in languages}
            if options.get("match_original_utterance"):
                for utterance in utterances:
                    utterance["translated_texts"] = {
                        code: f"[{code}] {utterance.get('text', '')}" for code in languages
                    }
            results["translation"] = {"status": "success"}
        if "custom_formatting" in wanted:
            rewrite = _Formatter(wanted["custom_formatting"])
            formatted: dict[str, Any] = {
                "status": "success",
                "formatted_text": rewrite(text),
                "mapping": rewrite.mapping,
            }
            if utterances:
                formatted["formatted_utterances"] = [
                    {**u, "text": rewrite(str(u.get("text", "")))} for u in utterances
                ]
            results["custom_formatting"] = formatted
        answer.update(
            {
                "speech_understanding": {"request": wanted, "response": results},
                "utterances": utterances,
                "words": list(transcript.get("words") or []),
            }
        )
        return HttpResponse.json(answer)


def _speaker_mapping(
    options: Mapping[str, Any], utterances: list[dict[str, Any]]
) -> dict[str, str]:
    """Labels in order of first appearance, each with the next name or role given."""
    key = "role" if options.get("speaker_type") == "role" else "name"
    names = [str(v) for v in options.get("known_values") or []]
    names += [
        str(s.get(key) or s.get("name") or s.get("role")) for s in options.get("speakers") or []
    ]
    labels = list(dict.fromkeys(str(u.get("speaker")) for u in utterances if u.get("speaker")))
    return {label: name for label, name in zip(labels or ["A"], names, strict=False)}


_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PHONE = re.compile(r"\b(\d{3})[-. ]?(\d{3})[-. ]?(\d{4})\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")


class _Formatter:
    """Rewrites dates, phone numbers and e-mail addresses after the request's patterns."""

    def __init__(self, patterns: Mapping[str, Any]) -> None:
        self.patterns = patterns
        self.mapping: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if self.patterns.get("date"):
            text = _DATE.sub(self._date, text)
        if self.patterns.get("phone_number"):
            text = _PHONE.sub(self._phone, text)
        if self.patterns.get("email"):
            text = _EMAIL.sub(self._email, text)
        return text

    def _keep(self, original: str, formatted: str) -> str:
        self.mapping[original] = formatted
        return formatted

    def _date(self, match: re.Match[str]) -> str:
        year, month, day = match.groups()
        pattern = str(self.patterns["date"])
        out = pattern.replace("yyyy", year).replace("mm", month).replace("dd", day)
        return self._keep(match.group(0), out)

    def _phone(self, match: re.Match[str]) -> str:
        digits = iter("".join(match.groups()))
        out = "".join(
            next(digits, "x") if c == "x" else c for c in str(self.patterns["phone_number"])
        )
        return self._keep(match.group(0), out)

    def _email(self, match: re.Match[str]) -> str:
        return self._keep(match.group(0), match.group(0).lower())


def _count(schema: Mapping[str, Any]) -> int:
    """How many items an array gets: its minItems (at least one), never above maxItems."""
    count = max(int(schema.get("minItems", 1)), 1)
    return min(count, int(schema["maxItems"])) if "maxItems" in schema else count


class _Values:
    """A JSON value valid against a schema, its strings and choices taken from the text."""

    def __init__(self, texts: list[str], instruction: str) -> None:
        self.texts = [t for t in texts if t.strip()] or ["There is no content."]
        self.instruction = instruction
        self.root: Mapping[str, Any] = {}

    def value(self, schema: Mapping[str, Any], name: str) -> Any:
        if not self.root:
            self.root = schema
        return self._value(schema, name, 0)

    def _value(self, schema: Any, name: str, depth: int) -> Any:
        if not isinstance(schema, Mapping) or depth > 8:
            return None
        if "$ref" in schema:
            return self._value(self._resolve(schema["$ref"]), name, depth + 1)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self._pick([v for v in schema["enum"]])
        for keyword in ("anyOf", "oneOf"):
            if schema.get(keyword):
                return self._value(schema[keyword][0], name, depth + 1)
        if schema.get("allOf"):
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                merged.update(self._value(part, name, depth + 1) or {})
            return merged
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in schema else "string"
        make: Callable[[], Any] = {
            "object": lambda: {
                key: self._value(sub, key, depth + 1)
                for key, sub in (schema.get("properties") or {}).items()
            },
            "array": lambda: [
                self._value(schema.get("items") or {}, name, depth + 1)
                for _ in range(_count(schema))
            ],
            "string": lambda: self._string(schema, name),
            "integer": lambda: int(self._number(schema)),
            "number": lambda: self._number(schema),
            "boolean": lambda: True,
            "null": lambda: None,
        }.get(str(kind), lambda: None)
        return make()

    def _resolve(self, ref: str) -> Any:
        node: Any = self.root
        for token in ref.lstrip("#").split("/")[1:]:
            node = node.get(token, {}) if isinstance(node, Mapping) else {}
        return node

    def _pick(self, options: list[Any]) -> Any:
        source = set().union(*(_words(t) for t in self.texts))
        return max(options, key=lambda o: (len(_words(str(o)) & source), -options.index(o)))

    def _string(self, schema: Mapping[str, Any], name: str) -> str:
        prompt = f"{name.replace('_', ' ')} {schema.get('description', '')} {self.instruction}"
        text = _lemur.task(self.texts, prompt) or self.texts[0]
        low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
        text = text.ljust(low, ".")
        return text[: int(high)] if high is not None else text

    @staticmethod
    def _number(schema: Mapping[str, Any]) -> float:
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        value = float(low) + (1 if "exclusiveMinimum" in schema else 0)
        if high is not None and value >= float(high):
            value = (float(low) + float(high)) / 2
        return value
