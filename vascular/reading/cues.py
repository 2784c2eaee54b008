"""What the words of a clause say about each vessel mentioned in it.

A mention's role is decided by the clause it stands in: a failure ('unable to select'), a
negation ('was not selected', 'no ... was performed') or a doubt ('possibly') in the clause
decides first; otherwise the nearest action word decides (an access, a selection, imaging,
sampling, a vessel only seen or evaluated). 'Through the X' names a vessel passed on the way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from vascular import frozen
from vascular.reading.mentions import Mention
from vascular.reading.text import Piece
from vascular.reading.words import ReaderWords

__all__ = ["Cue", "Role", "clause_cues", "role_of"]

Role = Literal[
    "access",
    "select",
    "image",
    "sample",
    "seen",
    "evaluate",
    "through",
    "landmark",
    "failed",
    "negated",
    "uncertain",
    "unclear",
]
"""What the note says happened to a mentioned vessel."""

_NEAREST_KINDS = ("select", "image", "sample", "access", "evaluate", "seen")
_WEAK_ACCESS = re.compile(r"^(?:sheath|introducer|needle)$", re.IGNORECASE)
_PRE_NEGATION = re.compile(r"^(?:no|without|neither|nor|none)$", re.IGNORECASE)
_THROUGH_REACH = 14


@frozen.record
class Cue:
    """One cue word in a clause: its kind, its words, its span in the note."""

    kind: str
    words: str
    start: int
    end: int


def clause_cues(text: str, clause: Piece, words: ReaderWords) -> list[Cue]:
    """Every cue word in a clause, in text order."""
    found = [
        Cue(kind, match.group(), match.start(), match.end())
        for kind, pattern in words.cues.items()
        for match in pattern.finditer(text, clause.start, clause.end)
    ]
    ignored = [c for c in found if c.kind == "ignore"]
    found = [
        c
        for c in found
        if c.kind != "ignore" and not any(i.start <= c.start < i.end for i in ignored)
    ]
    # a treatment names the vessel the catheter was in ('the GDA was embolized')
    found += [
        Cue("select", match.group(), match.start(), match.end())
        for pattern in words.intervention_words.values()
        for match in pattern.finditer(text, clause.start, clause.end)
    ]
    return sorted(found, key=lambda cue: (cue.start, cue.kind))


def _distance(mention: Mention, cue: Cue) -> int:
    if cue.end <= mention.start:
        return mention.start - cue.end
    if cue.start >= mention.end:
        return cue.start - mention.end
    return 0


def _negated(mention: Mention, cues: Sequence[Cue]) -> Cue | None:
    for cue in cues:
        if cue.kind != "negation":
            continue
        if not _PRE_NEGATION.match(cue.words) or cue.end <= mention.start:
            return cue
    return None


def role_of(
    mention: Mention, cues: Sequence[Cue], has_access: bool, first: bool
) -> tuple[Role, Cue | None]:
    """The role of a mention in its clause, and the cue that decided it (None for none).

    `has_access` says whether the note has named an access before this clause; `first`, whether
    the mention is the clause's first: before any access, the first vessel of a clause with an
    access word ('a sheath was placed in the right CFA') is the access.
    """
    for kind, role in (("failure", "failed"), ("uncertain", "uncertain")):
        cue = next((c for c in cues if c.kind == kind), None)
        if cue is not None:
            return role, cue  # type: ignore[return-value]
    negation = _negated(mention, cues)
    if negation is not None:
        return "negated", negation
    if mention.how == "approach":
        return "access", None
    if mention.how == "compound":
        return "image", None
    if first and not has_access:
        cue = next((c for c in cues if c.kind == "access"), None)
        if cue is not None:
            return "access", cue
    for cue in cues:
        if cue.kind in ("through", "landmark") and 0 <= mention.start - cue.end <= _THROUGH_REACH:
            return cue.kind, cue  # type: ignore[return-value]
    nearest: tuple[int, int, Cue] | None = None
    for cue in cues:
        if cue.kind not in _NEAREST_KINDS:
            continue
        if cue.kind == "access" and has_access and _WEAK_ACCESS.match(cue.words):
            continue
        rank = (_distance(mention, cue), _NEAREST_KINDS.index(cue.kind))
        if nearest is None or rank < nearest[:2]:
            nearest = (*rank, cue)
    if nearest is None:
        return "unclear", None
    return nearest[2].kind, nearest[2]  # type: ignore[return-value]
