"""Arterial selective codes by family: the thoracic and the abdominal series, initial plus add-on.

Per family (rule ids in the table): drop selections on the way to another selection, give the
deepest remaining one the initial code for its order (third order and beyond share one code), and
one add-on unit to every other remaining selection of second order or deeper. The family's region
picks the series. Pure; no I/O.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
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
from vascular.records import Side
from vascular.traversal import AccessSite, Stop

__all__ = ["ArterialSelective", "Series", "family_side"]


@shape
class Series:
    """The selective codes of one region: initial code per order, and the add-on."""

    first: str = spec(default=REQUIRED, ref="code", doc="First-order code.")
    second: str = spec(default=REQUIRED, ref="code", doc="Initial second-order code.")
    third: str = spec(default=REQUIRED, ref="code", doc="Initial third-order-or-beyond code.")
    add_on: str = spec(
        default=REQUIRED, ref="code", doc="Each additional second-order-or-beyond branch."
    )

    def for_order(self, order: int) -> str:
        """The initial code for a selection of this order (third and beyond share one code)."""
        return self.first if order <= 1 else self.second if order == 2 else self.third


@shape
class Rules:
    """The rules this family's reasons cite."""

    region: str = spec(default=REQUIRED, ref="rule", doc="The family's region picks the series.")
    order: str = spec(default=REQUIRED, ref="rule", doc="How the order was counted.")
    continuation: str = spec(default=REQUIRED, ref="rule", doc="Continuations add no order.")
    first_order: str = spec(default=REQUIRED, ref="rule", doc="Stopped at the first order.")
    initial: str = spec(default=REQUIRED, ref="rule", doc="The initial code of the family.")
    destination: str = spec(default=REQUIRED, ref="rule", doc="Waypoints are included.")
    add_on: str = spec(default=REQUIRED, ref="rule", doc="One add-on per further branch.")


@shape
class Table:
    """Section ``arterial-selective`` of tables.yaml."""

    series: dict[str, Series] = spec(
        default=REQUIRED, doc="Selective series by region (thoracic, abdominal)."
    )
    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")


class ArterialSelective:
    """Arterial placements not claimed by an imaging family: coded family by family."""

    id: ClassVar[str] = "arterial-selective"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Table:
        """Nothing to compile: the series are read by region."""
        return table

    def code(self, view: CaseView, stops: Sequence[Stop], table: Table) -> FamilyResult:
        """The selective lines of every access's arterial placements, family by family."""
        families: dict[tuple[int, str], list[Stop]] = defaultdict(list)
        for stop in stops:
            if stop.system == "artery" and stop.selective and stop.family is not None:
                families[stop.access.index, stop.family].append(stop)
        drafts: list[Draft] = []
        notes: list[Finding] = []
        claimed: set[int] = set()
        for access_index, family in sorted(families):
            found = families[access_index, family]
            claimed.update(stop.index for stop in found)
            more_drafts, more_notes = _code_family(view, table, family, found)
            drafts += more_drafts
            notes += more_notes
        return FamilyResult(self.id, tuple(drafts), tuple(notes), frozenset(claimed))


def _code_family(
    view: CaseView, table: Table, family: str, stops: list[Stop]
) -> tuple[list[Draft], list[Finding]]:
    anatomy = view.anatomy
    rules = table.rules
    site: AccessSite = stops[0].access
    region = anatomy.vessel(family).region
    series = table.series[region]
    terminal, folded = terminal_and_folded(stops)
    ranked = sorted(terminal, key=lambda stop: (-(stop.order or 0), stop.vessel.id))
    top = ranked[0]
    order = top.order or 1
    code = series.for_order(order)
    reasons = [
        Finding(
            rules.region,
            region,
            facts={
                "family": family,
                "access": site.id,
                "first": series.first,
                "last": series.add_on,
            },
        ),
        Finding(
            next((e.rule for e in top.effects if e.rule != rules.order), rules.order),
            "order",
            (top.index,),
            {"vessel": top.vessel.id, "order": order, "stop": top.index},
        ),
    ]
    notes: list[Finding] = []
    if any(_has_continuation(anatomy, stop) for stop in terminal):
        reasons.append(Finding(rules.continuation))
    if order == 1:
        reasons.append(Finding(rules.first_order, facts={"code": code}))
    else:
        reasons.append(
            Finding(
                rules.initial,
                "beyond" if order > 3 else "reason",
                (top.index,),
                {"order": order, "code": code},
            )
        )
    for stop, deeper in folded:
        reasons.append(
            Finding(
                rules.destination,
                "reason",
                (stop.index,),
                {"vessel": stop.vessel.id, "order": stop.order, "deeper": deeper.vessel.id},
            )
        )
        notes.append(
            Finding(
                rules.destination,
                "family-note",
                (stop.index,),
                {"family": family, "deeper": deeper.vessel.id},
                "note",
            )
        )
    for stop in (stop for stop in ranked[1:] if (stop.order or 0) < 2):
        reasons.append(
            Finding(
                rules.initial,
                "first-order-included",
                (stop.index,),
                {"vessel": stop.vessel.id, "code": code},
            )
        )
        notes.append(
            Finding(rules.initial, "first-order-note", (stop.index,), {"code": code}, "note")
        )
    reasons += option_findings(stops)
    notes.append(
        Finding(rules.initial, "coded-note", (top.index,), {"code": code, "family": family}, "note")
    )
    drafts = [
        Draft(
            code=code,
            access=site,
            findings=tuple(reasons),
            group=family,
            family=family,
            vessels=(top.vessel.id,),
            side=family_side(anatomy, family, [top]),
            by=ArterialSelective.id,
        )
    ]
    add_ons = [stop for stop in ranked[1:] if (stop.order or 0) >= 2]
    if add_ons:
        units = len(add_ons)
        add_reasons = [
            Finding(
                rules.add_on,
                "reason",
                tuple(stop.index for stop in add_ons),
                {
                    "units": units,
                    "family": family,
                    "primary": code,
                    "stops": tuple(stop.index for stop in add_ons),
                },
            ),
            *option_findings(add_ons),
        ]
        notes += [
            Finding(rules.add_on, "note", (stop.index,), {"add_on": series.add_on}, "note")
            for stop in add_ons
        ]
        drafts.append(
            Draft(
                code=series.add_on,
                access=site,
                findings=tuple(add_reasons),
                group=family,
                units=units,
                family=family,
                vessels=tuple(stop.vessel.id for stop in add_ons),
                side=family_side(anatomy, family, add_ons),
                by=ArterialSelective.id,
            )
        )
    return drafts, notes


def _has_continuation(anatomy: Anatomy, stop: Stop) -> bool:
    return any(
        anatomy.has_edge(a, b) and anatomy.relation(a, b) == "continuation"
        for a, b in pairwise(stop.family_route)
    )


def family_side(anatomy: Anatomy, family: str, stops: Sequence[Stop]) -> Side | None:
    """The line's side, for RT/LT; None for a midline family (celiac, SMA).

    The family's first vessel's side; for an unpaired one (the innominate) the side every sided
    vessel of the family shares; in a family with both sides (a bovine arch), the coded vessels'.
    """
    side = anatomy.vessel(family).side
    if side != "unpaired":
        return side
    sides = anatomy.sides_in_subtree(family)
    if len(sides) > 1:
        sides = frozenset(stop.vessel.side for stop in stops)
    if len(sides) == 1 and "unpaired" not in sides:
        return typing.cast(Side, next(iter(sides)))
    return None
