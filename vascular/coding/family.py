"""The code-family protocol: what every family module provides, and what it returns.

A code family (cervicocerebral, renal, arterial-selective, venous, portal, pulmonary,
non-selective...) is one module in `vascular.coding.families` that declares the shape of its table
section in ``rules/tables.yaml``, compiles that section once against the anatomy, and codes the
placements no earlier family claimed. Families run in the order the data lists them
(``tables.yaml`` ``families``), which states their precedence. A family returns drafts (code lines
before modifiers), findings (notes on placements, warnings, problems) and the placements it
claimed; it mutates nothing. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from vascular.findings import Finding
from vascular.frozen import field, record
from vascular.records import Side

if TYPE_CHECKING:
    from vascular.anatomy import Anatomy
    from vascular.rulebook import Settings
    from vascular.traversal import AccessSite, Stop, Tracing

__all__ = [
    "CaseView",
    "CodeFamily",
    "Draft",
    "FamilyResult",
    "option_findings",
    "terminal_and_folded",
]


@record
class Draft:
    """A code line before modifiers are settled."""

    code: str
    access: AccessSite
    findings: tuple[Finding, ...]
    """The reasons for the line."""
    group: str
    """Lines of one group (a family, a side, a site) are listed together, initial code first."""
    rank: int = 0
    """Order within the group, before the code (the carotid before the vertebral hierarchy)."""
    units: int = 1
    family: str | None = None
    vessels: tuple[str, ...] = ()
    side: Side | None = None
    """The side RT/LT will name, when the line has laterality."""
    modifiers: tuple[str, ...] = ()
    """Modifiers decided by the family itself (50 for a bilateral line)."""
    other_accesses: tuple[AccessSite, ...] = ()
    """Further accesses a line combines (both sides of a bilateral code)."""
    by: str = ""
    """The id of the family that made it."""
    as_entered: bool = False
    """A line the case entered itself (an intervention): listed first, in the order given, and
    left out of the catheter codes' modifier rules (only its side modifier is added)."""
    includes: tuple[int, ...] = ()
    """For an intervention line: the placements it includes (they have no line of their own)."""
    covers: tuple[AccessSite, ...] | None = None
    """The accesses whose own non-selective catheter code this line includes; None: its access
    and `other_accesses`."""

    def covered(self) -> tuple[AccessSite, ...]:
        """The accesses whose own non-selective catheter code this line includes."""
        if self.covers is not None:
            return self.covers
        return (self.access, *self.other_accesses)


@record
class FamilyResult:
    """What one family coded."""

    family: str
    drafts: tuple[Draft, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Notes on placements, warnings and problems."""
    claimed: frozenset[int] = frozenset()
    """Indexes of the placements this family coded (later families do not see them)."""
    restated: tuple[Stop, ...] = ()
    """Placements later families must read as given here instead (imaging an intervention
    includes taken away)."""
    marks: tuple[Finding, ...] = ()
    """Reasons for the distinct-service modifier on whichever line a later family makes for the
    placements they name (a qualifying diagnostic study at an intervention)."""


@record
class CaseView:
    """What a family may read: the anatomy, the traced case, the options, earlier families."""

    anatomy: Anatomy
    tracing: Tracing
    settings: Settings
    earlier: list[FamilyResult] = field(default_factory=list)
    """The results of the families that ran before this one (the engine appends; read only)."""

    def noted(self) -> frozenset[int]:
        """Placements an earlier family already wrote a note about."""
        return frozenset(
            index
            for result in self.earlier
            for finding in result.findings
            if finding.severity == "note"
            for index in finding.subject
        )

    def drafts(self) -> Iterable[Draft]:
        """Every draft of the earlier families."""
        return (draft for result in self.earlier for draft in result.drafts)


class CodeFamily(Protocol):
    """One code family: its id, its table's shape, how it compiles the table, how it codes."""

    id: ClassVar[str]
    """Its id in tables.yaml (section name and place in the ``families`` list)."""
    table: ClassVar[type | None]
    """The shape of its table section (a `vascular.contract` shape), or None for no section."""

    def compile(self, table: Any, anatomy: Anatomy) -> Any:
        """The table made ready for look-ups against this anatomy."""

    def code(self, view: CaseView, stops: Sequence[Stop], table: Any) -> FamilyResult:
        """Code the placements no earlier family claimed (all of the case's, in input order)."""


def terminal_and_folded(stops: Sequence[Stop]) -> tuple[list[Stop], list[tuple[Stop, Stop]]]:
    """The selections not on the way to another one, and each other one with a selection beyond it.

    A vessel listed twice counts once (its first listing). Rule: destination. Linear in the number
    of placements times the depth of the tree.
    """
    first: dict[str, Stop] = {}
    for stop in stops:
        first.setdefault(stop.vessel.id, stop)
    unique = sorted(first.values(), key=lambda stop: stop.index)
    deepest: dict[str, Stop] = {}
    for other in unique:
        key = (len(other.route), other.vessel.id)
        for vessel_id in other.passed:
            if vessel_id in first:
                known = deepest.get(vessel_id)
                if known is None or key > (len(known.route), known.vessel.id):
                    deepest[vessel_id] = other
    terminal: list[Stop] = []
    folded: list[tuple[Stop, Stop]] = []
    for stop in unique:
        beyond = deepest.get(stop.vessel.id)
        if beyond is not None and beyond is not stop:
            folded.append((stop, beyond))
        else:
            terminal.append(stop)
    return terminal, folded


def option_findings(stops: Iterable[Stop]) -> list[Finding]:
    """One reason per option effect that decided something for these placements (no repeats)."""
    seen: dict[tuple[str, str, tuple[tuple[str, Any], ...]], Finding] = {}
    for stop in stops:
        for effect in stop.effects:
            key = (effect.rule, effect.key, tuple(effect.facts.items()))
            seen.setdefault(key, Finding(effect.rule, effect.key, effect.subject, effect.facts))
    return list(seen.values())
