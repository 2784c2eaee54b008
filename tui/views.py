"""What the panels show, in words: names, each row's problems, the reasoning, the added message.

Textual-free functions of the case and its coding; the session calls them and the screen puts
the results on its widgets. Every order, family, code and reason comes from the library's
result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tui import interventions as intervening
from tui.claim import ClaimShown
from tui.coding import Coding, problem_index
from vascular import (
    Anatomy,
    Case,
    CaseProblem,
    CodeLine,
    Explained,
    PlacementResult,
    VascularError,
    headline,
    written,
)

__all__ = ["added_message", "names_of", "position_words", "rationale", "row_problems"]

_NAME_RULE = "name-reading"
"""The rule whose findings say how a placement's name was read (anatomy_data tables: naming)."""


def names_of(anatomy: Anatomy, case: Case, explained: Explained | None) -> dict[str, str]:
    """Display names for every vessel text of the case and every family in its result."""
    names: dict[str, str] = {}
    families = [p.family for p in explained.result.placements] if explained else []
    texts = [a.vessel for a in case.accesses] + [p.vessel for p in case.placements]
    texts += [i.vessel for i in case.interventions]
    for construct in case.constructs:
        variant = anatomy.variants.get(construct)
        names[construct] = variant.name if variant is not None else construct
    for text in [*texts, *(f for f in families if f)]:
        if text in anatomy:
            names[text] = anatomy.vessel(text).name
            continue
        reading = anatomy.read_name(text)
        if reading.kind == "vessel" and reading.vessel is not None:
            names[text] = anatomy.vessel(reading.vessel).name
        elif reading.kind == "class":
            names[text] = f"{text} (class)"
    return names


def row_problems(problems: Sequence[CaseProblem]) -> dict[tuple[str, int], list[CaseProblem]]:
    """The problems of each access ('access', i) and placement ('placement', i)."""
    rows: dict[tuple[str, int], list[CaseProblem]] = defaultdict(list)
    for problem in problems:
        row = problem_index(problem)
        if row is not None:
            rows[row].append(problem)
    return dict(rows)


def line_of(result_lines: Sequence[CodeLine], placement: PlacementResult) -> CodeLine | None:
    """The line a placement is coded on; else the line of its family from its access."""
    for line in result_lines:
        if placement.vessel in line.vessels:
            return line
    for line in result_lines:
        if line.access == placement.access and placement.family and line.family == placement.family:
            return line
    return None


def position_words(anatomy: Anatomy, explained: Explained, index: int) -> str:
    """Where a placement sits and its line: 'order 4 in the celiac trunk family, 36247'."""
    result = explained.result
    placement = result.placements[index]
    line = line_of(result.lines, placement)
    code = written(line, anatomy) if line else ""
    own = line is not None and placement.vessel in line.vessels
    coded = code if own else (f"included in {code}" if code else "no line of its own")
    if placement.included_in:
        coded = f"included in the intervention {placement.included_in}"
    if not placement.selective:
        return f"non-selective, {coded}"
    if placement.order is None or placement.family is None:
        return coded
    family = explained.anatomy.name(placement.family)
    return f"order {placement.order} in the {family} family, {coded}"


def _class_note(placement: PlacementResult) -> str:
    for finding in placement.findings:
        if finding.rule == _NAME_RULE and finding.key == "class":
            codes = finding.facts.get("codes", ())
            members = finding.facts.get("members", ())
            if isinstance(codes, tuple) and isinstance(members, tuple):
                listed = ", ".join(str(code) for code in codes) or "no code"
                return f"a class of {len(members)}: every member codes {listed}"
    return ""


def added_message(
    anatomy: Anatomy, case: Case, explained: Explained, index: int, typed: str, how: str
) -> str:
    """The vessel added and how its name was read, its order, family and line.

    'Right hepatic artery (from 'R HA': HA with a side read as RHA) — order 4 in the celiac
    trunk family, 36247'. A class placement names its class and the member it was coded as.
    """
    placement = explained.result.placements[index]
    text = case.placements[index].vessel
    name = placement.name or explained.anatomy.vessel(placement.vessel).name
    if text not in anatomy:
        note = _class_note(placement) or how
        label = (
            f"{text!r} ({note}; coded as the {explained.anatomy.name(placement.vessel)})"
            if note
            else repr(text)
        )
    elif typed and how:
        label = f"{name} (from {typed!r}: {how})"
    else:
        label = name
    return f"{label} — {position_words(anatomy, explained, index)}"


def rationale(
    anatomy: Anatomy,
    case: Case,
    coding: Coding,
    selected: tuple[str, int] | None,
    ncci: ClaimShown | None = None,
) -> tuple[str, list[str]]:
    """The reasoning panel: the selected placement or line, or why the case does not code.

    A claim line's reasons end with what the NCCI check says of it (`ncci`), when given.
    """
    kind, index = selected or ("line", 0)
    if coding.problems:
        return _problems(anatomy, case, coding.problems, kind, index)
    explained = coding.explained
    if explained is None:
        return "Nothing to explain yet", ["Add an access, then the vessels the catheter entered."]
    result = explained.result
    if kind == "placement" and index < len(result.placements):
        placement = result.placements[index]
        stop = explained.tracing.stops[index]
        route = " > ".join(explained.anatomy.vessel(v).name for v in stop.route)
        return (
            f"Placement {index + 1}: {placement.name}",
            [f"Route: {route}", *placement.explanation],
        )
    if kind in ("included", "intervention", "construct"):
        found = _intervention_rationale(explained, case, kind, index)
        if found is not None:
            return found
    if kind == "access" and index < len(case.accesses):
        return _access_rationale(explained, case, index)
    if kind == "claim" and index < len(case.claim_codes):
        other = case.claim_codes[index]
        modifiers = "".join(f"-{m}" for m in other.modifiers)
        reasons = [
            "On the same claim as the coded lines (the settings, F2): the tool does not code it, "
            "it checks it with them against the NCCI edits.",
            *(ncci.line_reasons(len(result.lines) + index) if ncci else ()),
        ]
        return f"Other claim code {other.code}{modifiers} x{other.units}", reasons
    if result.lines and kind == "line" and index < len(result.lines):
        line = result.lines[index]
        return (
            f"{line.label} x{line.units}: {headline(line, explained.anatomy)}",
            [*line.rationale, *result.warnings, *(ncci.line_reasons(index) if ncci else ())],
        )
    return "No code lines", list(result.warnings) or ["Nothing coded yet."]


def _access_rationale(explained: Explained, case: Case, index: int) -> tuple[str, list[str]]:
    """An access row: where the puncture was, and the claim lines coded through it."""
    access = case.accesses[index]
    ident = access.id or "A"
    anatomy = explained.anatomy
    way = access.direction or "toward the heart"
    lines = [
        f"{written(line, anatomy)}: {headline(line, anatomy)}"
        for line in explained.result.lines
        if line.access == ident
    ]
    if not lines:
        lines = ["No claim line through this access yet: add the vessels the catheter entered."]
    name = names_of(anatomy, case, explained).get(access.vessel, access.vessel)
    return f"Access {ident}: {name}, {way}", lines


def _problems(
    anatomy: Anatomy, case: Case, problems: Sequence[CaseProblem], kind: str, index: int
) -> tuple[str, list[str]]:
    rows = row_problems(problems)
    own = rows.get((kind, index), [])
    if own:
        vessels = {
            "placement": [p.vessel for p in case.placements],
            "access": [a.vessel for a in case.accesses],
            "intervention": [i.vessel for i in case.interventions],
        }
        where = vessels[kind][index]
        lines: list[str] = []
        for problem in own:
            lines.append(problem.message)
            choices = problem.candidates or problem.suggestion_ids
            if choices:
                lines.append("Could be: " + "; ".join(_name(anatomy, c) for c in choices))
        lines.append("Fix it: Delete removes it; r chooses the vessel again.")
        return f"{kind.title()} {index + 1} ({where!r}) cannot be coded yet", lines
    listed = []
    for problem in problems:
        row = problem_index(problem)
        label = f"{row[0]} {row[1] + 1}: " if row else ""
        listed.append(f"{label}{problem.message}")
    listed.append("Select a marked row in the case list (Ctrl+L) to fix it.")
    return "This case cannot be coded yet", listed


def _intervention_rationale(
    explained: Explained, case: Case, kind: str, index: int
) -> tuple[str, list[str]] | None:
    """The reasoning for an absorbed line, an intervention row or a construct row."""
    result = explained.result
    anatomy = explained.anatomy
    if kind == "included" and index < len(result.included_lines):
        return intervening.included_rationale(anatomy, result.included_lines[index])
    if kind == "intervention" and index < len(case.interventions):
        entry = case.interventions[index]
        code = entry.code.lstrip("+")
        own = [line for line in result.lines if line.entered and line.code == code]
        absorbed = [line for line in result.included_lines if line.included_in == code]
        reasons = [reason for line in own[:1] for reason in line.rationale]
        reasons += [f"Struck through: {line.reason or line.code}" for line in absorbed]
        reasons.append(f"Diagnostic study: {intervening.diagnostic_words(entry.diagnostic)}.")
        reasons.append("The tool checks only what the catheter codes include; r changes it.")
        return f"Intervention {index + 1}: {intervening.row_reading(anatomy, entry)}", reasons
    if kind == "construct" and index < len(case.constructs):
        construct = case.constructs[index]
        variant = anatomy.variants.get(construct)
        name = variant.name if variant is not None else construct
        made = ", ".join(variant.made) if variant is not None else ""
        lines = [f"Makes: {made}."] if made else []
        lines.append("Saved with the case; change it in the settings (F2), Delete removes it.")
        return f"Construct: {name}", lines
    return None


def _name(anatomy: Anatomy, vessel: str) -> str:
    try:
        return anatomy.vessel(vessel).name
    except VascularError:
        return vessel
