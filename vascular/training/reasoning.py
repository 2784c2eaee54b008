"""The engine's reasoning for an exercise, one step a line.

The access, each placement's route, order and family, then each claim line with its rules and
sources.

Pure: reads an `Explained` (tracing and result of `vascular.api.explain_case`); no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vascular.anatomy import Anatomy
from vascular.explain import Explained, written
from vascular.results import CodeLine

__all__ = ["case_text", "claim_text", "line_reasons", "reasoning"]


def reasoning(explained: Explained) -> tuple[str, ...]:
    """Every step the engine took for the case, in order, as sentences."""
    anatomy = explained.anatomy
    steps: list[str] = []
    for site in explained.tracing.accesses:
        steps.append(
            f"Access {site.id}: {site.vessel.name}, {site.direction}; its trunk (non-selective): "
            + " > ".join(anatomy.vessel(v).name for v in site.trunk)
            + "."
        )
    for stop in explained.tracing.stops:
        where = f"Placement {stop.index + 1}, {stop.vessel.name}:"
        route = " > ".join(anatomy.vessel(v).name for v in stop.route)
        if stop.system == "pulmonary_artery":
            steps.append(f"{where} a pulmonary position, coded by its level; route {route}.")
        elif stop.selective and stop.family:
            chain = " > ".join(f"{anatomy.vessel(v).name} ({o})" for v, o in stop.orders)
            family = anatomy.vessel(stop.family).name.lower()
            steps.append(
                f"{where} selective, order {stop.order} in the {family} family: {chain}. "
                f"Route: {route}."
            )
        else:
            steps.append(f"{where} non-selective, the catheter stayed on the access trunk.")
    for line in explained.result.lines:
        steps += line_reasons(line, anatomy)
    steps += [f"Warning: {warning}" for warning in explained.result.warnings]
    return tuple(steps)


def line_reasons(line: CodeLine, anatomy: Anatomy) -> list[str]:
    """One claim line and its reasons, each reason a step."""
    head = written(line, anatomy)
    return [f"{head}: {reason.render()}" for reason in line.reasons] or [head]


def claim_text(lines: tuple[str, ...] | list[str]) -> str:
    """Claim lines numbered for a question: '1. 36247-LT  2. +36248 x2'."""
    return "\n".join(f"  {number}. {line}" for number, line in enumerate(lines, 1))


def case_text(case: Mapping[str, Any], anatomy: Anatomy) -> str:
    """A case in a coder's words: the accesses, the placements in order, variants and options."""

    def name(value: str) -> str:
        return anatomy.vessel(value).name if value in anatomy else value

    out = []
    for index, access in enumerate(case.get("accesses", ())):
        label = access.get("id") or ("A" if index == 0 else str(index + 1))
        direction = f", {access['direction']}" if access.get("direction") else ""
        out.append(f"  Access {label}: {name(str(access['vessel']))}{direction}")
    for index, placement in enumerate(case.get("placements", ()), 1):
        extra = []
        imaging = placement.get("imaging")
        if imaging is True:
            extra.append("with angiography")
        elif imaging:
            shown = imaging if isinstance(imaging, str) else ", ".join(imaging)
            extra.append(f"angiography: {shown}")
        if placement.get("sampling"):
            extra.append("blood sampling")
        if placement.get("via"):
            extra.append(f"via {name(str(placement['via']))}")
        if placement.get("access"):
            extra.append(f"from access {placement['access']}")
        more = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"  {index}. {name(str(placement['vessel']))}{more}")
    if case.get("variants"):
        out.append("  Variants: " + ", ".join(case["variants"]))
    if case.get("options"):
        out.append("  Options: " + ", ".join(f"{k}={v}" for k, v in case["options"].items()))
    return "\n".join(out)
