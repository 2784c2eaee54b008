"""The coding pipeline: case -> traced placements -> families -> claim -> `CodingResult`.

Pure functions of an `Anatomy` and a case; no I/O. The code families run in the order the data
lists them; each codes the placements no earlier family claimed. Modifiers are settled last,
across the whole claim. Every problem, whether found while tracing or while coding, is raised once
in one `CaseError`. The findings are put into words only when `rationale` is true.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Case, parse_case
from vascular.coding.claim import ClaimTable, Settled, settle
from vascular.coding.families import FAMILIES
from vascular.coding.family import CaseView, FamilyResult
from vascular.coding.render import Renderer
from vascular.errors import AnatomyDataError, CaseError, CaseProblem
from vascular.findings import Finding
from vascular.frozen import replace
from vascular.results import CodeLine, CodingResult, PlacementResult
from vascular.rulebook import Settings
from vascular.traversal import Stop, Tracing, name_problems, trace

__all__ = ["Coded", "code", "code_tracing", "patient_anatomy", "prepare"]


def code(
    anatomy: Anatomy, case: Case | Mapping[str, Any], *, rationale: bool = True
) -> CodingResult:
    """Code a case against an anatomy: the claim lines, each with its reasons.

    Raises:
        CaseError: the case cannot be coded as given; every problem is listed.
    """
    patient, parsed, settings = prepare(anatomy, case)
    return code_tracing(
        patient, trace(patient, parsed, settings, keep_problems=True), rationale=rationale
    ).result


def prepare(anatomy: Anatomy, case: Case | Mapping[str, Any]) -> tuple[Anatomy, Case, Settings]:
    """The parsed case, the patient's anatomy (with the case's variants) and the options resolved.

    Raises:
        CaseError: every shape problem, with the vessel-name problems found beside them.
    """
    try:
        parsed = parse_case(case, anatomy.rules)
    except CaseError as error:
        if not isinstance(case, Mapping):
            raise
        raise CaseError([*error.problems, *name_problems(anatomy, case)]) from None
    if isinstance(case, Case):
        bad = anatomy.rules.option_problems(parsed.options, "options")
        if bad:
            raise CaseError(CaseProblem(p.where, p.message) for p in bad)
    patient = patient_anatomy(anatomy, parsed)
    return patient, parsed, patient.rules.settings(parsed.options)


def patient_anatomy(anatomy: Anatomy, case: Case) -> Anatomy:
    """The atlas with the case's anatomical variants applied (each combination built once).

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


class Coded:
    """A traced case with what every family found, and the result."""

    __slots__ = ("anatomy", "families", "result", "settled", "tracing")

    def __init__(
        self,
        anatomy: Anatomy,
        tracing: Tracing,
        families: tuple[FamilyResult, ...],
        settled: tuple[Settled, ...],
        result: CodingResult,
    ) -> None:
        """Keep the pieces (built by `code_tracing`)."""
        self.anatomy = anatomy
        self.tracing = tracing
        self.families = families
        self.settled = settled
        self.result = result


def code_tracing(anatomy: Anatomy, tracing: Tracing, *, rationale: bool = True) -> Coded:
    """Code an already traced case.

    Raises:
        CaseError: the tracing's problems and every problem found while coding, together.
    """
    rules = anatomy.rules
    view = CaseView(anatomy, tracing, tracing.settings)
    results: list[FamilyResult] = []
    claimed: set[int] = set()
    stops = tracing.stops
    for family_id in rules.families:
        open_stops = [stop for stop in stops if stop.index not in claimed] if claimed else stops
        result = FAMILIES[family_id].code(
            replace(view, earlier=tuple(results)), open_stops, rules.table(family_id)
        )
        results.append(result)
        claimed |= result.claimed
    claim_table: ClaimTable = rules.table("claim")
    drafts = [draft for result in results for draft in result.drafts]
    settled, claim_warnings = settle(view, drafts, claim_table)
    findings = [finding for result in results for finding in result.findings]
    findings += claim_warnings
    renderer = Renderer(anatomy, tracing)
    problems = [renderer.problem(f) for f in findings if f.severity == "problem"]
    if tracing.problems or problems:
        raise CaseError([*tracing.problems, *problems])
    coded = _result(renderer, tracing, settled, findings, rationale)
    return Coded(anatomy, tracing, tuple(results), tuple(settled), coded)


def _result(
    renderer: Renderer,
    tracing: Tracing,
    settled: list[Settled],
    findings: list[Finding],
    rationale: bool,
) -> CodingResult:
    lines = []
    for item in settled:
        draft = item.draft
        reasons = tuple(renderer.reason(f) for f in item.findings) if rationale else ()
        lines.append(
            CodeLine(
                code=draft.code,
                units=draft.units,
                modifiers=item.modifiers,
                access=None if draft.other_accesses else draft.access.id,
                family=draft.family,
                vessels=draft.vessels,
                rationale=tuple(reason.render() for reason in reasons),
                reasons=reasons,
                findings=item.findings,
            )
        )
    notes: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "note":
            for index in finding.subject:
                notes.setdefault(index, []).append(finding)
    placements = tuple(
        _placement(renderer, stop, notes.get(stop.index, []), rationale) for stop in tracing.stops
    )
    details = tuple(renderer.warning(f) for f in findings if f.severity == "warning")
    return CodingResult(
        lines=tuple(lines),
        placements=placements,
        warnings=tuple(str(detail) for detail in details),
        warning_details=details,
        findings=tuple(findings),
    )


def _placement(
    renderer: Renderer, stop: Stop, notes: list[Finding], rationale: bool
) -> PlacementResult:
    return PlacementResult(
        vessel=stop.vessel.id,
        selective=stop.selective,
        order=stop.order,
        family=stop.family,
        access=stop.access.id,
        name=stop.vessel.name,
        explanation=tuple(renderer.text(note) for note in notes) if rationale else (),
        findings=(*stop.effects, *notes),
    )
