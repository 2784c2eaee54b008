"""Reading a case's vessel names before it is traced: vessels, classes, ambiguities, variants.

Each access is read as an access and each placement as a placement (`vascular.names`). A name that
reads as one vessel is replaced by its id, with a note when the reading needed interpretation
("R IMA" is the right internal mammary). A name that reads as a class ("hepatic vein": any of
the right, middle or left hepatic veins) is tried member by member: the case is coded with each,
and the class is accepted, with a reason saying so, when every member gives the same claim lines;
otherwise the coder is asked, with each member's code. Anything else is a problem naming the
candidates or the close names. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vascular.anatomy import Anatomy
from vascular.case import Access, Case, Intervention, Placement
from vascular.errors import CaseProblem
from vascular.findings import Finding
from vascular.frozen import record, replace
from vascular.results import CodingResult

__all__ = ["NamedCase", "construct_problems", "read_names", "settle_classes"]


@record
class NamedCase:
    """A case with its names read: ids where a name read as one vessel, and what was found."""

    case: Case
    notes: dict[int, tuple[Finding, ...]]
    """Per placement index, the findings about how its name was read."""
    classes: dict[int, tuple[str, str, tuple[str, ...]]]
    """Per placement index still naming a class: (text, class label, member ids)."""
    problems: tuple[CaseProblem, ...]


def read_names(anatomy: Anatomy, case: Case, rule: str) -> NamedCase:
    """Read every access and placement name of `case` (ids are taken as they are).

    Args:
        anatomy: the patient's anatomy.
        case: the parsed case.
        rule: the rule id of a name reading's note (tables.yaml, section naming).
    """
    if (
        all(a.vessel in anatomy for a in case.accesses)
        and all(p.vessel in anatomy for p in case.placements)
        and all(i.vessel in anatomy for i in case.interventions)
    ):
        return NamedCase(case, {}, {}, ())
    problems: list[CaseProblem] = []
    accesses = list(case.accesses)
    for index, access in enumerate(accesses):
        vessel, _ = _one(anatomy, access.vessel, "access", f"accesses[{index}].vessel", problems)
        if vessel is not None:
            accesses[index] = replace(access, vessel=vessel)
    placements = list(case.placements)
    notes: dict[int, tuple[Finding, ...]] = {}
    classes: dict[int, tuple[str, str, tuple[str, ...]]] = {}
    for index, placement in enumerate(placements):
        where = f"placements[{index}]"
        text = placement.vessel
        if text in anatomy:
            continue
        reading = anatomy.read_name(text, "placement")
        if reading.kind == "class":
            classes[index] = (text, reading.label, reading.candidates)
            continue
        vessel, note = _one(anatomy, text, "placement", f"{where}.vessel", problems, reading)
        if vessel is None:
            continue
        placements[index] = replace(placement, vessel=vessel)
        if note:
            notes[index] = (
                Finding(
                    rule,
                    "reading",
                    (index,),
                    {"text": text, "vessel": vessel, "note": note},
                    "note",
                ),
            )
    interventions = list(case.interventions)
    for index, intervention in enumerate(interventions):
        vessel, _ = _one(
            anatomy, intervention.vessel, "placement", f"interventions[{index}].vessel", problems
        )
        if vessel is not None:
            interventions[index] = replace(intervention, vessel=vessel)
    named = replace(
        case,
        accesses=tuple(accesses),
        placements=tuple(placements),
        interventions=tuple(interventions),
    )
    return NamedCase(named, notes, classes, tuple(problems))


def construct_problems(anatomy: Anatomy, case: Case, rule: str) -> list[Finding]:
    """A vessel a construct makes (the TIPS tract, a dialysis graft), named without its construct.

    Args:
        anatomy: the patient's anatomy (with the case's constructs applied).
        case: the case with its names read.
        rule: the rule the problem cites (tables.yaml, section naming).
    """
    made_by = anatomy.made_by
    applied = set(anatomy.applied_variants)
    found = []
    named: list[tuple[str, Sequence[Access | Placement | Intervention]]] = [
        ("accesses", case.accesses),
        ("placements", case.placements),
        ("interventions", case.interventions),
    ]
    for section, items in named:
        for index, item in enumerate(items):
            construct = made_by.get(item.vessel)
            if construct is not None and construct not in applied:
                found.append(
                    Finding(
                        rule,
                        "problem",
                        (),
                        {"vessel": item.vessel, "construct": construct},
                        "problem",
                        f"{section}[{index}].vessel",
                    )
                )
    return found


def _one(
    anatomy: Anatomy,
    text: str,
    role: str,
    where: str,
    problems: list[CaseProblem],
    reading: object = None,
) -> tuple[str | None, str]:
    """The vessel id a name reads as, and the reading's note; or a problem."""
    if text in anatomy:
        return text, ""
    found = reading if reading is not None else anatomy.read_name(text, role)  # type: ignore[arg-type]
    kind = found.kind  # type: ignore[attr-defined]
    if kind == "vessel":
        return found.vessel, found.note  # type: ignore[attr-defined]
    suggestions = found.suggestions  # type: ignore[attr-defined]
    problems.append(
        CaseProblem(
            where,
            found.reason,  # type: ignore[attr-defined]
            suggestions=tuple(s.name for s in suggestions),
            candidates=tuple(found.candidates),  # type: ignore[attr-defined]
            suggestion_ids=tuple(s.id for s in suggestions),
        )
    )
    return None, ""


Coder = Callable[[Case, int], CodingResult | Sequence[CaseProblem]]
"""Codes a trial case without prose: its result, or the problems of the placement tried."""


def settle_classes(
    anatomy: Anatomy, named: NamedCase, code: Coder, rule: str
) -> tuple[Case, dict[int, tuple[Finding, ...]], list[CaseProblem]]:
    """Choose a member for each class name: the first, when every member codes the case alike.

    Members are tried one placement at a time, in order, the other class names held at their
    first member. A member the case cannot be coded with (unreachable, a territory it cannot image)
    is left out; when no member can be coded, the first member's problems are the case's.

    Returns:
        The case with every class replaced by a member, the findings per placement, and the
        problems (a class whose members code differently).
    """
    case = named.case
    notes = dict(named.notes)
    problems: list[CaseProblem] = []
    chosen = {index: members[0] for index, (_, _, members) in named.classes.items()}
    for index, (text, label, members) in sorted(named.classes.items()):
        outcomes: list[tuple[str, tuple[tuple[str, int, tuple[str, ...]], ...]]] = []
        failures: Sequence[CaseProblem] = ()
        for member in members:
            trial = _with_members(case, {**chosen, index: member})
            coded = code(trial, index)
            if isinstance(coded, CodingResult):
                outcomes.append(
                    (member, tuple((ln.code, ln.units, ln.modifiers) for ln in coded.lines))
                )
            elif not failures:
                failures = coded
        where = f"placements[{index}].vessel"
        if not outcomes:
            problems += [p for p in failures if p.where.startswith(f"placements[{index}]")] or [
                CaseProblem(
                    where,
                    f"{text!r} names the class '{label}', and none of its members "
                    "can be coded from this access",
                    candidates=members,
                )
            ]
            continue
        claims = {claim for _, claim in outcomes}
        if len(claims) > 1:
            listed = "; ".join(
                f"the {anatomy.name(member)} ({', '.join(_written(claim)) or 'no code'})"
                for member, claim in outcomes
            )
            problems.append(
                CaseProblem(
                    where,
                    f"{text!r} names the class '{label}', whose members code differently from "
                    f"this access: {listed}; say which vessel the catheter entered",
                    candidates=tuple(member for member, _ in outcomes),
                )
            )
            continue
        member = outcomes[0][0]
        chosen[index] = member
        notes[index] = (
            *notes.get(index, ()),
            Finding(
                rule,
                "class",
                (index,),
                {
                    "text": text,
                    "label": label,
                    "members": tuple(m for m, _ in outcomes),
                    "vessel": member,
                    "codes": _written(outcomes[0][1]),
                },
                "note",
            ),
        )
    return _with_members(case, chosen), notes, problems


def _with_members(case: Case, chosen: dict[int, str]) -> Case:
    placements = list(case.placements)
    for index, member in chosen.items():
        placements[index] = replace(placements[index], vessel=member)
    return replace(case, placements=tuple(placements))


def _written(claim: tuple[tuple[str, int, tuple[str, ...]], ...]) -> tuple[str, ...]:
    return tuple(
        code + "".join(f"-{m}" for m in modifiers) + (f" x{units}" if units > 1 else "")
        for code, units, modifiers in claim
    )
