"""Codes that include the angiography: cervicocerebral 36221-36228 and renal 36251-36254.

Pure functions over traced arterial placements; no I/O. A placement whose imaging these codes name
is claimed here, together with the placements on the way to it from the same access, and is not
coded again with the generic selective codes (coding-rules.md 2.13, 2.14; project-defaults.md 4).
Each side of the neck has two independent hierarchies (carotid, vertebral), each coded at its
highest level; the renal codes are per side, bilateral codes when both sides are at one level.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from vascular.coding.context import Context, Draft, capital
from vascular.models import Side
from vascular.results import Reason
from vascular.rules import HierarchyLevel
from vascular.traversal import Stop

__all__ = ["ImagingCodes", "code_imaging"]


@dataclass
class ImagingCodes:
    """The lines that include imaging, and the placements they claimed."""

    drafts: list[Draft] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)
    """Indexes of the claimed placements."""


def code_imaging(context: Context, stops: list[Stop]) -> ImagingCodes:
    """Cervicocerebral and renal lines for the case's arterial placements."""
    codes = ImagingCodes()
    _cervicocerebral(context, stops, codes)
    _renal(context, [stop for stop in stops if stop.index not in codes.covered], codes)
    return codes


def _claim(context: Context, codes: ImagingCodes, claimed: list[Stop], stops: list[Stop]) -> None:
    """Claim the placements and every placement on the way to them from the same access."""
    for stop in claimed:
        codes.covered.add(stop.index)
        for other in stops:
            if other.access is stop.access and other.vessel.id in stop.route[:-1]:
                if other.index not in codes.covered:
                    context.note(
                        other,
                        f"Included in the code for the {context.name(stop.vessel.id)}: it lies on "
                        "the way (the code includes the lesser placements).",
                    )
                codes.covered.add(other.index)


def side_of(context: Context, stop: Stop) -> Side | None:
    """The side of the neck or body a placement's imaging belongs to.

    The vessel's own side; for an unpaired vessel (the basilar) the side of the nearest sided vessel
    on its way; for the innominate the side its whole subtree shares.
    """
    anatomy = context.anatomy
    if stop.vessel.side != "unpaired":
        return stop.vessel.side
    for vessel_id in reversed(stop.family_route[:-1]):
        side = anatomy.vessel(vessel_id).side
        if side != "unpaired":
            return side
    sides = {anatomy.vessel(v).side for v in anatomy.subtree(stop.vessel.id)} - {"unpaired"}
    return next(iter(sides)) if len(sides) == 1 else None


_RANK = {"carotid": 0, "external_carotid": 1, "intracranial": 2, "vertebral": 3, "arch": 5}
"""Claim order of the cervicocerebral lines: the carotid hierarchy first."""


def _imaged_words(context: Context, stop: Stop, territory: str | None = None) -> str:
    territories = territory or " and ".join(stop.territories)
    return f"{territories} angiography from the {context.name(stop.vessel.id)}"


def _cervicocerebral(context: Context, stops: list[Stop], codes: ImagingCodes) -> None:
    table = context.anatomy.rules.tables.cervicocerebral
    imaged = [stop for stop in stops if stop.territories]
    candidates: dict[tuple[Side, str], list[tuple[int, HierarchyLevel, Stop]]] = defaultdict(list)
    for stop in imaged:
        side = side_of(context, stop)
        for name, levels in table.hierarchies.items():
            for rank, level in enumerate(levels):
                if (
                    side is not None
                    and stop.role in level.roles
                    and level.territory in stop.territories
                ):
                    candidates[side, name].append((rank, level, stop))
    primaries: dict[tuple[Side, str], str] = {}
    drafts: list[Draft] = []
    for (side, hierarchy), found in sorted(candidates.items()):
        found.sort(key=lambda item: (-item[0], item[2].vessel.id))
        _, level, top = found[0]
        primaries[side, hierarchy] = level.code
        reasons = [
            context.because(
                f"{hierarchy}-hierarchy",
                f"{capital(hierarchy)} hierarchy, {side} side: "
                f"{_imaged_words(context, top, level.territory)}, through "
                f"{context.access_words(top.access)}, is {level.code}.",
            ),
            context.because(
                "imaging-replaces-generic",
                f"{level.code} includes the catheter placement and the lesser placements on the "
                "way, "
                "the aortic catheter and the arch views, so no generic selective code or 36200 is "
                "reported for them.",
            ),
        ]
        for _, lower, stop in found[1:]:
            if lower.code != level.code:
                reasons.append(
                    context.because(
                        f"{hierarchy}-hierarchy",
                        f"Dropped: {lower.code} for "
                        f"{_imaged_words(context, stop, lower.territory)}; "
                        "only the highest "
                        f"{hierarchy} code is reported per side.",
                    )
                )
            context.note(stop, f"Included in {level.code} ({side} {hierarchy} hierarchy).")
        if (side, "carotid" if hierarchy == "vertebral" else "vertebral") in candidates:
            reasons.append(
                context.because(
                    "hierarchies-independent",
                    "The carotid and vertebral hierarchies are coded independently on each side.",
                )
            )
        context.note(top, f"Coded {level.code}: the {side} {hierarchy} hierarchy.")
        _claim(context, codes, [stop for _, _, stop in found], stops)
        drafts.append(
            Draft(
                code=level.code,
                access=top.access,
                reasons=tuple(reasons),
                group="cervicocerebral",
                rank=_RANK[hierarchy],
                family=top.family,
                vessels=(top.vessel.id,),
                side=side,
            )
        )
    drafts += _external_carotid(context, imaged, primaries, stops, codes)
    drafts += _intracranial(context, imaged, primaries, stops, codes)
    drafts += _arch(context, imaged, stops, codes)
    codes.drafts += _bilateral(context, drafts)


def _external_carotid(
    context: Context,
    imaged: list[Stop],
    primaries: dict[tuple[Side, str], str],
    stops: list[Stop],
    codes: ImagingCodes,
) -> list[Draft]:
    table = context.anatomy.rules.tables.cervicocerebral.external_carotid
    by_side: dict[Side, list[Stop]] = defaultdict(list)
    for stop in imaged:
        side = side_of(context, stop)
        if stop.role == table.role and table.territory in stop.territories and side is not None:
            by_side[side].append(stop)
    drafts = []
    for side, found in sorted(by_side.items()):
        primary = primaries.get((side, table.with_))
        if primary is None:
            _without_primary(
                context, found, table.code, f"a carotid code (36222-36224) on the {side}"
            )
            continue
        found.sort(key=lambda stop: stop.vessel.id)
        _claim(context, codes, found, stops)
        for stop in found:
            context.note(stop, f"Coded +{table.code} with {primary} ({side} side).")
        drafts.append(
            Draft(
                code=table.code,
                access=found[0].access,
                reasons=(
                    context.because(
                        "external-carotid-add-on",
                        f"External carotid, {side} side: {_imaged_words(context, found[0])} is "
                        f"+{table.code}, listed with {primary} on the same side.",
                    ),
                ),
                group="cervicocerebral",
                rank=_RANK["external_carotid"],
                family=found[0].family,
                vessels=tuple(stop.vessel.id for stop in found),
                side=side,
            )
        )
    return drafts


def _intracranial(
    context: Context,
    imaged: list[Stop],
    primaries: dict[tuple[Side, str], str],
    stops: list[Stop],
    codes: ImagingCodes,
) -> list[Draft]:
    anatomy = context.anatomy
    table = anatomy.rules.tables.cervicocerebral.intracranial
    hierarchy_of = {
        level.code: name
        for name, levels in anatomy.rules.tables.cervicocerebral.hierarchies.items()
        for level in levels
    }
    by_side: dict[Side, list[tuple[Stop, str]]] = defaultdict(list)
    for stop in imaged:
        side = side_of(context, stop)
        if stop.role != table.role or side is None:
            continue
        needed = next(
            (
                code
                for key, code in table.primaries.items()
                if anatomy.with_key(key).intersection(stop.route)
            ),
            None,
        )
        if needed is None or primaries.get((side, hierarchy_of[needed])) != needed:
            _without_primary(
                context, [stop], table.code, f"{needed or 'its primary'} on the {side}"
            )
            continue
        by_side[side].append((stop, needed))
    drafts = []
    for side, found in sorted(by_side.items()):
        found.sort(key=lambda item: item[0].vessel.id)
        kept = found[: table.max_units_per_side]
        trimmed = found[table.max_units_per_side :]
        _claim(context, codes, [stop for stop, _ in found], stops)
        listed = "; ".join(
            f"{context.name(stop.vessel.id)} (with {needed})" for stop, needed in kept
        )
        reasons: list[Reason] = [
            context.because(
                "intracranial-add-on",
                f"Intracranial branches, {side} side, one unit each: {listed}.",
            )
        ]
        for stop, _ in kept:
            context.note(stop, f"One unit of +{table.code} ({side} side).")
        if trimmed:
            names = ", ".join(context.name(stop.vessel.id) for stop, _ in trimmed)
            reasons.append(
                context.because(
                    "intracranial-add-on",
                    f"The limit of {table.max_units_per_side} units per side trims {names}.",
                )
            )
            context.warnings.append(
                f"+{table.code} on the {side}: {len(found)} intracranial branches were imaged but "
                "at "
                f"most {table.max_units_per_side} units per side are reported ({names} not coded)"
            )
            for stop, _ in trimmed:
                context.note(stop, f"Not coded: beyond the limit of +{table.code} units per side.")
        drafts.append(
            Draft(
                code=table.code,
                access=kept[0][0].access,
                reasons=tuple(reasons),
                group="cervicocerebral",
                rank=_RANK["intracranial"]
                if any(hierarchy_of[needed] == "carotid" for _, needed in kept)
                else _RANK["vertebral"] + 1,
                units=len(kept),
                family=kept[0][0].family,
                vessels=tuple(stop.vessel.id for stop, _ in kept),
                side=side,
            )
        )
    return drafts


def _without_primary(context: Context, stops: list[Stop], add_on: str, primary: str) -> None:
    for stop in stops:
        context.warnings.append(
            f"placements[{stop.index}]: {_imaged_words(context, stop)} would be +{add_on}, which "
            f"needs {primary}, and the case has none: the placement takes the generic selective "
            "code; if that angiography was done, mark its imaging"
        )
        context.note(
            stop,
            f"Not +{add_on}: it needs {primary} (add-on-needs-primary); coded as a selective "
            "placement.",
        )


def _arch(
    context: Context, imaged: list[Stop], stops: list[Stop], codes: ImagingCodes
) -> list[Draft]:
    table = context.anatomy.rules.tables.cervicocerebral.arch
    drafts = []
    by_access: dict[int, list[Stop]] = defaultdict(list)
    for stop in imaged:
        if stop.role == table.role and set(stop.territories) & set(table.territories):
            by_access[stop.access.index].append(stop)
    for found in by_access.values():
        site = found[0].access
        if any(stop.selective for stop in stops if stop.access is site):
            for stop in found:
                context.note(
                    stop,
                    f"Not {table.code}: it is never reported with a selective code, and access "
                    f"{site.id} made selective placements, whose codes include the arch.",
                )
            continue
        codes.covered.update(stop.index for stop in found)
        territories = sorted({t for stop in found for t in stop.territories})
        for stop in found:
            context.note(stop, f"Coded {table.code}: neck or head angiography from the aorta.")
        drafts.append(
            Draft(
                code=table.code,
                access=site,
                reasons=(
                    context.because(
                        "cervicocerebral-arch",
                        "Catheter no further than the thoracic aorta "
                        f"({context.access_words(site)}) with {' and '.join(territories)} "
                        f"angiography: {table.code}, either or both "
                        "sides, the arch aortogram and the aortic catheter included.",
                    ),
                ),
                group="cervicocerebral",
                rank=_RANK["arch"],
            )
        )
    return drafts


def _bilateral(context: Context, drafts: list[Draft]) -> list[Draft]:
    """The same code on both sides becomes one line with modifier 50 (rule bilateral-50)."""
    rules = context.anatomy.rules
    out: list[Draft] = []
    by_code: dict[str, dict[Side | None, Draft]] = defaultdict(dict)
    for draft in drafts:
        by_code[draft.code][draft.side] = draft
    for code, sides in by_code.items():
        right, left = sides.get("right"), sides.get("left")
        if right is None or left is None or not rules.code(code).bilateral:
            out += sides.values()
            continue
        units = min(right.units, left.units)
        reason = context.because(
            "bilateral-50",
            f"The same service on both sides: one line of {code} with modifier 50.",
        )
        merged = Draft(
            code=code,
            access=right.access,
            reasons=(*right.reasons, *left.reasons, reason),
            group=right.group,
            rank=right.rank,
            units=units,
            vessels=(*right.vessels, *left.vessels),
            modifiers=("50",),
            other_accesses=(left.access,) if left.access is not right.access else (),
        )
        out.append(merged)
        for draft in (right, left):
            if draft.units > units:
                out.append(replace(draft, units=draft.units - units))
    return out


def _renal(context: Context, stops: list[Stop], codes: ImagingCodes) -> None:
    table = context.anatomy.rules.tables.renal
    roles = {"renal_main", "renal_accessory", "renal_branch"}
    by_side: dict[Side, list[Stop]] = defaultdict(list)
    for stop in stops:
        if stop.role in roles and "renal" in stop.territories and stop.vessel.side != "unpaired":
            by_side[stop.vessel.side].append(stop)
    levels = {
        side: "superselective" if any(s.role == "renal_branch" for s in found) else "selective"
        for side, found in by_side.items()
    }
    for found in by_side.values():
        _claim(context, codes, found, stops)
    if len(levels) == 2 and len(set(levels.values())) == 1:
        level = next(iter(levels.values()))
        code = getattr(table, level).both_sides
        found = by_side["right"] + by_side["left"]
        reasons = [
            context.because(
                "renal-angiography",
                f"{capital(level)} renal angiography on both sides: {code}. "
                + " ".join(
                    _renal_side_words(context, side, by_side[side]) for side in ("right", "left")
                ),
            ),
            *_renal_common(context, found, code),
        ]
        codes.drafts.append(
            Draft(
                code=code,
                access=found[0].access,
                reasons=tuple(reasons),
                group="renal",
                vessels=tuple(stop.vessel.id for stop in found),
                other_accesses=tuple(
                    {
                        s.access.index: s.access for s in found if s.access is not found[0].access
                    }.values()
                ),
            )
        )
        return
    for side, level in sorted(levels.items()):
        found = by_side[side]
        code = getattr(table, level).one_side
        reasons = [
            context.because(
                "renal-angiography",
                f"{capital(level)} renal angiography, {side} side only: {code}. "
                + _renal_side_words(context, side, found),
            ),
            *_renal_common(context, found, code),
        ]
        if len(levels) == 2:
            reasons.append(
                context.because(
                    "renal-angiography",
                    "The sides differ (selective on one, superselective on the other): a "
                    "unilateral code for each.",
                )
            )
        codes.drafts.append(
            Draft(
                code=code,
                access=found[0].access,
                reasons=tuple(reasons),
                group=f"renal:{side}",
                family=found[0].family,
                vessels=tuple(stop.vessel.id for stop in found),
                side=side,
            )
        )


def _renal_side_words(context: Context, side: str, found: list[Stop]) -> str:
    names = ", ".join(sorted(context.name(stop.vessel.id) for stop in found))
    deepest = (
        "a branch beyond the main renal"
        if any(s.role == "renal_branch" for s in found)
        else "the main or accessory renal"
    )
    return f"{capital(side)}: {names} ({deepest})."


def _renal_common(context: Context, found: list[Stop], code: str) -> list[Reason]:
    reasons = [
        context.because(
            "imaging-replaces-generic",
            f"{code} includes the renal catheter placements (36245-36248), the aortic catheter "
            "(36200) and the flush aortogram.",
        )
    ]
    for stop in found:
        context.note(stop, f"Coded {code}: renal angiography.")
    if any(stop.role == "renal_accessory" for stop in found):
        accessory = ", ".join(
            sorted(context.name(s.vessel.id) for s in found if s.role == "renal_accessory")
        )
        reasons.append(
            context.because(
                "renal-accessory",
                f"Included: {accessory} (accessory renal arteries are part of the side's code).",
            )
        )
    return reasons
