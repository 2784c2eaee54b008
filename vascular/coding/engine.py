"""The coding pipeline: case -> traced placements -> code lines with reasons -> `CodingResult`.

Pure apart from loading the default atlas when none is given. Each access is coded on its own
(coding-rules.md 2.8): its placements go to the coder of their vascular system, and the access gets
a
non-selective code only when nothing selective was coded through it. Modifiers are settled last,
across
the whole claim.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from vascular.anatomy import Anatomy
from vascular.case import Case
from vascular.coding.access import code_non_selective
from vascular.coding.arterial import code_families
from vascular.coding.context import Context, Draft
from vascular.coding.imaging import code_imaging
from vascular.coding.modifiers import settle
from vascular.coding.pulmonary import code_pulmonary
from vascular.coding.venous import code_portal_access, code_veins
from vascular.errors import AnatomyDataError, CaseError, CaseProblem
from vascular.loading import load_anatomy
from vascular.models import TreeKind
from vascular.results import CodingResult, PlacementResult
from vascular.traversal import AccessSite, Stop, Tracing, name_problems, trace

__all__ = ["code_case", "code_tracing", "parse_case", "patient_anatomy", "prepare_case"]

_Coder = Callable[[Context, AccessSite, list[Stop]], list[Draft]]

_CODERS: dict[TreeKind, _Coder] = {
    "artery": code_families,
    "vein": code_veins,
    "portal_vein": code_veins,
    "pulmonary_artery": code_pulmonary,
}
"""Which coder codes the placements of each vascular system."""


def parse_case(case: Case | Mapping[str, Any]) -> Case:
    """A `Case` from a mapping (parsed JSON), with every shape problem listed.

    Raises:
        CaseError: the mapping is not a valid case; each problem names its place in the case.
    """
    if isinstance(case, Case):
        return case
    try:
        return Case.model_validate(case)
    except ValidationError as error:
        raise CaseError(_shape_problems(error)) from None


def _shape_problems(error: ValidationError) -> list[CaseProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        where = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in detail["loc"]
        ).lstrip(".")
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = "unknown field (check its spelling against the case format)"
        elif detail["type"] not in ("missing",) and not isinstance(detail["input"], dict | list):
            message += f" (got {detail['input']!r})"
        problems.append(CaseProblem(where or "case", message))
    return _dedupe(problems)


def _dedupe(problems: list[CaseProblem]) -> list[CaseProblem]:
    """Pydantic reports a union field once per member; keep one message per place."""
    seen: dict[str, CaseProblem] = {}
    for problem in problems:
        base = problem.where.split(".imaging")[0] + (
            ".imaging" if ".imaging" in problem.where else ""
        )
        seen.setdefault(base, CaseProblem(base, problem.message))
    return list(seen.values())


def code_case(case: Case | Mapping[str, Any], anatomy: Anatomy | None = None) -> CodingResult:
    """Code a case: the CPT catheter-placement lines, each with its reasons.

    Args:
        case: a `Case`, or a mapping in the same shape (parsed JSON).
        anatomy: the atlas to code against (default: the embedded atlas).

    Raises:
        CaseError: the case cannot be coded as given; every problem is listed.
    """
    patient, parsed = prepare_case(case, anatomy or load_anatomy())
    return code_tracing(patient, trace(patient, parsed))


def prepare_case(case: Case | Mapping[str, Any], anatomy: Anatomy) -> tuple[Anatomy, Case]:
    """The parsed case and the patient's anatomy (the atlas with the case's variants).

    Raises:
        CaseError: every shape problem, with the vessel-name problems found beside them.
    """
    try:
        parsed = parse_case(case)
    except CaseError as error:
        if not isinstance(case, Mapping):
            raise
        raise CaseError([*error.problems, *name_problems(anatomy, case)]) from None
    return patient_anatomy(anatomy, parsed), parsed


def patient_anatomy(anatomy: Anatomy, case: Case) -> Anatomy:
    """The atlas with the case's anatomical variants applied.

    Raises:
        CaseError: a variant the atlas does not define, or variants that cannot go together.
    """
    if not case.variants:
        return anatomy
    unknown = [v for v in case.variants if v not in anatomy.variants]
    if unknown:
        raise CaseError(
            CaseProblem(
                f"variants[{case.variants.index(v)}]",
                f"unknown variant {v!r}; the variants are " + ", ".join(sorted(anatomy.variants)),
            )
            for v in unknown
        )
    try:
        return anatomy.with_variants(*case.variants)
    except AnatomyDataError as error:
        raise CaseError(
            [
                CaseProblem("variants", f"these variants cannot go together: {p.message}")
                for p in error.problems
            ]
        ) from None


def code_tracing(anatomy: Anatomy, tracing: Tracing) -> CodingResult:
    """Code an already traced case."""
    context = Context(anatomy, tracing.options)
    imaging = code_imaging(context, [s for s in tracing.stops if s.system == "artery"])
    drafts: list[Draft] = list(imaging.drafts)
    for site in tracing.accesses:
        stops = [stop for stop in tracing.stops if stop.access is site]
        claimed = any(d.access is site or site in d.other_accesses for d in imaging.drafts)
        drafts += _code_access(context, tracing.case, site, stops, imaging.covered, claimed)
    lines = settle(context, drafts)
    placements = [_placement(context, stop) for stop in tracing.stops]
    return CodingResult(lines=lines, placements=placements, warnings=context.warnings)


def _code_access(
    context: Context,
    case: Case,
    site: AccessSite,
    stops: list[Stop],
    covered: set[int],
    claimed: bool,
) -> list[Draft]:
    """The lines of one access.

    By system for the placements the imaging codes did not claim, then the access's non-selective
    code when nothing selective was done through it and the imaging codes claimed nothing of it.
    """
    drafts: list[Draft] = []
    if site.kind == "portal_vein":
        drafts += code_portal_access(context, site, stops)
    for system, coder in _CODERS.items():
        drafts += coder(
            context,
            site,
            [stop for stop in stops if stop.system == system and stop.index not in covered],
        )
    selective = any(stop.selective for stop in stops)
    if not selective and not claimed and site.kind != "portal_vein":
        drafts += code_non_selective(context, case, site, stops)
    elif site.kind == "vein":
        drafts += _cavogram(context, site, stops)
    for stop in stops:
        if not context.notes.get(stop.index) and not stop.selective:
            context.note(
                stop,
                f"Non-selective position of access {site.id}: included in the selective codes "
                "of that access.",
            )
    return drafts


def _cavogram(context: Context, site: AccessSite, stops: list[Stop]) -> list[Draft]:
    """36010 beside a pulmonary code only for a separately documented cavogram."""
    pulmonary = [stop for stop in stops if stop.system == "pulmonary_artery"]
    cavogram = [
        stop
        for stop in stops
        if stop.placement.imaged
        and context.anatomy.is_base(stop.vessel.id)
        and stop.system == "vein"
    ]
    if not pulmonary or not cavogram:
        return []
    code = context.anatomy.rules.tables.venous.base_code
    names = ", ".join(sorted({context.name(stop.vessel.id) for stop in cavogram}))
    for stop in cavogram:
        context.note(stop, f"Coded {code}: a separately documented cavogram on the way.")
    reason = context.because(
        "cavogram-with-pulmonary",
        f"A cavogram was marked from the {names} on the way to the pulmonary artery: {code} is "
        "kept beside the pulmonary code.",
    )
    return [Draft(code=code, access=site, reasons=(reason,), group=f"access:{site.id}")]


def _placement(context: Context, stop: Stop) -> PlacementResult:
    return PlacementResult(
        vessel=stop.vessel.id,
        selective=stop.selective,
        order=stop.order,
        family=stop.family,
        access=stop.access.id,
        name=stop.vessel.name,
        explanation=tuple(context.notes.get(stop.index, ())),
    )
