"""``vascular ncci import`` and ``vascular ncci status``: text, JSON, errors and exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.ncci import cms_files as cms
from vascular.cli import main


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_import_then_status_in_text(tmp_path: Path, cms_q3: list[Path]) -> None:
    db = str(tmp_path / "ncci.sqlite3")
    code, out = _run("ncci", "import", *map(str, cms_q3), "--db", db)
    assert code == 0
    assert "imported: ccipra-v322r0-f1.TXT (PTP practitioner 2026Q3 v322r0 part f1" in out
    assert out.rstrip().endswith(": updated")
    code, out = _run("ncci", "status", "--db", db)
    assert code == 0
    assert "PTP practitioner 2026Q3 v322r0" in out
    assert "MUE dme" in out


def test_import_and_status_in_json(tmp_path: Path, cms_q3: list[Path]) -> None:
    db = str(tmp_path / "ncci.sqlite3")
    code, out = _run("ncci", "import", str(cms_q3[0]), "--db", db, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["schema_version"] == 1
    assert data["files"][0]["status"] == "imported"
    assert data["skipped"][0]["reason"] == "same part in another format"
    code, out = _run("ncci", "import", str(cms_q3[0]), "--db", db, "--json")
    assert json.loads(out)["changed"] is False
    code, out = _run("ncci", "status", "--db", db, "--json")
    status = json.loads(out)
    assert (status["schema_version"], status["exists"]) == (1, True)
    assert status["quarters"][0]["quarter"] == "2026Q3"
    assert status["files"][0]["sha256"]


def test_status_uses_the_environment_database(
    tmp_path: Path, cms_q3: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VASCULAR_NCCI_DB", str(tmp_path / "env.sqlite3"))
    assert _run("ncci", "import", str(cms_q3[1]))[0] == 0
    _, out = _run("ncci", "status", "--json")
    assert json.loads(out)["db_path"] == str(tmp_path / "env.sqlite3")


def test_a_bad_file_exits_2_with_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "ccipra-v322r0-f1.txt"
    bad.write_text(cms.ptp_text([("36245", "36200", "", "2004", "*", "1", "x")]))
    code, out = _run("ncci", "import", str(bad), "--db", str(tmp_path / "n.sqlite3"))
    assert (code, out) == (2, "")
    err = capsys.readouterr().err
    assert (
        err == f"vascular: error: {bad}: line 9: Effective Date: '2004' is not a date (YYYYMMDD)\n"
    )


def test_a_bad_file_under_json_is_one_json_object_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "n.sqlite3"
    db.write_text("not sqlite")
    code, out = _run("ncci", "status", "--db", str(db), "--json")
    assert (code, out) == (2, "")
    error = json.loads(capsys.readouterr().err)
    assert error["schema_version"] == 1
    assert error["error"]["type"] == "NcciDataError"
    assert "not an SQLite database" in error["error"]["message"]


def test_ncci_needs_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("ncci")[0] == 2
    assert "required" in capsys.readouterr().err


def test_the_db_variable_named_in_the_help_is_the_database_modules() -> None:
    from vascular.ncci import commands, database

    assert commands._DB_ENV_VAR == database.DB_ENV_VAR
