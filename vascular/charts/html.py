"""Pages of shapes as one HTML document that prints well: one SVG per printed page.

Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from vascular.charts.layout import Page
from vascular.charts.svg import FONTS, page_svg

__all__ = ["pages_html"]


def pages_html(pages: Sequence[Page], title: str) -> str:
    """A page per `Page`, sized for print (`@page` takes the first page's size)."""
    first = pages[0]
    style = f"""
@page {{ size: {first.width:.0f}pt {first.height:.0f}pt; margin: 0; }}
html, body {{ margin: 0; padding: 0; background: #e8e8e8; font-family: {FONTS}; }}
.page {{ background: #fff; margin: 12pt auto; box-shadow: 0 1px 4px rgba(0,0,0,.25);
  width: {first.width:.0f}pt; break-after: page; page-break-after: always; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
.page svg {{ display: block; width: 100%; height: auto; }}
@media print {{ body {{ background: #fff; }} .page {{ margin: 0; box-shadow: none; }} }}
"""
    body = "\n".join(f'<div class="page">\n{page_svg(page)}</div>' for page in pages)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
