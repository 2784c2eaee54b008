"""Selective venous codes (first order, beyond) and selective organ blood sampling.

Two selective levels only: a vein draining straight into a cava or the main portal vein is first
order, anything beyond is the second-order code. One line per selective placement that is not on
the way to another; a sampled position takes the sampling code instead, one unit per separately
catheterized site. Portal tributaries follow the portal_tributaries option. Pure; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import ClassVar

from vascular.anatomy import Anatomy
from vascular.coding.family import (
    CaseView,
    Draft,
    FamilyResult,
    option_findings,
    terminal_and_folded,
)
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Finding
from vascular.traversal import AccessSite, Stop

__all__ = ["Venous"]


@shape
class Rules:
    """The rules this family's reasons cite."""

    order: str = spec(default=REQUIRED, ref="rule", doc="Two selective venous levels.")
    line_per_branch: str = spec(default=REQUIRED, ref="rule", doc="One line per branch.")
    destination: str = spec(default=REQUIRED, ref="rule", doc="Waypoints are included.")
    sampling: str = spec(default=REQUIRED, ref="rule", doc="Organ blood sampling.")
    portal_tributaries: str = spec(default=REQUIRED, ref="rule", doc="The portal option.")


@shape
class Table:
    """Section ``venous`` of tables.yaml."""

    first_order: str = spec(default=REQUIRED, ref="code", doc="First-order tributary.")
    second_order: str = spec(default=REQUIRED, ref="code", doc="Second order or beyond.")
    sampling_code: str = spec(default=REQUIRED, ref="code", doc="Selective organ sampling.")
    portal_code: str = spec(default=REQUIRED, ref="code", doc="The portal access code.")
    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")


class Venous:
    """Selective placements and sampling in the systemic veins and the portal system."""

    id: ClassVar[str] = "venous"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Table:
        """Nothing to compile."""
        return table

    def code(self, view: CaseView, stops: Sequence[Stop], table: Table) -> FamilyResult:
        """The venous and sampling lines, access by access and system by system."""
        groups: dict[tuple[int, str], list[Stop]] = defaultdict(list)
        for stop in stops:
            if stop.system in ("vein", "portal_vein"):
                groups[stop.access.index, stop.system].append(stop)
        drafts: list[Draft] = []
        notes: list[Finding] = []
        claimed: set[int] = set()
        for key in sorted(groups):
            found = groups[key]
            claimed.update(stop.index for stop in found if stop.selective)
            _code_veins(view, table, found[0].access, found, drafts, notes)
        return FamilyResult(self.id, tuple(drafts), tuple(notes), frozenset(claimed))


def _code_veins(
    view: CaseView,
    table: Table,
    site: AccessSite,
    stops: list[Stop],
    drafts: list[Draft],
    notes: list[Finding],
) -> None:
    rules = table.rules
    portal = site.kind == "portal_vein"
    selective = [stop for stop in stops if stop.selective]
    for stop in stops:
        if stop.placement.sampling and not stop.selective:
            facts = {"vessel": stop.vessel.id, "code": table.sampling_code}
            notes.append(
                Finding(
                    rules.sampling,
                    "not-selective-warning",
                    (stop.index,),
                    facts,
                    "warning",
                    f"placements[{stop.index}]",
                )
            )
            notes.append(
                Finding(rules.sampling, "not-selective-note", (stop.index,), facts, "note")
            )
    terminal, folded = terminal_and_folded(selective)
    sampled_first: dict[str, Stop] = {}
    for stop in reversed(selective):
        if stop.placement.sampling:
            sampled_first[stop.vessel.id] = stop
    for stop in sorted(sampled_first.values(), key=lambda s: s.index):
        drafts.append(_sampling(table, site, stop, notes))
    sampled = set(sampled_first)
    for stop, deeper in folded:
        if stop.vessel.id not in sampled:
            notes.append(
                Finding(
                    rules.destination,
                    "venous-note",
                    (stop.index,),
                    {"deeper": deeper.vessel.id},
                    "note",
                )
            )
    for stop in terminal:
        if stop.vessel.id in sampled:
            continue
        if portal and view.settings.get("portal_tributaries") == "included":
            notes.append(
                Finding(
                    rules.portal_tributaries,
                    "included-note",
                    (stop.index,),
                    {"code": table.portal_code},
                    "note",
                )
            )
            continue
        deeper_of = [d for d, deeper in folded if deeper is stop]
        drafts.append(_selective(view, table, site, stop, deeper_of, notes))


def _selective(
    view: CaseView,
    table: Table,
    site: AccessSite,
    stop: Stop,
    folded: list[Stop],
    notes: list[Finding],
) -> Draft:
    rules = table.rules
    order = stop.order or 1
    code = table.first_order if order == 1 else table.second_order
    portal = site.kind == "portal_vein"
    key = ("first-portal" if portal else "first-cava") if order == 1 else "beyond"
    reasons = [
        Finding(
            rules.order,
            key,
            (stop.index,),
            {
                "vessel": stop.vessel.id,
                "access": site.id,
                "order": order,
                "stop": stop.index,
                "code": code,
            },
        ),
        Finding(rules.line_per_branch),
        *(
            Finding(
                rules.destination,
                "venous",
                (other.index,),
                {"vessel": other.vessel.id, "deeper": stop.vessel.id},
            )
            for other in folded
        ),
    ]
    if portal:
        reasons.append(
            Finding(rules.portal_tributaries, "reason", facts={"code": table.portal_code})
        )
    reasons += option_findings([stop, *folded])
    notes.append(
        Finding(rules.order, "coded-note", (stop.index,), {"code": code, "order": order}, "note")
    )
    return Draft(
        code=code,
        access=site,
        findings=tuple(reasons),
        group=stop.vessel.id,
        family=stop.family,
        vessels=(stop.vessel.id,),
        by=Venous.id,
    )


def _sampling(table: Table, site: AccessSite, stop: Stop, notes: list[Finding]) -> Draft:
    code = table.sampling_code
    notes.append(Finding(table.rules.sampling, "coded-note", (stop.index,), {"code": code}, "note"))
    return Draft(
        code=code,
        access=site,
        findings=(
            Finding(
                table.rules.sampling,
                "reason",
                (stop.index,),
                {"vessel": stop.vessel.id, "stop": stop.index, "access": site.id, "code": code},
            ),
        ),
        group=f"sampling:{stop.vessel.id}",
        family=stop.family,
        vessels=(stop.vessel.id,),
        by=Venous.id,
    )
