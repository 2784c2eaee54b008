"""The audit: billed lines against the lines the route supports, exactly the differences."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from vascular import code_case, parse_case
from vascular.audit import audit_lines
from vascular.cli import main

# right CFA: left external iliac (36246-LT) and right renal (36245-59-RT)
ROUTE: dict[str, Any] = {
    "accesses": [{"vessel": "right common femoral artery"}],
    "placements": [{"vessel": "left external iliac artery"}, {"vessel": "right renal artery"}],
}
RIGHT = [{"code": "36246", "modifiers": ["LT"]}, {"code": "36245", "modifiers": ["RT", "59"]}]


def differences(billed: list[dict[str, Any]]) -> list[tuple[str, str]]:
    case = parse_case(ROUTE | {"billed": billed})
    assert case.billed is not None
    return [(d.kind, d.code) for d in audit_lines(code_case(case), case.billed)]


@pytest.mark.parametrize(
    ("billed", "expected"),
    [
        (RIGHT, []),
        ([{"code": "+36246", "modifiers": ["lt"]}, RIGHT[1]], []),
        ([RIGHT[0]], [("unbilled", "36245")]),
        ([*RIGHT, {"code": "36200"}], [("unsupported", "36200")]),
        ([{"code": "36246", "modifiers": ["RT"]}, RIGHT[1]], [("modifiers", "36246")]),
        ([RIGHT[0], {**RIGHT[1], "units": 2}], [("units", "36245")]),
        (
            [{"code": "36247", "modifiers": ["LT"]}, {"code": "36245", "modifiers": ["LT"]}],
            [
                ("unbilled", "36246"),
                ("unsupported", "36247"),
                ("modifiers", "36245"),
            ],
        ),
        ([], [("unbilled", "36245"), ("unbilled", "36246")]),
    ],
    ids=[
        "clean",
        "plus-sign-and-case",
        "revenue-left",
        "audit-risk",
        "wrong-side",
        "units",
        "three-wrong",
        "nothing-billed",
    ],
)
def test_the_audit_reports_exactly_the_differences(
    billed: list[dict[str, Any]], expected: list[tuple[str, str]]
) -> None:
    assert differences(billed) == expected


def test_a_supported_line_carries_the_engines_reasons() -> None:
    case = parse_case(ROUTE | {"billed": [RIGHT[0]]})
    assert case.billed is not None
    (missing,) = audit_lines(code_case(case), case.billed)
    data = missing.to_json()
    assert data["kind"] == "unbilled"
    assert data["billed"] is None
    assert data["supported"] == {"code": "36245", "modifiers": ["59", "RT"], "units": 1}
    assert any("first-order" in reason for reason in data["reason"])
    assert "laterality" in data["rules"]


def test_a_billed_code_an_intervention_includes_says_so() -> None:
    case = {
        "accesses": [{"vessel": "right common femoral vein"}],
        "placements": [{"vessel": "inferior vena cava", "imaging": True}],
        "interventions": [{"code": "37191", "vessel": "inferior vena cava"}],
        "billed": [{"code": "37191"}, {"code": "36010"}],
    }
    parsed = parse_case(case)
    assert parsed.billed is not None
    found = audit_lines(code_case(parsed), parsed.billed)
    unsupported = [d for d in found if d.kind == "unsupported"]
    assert [d.code for d in unsupported] == ["36010"]
    assert "37191 on this claim includes it" in unsupported[0].message()


def test_vascular_audit_writes_the_managers_summary_as_json_and_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "claims.jsonl"
    claims = [
        ROUTE | {"name": "clean", "billed": RIGHT},
        ROUTE | {"name": "side", "billed": [{"code": "36246", "modifiers": ["RT"]}, RIGHT[1]]},
        ROUTE | {"name": "extra", "billed": [*RIGHT, {"code": "36200"}]},
        ROUTE | {"name": "no-billed-lines"},
    ]
    source.write_text("".join(json.dumps(claim) + "\n" for claim in claims))
    summary, table = tmp_path / "audit.json", tmp_path / "audit.csv"
    status = main(
        [
            "audit",
            str(source),
            "--workers",
            "1",
            "--summary-json",
            str(summary),
            "--summary-csv",
            str(table),
        ]
    )
    out, err = capsys.readouterr()
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["audit"]["clean"] if line["audit"] else None for line in lines] == [
        True,
        False,
        False,
        None,
    ]
    data = json.loads(summary.read_text())["audit"]
    assert data["cases_audited"] == 3
    assert data["cases_clean"] == 1
    assert data["cases_without_billed_lines"] == 1
    assert data["by_kind"] == {"unbilled": 0, "unsupported": 1, "modifiers": 1, "units": 0}
    assert data["by_code"] == {"36200": {"unsupported": 1}, "36246": {"modifiers": 1}}
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert {(r["code"], r["kind"], r["count"]) for r in rows if r["code"] != "ALL"} == {
        ("36200", "unsupported", "1"),
        ("36246", "modifiers", "1"),
    }
    assert "audit: 3 cases audited, 1 clean, 2 with differences" in err


def test_a_billed_line_of_the_wrong_shape_is_a_case_error_naming_its_field() -> None:
    status = main(["audit", "-", "--workers", "1"])  # stdin closed under pytest
    assert status == 2
    bad = code_or_error(ROUTE | {"billed": [{"code": "3624", "units": 0}]})
    assert {p["where"] for p in bad["error"]["problems"]} == {"billed[0].code", "billed[0].units"}


def code_or_error(case: dict[str, Any]) -> dict[str, Any]:
    from vascular.batch import code_cases

    (outcome,) = code_cases([case], workers=1, audit=True)
    return outcome.data()
