"""Exercise sheets for print: the questions to hand out, and the answer key as a document apart.

Decoupled from how a set is made: `read_sheet` takes either the neutral shape below or an
exercise set as ``vascular quiz --json`` writes it (``"format": "vascular-exercise-set"``).

The neutral shape::

    {"title": "Visceral orders", "header": ["level visceral", "seed 7"],
     "items": [{"number": 1, "prompt": "the question, then the case's lines on the next lines",
                "answer": "36245", "explanation": ["a step", "another step"],
                "kind": "codes", "choices": ["optional lines listed under the prompt"]}]}

``number``, ``kind``, ``choices`` and ``header`` may be left out; ``explanation`` may be a string.
Pure: HTML text or PDF bytes; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from vascular.anatomy import Anatomy
from vascular.charts.pdf import PdfUnavailableError
from vascular.charts.pdf import plain_text as _plain
from vascular.errors import VascularError
from vascular.frozen import record

__all__ = [
    "ExerciseSheet",
    "SheetInputError",
    "SheetItem",
    "read_sheet",
    "sheet_html",
    "sheet_pdf",
]

SET_FORMAT = "vascular-exercise-set"
"""The ``format`` of an exercise set written by ``vascular quiz --json``."""


class SheetInputError(VascularError):
    """An exercise set or sheet that cannot be read, naming the field."""


@record
class SheetItem:
    """One question of a sheet, with its answer and the reasoning for the key."""

    number: int
    prompt: str
    """The question on its first line; the case (access, placements, claim) on the next."""
    answer: str
    explanation: tuple[str, ...]
    kind: str = ""
    choices: tuple[str, ...] = ()
    """Lines listed under the prompt: the ways on at each fork of a trace question."""


@record
class ExerciseSheet:
    """A titled, numbered list of questions."""

    title: str
    header: tuple[str, ...]
    """Lines under the title: level, seed, how to make the same set again."""
    items: tuple[SheetItem, ...]


def read_sheet(data: Any, anatomy: Anatomy | None = None) -> ExerciseSheet:
    """An exercise sheet from the neutral shape or an exercise set's JSON.

    `anatomy` names the vessels of a trace question's forks (ids are shown otherwise).

    Raises:
        SheetInputError: the data is neither shape; the message names the field.
    """
    if not isinstance(data, Mapping):
        raise SheetInputError("the sheet must be a JSON object with 'items' (or an exercise set)")
    if data.get("format") == SET_FORMAT:
        return _from_set(data, anatomy)
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise SheetInputError("the sheet needs 'items': a non-empty list of questions")
    return ExerciseSheet(
        _text(data.get("title", "Exercises"), "title"),
        tuple(_lines(data.get("header", ()), "header")),
        tuple(_item(item, f"items[{i}]", i + 1) for i, item in enumerate(items)),
    )


def _item(item: Any, where: str, default_number: int) -> SheetItem:
    if not isinstance(item, Mapping):
        raise SheetInputError(f"{where}: expected an object with prompt, answer and explanation")
    for field in ("prompt", "answer"):
        if field not in item:
            raise SheetInputError(f"{where}.{field}: missing")
    number = item.get("number", default_number)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise SheetInputError(f"{where}.number: expected a whole number from 1")
    return SheetItem(
        number,
        _text(item["prompt"], f"{where}.prompt"),
        _text(item["answer"], f"{where}.answer"),
        tuple(_lines(item.get("explanation", ()), f"{where}.explanation")),
        _text(item.get("kind", ""), f"{where}.kind"),
        tuple(_lines(item.get("choices", ()), f"{where}.choices")),
    )


def _from_set(data: Mapping[str, Any], anatomy: Anatomy | None) -> ExerciseSheet:
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        raise SheetInputError("the exercise set has no 'questions'")
    header = [
        f"Level {data.get('level', '?')}, seed {data.get('seed', '?')}, {len(questions)} questions",
        "The same set again: vascular quiz "
        f"--level {data.get('level', '?')} --seed {data.get('seed', '?')} "
        f"--count {data.get('count', len(questions))}"
        + (f" --kinds {','.join(map(str, data['kinds']))}" if data.get("kinds") else "")
        + (f" --access '{data['access']}'" if data.get("access") else ""),
    ]
    items = []
    for index, question in enumerate(questions):
        where = f"questions[{index}]"
        if not isinstance(question, Mapping):
            raise SheetInputError(f"{where}: expected a question object")
        if "answer_text" not in question:
            raise SheetInputError(f"{where}.answer_text: missing")
        forks = question.get("forks") or ()
        choices = tuple(
            f"Fork {n}: the ways on are " + ", ".join(_vessel(anatomy, o) for o in fork["options"])
            for n, fork in enumerate(forks, 1)
            if isinstance(fork, Mapping) and isinstance(fork.get("options"), list)
        )
        sources = _lines(question.get("sources", ()), f"{where}.sources")
        explanation = _lines(question.get("explanation", ()), f"{where}.explanation")
        if sources:
            explanation.append("Sources: " + ", ".join(sources))
        items.append(
            SheetItem(
                index + 1,
                _text(question.get("prompt", ""), f"{where}.prompt"),
                _text(question["answer_text"], f"{where}.answer_text"),
                tuple(explanation),
                _text(question.get("kind", ""), f"{where}.kind"),
                choices,
            )
        )
    return ExerciseSheet(
        _text(data.get("title", "Exercises"), "title"), tuple(header), tuple(items)
    )


def _vessel(anatomy: Anatomy | None, vessel_id: Any) -> str:
    text = str(vessel_id)
    if anatomy is not None and text in anatomy:
        return anatomy.vessel(text).name
    return text.replace("_", " ")


def _text(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SheetInputError(f"{where}: expected text")
    return str(value)


def _lines(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise SheetInputError(f"{where}: expected text or a list of texts")
    return list(value)


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
body { font-family: Helvetica, Arial, 'Liberation Sans', sans-serif; color: #1a1a1a;
  font-size: 10.5pt; line-height: 1.35; margin: 0 auto; max-width: 180mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2pt 0; }
.header { color: #555; font-size: 9pt; margin: 0; }
.who { display: flex; gap: 18pt; margin: 10pt 0 12pt 0; font-size: 10pt; }
.who span { flex: 1; border-bottom: 0.8pt solid #888; padding-bottom: 2pt; }
ol.items { list-style: none; padding: 0; margin: 0; }
li.item { break-inside: avoid; page-break-inside: avoid; border-top: 0.6pt solid #ccc;
  padding: 7pt 0 8pt 0; display: grid; grid-template-columns: 22pt 1fr; column-gap: 6pt; }
.number { font-weight: bold; font-size: 11pt; background: #0072b2; color: #fff; border-radius: 50%;
  width: 18pt; height: 18pt; line-height: 18pt; text-align: center; font-size: 9pt; }
.kind { color: #0072b2; font-size: 8pt; text-transform: uppercase; letter-spacing: .06em; }
.question { font-weight: bold; margin: 1pt 0 3pt 0; }
.case { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 8.8pt;
  background: #f3f5f7; padding: 3pt 6pt; margin: 2pt 0; white-space: pre-wrap; }
.choices { margin: 3pt 0 0 0; padding-left: 14pt; font-size: 9.5pt; }
.answer-lines { margin-top: 8pt; }
.answer-lines div { border-bottom: 0.7pt solid #999; height: 16pt; }
.answer { font-weight: bold; color: #8e2c8e; margin: 1pt 0 3pt 0; }
.why { margin: 2pt 0 0 0; padding-left: 14pt; font-size: 8.8pt; color: #333; }
.why li { margin: 1pt 0; }
footer { color: #777; font-size: 8pt; margin-top: 10pt; }
@media print { body { padding: 0; } }
"""


def sheet_html(sheet: ExerciseSheet, key: bool = False) -> str:
    """The questions (with room to answer), or with `key` the answer key, as one HTML page."""
    title = f"{sheet.title}: answer key" if key else sheet.title
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        *(f'<p class="header">{escape(line)}</p>' for line in sheet.header),
    ]
    if not key:
        parts.append(
            '<div class="who"><span>Name</span><span>Date</span>'
            f"<span>Score &nbsp;&nbsp;&nbsp;&nbsp; / {len(sheet.items)}</span></div>"
        )
    parts.append('<ol class="items">')
    for item in sheet.items:
        parts.append(_item_html(item, key))
    parts += [
        "</ol>",
        "<footer>Answers and reasoning are the coding engine's own (vascular-coding); code "
        "numbers only. 'vascular glossary' explains the rule and source ids.</footer>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)


def _item_html(item: SheetItem, key: bool) -> str:
    question, *case = item.prompt.splitlines() or [""]
    body = [f'<div class="number">{item.number}</div><div>']
    if item.kind:
        body.append(f'<div class="kind">{escape(item.kind)}</div>')
    body.append(f'<div class="question">{escape(question)}</div>')
    if case:
        lines = "\n".join(line.strip() for line in case)
        body.append(f'<div class="case">{escape(lines)}</div>')
    if key:
        body.append(f'<div class="answer">Answer: {escape(item.answer)}</div>')
        if item.explanation:
            steps = "".join(f"<li>{escape(step)}</li>" for step in item.explanation)
            body.append(f'<ol class="why">{steps}</ol>')
    else:
        if item.choices:
            choices = "".join(f"<li>{escape(choice)}</li>" for choice in item.choices)
            body.append(f'<ul class="choices">{choices}</ul>')
        body.append('<div class="answer-lines"><div></div><div></div></div>')
    body.append("</div>")
    return f'<li class="item">{"".join(body)}</li>'


# --- PDF --------------------------------------------------------------------------------------


def sheet_pdf(sheet: ExerciseSheet, key: bool = False) -> bytes:
    """The questions, or with `key` the answer key, as an A4 PDF.

    Raises:
        PdfUnavailableError: fpdf2 is not installed.
    """
    try:
        from fpdf import FPDF
    except ImportError:
        raise PdfUnavailableError(
            "PDF output needs fpdf2: pip install 'vascular-coding[print]' (or write .html)"
        ) from None
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_margins(42, 42, 42)
    pdf.set_auto_page_break(True, 42)
    title = f"{sheet.title}: answer key" if key else sheet.title
    pdf.set_title(_plain(title))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(width, 20, _plain(title), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("helvetica", "", 9)
    pdf.set_text_color(85, 85, 85)
    for line in sheet.header:
        pdf.multi_cell(width, 12, _plain(line), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(26, 26, 26)
    if not key:
        pdf.ln(8)
        pdf.set_font("helvetica", "", 10)
        third = width / 3
        for label in ("Name", "Date", f"Score        / {len(sheet.items)}"):
            pdf.cell(third - 10, 16, label, border="B")
            pdf.cell(10, 16, "")
        pdf.ln(24)
    for item in sheet.items:
        _item_pdf(pdf, item, key, width)
    return bytes(pdf.output())


def _item_pdf(pdf: Any, item: SheetItem, key: bool, width: float) -> None:
    question, *case = item.prompt.splitlines() or [""]
    needed = 60 + 11 * len(case) + (0 if key else 40)
    if pdf.get_y() + needed > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.set_draw_color(200, 200, 200)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(5)
    top = pdf.get_y()
    pdf.set_fill_color(0, 114, 178)
    pdf.ellipse(pdf.l_margin, top, 16, 16, "F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("helvetica", "B", 8.5)
    pdf.set_xy(pdf.l_margin, top + 3.5)
    pdf.cell(16, 9, str(item.number), align="C")
    indent = pdf.l_margin + 24
    inner = width - 24
    pdf.set_xy(indent, top)
    if item.kind:
        pdf.set_text_color(0, 114, 178)
        pdf.set_font("helvetica", "", 7.5)
        pdf.multi_cell(inner, 10, _plain(item.kind.upper()), new_x="LEFT", new_y="NEXT", align="L")
    pdf.set_text_color(26, 26, 26)
    pdf.set_font("helvetica", "B", 10)
    pdf.multi_cell(inner, 13, _plain(question), new_x="LEFT", new_y="NEXT", align="L")
    if case:
        pdf.set_font("courier", "", 8.5)
        pdf.set_fill_color(243, 245, 247)
        text = "\n".join(line.strip() for line in case)
        pdf.multi_cell(inner, 11, _plain(text), fill=True, new_x="LEFT", new_y="NEXT", align="L")
    if key:
        pdf.set_xy(indent, pdf.get_y() + 2)
        pdf.set_text_color(142, 44, 142)
        pdf.set_font("helvetica", "B", 10)
        pdf.multi_cell(
            inner, 13, _plain(f"Answer: {item.answer}"), new_x="LEFT", new_y="NEXT", align="L"
        )
        pdf.set_text_color(51, 51, 51)
        pdf.set_font("helvetica", "", 8.5)
        for number, step in enumerate(item.explanation, 1):
            pdf.multi_cell(
                inner, 11, _plain(f"{number}. {step}"), new_x="LEFT", new_y="NEXT", align="L"
            )
        pdf.set_text_color(26, 26, 26)
    else:
        pdf.set_font("helvetica", "", 9.5)
        for choice in item.choices:
            pdf.multi_cell(inner, 12, _plain(f"- {choice}"), new_x="LEFT", new_y="NEXT", align="L")
        pdf.set_draw_color(150, 150, 150)
        for _ in range(2):
            pdf.ln(16)
            pdf.line(indent, pdf.get_y(), indent + inner, pdf.get_y())
    pdf.set_x(pdf.l_margin)
    pdf.ln(8)
