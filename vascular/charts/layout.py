"""A family chart laid out for print: pages of shapes (text, lines, circles, boxes) in points.

One layout feeds every printable format (SVG, HTML, PDF), so they look alike. The tree is drawn
row by row with its guides (like a file tree), so a page can break between any two rows. Text
widths use the Helvetica metrics every PDF reader has, and the SVG names metric-compatible fonts.
Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from vascular.anatomy import Anatomy
from vascular.charts.text import chart_heading
from vascular.family import ChartRow, FamilyChart
from vascular.frozen import record

__all__ = [
    "ORDER_COLOURS",
    "Circle",
    "Line",
    "Page",
    "Rect",
    "Shape",
    "Text",
    "chart_pages",
    "order_colour",
    "text_width",
]

ORDER_COLOURS: tuple[str, ...] = ("#0072b2", "#009e73", "#e69f00", "#d55e00", "#cc79a7", "#7b3294")
"""Fill for orders 1, 2, 3, 4, 5 and 6 or more (a palette colour-blind readers can tell apart)."""
NON_SELECTIVE = "#8c8c8c"
SELECTIVE = "#56b4e9"
NOT_CODED = "#c8c8c8"
WAYS = "#4d4d4d"
INK, MUTED, GUIDE, STRIPE, IMAGING = "#1a1a1a", "#6b6b6b", "#b4b4b4", "#f2f4f7", "#8e2c8e"

MARGIN, ROW, INDENT, SIZE, RADIUS = 36.0, 13.0, 12.0, 8.0, 5.2
A4 = (595.28, 841.89)

# Helvetica advance widths (per 1000 units of the font size) for the printable ASCII characters.
_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 "
    "556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 "
    "722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 "
    "556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 "
    "260 334 584"
)
_WIDTH = dict(zip(map(chr, range(32, 127)), map(int, _WIDTHS.split()), strict=True))


@record
class Text:
    """A line of text; `x`, `y` is the start of its baseline (its end with anchor 'end')."""

    x: float
    y: float
    text: str
    size: float = SIZE
    bold: bool = False
    italic: bool = False
    fill: str = INK
    anchor: str = "start"


@record
class Line:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GUIDE
    width: float = 0.7


@record
class Circle:
    """A circle, filled or drawn as a ring."""

    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None = None
    width: float = 1.2


@record
class Rect:
    """A filled box."""

    x: float
    y: float
    w: float
    h: float
    fill: str


Shape = Text | Line | Circle | Rect


@record
class Page:
    """One page: its size in points and what is drawn on it."""

    width: float
    height: float
    shapes: tuple[Shape, ...]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` set in Helvetica at `size` points (bold about 6% wider)."""
    units = sum(_WIDTH.get(char, 556) for char in text)
    return units * size / 1000 * (1.06 if bold else 1.0)


def order_colour(row: ChartRow) -> str:
    """The colour of a row's marker: by order, or non-selective, selective, or not coded."""
    if row.ways:
        return WAYS
    if row.note or row.explained_at:
        return NOT_CODED
    if row.order is not None:
        return ORDER_COLOURS[min(row.order, len(ORDER_COLOURS)) - 1]
    return SELECTIVE if row.selective else NON_SELECTIVE


@record
class _Line:
    """One printed line of the tree: a row, or a way into it, or a line of its note."""

    row: int
    kind: str
    """row, way, note."""
    index: int = 0


def chart_pages(
    anatomy: Anatomy, chart: FamilyChart, page: tuple[float, float] | None = None
) -> list[Page]:
    """The chart laid out on pages of `page` (width, height) points, or on one tall page.

    Where the tree is wider than the page, the page turns to landscape.
    """
    lines = _lines(chart)
    columns = _columns(chart)
    width = columns[2] + columns[3] + MARGIN
    if page is not None:
        page = page if width <= page[0] else (page[1], page[0])
        width = page[0]
    head = _header(anatomy, chart, width)
    top = head[-1].y + 22 if isinstance(head[-1], Text) else 120.0
    later = [Text(MARGIN, MARGIN + 4, chart_heading(anatomy, chart), 8, fill=MUTED)]
    body_top = [top, MARGIN + 24.0]
    per_page = (
        [max(1, int((page[1] - start - MARGIN) // ROW)) for start in body_top]
        if page is not None
        else [len(lines)]
    )
    chunks: list[list[_Line]] = [lines[: per_page[0]]]
    rest = lines[per_page[0] :]
    while rest:
        chunks.append(rest[: per_page[1]])
        rest = rest[per_page[1] :]
    pages = []
    continues = _continues(chart.rows)
    for number, chunk in enumerate(chunks):
        y0 = body_top[0] if number == 0 else body_top[1]
        shapes: list[Shape] = list(head if number == 0 else later)
        shapes += _column_heads(columns, y0 - 6, chart, width)
        for position, line in enumerate(chunk):
            y = y0 + position * ROW
            shapes += _draw(anatomy, chart, line, y, columns, continues, width)
        height = page[1] if page is not None else y0 + len(chunk) * ROW + MARGIN
        shapes += _footer(height, width, number + 1, len(chunks))
        pages.append(Page(width, height, tuple(shapes)))
    return pages


def _lines(chart: FamilyChart) -> list[_Line]:
    out: list[_Line] = []
    for index, row in enumerate(chart.rows):
        out.append(_Line(index, "row"))
        out += [_Line(index, "way", i) for i in range(len(row.ways))]
        out += [_Line(index, "note", i) for i in range(len(_note_lines(row)))]
    return out


def _note_lines(row: ChartRow, limit: int = 95) -> list[str]:
    """The row's note wrapped, shown under the row (the first line of a long note stays short)."""
    words, lines, current = row.note.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _columns(chart: FamilyChart) -> tuple[float, float, float, float]:
    """Where the names start, the code and imaging columns start, and the imaging width."""
    names = max(
        _name_x(row.depth) + text_width(_name(row), SIZE, bold=bool(row.ways or not row.leaf))
        for row in chart.rows
    )
    ways = max(
        (
            _name_x(row.depth + 1) + text_width(f"via {w.via_name.lower()} (order 9)", SIZE - 0.5)
            for row in chart.rows
            for w in row.ways
        ),
        default=0.0,
    )
    code_x = max(names, ways) + 14
    imaging_x = code_x + 70
    imaging_w = max(
        (text_width(_imaging(row), SIZE, bold=True) for row in chart.rows if row.imaging),
        default=text_width("With imaging", SIZE, bold=True),
    )
    return _name_x(0), code_x, imaging_x, max(imaging_w, 150.0)


def _name_x(depth: int) -> float:
    return MARGIN + depth * INDENT + 2 * RADIUS + 4


def _name(row: ChartRow) -> str:
    return row.name + (" *" if row.variant else "")


def _imaging(row: ChartRow) -> str:
    return "  ".join(f"{i.territory}: {i.code}" if i.territory else i.code for i in row.imaging)


def _continues(rows: Sequence[ChartRow]) -> list[set[int]]:
    """For each row, the depths whose guide runs on below it (a later sibling at that depth)."""
    out: list[set[int]] = [set() for _ in rows]
    open_depths: set[int] = set()
    for index in range(len(rows) - 1, -1, -1):
        depth = rows[index].depth
        out[index] = {d for d in open_depths if d <= depth}
        open_depths = {d for d in open_depths if d < depth} | {depth}
    return out


def _header(anatomy: Anatomy, chart: FamilyChart, width: float) -> list[Shape]:
    root = anatomy.vessel(chart.root).name
    puncture = anatomy.lookup(chart.access.vessel).name
    heading = chart.access.direction or "toward the heart"
    shapes: list[Shape] = [
        Text(MARGIN, MARGIN + 12, f"{root}: family chart", 15, bold=True),
        Text(MARGIN, MARGIN + 27, f"Access: {puncture} puncture, {heading}", 9.5),
    ]
    y = MARGIN + 40
    if chart.variants:
        names = ", ".join(anatomy.variants[v].name for v in chart.variants)
        shapes.append(
            Text(MARGIN, y, f"Variants applied (* marks the vessels they move): {names}", 9)
        )
        y += 13
    shapes += _legend(chart, y + 6)
    return shapes


def _legend(chart: FamilyChart, y: float) -> list[Shape]:
    """Swatches for the orders and kinds the chart shows, the markers, and the columns."""
    present = {order_colour(row) for row in chart.rows}
    items: list[tuple[str, str]] = [
        (colour, f"order {i + 1}" if i < len(ORDER_COLOURS) - 1 else f"order {i + 1}+")
        for i, colour in enumerate(ORDER_COLOURS)
        if colour in present
    ]
    items += [
        (colour, words)
        for colour, words in (
            (SELECTIVE, "selective (no order)"),
            (NON_SELECTIVE, "non-selective"),
            (NOT_CODED, "not coded from this access"),
            (WAYS, "two ways in (each coded below it)"),
        )
        if colour in present
    ]
    shapes: list[Shape] = [Text(MARGIN, y + 3, "Legend", 9, bold=True)]
    x = MARGIN + 44
    for colour, words in items:
        shapes.append(
            Circle(x + RADIUS, y, RADIUS - 0.6, "#ffffff", colour)
            if colour == WAYS
            else Circle(x + RADIUS, y, RADIUS, colour)
        )
        shapes.append(Text(x + 2 * RADIUS + 4, y + 3, words, 8.5))
        x += 2 * RADIUS + 14 + text_width(words, 8.5)
    y += 16
    shapes += [
        Circle(MARGIN + 44 + RADIUS, y, RADIUS, MUTED),
        Text(MARGIN + 44 + 2 * RADIUS + 4, y + 3, "has branches (bold name)", 8.5),
        Circle(MARGIN + 170 + RADIUS, y, RADIUS - 0.6, "#ffffff", MUTED),
        Text(MARGIN + 170 + 2 * RADIUS + 4, y + 3, "end branch (leaf)", 8.5),
    ]
    shapes.append(
        Text(
            MARGIN + 44,
            y + 17,
            "Code: the line for a catheter stopping there alone.",
            8.5,
            fill=MUTED,
        )
    )
    if any(row.imaging for row in chart.rows):
        shapes.append(
            Text(
                MARGIN + 44,
                y + 29,
                "With imaging: the code when diagnostic imaging is done from there (it includes "
                "the catheter placement).",
                8.5,
                fill=IMAGING,
            )
        )
    return shapes


def _column_heads(
    columns: tuple[float, float, float, float], y: float, chart: FamilyChart, width: float
) -> list[Shape]:
    shapes: list[Shape] = [
        Text(MARGIN, y, "Vessel (order in the circle)", 8, bold=True, fill=MUTED),
        Text(columns[1], y, "Code", 8, bold=True, fill=MUTED),
    ]
    if any(row.imaging for row in chart.rows):
        shapes.append(Text(columns[2], y, "With imaging", 8, bold=True, fill=IMAGING))
    shapes.append(Line(MARGIN - 4, y + 3, width - MARGIN + 4, y + 3, GUIDE, 0.5))
    return shapes


def _draw(
    anatomy: Anatomy,
    chart: FamilyChart,
    line: _Line,
    y: float,
    columns: tuple[float, float, float, float],
    continues: list[set[int]],
    width: float,
) -> list[Shape]:
    """One printed line at `y` (its top): stripe, guides, marker, name, code, imaging code."""
    row = chart.rows[line.row]
    mid, base = y + ROW / 2, y + ROW / 2 + SIZE * 0.35
    shapes: list[Shape] = []
    if line.row % 2 == 1:
        shapes.append(Rect(MARGIN - 4, y, width - 2 * MARGIN + 8, ROW, STRIPE))
    guide_depths = set(continues[line.row])
    if line.kind != "row" and not row.leaf:
        guide_depths.add(row.depth + 1)
    for depth in sorted(guide_depths):
        if depth == 0 or (line.kind == "row" and depth == row.depth):
            continue
        x = _guide_x(depth)
        shapes.append(Line(x, y, x, y + ROW))
    if line.kind == "row" and row.depth > 0:
        x = _guide_x(row.depth)
        bottom = y + ROW if row.depth in continues[line.row] else mid
        shapes += [Line(x, y, x, bottom), Line(x, mid, _marker_x(row.depth) - RADIUS, mid)]
    if line.kind == "row":
        shapes += _row_shapes(row, mid, base, columns)
    elif line.kind == "way":
        way = row.ways[line.index]
        x = _name_x(row.depth + 1)
        order = f"  (order {way.order})" if way.order is not None else ""
        if way.order is not None:
            colour = ORDER_COLOURS[min(way.order, len(ORDER_COLOURS)) - 1]
            shapes.append(Circle(x - 7, mid, 3.2, colour))
        shapes += [
            Text(x, base, f"via {way.via_name.lower()}{order}", SIZE - 0.5, italic=True),
            Text(columns[1], base, way.code, SIZE, bold=True),
        ]
    else:
        text = _note_lines(row)[line.index]
        shapes.append(Text(_name_x(row.depth), base, text, SIZE - 1, italic=True, fill=MUTED))
    return shapes


def _row_shapes(
    row: ChartRow,
    mid: float,
    base: float,
    columns: tuple[float, float, float, float],
) -> list[Shape]:
    colour = order_colour(row)
    cx = _marker_x(row.depth)
    label = str(row.order) if row.order is not None and colour != NOT_CODED else ""
    if row.ways:
        marker: Shape = Circle(cx, mid, RADIUS - 0.6, "#ffffff", WAYS)
        number = WAYS
    elif row.leaf:
        marker = Circle(cx, mid, RADIUS - 0.6, "#ffffff", colour)
        number = colour
    else:
        marker, number = Circle(cx, mid, RADIUS, colour), "#ffffff"
    shapes: list[Shape] = [marker]
    if label:
        shapes.append(Text(cx, mid + 2.3, label, 6.5, bold=True, fill=number, anchor="middle"))
    coded = colour != NOT_CODED
    shapes.append(
        Text(
            _name_x(row.depth),
            base,
            _name(row),
            SIZE,
            bold=not row.leaf,
            fill=INK if coded or row.ways else MUTED,
        )
    )
    if row.ways:
        code, fill = f"{len(row.ways)} ways in, each coded below", MUTED
    elif row.explained_at:
        code, fill = "\u2013", MUTED
    elif row.note:
        code, fill = "not reached from this access (why: below)", MUTED
    else:
        code, fill = row.code, INK
    shapes.append(Text(columns[1], base, code, SIZE, bold=fill == INK, fill=fill))
    if row.imaging:
        shapes.append(Text(columns[2], base, _imaging(row), SIZE, bold=True, fill=IMAGING))
    return shapes


def _guide_x(depth: int) -> float:
    return _marker_x(depth - 1)


def _marker_x(depth: int) -> float:
    return MARGIN + depth * INDENT + RADIUS


def _footer(height: float, width: float, number: int, count: int) -> list[Shape]:
    from vascular import __version__

    text = (
        f"vascular-coding {__version__}: each code is the engine's coding of a catheter stopping "
        "at that vessel from this access. 'vascular glossary' explains the terms."
    )
    shapes: list[Shape] = [Text(MARGIN, height - MARGIN / 2, text, 7, fill=MUTED)]
    if count > 1:
        page = f"page {number} of {count}"
        shapes.append(Text(width - MARGIN, MARGIN / 2 + 4, page, 7.5, fill=MUTED, anchor="end"))
    return shapes
