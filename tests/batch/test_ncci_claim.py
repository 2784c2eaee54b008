"""`--ncci` on code, batch and audit: the fixture quarter's PTP warning, or "no edits loaded"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vascular.cli import main

# 36247-LT coded; 36246 on the same claim with no modifier: PTP 36247/36246 (indicator 1) denies it
CLAIM: dict[str, Any] = {
    "name": "pair",
    "accesses": [{"vessel": "right common femoral artery"}],
    "placements": [{"vessel": "left superior gluteal artery"}],
    "claim_codes": [{"code": "36246"}],
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def claim_file(tmp_path: Path) -> Path:
    path = tmp_path / "claim.json"
    path.write_text(json.dumps(CLAIM))
    return path


def test_code_with_ncci_gives_the_ptp_warning_as_data(
    claim_file: Path, ncci_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["code", str(claim_file), "--json", "--ncci", "--ncci-db", str(ncci_db)]
    status, out, _ = run(capsys, *argv, "--date-of-service", "2026-08-03")
    assert status == 0
    ncci = json.loads(out)["ncci"]
    assert ncci["checked"]
    assert ncci["covered"]
    assert ncci["problems"] == 1
    (ptp,) = [hit for hit in ncci["hits"] if hit["kind"] == "ptp"]
    assert (ptp["column1"], ptp["column2"], ptp["outcome"]) == ("36247", "36246", "denied")
    assert ptp["modifier_indicator"] == 1
    assert ptp["effective"] == "2004-01-01"
    assert [line["from"] for line in ncci["lines"]] == ["lines[0]", "claim_codes[0]"]
    assert ncci["warnings"][0]["kind"] == "ptp"


def test_code_with_ncci_shows_the_hits_under_the_table(
    claim_file: Path, ncci_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["code", str(claim_file), "--ncci", "--ncci-db", str(ncci_db)]
    status, out, _ = run(capsys, *argv, "--date-of-service", "2026-08-03")
    assert status == 0
    assert "NCCI: PTP: practitioner 2026Q3" in out
    assert "PTP 36247/36246 (modifier indicator 1): 36246 denied" in out


def test_a_distinct_service_modifier_bypasses_an_indicator_1_edit(
    tmp_path: Path, ncci_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "claim.json"
    source.write_text(json.dumps(CLAIM | {"claim_codes": [{"code": "36246", "modifiers": ["XS"]}]}))
    argv = ["code", str(source), "--json", "--ncci", "--ncci-db", str(ncci_db)]
    status, out, _ = run(capsys, *argv, "--date-of-service", "2026-08-03")
    ncci = json.loads(out)["ncci"]
    assert status == 0
    assert ncci["problems"] == 0
    assert [h["outcome"] for h in ncci["hits"] if h["kind"] == "ptp"] == ["bypassed"]


def test_without_a_database_the_output_says_no_edits_are_loaded(
    claim_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["code", str(claim_file), "--json", "--ncci", "--date-of-service", "2026-08-03"]
    status, out, _ = run(capsys, *argv)
    ncci = json.loads(out)["ncci"]
    assert status == 0
    assert not ncci["checked"]
    assert not ncci["covered"]
    assert ncci["statement"].startswith("no NCCI edits loaded: no database at ")


def test_a_date_no_quarter_covers_is_said_plainly(
    claim_file: Path, ncci_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["code", str(claim_file), "--json", "--ncci", "--ncci-db", str(ncci_db)]
    status, out, _ = run(capsys, *argv, "--date-of-service", "2025-02-01")
    ncci = json.loads(out)["ncci"]
    assert status == 0
    assert ncci["checked"]
    assert not ncci["covered"]
    assert not ncci["hits"]
    assert ncci["statement"] == "no NCCI data loaded for 2025-02-01 (practitioner)"


def test_batch_takes_each_cases_own_date_and_setting(
    tmp_path: Path, ncci_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "claims.jsonl"
    claims = [
        CLAIM,
        CLAIM | {"date_of_service": "2025-02-01"},
        CLAIM | {"setting": "hospital"},
        CLAIM | {"date_of_service": "2026-13-01"},
    ]
    source.write_text("".join(json.dumps(claim) + "\n" for claim in claims))
    argv = ["batch", str(source), "--workers", "1", "--ncci", "--ncci-db", str(ncci_db)]
    status, out, err = run(capsys, *argv, "--date-of-service", "2026-08-03")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["ncci"]["problems"] == 1
    assert not lines[1]["ncci"]["covered"]
    assert lines[2]["ncci"]["setting"] == "outpatient"  # hospital: 36247/36246 is indicator 0
    assert [h["modifier_indicator"] for h in lines[2]["ncci"]["hits"] if h["kind"] == "ptp"] == [0]
    assert lines[3]["error"]["kind"] == "CaseError"
    assert lines[3]["error"]["problems"][0]["where"] == "date_of_service"
    assert status == 1
    assert "NCCI: 2 edits that deny a line" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "--ncci needs a date of service"),
        (["--date-of-service", "03/08/2026"], "is not a date"),
    ],
    ids=["no-date", "bad-date"],
)
def test_code_with_ncci_refuses_a_missing_or_bad_date(
    claim_file: Path,
    ncci_db: Path,
    extra: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(
        capsys, "code", str(claim_file), "--ncci", "--ncci-db", str(ncci_db), *extra
    )
    assert status == 2
    assert out == ""
    assert message in err


def test_a_database_that_is_not_ours_stops_the_batch_with_exit_2(
    tmp_path: Path, claim_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    foreign.write_text("not a database")
    argv = ["batch", str(claim_file), "--ncci", "--ncci-db", str(foreign)]
    status, out, err = run(capsys, *argv, "--date-of-service", "2026-08-03")
    assert status == 2
    assert out == ""
    assert "not an SQLite database" in err


def test_code_from_a_note_checks_the_proposed_claim(
    ncci_db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.reading.corpus import NOTES

    note = str(NOTES / "02_gi_bleed_mesenteric.txt")
    ncci = ["--ncci", "--ncci-db", str(ncci_db), "--date-of-service", "2026-08-03"]
    status, out, _ = run(capsys, "code", "--from-note", note, "--json", *ncci)
    assert status == 0
    from_note = json.loads(out)
    assert from_note["ncci"]["checked"]
    # the same as coding the proposed case itself
    _, proposal, _ = run(capsys, "read", "--json", note)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(json.loads(proposal)["case"]), encoding="utf-8")
    _, direct, _ = run(capsys, "code", str(case), "--json", *ncci)
    assert from_note["ncci"] == json.loads(direct)["ncci"]
    status, table, _ = run(capsys, "code", "--from-note", note, *ncci)
    assert "Evidence for each line:" in table
    assert "NCCI: PTP: practitioner 2026Q3" in table


def test_the_checkers_text_memo_tells_claims_apart(ncci_db: Path) -> None:
    from vascular import code_case, load_anatomy, parse_case
    from vascular.claim_check import ClaimChecker, NcciSettings

    anatomy = load_anatomy()
    checker = ClaimChecker(NcciSettings(str(ncci_db), "2026-08-03"))
    try:
        texts = []
        for extra in (
            {},
            {"claim_codes": [{"code": "36246", "modifiers": ["XS"]}]},
            {"date_of_service": "2025-01-02"},
            {},
        ):
            case = parse_case({**CLAIM, **extra})
            result = code_case(case, anatomy)
            text, problems, covered = checker.check_text(result, case)
            assert json.loads(text) == checker.check(result, case)
            texts.append((text, problems, covered))
        assert [t[1:] for t in texts] == [(1, True), (0, True), (0, False), (1, True)]
        assert texts[0] == texts[3]
        assert len({t[0] for t in texts}) == 3
    finally:
        checker.close()
