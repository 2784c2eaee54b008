"""Synthetic NCCI edit files in CMS's published layouts, written at test time (no binaries kept).

The layouts follow docs/ncci.md: the PTP text file's notice lines and its header run over four
lines (edits start on line 9, as public readers of ccipra-v313r0-f1.txt skip 8 lines); the MUE CSV's
first cell is a quoted notice of several lines and its code heading is ``HCPCS/<newline>CPT Code``;
the spreadsheets put the same headings in the same places. Archive and member names are CMS's
(medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip holding ccipra-v322r0-f1.TXT;
medicare-ncci-2026-q3-practitioner-services-mue-table.zip holding
MCR_MUE_PractitionerServices_Eff_07-01-2026.csv). Every row is made up: codes are this project's
catheter codes and a few others, indicators and values are invented, and the notice is ours.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl

PtpRow = tuple[str, str, str, str, str, str, str]
MueRow = tuple[str, str, str, str]

NOTICE = (
    "SYNTHETIC TEST FILE in the layout of a CMS NCCI edit file; not CMS data.",
    "CPT codes and descriptions only are copyright of the American Medical Association (notice "
    "placeholder).",
    "Applicable FARS/DFARS restrictions apply to government use (notice placeholder).",
)
PTP_HEADER = (
    ("Column 1", "Column 2", "*=in existence", "Effective", "Deletion", "Modifier", "PTP Edit"),
    ("", "", "prior to 1996", "Date", "Date", "0=not allowed", "Rationale"),
    ("", "", "", "", "*=no data", "1=allowed", ""),
    ("", "", "", "", "", "9=not applicable", ""),
)
MUE_HEADINGS = {
    "practitioner": "Practitioner Services MUE Values",
    "outpatient": "Outpatient Hospital Services MUE Values",
    "dme": "DME Supplier Services MUE Values",
}
PTP_SETTINGS = {"practitioner": ("practitioner", "ccipra"), "outpatient": ("hospital", "ccioph")}
MUE_NAMES = {
    "practitioner": ("practitioner-services", "PractitionerServices"),
    "outpatient": ("outpatient-hospital-services", "OutpatientHospitalServices"),
    "dme": ("dme-supplier-services", "DMESupplierServices"),
}

MISUSE = "Misuse of column two code with column one code"
STANDARDS = "Standards of medical / surgical practice"
EXCLUSIVE = "Mutually exclusive procedures"
SEPARATE = "CPT Separate Procedure definition"

# Practitioner PTP, 2026 Q3 (v322r0)
PRA_Q3: tuple[PtpRow, ...] = (
    ("36200", "36140", "", "20040101", "*", "1", MISUSE),
    ("36215", "36200", "", "20100101", "20260815", "1", STANDARDS),
    ("36216", "36215", "", "20040101", "*", "1", STANDARDS),
    ("36245", "36200", "*", "19960101", "*", "1", MISUSE),
    ("36246", "36245", "", "20040101", "*", "1", STANDARDS),
    ("36247", "36245", "", "20040101", "*", "1", STANDARDS),
    ("36247", "36246", "", "20040101", "*", "1", STANDARDS),
    ("36224", "36222", "", "20130101", "*", "0", EXCLUSIVE),
    ("37191", "36010", "", "20120101", "*", "0", MISUSE),
    ("37241", "36245", "", "20140101", "*", "1", SEPARATE),
    ("36500", "36011", "", "20070101", "*", "1", MISUSE),
    ("75726", "75625", "", "20260701", "20260701", "9", EXCLUSIVE),
    ("99213", "36000", "", "20020101", "*", "1", STANDARDS),
    ("36481", "36011", "", "20080101", "20121231", "1", MISUSE),
)
# Practitioner PTP, 2026 Q4 (v323r0): 36246/36245 deleted as of the quarter
PRA_Q4: tuple[PtpRow, ...] = tuple(
    ("36246", "36245", "", "20040101", "20260930", "1", STANDARDS)
    if row[:2] == ("36246", "36245")
    else row
    for row in PRA_Q3
)
# Outpatient hospital PTP, 2026 Q3 (v322r0): the same pair with another indicator
OPH_Q3: tuple[PtpRow, ...] = (
    ("36247", "36246", "", "20040101", "*", "0", STANDARDS),
    ("37191", "36010", "", "20120101", "*", "1", MISUSE),
    ("36245", "36200", "*", "19960101", "*", "1", MISUSE),
)

PRA_MUE_Q3: tuple[MueRow, ...] = (
    ("36200", "1", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    ("36245", "2", "3 Date of Service Edit: Clinical", "Anatomic Consideration"),
    ("36246", "2", "3 Date of Service Edit: Clinical", "Anatomic Consideration"),
    ("36247", "2", "3 Date of Service Edit: Clinical", "Anatomic Consideration"),
    ("36500", "4", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("37191", "1", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    ("75625", "1", "2 Date of Service Edit: Policy", "CMS Policy"),
    ("J1100", "30", "1 Line Edit", "Nature of Service/Procedure"),
)
PRA_MUE_Q4: tuple[MueRow, ...] = (
    ("36200", "2", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    *PRA_MUE_Q3[1:],
)
OPH_MUE_Q3: tuple[MueRow, ...] = (
    ("36200", "1", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    ("36245", "3", "3 Date of Service Edit: Clinical", "Anatomic Consideration"),
)
DME_MUE_Q3: tuple[MueRow, ...] = (("E0100", "1", "2 Date of Service Edit: Policy", "CMS Policy"),)


def ptp_text(rows: Sequence[Sequence[str]], *, eol: str = "\r\n") -> str:
    """A PTP .txt file: notice lines, a blank line, the four header lines, then tab-joined rows."""
    lines = [*NOTICE, "", *("\t".join(cells) for cells in PTP_HEADER)]
    lines += ["\t".join(row) for row in rows]
    return eol.join(lines) + eol


def mue_csv(setting: str, rows: Sequence[Sequence[str]]) -> str:
    """An MUE .csv file: a quoted multi-line notice cell, then the header, then the rows."""
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["\n".join(NOTICE), "", "", ""])
    writer.writerow(
        ["HCPCS/\nCPT Code", MUE_HEADINGS[setting], "MUE Adjudication Indicator", "MUE Rationale"]
    )
    writer.writerows(rows)
    return buffer.getvalue()


def ptp_xlsx(rows: Sequence[Sequence[str]]) -> bytes:
    """A PTP workbook: notice in row 1, row 2 blank, the header in rows 3-6, edits from row 7."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([" ".join(NOTICE)])
    sheet.append([])
    for cells in PTP_HEADER:
        sheet.append([cell or None for cell in cells])
    for row in rows:  # codes as text; dates and indicators as numbers, as a spreadsheet holds them
        c1, c2, prior, effective, deletion, indicator, why = row
        sheet.append(
            [
                c1,
                c2,
                prior or None,
                int(effective),
                deletion if deletion == "*" else int(deletion),
                int(indicator),
                why,
            ]
        )
    return _save(book)


def mue_xlsx(setting: str, rows: Sequence[Sequence[str]]) -> bytes:
    """An MUE workbook: the notice in row 1, the header in row 2, codes from row 3."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([" ".join(NOTICE)])
    sheet.append(
        ["HCPCS/\nCPT Code", MUE_HEADINGS[setting], "MUE Adjudication Indicator", "MUE Rationale"]
    )
    for code, value, indicator, why in rows:
        sheet.append([code, int(value), indicator, why])
    return _save(book)


def _save(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    """A zip archive at `path` holding `members` (text is written as cp1252, as CMS's files are)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("cp1252") if isinstance(data, str) else data)
    return path


def ptp_archive_name(setting: str, quarter: str, version: str, part: int = 1) -> str:
    """CMS's archive name: medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip."""
    words, prefix = PTP_SETTINGS[setting]
    return f"medicare-ncci-{quarter.lower()}-{words}-ptp-edits-{prefix}-{version}-f{part}.zip"


def ptp_member_name(setting: str, version: str, part: int = 1, suffix: str = ".TXT") -> str:
    """CMS's member name: ccipra-v322r0-f1.TXT."""
    return f"{PTP_SETTINGS[setting][1]}-{version}-f{part}{suffix}"


def ptp_zip(
    folder: Path,
    setting: str,
    quarter: str,
    version: str,
    rows: Sequence[Sequence[str]],
    *,
    part: int = 1,
    with_xlsx: bool = False,
    member_version: str | None = None,
) -> Path:
    """A PTP archive as CMS ships it (the text file, and optionally the same part as .xlsx)."""
    member = ptp_member_name(setting, member_version or version, part)
    members: dict[str, bytes | str] = {member: ptp_text(rows)}
    if with_xlsx:
        members[ptp_member_name(setting, member_version or version, part, ".xlsx")] = ptp_xlsx(rows)
    return write_zip(folder / ptp_archive_name(setting, quarter, version, part), members)


def mue_archive_name(setting: str, year: int, quarter: int) -> str:
    """CMS's archive name: medicare-ncci-2026-q3-practitioner-services-mue-table.zip."""
    return f"medicare-ncci-{year}-q{quarter}-{MUE_NAMES[setting][0]}-mue-table.zip"


def mue_member_name(setting: str, effective: str, suffix: str = ".csv") -> str:
    """CMS's member name: MCR_MUE_PractitionerServices_Eff_07-01-2026.csv (effective MM-DD-YYYY)."""
    return f"MCR_MUE_{MUE_NAMES[setting][1]}_Eff_{effective}{suffix}"


def mue_zip(
    folder: Path,
    setting: str,
    year: int,
    quarter: int,
    effective: str,
    rows: Sequence[Sequence[str]],
    *,
    with_xlsx: bool = False,
) -> Path:
    """An MUE archive as CMS ships it (the CSV, and optionally the same table as .xlsx)."""
    members: dict[str, bytes | str] = {mue_member_name(setting, effective): mue_csv(setting, rows)}
    if with_xlsx:
        members[mue_member_name(setting, effective, ".xlsx")] = mue_xlsx(setting, rows)
    return write_zip(folder / mue_archive_name(setting, year, quarter), members)


def q3_files(folder: Path) -> list[Path]:
    """The 2026 Q3 set: practitioner and outpatient PTP, practitioner, outpatient and DME MUE."""
    return [
        ptp_zip(folder, "practitioner", "2026q3", "v322r0", PRA_Q3, with_xlsx=True),
        ptp_zip(folder, "outpatient", "2026q3", "v322r0", OPH_Q3),
        mue_zip(folder, "practitioner", 2026, 3, "07-01-2026", PRA_MUE_Q3, with_xlsx=True),
        mue_zip(folder, "outpatient", 2026, 3, "07-01-2026", OPH_MUE_Q3),
        mue_zip(folder, "dme", 2026, 3, "07-01-2026", DME_MUE_Q3),
    ]


def q4_files(folder: Path) -> list[Path]:
    """The 2026 Q4 practitioner set (PTP v323r0 deleting 36246/36245; MUE 36200 raised to 2)."""
    return [
        ptp_zip(folder, "practitioner", "2026q4", "v323r0", PRA_Q4),
        mue_zip(folder, "practitioner", 2026, 4, "10-01-2026", PRA_MUE_Q4),
    ]


def q3_database(folder: Path) -> Path:
    """A database of the 2026 Q3 files, written and imported into `folder` (for other suites)."""
    from vascular.ncci import import_files

    db = folder / "ncci.sqlite3"
    import_files(q3_files(folder), db)
    return db
