"""Offline rendering of transcript words: subtitles, sentences, paragraphs and word search.

Pure functions (no I/O, no httpx) shared by ``Transcript`` (to render a loaded transcript
without another request) and by the sandbox in ``assemblyai.testing`` (which answers the
``/srt``, ``/vtt``, ``/sentences``, ``/paragraphs`` and ``/word-search`` routes with them).

Words are mappings in the JSON shape of the API's ``TranscriptWord``::

    {"text": "Hello", "start": 250, "end": 650, "confidence": 0.97, "speaker": "A"}

``start``/``end`` are milliseconds; ``speaker`` and ``channel`` are optional (``None`` or absent
when the transcript has no speaker labels or a single channel). A ``start`` or ``end`` of
``None`` counts as ``0``, as the official SDK does. Words are expected in spoken order.

The rules, so that results are predictable (they approximate the API, they do not copy it):

Captions (:func:`render_srt`, :func:`render_vtt`)
    Words are packed greedily into captions of at most ``chars_per_caption`` characters
    (default :data:`DEFAULT_CHARS_PER_CAPTION`), counting the single spaces between words.
    The word that would overflow a caption starts the next one; a word longer than the limit
    gets a caption of its own. A caption also ends after a word that ends a sentence (see
    below) when no limit is given, so default captions do not straddle sentences. A caption
    runs from its first word's ``start`` to its last word's ``end``. Each caption is one line.
    Whitespace inside a word is collapsed to one space; words whose text is empty are skipped.
    SRT timestamps are ``HH:MM:SS,mmm``, VTT ones ``HH:MM:SS.mmm`` after a ``WEBVTT`` header,
    and VTT text escapes ``&``, ``<`` and ``>``.

Sentences (:func:`split_sentences`)
    A sentence ends after a word whose text ends with ``.``, ``?`` or ``!`` (closing quotes
    or brackets after the mark are allowed), unless the word is a common abbreviation such as
    ``Mr.`` or ``e.g.``; it also ends before a word whose speaker or channel differs.

Paragraphs (:func:`split_paragraphs`)
    Sentences are grouped in order; a new paragraph starts when the silence between two
    sentences is at least :data:`PARAGRAPH_PAUSE_MS`, when the speaker or channel changes,
    or when the paragraph already holds :data:`PARAGRAPH_MAX_SENTENCES` sentences.

Word search (:func:`search_words`)
    Each query is matched case-insensitively against consecutive words, ignoring punctuation
    at the edges of words; a query of several words matches a run of that many words. Queries
    that never match are left out of the result, as the API does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "DEFAULT_CHARS_PER_CAPTION",
    "PARAGRAPH_MAX_SENTENCES",
    "PARAGRAPH_PAUSE_MS",
    "ends_sentence",
    "format_timestamp",
    "render_srt",
    "render_vtt",
    "search_words",
    "split_paragraphs",
    "split_sentences",
]

Word = Mapping[str, Any]

DEFAULT_CHARS_PER_CAPTION = 80
"""Caption width used when ``chars_per_caption`` is not given (a typical two-line subtitle)."""

PARAGRAPH_PAUSE_MS = 2000
"""A silence at least this long (milliseconds) between two sentences starts a new paragraph."""

PARAGRAPH_MAX_SENTENCES = 5
"""A paragraph never holds more sentences than this."""

_SENTENCE_END = (".", "?", "!")
_CLOSERS = "\"')]}»”’"
# Lower-cased words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "prof.", "sr.", "jr.", "st.", "vs.", "etc.", "e.g.", "i.e."}
)
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}«»“”‘’-…"


def format_timestamp(milliseconds: int, separator: str = ",") -> str:
    """``HH:MM:SS<separator>mmm`` for a time in milliseconds (negative times count as 0).

    Example::

        format_timestamp(3_723_004)       # '01:02:03,004'
        format_timestamp(5, separator=".")  # '00:00:00.005'
    """
    total = max(0, int(milliseconds))
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _ms(value: object) -> int:
    # The official SDK turns a missing start into 0; do the same for end.
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"word times must be numbers of milliseconds, got {value!r}")
    return int(value)


def _clean_text(word: Word) -> str:
    return " ".join(str(word.get("text", "")).split())


def ends_sentence(text: str) -> bool:
    """Whether a word's text ends a sentence under the module's rule."""
    stripped = text.rstrip(_CLOSERS)
    if not stripped.endswith(_SENTENCE_END):
        return False
    return stripped.lower() not in _ABBREVIATIONS


def _captions(words: Iterable[Word], chars_per_caption: int | None) -> list[tuple[int, int, str]]:
    if chars_per_caption is not None and chars_per_caption < 1:
        raise ValueError(f"chars_per_caption must be at least 1, got {chars_per_caption}")
    limit = DEFAULT_CHARS_PER_CAPTION if chars_per_caption is None else chars_per_caption
    split_at_sentences = chars_per_caption is None
    captions: list[tuple[int, int, str]] = []
    texts: list[str] = []
    start = end = 0
    length = 0

    def flush() -> None:
        if texts:
            captions.append((start, end, " ".join(texts)))
            texts.clear()

    for word in words:
        text = _clean_text(word)
        if not text:
            continue
        if texts and length + 1 + len(text) > limit:
            flush()
        if not texts:
            start, length = _ms(word.get("start")), len(text)
        else:
            length += 1 + len(text)
        texts.append(text)
        end = _ms(word.get("end"))
        if split_at_sentences and ends_sentence(text):
            flush()
    flush()
    return captions


def render_srt(words: Iterable[Word], chars_per_caption: int | None = None) -> str:
    """SubRip subtitles for ``words`` (see the module docstring for the caption rule).

    Args:
        words: transcript words in spoken order.
        chars_per_caption: the most characters a caption may hold; ``None`` uses
            :data:`DEFAULT_CHARS_PER_CAPTION` and also breaks captions at sentence ends.

    Returns:
        Numbered cues separated by blank lines; ``""`` when there are no words.

    Example::

        render_srt([{"text": "Hi.", "start": 0, "end": 400, "confidence": 1.0}])
        # '1\\n00:00:00,000 --> 00:00:00,400\\nHi.\\n\\n'
    """
    cues = [
        f"{number}\n{format_timestamp(start)} --> {format_timestamp(end)}\n{text}\n"
        for number, (start, end, text) in enumerate(_captions(words, chars_per_caption), 1)
    ]
    return "".join(cue + "\n" for cue in cues)


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(words: Iterable[Word], chars_per_caption: int | None = None) -> str:
    """WebVTT subtitles for ``words``: the ``WEBVTT`` header, then one cue per caption.

    Takes the same arguments as :func:`render_srt`; cue text escapes ``&``, ``<`` and ``>``.

    Example::

        render_vtt([{"text": "Hi.", "start": 0, "end": 400, "confidence": 1.0}])
        # 'WEBVTT\\n\\n00:00:00.000 --> 00:00:00.400\\nHi.\\n\\n'
    """
    cues = [
        f"{format_timestamp(start, '.')} --> {format_timestamp(end, '.')}\n{_escape_vtt(text)}\n\n"
        for start, end, text in _captions(words, chars_per_caption)
    ]
    return "WEBVTT\n\n" + "".join(cues)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _group(words: Sequence[Word], *, with_speaker: bool) -> dict[str, Any]:
    """A TranscriptSentence/TranscriptParagraph-shaped dict for a non-empty run of words."""
    group: dict[str, Any] = {
        "text": " ".join(t for t in (_clean_text(w) for w in words) if t),
        "start": _ms(words[0].get("start")),
        "end": _ms(words[-1].get("end")),
        "confidence": _mean([float(w.get("confidence", 0.0)) for w in words]),
        "words": [dict(w) for w in words],
    }
    if with_speaker:
        group["speaker"] = words[0].get("speaker")
        if any("channel" in w for w in words):
            group["channel"] = words[0].get("channel")
    return group


def _voice(word: Word) -> tuple[object, object]:
    return word.get("speaker"), word.get("channel")


def _sentence_runs(words: Sequence[Word]) -> list[list[Word]]:
    runs: list[list[Word]] = []
    current: list[Word] = []
    for word in words:
        if current and _voice(current[-1]) != _voice(word):
            runs.append(current)
            current = []
        current.append(word)
        if ends_sentence(_clean_text(word)):
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def split_sentences(words: Iterable[Word]) -> list[dict[str, Any]]:
    """Split words into sentences shaped like the API's ``TranscriptSentence``.

    Each sentence has ``text``, ``start``, ``end``, ``confidence`` (the mean of its words),
    ``words`` (copies of the input mappings) and ``speaker`` (the first word's, or ``None``);
    ``channel`` is added when the words carry one.

    Example::

        [s["text"] for s in split_sentences(words)]   # ['Hello there.', 'How are you?']
    """
    return [_group(run, with_speaker=True) for run in _sentence_runs(list(words))]


def split_paragraphs(words: Iterable[Word]) -> list[dict[str, Any]]:
    """Group sentences into paragraphs shaped like the API's ``TranscriptParagraph``.

    Each paragraph has ``text``, ``start``, ``end``, ``confidence`` and ``words`` (the API's
    paragraphs carry no speaker). See the module docstring for when a paragraph breaks.

    Example::

        len(split_paragraphs(words))   # 1 for a short monologue
    """
    paragraphs: list[list[Word]] = []
    current: list[Word] = []
    sentences_in_current = 0
    for run in _sentence_runs(list(words)):
        if current:
            pause = _ms(run[0].get("start")) - _ms(current[-1].get("end"))
            if (
                pause >= PARAGRAPH_PAUSE_MS
                or _voice(run[0]) != _voice(current[-1])
                or sentences_in_current >= PARAGRAPH_MAX_SENTENCES
            ):
                paragraphs.append(current)
                current, sentences_in_current = [], 0
        current.extend(run)
        sentences_in_current += 1
    if current:
        paragraphs.append(current)
    return [_group(paragraph, with_speaker=False) for paragraph in paragraphs]


def _normalize(text: str) -> str:
    return text.strip(_EDGE_PUNCTUATION).casefold()


def search_words(words: Iterable[Word], queries: Iterable[str]) -> list[dict[str, Any]]:
    """Find each query in the words, shaped like the API's ``WordSearchMatch`` list.

    Args:
        words: transcript words in spoken order.
        queries: words or phrases; matching ignores case and punctuation at word edges.
            Empty queries and repeated queries (after normalisation) are ignored.

    Returns:
        One dict per query that matched at least once, in query order: ``text`` (the query
        as given), ``count``, ``timestamps`` (``[start, end]`` of each match, in
        milliseconds) and ``indexes`` (the index of each match's first word in ``words``).

    Example::

        search_words(words, ["hello", "how are"])
        # [{'text': 'hello', 'count': 1, 'timestamps': [[0, 400]], 'indexes': [0]}, ...]
    """
    word_list = list(words)
    normalized = [_normalize(_clean_text(w)) for w in word_list]
    seen: set[tuple[str, ...]] = set()
    matches: list[dict[str, Any]] = []
    for query in queries:
        tokens = tuple(t for t in (_normalize(part) for part in query.split()) if t)
        if not tokens or tokens in seen:
            continue
        seen.add(tokens)
        size = len(tokens)
        timestamps: list[list[int]] = []
        indexes: list[int] = []
        for index in range(len(word_list) - size + 1):
            if tuple(normalized[index : index + size]) == tokens:
                first, last = word_list[index], word_list[index + size - 1]
                timestamps.append([_ms(first.get("start")), _ms(last.get("end"))])
                indexes.append(index)
        if indexes:
            matches.append(
                {
                    "text": query.strip(),
                    "count": len(indexes),
                    "timestamps": timestamps,
                    "indexes": indexes,
                }
            )
    return matches
