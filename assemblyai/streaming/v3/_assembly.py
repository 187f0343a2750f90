"""The pure half of :class:`~assemblyai.streaming.v3.assembler.TranscriptAssembler`.

Reading events tolerantly (:func:`read_turn`, :func:`read_revision`) and folding one turn
update into the words held so far (:func:`fold_turn`), with the change records that describe
what moved. No locks, no callbacks, no I/O: the assembler composes these.

The fields are read by the names the API description gives them, from the event's attributes
or, where this SDK's classes do not declare them yet (``Turn.speaker_label``, ``Word.speaker``,
the ``SpeakerRevision`` message), from its ``additional_properties`` or raw message, so the
same code works whatever version of the generated models is installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from assemblyai._generated import streaming as _gen

__all__ = [
    "AssembledTurn",
    "AssembledWord",
    "Change",
    "SpeakerRevised",
    "TurnEnded",
    "TurnFormatted",
    "TurnReplaced",
    "WordsAppended",
    "WordsFinalised",
    "WordsRevised",
    "fold_turn",
    "read_field",
    "read_revision",
    "read_turn",
]


@attrs.frozen
class AssembledWord:
    """One word of the assembled transcript.

    Attributes:
        text: the word as last received (formatted once its turn is formatted).
        start: start in milliseconds from the beginning of the stream (None if not sent).
        end: end in milliseconds from the beginning of the stream (None if not sent).
        confidence: the recogniser's confidence, 0 to 1 (None if not sent).
        final: the server said it will no longer change (``word_is_final``); a formatted
            turn makes every one of its words final.
        speaker: the diarization label (``A``, ``B``, ``UNKNOWN``...), the word's own
            ``speaker`` or else its turn's ``speaker_label``; None without diarization.
    """

    text: str
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    final: bool = False
    speaker: str | None = None


@attrs.frozen
class AssembledTurn:
    """One turn of the assembled transcript.

    Attributes:
        turn_order: the turn's position in the transcript: the session's ``turn_order``,
            counted on from the turns of earlier sessions when one follows another.
        words: its words, in order.
        end_of_turn: the speaker was judged to have finished the turn.
        formatted: the words carry punctuation and casing (``turn_is_formatted``).
        speaker: the turn's ``speaker_label`` (None without diarization).
        language_code: the turn's detected language, when language detection is on.
    """

    turn_order: int
    words: tuple[AssembledWord, ...] = ()
    end_of_turn: bool = False
    formatted: bool = False
    speaker: str | None = None
    language_code: str | None = None

    @property
    def text(self) -> str:
        """Every word of the turn, final or not, joined by spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def final_text(self) -> str:
        """The final words of the turn, joined by spaces."""
        return " ".join(w.text for w in self.words if w.final)


# ---- change records ----------------------------------------------------------------------------


@attrs.frozen
class WordsAppended:
    """New words at the end of turn ``turn_order``, from position ``index`` on."""

    turn_order: int
    index: int
    words: tuple[AssembledWord, ...]


@attrs.frozen
class WordsFinalised:
    """Words of turn ``turn_order`` that became final; ``indexes`` are their positions."""

    turn_order: int
    indexes: tuple[int, ...]
    words: tuple[AssembledWord, ...]


@attrs.frozen
class WordsRevised:
    """Words at ``indexes`` that changed without becoming final: words not final yet (text,
    timing or speaker), or final words whose timing or speaker the server corrected."""

    turn_order: int
    indexes: tuple[int, ...]
    words: tuple[AssembledWord, ...]


@attrs.frozen
class TurnEnded:
    """Turn ``turn_order`` is over (``end_of_turn``); ``turn`` is its state now."""

    turn: AssembledTurn


@attrs.frozen
class TurnFormatted:
    """The formatted text of a turn replaced its words; ``previous`` is what it held before."""

    turn: AssembledTurn
    previous: AssembledTurn


@attrs.frozen
class TurnReplaced:
    """A turn update did not extend what was held (words withdrawn, or final words changed
    without formatting), so the turn was replaced whole."""

    turn: AssembledTurn
    previous: AssembledTurn


@attrs.frozen
class SpeakerRevised:
    """A ``SpeakerRevision`` changed the speakers of a turn already received."""

    turn: AssembledTurn
    previous: AssembledTurn


Change = (
    WordsAppended
    | WordsFinalised
    | WordsRevised
    | TurnEnded
    | TurnFormatted
    | TurnReplaced
    | SpeakerRevised
)
"""Any change record the assembler emits."""


# ---- tolerant reading ---------------------------------------------------------------------------


def read_field(source: object, name: str) -> object:
    """``name`` from a mapping, an attribute, or the ``additional_properties`` of a model
    whose class does not declare it yet (``Word.speaker`` before the 2026 models)."""
    if isinstance(source, Mapping):
        value = source.get(name)
    else:
        value = getattr(source, name, None)
        if value is None:
            extra = getattr(source, "additional_properties", None)
            if isinstance(extra, Mapping):
                value = extra.get(name)
    return None if value is _gen.UNSET else value


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: object) -> int | None:
    # Real sessions sometimes send 1200.0 for 1200; a bool is no time.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _words(
    source: object, turn_speaker: str | None, *, all_final: bool
) -> tuple[AssembledWord, ...]:
    raw = read_field(source, "words")
    if not isinstance(raw, Iterable) or isinstance(raw, str | bytes | Mapping):
        return ()
    words = []
    for item in raw:
        text = _str(read_field(item, "text"))
        if text is None:
            continue  # a word without text adds nothing a reader can show
        speaker = _str(read_field(item, "speaker")) or turn_speaker
        words.append(
            AssembledWord(
                text=text,
                start=_int(read_field(item, "start")),
                end=_int(read_field(item, "end")),
                confidence=_float(read_field(item, "confidence")),
                final=all_final or read_field(item, "word_is_final") is True,
                speaker=speaker,
            )
        )
    return tuple(words)


def read_turn(event: object, fallback_order: int) -> AssembledTurn:
    """A ``Turn`` (a :class:`TurnEvent` or its JSON object) as an :class:`AssembledTurn`.

    A turn without a ``turn_order`` (real sessions send some) takes ``fallback_order``.
    """
    order = _int(read_field(event, "turn_order"))
    formatted = read_field(event, "turn_is_formatted") is True
    speaker = _str(read_field(event, "speaker_label"))
    return AssembledTurn(
        turn_order=fallback_order if order is None else order,
        words=_words(event, speaker, all_final=formatted),
        end_of_turn=read_field(event, "end_of_turn") is True,
        formatted=formatted,
        speaker=speaker,
        language_code=_str(read_field(event, "language_code")),
    )


def read_revision(event: object) -> list[tuple[int, str | None, object]] | None:
    """The revisions of a ``SpeakerRevision`` event as ``(turn_order, speaker_label, item)``,
    or None if ``event`` is not one.

    Accepts a generated ``SpeakerRevision`` class, an :class:`UnknownEvent` carrying one in
    ``raw``, or the JSON object itself.
    """
    raw = getattr(event, "raw", None)
    source: object = raw if isinstance(raw, Mapping) else event
    kind = read_field(source, "type")
    if kind != "SpeakerRevision" and type(event).__name__ not in {
        "SpeakerRevision",
        "SpeakerRevisionEvent",
    }:
        return None
    items = read_field(source, "revisions")
    if not isinstance(items, Iterable) or isinstance(items, str | bytes | Mapping):
        return []
    out: list[tuple[int, str | None, object]] = []
    for item in items:
        order = _int(read_field(item, "turn_order"))
        if order is not None:
            out.append((order, _str(read_field(item, "speaker_label")), item))
    return out


def revise_speakers(turn: AssembledTurn, label: str | None, item: object) -> AssembledTurn:
    """``turn`` with the speakers of a revision item: per word by position where the item
    lists words (text and timing are unchanged by a revision), else the turn's new label."""
    revised = _words(item, label, all_final=False)
    words = []
    for i, word in enumerate(turn.words):
        speaker = revised[i].speaker if i < len(revised) else (label or word.speaker)
        words.append(attrs.evolve(word, speaker=speaker))
    return attrs.evolve(turn, words=tuple(words), speaker=label or turn.speaker)


# ---- folding ------------------------------------------------------------------------------------


def _positions(
    old: Sequence[AssembledWord], new: Sequence[AssembledWord]
) -> tuple[list[int], list[int]] | None:
    """Indexes finalised and revised from ``old`` to ``new``, or None when ``new`` does not
    extend ``old`` (a final word changed or went away, or non-final words were withdrawn)."""
    if len(new) < len(old):
        return None
    finalised, revised = [], []
    for i, before in enumerate(old):
        after = new[i]
        if before.final:
            if after.text != before.text:
                return None
            if attrs.evolve(after, final=True) != before:
                revised.append(i)  # timing or speaker of a final word: shown as a revision
        elif after.final:
            finalised.append(i)
        elif after != before:
            revised.append(i)
    return finalised, revised


def fold_turn(
    previous: AssembledTurn | None, update: AssembledTurn
) -> tuple[AssembledTurn, list[Change]]:
    """Fold ``update`` (the latest message of a turn) into ``previous`` (what was held).

    Final words only change through formatting or a replacement, which is reported as such;
    a non-formatted copy arriving after the formatted one is ignored.
    """
    order = update.turn_order
    if previous is None:
        changes: list[Change] = []
        if update.words:
            changes.append(WordsAppended(order, 0, update.words))
        if update.end_of_turn:
            changes.append(TurnEnded(update))
        return update, changes
    if previous.formatted and not update.formatted:
        return previous, []
    ended = update.end_of_turn and not previous.end_of_turn
    if update.formatted and not previous.formatted:
        changes = [TurnFormatted(update, previous)]
        if ended:
            changes.append(TurnEnded(update))
        return update, changes
    if update.end_of_turn is False and previous.end_of_turn:
        update = attrs.evolve(update, end_of_turn=True)  # an ended turn stays ended
    positions = _positions(previous.words, update.words)
    if positions is None:
        changes = [TurnReplaced(update, previous)]
        if ended:
            changes.append(TurnEnded(update))
        return update, changes
    finalised, revised = positions
    # A final word stays final even if a later copy says otherwise (append-only).
    kept = tuple(
        attrs.evolve(after, final=True) if before.final and not after.final else after
        for before, after in zip(previous.words, update.words, strict=False)
    )
    update = attrs.evolve(update, words=kept + update.words[len(kept) :])
    changes = []
    if revised:
        changes.append(WordsRevised(order, tuple(revised), tuple(update.words[i] for i in revised)))
    if finalised:
        changes.append(
            WordsFinalised(order, tuple(finalised), tuple(update.words[i] for i in finalised))
        )
    if len(update.words) > len(previous.words):
        start = len(previous.words)
        changes.append(WordsAppended(order, start, update.words[start:]))
    if ended:
        changes.append(TurnEnded(update))
    return update, changes
