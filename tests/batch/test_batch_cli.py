"""`vascular batch`: one output line per input, in order; bad inputs reported, never fatal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.batch.conftest import read_lines, write_cases
from vascular.cli import main

GOOD = {
    "name": "renal",
    "accesses": [{"vessel": "right common femoral artery"}],
    "placements": [{"vessel": "right renal artery"}],
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_2000_cases_with_1_percent_malformed_keep_one_output_per_input_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "cases.jsonl", tmp_path / "out.jsonl"
    bad = write_cases(source, 2000, 0.01)
    assert 5 < len(bad) < 40
    status, out, err = run(
        capsys, "batch", str(source), "-o", str(target), "--workers", "2", "--json-summary"
    )
    assert status == 1
    assert out == ""
    lines = read_lines(target)
    assert [line["line"] for line in lines] == list(range(1, 2001))
    errors = {line["line"] for line in lines if "error" in line}
    assert errors == bad
    for line in lines:
        if "error" in line:
            assert line["error"]["message"].startswith(f"line {line['line']}: ")
        else:
            assert line["id"] == f"case-{line['line']}"
            assert line["lines"]
    summary = json.loads(err)
    assert summary["cases"] == 2000
    assert summary["errors"] == len(bad)
    assert sum(summary["errors_by_kind"].values()) == len(bad)
    assert summary["lines_by_code"]


def test_every_case_coded_exits_0_and_streams_to_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(GOOD) + "\n\n" + json.dumps(GOOD) + "\n")
    status, out, err = run(capsys, "batch", str(source), "--workers", "1", "--no-rationale")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["line"] for line in lines] == [1, 3]  # the blank line is no input
    assert lines[0]["lines"][0]["rationale"] == []
    assert "2 cases" in err
    assert "0 errors" in err


def test_standard_input_is_read_as_json_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (json.dumps(GOOD) + "\n" + '"just a string"\n').encode()
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))
    monkeypatch.setattr("sys.stdin", stdin)
    status, out, _ = run(capsys, "batch", "-", "--workers", "1")
    assert status == 1
    second = json.loads(out.splitlines()[1])
    assert second["error"]["kind"] == "NotAnObject"
    assert second["line"] == 2


def test_a_truncated_file_reports_its_last_line_as_truncated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.jsonl"
    whole = json.dumps(GOOD)
    source.write_text(whole + "\n" + whole + "\n" + whole[:25])
    status, out, _ = run(capsys, "batch", str(source), "--workers", "1")
    assert status == 1
    last = json.loads(out.splitlines()[-1])
    assert last["line"] == 3
    assert last["error"]["kind"] == "Truncated"
    assert "truncated" in last["error"]["message"]


def test_a_json_array_is_read_with_each_elements_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.json"
    source.write_text(
        "[\n" + json.dumps(GOOD) + ",\n  42,\n" + json.dumps(GOOD, indent=1) + "\n]\n"
    )
    status, out, _ = run(capsys, "batch", str(source), "--workers", "1")
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["line"] for line in lines] == [2, 3, 4]
    assert lines[1]["error"]["kind"] == "NotAnObject"


def test_a_malformed_array_stops_with_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "cases.json", tmp_path / "out.jsonl"
    source.write_text("[\n" + json.dumps(GOOD) + ",\n {broken\n]")
    status, out, err = run(capsys, "batch", str(source), "-o", str(target), "--workers", "1")
    assert status == 2
    assert out == ""
    assert "line 3" in err
    assert "not a valid JSON array" in err
    assert list(tmp_path.iterdir()) == [source]  # no output, no temporary file left


def test_a_folder_of_case_files_is_coded_in_name_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "b.json").write_text(json.dumps(GOOD, indent=2))
    (folder / "a.json").write_bytes(b"\xff\xfe not text")
    (folder / "notes.txt").write_text("ignored")
    status, out, _ = run(capsys, "batch", str(folder), "--workers", "1")
    assert status == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["file"] == "a.json"
    assert first["error"]["kind"] == "MalformedJSON"
    assert second["file"] == "b.json"
    assert second["id"] == "renal"


def test_a_single_case_file_is_one_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps(GOOD, indent=2))
    status, out, _ = run(capsys, "batch", str(source), "--workers", "1")
    assert status == 0
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["batch", "/no/such/file.jsonl"], "cannot read /no/such/file.jsonl"),
        (["batch", "IN", "--workers", "0"], "must be at least 1"),
    ],
    ids=["missing-input", "no-workers"],
)
def test_bad_usage_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert message in err


def test_an_empty_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "batch", str(tmp_path))
    assert status == 2
    assert "no .json case files" in err


def test_the_summary_files_are_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(GOOD) + "\n")
    summary, table = tmp_path / "summary.json", tmp_path / "codes.csv"
    status, _, _ = run(
        capsys,
        "batch",
        str(source),
        "--workers",
        "1",
        "--summary-json",
        str(summary),
        "--summary-csv",
        str(table),
    )
    assert status == 0
    assert json.loads(summary.read_text())["cases"] == 1
    assert table.read_text().splitlines() == ["code,lines,units", "36245,1,1"]


def test_a_progress_bar_shows_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text((json.dumps(GOOD) + "\n") * 3)
    _, _, plain = run(capsys, "batch", str(source), "--workers", "1")
    assert "\r" not in plain
    monkeypatch.setattr("vascular.batch_command._is_terminal", lambda stream: True)
    _, _, shown = run(capsys, "batch", str(source), "--workers", "1")
    assert "\r" in shown
    assert "B/s" in shown or "B [" in shown


def test_batch_audit_adds_the_audit_to_each_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(GOOD | {"billed": [{"code": "36246"}]}) + "\n")
    status, out, err = run(capsys, "batch", str(source), "--workers", "1", "--audit")
    audit = json.loads(out)["audit"]
    assert status == 0
    assert [d["kind"] for d in audit["differences"]] == ["unbilled", "unsupported"]
    assert "audit: 1 cases audited" in err


def test_an_output_in_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps(GOOD) + "\n")
    target = tmp_path / "no" / "out.jsonl"
    status, out, err = run(capsys, "batch", str(source), "-o", str(target), "--workers", "1")
    assert status == 2
    assert out == ""
    assert "No such file or directory" in err
    assert not target.parent.exists()
