"""The coding pipeline: case -> traced placements -> families -> claim -> `CodingResult`.

Pure functions of an `Anatomy` and a case; no I/O. The code families run in the order the data
lists them; each codes the placements no earlier family claimed. Modifiers are settled last,
across the whole claim. Every problem, whether found while tracing or while coding, is raised once
in one `CaseError`. The findings are put into words only when `rationale` is true.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Case, parse_case
from vascular.coding.claim import ClaimTable, Settled, settle
from vascular.coding.families import FAMILIES
from vascular.coding.family import CaseView, FamilyResult
from vascular.coding.naming import read_names, settle_classes
from vascular.coding.render import Renderer
from vascular.errors import AnatomyDataError, CaseError, CaseProblem
from vascular.findings import Finding
from vascular.frozen import replace
from vascular.results import CodeLine, CodingResult, PlacementResult
from vascular.rulebook import Settings
from vascular.traversal import Stop, Tracing, name_problems, trace

__all__ = ["Coded", "code", "code_tracing", "patient_anatomy", "prepare", "trace_and_code"]


def code(
    anatomy: Anatomy,
    case: Case | Mapping[str, Any],
    *,
    rationale: bool = True,
    explanations: bool = False,
) -> CodingResult:
    """Code a case against an anatomy: the claim lines, each with its reasons.

    Raises:
        CaseError: the case cannot be coded as given; every problem is listed.
    """
    return trace_and_code(anatomy, case, rationale=rationale, explanations=explanations).result


def trace_and_code(
    anatomy: Anatomy,
    case: Case | Mapping[str, Any],
    *,
    rationale: bool = True,
    explanations: bool = True,
) -> Coded:
    """Read the names, trace and code a case, keeping every stage for the explanation views.

    Raises:
        CaseError: the case cannot be coded as given; every problem is listed.
    """
    patient, parsed, settings = prepare(anatomy, case)
    rule = patient.rules.table("naming").rule
    named = read_names(patient, parsed, rule)
    notes = named.notes
    problems = list(named.problems)
    settled = named.case
    if named.classes:

        def trial(candidate: Case, index: int) -> CodingResult | list[CaseProblem]:
            tracing = trace(patient, candidate, settings, keep_problems=True)
            own = [p for p in tracing.problems if p.where.startswith(f"placements[{index}]")]
            if own:
                return own
            try:
                return code_tracing(patient, replace(tracing, problems=()), rationale=False).result
            except CaseError as error:
                return list(error.problems)

        settled, notes, class_problems = settle_classes(patient, named, trial, rule)
        problems += class_problems
    tracing = trace(patient, settled, settings, keep_problems=True)
    return code_tracing(
        patient,
        tracing,
        rationale=rationale,
        explanations=explanations,
        problems=problems,
        notes=notes,
    )


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


def code_tracing(
    anatomy: Anatomy,
    tracing: Tracing,
    *,
    rationale: bool = True,
    explanations: bool = True,
    problems: Sequence[CaseProblem] = (),
    notes: Mapping[int, tuple[Finding, ...]] | None = None,
) -> Coded:
    """Code an already traced case.

    Args:
        anatomy: the patient's anatomy.
        tracing: the traced case.
        rationale: put the reasons of every line into words.
        explanations: put every placement's notes into words (`vascular explain`, the app).
        problems: problems found before tracing (names), reported with the others.
        notes: findings about placements found before tracing (how their names were read).

    Raises:
        CaseError: every problem found before tracing, while tracing and while coding, together.
    """
    rules = anatomy.rules
    view = CaseView(anatomy, tracing, tracing.settings)
    results: list[FamilyResult] = []
    claimed: set[int] = set()
    stops = tracing.stops
    for family_id in rules.families:
        open_stops = [stop for stop in stops if stop.index not in claimed] if claimed else stops
        result = FAMILIES[family_id].code(view, open_stops, rules.table(family_id))
        results.append(result)
        view.earlier.append(result)
        claimed |= result.claimed
    claim_table: ClaimTable = rules.table("claim")
    drafts = [draft for result in results for draft in result.drafts]
    settled, claim_warnings = settle(view, drafts, claim_table)
    findings = [warning for stop in stops for warning in stop.warnings]
    findings += [finding for result in results for finding in result.findings]
    findings += claim_warnings
    renderer = Renderer(anatomy, tracing)
    found = _unique_places(
        [
            *problems,
            *tracing.problems,
            *(renderer.problem(f) for f in findings if f.severity == "problem"),
        ]
    )
    if found:
        raise CaseError(found)
    early = [finding for group in (notes or {}).values() for finding in group]
    coded = _result(renderer, tracing, settled, [*early, *findings], rationale, explanations)
    return Coded(anatomy, tracing, tuple(results), tuple(settled), coded)


def _unique_places(problems: Sequence[CaseProblem]) -> list[CaseProblem]:
    """Problems without repeats: a place reported while reading names is not reported again."""
    seen: set[str] = set()
    out = []
    for problem in problems:
        if problem.where in seen:
            continue
        seen.add(problem.where)
        out.append(problem)
    return out


def _result(
    renderer: Renderer,
    tracing: Tracing,
    settled: list[Settled],
    findings: list[Finding],
    rationale: bool,
    explanations: bool,
) -> CodingResult:
    naming = renderer.rules.table("naming").rule
    named: dict[str, list[Finding]] = {}
    plain: dict[str, list[Finding]] = {}
    stops = {stop.index: stop for stop in tracing.stops}
    for finding in findings:
        if finding.rule == naming:
            named.setdefault(str(finding.facts["vessel"]), []).append(finding)
            for index in finding.subject:
                stop = stops.get(index)
                if stop is not None and not stop.selective:
                    plain.setdefault(stop.access.id, []).append(finding)
    lines = []
    for item in settled:
        draft = item.draft
        about = (
            [f for v in draft.vessels for f in named.get(v, ())]
            if draft.vessels
            else plain.get(draft.access.id, [])
        )
        line_findings = (*item.findings, *(replace(f, severity="reason") for f in about))
        rendered = [renderer.reasoned(f) for f in line_findings] if rationale else []
        lines.append(
            CodeLine(
                code=draft.code,
                units=draft.units,
                modifiers=item.modifiers,
                access=None if draft.other_accesses else draft.access.id,
                family=draft.family,
                vessels=draft.vessels,
                rationale=tuple(line for _, line in rendered),
                reasons=tuple(reason for reason, _ in rendered),
                findings=line_findings,
            )
        )
    notes: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "note":
            for index in finding.subject:
                notes.setdefault(index, []).append(finding)
    placements = tuple(
        _placement(renderer, stop, notes.get(stop.index, []), explanations)
        for stop in tracing.stops
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
