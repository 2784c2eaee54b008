"""Family charts for trainers: a vessel's subtree with each vessel's order and code from an access.

Pure: each position is coded by the engine itself as a one-placement case, so the chart always
agrees
with `code_case`. No I/O.
"""

from __future__ import annotations

from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Access, Case, Options, Placement
from vascular.coding.engine import code_tracing
from vascular.contract import dump
from vascular.errors import CaseError
from vascular.explain import written
from vascular.frozen import record
from vascular.results import SCHEMA_VERSION
from vascular.traversal import trace

__all__ = ["ChartRow", "FamilyChart", "family_chart"]


@record
class ChartRow:
    """One vessel of the chart."""

    vessel: str
    name: str
    depth: int
    selective: bool
    order: int | None
    family: str | None
    code: str
    """The line a catheter stopping here alone gives, written '36247-LT'; '' if none."""
    note: str
    """Why the position cannot be coded from this access, when it cannot."""


@record
class FamilyChart:
    """A vessel's subtree, coded position by position from one access."""

    root: str
    access: Access
    rows: tuple[ChartRow, ...]

    def to_json(self) -> dict[str, Any]:
        """The chart as a JSON-ready dict."""
        return {
            "schema_version": SCHEMA_VERSION,
            "root": self.root,
            "access": dump(self.access, exclude_none=True),
            "vessels": [dump(row) for row in self.rows],
        }


def family_chart(
    anatomy: Anatomy, root: str, access: Access, options: Options | None = None
) -> FamilyChart:
    """Code every vessel under `root` (itself included) as a lone placement from `access`.

    Raises:
        CaseError: the access itself cannot be placed.
    """
    options = options or Options()
    settings = anatomy.rules.settings(options)
    rows = []
    for vessel_id, depth in _walk(anatomy, root):
        case = Case(accesses=(access,), placements=(Placement(vessel=vessel_id),), options=options)
        name = anatomy.vessel(vessel_id).name
        tracing = trace(anatomy, case, settings, keep_problems=True)
        if tracing.problems:
            if any(p.where.startswith("accesses") for p in tracing.problems):
                raise CaseError(tracing.problems)
            note = tracing.problems[0].message
            rows.append(ChartRow(vessel_id, name, depth, False, None, None, "", note))
            continue
        stop = tracing.stops[0]
        try:
            result = code_tracing(anatomy, tracing).result
        except CaseError as error:
            rows.append(
                ChartRow(vessel_id, name, depth, False, None, None, "", error.problems[0].message)
            )
            continue
        code = " ".join(written(line, anatomy) for line in result.lines)
        rows.append(
            ChartRow(vessel_id, name, depth, stop.selective, stop.order, stop.family, code, "")
        )
    return FamilyChart(root, access, tuple(rows))


def _walk(anatomy: Anatomy, root: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    stack = [(anatomy.vessel(root).id, 0)]
    while stack:
        vessel_id, depth = stack.pop()
        out.append((vessel_id, depth))
        stack += [(child, depth + 1) for child in reversed(anatomy.child_ids(vessel_id))]
    return out
