"""What the streaming sandbox "hears": words paced to the audio received, grouped into turns.

Pure (no I/O, no clock). A :class:`TurnTracker` is fed the amount of audio received so far
and answers with :class:`TurnUpdate` values; the ``*_messages`` functions turn an update into
the JSON messages of each protocol (v3 ``Turn``; v2 ``PartialTranscript`` /
``FinalTranscript``).

The rules, chosen to be simple to predict in tests:

- the words are the tokens of the session's text (``fake.streaming_text``), cycled forever;
- word ``k`` of the session occupies the audio from ``k * ms_per_word`` to
  ``(k + 1) * ms_per_word`` milliseconds (400 ms by default: the REST side's 2.5 words a
  second) and is heard once that much audio has arrived; it is reported as starting at the
  beginning of its slot and lasting 85% of it;
- every word heard gives a partial update; a turn ends after a word that ends a sentence
  (``.``, ``?`` or ``!``), after ``max_turn_words`` words, or when asked
  (:meth:`TurnTracker.end_turn`: ``ForceEndpoint``, ``force_end_utterance``, terminating);
- unformatted text is lower case without punctuation (``welcome to the weekly planning
  call``); formatted text keeps the source's punctuation and case, capitalises the first word
  and ends with a full stop (``Welcome to the weekly planning call.``).

Example::

    tracker = TurnTracker("Hello there. How are you?", ms_per_word=400)
    updates = tracker.advance(900)          # 900 ms of audio: two words heard
    [u.end_of_turn for u in updates]        # [False, False, True]: "there." ends a sentence
    v3_turn_messages(updates[-1], format_turns=True)   # final Turn + formatted final Turn
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from assemblyai.testing._content import _PROFANITY, WORDS_PER_SECOND

__all__ = [
    "MAX_TURN_WORDS",
    "MS_PER_WORD",
    "HeardWord",
    "TurnTracker",
    "TurnUpdate",
    "formatted_tokens",
    "v2_transcript_messages",
    "v3_turn_messages",
]

MS_PER_WORD = round(1000 / WORDS_PER_SECOND)
"""Milliseconds of audio per word heard (the REST side's speaking rate)."""

MAX_TURN_WORDS = 24
"""A turn ends after this many words even without a sentence end in the text."""

_SENTENCE_END = ".?!"
_PUNCTUATION = ".,;:!?\"'()"


def _confidence(index: int) -> float:
    # Varied but reproducible: 0.80 ... 0.99 (the REST side's formula).
    return round(0.80 + 0.19 * ((index * 37) % 100) / 99, 4)


@attrs.frozen
class HeardWord:
    """One word of the session.

    Attributes:
        index: position in the session, counting from 0 across turns.
        raw: the token as written in the source text (``"Berlin."``).
        start: start in milliseconds from the beginning of the stream.
        end: end in milliseconds from the beginning of the stream.
        confidence: a reproducible value between 0.80 and 0.99.
    """

    index: int
    raw: str
    start: int
    end: int
    confidence: float

    @property
    def plain(self) -> str:
        """Lower case without punctuation: how an unformatted transcript writes it."""
        return self.raw.strip(_PUNCTUATION).lower() or self.raw.lower()

    @property
    def ends_sentence(self) -> bool:
        return self.raw.rstrip("\"')").endswith(tuple(_SENTENCE_END))


@attrs.frozen
class TurnUpdate:
    """The state of a turn after something happened to it.

    Attributes:
        turn_order: the turn's position in the session, from 0.
        words: every word of the turn so far.
        end_of_turn: the turn is finished (its last update).
    """

    turn_order: int
    words: tuple[HeardWord, ...]
    end_of_turn: bool


class TurnTracker:
    """Follows one session: which words have been heard and which turn they belong to.

    Args:
        text: the text spoken; its whitespace-separated tokens are cycled. An empty text
            means nothing is ever heard.
        ms_per_word: milliseconds of audio per word.
        max_turn_words: words after which a turn ends without a sentence end.
    """

    def __init__(
        self,
        text: str,
        *,
        ms_per_word: int = MS_PER_WORD,
        max_turn_words: int = MAX_TURN_WORDS,
    ) -> None:
        if ms_per_word <= 0 or max_turn_words <= 0:
            raise ValueError("ms_per_word and max_turn_words must be positive")
        self._tokens = text.split()
        self.ms_per_word = ms_per_word
        self.max_turn_words = max_turn_words
        self.heard = 0
        self.turn_order = 0
        self._turn: list[HeardWord] = []

    @property
    def current(self) -> tuple[HeardWord, ...]:
        """The words of the turn in progress."""
        return tuple(self._turn)

    def advance(self, audio_ms: float) -> list[TurnUpdate]:
        """Updates for the words completed by ``audio_ms`` milliseconds of audio in total."""
        updates: list[TurnUpdate] = []
        if not self._tokens:
            return updates
        while (self.heard + 1) * self.ms_per_word <= audio_ms:
            word = self._word(self.heard)
            self.heard += 1
            self._turn.append(word)
            updates.append(TurnUpdate(self.turn_order, tuple(self._turn), end_of_turn=False))
            if word.ends_sentence or len(self._turn) >= self.max_turn_words:
                updates.extend(self.end_turn())
        return updates

    def end_turn(self) -> list[TurnUpdate]:
        """Finish the turn in progress: one final update, or none when no word was heard."""
        if not self._turn:
            return []
        update = TurnUpdate(self.turn_order, tuple(self._turn), end_of_turn=True)
        self._turn = []
        self.turn_order += 1
        return [update]

    def _word(self, index: int) -> HeardWord:
        start = index * self.ms_per_word
        return HeardWord(
            index=index,
            raw=self._tokens[index % len(self._tokens)],
            start=start,
            end=start + round(0.85 * self.ms_per_word),
            confidence=_confidence(index),
        )


# -- text ------------------------------------------------------------------------------------


def formatted_tokens(words: Sequence[HeardWord]) -> list[str]:
    """The words as a formatted transcript writes them: source case and punctuation, the first
    word capitalised, a full stop at the end unless the text already ends a sentence."""
    tokens = [w.raw for w in words]
    if not tokens:
        return tokens
    tokens[0] = tokens[0][:1].upper() + tokens[0][1:]
    if not words[-1].ends_sentence:
        tokens[-1] = tokens[-1].rstrip(",;:") + "."
    return tokens


def _mask(token: str) -> str:
    core = token.strip(_PUNCTUATION)
    if core and core.casefold() in _PROFANITY:
        return token.replace(core, core[0] + "*" * (len(core) - 1))
    return token


def _texts(words: Sequence[HeardWord], *, formatted: bool, filter_profanity: bool) -> list[str]:
    texts = formatted_tokens(words) if formatted else [w.plain for w in words]
    return [_mask(t) for t in texts] if filter_profanity else texts


# -- v3 ----------------------------------------------------------------------------------------


def _v3_turn(update: TurnUpdate, *, formatted: bool, filter_profanity: bool) -> dict[str, Any]:
    texts = _texts(update.words, formatted=formatted, filter_profanity=filter_profanity)
    last = len(update.words) - 1
    finals = [update.end_of_turn or i < last for i in range(len(update.words))]
    message: dict[str, Any] = {
        "type": "Turn",
        "turn_order": update.turn_order,
        "turn_is_formatted": formatted,
        "end_of_turn": update.end_of_turn,
        # The settled words only: the last word of a partial turn may still change.
        "transcript": " ".join(t for t, final in zip(texts, finals, strict=True) if final),
        "end_of_turn_confidence": 0.9 if update.end_of_turn else min(0.5, 0.02 * len(texts)),
        "words": [
            {
                "text": text,
                "start": word.start,
                "end": word.end,
                "confidence": word.confidence,
                "word_is_final": final,
            }
            for word, text, final in zip(update.words, texts, finals, strict=True)
        ],
    }
    if update.end_of_turn:
        message["utterance"] = message["transcript"]
    return message


def v3_turn_messages(
    update: TurnUpdate,
    *,
    format_turns: bool = False,
    filter_profanity: bool = False,
    u3_pro: bool = False,
) -> list[dict[str, Any]]:
    """The v3 ``Turn`` messages for ``update``: one, plus a formatted copy of a finished turn
    when ``format_turns`` is on. Universal-3 Pro (``u3_pro``) formats every finished turn in
    its one final message and is sure of a turn's end or not at all (1 or 0)."""
    if u3_pro:
        message = _v3_turn(update, formatted=update.end_of_turn, filter_profanity=filter_profanity)
        message["end_of_turn_confidence"] = 1 if update.end_of_turn else 0
        return [message]
    messages = [_v3_turn(update, formatted=False, filter_profanity=filter_profanity)]
    if update.end_of_turn and format_turns:
        messages.append(_v3_turn(update, formatted=True, filter_profanity=filter_profanity))
    return messages


# -- v2 ----------------------------------------------------------------------------------------


def v2_transcript_messages(
    update: TurnUpdate, *, created: str, partials: bool = True
) -> list[dict[str, Any]]:
    """The v2 message for ``update``: a ``PartialTranscript`` (unless ``partials`` is off), or
    the punctuated and formatted ``FinalTranscript`` of a finished utterance.

    Args:
        update: what happened to the utterance.
        created: the ``created`` timestamp (ISO 8601 without a UTC offset, as v2 writes it).
        partials: send partial transcripts (``disable_partial_transcripts`` turns them off).
    """
    if not update.end_of_turn and not partials:
        return []
    final = update.end_of_turn
    texts = _texts(update.words, formatted=final, filter_profanity=False)
    words = [
        {"start": w.start, "end": w.end, "confidence": w.confidence, "text": text}
        for w, text in zip(update.words, texts, strict=True)
    ]
    message: dict[str, Any] = {
        "message_type": "FinalTranscript" if final else "PartialTranscript",
        "audio_start": update.words[0].start,
        "audio_end": update.words[-1].end,
        "confidence": round(sum(w.confidence for w in update.words) / len(update.words), 4),
        "text": " ".join(texts),
        "words": words,
        "created": created,
    }
    if final:
        message["punctuated"] = True
        message["text_formatted"] = True
    return [message]
