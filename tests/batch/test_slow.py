"""The issue's 100,000-case run (1% malformed), only with VASCULAR_SLOW_TESTS=1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.batch.conftest import write_cases
from vascular.cli import main

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("VASCULAR_SLOW_TESTS") != "1", reason="set VASCULAR_SLOW_TESTS=1"
    ),
]


def test_100000_cases_with_1_percent_malformed_give_one_output_per_input_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "cases.jsonl", tmp_path / "out.jsonl"
    bad = write_cases(source, 100_000, 0.01)
    status = main(["batch", str(source), "-o", str(target), "--workers", "2", "--json-summary"])
    summary = json.loads(capsys.readouterr().err)
    assert status == 1
    seen = 0
    with target.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            line = json.loads(text)
            assert line["line"] == number
            assert ("error" in line) == (number in bad)
            if "error" in line:
                assert line["error"]["message"].startswith(f"line {number}: ")
            seen += 1
    assert seen == 100_000
    assert summary["errors"] == len(bad)
