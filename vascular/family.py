"""Family charts for trainers: a vessel's subtree with each vessel's order and code from an access.

Pure: each position is coded by the engine itself as a one-placement case (and again with
diagnostic imaging from it, and once per way in where two ways code differently), so the chart
always agrees with `code_case`. No I/O.
"""

from __future__ import annotations

from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import TERRITORIES, Access, Case, Imaging, Options, Placement
from vascular.coding.engine import code_tracing
from vascular.contract import dump
from vascular.errors import CaseError, CaseProblem
from vascular.explain import written
from vascular.frozen import record, replace
from vascular.results import SCHEMA_VERSION
from vascular.rulebook import Settings
from vascular.traversal import trace

__all__ = [
    "ChartRow",
    "ChartWay",
    "FamilyChart",
    "ImagingCode",
    "family_chart",
    "position_words",
]


@record
class ChartWay:
    """One way into a position that two ways reach and code differently."""

    via: str
    """The vessel the catheter goes through (id)."""
    via_name: str
    selective: bool
    order: int | None
    family: str | None
    code: str


@record
class ImagingCode:
    """The line a position gives with diagnostic imaging from it, where imaging changes the code."""

    territory: str | None
    """The territory imaged; None for the one the vessel itself supplies."""
    code: str


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
    """Why the position cannot be coded from this access, when it cannot (given once, at the top
    of a subtree the access cannot reach)."""
    leaf: bool = False
    """No vessel branches from it."""
    ways: tuple[ChartWay, ...] = ()
    """Each way in, where the position is reached two ways that code differently."""
    imaging: tuple[ImagingCode, ...] = ()
    """The lines with diagnostic imaging from here, where they differ from `code`."""
    explained_at: str | None = None
    """For a position the access cannot reach: the vessel whose row says why (its subtree's top)."""
    variant: str | None = None
    """The applied variant or construct that puts this vessel where it is, if any."""


@record
class FamilyChart:
    """A vessel's subtree, coded position by position from one access."""

    root: str
    access: Access
    rows: tuple[ChartRow, ...]
    variants: tuple[str, ...] = ()
    """The variants and constructs applied to the anatomy charted."""

    def to_json(self) -> dict[str, Any]:
        """The chart as a JSON-ready dict."""
        return {
            "schema_version": SCHEMA_VERSION,
            "root": self.root,
            "access": dump(self.access, exclude_none=True),
            "variants": list(self.variants),
            "vessels": [dump(row) for row in self.rows],
        }


def position_words(row: ChartRow) -> str:
    """What a catheter stopping at the row's vessel is: 'order 2', 'selective', 'non-selective'.

    Empty for a position that cannot be coded or that needs a way in.
    """
    if row.note or row.explained_at or row.ways:
        return ""
    if row.order is not None:
        return f"order {row.order}"
    return "selective" if row.selective else "non-selective"


def family_chart(
    anatomy: Anatomy, root: str, access: Access, options: Options | None = None
) -> FamilyChart:
    """Code every vessel under `root` (itself included) as a lone placement from `access`.

    Raises:
        CaseError: the access itself cannot be placed.
    """
    coder = _Coder(anatomy, access, options or Options())
    moved = _variant_vessels(anatomy)
    rows: list[ChartRow] = []
    unreachable_top: dict[str, str] = {}
    for vessel_id, depth in _walk(anatomy, root):
        row = coder.row(vessel_id, depth)
        parent = anatomy.vessel(vessel_id).parent
        top = unreachable_top.get(parent) if parent is not None else None
        if coder.unreachable(vessel_id):
            unreachable_top[vessel_id] = top or vessel_id
            if top is not None:
                row = replace(row, note="", explained_at=top)
        leaf = not anatomy.child_ids(vessel_id)
        rows.append(replace(row, leaf=leaf, variant=moved.get(vessel_id)))
    return FamilyChart(root, access, tuple(rows), anatomy.applied_variants)


class _Coder:
    """Codes one position from the chart's access: alone, with imaging, per way in."""

    def __init__(self, anatomy: Anatomy, access: Access, options: Options) -> None:
        self.anatomy, self.access, self.options = anatomy, access, options
        self.settings: Settings = anatomy.rules.settings(options)
        self._unreachable: set[str] = set()

    def unreachable(self, vessel_id: str) -> bool:
        """Whether the access cannot reach the vessel at all (not a choice of way)."""
        return vessel_id in self._unreachable

    def row(self, vessel_id: str, depth: int) -> ChartRow:
        name = self.anatomy.vessel(vessel_id).name
        outcome = self._code(Placement(vessel=vessel_id))
        if isinstance(outcome, CaseProblem):
            if outcome.where.endswith(".via") and outcome.candidates:
                ways = tuple(self._way(vessel_id, way) for way in outcome.candidates)
                return ChartRow(vessel_id, name, depth, False, None, None, "", "", ways=ways)
            if outcome.where.endswith(".vessel"):
                self._unreachable.add(vessel_id)
            return ChartRow(vessel_id, name, depth, False, None, None, "", outcome.message)
        selective, order, family, code = outcome
        imaging = self._imaging(vessel_id, code)
        return ChartRow(vessel_id, name, depth, selective, order, family, code, "", imaging=imaging)

    def _way(self, vessel_id: str, via: str) -> ChartWay:
        outcome = self._code(Placement(vessel=vessel_id, via=via))
        via_name = self.anatomy.vessel(via).name
        if isinstance(outcome, CaseProblem):
            return ChartWay(via, via_name, False, None, None, "")
        selective, order, family, code = outcome
        return ChartWay(via, via_name, selective, order, family, code)

    def _imaging(self, vessel_id: str, plain: str) -> tuple[ImagingCode, ...]:
        """The codes with imaging from the position, where imaging changes them.

        Where imaging from the position could show several territories, each is tried.
        """
        outcome = self._code(Placement(vessel=vessel_id, imaging=True))
        if not isinstance(outcome, CaseProblem):
            code = outcome[3]
            return (ImagingCode(None, code),) if code and code != plain else ()
        if not outcome.where.endswith(".imaging"):
            return ()
        found: list[ImagingCode] = []
        for territory in TERRITORIES:
            imaging: Imaging = territory  # type: ignore[assignment]
            result = self._code(Placement(vessel=vessel_id, imaging=imaging))
            if not isinstance(result, CaseProblem) and result[3] and result[3] != plain:
                found.append(ImagingCode(territory, result[3]))
        return tuple(found)

    def _code(self, placement: Placement) -> tuple[bool, int | None, str | None, str] | CaseProblem:
        """(selective, order, family, the lines as written), or the first problem."""
        case = Case(accesses=(self.access,), placements=(placement,), options=self.options)
        tracing = trace(self.anatomy, case, self.settings, keep_problems=True)
        if tracing.problems:
            if any(p.where.startswith("accesses") for p in tracing.problems):
                raise CaseError(tracing.problems)
            return tracing.problems[0]
        stop = tracing.stops[0]
        try:
            result = code_tracing(self.anatomy, tracing, rationale=False).result
        except CaseError as error:
            return error.problems[0]
        code = " ".join(written(line, self.anatomy) for line in result.lines)
        return stop.selective, stop.order, stop.family, code


def _variant_vessels(anatomy: Anatomy) -> dict[str, str]:
    """Each vessel an applied variant moves or an applied construct makes, with its id."""
    moved: dict[str, str] = {}
    for variant_id in anatomy.applied_variants:
        variant = anatomy.variants[variant_id]
        for vessel_id in (*(m.vessel for m in variant.reattach), *variant.made):
            moved.setdefault(vessel_id, variant_id)
    return moved


def _walk(anatomy: Anatomy, root: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    stack = [(anatomy.vessel(root).id, 0)]
    while stack:
        vessel_id, depth = stack.pop()
        out.append((vessel_id, depth))
        stack += [(child, depth + 1) for child in reversed(anatomy.child_ids(vessel_id))]
    return out
