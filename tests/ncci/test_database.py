"""The database file: where the user's data lives, marked as ours, never overwritten if not."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ncci import cms_files as cms
from vascular.ncci import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    NcciDataError,
    NcciEdits,
    default_db_path,
    import_files,
    ncci_status,
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ptp_archive(tmp_path: Path) -> Path:
    return cms.ptp_zip(tmp_path, "practitioner", "2026q3", "v322r0", cms.PRA_Q3)


class TestWhere:
    def test_the_environment_variable_names_the_database(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("VASCULAR_NCCI_DB", str(tmp_path / "mine.sqlite3"))
        assert default_db_path() == tmp_path / "mine.sqlite3"

    def test_otherwise_it_lives_under_xdg_data_home(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.delenv("VASCULAR_NCCI_DB")
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
        assert default_db_path() == tmp_path / "vascular-coding" / "ncci.sqlite3"

    def test_else_under_the_home_local_share(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.delenv("VASCULAR_NCCI_DB")
        monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
        monkeypatch.setenv("HOME", str(tmp_path))
        assert default_db_path() == tmp_path / ".local/share/vascular-coding/ncci.sqlite3"

    def test_an_import_without_a_path_writes_the_default_database(self, ptp_archive: Path) -> None:
        report = import_files([ptp_archive])
        assert report.db_path == default_db_path()
        assert default_db_path().is_file()
        with NcciEdits() as edits:
            assert edits.path == default_db_path()


class TestMarks:
    def test_a_new_database_carries_the_application_id_and_schema_version(
        self, tmp_path: Path, ptp_archive: Path
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        import_files([ptp_archive], db)
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            indexes = {row[1] for row in connection.execute("PRAGMA index_list(ptp_edit)")}
            assert "ptp_edit_pair" in indexes
            columns = [row[2] for row in connection.execute("PRAGMA index_info(ptp_edit_pair)")]
            assert columns == ["setting", "column1", "column2"]
            mue = [row[2] for row in connection.execute("PRAGMA index_info(mue_code)")]
            assert mue == ["setting", "code"]

    def test_an_empty_file_at_the_path_becomes_the_database(
        self, tmp_path: Path, ptp_archive: Path
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        db.touch()
        import_files([ptp_archive], db)
        assert ncci_status(db).files


class TestRefusals:
    def _refused(self, db: Path, archive: Path, words: str) -> None:
        before = _sha(db)
        with pytest.raises(NcciDataError, match=words) as caught:
            import_files([archive], db)
        assert (caught.value.file, caught.value.field) == (str(db), "database")
        with pytest.raises(NcciDataError, match=words):
            NcciEdits(db)
        with pytest.raises(NcciDataError, match=words):
            ncci_status(db)
        assert _sha(db) == before

    def test_a_file_that_is_not_sqlite_is_never_overwritten(
        self, tmp_path: Path, ptp_archive: Path
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        db.write_text("my notes, not a database\n")
        self._refused(db, ptp_archive, "not an SQLite database")

    def test_another_applications_sqlite_database_is_never_overwritten(
        self, tmp_path: Path, ptp_archive: Path
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        with sqlite3.connect(db) as connection:
            connection.execute("CREATE TABLE contacts (name TEXT)")
            connection.execute("INSERT INTO contacts VALUES ('someone')")
        self._refused(db, ptp_archive, "another application")

    def test_a_newer_schema_is_refused(self, tmp_path: Path, ptp_archive: Path) -> None:
        db = tmp_path / "ncci.sqlite3"
        with sqlite3.connect(db) as connection:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute("PRAGMA user_version = 99")
            connection.execute("CREATE TABLE later (x)")
        self._refused(db, ptp_archive, "schema version 99")

    def test_a_damaged_database_is_refused(self, tmp_path: Path, ptp_archive: Path) -> None:
        db = tmp_path / "ncci.sqlite3"
        import_files([ptp_archive], db)
        data = bytearray(db.read_bytes())
        data[16:100] = b"\xff" * 84  # the page size and the rest of the header
        db.write_bytes(bytes(data))
        self._refused(db, ptp_archive, "damaged SQLite database")

    def test_opening_a_missing_database_says_to_import_first(self, tmp_path: Path) -> None:
        with pytest.raises(NcciDataError, match="ncci import"):
            NcciEdits(tmp_path / "absent.sqlite3")

    def test_status_of_a_missing_database_says_there_is_none(self, tmp_path: Path) -> None:
        status = ncci_status(tmp_path / "absent.sqlite3")
        assert not status.exists
        assert "no NCCI database yet" in status.text()

    def test_checking_never_writes(self, loaded_db: Path) -> None:
        before = _sha(loaded_db)
        with NcciEdits(loaded_db) as edits:
            edits.check([("36247", [], 1)], "2026-08-03", "practitioner")
            with pytest.raises(sqlite3.OperationalError):
                edits._connection.execute("DELETE FROM ptp_edit")
        assert _sha(loaded_db) == before


def test_importing_vascular_does_not_import_the_ncci_package() -> None:
    code = "import sys, vascular; print(any(m.startswith('vascular.ncci') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_ncci_package_loads_no_ui_toolkit_and_no_spreadsheet_reader_until_needed() -> None:
    code = (
        "import sys, vascular.ncci, vascular.ncci.commands;"
        "print(sorted(m.split('.')[0] for m in sys.modules"
        " if m.split('.')[0] in {'textual', 'rich', 'tui', 'openpyxl'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
