"""Printable family charts: SVG, HTML and PDF from one layout, and `vascular family --output`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.unit.test_cli import MINI, run
from vascular.anatomy import Anatomy
from vascular.case import Access
from vascular.charts.layout import ORDER_COLOURS, Circle, Text, chart_pages, text_width
from vascular.charts.printing import PAPERS, chart_document
from vascular.family import family_chart

FEMORAL = Access(vessel="right common femoral artery")
SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter(f"{SVG}text")]


class TestLayout:
    def test_each_page_fits_its_paper(self, atlas: Anatomy) -> None:
        chart = family_chart(atlas, "aortic_arch", FEMORAL)
        pages = chart_pages(atlas, chart, PAPERS["a4"])
        assert len(pages) > 5
        for page in pages:
            for shape in page.shapes:
                if isinstance(shape, Text):
                    assert 0 <= shape.y <= page.height
                    width = text_width(shape.text, shape.size, shape.bold)
                    start = shape.x - {"start": 0, "middle": width / 2, "end": width}[shape.anchor]
                    assert start >= 0, shape
                    assert start + width <= page.width, shape

    def test_every_row_is_drawn_once(self, mini_anatomy: Anatomy) -> None:
        chart = family_chart(mini_anatomy, "left_common_iliac_artery", FEMORAL)
        pages = chart_pages(mini_anatomy, chart, PAPERS["letter"])
        drawn = [s.text for p in pages for s in p.shapes if isinstance(s, Text)]
        for row in chart.rows:
            assert drawn.count(row.name) == 1

    def test_markers_are_coloured_by_order(self, mini_anatomy: Anatomy) -> None:
        chart = family_chart(mini_anatomy, "left_common_iliac_artery", FEMORAL)
        (page,) = chart_pages(mini_anatomy, chart)
        fills = {s.fill for s in page.shapes if isinstance(s, Circle)}
        assert set(ORDER_COLOURS[:4]) <= fills

    def test_leaves_are_rings_and_branches_discs(self, mini_anatomy: Anatomy) -> None:
        chart = family_chart(mini_anatomy, "left_common_iliac_artery", FEMORAL)
        (page,) = chart_pages(mini_anatomy, chart)
        rings = [s for s in page.shapes if isinstance(s, Circle) and s.fill == "#ffffff"]
        leaves = [row for row in chart.rows if row.leaf]
        assert len(rings) == len(leaves) + 1  # and the leaf in the legend


class TestDocuments:
    def test_the_svg_has_the_legend_codes_and_imaging_codes(self, atlas: Anatomy) -> None:
        chart = family_chart(atlas, "right_common_carotid_artery", FEMORAL)
        words = texts(chart_document(atlas, chart, "svg"))
        assert "Legend" in words
        assert "Access: Right common femoral artery puncture, toward the heart" in words
        assert "36216-RT" in words
        assert "36222-RT" in words  # the code with imaging, in its column
        assert "With imaging" in words

    def test_the_html_is_one_svg_per_page(self, atlas: Anatomy) -> None:
        chart = family_chart(atlas, "aortic_arch", FEMORAL)
        html = chart_document(atlas, chart, "html").decode()
        pages = chart_pages(atlas, chart, PAPERS["a4"])
        assert html.count("<svg ") == len(pages)
        assert "@page" in html
        assert "break-after: page" in html

    def test_the_pdf_has_a_page_per_layout_page(self, atlas: Anatomy) -> None:
        pytest.importorskip("fpdf")
        chart = family_chart(atlas, "aortic_arch", FEMORAL)
        pdf = chart_document(atlas, chart, "pdf", "letter")
        assert pdf.startswith(b"%PDF-")
        assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
        assert len(chart_pages(atlas, chart, PAPERS["letter"])) > 5

    def test_a_variant_is_named_and_its_vessels_marked(self, mini_anatomy: Anatomy) -> None:
        anatomy = mini_anatomy.with_variants("replaced_right_hepatic_from_sma")
        chart = family_chart(anatomy, "superior_mesenteric_artery", FEMORAL)
        words = texts(chart_document(anatomy, chart, "svg"))
        assert "Right hepatic artery *" in words
        assert any(word.startswith("Variants applied") for word in words)


class TestCommand:
    @pytest.mark.parametrize("suffix", ["svg", "html", "pdf"])
    def test_output_writes_the_format_of_the_suffix(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
    ) -> None:
        target = tmp_path / f"chart.{suffix}"
        status, out, err = run(
            capsys, "family", "left common iliac", "--output", str(target), *MINI
        )
        assert (status, err) == (0, "")
        assert out.strip() == f"wrote {target}"
        head = target.read_bytes()[:5]
        assert head == {"svg": b"<svg ", "html": b"<!DOC", "pdf": b"%PDF-"}[suffix]
        assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left
        assert target.stat().st_mode & 0o044  # readable by others, as a plain new file

    def test_json_says_what_was_written(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        target = tmp_path / "chart.svg"
        status, out, _ = run(
            capsys, "family", "left common iliac", "--output", str(target), "--json", *MINI
        )
        assert (status, json.loads(out)) == (0, {"written": str(target)})

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("chart.doc", "cannot tell the format from the suffix '.doc'"),
            ("missing/chart.pdf", "the folder"),
        ],
        ids=["unknown-suffix", "missing-folder"],
    )
    def test_a_bad_output_is_bad_input(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, message: str
    ) -> None:
        status, out, err = run(
            capsys, "family", "left common iliac", "--output", str(tmp_path / name), *MINI
        )
        assert (status, out) == (2, "")
        assert message in err


def test_pdf_text_keeps_dashes_and_quotes_readable() -> None:
    from vascular.charts.pdf import plain_text

    assert plain_text("\u2013 it\u2019s \u201cvia\u201d \u2192 x") == '- it\'s "via" -> x'
