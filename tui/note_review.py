"""NoteReview (Textual-free): a note's reading as steps the coder accepts or rejects, then a case.

The reading is the library's (`vascular.read_note`); the review only keeps which proposed steps
the coder accepted, says where each one's evidence is in the note, and builds the case from the
accepted steps with the note's text kept in it (`Case.note`). A rejected access takes its
placements with it. Nothing is added that the reading did not propose.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vascular import MAX_NOTE_CHARS, Case, NoteError, NoteReading, parse_case, read_note

__all__ = ["MAX_NOTE_BYTES", "NoteReview", "ReviewStep", "load_note", "position"]

MAX_NOTE_BYTES = MAX_NOTE_CHARS * 4
"""Largest note file opened, in bytes."""


@dataclass
class ReviewStep:
    """One proposed step: an access or a placement, and whether the coder accepts it."""

    kind: str
    """'access' or 'placement'."""
    label: str
    """What the row says."""
    data: dict[str, Any]
    """The step in the case's shape."""
    spans: tuple[tuple[int, int], ...]
    """The characters of the note that support it (the vessel's name in each sentence)."""
    accepted: bool = True


def _label(kind: str, name: str, data: dict[str, Any]) -> str:
    if kind == "access":
        direction = data.get("direction") or "toward the heart"
        return f"Access {data.get('id', 'A')}: {name} ({direction})"
    extras = []
    imaging = data.get("imaging")
    if imaging is True:
        extras.append("imaging")
    elif isinstance(imaging, list):
        extras.append("imaging: " + ", ".join(imaging))
    if data.get("sampling"):
        extras.append("sampling")
    if "access" in data:
        extras.append(f"from {data['access']}")
    return name + (f" [{'; '.join(extras)}]" if extras else "")


def _spans(evidence: Any) -> tuple[tuple[int, int], ...]:
    found = []
    for item in evidence:
        if item.mention_start >= 0:
            found.append((item.mention_start, item.mention_end))
        else:
            found.append((item.start, item.end))
    return tuple(found)


class NoteReview:
    """A note, its reading, and the coder's accept or reject for each proposed step."""

    def __init__(self, text: str, reading: NoteReading) -> None:
        """Every proposed step starts accepted; the coder rejects what the note does not support."""
        self.text = text
        self.reading = reading
        self.steps: list[ReviewStep] = []
        for access in reading.accesses:
            name = access.name[:1].upper() + access.name[1:]
            self.steps.append(
                ReviewStep(
                    "access",
                    _label("access", name, access.access),
                    access.access,
                    _spans(access.evidence),
                )
            )
        for placement in reading.placements:
            name = placement.name[:1].upper() + placement.name[1:]
            self.steps.append(
                ReviewStep(
                    "placement",
                    _label("placement", name, placement.placement),
                    placement.placement,
                    _spans(placement.evidence),
                )
            )

    @classmethod
    def read(cls, text: str, anatomy: Any = None) -> NoteReview:
        """Read `text` with the library's note reader.

        Raises:
            NoteError: the note cannot be read (empty, binary, not a vascular note).
        """
        return cls(text, read_note(text, anatomy))

    def toggle(self, index: int) -> ReviewStep:
        """Accept a rejected step, or reject an accepted one."""
        step = self.steps[index]
        step.accepted = not step.accepted
        return step

    def _access_ids(self) -> set[str]:
        ids = set()
        for number, step in enumerate(s for s in self.steps if s.kind == "access"):
            if step.accepted:
                ids.add(step.data.get("id", "A" if number == 0 else ""))
        return ids

    def case_data(self) -> dict[str, Any]:
        """The accepted steps as case JSON, with the note's text."""
        base = dict(self.reading.case or {})
        accesses = [s.data for s in self.steps if s.kind == "access" and s.accepted]
        kept = self._access_ids()
        placements = [
            s.data
            for s in self.steps
            if s.kind == "placement" and s.accepted and s.data.get("access", "A") in kept
        ]
        if len(accesses) == 1 and "id" in accesses[0]:
            # one access left: its placements need no access id
            only = accesses[0]["id"]
            accesses = [{k: v for k, v in accesses[0].items() if k != "id"}]
            placements = [
                {k: v for k, v in p.items() if k != "access"}
                for p in placements
                if p.get("access", only) == only
            ]
        base.update(accesses=accesses, placements=placements, note=self.text)
        if not accesses:
            base.pop("interventions", None)
        return base

    def case(self) -> Case:
        """The accepted steps as a `Case` (its shape checked by the library).

        Raises:
            CaseError: no access is accepted (a case needs one).
        """
        return parse_case(self.case_data())

    @property
    def counts(self) -> tuple[int, int]:
        """(accepted steps, all steps)."""
        return sum(s.accepted for s in self.steps), len(self.steps)


def position(text: str, offset: int) -> tuple[int, int]:
    """The (row, column) of a character offset, as a text area counts them."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return row, offset - start


def load_note(path: Path) -> str:
    """The text of a note file.

    Raises:
        NoteError: the file cannot be read, is too large, binary or not UTF-8 text.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_NOTE_BYTES + 1)
    except OSError as error:
        raise NoteError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_NOTE_BYTES:
        raise NoteError(f"{path} is larger than {MAX_NOTE_BYTES // 1000} kB: is it a note?")
    if b"\x00" in data:
        raise NoteError(f"{path} is a binary file, not a note's text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NoteError(f"{path} is not UTF-8 text") from None
