"""Decoding a transcript body, with its words read straight into records.

Why this exists: a 3-hour transcript is about 6 MB of JSON, and four fifths of it are
60,000 word objects: every word at the top level, and the same words again inside their
utterances. Decoded with ``json.loads`` they are 60,000 dicts, all alive at once; turning
them into models afterwards costs as much time again, and the dicts' memory stays with the
process.

Here the top-level object is walked key by key with the ``json`` module's own C scanner:

* The ``"words"`` array is decoded with an object hook (``operator.itemgetter``, so no
  Python-level call per word) that reads each word's values into a tuple the moment the word
  is parsed, so its dict is freed at once and its memory reused for the next one; the tuples
  become ``TranscriptWord`` records in C.
* The utterances repeat the top-level words in order, and the API writes both the same way.
  So each utterance's ``"words"`` array is first compared, as text, with the next stretch of
  the top-level array; when it is the same text, the utterance gets the top-level records
  for it, and those words are never decoded twice. The rest of each utterance is decoded as
  usual. When the texts differ, the utterances are decoded in full, and an utterance whose
  words equal the top-level ones still shares their records.

Nothing here changes what a body means: every shortcut is taken only after a check that
rules out what it could get wrong (an extra or missing key, brackets or braces inside a
value, another layout), and otherwise the plain path runs: ``json.loads`` and the models'
own conversion. A malformed body raises what ``json.loads`` raises.
"""

from __future__ import annotations

import bisect
import gc
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

__all__ = ["collection_paused", "decode_transcript"]

# Below this size the walk costs more than it saves (polling answers are a few hundred bytes).
_WALK_FROM_BYTES = 64 * 1024

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_PLAIN = json.JSONDecoder()
_WORDS_KEY = '"words"'
_WORDS_ARRAY = _WORDS_KEY + ":["


class _Unusual(Exception):
    """The body is not laid out as the walk expects: decode it the plain way."""


class _TopWords:
    """The top-level word array's records, and where its text lies when that text can be
    compared with an utterance's: compact, and no brace inside a value."""

    __slots__ = ("end", "first", "records")

    def __init__(self, records: list[Any], first: int, end: int) -> None:
        self.records = records
        self.first = first  # the index of the first word's "{"
        self.end = end  # the index of the closing "]"


def decode_transcript(body: bytes) -> Any:
    """The JSON value of BODY, as ``json.loads`` gives it except that word lists may hold
    ``TranscriptWord`` records instead of dicts (which the models accept as they are)."""
    if len(body) < _WALK_FROM_BYTES:
        return json.loads(body)
    try:
        return _walk(body.decode("utf-8"))
    except (_Unusual, UnicodeDecodeError, ValueError, IndexError, RecursionError):
        return json.loads(body)  # raises the same error json.loads always did, if any


# How many decodes are inside ``collection_paused`` with the collector turned off for them.
# Counted so that overlapping decodes on several threads (a group's polling threads finish
# together) keep it off until the last one ends, and never turn on a collector the
# application itself had turned off.
_pauses = 0
_pauses_lock = threading.Lock()


@contextmanager
def collection_paused(body_size: int) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a long body becomes objects.

    Why: a 6 MB transcript becomes about 100,000 container objects, none of them in a
    reference cycle; meanwhile the collector would run dozens of times and walk every object
    made so far, which costs a third of the decoding time for nothing. Only for bodies that
    are walked (see ``decode_transcript``), and a collector the application turned off stays
    off. The pause is process-wide: another thread's garbage waits those milliseconds too,
    which is the price of the speed-up (``bench/run.py --only get_by_id`` measures it).
    """
    global _pauses
    if body_size < _WALK_FROM_BYTES:
        yield
        return
    with _pauses_lock:
        paused = _pauses > 0 or gc.isenabled()
        if paused:
            if _pauses == 0:
                gc.disable()
            _pauses += 1
    try:
        yield
    finally:
        if paused:
            with _pauses_lock:
                _pauses -= 1
                if _pauses == 0:
                    gc.enable()


def _skip(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _walk(text: str) -> dict[str, Any]:
    index = _skip(text, 0)
    if text[index] != "{":
        raise _Unusual
    data: dict[str, Any] = {}
    top: _TopWords | None = None
    settle = False
    index = _skip(text, index + 1)
    if text[index] == "}":
        index += 1
    else:
        while True:
            if text[index] != '"':
                raise _Unusual
            key, index = _PLAIN.raw_decode(text, index)
            index = _skip(text, index)
            if text[index] != ":":
                raise _Unusual
            index = _skip(text, index + 1)
            if key == "words" and text[index] == "[":
                data[key], index, top = _decode_words(text, index)
            elif key == "utterances" and text[index] == "[":
                by_reference = _utterances_by_reference(text, index, top) if top else None
                if by_reference is None:
                    data[key], index = _PLAIN.raw_decode(text, index)
                    settle = True
                else:
                    data[key], index = by_reference
            else:
                data[key], index = _PLAIN.raw_decode(text, index)
            index = _skip(text, index)
            if text[index] == ",":
                index = _skip(text, index + 1)
            elif text[index] == "}":
                index += 1
                break
            else:
                raise _Unusual
    if _skip(text, index) != len(text):
        raise _Unusual  # trailing data: let json.loads report it
    if settle:
        _share_utterance_words(data)
    return data


def _word_class() -> Any:
    from assemblyai._generated.rest.models.transcript_word import TranscriptWord

    return TranscriptWord


# --- the top-level words -----------------------------------------------------------------------


def _decode_words(text: str, start: int) -> tuple[Any, int, _TopWords | None]:
    word = _word_class()
    keys = word.REQUIRED_KEYS
    decoder = json.JSONDecoder(object_hook=itemgetter(*keys))
    try:
        rows, end = decoder.raw_decode(text, start)
    except (KeyError, TypeError):
        # A word without a required key (or a value that is an object): the plain way, and
        # the model reports it.
        return (*_PLAIN.raw_decode(text, start), None)
    # The hook keeps only the required keys. Each of them appears once per word as `":`; any
    # other occurrence (an optional or unknown key, or those two characters inside a value)
    # means a word may hold more than the record's fast layout: decode it the plain way.
    count = len(rows) if type(rows) is list else -1
    exact = all(map(tuple.__instancecheck__, rows)) and text.count('":', start, end) == count * len(
        keys
    )
    if not exact:
        return (*_PLAIN.raw_decode(text, start), None)
    records = word.from_rows(rows)
    # Comparable as text when every brace in it starts or ends a word (none is inside a
    # value): then a stretch of it that ends with "}" before a "," or the final "]" is whole
    # words, and its "{" count is their number.
    comparable = (
        count > 0
        and text[start + 1] == "{"
        and text.count("{", start, end) == count
        and text.count("}", start, end) == count
    )
    return records, end, _TopWords(records, start + 1, end - 1) if comparable else None


# --- utterances whose words are the top-level ones, compared as text -----------------------------


def _utterances_by_reference(text: str, start: int, top: _TopWords) -> tuple[Any, int] | None:
    """The utterances array with each words array taken from the top-level records after a
    text comparison, or None when that cannot be done safely (then decode in full).

    Each ``"words":[...]`` after START is cut out and replaced by a number (its position in
    the list of cuts) before the utterances are decoded. That is sound only if every
    ``"words"`` string in that text is a key followed by an array (else a number the body
    itself holds could pass for a cut). A cut ends at the first "]", which may be inside a
    value; the comparison with the top-level text, which checks that the cut is whole words,
    proves it is not.
    """
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []  # each cut array's content: text[begin:end]
    cut_at: list[int] = []  # where each number stands in the shortened text
    removed: list[int] = []  # how many characters each cut removed
    cursor, length = start, 0
    while (hit := text.find(_WORDS_ARRAY, cursor)) >= 0:
        opening = hit + len(_WORDS_ARRAY) - 1
        closing = text.find("]", opening)
        if closing < 0:
            return None
        number = str(len(spans))
        pieces += (text[cursor:opening], number)
        length += opening - cursor
        cut_at.append(length)
        length += len(number)
        removed.append(closing + 1 - opening - len(number))
        spans.append((opening + 1, closing))
        cursor = closing + 1
    pieces.append(text[cursor:])
    shortened = "".join(pieces)
    # Each cut left `"words":N` behind; any other "words" is a key followed by something
    # else (or a value), which a cut number could be confused with.
    if shortened.count(_WORDS_KEY) != len(spans):
        return None
    try:
        utterances, short_end = _PLAIN.raw_decode(shortened, 0)
    except ValueError:
        return None
    if type(utterances) is not list:
        return None
    inside = bisect.bisect_left(cut_at, short_end)  # the cuts within the utterances array
    if not _put_back_words(text, utterances, spans[:inside], top):
        return None
    end = start + short_end + sum(removed[:inside])
    return utterances, end


def _put_back_words(
    text: str, utterances: list[Any], spans: list[tuple[int, int]], top: _TopWords
) -> bool:
    """Replace each utterance's cut number by top-level records; False if anything is off."""
    records, position, taken, restored = top.records, top.first, 0, 0
    for utterance in utterances:
        if type(utterance) is not dict or "words" not in utterance:
            continue
        number = utterance["words"]
        if type(number) is not int or number != restored:
            return False  # a cut not directly in an utterance: the numbering shows it
        begin, end = spans[number]
        restored += 1
        if begin == end:
            utterance["words"] = []
            continue
        content = text[begin:end]
        after = position + len(content)
        if not (
            text.startswith(content, position)
            and content[-1] == "}"
            and after <= top.end
            and text[after] in ",]"
        ):
            return False
        count = content.count("{")
        utterance["words"] = records[taken : taken + count]
        taken += count
        position = after + 1
    return restored == len(spans)


# --- utterances decoded in full --------------------------------------------------------------


def _share_utterance_words(data: dict[str, Any]) -> None:
    """Let each utterance whose words equal the next top-level ones hold those records.

    For utterances decoded in full (their words as dicts): the models would otherwise make
    a second record for every word.
    """
    words, utterances = data.get("words"), data.get("utterances")
    word = _word_class()
    if not (type(words) is list and words and all(map(word.__instancecheck__, words))):
        return
    read, width = itemgetter(*word.REQUIRED_KEYS), len(word.REQUIRED_KEYS)
    offset = 0
    for utterance in utterances if type(utterances) is list else ():
        own = utterance.get("words") if type(utterance) is dict else None
        if type(own) is not list:
            continue
        shared = words[offset : offset + len(own)]
        offset += len(own)
        try:
            exact = all(map(width.__eq__, map(len, own)))
            rows = list(map(read, own)) if exact else None
        except (KeyError, TypeError):
            continue
        # Values compare in C; == also holds for 1 and 1.0: the top-level value is kept.
        if rows is not None and rows == shared:
            utterance["words"] = shared
