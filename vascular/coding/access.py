"""Non-selective codes, per access: only for a puncture whose catheter made no selective placement.

Pure functions; no I/O. Where the catheter went decides the code (coding-rules.md 2.9-2.11,
project-defaults.md 3): aorta 36200 (translumbar puncture 36160), an arm or leg artery only 36140, a
carotid or vertebral puncture 36100, a vena cava 36010, a vein only 36000 (36005 with extremity
venography).
"""

from __future__ import annotations

from vascular.case import Case
from vascular.coding.context import Context, Draft
from vascular.errors import CaseError, CaseProblem
from vascular.traversal import AccessSite, Stop

__all__ = ["code_non_selective"]


def code_non_selective(
    context: Context, case: Case, site: AccessSite, stops: list[Stop]
) -> list[Draft]:
    """The one non-selective line of an access with no selective placement."""
    if site.kind == "artery":
        return [_arterial(context, case, site, stops)]
    if site.kind == "vein":
        return [_venous(context, site, stops)]
    return []


def _arterial(context: Context, case: Case, site: AccessSite, stops: list[Stop]) -> Draft:
    anatomy = context.anatomy
    table = anatomy.rules.tables.arterial
    puncture = _puncture_site(context, site)
    in_aorta = [stop for stop in stops if any(anatomy.is_base(v) for v in stop.route)]
    if puncture is not None and puncture.code == "36160":
        code, words = puncture.code, f"a puncture of {puncture.name}"
    elif in_aorta or anatomy.is_base(site.vessel.id):
        code = table.base_code
        words = "a catheter in the aorta" + (
            f" ({', '.join(sorted({context.name(s.vessel.id) for s in in_aorta}))})"
            if in_aorta
            else ""
        )
    elif puncture is not None:
        code, words = puncture.code, f"a puncture of {puncture.name} going no further"
    else:
        raise CaseError(
            [
                CaseProblem(
                    f"accesses[{site.index}].vessel",
                    f"a puncture of the {context.name(site.vessel.id)} with nothing selective has "
                    "no "
                    "catheter-introduction code here: arterial punctures are coded for "
                    + ", ".join(f"{p.name} ({p.code})" for p in table.punctures)
                    + "; check the access site",
                )
            ]
        )
    return _draft(context, site, stops, code, words)


def _puncture_site(context: Context, site: AccessSite):  # type: ignore[no-untyped-def]
    anatomy = context.anatomy
    for puncture in anatomy.rules.tables.arterial.punctures:
        under = {v for top in anatomy.with_key(*puncture.within) for v in anatomy.subtree(top)}
        if site.vessel.id in under or site.vessel.id in anatomy.with_key(*puncture.vessels):
            return puncture
    return None


def _venous(context: Context, site: AccessSite, stops: list[Stop]) -> Draft:
    anatomy = context.anatomy
    table = anatomy.rules.tables.venous
    in_cava = [stop for stop in stops if any(anatomy.is_base(v) for v in stop.route)]
    imaged = [stop for stop in stops if stop.placement.imaged]
    limb = {v for top in anatomy.with_key(*table.venography_within) for v in anatomy.subtree(top)}
    if in_cava:
        code = table.base_code
        words = (
            f"a catheter in the {', '.join(sorted({context.name(s.vessel.id) for s in in_cava}))}"
        )
    elif imaged and site.vessel.id in limb:
        code = table.venography_code
        words = f"extremity venography injected through the {context.name(site.vessel.id)}"
    else:
        code = table.puncture_code
        words = f"a needle or catheter in the {context.name(site.vessel.id)} going no further"
        if imaged:
            context.warnings.append(
                f"access {site.id}: imaging was marked from the {context.name(site.vessel.id)}, "
                "which is not an extremity vein: extremity venography (36005) does not apply"
            )
    return _draft(context, site, stops, code, words)


def _draft(context: Context, site: AccessSite, stops: list[Stop], code: str, words: str) -> Draft:
    reasons = (
        context.because(
            "non-selective",
            f"Nothing selective through {context.access_words(site)}: {words}.",
        ),
        context.because(
            "non-selective-per-access",
            f"The access's non-selective code is {code} (it includes the puncture).",
        ),
        *context.option_reasons(stops),
    )
    for stop in stops:
        context.note(stop, f"Non-selective: part of {code} for access {site.id}.")
    return Draft(code=code, access=site, reasons=reasons, group=f"access:{site.id}")
