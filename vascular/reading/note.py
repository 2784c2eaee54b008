"""`read_note`: the reader's one entry; the draft checked by coding it, then frozen."""

from __future__ import annotations

import re
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import MAX_NOTE_CHARS
from vascular.errors import CaseError, NoteError
from vascular.reading.model import (
    NoteReading,
    ProposedAccess,
    ProposedIntervention,
    ProposedPlacement,
)
from vascular.reading.propose import Draft, Step, propose, step_json
from vascular.reading.queries import Queries
from vascular.reading.words import ReaderWords, reader_words

__all__ = ["MAX_NOTE_CHARS", "read_note"]


_WHERE = re.compile(
    r"^(?P<part>placements|interventions|accesses)\[(?P<index>\d+)\](?:\.(?P<field>\w+))?"
)
_ROUNDS = 8
_CONSTRUCT = re.compile(r'"constructs": \["(?P<id>[a-z0-9_]+)"\]')


def _checked_text(text: str) -> str:
    if not isinstance(text, str):
        raise NoteError("the note must be text")
    if "\x00" in text:
        raise NoteError("the note is not text (it holds binary data)")
    if len(text) > MAX_NOTE_CHARS:
        raise NoteError(
            f"the note has {len(text):,} characters; a procedure note has a few thousand "
            f"(at most {MAX_NOTE_CHARS:,} are read): check that this is a note"
        )
    if not text.strip():
        raise NoteError("the note is empty")
    return text


def read_note(text: str, anatomy: Anatomy | None = None) -> NoteReading:
    """Read a procedure note into a proposed case, with evidence, findings and queries.

    Args:
        text: the note's text as dictated (sections with headings, or one narrative).
        anatomy: the atlas (default: the embedded atlas).

    Returns:
        The reading. Its `case` is in the exact shape `vascular code` reads and codes as it is,
        or None when the note names no access.

    Raises:
        NoteError: the text is empty, binary, too long, or names no vessel at all in its
            procedure description (not a vascular catheter procedure note).
    """
    from vascular.loading import load_anatomy

    _checked_text(text)
    atlas = anatomy or load_anatomy()
    words = reader_words()
    queries = Queries(words)
    draft = propose(text, atlas, words, queries)
    if not draft.accesses and not draft.placements:
        raise NoteError(
            "the note names no vessel catheterized or punctured in a procedure description: it "
            "does not read as a vascular catheter procedure note"
        )
    return _reading(draft, atlas, words, queries)


def _reading(draft: Draft, anatomy: Anatomy, words: ReaderWords, queries: Queries) -> NoteReading:
    if not draft.accesses:
        draft.find("no-access", "The note does not name the vessel punctured for access.")
        queries.ask("access_missing", None)
    placements = [step for step in draft.placements if step.access is not None]
    for step in draft.placements:
        if step.access is None and draft.accesses:
            draft.find(
                "no-access",
                f"The {step.name.lower()} cannot be reached from the accesses named: left out.",
                step.evidence[0],
            )
    if draft.accesses:
        case, placements = _checked(draft, placements, anatomy, queries)
    else:  # no case, but what was read is shown with its evidence
        case, placements = None, list(draft.placements)
    territory_ids = _territory_ids(anatomy, words)
    for step in placements:
        if step.imaging and step.vessel in territory_ids and not step.territory_named:
            queries.ask("territory", step.evidence[-1], name=step.name.lower())
            draft.find(
                "territory",
                f"Imaging from the {step.name.lower()} without its territory: read as the "
                "vessel's own; the territory decides the code.",
                step.evidence[-1],
            )
    ids = _access_ids(draft.accesses)
    return NoteReading(
        case=case,
        accesses=tuple(
            ProposedAccess(_access_json(a, ids), tuple(a.evidence), a.name) for a in draft.accesses
        )
        if case is not None
        else (),
        placements=tuple(
            ProposedPlacement(step_json(s, ids), tuple(s.evidence), s.name, s.note)
            for s in placements
        ),
        interventions=tuple(draft.interventions),
        findings=tuple(draft.findings),
        queries=queries.raised,
    )


def _territory_ids(anatomy: Anatomy, words: ReaderWords) -> frozenset[str]:
    found: set[str] = set()
    for name in words.territory_positions:
        for side in ("", "right ", "left "):
            reading = anatomy.read_name(side + name)
            if reading.kind == "vessel" and reading.vessel:
                found.add(reading.vessel)
    return frozenset(found)


def _access_ids(accesses: list[Step]) -> dict[int, str]:
    return {id(a): chr(ord("A") + n) if n < 26 else f"A{n}" for n, a in enumerate(accesses)}


def _access_json(access: Step, ids: dict[int, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"vessel": access.vessel}
    if len(ids) > 1:
        data = {"id": ids[id(access)], **data}
    if access.direction:
        data["direction"] = access.direction
    return data


def _case(
    draft: Draft, placements: list[Step], coded: list[ProposedIntervention]
) -> dict[str, Any]:
    ids = _access_ids(draft.accesses)
    case: dict[str, Any] = {
        "accesses": [_access_json(a, ids) for a in draft.accesses],
        "placements": [step_json(s, ids) for s in placements],
    }
    variants = sorted({s.variant for s in placements if s.variant})
    if variants:
        case["variants"] = variants
    if draft.constructs:
        case["constructs"] = list(draft.constructs)
    if coded:
        case["interventions"] = [{"code": i.code, "vessel": i.vessel} for i in coded]
    return case


def _checked(
    draft: Draft, placements: list[Step], anatomy: Anatomy, queries: Queries
) -> tuple[dict[str, Any] | None, list[Step]]:
    """The case, coded to check it: what the engine refuses is left out and said why."""
    from vascular.api import code_case

    coded = [i for i in draft.interventions if i.code and i.vessel]
    for _ in range(_ROUNDS):
        case = _case(draft, placements, coded)
        try:
            code_case(case, anatomy, rationale=False)
        except CaseError as error:
            if not _repair(error, draft, placements, coded, queries):
                draft.find("not-coded", f"The proposed case cannot be coded: {error}")
                return None, placements
            continue
        return case, placements
    return None, placements


def _repair(
    error: CaseError,
    draft: Draft,
    placements: list[Step],
    coded: list[ProposedIntervention],
    queries: Queries,
) -> bool:
    """Fix the draft for the engine's problems; False when one cannot be fixed here."""
    if _add_constructs(error, draft, placements):
        return True  # the other problems may go with the construct: code again first
    dropped: set[int] = set()
    dropped_interventions: set[int] = set()
    for problem in error.problems:
        match = _WHERE.match(problem.where)
        if match is None or match["part"] == "accesses":
            return False
        index = int(match["index"])
        if match["part"] == "interventions":
            if index < len(coded):
                draft.find(
                    "not-coded",
                    f"The stated intervention code is refused: {problem.message}",
                    coded[index].evidence,
                )
                dropped_interventions.add(index)
            continue
        if index >= len(placements):
            return False
        step = placements[index]
        if match["field"] == "imaging" and step.imaging:
            step.imaging = isinstance(step.imaging, list)
            step.territory_named = False
            draft.find(
                "territory",
                f"The imaging of the {step.name.lower()} is not coded as read: {problem.message}",
                step.evidence[-1],
            )
            queries.ask("territory", step.evidence[-1], name=step.name.lower())
            continue
        dropped.add(index)
        draft.find(
            "not-coded",
            f"The {step.name.lower()} is left out: {problem.message}",
            step.evidence[0],
        )
        if problem.candidates:
            choices = ", ".join(problem.candidates[:4]).replace("_", " ")
            queries.ask("which_vessel", step.evidence[0], text=step.vessel, choices=choices)
    for index in sorted(dropped, reverse=True):
        del placements[index]
    for index in sorted(dropped_interventions, reverse=True):
        del coded[index]
    return True


def _add_constructs(error: CaseError, draft: Draft, placements: list[Step]) -> bool:
    """Add the constructs whose vessel the note names as a placement (a TIPS tract, a fistula)."""
    added = False
    for problem in error.problems:
        match = _WHERE.match(problem.where)
        construct = _CONSTRUCT.search(problem.message)
        if match is None or construct is None or match["part"] != "placements":
            continue
        index = int(match["index"])
        if construct["id"] in draft.constructs or index >= len(placements):
            continue
        step = placements[index]
        draft.constructs.append(construct["id"])
        draft.find(
            "construct",
            f"The note names the {step.name.lower()}: the construct {construct['id']} is added "
            "to the case.",
            step.evidence[0],
        )
        added = True
    return added
