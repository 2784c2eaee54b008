"""CMS's NCCI edit files as CMS ships them: which file is which, and its rows as plain records.

Bytes in, records out; no database. The layouts, with their sources, are in docs/ncci.md:

* **PTP** (procedure-to-procedure) files, ``ccipra-vXYZrN-fN`` (practitioner) and ``ccioph-...``
  (outpatient hospital), tab-delimited ``.txt`` or ``.xlsx``: notice lines, then a header whose
  first two cells are ``Column 1`` and ``Column 2`` (its headings may run on over the next lines,
  with the first two cells blank), then one edit a line: column 1, column 2, ``*`` when the edit
  existed before 1996, effective date ``YYYYMMDD``, deletion date ``YYYYMMDD`` or ``*``, modifier
  indicator 0, 1 or 9, rationale.
* **MUE** (medically unlikely edit) files, ``MCR_MUE_<Setting>Services_Eff_MM-DD-YYYY``, ``.csv``
  or ``.xlsx``: a notice, then the header ``HCPCS/CPT Code``, ``<Setting> Services MUE Values``,
  ``MUE Adjudication Indicator``, ``MUE Rationale``, then one code a line.

The version ``vXYZrN`` reads as version XY.Z, revision N; XY is the year less 1994 and Z the quarter
less one (v322r0 is 2026 Q3), which is how every published name we found pairs them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Literal

from vascular.ncci.errors import NcciDataError

__all__ = [
    "EditFile",
    "FileIdentity",
    "Kind",
    "Layout",
    "MueRecord",
    "ParsedFile",
    "PtpRecord",
    "Quarter",
    "Setting",
    "edit_files",
    "parse_edit_file",
]

Kind = Literal["ptp", "mue"]
Setting = Literal["practitioner", "outpatient", "dme"]

PtpRecord = tuple[str, str, int, int, int | None, int, str]
"""column 1, column 2, prior to 1996 (0/1), effective YYYYMMDD, deletion YYYYMMDD or None,
modifier indicator, rationale."""

MueRecord = tuple[str, int, int, str, str]
"""code, MUE value, adjudication indicator (1-3), the indicator's words, rationale."""

_Row = tuple[int, list[str]]
_PREAMBLE_LIMIT = (
    60  # a CMS file's header comes within its first few lines; don't scan a big stranger
)
_CODE = re.compile(r"[0-9A-Z]{5}")
_PTP_NAME = re.compile(
    r"cci(?P<setting>pra|oph)-v(?P<major>\d+)(?P<minor>\d)r(?P<revision>\d+)(?:-f(?P<part>\d+))?",
    re.IGNORECASE,
)
_MUE_NAME = re.compile(
    r"MUE_(?P<setting>PractitionerServices|OutpatientHospitalServices|DMESupplierServices)"
    r"_Eff_(?P<month>\d{2})-(?P<day>\d{2})-(?P<year>\d{4})",
    re.IGNORECASE,
)
_QUARTER_NAME = re.compile(r"(?<!\d)(?P<year>20\d\d)-?q(?P<q>[1-4])(?![0-9])", re.IGNORECASE)
_MONTH_NAME = re.compile(r"(?P<month>january|april|july|october)-(?P<year>20\d\d)", re.IGNORECASE)
_QUARTER_OF_MONTH = {"january": 1, "april": 2, "july": 3, "october": 4}
_NAME_SETTINGS: dict[str, Setting] = {
    "pra": "practitioner",
    "oph": "outpatient",
    "practitionerservices": "practitioner",
    "outpatienthospitalservices": "outpatient",
    "dmesupplierservices": "dme",
}
_ARCHIVE_SETTING_WORDS: tuple[tuple[str, Setting], ...] = (
    ("practitioner", "practitioner"),
    ("hospital", "outpatient"),
    ("outpatient", "outpatient"),
    ("dme", "dme"),
)
_FORMAT_PREFERENCE = (".txt", ".csv", ".xlsx")  # one format per part: CMS zips may hold several
_MODIFIER_INDICATORS = {"0": 0, "1": 1, "9": 9}


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, the unit CMS versions its edits by."""

    year: int
    number: int

    @classmethod
    def of_date(cls, day: dt.date) -> Quarter:
        """The quarter a date falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        """Its first day."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """Its last day."""
        following = Quarter(self.year + self.number // 4, self.number % 4 + 1)
        return following.start - dt.timedelta(days=1)

    def __str__(self) -> str:
        """``2026Q3``."""
        return f"{self.year}Q{self.number}"


@dataclass(frozen=True)
class EditFile:
    """One data file to import: a bare file, or one member of a zip archive.

    Attributes:
        display: how messages name it: the path, or ``archive.zip!member``.
        name: the file's own name (the member's name inside an archive).
        archive: the archive's file name, or ``None`` for a bare file.
        data: its bytes.
    """

    display: str
    name: str
    archive: str | None
    data: bytes


@dataclass(frozen=True)
class FileIdentity:
    """What a file is, read from its name(s) and its header.

    Attributes:
        kind: ``ptp`` or ``mue``.
        setting: ``practitioner``, ``outpatient`` (hospital) or ``dme`` (MUE only).
        quarter: the quarter the file is for.
        version: the PTP version as CMS writes it (``v322r0``); ``None`` for MUE files.
        revision: the PTP revision number (the ``r`` of the version), 0 for MUE files.
        part: the PTP part number (the ``f`` of the name), ``None`` when unnamed or MUE.
        period_start: first date of service the file is for (the quarter's start, or the MUE
            file's effective date).
        period_end: last date of service (the quarter's end).
    """

    kind: Kind
    setting: Setting
    quarter: Quarter
    version: str | None
    revision: int
    part: int | None
    period_start: dt.date
    period_end: dt.date


@dataclass(frozen=True)
class Layout:
    """Where a file's header is and which column holds what."""

    kind: Kind
    header_line: int
    columns: dict[str, int]
    mue_setting: Setting | None
    preamble: tuple[str, ...]


@dataclass(frozen=True)
class ParsedFile:
    """An edit file recognised: its identity and its records, read lazily (one pass)."""

    source: EditFile
    identity: FileIdentity
    layout: Layout
    ptp_records: Iterator[PtpRecord]
    mue_records: Iterator[MueRecord]


def edit_files(path: Path) -> tuple[list[EditFile], list[tuple[str, str]]]:
    """The data files in `path` (a zip archive as CMS ships it, or a bare file), and those skipped.

    From an archive: one member per part, in the first format of .txt, .csv, .xlsx that it has;
    change reports and other documents are skipped, each with the reason.

    Raises:
        NcciDataError: unreadable file, damaged or truncated archive, unknown file type, or an
            archive with no edit file.
    """
    suffix = path.suffix.lower()
    if suffix in _FORMAT_PREFERENCE:
        return [EditFile(str(path), path.name, None, _read_bytes(path))], []
    if suffix != ".zip" and not _is_zip(path):
        raise NcciDataError(
            str(path), None, "file type", "not a zip archive, .txt, .csv or .xlsx file"
        )
    return _archive_members(path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise NcciDataError(
            str(path), None, "-", f"cannot read: {error.strerror or error}"
        ) from None


def _is_zip(path: Path) -> bool:
    try:
        return zipfile.is_zipfile(path)
    except OSError as error:
        raise NcciDataError(
            str(path), None, "-", f"cannot read: {error.strerror or error}"
        ) from None


_CHANGE_WORDS = ("change", "addition", "deletion", "revision")


def _archive_members(path: Path) -> tuple[list[EditFile], list[tuple[str, str]]]:
    if any(word in path.name.lower() for word in _CHANGE_WORDS):
        raise NcciDataError(
            str(path),
            None,
            "archive",
            "a change report (additions, deletions, revisions), not a complete edit table: "
            "import the quarter's complete PTP and MUE files",
        )
    skipped: list[tuple[str, str]] = []
    chosen: dict[str, zipfile.ZipInfo] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                member = Path(info.filename)
                if info.is_dir() or member.name.startswith(".") or "__MACOSX" in member.parts:
                    continue
                reason = _skip_reason(member)
                if reason:
                    skipped.append((f"{path.name}!{info.filename}", reason))
                    continue
                stem = member.stem.lower()
                held = chosen.get(stem)
                if held is None or _rank(member) < _rank(Path(held.filename)):
                    if held is not None:
                        skipped.append(
                            (f"{path.name}!{held.filename}", "same part in another format")
                        )
                    chosen[stem] = info
                else:
                    skipped.append((f"{path.name}!{info.filename}", "same part in another format"))
            files = [
                EditFile(
                    f"{path.name}!{info.filename}",
                    Path(info.filename).name,
                    path.name,
                    archive.read(info),
                )
                for info in sorted(chosen.values(), key=lambda i: i.filename.lower())
            ]
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise NcciDataError(
            str(path),
            None,
            "archive",
            f"not a readable zip archive (damaged or truncated): {error}",
        ) from None
    except OSError as error:
        raise NcciDataError(
            str(path), None, "-", f"cannot read: {error.strerror or error}"
        ) from None
    if not files:
        raise NcciDataError(
            str(path), None, "archive", "holds no NCCI edit file (.txt, .csv or .xlsx)"
        )
    return files, skipped


def _skip_reason(member: Path) -> str | None:
    if member.suffix.lower() not in _FORMAT_PREFERENCE:
        return "not an edit file (.txt, .csv or .xlsx)"
    if any(word in member.name.lower() for word in _CHANGE_WORDS):
        return "a change report, not a complete edit file"
    return None


def _rank(member: Path) -> int:
    return _FORMAT_PREFERENCE.index(member.suffix.lower())


def parse_edit_file(source: EditFile) -> ParsedFile:
    """Recognise an edit file's layout and identity; its records are read as they are consumed.

    Raises:
        NcciDataError: wrong layout, a name that contradicts the header, no way to tell the
            setting or quarter, or (while the records are consumed) a malformed row, naming its
            line and field.
    """
    rows = _rows(source)
    layout, rest = _find_layout(source.display, rows)
    identity = _identify(source, layout)
    empty: Iterator[PtpRecord] = iter(())
    none: Iterator[MueRecord] = iter(())
    if layout.kind == "ptp":
        return ParsedFile(
            source, identity, layout, _ptp_records(source.display, layout, rest), none
        )
    return ParsedFile(source, identity, layout, empty, _mue_records(source.display, layout, rest))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _rows(source: EditFile) -> Iterator[_Row]:
    suffix = Path(source.name).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(source)
    text = _decode(source.data)
    if suffix == ".csv":
        return _csv_rows(text)
    return _tab_rows(text)


def _tab_rows(text: str) -> Iterator[_Row]:
    for number, line in enumerate(io.StringIO(text), start=1):
        yield number, line.rstrip("\r\n").split("\t")


def _csv_rows(text: str) -> Iterator[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    for cells in reader:
        yield reader.line_num, cells


def _xlsx_rows(source: EditFile) -> Iterator[_Row]:
    try:
        import openpyxl  # lazily: only spreadsheets need it
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise NcciDataError(
            source.display, None, "format", "reading .xlsx needs openpyxl (pip install openpyxl)"
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise NcciDataError(
            source.display, None, "format", f"not a readable .xlsx workbook: {error}"
        ) from None
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        book.close()


class _Number(str):
    """A spreadsheet cell that held a number: a code there may have lost its leading zeros."""

    __slots__ = ()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return _Number(value)
    if isinstance(value, float) and value.is_integer():
        return _Number(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y%m%d")
    return str(value)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _find_layout(display: str, rows: Iterator[_Row]) -> tuple[Layout, Iterator[_Row]]:
    preamble: list[str] = []
    for number, cells in rows:
        heads = [_norm(cell) for cell in cells]
        if len(heads) >= 2 and heads[0] == "column 1" and heads[1] == "column 2":
            return _ptp_layout(display, number, cells, rows, tuple(preamble))
        if heads and heads[0].replace(" ", "") == "hcpcs/cptcode":
            return _mue_layout(display, number, heads, tuple(preamble)), rows
        preamble.append(" ".join(cell.strip() for cell in cells if cell.strip()))
        if len(preamble) >= _PREAMBLE_LIMIT:
            break
    raise NcciDataError(
        display,
        None,
        "header",
        "no NCCI edit header found (a PTP file's 'Column 1', 'Column 2' ... or an MUE file's "
        "'HCPCS/CPT Code', '... MUE Values' ...): not a CMS NCCI edit file of a known layout",
    )


_Role = tuple[str, str, Callable[[str], bool]]
_PTP_ROLES: tuple[_Role, ...] = (
    ("column1", "Column 1", lambda h: h == "column 1"),
    ("column2", "Column 2", lambda h: h == "column 2"),
    ("prior_1996", "*=in existence prior to 1996", lambda h: "1996" in h or "existence" in h),
    ("effective", "Effective Date", lambda h: h.startswith("effective")),
    ("deletion", "Deletion Date", lambda h: h.startswith("deletion")),
    ("modifier", "Modifier", lambda h: h.startswith("modifier")),
    ("rationale", "PTP Edit Rationale", lambda h: "rationale" in h),
)


def _ptp_layout(
    display: str,
    number: int,
    cells: list[str],
    rows: Iterator[_Row],
    preamble: tuple[str, ...],
) -> tuple[Layout, Iterator[_Row]]:
    headings = [cell.strip() for cell in cells]
    first_data: _Row | None = None
    for row in rows:  # headings may continue below, with the first two cells blank
        more = row[1]
        if any(cell.strip() for cell in more[:1]):
            first_data = row
            break
        for index, cell in enumerate(more):
            if cell.strip():
                headings += [""] * (index + 1 - len(headings))
                headings[index] = f"{headings[index]} {cell.strip()}".strip()
    columns = _columns(display, number, [_norm(h) for h in headings], _PTP_ROLES, "PTP")
    layout = Layout("ptp", number, columns, None, preamble)
    rest = chain([first_data], rows) if first_data else rows
    return layout, rest


_MUE_ROLES: tuple[_Role, ...] = (
    ("code", "HCPCS/CPT Code", lambda h: h.replace(" ", "") == "hcpcs/cptcode"),
    ("value", "... Services MUE Values", lambda h: "mue value" in h),
    ("mai", "MUE Adjudication Indicator", lambda h: "adjudication indicator" in h),
    ("rationale", "MUE Rationale", lambda h: "rationale" in h),
)
_MUE_VALUE_SETTINGS: tuple[tuple[str, Setting], ...] = (
    ("practitioner services", "practitioner"),
    ("outpatient hospital services", "outpatient"),
    ("dme supplier services", "dme"),
)


def _mue_layout(display: str, number: int, heads: list[str], preamble: tuple[str, ...]) -> Layout:
    columns = _columns(display, number, heads, _MUE_ROLES, "MUE")
    value_heading = heads[columns["value"]]
    setting = next(
        (s for prefix, s in _MUE_VALUE_SETTINGS if value_heading.startswith(prefix)), None
    )
    if setting is None:
        raise NcciDataError(
            display,
            number,
            "MUE Values",
            f"heading {value_heading!r} names no known setting (Practitioner Services, Outpatient "
            "Hospital Services, DME Supplier Services)",
        )
    return Layout("mue", number, columns, setting, preamble)


def _columns(
    display: str,
    number: int,
    heads: list[str],
    roles: tuple[_Role, ...],
    what: str,
) -> dict[str, int]:
    columns: dict[str, int] = {}
    for role, heading, matches in roles:
        found = next((i for i, head in enumerate(heads) if matches(head)), None)
        if found is None:
            raise NcciDataError(
                display,
                number,
                heading,
                f"the {what} header has no {heading!r} column: wrong layout",
            )
        columns[role] = found
    return columns


def _identify(source: EditFile, layout: Layout) -> FileIdentity:
    names = [name for name in (source.name, source.archive) if name]
    kinds = {kind for name in names if (kind := _name_kind(name))}
    for kind in sorted(kinds):
        if kind != layout.kind:
            raise NcciDataError(
                source.display,
                layout.header_line,
                "header",
                f"the name says {kind.upper()} edits but the header is the {layout.kind.upper()} "
                "layout: wrong layout for this file",
            )
    setting = _agreed_setting(source, layout)
    if layout.kind == "ptp":
        return _ptp_identity(source, setting)
    return _mue_identity(source, setting)


def _name_kind(name: str) -> Kind | None:
    if _PTP_NAME.search(name) or "ptp" in name.lower():
        return "ptp"
    if "mue" in name.lower():
        return "mue"
    return None


def _agreed_setting(source: EditFile, layout: Layout) -> Setting:
    claims: list[tuple[Setting, str]] = []
    for name in (source.name, source.archive):
        if not name:
            continue
        match = _PTP_NAME.search(name) or _MUE_NAME.search(name)
        if match:
            claims.append((_NAME_SETTINGS[match["setting"].lower()], f"the name {name!r}"))
            continue
        lowered = name.lower()
        word = next((s for w, s in _ARCHIVE_SETTING_WORDS if w in lowered), None)
        if word:
            claims.append((word, f"the name {name!r}"))
    if layout.mue_setting:
        claims.append((layout.mue_setting, "the MUE Values heading"))
    if not claims:
        raise NcciDataError(
            source.display,
            None,
            "setting",
            "cannot tell the setting (practitioner or outpatient hospital): keep CMS's file name "
            "(ccipra-/ccioph-..., MCR_MUE_<Setting>Services_Eff_...)",
        )
    setting, said_by = claims[0]
    for other, by in claims[1:]:
        if other != setting:
            raise NcciDataError(
                source.display,
                None,
                "setting",
                f"{said_by} says {setting} but {by} says {other}",
            )
    if layout.kind == "ptp" and setting == "dme":
        raise NcciDataError(source.display, None, "setting", "CMS publishes no DME PTP edits")
    return setting


def _archive_quarter(source: EditFile) -> Quarter | None:
    if not source.archive:
        return None
    match = _QUARTER_NAME.search(source.archive)
    if match:
        return Quarter(int(match["year"]), int(match["q"]))
    month = _MONTH_NAME.search(source.archive)
    if month:
        return Quarter(int(month["year"]), _QUARTER_OF_MONTH[month["month"].lower()])
    return None


def _ptp_identity(source: EditFile, setting: Setting) -> FileIdentity:
    versions: list[tuple[re.Match[str], str]] = []
    for name in (source.name, source.archive):
        match = _PTP_NAME.search(name) if name else None
        if match and name:
            versions.append((match, name))
    version_quarter: Quarter | None = None
    version = None
    revision = 0
    part = None
    if versions:
        match, name = versions[0]
        minor = int(match["minor"])
        if minor > 3:
            raise NcciDataError(
                source.display,
                None,
                "version",
                f"version v{match['major']}{match['minor']} in {name!r} is no quarter (its last "
                "digit is the quarter less one, 0-3)",
            )
        version_quarter = Quarter(1994 + int(match["major"]), minor + 1)
        version = f"v{match['major']}{match['minor']}r{match['revision']}"
        revision = int(match["revision"])
        part = int(match["part"]) if match["part"] else None
        for other, other_name in versions[1:]:
            other_version = f"v{other['major']}{other['minor']}r{other['revision']}"
            if other_version != version:
                raise NcciDataError(
                    source.display,
                    None,
                    "version",
                    f"{name!r} is version {version} but {other_name!r} is {other_version}",
                )
    quarter = _agreed_quarter(source, version_quarter, f"version {version}")
    return FileIdentity(
        "ptp", setting, quarter, version, revision, part, quarter.start, quarter.end
    )


def _mue_identity(source: EditFile, setting: Setting) -> FileIdentity:
    effective: dt.date | None = None
    for name in (source.name, source.archive):
        match = _MUE_NAME.search(name) if name else None
        if match:
            try:
                effective = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                raise NcciDataError(
                    source.display, None, "effective date", f"{match[0]!r} names no real date"
                ) from None
            break
    quarter = _agreed_quarter(
        source,
        Quarter.of_date(effective) if effective else None,
        f"effective date {effective}",
    )
    start = effective or quarter.start
    return FileIdentity("mue", setting, quarter, None, 0, None, start, quarter.end)


def _agreed_quarter(source: EditFile, own: Quarter | None, own_words: str) -> Quarter:
    archive = _archive_quarter(source)
    if own and archive and own != archive:
        raise NcciDataError(
            source.display,
            None,
            "quarter",
            f"the archive {source.archive!r} is for {archive} but the file's {own_words} is for "
            f"{own}: wrong quarter",
        )
    quarter = own or archive
    if quarter is None:
        raise NcciDataError(
            source.display,
            None,
            "quarter",
            "cannot tell which quarter the file is for: keep CMS's file name (with its version "
            "vXYZrN, or MCR_MUE_..._Eff_MM-DD-YYYY)",
        )
    return quarter


class _Dates:
    """YYYYMMDD text to an int, checked once per distinct value (dates repeat across rows)."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.known: dict[str, int] = {}

    def read(self, text: str, number: int, field: str) -> int:
        value = self.known.get(text)
        if value is not None:
            return value
        try:
            if len(text) != 8 or not text.isdigit():
                raise ValueError
            dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            raise NcciDataError(
                self.display, number, field, f"{text!r} is not a date (YYYYMMDD)"
            ) from None
        value = int(text)
        self.known[text] = value
        return value


def _code(display: str, text: str, number: int, field: str) -> str:
    code = text.strip().upper()
    if isinstance(text, _Number) and len(code) < 5:
        code = code.zfill(5)  # 01916 held as the number 1916
    if not _CODE.fullmatch(code):
        raise NcciDataError(
            display,
            number,
            field,
            f"{text.strip()!r} is not a HCPCS/CPT code (5 letters or digits)",
        )
    return code


def _ptp_records(display: str, layout: Layout, rows: Iterator[_Row]) -> Iterator[PtpRecord]:
    columns = layout.columns
    c1, c2 = columns["column1"], columns["column2"]
    prior, eff, dele = columns["prior_1996"], columns["effective"], columns["deletion"]
    mod, why = columns["modifier"], columns["rationale"]
    width = max(columns.values()) + 1
    dates = _Dates(display)
    codes: set[str] = set()
    count = 0
    for number, cells in rows:
        if not cells[0].strip() and not "".join(cells).strip():
            continue  # a blank line
        if len(cells) < width:
            if len(cells) <= mod:
                raise NcciDataError(
                    display, number, "-", f"{len(cells)} fields where the PTP layout has {width}"
                )
            cells = cells + [""] * (width - len(cells))
        first, second = cells[c1], cells[c2]
        if first not in codes:
            first = _code(display, first, number, "Column 1")
            codes.add(first)
        if second not in codes:
            second = _code(display, second, number, "Column 2")
            codes.add(second)
        mark = cells[prior].strip()
        if mark not in ("", "*"):
            raise NcciDataError(
                display,
                number,
                "*=in existence prior to 1996",
                f"{mark!r} is neither '*' nor blank",
            )
        effective = dates.read(cells[eff].strip(), number, "Effective Date")
        deleted_text = cells[dele].strip()
        deletion = (
            None if deleted_text == "*" else dates.read(deleted_text, number, "Deletion Date")
        )
        indicator = _MODIFIER_INDICATORS.get(cells[mod].strip())
        if indicator is None:
            raise NcciDataError(
                display, number, "Modifier", f"{cells[mod].strip()!r} is not 0, 1 or 9"
            )
        count += 1
        yield first, second, int(mark == "*"), effective, deletion, indicator, cells[why].strip()
    if not count:
        raise NcciDataError(display, None, "-", "the PTP header is followed by no edit rows")


def _mue_records(display: str, layout: Layout, rows: Iterator[_Row]) -> Iterator[MueRecord]:
    columns = layout.columns
    code_at, value_at, mai_at, why = (
        columns["code"],
        columns["value"],
        columns["mai"],
        columns["rationale"],
    )
    width = max(columns.values()) + 1
    count = 0
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < width:
            raise NcciDataError(
                display, number, "-", f"{len(cells)} fields where the MUE layout has {width}"
            )
        code = _code(display, cells[code_at], number, "HCPCS/CPT Code")
        value_text = cells[value_at].strip()
        if not value_text.isdigit():
            raise NcciDataError(
                display, number, "MUE Values", f"{value_text!r} is not a whole number of units"
            )
        indicator_text = " ".join(cells[mai_at].split())
        if not indicator_text or indicator_text[0] not in "123":
            raise NcciDataError(
                display,
                number,
                "MUE Adjudication Indicator",
                f"{indicator_text!r} does not start with 1, 2 or 3",
            )
        count += 1
        yield (
            code,
            int(value_text),
            int(indicator_text[0]),
            indicator_text[1:].strip(),
            cells[why].strip(),
        )
    if not count:
        raise NcciDataError(display, None, "-", "the MUE header is followed by no code rows")
