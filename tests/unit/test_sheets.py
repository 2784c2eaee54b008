"""Exercise sheets: the neutral shape and an exercise set read alike; sheet and key apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_cli import MINI, run
from vascular.charts.sheets import SheetInputError, read_sheet, sheet_html, sheet_pdf

NEUTRAL: dict[str, Any] = {
    "title": "Visceral orders",
    "header": ["level visceral, seed 7"],
    "items": [
        {
            "number": 1,
            "prompt": "What is the order of the SMA?\n  Access A: Right common femoral artery",
            "answer": "1",
            "explanation": ["The SMA is the first vessel off the aorta: order 1."],
        },
        {"prompt": "Code it.", "answer": "36245", "explanation": "One step as a string."},
    ],
}

SET: dict[str, Any] = {
    "format": "vascular-exercise-set",
    "schema_version": 1,
    "level": "visceral",
    "seed": 3,
    "count": 1,
    "kinds": ["trace"],
    "access": "",
    "title": "First-order visceral (seed 3)",
    "questions": [
        {
            "id": "q1",
            "kind": "trace",
            "prompt": "Take the catheter to the left hepatic artery.",
            "case": {},
            "answer": ["celiac_trunk"],
            "answer_text": "Celiac trunk > Common hepatic artery > Left hepatic artery",
            "explanation": ["From the aorta, the celiac trunk."],
            "sources": ["AAPC-FAM"],
            "claim": [],
            "forks": [
                {
                    "at": "abdominal_aorta",
                    "options": ["celiac_trunk", "superior_mesenteric_artery"],
                    "toward": "celiac_trunk",
                }
            ],
            "target": "left_hepatic_artery",
        }
    ],
}


class TestReading:
    def test_the_neutral_shape(self) -> None:
        sheet = read_sheet(NEUTRAL)
        assert sheet.title == "Visceral orders"
        assert [item.number for item in sheet.items] == [1, 2]
        assert sheet.items[1].explanation == ("One step as a string.",)

    def test_an_exercise_set_from_the_quiz(self, mini_anatomy: Any) -> None:
        sheet = read_sheet(SET, mini_anatomy)
        (item,) = sheet.items
        assert item.kind == "trace"
        assert item.choices == ("Fork 1: the ways on are Celiac trunk, Superior mesenteric artery",)
        assert item.explanation[-1] == "Sources: AAPC-FAM"
        assert "vascular quiz --level visceral --seed 3 --count 1 --kinds trace" in sheet.header[1]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "a JSON object"),
            ({"items": []}, "non-empty list"),
            ({"items": [{"answer": "1"}]}, "items[0].prompt: missing"),
            ({"items": [{"prompt": "p", "answer": "1", "number": 0}]}, "items[0].number"),
            ({"items": [{"prompt": "p", "answer": ["x"]}]}, "items[0].answer: expected text"),
            ({"format": "vascular-exercise-set", "questions": []}, "no 'questions'"),
        ],
        ids=["not-object", "no-items", "no-prompt", "bad-number", "bad-answer", "empty-set"],
    )
    def test_bad_input_names_the_field(self, data: Any, message: str) -> None:
        with pytest.raises(SheetInputError, match=message.replace("[", r"\[").replace("]", r"\]")):
            read_sheet(data)


class TestPrinting:
    def test_the_sheet_has_room_to_answer_and_no_answers(self) -> None:
        html = sheet_html(read_sheet(NEUTRAL))
        assert "What is the order of the SMA?" in html
        assert 'class="answer-lines"' in html
        assert "The SMA is the first vessel" not in html
        assert "Score" in html

    def test_the_key_has_each_answer_and_its_reasoning(self) -> None:
        html = sheet_html(read_sheet(NEUTRAL), key=True)
        assert "Answer: 36245" in html
        assert "The SMA is the first vessel off the aorta: order 1." in html
        assert 'class="answer-lines"' not in html

    def test_each_question_keeps_together_on_paper(self) -> None:
        assert "break-inside: avoid" in sheet_html(read_sheet(NEUTRAL))

    def test_a_pdf_of_each(self) -> None:
        pytest.importorskip("fpdf")
        sheet = read_sheet(NEUTRAL | {"title": "Orders \u2014 week 1"})
        assert sheet_pdf(sheet).startswith(b"%PDF-")
        assert sheet_pdf(sheet, key=True).startswith(b"%PDF-")


class TestCommand:
    def test_writes_the_sheet_and_the_key_beside_it(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        source = tmp_path / "set.json"
        source.write_text(json.dumps(SET))
        target = tmp_path / "week1.pdf"
        status, out, err = run(capsys, "sheet", str(source), "--output", str(target), *MINI)
        assert (status, err) == (0, "")
        key = tmp_path / "week1-key.pdf"
        assert out.splitlines() == [f"wrote {target}", f"wrote {key}"]
        assert target.read_bytes().startswith(b"%PDF-")
        assert key.read_bytes().startswith(b"%PDF-")

    def test_the_key_may_go_elsewhere_in_another_format(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        source = tmp_path / "set.json"
        source.write_text(json.dumps(NEUTRAL))
        key = tmp_path / "key.html"
        status, out, _ = run(
            capsys,
            "sheet",
            str(source),
            "--output",
            str(tmp_path / "s.html"),
            "--key",
            str(key),
            "--json",
            *MINI,
        )
        assert status == 0
        assert json.loads(out) == {"written": [str(tmp_path / "s.html"), str(key)]}
        assert "Answer: 1" in key.read_text()

    @pytest.mark.parametrize(
        ("content", "output", "message"),
        [
            ("{", "s.html", "not JSON (line 1, column 2"),
            ('{"items": 3}', "s.html", "'items'"),
            (json.dumps(NEUTRAL), "s.svg", "use one of .html, .pdf"),
        ],
        ids=["not-json", "bad-shape", "bad-suffix"],
    )
    def test_bad_input_exits_2(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        content: str,
        output: str,
        message: str,
    ) -> None:
        source = tmp_path / "set.json"
        source.write_text(content)
        status, out, err = run(capsys, "sheet", str(source), "--output", str(tmp_path / output))
        assert (status, out) == (2, "")
        assert message in err
        assert not (tmp_path / output).exists()
