"""Pages of shapes as SVG documents (standard-library text, no drawing library).

Pure; no I/O.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from vascular.charts.layout import Circle, Line, Page, Rect, Shape, Text

__all__ = ["FONTS", "page_svg"]

FONTS = "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', sans-serif"
"""Fonts with Helvetica's metrics, which the layout measures text with."""


def page_svg(page: Page, title: str = "") -> str:
    """One page as a standalone SVG document, sized in points."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{page.width:.0f}pt" height="{page.height:.0f}pt" '
        f'viewBox="0 0 {page.width:.2f} {page.height:.2f}" font-family={quoteattr(FONTS)}>',
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append(f'<rect width="{page.width:.2f}" height="{page.height:.2f}" fill="#ffffff"/>')
    parts += [_shape(shape) for shape in page.shapes]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _shape(shape: Shape) -> str:
    if isinstance(shape, Text):
        style = ' font-weight="bold"' if shape.bold else ""
        style += ' font-style="italic"' if shape.italic else ""
        anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
        return (
            f'<text x="{shape.x:.2f}" y="{shape.y:.2f}" font-size="{shape.size:g}" '
            f'fill="{shape.fill}"{style}{anchor}>{escape(shape.text)}</text>'
        )
    if isinstance(shape, Line):
        return (
            f'<line x1="{shape.x1:.2f}" y1="{shape.y1:.2f}" x2="{shape.x2:.2f}" '
            f'y2="{shape.y2:.2f}" stroke="{shape.stroke}" stroke-width="{shape.width:g}"/>'
        )
    if isinstance(shape, Circle):
        stroke = f' stroke="{shape.stroke}" stroke-width="{shape.width:g}"' if shape.stroke else ""
        return (
            f'<circle cx="{shape.cx:.2f}" cy="{shape.cy:.2f}" r="{shape.r:g}" '
            f'fill="{shape.fill or "none"}"{stroke}/>'
        )
    assert isinstance(shape, Rect)
    return (
        f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.w:.2f}" '
        f'height="{shape.h:.2f}" fill="{shape.fill}"/>'
    )
