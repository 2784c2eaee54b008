"""Importing CMS's NCCI files: layouts recognised, all or nothing, idempotent, clear errors."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.ncci import cms_files as cms
from vascular.ncci import NcciDataError, import_files, ncci_status
from vascular.ncci import importing as importing_module


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        count: int = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return count


class TestRecognition:
    def test_each_archive_is_read_for_its_kind_setting_and_quarter(
        self, tmp_path: Path, cms_q3: list[Path]
    ) -> None:
        report = import_files(cms_q3, tmp_path / "ncci.sqlite3")
        seen = {(f.kind, f.setting, f.quarter, f.version, f.part) for f in report.files}
        assert seen == {
            ("ptp", "practitioner", "2026Q3", "v322r0", 1),
            ("ptp", "outpatient", "2026Q3", "v322r0", 1),
            ("mue", "practitioner", "2026Q3", None, None),
            ("mue", "outpatient", "2026Q3", None, None),
            ("mue", "dme", "2026Q3", None, None),
        }
        assert all(f.status == "imported" for f in report.files)
        assert report.changed

    def test_row_counts_match_the_files(self, tmp_path: Path, cms_q3: list[Path]) -> None:
        report = import_files(cms_q3, tmp_path / "ncci.sqlite3")
        counts = {(f.kind, f.setting): f.row_count for f in report.files}
        assert counts[("ptp", "practitioner")] == len(cms.PRA_Q3)
        assert counts[("ptp", "outpatient")] == len(cms.OPH_Q3)
        assert counts[("mue", "practitioner")] == len(cms.PRA_MUE_Q3)
        assert _count(tmp_path / "ncci.sqlite3", "ptp_edit") == len(cms.PRA_Q3) + len(cms.OPH_Q3)

    def test_one_format_of_each_part_is_read_and_the_other_reported_skipped(
        self, tmp_path: Path, cms_q3: list[Path]
    ) -> None:
        report = import_files(cms_q3[:1], tmp_path / "ncci.sqlite3")
        assert [f.name for f in report.files] == ["ccipra-v322r0-f1.TXT"]
        assert report.skipped == (
            (
                "medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip!"
                "ccipra-v322r0-f1.xlsx",
                "same part in another format",
            ),
        )

    def test_the_period_of_a_ptp_file_is_its_quarter_and_of_an_mue_file_from_its_effective_date(
        self, tmp_path: Path
    ) -> None:
        mue = tmp_path / cms.mue_member_name("practitioner", "08-15-2026")
        mue.write_text(cms.mue_csv("practitioner", cms.PRA_MUE_Q3), encoding="cp1252")
        ptp = tmp_path / cms.ptp_member_name("practitioner", "v322r0")
        ptp.write_text(cms.ptp_text(cms.PRA_Q3), encoding="cp1252")
        report = import_files([ptp, mue], tmp_path / "ncci.sqlite3")
        periods = {f.kind: (str(f.period_start), str(f.period_end)) for f in report.files}
        assert periods == {
            "ptp": ("2026-07-01", "2026-09-30"),
            "mue": ("2026-08-15", "2026-09-30"),
        }

    @pytest.mark.parametrize(
        ("suffix", "make"),
        [
            (".TXT", lambda: cms.ptp_text(cms.PRA_Q3)),
            (".txt", lambda: cms.ptp_text(cms.PRA_Q3, eol="\n")),
            (".xlsx", lambda: cms.ptp_xlsx(cms.PRA_Q3)),
        ],
        ids=["txt-crlf", "txt-lf", "xlsx"],
    )
    def test_a_bare_ptp_member_reads_the_same_rows_in_each_format(
        self, tmp_path: Path, suffix: str, make: object
    ) -> None:
        assert callable(make)
        member = tmp_path / cms.ptp_member_name("practitioner", "v322r0", 1, suffix)
        data = make()
        if isinstance(data, str):
            member.write_text(data, encoding="cp1252", newline="")
        else:
            member.write_bytes(data)
        db = tmp_path / "ncci.sqlite3"
        (imported,) = import_files([member], db).files
        assert imported.row_count == len(cms.PRA_Q3)
        with sqlite3.connect(db) as connection:
            rows = connection.execute(
                "SELECT column1, column2, prior_1996, effective, deletion, modifier_indicator, "
                "r.text FROM ptp_edit JOIN rationale r ON r.id = rationale_id "
                "ORDER BY ptp_edit.rowid"
            ).fetchall()
        expected = [
            (c1, c2, int(p == "*"), int(e), None if d == "*" else int(d), int(m), why)
            for c1, c2, p, e, d, m, why in cms.PRA_Q3
        ]
        assert rows == expected

    def test_a_code_a_workbook_holds_as_a_number_gets_its_leading_zero_back(
        self, tmp_path: Path
    ) -> None:
        member = tmp_path / cms.ptp_member_name("practitioner", "v322r0", 1, ".xlsx")
        data = cms.ptp_xlsx([("01916", "36200", "", "20040101", "*", "1", cms.MISUSE)])
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.active
        assert sheet is not None
        sheet["A7"] = 1916  # as a spreadsheet that took the code for a number holds it
        buffer = io.BytesIO()
        book.save(buffer)
        member.write_bytes(buffer.getvalue())
        db = tmp_path / "ncci.sqlite3"
        import_files([member], db)
        with sqlite3.connect(db) as connection:
            assert connection.execute("SELECT column1 FROM ptp_edit").fetchall() == [("01916",)]

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_a_bare_mue_member_reads_value_indicator_and_rationale(
        self, tmp_path: Path, suffix: str
    ) -> None:
        member = tmp_path / cms.mue_member_name("outpatient", "07-01-2026", suffix)
        if suffix == ".csv":
            member.write_text(cms.mue_csv("outpatient", cms.OPH_MUE_Q3), encoding="cp1252")
        else:
            member.write_bytes(cms.mue_xlsx("outpatient", cms.OPH_MUE_Q3))
        db = tmp_path / "ncci.sqlite3"
        (imported,) = import_files([member], db).files
        assert (imported.kind, imported.setting, imported.quarter) == (
            "mue",
            "outpatient",
            "2026Q3",
        )
        with sqlite3.connect(db) as connection:
            rows = connection.execute(
                "SELECT code, value, adjudication_indicator, adjudication_text, r.text "
                "FROM mue JOIN rationale r ON r.id = rationale_id ORDER BY code"
            ).fetchall()
        assert rows == [
            ("36200", 1, 2, "Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
            ("36245", 3, 3, "Date of Service Edit: Clinical", "Anatomic Consideration"),
        ]


class TestIdempotence:
    def test_a_second_import_of_the_same_files_is_a_no_op_reported_as_such(
        self, tmp_path: Path, cms_q3: list[Path]
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        import_files(cms_q3, db)
        before = _sha(db)
        again = import_files(cms_q3, db)
        assert [f.status for f in again.files] == ["already imported"] * 5
        assert not again.changed
        assert "unchanged" in again.text()
        assert _sha(db) == before

    def test_the_same_member_bare_or_zipped_is_one_file(
        self, tmp_path: Path, cms_q3: list[Path]
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        import_files(cms_q3[:1], db)
        member = tmp_path / "ccipra-v322r0-f1.TXT"
        with zipfile.ZipFile(cms_q3[0]) as archive:
            member.write_bytes(archive.read("ccipra-v322r0-f1.TXT"))
        (again,) = import_files([member], db).files
        assert again.status == "already imported"
        assert _count(db, "ptp_edit") == len(cms.PRA_Q3)

    def test_a_reissued_file_for_the_same_slot_replaces_the_one_held(self, tmp_path: Path) -> None:
        db = tmp_path / "ncci.sqlite3"
        first = cms.ptp_zip(tmp_path, "practitioner", "2026q3", "v322r0", cms.PRA_Q3)
        import_files([first], db)
        reissued = cms.ptp_zip(tmp_path, "practitioner", "2026q3", "v322r0", cms.PRA_Q3[:3])
        (replaced,) = import_files([reissued], db).files
        assert replaced.status == "replaced"
        assert _count(db, "ptp_edit") == 3
        assert len(ncci_status(db).files) == 1

    def test_the_database_records_files_and_quarters(
        self, loaded_db: Path, cms_q3: list[Path]
    ) -> None:
        status = ncci_status(loaded_db)
        assert {(q.kind, q.setting, q.quarter) for q in status.quarters} >= {
            ("ptp", "practitioner", "2026Q3"),
            ("ptp", "practitioner", "2026Q4"),
            ("mue", "practitioner", "2026Q4"),
            ("mue", "dme", "2026Q3"),
        }
        held = {f.name: f for f in status.files}
        ptp = held["ccipra-v322r0-f1.TXT"]
        assert ptp.archive == cms_q3[0].name
        assert len(ptp.sha256) == 64
        assert (ptp.period_start, ptp.period_end, ptp.row_count) == (
            "2026-07-01",
            "2026-09-30",
            len(cms.PRA_Q3),
        )
        assert ptp.imported_at.endswith("+00:00")


class TestAllOrNothing:
    def test_a_failure_in_the_middle_of_an_import_leaves_the_database_as_it_was(
        self,
        tmp_path: Path,
        cms_q3: list[Path],
        cms_q4: list[Path],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        import_files(cms_q3[:2], db)
        before = _sha(db)
        real_add = importing_module._Writer.add
        calls = []

        def failing_add(self: importing_module._Writer, source: object) -> object:
            calls.append(source)
            if len(calls) == 3:  # after two files were written in this transaction
                raise OSError("disk gone")
            return real_add(self, source)  # type: ignore[arg-type]

        monkeypatch.setattr(importing_module._Writer, "add", failing_add)
        with pytest.raises(OSError, match="disk gone"):
            import_files([*cms_q4, *cms_q3[2:]], db)
        assert len(calls) == 3
        assert _sha(db) == before
        assert {f.quarter for f in ncci_status(db).files} == {"2026Q3"}

    def test_a_bad_row_in_the_last_file_writes_nothing_from_the_first(
        self, tmp_path: Path, cms_q3: list[Path]
    ) -> None:
        db = tmp_path / "ncci.sqlite3"
        bad = [*cms.PRA_Q4[:5], ("36245", "36200", "", "20040101", "*", "2", "bad")]
        broken = cms.ptp_zip(tmp_path, "practitioner", "2026q4", "v323r0", bad)
        with pytest.raises(NcciDataError):
            import_files([*cms_q3, broken], db)
        assert not db.exists()
        assert not list(tmp_path.glob(".ncci.sqlite3*"))


class TestWrongFiles:
    def _bare(self, folder: Path, name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="cp1252")
        return path

    def test_a_file_of_no_known_layout_is_refused_naming_the_header(self, tmp_path: Path) -> None:
        path = self._bare(tmp_path, "ccipra-v322r0-f1.txt", "code\tunits\n36245\t1\n")
        with pytest.raises(NcciDataError) as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert (caught.value.file, caught.value.field) == (str(path), "header")
        assert "not a CMS NCCI edit file" in caught.value.message

    def test_an_mue_table_under_a_ptp_name_is_the_wrong_layout(self, tmp_path: Path) -> None:
        path = self._bare(
            tmp_path, "ccipra-v322r0-f1.csv", cms.mue_csv("practitioner", cms.PRA_MUE_Q3)
        )
        with pytest.raises(NcciDataError, match="wrong layout") as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.field == "header"

    def test_a_ptp_header_missing_a_column_names_the_column(self, tmp_path: Path) -> None:
        text = cms.ptp_text(cms.PRA_Q3).replace("\tModifier\t", "\tIndicator\t")
        path = self._bare(tmp_path, "ccipra-v322r0-f1.txt", text)
        with pytest.raises(NcciDataError) as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert (caught.value.line, caught.value.field) == (5, "Modifier")

    @pytest.mark.parametrize(
        ("row", "field", "words"),
        [
            (("36245", "36200", "", "20040101", "*", "2", "x"), "Modifier", "not 0, 1 or 9"),
            (("36245", "36200", "", "2004-01-01", "*", "1", "x"), "Effective Date", "YYYYMMDD"),
            (("36245", "36200", "", "20040101", "20041332", "1", "x"), "Deletion Date", "YYYYMMDD"),
            (("+36218", "36200", "", "20040101", "*", "1", "x"), "Column 1", "HCPCS/CPT"),
            (("36245", "3620", "", "20040101", "*", "1", "x"), "Column 2", "HCPCS/CPT"),
            (
                ("36245", "36200", "Y", "20040101", "*", "1", "x"),
                "*=in existence prior to 1996",
                "neither",
            ),
        ],
        ids=["indicator", "effective", "deletion", "column1", "column2", "prior-1996"],
    )
    def test_a_malformed_ptp_row_is_refused_naming_its_line_and_field(
        self, tmp_path: Path, row: tuple[str, ...], field: str, words: str
    ) -> None:
        path = self._bare(tmp_path, "ccipra-v322r0-f1.txt", cms.ptp_text([*cms.PRA_Q3[:2], row]))
        with pytest.raises(NcciDataError, match=words) as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), 11, field)

    def test_a_malformed_mue_row_names_its_csv_line(self, tmp_path: Path) -> None:
        rows = [*cms.PRA_MUE_Q3[:2], ("36247", "two", "3 Date of Service Edit: Clinical", "x")]
        path = self._bare(
            tmp_path,
            cms.mue_member_name("practitioner", "07-01-2026"),
            cms.mue_csv("practitioner", rows),
        )
        with pytest.raises(NcciDataError) as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        # the notice cell spans 3 lines and the header 2: codes start on line 6
        assert (caught.value.line, caught.value.field) == (8, "MUE Values")

    def test_a_text_file_cut_off_mid_row_is_refused_at_its_last_line(self, tmp_path: Path) -> None:
        text = cms.ptp_text(cms.PRA_Q3)
        path = self._bare(tmp_path, "ccipra-v322r0-f1.txt", text[: text.rindex("\t1\t") - 3])
        with pytest.raises(NcciDataError) as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.line == 8 + len(cms.PRA_Q3)

    def test_an_archive_for_one_quarter_holding_another_is_the_wrong_quarter(
        self, tmp_path: Path
    ) -> None:
        path = cms.write_zip(
            tmp_path / "medicare-ncci-2026q2-practitioner-ptp-edits.zip",
            {cms.ptp_member_name("practitioner", "v322r0"): cms.ptp_text(cms.PRA_Q3)},
        )
        with pytest.raises(
            NcciDataError, match=r"is for 2026Q2 .* is for 2026Q3: wrong quarter"
        ) as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.field == "quarter"
        assert caught.value.file.endswith("!ccipra-v322r0-f1.TXT")

    def test_an_archive_whose_version_differs_from_its_members_is_refused(
        self, tmp_path: Path
    ) -> None:
        path = cms.ptp_zip(
            tmp_path, "practitioner", "2026q2", "v321r0", cms.PRA_Q3, member_version="v322r0"
        )
        with pytest.raises(NcciDataError, match="is version v322r0 but") as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.field == "version"

    def test_an_mue_table_of_another_quarter_than_its_archive_is_refused(
        self, tmp_path: Path
    ) -> None:
        path = cms.write_zip(
            tmp_path / cms.mue_archive_name("practitioner", 2026, 3),
            {
                cms.mue_member_name("practitioner", "04-01-2026"): cms.mue_csv(
                    "practitioner", cms.PRA_MUE_Q3
                )
            },
        )
        with pytest.raises(NcciDataError, match="2026Q3 but the file's effective date"):
            import_files([path], tmp_path / "ncci.sqlite3")

    def test_a_renamed_file_whose_quarter_cannot_be_told_is_refused(self, tmp_path: Path) -> None:
        path = self._bare(tmp_path, "practitioner-edits.txt", cms.ptp_text(cms.PRA_Q3))
        with pytest.raises(NcciDataError, match="which quarter") as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.field == "quarter"

    def test_a_name_and_a_header_naming_different_settings_are_refused(
        self, tmp_path: Path
    ) -> None:
        path = self._bare(
            tmp_path,
            cms.mue_member_name("practitioner", "07-01-2026"),
            cms.mue_csv("outpatient", cms.OPH_MUE_Q3),
        )
        with pytest.raises(NcciDataError, match="says practitioner but the MUE Values heading"):
            import_files([path], tmp_path / "ncci.sqlite3")

    def test_a_truncated_archive_is_refused_naming_the_archive(
        self, tmp_path: Path, cms_q3: list[Path]
    ) -> None:
        data = cms_q3[0].read_bytes()
        cut = tmp_path / cms_q3[0].name
        cut.write_bytes(data[: len(data) // 2])
        with pytest.raises(NcciDataError, match="damaged or truncated") as caught:
            import_files([cut], tmp_path / "ncci.sqlite3")
        assert (caught.value.file, caught.value.field) == (str(cut), "archive")

    def test_an_unreadable_file_is_refused_naming_it(self, tmp_path: Path) -> None:
        missing = tmp_path / "ccipra-v322r0-f1.txt"
        with pytest.raises(NcciDataError, match="cannot read") as caught:
            import_files([missing], tmp_path / "ncci.sqlite3")
        assert caught.value.file == str(missing)

    def test_an_archive_holding_only_change_reports_is_refused(self, tmp_path: Path) -> None:
        path = cms.write_zip(
            tmp_path / "medicare-ncci-2026q3-practitioner-ptp.zip",
            {"ccipra-v322r0-changes.txt": "anything", "read me.pdf": b"%PDF"},
        )
        with pytest.raises(NcciDataError, match="holds no NCCI edit file"):
            import_files([path], tmp_path / "ncci.sqlite3")

    def test_a_quarterly_change_report_archive_is_never_taken_for_a_complete_table(
        self, tmp_path: Path
    ) -> None:
        path = cms.write_zip(
            tmp_path
            / "medicare-ncci-2026q3-practitioner-quarterly-additions-deletions-revisions-ptp.zip",
            {cms.ptp_member_name("practitioner", "v322r0"): cms.ptp_text(cms.PRA_Q3[:2])},
        )
        with pytest.raises(NcciDataError, match="not a complete edit table") as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.field == "archive"

    def test_a_damaged_workbook_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "ccipra-v322r0-f1.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a workbook")
        with pytest.raises(NcciDataError, match=r"not a readable \.xlsx") as caught:
            import_files([path], tmp_path / "ncci.sqlite3")
        assert caught.value.field == "format"

    def test_no_files_is_an_error(self, tmp_path: Path) -> None:
        with pytest.raises(NcciDataError, match="no files"):
            import_files([], tmp_path / "ncci.sqlite3")
