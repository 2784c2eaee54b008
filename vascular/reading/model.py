"""What the note reader returns: a proposed case, the evidence for each step, findings, queries.

Frozen records and their JSON shapes; no reading logic here.
"""

from __future__ import annotations

from typing import Any, Literal

from vascular import frozen

__all__ = [
    "Evidence",
    "FindingKind",
    "NoteReading",
    "ProposedAccess",
    "ProposedIntervention",
    "ProposedPlacement",
    "Query",
    "ReaderFinding",
]

FindingKind = Literal[
    "seen-only",
    "failed",
    "negated",
    "uncertain",
    "merged",
    "no-side",
    "which-vessel",
    "evaluated",
    "imaging-without-position",
    "territory",
    "intervention",
    "intervention-without-vessel",
    "no-access",
    "variant",
    "construct",
    "unmatched",
    "not-coded",
    "access-vessel",
    "side-from-context",
    "section-skipped",
]
"""What a finding is about (see docs/reading.md)."""


@frozen.record
class Evidence:
    """Where in the note a step is supported.

    Attributes:
        sentence: the sentence's text as written.
        start: the sentence's first character in the note.
        end: one past its last character.
        mention_start: the vessel mention's first character in the note (-1 for none).
        mention_end: one past the mention's last character (-1 for none).
        words: the words that decided the step ('selected', 'arteriogram').
    """

    sentence: str
    start: int
    end: int
    mention_start: int = -1
    mention_end: int = -1
    words: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The evidence as JSON data."""
        return {
            "sentence": self.sentence,
            "span": [self.start, self.end],
            "mention": [self.mention_start, self.mention_end] if self.mention_start >= 0 else None,
            "words": list(self.words),
        }


@frozen.record
class ProposedAccess:
    """An access the note supports, in the case's shape, with its evidence."""

    access: dict[str, Any]
    evidence: tuple[Evidence, ...]
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        """The access and its evidence as JSON data."""
        return {**self.access, "name": self.name, "evidence": [e.to_json() for e in self.evidence]}


@frozen.record
class ProposedPlacement:
    """A placement the note supports, in the case's shape, with its evidence."""

    placement: dict[str, Any]
    evidence: tuple[Evidence, ...]
    name: str = ""
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """The placement and its evidence as JSON data."""
        return {
            **self.placement,
            "name": self.name,
            "note": self.note,
            "evidence": [e.to_json() for e in self.evidence],
        }


@frozen.record
class ProposedIntervention:
    """A treatment the note names: its kind, the vessel treated if named, a code if stated."""

    kind: str
    vessel: str | None
    code: str | None
    evidence: Evidence
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        """The intervention as JSON data."""
        return {
            "kind": self.kind,
            "vessel": self.vessel,
            "name": self.name,
            "code": self.code,
            "evidence": self.evidence.to_json(),
        }


@frozen.record
class ReaderFinding:
    """Something the reader was unsure of, or left out, and why."""

    kind: FindingKind
    message: str
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON data."""
        return {
            "kind": self.kind,
            "message": self.message,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@frozen.record
class Query:
    """A question for the physician: a documentation gap that leaves a coding fact open."""

    kind: str
    text: str
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        """The query as JSON data."""
        return {
            "kind": self.kind,
            "text": self.text,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@frozen.record
class NoteReading:
    """A note read into a proposed case.

    Attributes:
        case: the proposed case in the exact shape `vascular code` reads, or None when the note
            supports no case (no access named).
        accesses: each proposed access with its evidence, in case order.
        placements: each proposed placement with its evidence, in case order.
        interventions: each treatment the note names (in the case only when the note states
            its code).
        findings: what the reader was unsure of or left out, and why.
        queries: the physician queries.
    """

    case: dict[str, Any] | None
    accesses: tuple[ProposedAccess, ...]
    placements: tuple[ProposedPlacement, ...]
    interventions: tuple[ProposedIntervention, ...]
    findings: tuple[ReaderFinding, ...]
    queries: tuple[Query, ...]

    def to_json(self) -> dict[str, Any]:
        """The reading as JSON data (``vascular read --json``)."""
        return {
            "schema_version": 1,
            "case": self.case,
            "accesses": [a.to_json() for a in self.accesses],
            "placements": [p.to_json() for p in self.placements],
            "interventions": [i.to_json() for i in self.interventions],
            "findings": [f.to_json() for f in self.findings],
            "queries": [q.to_json() for q in self.queries],
        }

    def queries_text(self) -> str:
        """The physician queries as plain text, numbered, ready to send."""
        if not self.queries:
            return "No physician queries: the note documents every coding fact the reader needs."
        lines = ["Physician queries (documentation clarification):", ""]
        for number, query in enumerate(self.queries, 1):
            lines.append(f"{number}. {query.text}")
        return "\n".join(lines)
