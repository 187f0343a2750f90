"""One append-only transcript out of a v3 session's turns, with the changes as they happen.

A session sends each turn many times: partial copies while it grows (the last words not final
yet), a final copy (``end_of_turn``), and with ``format_turns`` (or Universal-3 Pro) a
formatted copy. With diarization, a ``SpeakerRevision`` may later relabel earlier turns.
:class:`TranscriptAssembler` folds all of that into one transcript of words that each know
whether they are final and who spoke them, and reports every step as a typed change record, so
a UI can repaint only what moved and an LLM pipeline can take each final word exactly once.

Example::

    assembler = TranscriptAssembler()
    assembler.on_change(lambda change: print(change))
    assembler.attach(client)          # a StreamingClient or an AsyncStreamingClient
    ...
    print(assembler.text)             # everything heard so far
    print(assembler.final_text)       # only what will no longer change (except formatting)

Or feed it events yourself: ``changes = assembler.feed(turn_event)``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from assemblyai.streaming.v3._assembly import (
    AssembledTurn,
    AssembledWord,
    Change,
    SpeakerRevised,
    TurnEnded,
    TurnFormatted,
    TurnReplaced,
    WordsAppended,
    WordsFinalised,
    WordsRevised,
    fold_turn,
    read_revision,
    read_turn,
    revise_speakers,
)
from assemblyai.streaming.v3.models import StreamingEvents

__all__ = [
    "AssembledTurn",
    "AssembledWord",
    "Change",
    "SpeakerRevised",
    "TranscriptAssembler",
    "TurnEnded",
    "TurnFormatted",
    "TurnReplaced",
    "WordsAppended",
    "WordsFinalised",
    "WordsRevised",
]

logger = logging.getLogger("assemblyai.streaming")

ChangeListener = Callable[[Change], object]


class _Registers(Protocol):
    """What :meth:`TranscriptAssembler.attach` needs: ``on(event, handler)`` of either client."""

    def on(self, event: Any, handler: Any) -> None: ...


class TranscriptAssembler:
    """Folds ``Turn`` and ``SpeakerRevision`` events into one transcript (thread-safe).

    Turns are kept by ``turn_order``. Within a turn, a word that is final stays as it is
    except when the formatted copy of the turn arrives (:class:`TurnFormatted`), a speaker
    revision relabels it (:class:`SpeakerRevised`), or the server sends a copy that does not
    extend what it sent before (:class:`TurnReplaced`). Every other update only appends words
    (:class:`WordsAppended`), finalises them (:class:`WordsFinalised`), or revises words that
    were not final yet (:class:`WordsRevised`); :class:`TurnEnded` marks the end of a turn.

    Listeners registered with :meth:`on_change` are called with each change, on the thread
    (or event loop) that fed the event; one that raises is logged and the others still run.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._turns: dict[int, AssembledTurn] = {}
        self._listeners: list[ChangeListener] = []
        self._last_order = -1
        # Each session (a reconnect starts one) numbers its turns from 0; they are placed
        # after the turns of the sessions before it.
        self._base = 0

    # ---- feeding -------------------------------------------------------------------------

    def on_change(self, listener: ChangeListener) -> None:
        """Call ``listener(change)`` for every change from now on."""
        self._listeners.append(listener)

    def feed(self, event: object) -> list[Change]:
        """Fold one event in and return the changes (also given to the listeners).

        ``event`` is a ``TurnEvent``, a ``SpeakerRevision`` event (the generated class, or an
        ``UnknownEvent`` carrying one), or the decoded JSON object of either. A ``Begin``
        after turns were received starts a new session (a reconnect): its turns follow the
        ones held. Anything else (``SpeechStarted``...) changes nothing and returns ``[]``.
        """
        with self._lock:
            changes = self._fold(event)
            listeners = list(self._listeners)
        for change in changes:
            for listener in listeners:
                try:
                    listener(change)
                except Exception:
                    logger.exception("streaming: a transcript assembler listener raised")
        return changes

    def _fold(self, event: object) -> list[Change]:
        revisions = read_revision(event)
        if revisions is not None:
            changes: list[Change] = []
            for order, label, item in revisions:
                order += self._base
                previous = self._turns.get(order)
                if previous is None:
                    continue  # a revision of a turn never received has nothing to relabel
                revised = revise_speakers(previous, label, item)
                if revised != previous:
                    self._turns[order] = revised
                    changes.append(SpeakerRevised(revised, previous))
            return changes
        kind = event.get("type") if isinstance(event, dict) else getattr(event, "type", None)
        if kind == "Begin" and self._turns:
            self._base = max(self._turns) + 1
            self._last_order = self._base - 1
        if kind != "Turn":
            return []
        update = read_turn(event, -1)
        order = self._order_for(update) if update.turn_order < 0 else update.turn_order + self._base
        update = attrs.evolve(update, turn_order=order)
        turn, changes = fold_turn(self._turns.get(update.turn_order), update)
        self._turns[turn.turn_order] = turn
        if turn.turn_order >= self._last_order:
            self._last_order = turn.turn_order
        return changes

    def _order_for(self, update: AssembledTurn) -> int:
        """The turn a copy without ``turn_order`` (real sessions send some) belongs to: the
        latest turn while it goes on, when this is its formatted copy, or when both start
        with the same word; otherwise the next turn."""
        current = self._turns.get(self._last_order)
        if current is None or self._last_order < self._base:
            return self._last_order + 1
        same_start = bool(update.words and current.words) and (
            update.words[0].start == current.words[0].start
        )
        if not current.end_of_turn or same_start or (update.formatted and not current.formatted):
            return self._last_order
        return self._last_order + 1

    def attach(self, client: _Registers) -> None:
        """Register handlers on a ``StreamingClient`` or ``AsyncStreamingClient`` so that its
        ``Begin``, ``Turn`` and ``SpeakerRevision`` events are fed in (call before
        ``connect``). Attaching the same assembler to the client of a later session (or one
        that reconnects) continues the same transcript."""
        client.on(StreamingEvents.Begin, self._handle)
        client.on(StreamingEvents.Turn, self._handle)
        revision = getattr(StreamingEvents, "SpeakerRevision", None)
        if isinstance(revision, StreamingEvents):
            client.on(revision, self._handle)
        # Where the SDK has no SpeakerRevision class, the message reaches Unknown handlers.
        client.on(StreamingEvents.Unknown, self._handle)

    def _handle(self, client: object, event: object) -> None:
        self.feed(event)

    # ---- reading -------------------------------------------------------------------------

    @property
    def turns(self) -> list[AssembledTurn]:
        """The turns so far, in order (``turn_order`` counts on across sessions)."""
        with self._lock:
            return [self._turns[order] for order in sorted(self._turns)]

    @property
    def words(self) -> list[AssembledWord]:
        """Every word so far, in order."""
        return [word for turn in self.turns for word in turn.words]

    @property
    def text(self) -> str:
        """The whole transcript so far, one line per turn (final and tentative words)."""
        return "\n".join(turn.text for turn in self.turns if turn.words)

    @property
    def final_text(self) -> str:
        """Only the final words, one line per turn that has any."""
        return "\n".join(t.final_text for t in self.turns if any(w.final for w in t.words))

    def reset(self) -> None:
        """Forget everything (a new session); listeners stay registered."""
        with self._lock:
            self._turns.clear()
            self._last_order = -1
            self._base = 0
