"""Arterial selective codes by family: 36215-36218 above the diaphragm, 36245-36248 below.

Pure functions over traced placements; no I/O. Per family (coding-rules.md 2.5, project-defaults.md
2): drop selections on the way to another selection, give the deepest remaining one the initial code
for
its order, and one add-on unit to every other remaining selection of second order or deeper.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from vascular.coding.context import Context, Draft, capital, ordinal, route_words
from vascular.models import Side
from vascular.results import Reason
from vascular.traversal import AccessSite, Stop

__all__ = ["code_families", "family_side", "terminal_and_folded"]

_REGION_WORDS = {
    "thoracic": "above the diaphragm (chest, arms, head and neck)",
    "abdominal": "in the abdomen, pelvis or legs",
}


def code_families(context: Context, site: AccessSite, stops: list[Stop]) -> list[Draft]:
    """The selective lines of one access's arterial placements, family by family."""
    families: dict[str, list[Stop]] = defaultdict(list)
    for stop in stops:
        if stop.selective and stop.family is not None:
            families[stop.family].append(stop)
    drafts: list[Draft] = []
    for family in sorted(families):
        drafts += _code_family(context, site, family, families[family])
    return drafts


def terminal_and_folded(stops: list[Stop]) -> tuple[list[Stop], list[tuple[Stop, Stop]]]:
    """The selections not on the way to another one, and each other one with a selection beyond it.

    A vessel listed twice counts once (its first listing). Rule: destination.
    """
    unique = list({stop.vessel.id: stop for stop in reversed(stops)}.values())
    unique.sort(key=lambda stop: stop.index)
    terminal: list[Stop] = []
    folded: list[tuple[Stop, Stop]] = []
    for stop in unique:
        beyond = [
            other for other in unique if other is not stop and stop.vessel.id in other.route[:-1]
        ]
        if beyond:
            deepest = max(beyond, key=lambda other: (len(other.route), other.vessel.id))
            folded.append((stop, deepest))
        else:
            terminal.append(stop)
    return terminal, folded


def _code_family(context: Context, site: AccessSite, family: str, stops: list[Stop]) -> list[Draft]:
    anatomy = context.anatomy
    family_record = anatomy.vessel(family)
    series = anatomy.rules.tables.arterial.series[family_record.region]
    terminal, folded = terminal_and_folded(stops)
    ranked = sorted(terminal, key=lambda stop: (-(stop.order or 0), stop.vessel.id))
    top = ranked[0]
    order = top.order or 1
    code = series.for_order(order)
    reasons = [_family_reason(context, site, family, family_record.region, series.first)]
    reasons.append(
        context.because(
            "access-trunk" if not top.effects else _order_rule(top),
            f"{capital(context.name(top.vessel.id))}: order {order}: {route_words(context, top)}.",
        )
    )
    if any(_has_continuation(context, stop) for stop in terminal):
        reasons.append(
            context.because(
                "continuation",
                "A continuation (the same vessel under a new name) adds no order.",
            )
        )
    if order == 1:
        reasons.append(
            context.because(
                "family-first-order",
                f"The catheter went no further than the family's first-order vessel: {code}.",
            )
        )
    else:
        beyond = " (third order and beyond take the third-order code)" if order > 3 else ""
        reasons.append(
            context.because(
                "family-initial",
                f"Deepest selection in the family, order {order}: the initial "
                f"{ordinal(order)}-order code {code}{beyond}.",
            )
        )
    for stop, deeper in folded:
        reasons.append(
            context.because(
                "destination",
                f"Included: the {context.name(stop.vessel.id)} (order {stop.order}) lies on the "
                f"way "
                f"to the {context.name(deeper.vessel.id)}.",
            )
        )
        context.note(
            stop,
            f"Included in the {context.name(family)} family's code: it lies on the way to the "
            f"{context.name(deeper.vessel.id)} (destination rule).",
        )
    first_order_rest = [stop for stop in ranked[1:] if (stop.order or 0) < 2]
    for stop in first_order_rest:
        reasons.append(
            context.because(
                "family-initial",
                f"Included: the {context.name(stop.vessel.id)} (first order) is covered by the "
                f"family's {code}.",
            )
        )
        context.note(stop, f"Included in the family's {code} (a first-order position).")
    reasons += context.option_reasons(stops)
    context.note(top, f"Coded {code}: the deepest selection of the {context.name(family)} family.")
    drafts = [
        Draft(
            code=code,
            access=site,
            reasons=tuple(reasons),
            group=family,
            family=family,
            vessels=(top.vessel.id,),
            side=family_side(context, family, [top]),
        )
    ]
    add_ons = [stop for stop in ranked[1:] if (stop.order or 0) >= 2]
    if add_ons:
        drafts.append(_add_on(context, site, family, series.add_on, code, add_ons))
    return drafts


def _add_on(
    context: Context, site: AccessSite, family: str, add_on: str, primary: str, stops: list[Stop]
) -> Draft:
    listed = "; ".join(
        f"{context.name(stop.vessel.id)} (order {stop.order}: {route_words(context, stop)})"
        for stop in stops
    )
    units = len(stops)
    reasons: list[Reason] = [
        context.because(
            "family-add-on",
            f"{units} further selection{'s' if units > 1 else ''} of second order or deeper in the "
            f"{context.name(family)} family, one unit each, listed with {primary}: {listed}.",
        )
    ]
    reasons += context.option_reasons(stops)
    for stop in stops:
        context.note(stop, f"One unit of +{add_on} (a further branch of the family).")
    return Draft(
        code=add_on,
        access=site,
        reasons=tuple(reasons),
        group=family,
        units=units,
        family=family,
        vessels=tuple(stop.vessel.id for stop in stops),
        side=family_side(context, family, stops),
    )


def _family_reason(
    context: Context, site: AccessSite, family: str, region: str, first: str
) -> Reason:
    series = "36215-36218" if first == "36215" else "36245-36248"
    return context.because(
        "family-region",
        f"Family: the {context.name(family)}, the first vessel off the trunk of "
        f"{context.access_words(site)}; it lies {_REGION_WORDS[region]}, so the {series} series.",
    )


def _order_rule(stop: Stop) -> str:
    for effect in stop.effects:
        if effect.option == "order_from" and effect.value == "aorta":
            return "order-from-aorta"
        if effect.option == "antegrade_extremity":
            return "antegrade-puncture"
    return "access-trunk"


def _has_continuation(context: Context, stop: Stop) -> bool:
    route = stop.family_route
    graph = context.anatomy.graph
    return any(
        graph.has_edge(a, b) and context.anatomy.relation(a, b) == "continuation"
        for a, b in pairwise(route)
    )


def family_side(context: Context, family: str, stops: list[Stop]) -> Side | None:
    """The line's side, for RT/LT; None for a midline family (celiac, SMA).

    The family's first vessel's side; for an unpaired one (the innominate) the side every sided
    vessel of the family shares; in a family with both sides (a bovine arch), the coded vessels'.
    """
    anatomy = context.anatomy
    side = anatomy.vessel(family).side
    if side != "unpaired":
        return side
    sides = {anatomy.vessel(v).side for v in anatomy.subtree(family)} - {"unpaired"}
    if len(sides) > 1:
        sides = {stop.vessel.side for stop in stops}
    return next(iter(sides)) if len(sides) == 1 and "unpaired" not in sides else None
