"""Venous selective codes (36011, 36012), organ sampling (36500) and portal access (36481).

Pure functions over traced placements; no I/O. Two selective levels only (coding-rules.md 2.3,
2.11):
a vein draining straight into a cava or the main portal vein is first order, anything beyond second
order. One line per selective placement that is not on the way to another (project-defaults.md 5); a
sampled position is 36500 instead, one unit per separately catheterized site.
"""

from __future__ import annotations

from vascular.coding.arterial import terminal_and_folded
from vascular.coding.context import Context, Draft, capital, route_words
from vascular.traversal import AccessSite, Stop

__all__ = ["code_portal_access", "code_veins"]


def code_veins(context: Context, site: AccessSite, stops: list[Stop]) -> list[Draft]:
    """The selective venous and sampling lines of one access's venous or portal placements."""
    portal = site.kind == "portal_vein"
    selective = [stop for stop in stops if stop.selective]
    for stop in stops:
        if stop.placement.sampling and not stop.selective:
            context.warnings.append(
                f"placements[{stop.index}]: sampling from the "
                f"{context.name(stop.vessel.id)} is not "
                "selective organ sampling (the catheter is in a non-selective position); 36500 is "
                "not reported for it"
            )
            context.note(stop, "Sampling here is not selective organ sampling: no 36500.")
    terminal, folded = terminal_and_folded(selective)
    drafts = [_sampling(context, site, stop) for stop in _sites(selective)]
    sampled = {stop.vessel.id for stop in selective if stop.placement.sampling}
    for stop, deeper in folded:
        if stop.vessel.id not in sampled:
            context.note(
                stop,
                f"Included: it lies on the way to the {context.name(deeper.vessel.id)} "
                "(destination rule).",
            )
    for stop in terminal:
        if stop.vessel.id in sampled:
            continue
        if portal and context.options.portal_tributaries == "included":
            context.note(
                stop,
                "Included in 36481 (option portal_tributaries = included): no selective "
                "venous code.",
            )
            continue
        drafts.append(
            _selective(context, site, stop, [d for d, deeper in folded if deeper is stop])
        )
    return drafts


def _sites(stops: list[Stop]) -> list[Stop]:
    """Sampled placements, one per vessel."""
    sites = {stop.vessel.id: stop for stop in reversed(stops) if stop.placement.sampling}
    return sorted(sites.values(), key=lambda stop: stop.index)


def _selective(context: Context, site: AccessSite, stop: Stop, folded: list[Stop]) -> Draft:
    table = context.anatomy.rules.tables.venous
    order = stop.order or 1
    code = table.first_order if order == 1 else table.second_order
    base = "the main portal vein" if site.kind == "portal_vein" else "a vena cava"
    level = (
        f"first order: it drains straight into {base}"
        if order == 1
        else f"order {order}: beyond the first order, so second order or more selective"
    )
    reasons = [
        context.because(
            "venous-order",
            f"{capital(context.name(stop.vessel.id))}, from {context.access_words(site)}: {level} "
            f"({route_words(context, stop)}): {code}.",
        ),
        context.because(
            "venous-line-per-branch",
            "Each selective venous placement that is not on the way to another is its own line.",
        ),
    ]
    reasons += [
        context.because(
            "destination",
            f"Included: the {context.name(other.vessel.id)} lies on the way to the "
            f"{context.name(stop.vessel.id)}.",
        )
        for other in folded
    ]
    if site.kind == "portal_vein":
        reasons.append(
            context.because(
                "portal-tributaries",
                "Portal tributaries are coded like caval ones (option portal_tributaries = "
                "selective-venous; with 'included' they would be part of 36481).",
            )
        )
    reasons += context.option_reasons([stop, *folded])
    context.note(stop, f"Coded {code}: a selective venous placement of order {order}.")
    return Draft(
        code=code,
        access=site,
        reasons=tuple(reasons),
        group=stop.vessel.id,
        family=stop.family,
        vessels=(stop.vessel.id,),
    )


def _sampling(context: Context, site: AccessSite, stop: Stop) -> Draft:
    code = context.anatomy.rules.tables.venous.sampling_code
    reasons = [
        context.because(
            "organ-sampling",
            f"Selective blood sampling from the {context.name(stop.vessel.id)} "
            f"({route_words(context, stop)}), from {context.access_words(site)}: {code}, one unit "
            "for this separately catheterized site; the selective venous code for a sampled "
            "position is not added.",
        )
    ]
    context.note(stop, f"Coded {code}: a separately catheterized sampling site.")
    return Draft(
        code=code,
        access=site,
        reasons=tuple(reasons),
        group=f"sampling:{stop.vessel.id}",
        family=stop.family,
        vessels=(stop.vessel.id,),
    )


def code_portal_access(context: Context, site: AccessSite, stops: list[Stop]) -> list[Draft]:
    """36481 for a percutaneous puncture of the portal system, whatever was done through it."""
    code = context.anatomy.rules.tables.portal.access_code
    reasons = (
        context.because(
            "portal-access",
            f"Percutaneous puncture of the portal system at the {context.name(site.vessel.id)} "
            f"({context.access_words(site)}): {code}; the main portal vein is non-selective like "
            "the cava.",
        ),
    )
    for stop in stops:
        if not stop.selective:
            context.note(stop, f"Non-selective portal position, part of {code}.")
    return [Draft(code=code, access=site, reasons=reasons, group=f"access:{site.id}")]
