"""A family chart as a printable document: SVG (one tall sheet), HTML or PDF (paged).

Pure: returns the document's bytes; the caller writes them.
"""

from __future__ import annotations

from typing import Literal

from vascular.anatomy import Anatomy
from vascular.charts.html import pages_html
from vascular.charts.layout import A4, chart_pages
from vascular.charts.pdf import pages_pdf
from vascular.charts.svg import page_svg
from vascular.charts.text import chart_heading
from vascular.family import FamilyChart

__all__ = ["CHART_FORMATS", "PAPERS", "ChartFormat", "chart_document"]

ChartFormat = Literal["svg", "html", "pdf"]
CHART_FORMATS: tuple[ChartFormat, ...] = ("svg", "html", "pdf")
"""The printable formats, by the file suffix that asks for them."""

PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": (612.0, 792.0)}
"""Paper sizes in points (portrait); a chart too wide for portrait turns to landscape."""


def chart_document(
    anatomy: Anatomy, chart: FamilyChart, kind: ChartFormat, paper: str = "a4"
) -> bytes:
    """The chart as an SVG sheet, or HTML or PDF pages of `paper` size.

    Raises:
        PdfUnavailableError: a PDF was asked for and fpdf2 is not installed.
    """
    title = chart_heading(anatomy, chart)
    if kind == "svg":
        return page_svg(chart_pages(anatomy, chart)[0], title).encode()
    pages = chart_pages(anatomy, chart, PAPERS[paper])
    if kind == "html":
        return pages_html(pages, title).encode()
    return pages_pdf(pages, title)
