"""The reader's views for the command line: the reading as text, and codes beside their evidence.

Also reads a note file with the checks a note needs (size, binary, encoding).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vascular.errors import NoteError
from vascular.reading.model import Evidence, NoteReading
from vascular.reading.note import MAX_NOTE_CHARS

if TYPE_CHECKING:
    from vascular.anatomy import Anatomy
    from vascular.results import CodingResult

__all__ = ["MAX_NOTE_BYTES", "evidence_text", "note_text", "reading_text", "where"]

MAX_NOTE_BYTES = MAX_NOTE_CHARS * 4
"""Largest note file read, in bytes."""

_QUOTE = 110


def note_text(source: str) -> str:
    """The text of a note file (``-`` for standard input).

    Raises:
        NoteError: the file cannot be read, is too large, is binary or is not UTF-8 text.
    """
    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise NoteError("standard input is closed: give a note file, or pipe one in")
            data = getattr(sys.stdin, "buffer", sys.stdin).read(MAX_NOTE_BYTES + 1)
        else:
            with Path(source).open("rb") as stream:
                data = stream.read(MAX_NOTE_BYTES + 1)
    except OSError as error:
        raise NoteError(f"cannot read {name}: {error.strerror or error}") from None
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    if len(data) > MAX_NOTE_BYTES:
        raise NoteError(
            f"{name} is larger than {MAX_NOTE_BYTES // 1000} kB: a procedure note is a few "
            "kilobytes; check that this is a note"
        )
    if b"\x00" in data:
        raise NoteError(f"{name} is a binary file, not a note's text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NoteError(f"{name} is not UTF-8 text") from None


def where(text: str, evidence: Evidence) -> str:
    """'line 4, characters 120-180' for a piece of evidence in the note."""
    start = evidence.mention_start if evidence.mention_start >= 0 else evidence.start
    end = evidence.mention_end if evidence.mention_end >= 0 else evidence.end
    return f"line {text.count(chr(10), 0, start) + 1}, characters {start}-{end}"


def _quote(evidence: Evidence) -> str:
    sentence = " ".join(evidence.sentence.split())
    return sentence if len(sentence) <= _QUOTE else sentence[: _QUOTE - 3] + "..."


def _imaging(placement: dict[str, Any]) -> str:
    imaging = placement.get("imaging")
    parts = []
    if imaging is True:
        parts.append("imaging")
    elif isinstance(imaging, list):
        parts.append("imaging: " + ", ".join(imaging))
    if placement.get("sampling"):
        parts.append("sampling")
    return f" [{'; '.join(parts)}]" if parts else ""


def reading_text(reading: NoteReading, text: str) -> str:
    """The reading as a coder reads it: each step with its evidence, then findings and queries."""
    lines = ["Proposed case (confirm each step against the note):", ""]
    for number, access in enumerate(reading.accesses):
        label = access.access.get("id", "A" if number == 0 else "?")
        direction = access.access.get("direction", "toward the heart")
        lines.append(f"Access {label}: {_capital(access.name)} ({direction})")
        lines += _evidence_lines(access.evidence[:1], text)
    for number, placement in enumerate(reading.placements, 1):
        via = (
            f" from access {placement.placement['access']}"
            if "access" in placement.placement
            else ""
        )
        name = _capital(placement.name)
        lines.append(f"{number:>2}. {name}{_imaging(placement.placement)}{via}")
        lines += _evidence_lines(placement.evidence, text)
    if reading.interventions:
        lines += ["", "Interventions the note names (the coder chooses the code):"]
        for intervention in reading.interventions:
            code = f" code {intervention.code} as stated" if intervention.code else ""
            vessel = intervention.name or intervention.vessel or "vessel not named"
            lines.append(f"  - {intervention.kind}: {vessel}{code}")
            lines += _evidence_lines((intervention.evidence,), text)
    if reading.findings:
        lines += ["", "Findings (what the reader left out or was unsure of):"]
        lines += [f"  - {finding.message}" for finding in reading.findings]
    lines += ["", reading.queries_text()]
    return "\n".join(lines)


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def _evidence_lines(evidence: tuple[Evidence, ...], text: str) -> list[str]:
    return [f'      "{_quote(e)}" ({where(text, e)})' for e in evidence[:3]]


def evidence_text(result: CodingResult, reading: NoteReading, anatomy: Anatomy, text: str) -> str:
    """Each code line with the evidence of the placements it stands for."""
    by_vessel: dict[str, Evidence] = {}
    for placement in reading.placements:
        vessel = str(placement.placement["vessel"])
        by_vessel.setdefault(vessel, placement.evidence[0])
    lines = ["", "Evidence for each line:"]
    for line in result.lines:
        label = "-".join([line.code, *line.modifiers])
        found = [(v, by_vessel[v]) for v in line.vessels if v in by_vessel]
        if not found:
            access = reading.accesses[0].evidence[0] if reading.accesses else None
            quote = f' "{_quote(access)}" ({where(text, access)})' if access else ""
            lines.append(f"  {label}: the access{quote}")
            continue
        for vessel, evidence in found:
            lines.append(
                f'  {label}: {anatomy.name(vessel).lower()}: "{_quote(evidence)}" '
                f"({where(text, evidence)})"
            )
    if reading.queries:
        lines += ["", reading.queries_text()]
    return "\n".join(lines)
