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
from vascular.coding.naming import construct_problems, read_names, settle_classes
from vascular.coding.render import Renderer
from vascular.errors import AnatomyDataError, CaseError, CaseProblem
from vascular.findings import Finding
from vascular.frozen import record, replace
from vascular.results import CodeLine, CodingResult, IncludedLine, PlacementResult
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
    naming = patient.rules.table("naming")
    rule = naming.rule
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
        early=construct_problems(patient, settled, naming.construct_rule),
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
    """The atlas with the case's variants and constructs applied (each combination built once).

    Raises:
        CaseError: a variant or construct the atlas does not define, one listed in the wrong
            field, or several that cannot go together.
    """
    if not case.variants and not case.constructs:
        return anatomy
    problems = []
    chosen = []
    for field, kind in (("variants", "variant"), ("constructs", "construct")):
        known = sorted(v.id for v in anatomy.variants.values() if v.kind == kind)
        for index, given in enumerate(getattr(case, field)):
            found = anatomy.variants.get(given.replace("-", "_"))
            if found is None or found.kind != kind:
                listed = (
                    f"; {given!r} is a {found.kind}: list it under {found.kind}s"
                    if found is not None
                    else ""
                )
                problems.append(
                    CaseProblem(
                        f"{field}[{index}]",
                        f"unknown {kind} {given!r}{listed}; the {kind}s are " + ", ".join(known),
                    )
                )
            else:
                chosen.append(found.id)
    if problems:
        raise CaseError(problems)
    try:
        return anatomy.with_variants(*chosen)
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
    early: Sequence[Finding] = (),
) -> Coded:
    """Code an already traced case.

    Args:
        anatomy: the patient's anatomy.
        tracing: the traced case.
        rationale: put the reasons of every line into words.
        explanations: put every placement's notes into words (`vascular explain`, the app).
        problems: problems found before tracing (names), reported with the others.
        notes: findings about placements found before tracing (how their names were read).
        early: problems found before tracing, as findings (a construct's vessel named alone).

    Raises:
        CaseError: every problem found before tracing, while tracing and while coding, together.
    """
    rules = anatomy.rules
    view = CaseView(anatomy, tracing, tracing.settings)
    results: list[FamilyResult] = []
    claimed: set[int] = set()
    stops: Sequence[Stop] = tracing.stops
    for family_id in rules.families:
        open_stops = [stop for stop in stops if stop.index not in claimed] if claimed else stops
        result = FAMILIES[family_id].code(view, open_stops, rules.table(family_id))
        results.append(result)
        view.earlier.append(result)
        claimed |= result.claimed
        if result.restated:
            again = {stop.index: stop for stop in result.restated}
            stops = [again.get(stop.index, stop) for stop in stops]
    claim_table: ClaimTable = rules.table("claim")
    drafts = [draft for result in results for draft in result.drafts]
    settled, claim_warnings = settle(view, drafts, claim_table)
    findings = [warning for stop in stops for warning in stop.warnings]
    findings += [finding for result in results for finding in result.findings]
    findings += claim_warnings
    findings = [*early, *findings]
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
    early_notes = [finding for group in (notes or {}).values() for finding in group]
    coded = _result(renderer, tracing, settled, [*early_notes, *findings], rationale, explanations)
    if tracing.case.interventions:
        coded = replace(
            coded, included_lines=_included_lines(anatomy, tracing, settled, results, renderer)
        )
    return Coded(anatomy, tracing, tuple(results), tuple(settled), coded)


def _included_lines(
    anatomy: Anatomy,
    tracing: Tracing,
    settled: Sequence[Settled],
    results: Sequence[FamilyResult],
    renderer: Renderer,
) -> tuple[IncludedLine, ...]:
    """The catheter lines the route would give without the interventions, that they include."""
    alone = replace(tracing, case=replace(tracing.case, interventions=()))
    without = code_tracing(anatomy, alone, rationale=False, explanations=False).result.lines
    kept = {(item.draft.code, item.draft.access.id, item.draft.vessels) for item in settled}
    including = _Including.of(tracing, settled, results)
    rule = anatomy.rules.table("claim").rules.included
    found = []
    for line in without:
        if (line.code, line.access, line.vessels) in kept:
            continue
        by = including.by(line)
        if by is None:
            continue
        code, key = by
        found.append(
            IncludedLine(
                code=line.code,
                units=line.units,
                modifiers=line.modifiers,
                access=line.access,
                vessels=line.vessels,
                included_in=code,
                reason=renderer.text(Finding(rule, key, facts={"code": line.code, "by": code})),
            )
        )
    return tuple(found)


@record
class _Including:
    """Which intervention line includes what: placements, accesses, and placements it guided."""

    placements: dict[int, str]
    accesses: dict[str, str]
    guided: frozenset[int]
    first: str | None
    places: dict[tuple[str | None, str], int]

    @classmethod
    def of(
        cls, tracing: Tracing, settled: Sequence[Settled], results: Sequence[FamilyResult]
    ) -> _Including:
        placements: dict[int, str] = {}
        accesses: dict[str, str] = {}
        for item in settled:
            draft = item.draft
            for index in draft.includes:
                placements.setdefault(index, draft.code)
            if draft.as_entered:
                for site in draft.covered():
                    accesses.setdefault(site.id, draft.code)
        guided = frozenset(i for r in results for i in r.claimed) - set(placements)
        first = next((item.draft.code for item in settled if item.draft.as_entered), None)
        places: dict[tuple[str | None, str], int] = {
            (stop.access.id, stop.vessel.id): stop.index for stop in tracing.stops
        }
        return cls(placements, accesses, guided, first, places)

    def by(self, line: CodeLine) -> tuple[str, str] | None:
        """The code that includes the line and the reason's template key, or None."""
        indexes = [
            self.places[line.access, v] for v in line.vessels if (line.access, v) in self.places
        ]
        if indexes and all(i in self.placements for i in indexes):
            return self.placements[indexes[0]], "line-included"
        if (
            indexes
            and self.first
            and all(i in self.placements or i in self.guided for i in indexes)
        ):
            code = next((self.placements[i] for i in indexes if i in self.placements), self.first)
            return code, "line-guidance"
        if not line.vessels and line.access in self.accesses:
            return self.accesses[line.access], "line-included"
        return None


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
    lines = _lines(renderer, tracing, settled, findings, rationale)
    notes: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.severity == "note":
            for index in finding.subject:
                notes.setdefault(index, []).append(finding)
    included_in = {i: item.draft.code for item in settled for i in item.draft.includes}
    placements = tuple(
        _placement(renderer, stop, notes.get(stop.index, []), explanations, included_in)
        for stop in tracing.stops
    )
    details = tuple(renderer.warning(f) for f in findings if f.severity == "warning")
    return CodingResult(
        lines=lines,
        placements=placements,
        warnings=tuple(str(detail) for detail in details),
        warning_details=details,
        findings=tuple(findings),
    )


def _lines(
    renderer: Renderer,
    tracing: Tracing,
    settled: list[Settled],
    findings: list[Finding],
    rationale: bool,
) -> tuple[CodeLine, ...]:
    """Each settled line with its reasons: its own, and how the names it stands for were read."""
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
                entered=draft.as_entered,
                includes=tuple(stops[i].vessel.id for i in draft.includes if i in stops),
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
    return tuple(lines)


def _placement(
    renderer: Renderer,
    stop: Stop,
    notes: list[Finding],
    rationale: bool,
    included_in: Mapping[int, str],
) -> PlacementResult:
    return PlacementResult(
        included_in=included_in.get(stop.index),
        vessel=stop.vessel.id,
        selective=stop.selective,
        order=stop.order,
        family=stop.family,
        access=stop.access.id,
        name=stop.vessel.name,
        explanation=tuple(renderer.text(note) for note in notes) if rationale else (),
        findings=(*stop.effects, *notes),
    )
