"""What the search box offers for a name, and what Enter adds: the library's reading, no guess.

Textual-free. The matches come from `Anatomy.complete` (the library's resolver and scorer) with
the library's reading of the typed text first (`Anatomy.read_name`); what Enter does follows that
reading alone: a vessel adds its id, a class adds the text as typed (the engine codes every member
and accepts the class only when they all code alike), and anything else is refused with the
reading's reason and its candidates or close names offered, never added silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from vascular import Anatomy

__all__ = ["Decision", "Entry", "decide", "entries", "short_note"]

MATCHES = 8
"""How many completions the search box lists (the reading's own row comes on top)."""

EntryKind = Literal["reading", "candidate", "completion", "close", "note"]


class _Suggestion(Protocol):
    """What `Anatomy.complete` returns per entry (`vascular.names.Suggestion`, not exported)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float: ...


class _Reading(Protocol):
    """What `Anatomy.read_name` returns (`vascular.names.NameReading`, not exported)."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def vessel(self) -> str | None: ...
    @property
    def candidates(self) -> tuple[str, ...]: ...
    @property
    def label(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def suggestions(self) -> Sequence[_Suggestion]: ...


@dataclass(frozen=True)
class Entry:
    """One row of the search box's match list."""

    label: str
    """What the row shows."""
    vessel: str | None
    """What choosing the row adds: a vessel id, the typed text for a class; None: not choosable."""
    kind: EntryKind
    """reading (what Enter adds), candidate (of a class or an ambiguity), completion (the typed
    words start words of its name), close (a name within a few slips), note (the reading's
    reason, not choosable)."""
    typed: bool
    """Whether the row is what the typed words say: choosing any other asks first."""


@dataclass(frozen=True)
class Decision:
    """What Enter on the typed text does."""

    text: str
    """The text as typed."""
    vessel: str | None
    """What to add: a vessel id, or the text itself for a class; None: refused."""
    how: str
    """How the name was read, for the message ('HA with a side read as RHA'); may be empty."""
    reason: str
    """Why it was refused (the reading's reason); empty when accepted."""


def _reading(anatomy: Anatomy, text: str) -> _Reading:
    reading: _Reading = anatomy.read_name(text, "placement")
    return reading


def decide(anatomy: Anatomy, text: str) -> Decision:
    """What Enter adds for `text`: exactly what the library reads it as, or a refusal."""
    reading = _reading(anatomy, text)
    if reading.kind == "vessel" and reading.vessel is not None:
        return Decision(text, reading.vessel, short_note(reading.note), "")
    if reading.kind == "class":
        label = reading.label or text
        return Decision(text, text, f"the class '{label}' of {len(reading.candidates)}", "")
    closest = ", ".join(s.name for s in reading.suggestions)
    reason = reading.reason + (f" (close names: {closest})" if closest else "")
    return Decision(text, None, "", reason)


def entries(anatomy: Anatomy, text: str, limit: int = MATCHES) -> tuple[Entry, ...]:
    """The match list for `text`: the reading first, then the library's completions in its order."""
    if not text.strip():
        return ()
    reading = _reading(anatomy, text)
    found = anatomy.complete(text, limit)
    rows: list[Entry] = []
    complete = reading.kind in ("vessel", "class")
    if reading.kind == "vessel" and reading.vessel is not None:
        rows.append(Entry(anatomy.vessel(reading.vessel).name, reading.vessel, "reading", True))
    elif reading.kind == "class":
        count = len(reading.candidates)
        rows.append(
            Entry(
                f"{text.strip()}: a class of {count}, coded member by member", text, "reading", True
            )
        )
    else:
        rows.append(Entry(_refusal(reading), None, "note", False))
    shown = {row.vessel for row in rows}
    for suggestion in found:
        if suggestion.id in shown:
            continue
        shown.add(suggestion.id)
        if suggestion.id in reading.candidates:
            rows.append(Entry(suggestion.name, suggestion.id, "candidate", True))
        elif reading.kind != "variant":
            # another vessel than the one the text reads as is not what was typed
            rows.append(Entry(suggestion.name, suggestion.id, "completion", not complete))
    if reading.kind == "unknown":
        for close in reading.suggestions:
            if close.id not in shown:
                shown.add(close.id)
                rows.append(Entry(close.name, close.id, "close", False))
    return tuple(rows[: limit + 1])


def short_note(note: str) -> str:
    """The first clause of a reading's note: 'HA with a side read as RHA'."""
    return note.split(": ", 1)[0].strip()


def _refusal(reading: _Reading) -> str:
    """The reading's row when Enter adds nothing: why, in a few words."""
    text = reading.text.strip()
    if reading.kind == "ambiguous":
        return f"{text!r} could mean {len(reading.candidates)} vessels: choose one"
    if reading.kind == "variant":
        return f"{text!r} names a variant: add it in the settings (F2)"
    return reading.reason.split(": ", 1)[0]
