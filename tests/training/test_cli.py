"""``vascular quiz``: interactive on standard input, --json sets, grading, export, sheets."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from vascular.cli import main


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


@pytest.fixture(autouse=True)
def progress_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("VASCULAR_PROGRESS_FILE", str(path))
    return path


def emitted_set(monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict[str, object]:
    status, text = run(monkeypatch, "quiz", "--json", *argv)
    assert status == 0
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def test_json_emits_the_same_set_for_the_same_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    first = emitted_set(monkeypatch, "--level", "arm", "--seed", "12", "--count", "5")
    again = emitted_set(monkeypatch, "--level", "arm", "--seed", "12", "--count", "5")
    assert first == again
    assert first["format"] == "vascular-exercise-set"
    assert len(first["questions"]) == 5  # type: ignore[arg-type]


def test_grade_scores_answers_to_an_emitted_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = emitted_set(monkeypatch, "--level", "veins", "--seed", "3", "--count", "4")
    questions = data["questions"]
    assert isinstance(questions, list)
    answers = {q["id"]: q["answer"] for q in questions}
    answers["q1"] = "99"
    (tmp_path / "set.json").write_text(json.dumps(data))
    (tmp_path / "answers.json").write_text(json.dumps({"answers": answers}))
    status, text = run(
        monkeypatch, "quiz", "grade", str(tmp_path / "set.json"), str(tmp_path / "answers.json")
    )
    assert status == 0
    assert "Score: 3/4 (75%)" in text
    assert "q1 [" in text
    assert "wrong: 99" in text
    status, text = run(
        monkeypatch,
        "quiz",
        "grade",
        "--json",
        str(tmp_path / "set.json"),
        str(tmp_path / "answers.json"),
    )
    report = json.loads(text)
    assert report["summary"]["correct"] == 3
    assert report["verdicts"][0]["correct"] is False


def test_a_piped_practice_quiz_gives_feedback_and_saves_progress(
    monkeypatch: pytest.MonkeyPatch, progress_file: Path
) -> None:
    data = emitted_set(
        monkeypatch, "--level", "visceral", "--seed", "5", "--count", "2", "--kinds", "order,codes"
    )
    questions = data["questions"]
    assert isinstance(questions, list)
    order, codes = questions[0], questions[1]
    typed = f"{order['answer']}\n" + "\n".join(codes["answer"]) + "\n\n"
    status, text = run(
        monkeypatch,
        "quiz",
        "--level",
        "visceral",
        "--seed",
        "5",
        "--count",
        "2",
        "--kinds",
        "order,codes",
        stdin=typed,
    )
    assert status == 0
    assert text.count("Right.") == 2
    assert "Score: 2/2 (100%)" in text
    assert "Why:" in text
    saved = json.loads(progress_file.read_text())
    assert saved["sessions"][0]["summary"]["correct"] == 2


def test_end_of_input_stops_the_set_and_keeps_what_was_answered(
    monkeypatch: pytest.MonkeyPatch, progress_file: Path
) -> None:
    status, text = run(
        monkeypatch, "quiz", "--seed", "1", "--count", "5", "--kinds", "order", stdin="2\n"
    )
    assert status == 0
    assert "end of input" in text
    assert "/1 " in text
    assert len(json.loads(progress_file.read_text())["sessions"][0]["answers"]) == 1


def test_a_trace_in_practice_refuses_a_wrong_branch_with_its_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = emitted_set(monkeypatch, "--seed", "2", "--count", "1", "--kinds", "trace")
    question = data["questions"][0]  # type: ignore[index]
    fork = question["forks"][0]
    wrong = next(i for i, o in enumerate(fork["options"], 1) if o != fork["toward"])
    typed = f"{wrong}\n" + "".join(
        f"{f['options'].index(f['toward']) + 1}\n" for f in question["forks"]
    )
    status, text = run(
        monkeypatch, "quiz", "--seed", "2", "--count", "1", "--kinds", "trace", stdin=typed
    )
    assert status == 0
    assert "Refused:" in text
    assert "reached the target" in text
    assert "Score: 0/1" in text


def test_assess_shows_no_feedback_until_the_review(monkeypatch: pytest.MonkeyPatch) -> None:
    status, text = run(
        monkeypatch,
        "quiz",
        "--mode",
        "assess",
        "--seed",
        "4",
        "--count",
        "2",
        "--kinds",
        "order",
        "--no-progress",
        stdin="1\n1\n",
    )
    assert status == 0
    assert "Why:" not in text
    assert "Review:" in text


def test_learn_shows_the_reasoning_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    status, text = run(
        monkeypatch,
        "quiz",
        "--mode",
        "learn",
        "--seed",
        "4",
        "--count",
        "1",
        "--kinds",
        "codes",
        "--no-progress",
        stdin="\n" * 40,
    )
    assert status == 0
    assert "Reasoning (Enter for each step):" in text
    assert "  1. Access A:" in text
    assert "Answer: " in text
    assert "Learned 1 questions." in text


@pytest.mark.parametrize(
    "argv",
    [
        ["quiz", "--level", "nope"],
        ["quiz", "--seed", "-1"],
        ["quiz", "--seed", "4294967296"],
        ["quiz", "--seed", "abc"],
        ["quiz", "--kinds", "riddles"],
        ["quiz", "--count", "0"],
        ["quiz", "--access", "hepatc"],
        ["quiz", "grade", "missing.json", "answers.json"],
        ["quiz", "sheet", "--level", "nope"],
    ],
    ids=["level", "seed-low", "seed-high", "seed-text", "kind", "count", "vessel", "file", "sheet"],
)
def test_bad_input_exits_2_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, text = run(monkeypatch, *argv)
    assert status == 2
    assert text == ""
    assert capsys.readouterr().err.startswith("vascular: error: ")


def test_levels_and_sheet_and_export(monkeypatch: pytest.MonkeyPatch, progress_file: Path) -> None:
    status, text = run(monkeypatch, "quiz", "levels")
    assert status == 0
    assert "cervicocerebral: Cervicocerebral and renal hierarchies" in text
    status, sheet = run(monkeypatch, "quiz", "sheet", "--seed", "1", "--count", "3")
    assert status == 0
    assert sheet.startswith("# Exercises")
    assert "Answer: ____" in sheet
    status, key = run(monkeypatch, "quiz", "sheet", "--seed", "1", "--count", "3", "--key")
    assert status == 0
    assert key.startswith("# Answer key")
    run(monkeypatch, "quiz", "--seed", "1", "--count", "1", "--kinds", "order", stdin="1\n")
    status, csv_text = run(monkeypatch, "quiz", "export")
    assert status == 0
    assert csv_text.splitlines()[0].startswith("finished,level,seed,mode")
    status, json_text = run(monkeypatch, "quiz", "export", "--format", "json")
    assert json.loads(json_text)[0]["question"] == "q1"


def test_a_damaged_progress_file_is_kept_aside_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], progress_file: Path
) -> None:
    progress_file.write_text("{oops")
    status, _ = run(
        monkeypatch, "quiz", "--seed", "1", "--count", "1", "--kinds", "order", stdin="1\n"
    )
    assert status == 0
    assert "is damaged" in capsys.readouterr().err
    assert any(p.name.startswith("progress.json.damaged-") for p in progress_file.parent.iterdir())
