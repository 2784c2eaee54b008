"""Readable and JSON views of a coded case: the claim table and the full reasoning per placement.

Pure functions from a traced and coded case to strings and plain dicts; no I/O. `vascular code`
prints `line_table`; `vascular explain` prints `explanation_text` (or `explanation_json`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Case
from vascular.coding.engine import trace_and_code
from vascular.coding.render import Renderer
from vascular.frozen import record
from vascular.results import SCHEMA_VERSION, CodeLine, CodingResult
from vascular.traversal import Stop, Tracing

__all__ = [
    "Explained",
    "claim_form",
    "claim_lines",
    "claim_note",
    "explain",
    "explanation_json",
    "explanation_text",
    "line_table",
    "written",
]

_WIDTH = 100


@record
class Explained:
    """A case with its tracing and its result, for the explanation views."""

    anatomy: Anatomy
    tracing: Tracing
    result: CodingResult


def explain(case: Case | Mapping[str, Any], anatomy: Anatomy) -> Explained:
    """Trace and code a case, keeping the tracing for the explanation.

    Raises:
        CaseError: the case cannot be coded as given.
    """
    coded = trace_and_code(anatomy, case)
    return Explained(coded.anatomy, coded.tracing, coded.result)


def written(line: CodeLine, anatomy: Anatomy) -> str:
    """A line as a claim writes it: '36247-LT', '+36248-LT x2'."""
    units = f" x{line.units}" if line.units > 1 else ""
    return anatomy.rules.label(line.code) + line.label.removeprefix(line.code) + units


def headline(line: CodeLine, anatomy: Anatomy) -> str:
    """The reason that decided the code: the line's first reason whose rule decides a code."""
    if not line.reasons:
        return ""
    rules = anatomy.rules.rules
    deciding = [r for r in line.reasons if rules[r.rule].role == "decision"]
    return (deciding or list(line.reasons))[0].text


def line_table(
    result: CodingResult, anatomy: Anatomy, name: str | None = None, width: int = _WIDTH
) -> str:
    """The claim lines as a table: code, units, modifiers, family, and the deciding reason.

    The reason column wraps to fit `width` columns (the terminal's, on a terminal).
    """
    out: list[str] = []
    if name:
        out += [f"Case: {name}", ""]
    if not result.lines:
        out.append("No code lines.")
    else:
        rows = [
            (
                anatomy.rules.label(line.code),
                str(line.units),
                " ".join(line.modifiers) or "-",
                line.access or "-",
                _family_name(anatomy, line.family),
                headline(line, anatomy),
            )
            for line in result.lines
        ]
        header = ("CODE", "UNITS", "MODIFIERS", "ACCESS", "FAMILY", "REASON")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
        lead = sum(widths) + 2 * 5
        for row in [header, *rows]:
            cells = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            wrapped = textwrap.wrap(row[5], max(30, width - lead)) or [""]
            out.append(f"{cells}  {wrapped[0]}".rstrip())
            out += [" " * lead + more for more in wrapped[1:]]
    out += _included(result, anatomy, width)
    if result.warnings:
        out += ["", "Warnings:"] + [
            textwrap.fill(w, width, initial_indent="  - ", subsequent_indent="    ")
            for w in result.warnings
        ]
    return "\n".join(out)


def _included(result: CodingResult, anatomy: Anatomy, width: int) -> list[str]:
    """The catheter lines an intervention includes, as a coder checks them off."""
    if not result.included_lines:
        return []
    return ["", "Included in an intervention (not on the claim):"] + [
        textwrap.fill(
            f"{anatomy.rules.label(line.code)}"
            + "".join(f"-{m}" for m in line.modifiers)
            + (f" (access {line.access})" if line.access else "")
            + f": {line.reason}",
            width,
            initial_indent="  - ",
            subsequent_indent="    ",
        )
        for line in result.included_lines
    ]


def _family_name(anatomy: Anatomy, family: str | None) -> str:
    return "-" if family is None else anatomy.vessel(family).name


def explanation_text(explained: Explained, width: int = _WIDTH) -> str:
    """The reasoning: each access with its trunk, each placement, then each line's reasons."""
    anatomy, tracing, result = explained.anatomy, explained.tracing, explained.result
    out: list[str] = []
    if tracing.case.name:
        out += [f"Case: {tracing.case.name}", ""]
    if anatomy.applied_variants:
        out += [f"Variant anatomy: {', '.join(anatomy.applied_variants)}", ""]
    for site in tracing.accesses:
        heading = "toward the heart" if site.toward_heart else "away from the heart"
        out.append(f"Access {site.id}: {site.vessel.name}, {site.direction} ({heading})")
        out += _wrap(
            "Trunk (non-selective): " + ", ".join(_names(anatomy, site.trunk)), "  ", None, width
        )
        out.append("")
    renderer = Renderer(anatomy, tracing)
    for stop, placed in zip(tracing.stops, result.placements, strict=False):
        effects = tuple(renderer.text(effect) for effect in stop.effects)
        out += _stop_text(anatomy, stop, effects, placed.explanation, width)
    out.append("Code lines:")
    for number, line in enumerate(result.lines, start=1):
        modifiers = f" {'-'.join(line.modifiers)}" if line.modifiers else ""
        units = f" x{line.units}" if line.units > 1 else ""
        out.append(f"  {number}. {anatomy.rules.label(line.code)}{modifiers}{units}")
        for reason in line.rationale:
            out += _wrap(reason, "       - ", "         ", width)
    out += _included(result, anatomy, width)
    if result.warnings:
        out += ["", "Warnings:"] + [
            w for warning in result.warnings for w in _wrap(warning, "  - ", "    ", width)
        ]
    return "\n".join(out)


def _stop_text(
    anatomy: Anatomy,
    stop: Stop,
    effects: tuple[str, ...],
    notes: tuple[str, ...],
    width: int = _WIDTH,
) -> list[str]:
    out = [f"Placement {stop.index + 1}: {stop.vessel.name} (access {stop.access.id})"]
    out += _wrap("Route: " + " > ".join(_names(anatomy, stop.route)), "  ", None, width)
    if stop.system == "pulmonary_artery":
        level = stop.vessel.pulmonary_level or "right heart or main pulmonary artery"
        out.append(f"  Pulmonary position: {level} level")
    elif stop.selective:
        chain = " > ".join(f"{anatomy.vessel(v).name} ({o})" for v, o in stop.orders)
        out += _wrap(
            f"Selective: order {stop.order} in the {_lower(anatomy.vessel(str(stop.family)).name)} "
            "family: " + chain,
            "  ",
            None,
            width,
        )
    else:
        out.append("  Non-selective: the catheter did not leave the access trunk")
    imaging = stop.placement.imaging
    if imaging:
        out.append(f"  Imaging: {imaging if imaging is not True else 'yes'}")
    if stop.placement.sampling:
        out.append("  Sampling: yes")
    for effect in effects:
        out += _wrap(effect, "  ", None, width)
    for note in notes:
        out += _wrap(note, "  -> ", "     ", width)
    out.append("")
    return out


def _names(anatomy: Anatomy, ids: tuple[str, ...]) -> list[str]:
    return [anatomy.vessel(vessel_id).name for vessel_id in ids]


def _wrap(text: str, first: str, rest: str | None = None, width: int = _WIDTH) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest if rest is not None else first,
        break_on_hyphens=False,
    )


def explanation_json(explained: Explained) -> dict[str, Any]:
    """The result's JSON plus the reasoning.

    Accesses with trunks, placements with routes and notes, and each line's structured reasons (rule
    ids and source ids).
    """
    anatomy, tracing, result = explained.anatomy, explained.tracing, explained.result
    data = result.to_json()
    renderer = Renderer(anatomy, tracing)
    return {
        "schema_version": SCHEMA_VERSION,
        "variants": list(anatomy.applied_variants),
        "accesses": [
            {
                "id": site.id,
                "vessel": site.vessel.id,
                "direction": site.direction,
                "toward_heart": site.toward_heart,
                "system": site.kind,
                "trunk": list(site.trunk),
            }
            for site in tracing.accesses
        ],
        "placements": [
            {
                **data["placements"][position],
                "name": stop.vessel.name,
                "system": stop.system,
                "route": list(stop.route),
                "orders": [{"vessel": v, "order": o} for v, o in stop.orders],
                "options": [
                    {
                        "option": e.facts["option"],
                        "value": e.facts["value"],
                        "alternative": anatomy.rules.settings(tracing.case.options)
                        .other(str(e.facts["option"]))
                        .value,
                        "rule": e.rule,
                        "detail": renderer.text(e),
                    }
                    for e in stop.effects
                ],
                "explanation": list(result.placements[position].explanation),
            }
            for position, stop in enumerate(tracing.stops)
        ],
        "lines": data["lines"],
        "warnings": data["warnings"],
        "warning_details": data["warning_details"],
    }


def _lower(name: str) -> str:
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def claim_lines(result: CodingResult, anatomy: Anatomy) -> str:
    """The claim lines alone, one per line, as coders write them: '36247-LT', '+36248-LT x2'."""
    return "\n".join(written(line, anatomy) for line in result.lines)


def claim_form(result: CodingResult) -> str:
    """The claim lines as they go on a claim: code, modifiers (space-separated), units, by tabs.

    No plus sign on an add-on and no 'x': the code, its modifiers in claim order and its units,
    as the service line of a claim form holds them.
    """
    return "\n".join(
        f"{line.code}\t{' '.join(line.modifiers)}\t{line.units}" for line in result.lines
    )


def claim_note(explained: Explained) -> str:
    """A note for the claim: the vessels selectively catheterized, per access, and the codes.

    Each selective vessel with its order and family (or pulmonary level) and the line that codes it;
    the non-selective positions; the claim lines; the warnings.
    """
    anatomy, tracing, result = explained.anatomy, explained.tracing, explained.result
    out: list[str] = []
    if tracing.case.name:
        out.append(f"Case: {tracing.case.name}")
    if anatomy.applied_variants:
        out.append(f"Variant anatomy: {', '.join(anatomy.applied_variants)}.")
    coded = {v: line for line in result.lines for v in line.vessels}
    for site in tracing.accesses:
        heading = "toward the heart" if site.toward_heart else "away from the heart"
        out.append(f"Access {site.id}: {_lower(site.vessel.name)}, {site.direction} ({heading}).")
        stops = [stop for stop in tracing.stops if stop.access is site]
        selective = list({s.vessel.id: s for s in stops if s.selective}.values())
        if selective:
            out.append("  Vessels selectively catheterized:")
        for stop in selective:
            out.append(f"  - {stop.vessel.name}: {_reading(anatomy, stop, coded)}")
        plain = sorted({_lower(s.vessel.name) for s in stops if not s.selective})
        if plain:
            out.append(f"  Non-selective positions: {', '.join(plain)}.")
    codes = ", ".join(claim_lines(result, anatomy).splitlines()) or "none"
    out.append(f"Codes: {codes}.")
    out += [f"Note: {warning}" for warning in result.warnings]
    return "\n".join(out)


def _reading(anatomy: Anatomy, stop: Stop, coded: dict[str, CodeLine]) -> str:
    if stop.system == "pulmonary_artery":
        words = f"{stop.vessel.pulmonary_level or 'right heart or main pulmonary artery'} level"
    else:
        family = _lower(anatomy.vessel(str(stop.family)).name)
        words = f"order {stop.order}, {family} family"
    imaging = stop.placement.imaging
    if imaging:
        words += "; imaging: " + (", ".join(stop.territories) or "yes")
    if stop.placement.sampling:
        words += "; blood sampling"
    line = coded.get(stop.vessel.id)
    if line is None:
        return words + " (included in a code on this claim)"
    return words + f" ({written(line, anatomy)})"
