"""Pulmonary artery codes: fixed levels, not families (coding-rules.md 2.12, 3.7).

36013 right heart or main pulmonary artery, 36014 right or left pulmonary artery, 36015 segmental or
subsegmental.

Pure functions over traced placements; no I/O. Per side the deepest level reached is coded once; the
right heart, main pulmonary artery and the cava passed on the way are included.
"""

from __future__ import annotations

from collections import defaultdict

from vascular.coding.context import Context, Draft, capital
from vascular.models import Side
from vascular.traversal import AccessSite, Stop

__all__ = ["code_pulmonary"]

_RANK = {"36013": 0, "36014": 1, "36015": 2}


def code_pulmonary(context: Context, site: AccessSite, stops: list[Stop]) -> list[Draft]:
    """The pulmonary lines of one venous access."""
    if not stops:
        return []
    tables = context.anatomy.rules.tables.pulmonary
    by_side: dict[Side, list[tuple[str, Stop]]] = defaultdict(list)
    central: list[Stop] = []
    for stop in stops:
        level = stop.vessel.pulmonary_level
        if level is None:
            central.append(stop)
            continue
        code = context.options.pulmonary_lobar if level == "lobar" else tables.levels[level]
        by_side[stop.vessel.side].append((code, stop))
    if not by_side:
        names = ", ".join(context.name(stop.vessel.id) for stop in central)
        for stop in central:
            context.note(
                stop, f"Coded {tables.right_heart_code}: right heart or main pulmonary artery."
            )
        return [
            Draft(
                code=tables.right_heart_code,
                access=site,
                reasons=(
                    context.because(
                        "pulmonary-levels",
                        f"Catheter in the right heart or main pulmonary artery ({names}) from "
                        f"{context.access_words(site)}: {tables.right_heart_code}; the cava "
                        "passed on the way is included.",
                    ),
                ),
                group="pulmonary",
            )
        ]
    drafts = []
    for side in sorted(by_side):
        placed = sorted(by_side[side], key=lambda item: (-_RANK[item[0]], item[1].vessel.id))
        code, deepest = placed[0]
        level = deepest.vessel.pulmonary_level
        reasons = [
            context.because(
                "pulmonary-levels",
                f"{capital(context.name(deepest.vessel.id))} ({level} level) from "
                f"{context.access_words(site)}: the deepest {side} pulmonary position, {code}; "
                "the right heart and main pulmonary artery "
                f"({tables.right_heart_code}) and the cava passed on the way are included.",
            )
        ]
        if level == "lobar":
            reasons.append(
                context.because(
                    "pulmonary-lobar",
                    f"Lobar artery: option pulmonary_lobar = {context.options.pulmonary_lobar} "
                    f"gives {code}.",
                )
            )
        for other_code, other in placed[1:]:
            reasons.append(
                context.because(
                    "destination",
                    f"Included: the {context.name(other.vessel.id)} ({other_code} level) on "
                    "the same side.",
                )
            )
            context.note(other, f"Included in the {side} side's {code}.")
        context.note(deepest, f"Coded {code}: the deepest {side} pulmonary position.")
        drafts.append(
            Draft(
                code=code,
                access=site,
                reasons=tuple(reasons),
                group=f"pulmonary:{side}",
                vessels=(deepest.vessel.id,),
                side=side if side != "unpaired" else None,
            )
        )
    for stop in central:
        context.note(stop, "Included in the pulmonary artery code.")
    return drafts
