"""Pulmonary artery codes: fixed levels, not families; and a cavogram kept beside them.

Right heart or main pulmonary artery, the artery of one lung, segmental or subsegmental arteries:
per side the deepest level reached is coded once; lobar arteries take the level the
pulmonary_lobar option names; the right heart, the main pulmonary artery and the cava passed on
the way are included, unless a cavogram on the way was documented. Pure; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import ClassVar

from vascular.anatomy import Anatomy
from vascular.coding.family import CaseView, Draft, FamilyResult
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Finding
from vascular.records import Side
from vascular.traversal import AccessSite, Stop

__all__ = ["Pulmonary"]


@shape
class Rules:
    """The rules this family's reasons cite."""

    levels: str = spec(default=REQUIRED, ref="rule", doc="Fixed pulmonary levels.")
    lobar: str = spec(default=REQUIRED, ref="rule", doc="The lobar option.")
    destination: str = spec(default=REQUIRED, ref="rule", doc="Lesser levels are included.")
    cavogram: str = spec(default=REQUIRED, ref="rule", doc="A documented cavogram.")
    lobar_warning: str = spec(default=REQUIRED, ref="rule", doc="A lobar artery is a default.")


@shape
class Table:
    """Section ``pulmonary`` of tables.yaml."""

    right_heart_code: str = spec(default=REQUIRED, ref="code", doc="Right heart or main PA.")
    levels: dict[str, str] = spec(
        default=REQUIRED,
        ref="code",
        doc="Code per pulmonary level (lung, segmental, subsegmental); lobar follows the option.",
    )
    code_order: tuple[str, ...] = spec(
        default=REQUIRED, ref="code", doc="The codes from the least to the most selective."
    )
    lobar_option: str = spec(default=REQUIRED, doc="The option that gives the lobar level.")
    cavogram_code: str = spec(default=REQUIRED, ref="code", doc="The cava, for a cavogram.")
    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")


class Pulmonary:
    """Pulmonary placements from a venous access."""

    id: ClassVar[str] = "pulmonary"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Table:
        """Nothing to compile."""
        return table

    def code(self, view: CaseView, stops: Sequence[Stop], table: Table) -> FamilyResult:
        """The pulmonary lines of each venous access, and the cavogram where one was marked."""
        by_access: dict[int, list[Stop]] = defaultdict(list)
        for stop in stops:
            if stop.system == "pulmonary_artery":
                by_access[stop.access.index].append(stop)
        drafts: list[Draft] = []
        notes: list[Finding] = []
        for index in sorted(by_access):
            found = by_access[index]
            site = found[0].access
            drafts += _code_access(view, table, site, found, notes)
            drafts += _cavogram(view, table, site, stops, notes)
        claimed = frozenset(stop.index for found in by_access.values() for stop in found)
        return FamilyResult(self.id, tuple(drafts), tuple(notes), claimed)


def _code_access(
    view: CaseView, table: Table, site: AccessSite, stops: list[Stop], notes: list[Finding]
) -> list[Draft]:
    rules = table.rules
    by_side: dict[Side, list[tuple[str, Stop]]] = defaultdict(list)
    central: list[Stop] = []
    lobar = view.settings.choice(table.lobar_option)
    for stop in stops:
        level = stop.vessel.pulmonary_level
        if level is None:
            central.append(stop)
            continue
        code = table.levels[lobar.data["level"]] if level == "lobar" else table.levels[level]
        by_side[stop.vessel.side].append((code, stop))
    if not by_side:
        code = table.right_heart_code
        notes += [
            Finding(rules.levels, "right-heart-note", (stop.index,), {"code": code}, "note")
            for stop in central
        ]
        return [
            Draft(
                code=code,
                access=site,
                findings=(
                    Finding(
                        rules.levels,
                        "right-heart",
                        tuple(stop.index for stop in central),
                        {
                            "vessels": tuple(stop.vessel.id for stop in central),
                            "access": site.id,
                            "code": code,
                        },
                    ),
                ),
                group="pulmonary",
                by=Pulmonary.id,
            )
        ]
    rank = {code: position for position, code in enumerate(table.code_order)}
    drafts = []
    for side in sorted(by_side):
        placed = sorted(by_side[side], key=lambda item: (-rank[item[0]], item[1].vessel.id))
        code, deepest = placed[0]
        level_name = str(deepest.vessel.pulmonary_level)
        reasons = [
            Finding(
                rules.levels,
                "side",
                (deepest.index,),
                {
                    "vessel": deepest.vessel.id,
                    "level": level_name,
                    "access": site.id,
                    "side": side,
                    "code": code,
                    "right_heart_code": table.right_heart_code,
                },
            )
        ]
        for code_here, stop in placed:
            if stop.vessel.pulmonary_level == "lobar":
                notes.append(
                    Finding(
                        rules.lobar_warning,
                        "warning",
                        (stop.index,),
                        {
                            "vessel": stop.vessel.id,
                            "code": code_here,
                            "option": table.lobar_option,
                            "value": lobar.value,
                            "other": view.settings.other(table.lobar_option).value,
                        },
                        "warning",
                        f"placements[{stop.index}]",
                    )
                )
        if level_name == "lobar":
            reasons.append(
                Finding(
                    rules.lobar,
                    "reason",
                    (deepest.index,),
                    {"option": table.lobar_option, "value": lobar.value, "code": code},
                )
            )
        for other_code, other in placed[1:]:
            reasons.append(
                Finding(
                    rules.destination,
                    "pulmonary",
                    (other.index,),
                    {"vessel": other.vessel.id, "code": other_code},
                )
            )
            notes.append(
                Finding(
                    rules.levels,
                    "included-note",
                    (other.index,),
                    {"side": side, "code": code},
                    "note",
                )
            )
        notes.append(
            Finding(
                rules.levels, "coded-note", (deepest.index,), {"side": side, "code": code}, "note"
            )
        )
        drafts.append(
            Draft(
                code=code,
                access=site,
                findings=tuple(reasons),
                group=f"pulmonary:{side}",
                vessels=(deepest.vessel.id,),
                side=side if side != "unpaired" else None,
                by=Pulmonary.id,
            )
        )
    notes += [Finding(rules.levels, "central-note", (stop.index,), {}, "note") for stop in central]
    return drafts


def _cavogram(
    view: CaseView, table: Table, site: AccessSite, stops: Sequence[Stop], notes: list[Finding]
) -> list[Draft]:
    """The cava code beside a pulmonary code only for a separately documented cavogram."""
    anatomy = view.anatomy
    cavogram = [
        stop
        for stop in stops
        if stop.access is site
        and stop.placement.imaged
        and stop.system == "vein"
        and anatomy.is_base(stop.vessel.id)
    ]
    if not cavogram:
        return []
    code = table.cavogram_code
    notes += [
        Finding(table.rules.cavogram, "note", (stop.index,), {"code": code}, "note")
        for stop in cavogram
    ]
    vessels = tuple(sorted({stop.vessel.id for stop in cavogram}, key=anatomy.name))
    return [
        Draft(
            code=code,
            access=site,
            findings=(
                Finding(
                    table.rules.cavogram,
                    "reason",
                    tuple(stop.index for stop in cavogram),
                    {"vessels": vessels, "code": code},
                ),
            ),
            group=f"access:{site.id}",
            by=Pulmonary.id,
        )
    ]
