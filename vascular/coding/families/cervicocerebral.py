"""Cervicocerebral angiography codes: the arch code, two hierarchies per side, and two add-ons.

A placement whose imaging these codes name is claimed here, with the placements on the way to it
from the same access, and is not coded again by the generic selective codes. Each side of the neck
has two independent hierarchies (carotid, vertebral), each coded at its highest level; an add-on
needs its primary on the same side; the same code on both sides is one line with the bilateral
modifier. Codes, roles, ranks and rule ids are in the table section. Pure; no I/O.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Sequence
from typing import ClassVar

from vascular.anatomy import Anatomy
from vascular.case import Territory
from vascular.coding.family import CaseView, Draft, FamilyResult
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Finding
from vascular.frozen import record, replace
from vascular.records import Side
from vascular.rulebook import Settings
from vascular.traversal import Stop

__all__ = ["Cervicocerebral", "claim_with_the_way", "side_of"]


@shape
class Level:
    """One code of a hierarchy: the positions it is coded from and the territory imaged."""

    code: str = spec(default=REQUIRED, ref="code", doc="The code.")
    roles: tuple[str, ...] = spec(default=REQUIRED, doc="Catheter positions it is coded from.")
    territory: Territory = spec(default=REQUIRED, doc="The territory imaged.")


@shape
class Hierarchy:
    """The codes of one hierarchy, low to high; only the highest reached is reported per side."""

    name: str = spec(default=REQUIRED, doc="carotid or vertebral.")
    rule: str = spec(default=REQUIRED, ref="rule", doc="The rule its reasons cite.")
    rank: int = spec(default=REQUIRED, doc="Claim order of its lines within the group.")
    levels: tuple[Level, ...] = spec(default=REQUIRED, min_length=1, doc="Ranked low to high.")


@shape
class Arch:
    """The thoracic aorta with neck or head imaging."""

    code: str = spec(default=REQUIRED, ref="code", doc="The code.")
    role: str = spec(default=REQUIRED, doc="The aortic position.")
    territories: tuple[Territory, ...] = spec(
        default=REQUIRED, doc="Territories that make it a cervicocerebral study."
    )
    rank: int = spec(default=REQUIRED, doc="Claim order within the group.")


@shape
class ExternalCarotid:
    """The external carotid add-on."""

    code: str = spec(default=REQUIRED, ref="code", doc="The add-on.")
    role: str = spec(default=REQUIRED, doc="The external carotid position.")
    territory: Territory = spec(default=REQUIRED, doc="The territory imaged.")
    with_hierarchy: str = spec(
        default=REQUIRED, doc="The hierarchy whose code it is listed with, on the same side."
    )
    rank: int = spec(default=REQUIRED, doc="Claim order within the group.")


@shape
class Primary:
    """The vessel an intracranial branch is reached through, and the primary it needs."""

    through: str = spec(default=REQUIRED, ref="vessel", doc="Vessel key.")
    code: str = spec(default=REQUIRED, ref="code", doc="The primary code on the same side.")


@shape
class Intracranial:
    """The intracranial branch add-on."""

    code: str = spec(default=REQUIRED, ref="code", doc="The add-on.")
    role: str = spec(default=REQUIRED, doc="The intracranial branch position.")
    primaries: tuple[Primary, ...] = spec(default=REQUIRED, doc="First match wins.")
    max_units_per_side: int = spec(default=REQUIRED, ge=1, doc="At most this many per side.")
    rank_carotid: int = spec(default=REQUIRED, doc="Claim order beside a carotid primary.")
    rank_vertebral: int = spec(default=REQUIRED, doc="Claim order beside a vertebral primary.")


@shape
class Rules:
    """The rules this family's reasons cite (besides each hierarchy's own)."""

    replaces_generic: str = spec(default=REQUIRED, ref="rule", doc="Includes lesser placements.")
    independent: str = spec(default=REQUIRED, ref="rule", doc="The two hierarchies.")
    external_carotid: str = spec(default=REQUIRED, ref="rule", doc="The external carotid add-on.")
    intracranial: str = spec(default=REQUIRED, ref="rule", doc="The intracranial add-on.")
    needs_primary: str = spec(default=REQUIRED, ref="rule", doc="An add-on needs its primary.")
    arch: str = spec(default=REQUIRED, ref="rule", doc="The arch code.")
    bilateral: str = spec(default=REQUIRED, ref="rule", doc="Both sides on one line.")


@shape
class Table:
    """Section ``cervicocerebral`` of tables.yaml."""

    group: str = spec(default=REQUIRED, doc="The claim group its lines are listed in.")
    bilateral_modifier: str = spec(default=REQUIRED, doc="The modifier for both sides on one line.")
    side_modifiers: dict[str, str] = spec(
        default=REQUIRED, doc="The laterality modifier of each side (for an add-on line per side)."
    )
    bilateral_add_on_option: str = spec(
        default=REQUIRED, doc="The option deciding how an add-on on both sides goes on the claim."
    )
    arch: Arch = spec(default=REQUIRED, doc="The arch code.")
    hierarchies: tuple[Hierarchy, ...] = spec(default=REQUIRED, doc="Per side, independent.")
    external_carotid: ExternalCarotid = spec(default=REQUIRED, doc="The external carotid add-on.")
    intracranial: Intracranial = spec(default=REQUIRED, doc="The intracranial add-on.")
    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")


@record
class Compiled:
    """The table, with the vessels each intracranial primary is reached through."""

    table: Table
    primaries: tuple[tuple[frozenset[str], str], ...]
    hierarchy_of: dict[str, Hierarchy]
    """Code -> its hierarchy."""


class Cervicocerebral:
    """Neck and head angiography from the arch, the carotids, the vertebrals and their branches."""

    id: ClassVar[str] = "cervicocerebral"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Compiled:
        """Resolve the primaries' vessel keys."""
        return Compiled(
            table,
            tuple((anatomy.with_key(p.through), p.code) for p in table.intracranial.primaries),
            {level.code: h for h in table.hierarchies for level in h.levels},
        )

    def code(self, view: CaseView, stops: Sequence[Stop], table: Compiled) -> FamilyResult:
        """The cervicocerebral lines of the case's arterial placements."""
        arterial = [stop for stop in stops if stop.system == "artery"]
        work = _Work(view, table, arterial)
        work.hierarchies()
        work.external_carotid()
        work.intracranial()
        work.arch()
        drafts = _bilateral(table.table, work.drafts, view.anatomy, view.settings)
        return FamilyResult(self.id, tuple(drafts), tuple(work.notes), frozenset(work.claimed))


def side_of(anatomy: Anatomy, stop: Stop) -> Side | None:
    """The side of the neck or body a placement's imaging belongs to.

    The vessel's own side; for an unpaired vessel (the basilar) the side of the nearest sided vessel
    on its way; for the innominate the side its whole subtree shares.
    """
    if stop.vessel.side != "unpaired":
        return stop.vessel.side
    for vessel_id in reversed(stop.family_route[:-1]):
        side = anatomy.vessel(vessel_id).side
        if side != "unpaired":
            return side
    sides = anatomy.sides_in_subtree(stop.vessel.id)
    return typing.cast(Side, next(iter(sides))) if len(sides) == 1 else None


def claim_with_the_way(
    claimed_stops: Sequence[Stop],
    stops: Sequence[Stop],
    claimed: set[int],
    notes: list[Finding],
    rule: str,
) -> None:
    """Claim placements and every placement on the way to them from the same access."""
    at: dict[tuple[str, str], list[Stop]] = defaultdict(list)
    for other in stops:
        at[other.access.id, other.vessel.id].append(other)
    for stop in claimed_stops:
        claimed.add(stop.index)
        for vessel_id in stop.passed:
            for other in at.get((stop.access.id, vessel_id), ()):
                if other.index not in claimed:
                    notes.append(
                        Finding(
                            rule,
                            "on-the-way-note",
                            (other.index,),
                            {"vessel": stop.vessel.id},
                            "note",
                        )
                    )
                claimed.add(other.index)


class _Work:
    """The state of one coding pass (local to `Cervicocerebral.code`)."""

    def __init__(self, view: CaseView, compiled: Compiled, stops: list[Stop]) -> None:
        self.view = view
        self.compiled = compiled
        self.table = compiled.table
        self.stops = stops
        self.imaged = [stop for stop in stops if stop.territories]
        self.sides = {stop.index: side_of(view.anatomy, stop) for stop in self.imaged}
        self.drafts: list[Draft] = []
        self.notes: list[Finding] = []
        self.claimed: set[int] = set()
        self.primaries: dict[tuple[Side, str], str] = {}

    def _draft(self, code: str, top: Stop, findings: list[Finding], **extra: object) -> Draft:
        return Draft(
            code=code,
            access=top.access,
            findings=tuple(findings),
            group=self.table.group,
            by=Cervicocerebral.id,
            **extra,  # type: ignore[arg-type]
        )

    def _claim(self, found: Sequence[Stop]) -> None:
        claim_with_the_way(
            found, self.stops, self.claimed, self.notes, self.table.rules.replaces_generic
        )

    def hierarchies(self) -> None:
        table = self.table
        candidates: dict[tuple[Side, str], list[tuple[int, Level, Stop]]] = defaultdict(list)
        for stop in self.imaged:
            side = self.sides[stop.index]
            if side is None:
                continue
            for hierarchy in table.hierarchies:
                for rank, level in enumerate(hierarchy.levels):
                    if stop.role in level.roles and level.territory in stop.territories:
                        candidates[side, hierarchy.name].append((rank, level, stop))
        by_name = {h.name: h for h in table.hierarchies}
        for (side, name), found in sorted(candidates.items()):
            hierarchy = by_name[name]
            found.sort(key=lambda item: (-item[0], item[2].vessel.id))
            _, level, top = found[0]
            self.primaries[side, name] = level.code
            reasons = [
                Finding(
                    hierarchy.rule,
                    "reason",
                    (top.index,),
                    {
                        "side": side,
                        "territory": level.territory,
                        "vessel": top.vessel.id,
                        "access": top.access.id,
                        "code": level.code,
                    },
                ),
                Finding(
                    table.rules.replaces_generic, "cervicocerebral", facts={"code": level.code}
                ),
            ]
            for _, lower, stop in found[1:]:
                if lower.code != level.code:
                    reasons.append(
                        Finding(
                            hierarchy.rule,
                            "dropped",
                            (stop.index,),
                            {
                                "code": lower.code,
                                "territory": lower.territory,
                                "vessel": stop.vessel.id,
                            },
                        )
                    )
                self.notes.append(
                    Finding(
                        hierarchy.rule,
                        "included-note",
                        (stop.index,),
                        {"code": level.code, "side": side},
                        "note",
                    )
                )
            if any(
                (side, other.name) in candidates
                for other in table.hierarchies
                if other is not hierarchy
            ):
                reasons.append(Finding(table.rules.independent))
            self.notes.append(
                Finding(
                    hierarchy.rule,
                    "coded-note",
                    (top.index,),
                    {"code": level.code, "side": side},
                    "note",
                )
            )
            self._claim([stop for _, _, stop in found])
            self.drafts.append(
                self._draft(
                    level.code,
                    top,
                    reasons,
                    rank=hierarchy.rank,
                    family=top.family,
                    vessels=(top.vessel.id,),
                    side=side,
                )
            )

    def external_carotid(self) -> None:
        table = self.table.external_carotid
        rule = self.table.rules.external_carotid
        by_side: dict[Side, list[Stop]] = defaultdict(list)
        for stop in self.imaged:
            side = self.sides[stop.index]
            if stop.role == table.role and table.territory in stop.territories and side is not None:
                by_side[side].append(stop)
        with_hierarchy = next(h for h in self.table.hierarchies if h.name == table.with_hierarchy)
        for side, found in sorted(by_side.items()):
            primary = self.primaries.get((side, table.with_hierarchy))
            if primary is None:
                self._without_primary(
                    found,
                    table.code,
                    "warning-external",
                    {
                        "first": with_hierarchy.levels[0].code,
                        "last": with_hierarchy.levels[-1].code,
                        "side": side,
                    },
                )
                continue
            found.sort(key=lambda stop: stop.vessel.id)
            self._claim(found)
            for stop in found:
                self.notes.append(
                    Finding(
                        rule,
                        "coded-note",
                        (stop.index,),
                        {"code": table.code, "primary": primary, "side": side},
                        "note",
                    )
                )
            self.drafts.append(
                self._draft(
                    table.code,
                    found[0],
                    [
                        Finding(
                            rule,
                            "reason",
                            (found[0].index,),
                            {
                                "side": side,
                                "territories": found[0].territories,
                                "vessel": found[0].vessel.id,
                                "code": table.code,
                                "primary": primary,
                            },
                        )
                    ],
                    rank=table.rank,
                    family=found[0].family,
                    vessels=tuple(stop.vessel.id for stop in found),
                    side=side,
                )
            )

    def intracranial(self) -> None:
        compiled = self.compiled
        table = self.table.intracranial
        rule = self.table.rules.intracranial
        by_side: dict[Side, list[tuple[Stop, str]]] = defaultdict(list)
        for stop in self.imaged:
            side = self.sides[stop.index]
            if stop.role != table.role or side is None:
                continue
            route = set(stop.route)
            needed = next((code for through, code in compiled.primaries if through & route), None)
            if (
                needed is None
                or self.primaries.get((side, compiled.hierarchy_of[needed].name)) != needed
            ):
                self._without_primary(
                    [stop],
                    table.code,
                    "warning-intracranial" if needed else "warning-unreachable",
                    {"primary": needed, "side": side},
                )
                continue
            by_side[side].append((stop, needed))
        for side, found in sorted(by_side.items()):
            found.sort(key=lambda item: item[0].vessel.id)
            kept = found[: table.max_units_per_side]
            trimmed = found[table.max_units_per_side :]
            self._claim([stop for stop, _ in found])
            reasons = [
                Finding(
                    rule,
                    "reason",
                    tuple(stop.index for stop, _ in kept),
                    {
                        "side": side,
                        "vessels": tuple(stop.vessel.id for stop, _ in kept),
                        "primaries": tuple(dict.fromkeys(needed for _, needed in kept)),
                    },
                )
            ]
            for stop, _ in kept:
                self.notes.append(
                    Finding(
                        rule, "unit-note", (stop.index,), {"code": table.code, "side": side}, "note"
                    )
                )
            if trimmed:
                names = tuple(stop.vessel.id for stop, _ in trimmed)
                reasons.append(
                    Finding(
                        rule,
                        "trimmed",
                        tuple(stop.index for stop, _ in trimmed),
                        {"limit": table.max_units_per_side, "vessels": names},
                    )
                )
                self.notes.append(
                    Finding(
                        rule,
                        "trimmed-warning",
                        tuple(stop.index for stop, _ in trimmed),
                        {
                            "code": table.code,
                            "side": side,
                            "count": len(found),
                            "limit": table.max_units_per_side,
                            "vessels": names,
                        },
                        "warning",
                    )
                )
                for stop, _ in trimmed:
                    self.notes.append(
                        Finding(rule, "trimmed-note", (stop.index,), {"code": table.code}, "note")
                    )
            carotid = any(
                compiled.hierarchy_of[needed].name == self.table.external_carotid.with_hierarchy
                for _, needed in kept
            )
            self.drafts.append(
                self._draft(
                    table.code,
                    kept[0][0],
                    reasons,
                    rank=table.rank_carotid if carotid else table.rank_vertebral,
                    units=len(kept),
                    family=kept[0][0].family,
                    vessels=tuple(stop.vessel.id for stop, _ in kept),
                    side=side,
                )
            )

    def _without_primary(
        self, stops: Sequence[Stop], add_on: str, key: str, facts: dict[str, object]
    ) -> None:
        rule = self.table.rules.needs_primary
        for stop in stops:
            common = {
                **facts,
                "territories": stop.territories,
                "vessel": stop.vessel.id,
                "add_on": add_on,
            }
            self.notes.append(
                Finding(rule, key, (stop.index,), common, "warning", f"placements[{stop.index}]")  # type: ignore[arg-type]
            )
            self.notes.append(
                Finding(rule, key.replace("warning", "note"), (stop.index,), common, "note")  # type: ignore[arg-type]
            )

    def arch(self) -> None:
        table = self.table.arch
        rule = self.table.rules.arch
        by_access: dict[int, list[Stop]] = defaultdict(list)
        for stop in self.imaged:
            if stop.role == table.role and set(stop.territories) & set(table.territories):
                by_access[stop.access.index].append(stop)
        for found in by_access.values():
            site = found[0].access
            if any(stop.selective for stop in self.stops if stop.access is site):
                for stop in found:
                    self.notes.append(
                        Finding(
                            rule,
                            "not-with-selective-note",
                            (stop.index,),
                            {"code": table.code, "access": site.id},
                            "note",
                        )
                    )
                continue
            self.claimed.update(stop.index for stop in found)
            territories = tuple(sorted({t for stop in found for t in stop.territories}))
            for stop in found:
                self.notes.append(
                    Finding(rule, "coded-note", (stop.index,), {"code": table.code}, "note")
                )
            self.drafts.append(
                self._draft(
                    table.code,
                    found[0],
                    [
                        Finding(
                            rule,
                            "reason",
                            tuple(stop.index for stop in found),
                            {"access": site.id, "territories": territories, "code": table.code},
                        )
                    ],
                    rank=table.rank,
                )
            )


def _bilateral(
    table: Table, drafts: list[Draft], anatomy: Anatomy, settings: Settings
) -> list[Draft]:
    """The same code on both sides: one line with the bilateral modifier (rule bilateral-50).

    For an add-on, the bilateral_add_on option decides when the sides' units differ: by default
    a line per side, so that no line stands for the other side's vessels.
    """
    out: list[Draft] = []
    by_code: dict[str, dict[Side | None, Draft]] = defaultdict(dict)
    for draft in drafts:
        by_code[draft.code][draft.side] = draft
    add_on_policy = settings.get(table.bilateral_add_on_option)
    for code, sides in by_code.items():
        right, left = sides.get("right"), sides.get("left")
        if right is None or left is None or not anatomy.rules.code(code).bilateral:
            out += sides.values()
            continue
        add_on = anatomy.rules.code(code).kind == "add-on"
        if add_on and (
            add_on_policy == "per-side"
            or (add_on_policy == "50-when-equal" and right.units != left.units)
        ):
            choice = settings.choice(table.bilateral_add_on_option)
            suffix = "-sides" if add_on_policy == "50-when-equal" else ""
            for draft in (right, left):
                out.append(
                    replace(
                        draft,
                        findings=(
                            *draft.findings,
                            Finding(
                                choice.rule,
                                f"effect-{choice.value}{suffix}",
                                facts={
                                    "side": str(draft.side),
                                    "units": draft.units,
                                    "code": code,
                                    "modifier": table.side_modifiers[str(draft.side)],
                                },
                            ),
                        ),
                    )
                )
            continue
        units = min(right.units, left.units)
        reason = Finding(
            table.rules.bilateral,
            facts={"code": code, "right": right.vessels, "left": left.vessels},
        )
        out.append(
            Draft(
                code=code,
                access=right.access,
                findings=(reason, *right.findings, *left.findings),
                group=right.group,
                rank=right.rank,
                units=units,
                vessels=(*right.vessels, *left.vessels),
                modifiers=(table.bilateral_modifier,),
                other_accesses=(left.access,) if left.access is not right.access else (),
                by=right.by,
            )
        )
        for draft in (right, left):
            if draft.units > units:
                out.append(replace(draft, units=draft.units - units))
    return out
