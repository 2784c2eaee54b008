"""Pages of shapes as a PDF document, drawn with fpdf2 (the ``print`` extra).

fpdf2 is imported only when a PDF is asked for, so the rest of the library does not need it.
Pure; returns the document's bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from vascular.charts.layout import Circle, Line, Page, Rect, Shape, Text
from vascular.errors import VascularError

__all__ = ["PdfUnavailableError", "pages_pdf", "plain_text"]


class PdfUnavailableError(VascularError):
    """PDF output needs fpdf2, which is not installed."""


def pages_pdf(pages: Sequence[Page], title: str = "") -> bytes:
    """The pages as one PDF document (Helvetica, the metrics the layout measured with).

    Raises:
        PdfUnavailableError: fpdf2 is not installed.
    """
    try:
        from fpdf import FPDF
    except ImportError:
        raise PdfUnavailableError(
            "PDF output needs fpdf2: pip install 'vascular-coding[print]' (or write .svg or .html)"
        ) from None
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_creator("vascular-coding")
    if title:
        pdf.set_title(title)
    for page in pages:
        pdf.add_page(format=(page.width, page.height))
        for shape in page.shapes:
            _draw(pdf, shape)
    return bytes(pdf.output())


_PLAIN = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2192": "->",
        "\u21b3": ">",
        "\u2265": ">=",
        "\u2264": "<=",
    }
)


def plain_text(text: str) -> str:
    """Text the PDF's built-in Helvetica can set (Latin-1, dashes and quotes made plain)."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _draw(pdf: object, shape: Shape) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    if isinstance(shape, Text):
        style = ("B" if shape.bold else "") + ("I" if shape.italic else "")
        pdf.set_font("helvetica", style, shape.size)
        pdf.set_text_color(*_rgb(shape.fill))
        text = plain_text(shape.text)
        width = pdf.get_string_width(text)
        x = {"middle": shape.x - width / 2, "end": shape.x - width}.get(shape.anchor, shape.x)
        pdf.text(x, shape.y, text)
    elif isinstance(shape, Line):
        pdf.set_draw_color(*_rgb(shape.stroke))
        pdf.set_line_width(shape.width)
        pdf.line(shape.x1, shape.y1, shape.x2, shape.y2)
    elif isinstance(shape, Circle):
        style = ("F" if shape.fill else "") + ("D" if shape.stroke else "")
        if shape.fill:
            pdf.set_fill_color(*_rgb(shape.fill))
        if shape.stroke:
            pdf.set_draw_color(*_rgb(shape.stroke))
            pdf.set_line_width(shape.width)
        d = 2 * shape.r
        pdf.ellipse(shape.cx - shape.r, shape.cy - shape.r, d, d, style or "D")
    elif isinstance(shape, Rect):
        pdf.set_fill_color(*_rgb(shape.fill))
        pdf.rect(shape.x, shape.y, shape.w, shape.h, "F")
