"""A family chart as plain text: one indented line per vessel, its order, code and imaging code.

Pure; no I/O.
"""

from __future__ import annotations

from vascular.anatomy import Anatomy
from vascular.family import ChartRow, FamilyChart

__all__ = ["chart_heading", "chart_text", "imaging_words", "order_label"]


def chart_heading(anatomy: Anatomy, chart: FamilyChart) -> str:
    """'Left common iliac artery: orders and codes from the right common femoral artery (...)'."""
    puncture = anatomy.lookup(chart.access.vessel).name.lower()
    heading = chart.access.direction or "toward the heart"
    text = f"{anatomy.vessel(chart.root).name}: orders and codes from the {puncture} ({heading})"
    if chart.variants:
        text += f", with {', '.join(chart.variants)}"
    return text


def order_label(row: ChartRow) -> str:
    """The ORDER column: the order, 'sel' (selective, no order), 'non-sel', or '-' (not coded)."""
    if row.note or row.explained_at or row.ways:
        return "-"
    if row.order is not None:
        return str(row.order)
    return "sel" if row.selective else "non-sel"


def imaging_words(row: ChartRow) -> str:
    """The codes with imaging: '36222-RT', or 'cervical 36222-RT; vertebral 36225-RT'."""
    return "; ".join(
        f"{item.territory} {item.code}" if item.territory else item.code for item in row.imaging
    )


def chart_text(anatomy: Anatomy, chart: FamilyChart) -> str:
    """The chart as a text table; a subtree the access cannot reach is explained once."""
    lines = [chart_heading(anatomy, chart), ""]
    labels = [_label(row) for row in chart.rows]
    width = max(len(label) for label in labels)
    for row in chart.rows:
        width = max(width, *(2 * row.depth + 8 + len(w.via_name) for w in row.ways), 0)
    with_imaging = any(row.imaging for row in chart.rows)
    header = f"{'VESSEL':<{width}}  ORDER    {'CODE':<10}"
    lines.append((header + "  WITH IMAGING" if with_imaging else header).rstrip())
    for row, label in zip(chart.rows, labels, strict=True):
        code = row.code or row.note
        if row.ways:
            code = f"{_count(len(row.ways))} ways in, which code differently:"
        elif row.explained_at:
            code = f"(see {anatomy.vessel(row.explained_at).name.lower()})"
        line = f"{label:<{width}}  {order_label(row):<7}  {code:<10}  {imaging_words(row)}"
        lines.append(line.rstrip())
        families = {way.family for way in row.ways}
        for way in row.ways:
            via = "  " * row.depth + f"  > via {way.via_name.lower()}"
            order = str(way.order) if way.order is not None else "-"
            family = f"  {anatomy.name(way.family).lower()} family" if len(families) > 1 else ""
            lines.append(f"{via:<{width}}  {order:<7}  {way.code:<10}{family}".rstrip())
    if with_imaging:
        lines += ["", "WITH IMAGING: the line when diagnostic imaging is done from that position."]
    if any(row.variant for row in chart.rows):
        lines += ["* where a variant applied to the chart puts it, not the usual anatomy."]
    return "\n".join(lines)


def _count(number: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(number, str(number))


def _label(row: ChartRow) -> str:
    mark = " *" if row.variant else ""
    return "  " * row.depth + row.name + mark
