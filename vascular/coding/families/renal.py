"""Renal angiography codes: selective or superselective, one side or both.

Per side, the main or an accessory renal artery with renal angiography is the selective level; any
renal branch beyond is the superselective level. Both sides at one level is the bilateral code;
otherwise one unilateral code per side. The codes include the renal catheter placements, the
aortic catheter and the flush aortogram; accessory renals are part of their side's code. Pure;
no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import ClassVar

from vascular.anatomy import Anatomy
from vascular.coding.families.cervicocerebral import claim_with_the_way
from vascular.coding.family import CaseView, Draft, FamilyResult
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Finding
from vascular.records import Side
from vascular.traversal import Stop

__all__ = ["Renal"]


@shape
class Sided:
    """A unilateral code and its bilateral twin."""

    one_side: str = spec(default=REQUIRED, ref="code", doc="One side.")
    both_sides: str = spec(default=REQUIRED, ref="code", doc="Both sides.")


@shape
class Level:
    """One level of renal angiography and the positions that reach it."""

    name: str = spec(default=REQUIRED, doc="selective or superselective.")
    roles: tuple[str, ...] = spec(default=REQUIRED, doc="Catheter positions of this level.")
    codes: Sided = spec(default=REQUIRED, doc="Its codes.")


@shape
class Rules:
    """The rules this family's reasons cite."""

    angiography: str = spec(default=REQUIRED, ref="rule", doc="Renal angiography codes.")
    replaces_generic: str = spec(default=REQUIRED, ref="rule", doc="Includes lesser placements.")
    accessory: str = spec(default=REQUIRED, ref="rule", doc="Accessory renals are included.")


@shape
class Table:
    """Section ``renal`` of tables.yaml."""

    territory: str = spec(default=REQUIRED, doc="The imaging territory these codes need.")
    accessory_role: str = spec(default=REQUIRED, doc="The accessory renal position.")
    levels: tuple[Level, ...] = spec(default=REQUIRED, doc="Low to high: the deepest wins.")
    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")


class Renal:
    """Renal angiography from the renal arteries and their branches."""

    id: ClassVar[str] = "renal"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Table:
        """Nothing to compile."""
        return table

    def code(self, view: CaseView, stops: Sequence[Stop], table: Table) -> FamilyResult:
        """The renal angiography lines."""
        arterial = [stop for stop in stops if stop.system == "artery"]
        rank = {role: rank for rank, level in enumerate(table.levels) for role in level.roles}
        by_side: dict[Side, list[Stop]] = defaultdict(list)
        for stop in arterial:
            if (
                stop.role in rank
                and table.territory in stop.territories
                and stop.vessel.side != "unpaired"
            ):
                by_side[stop.vessel.side].append(stop)
        if not by_side:
            return FamilyResult(self.id)
        levels = {
            side: table.levels[max(rank[str(s.role)] for s in found)]
            for side, found in by_side.items()
        }
        claimed: set[int] = set()
        notes: list[Finding] = []
        for found in by_side.values():
            claim_with_the_way(found, arterial, claimed, notes, table.rules.replaces_generic)
        drafts: list[Draft] = []
        if len(levels) == 2 and len({level.name for level in levels.values()}) == 1:
            level = levels["right"]
            found = by_side["right"] + by_side["left"]
            code = level.codes.both_sides
            reasons = [
                Finding(
                    table.rules.angiography,
                    f"both-sides-{level.name}",
                    tuple(s.index for s in found),
                    {
                        "code": code,
                        "right": tuple(sorted(s.vessel.id for s in by_side["right"])),
                        "left": tuple(sorted(s.vessel.id for s in by_side["left"])),
                    },
                ),
                *_common(table, found, code, notes),
            ]
            others = {s.access.index: s.access for s in found if s.access is not found[0].access}
            drafts.append(
                Draft(
                    code=code,
                    access=found[0].access,
                    findings=tuple(reasons),
                    group="renal",
                    vessels=tuple(stop.vessel.id for stop in found),
                    other_accesses=tuple(others.values()),
                    by=self.id,
                )
            )
            return FamilyResult(self.id, tuple(drafts), tuple(notes), frozenset(claimed))
        for side, level in sorted(levels.items()):
            found = by_side[side]
            code = level.codes.one_side
            reasons = [
                Finding(
                    table.rules.angiography,
                    f"one-side-{level.name}",
                    tuple(s.index for s in found),
                    {
                        "code": code,
                        "side": side,
                        "vessels": tuple(sorted(s.vessel.id for s in found)),
                    },
                ),
                *_common(table, found, code, notes),
            ]
            if len(levels) == 2:
                reasons.append(Finding(table.rules.angiography, "sides-differ"))
            drafts.append(
                Draft(
                    code=code,
                    access=found[0].access,
                    findings=tuple(reasons),
                    group=f"renal:{side}",
                    family=found[0].family,
                    vessels=tuple(stop.vessel.id for stop in found),
                    side=side,
                    by=self.id,
                )
            )
        return FamilyResult(self.id, tuple(drafts), tuple(notes), frozenset(claimed))


def _common(table: Table, found: list[Stop], code: str, notes: list[Finding]) -> list[Finding]:
    reasons = [Finding(table.rules.replaces_generic, "renal", facts={"code": code})]
    notes += [
        Finding(table.rules.angiography, "coded-note", (stop.index,), {"code": code}, "note")
        for stop in found
    ]
    accessory = tuple(sorted(s.vessel.id for s in found if s.role == table.accessory_role))
    if accessory:
        reasons.append(Finding(table.rules.accessory, "reason", facts={"vessels": accessory}))
    return reasons
