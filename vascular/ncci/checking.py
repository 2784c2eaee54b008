"""Check a claim's lines against the loaded NCCI edits for one date of service and setting.

`NcciEdits` opens the database read-only; `check` returns an `NcciCheck`: the PTP and MUE hits,
each with the edit as the file gives it and what it means for these lines, and a coverage
statement per kind of edit. A date no loaded quarter covers is said plainly ("no NCCI data loaded
for DATE (setting)"); it is never a clean claim.

When an edit is in force (docs/ncci.md, "Dates"): a PTP edit applies on a date of service from its
effective date through its deletion date, both included (the deletion date is read as the last day
the edit applies); a file applies to the dates of its quarter; an MUE file from its effective date
to the end of its quarter.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vascular.ncci.database import open_read_only, resolve_db_path
from vascular.ncci.errors import NcciClaimError
from vascular.ncci.semantics import MUE_INDICATOR_MEANINGS, PTP_INDICATOR_MEANINGS, bypass_modifiers

__all__ = [
    "CHECK_SCHEMA_VERSION",
    "ClaimLine",
    "Coverage",
    "MueHit",
    "NcciCheck",
    "NcciEdits",
    "PtpHit",
    "SourceFile",
]

CHECK_SCHEMA_VERSION = 1
CheckSetting = Literal["practitioner", "outpatient"]
ClaimLine = tuple[str, Sequence[str], int]
"""A claim line as a check takes it: code (5 characters, no '+'), modifiers, units."""

_CODE = re.compile(r"[0-9A-Z]{5}")
_SETTINGS = ("practitioner", "outpatient")
_ROWS_KEPT = 20_000
"""How many look-ups' rows an open database keeps (claims repeat the same codes)."""


@dataclass(frozen=True)
class SourceFile:
    """The loaded file an edit came from."""

    name: str
    archive: str | None
    quarter: str
    version: str | None

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "name": self.name,
            "archive": self.archive,
            "quarter": self.quarter,
            "version": self.version,
        }


@dataclass(frozen=True)
class PtpHit:
    """A procedure-to-procedure edit in force between two codes of the claim, for one column-2 line.

    Attributes:
        column1: the column 1 code (the one eligible for payment).
        column2: the column 2 code (the one the edit denies).
        column1_lines: 0-based positions of the claim lines carrying the column 1 code.
        column2_line: 0-based position of the column 2 line this hit is about.
        modifier_indicator: 0, 1 or 9, as the file gives it.
        indicator_meaning: what the indicator means.
        bypass_modifiers: the column 2 line's modifiers that bypass the edit (indicator 1 only).
        outcome: ``denied`` (the column 2 line is not paid), ``bypassed`` (indicator 1 and a
            bypassing modifier is on the column 2 line) or ``not_applicable`` (indicator 9).
        effective: the edit's effective date; deletion: its deletion date, or ``None``.
        prior_1996: whether the file marks the edit as in existence prior to 1996.
        rationale: the PTP edit rationale as the file gives it.
        source: the file it came from.
    """

    column1: str
    column2: str
    column1_lines: tuple[int, ...]
    column2_line: int
    modifier_indicator: int
    indicator_meaning: str
    bypass_modifiers: tuple[str, ...]
    outcome: Literal["denied", "bypassed", "not_applicable"]
    effective: dt.date
    deletion: dt.date | None
    prior_1996: bool
    rationale: str
    source: SourceFile
    kind: Literal["ptp"] = "ptp"

    @property
    def is_problem(self) -> bool:
        """Whether the edit denies a line of this claim."""
        return self.outcome == "denied"

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "kind": self.kind,
            "column1": self.column1,
            "column2": self.column2,
            "column1_lines": list(self.column1_lines),
            "column2_line": self.column2_line,
            "modifier_indicator": self.modifier_indicator,
            "indicator_meaning": self.indicator_meaning,
            "bypass_modifiers": list(self.bypass_modifiers),
            "outcome": self.outcome,
            "effective": self.effective.isoformat(),
            "deletion": self.deletion.isoformat() if self.deletion else None,
            "prior_1996": self.prior_1996,
            "rationale": self.rationale,
            "source": self.source.to_json(),
        }

    def text(self) -> str:
        """One line for people."""
        how = {
            "denied": "denied",
            "bypassed": f"bypassed by {', '.join(self.bypass_modifiers)}",
            "not_applicable": "not applicable",
        }[self.outcome]
        return (
            f"PTP {self.column1}/{self.column2} (indicator {self.modifier_indicator}): "
            f"line {self.column2_line + 1} {self.column2} {how}; {self.rationale or 'no rationale'}"
        )


@dataclass(frozen=True)
class MueHit:
    """The medically unlikely edit of one code on the claim, against the units claimed.

    Attributes:
        code: the code.
        lines: 0-based positions of the claim lines carrying it.
        line_units: the units on each of those lines.
        units_claimed: the units summed over those lines.
        mue_value: the MUE (the most units of service CMS expects for the code).
        adjudication_indicator: 1 (line), 2 (date of service, policy) or 3 (date of service,
            clinical).
        indicator_text: the indicator's words as the file gives them.
        indicator_meaning: what the indicator means.
        exceeded: whether the claim is over the MUE: a line above it for indicator 1, the day's
            sum above it for 2 and 3.
        units_over: the units above the MUE (the largest line's excess for indicator 1).
        rationale: the MUE rationale as the file gives it.
        source: the file it came from.
    """

    code: str
    lines: tuple[int, ...]
    line_units: tuple[int, ...]
    units_claimed: int
    mue_value: int
    adjudication_indicator: int
    indicator_text: str
    indicator_meaning: str
    exceeded: bool
    units_over: int
    rationale: str
    source: SourceFile
    kind: Literal["mue"] = "mue"

    @property
    def is_problem(self) -> bool:
        """Whether the claim's units are over the MUE."""
        return self.exceeded

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "kind": self.kind,
            "code": self.code,
            "lines": list(self.lines),
            "line_units": list(self.line_units),
            "units_claimed": self.units_claimed,
            "mue_value": self.mue_value,
            "adjudication_indicator": self.adjudication_indicator,
            "indicator_text": self.indicator_text,
            "indicator_meaning": self.indicator_meaning,
            "exceeded": self.exceeded,
            "units_over": self.units_over,
            "rationale": self.rationale,
            "source": self.source.to_json(),
        }

    def text(self) -> str:
        """One line for people."""
        verdict = f"over by {self.units_over}" if self.exceeded else "within"
        return (
            f"MUE {self.code}: {self.units_claimed} units claimed, MUE {self.mue_value} "
            f"(indicator {self.adjudication_indicator}): {verdict}"
        )


@dataclass(frozen=True)
class Coverage:
    """Which loaded quarter answers for one kind of edit on the date and setting, if any.

    Attributes:
        kind: ``ptp`` or ``mue``.
        setting: ``practitioner`` or ``outpatient``.
        date_of_service: the date checked.
        quarter: the loaded quarter that covers the date, or ``None`` when none does.
        version: the PTP version used (the highest revision loaded for the quarter), or ``None``.
        parts: the PTP parts loaded for it (CMS ships the practitioner and hospital PTP tables in
            parts f1-f4, by code range); empty for MUE.
        files: the names of the files used.
        statement: the coverage in words.
    """

    kind: Literal["ptp", "mue"]
    setting: str
    date_of_service: dt.date
    quarter: str | None
    version: str | None
    parts: tuple[int, ...]
    files: tuple[str, ...]
    statement: str

    @property
    def covered(self) -> bool:
        """Whether some loaded quarter covers the date."""
        return self.quarter is not None

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "kind": self.kind,
            "setting": self.setting,
            "date_of_service": self.date_of_service.isoformat(),
            "covered": self.covered,
            "quarter": self.quarter,
            "version": self.version,
            "parts": list(self.parts),
            "files": list(self.files),
            "statement": self.statement,
        }


@dataclass(frozen=True)
class NcciCheck:
    """The result of checking a claim: hits, problems and coverage.

    A claim with no problems is clean only where `covered` is true: with no data loaded for the
    date, no hits means nothing was checked, not that nothing applies.
    """

    date_of_service: dt.date
    setting: str
    lines: tuple[tuple[str, tuple[str, ...], int], ...]
    hits: tuple[PtpHit | MueHit, ...]
    ptp_coverage: Coverage
    mue_coverage: Coverage

    @property
    def problems(self) -> tuple[PtpHit | MueHit, ...]:
        """The hits that deny something: PTP edits not bypassed, MUEs exceeded."""
        return tuple(hit for hit in self.hits if hit.is_problem)

    @property
    def covered(self) -> bool:
        """Whether both PTP and MUE data are loaded for the date and setting."""
        return self.ptp_coverage.covered and self.mue_coverage.covered

    @property
    def loaded(self) -> bool:
        """Whether some edits (PTP or MUE) are loaded for the date and setting."""
        return self.ptp_coverage.covered or self.mue_coverage.covered

    @property
    def statement(self) -> str:
        """The coverage in words: which quarters answered, or what was not loaded."""
        if not self.loaded:
            return f"no NCCI data loaded for {self.date_of_service} ({self.setting})"
        return "; ".join([self.ptp_coverage.statement, self.mue_coverage.statement])

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict with its ``schema_version``."""
        return {
            "schema_version": CHECK_SCHEMA_VERSION,
            "date_of_service": self.date_of_service.isoformat(),
            "setting": self.setting,
            "lines": [
                {"code": code, "modifiers": list(mods), "units": units}
                for code, mods, units in self.lines
            ],
            "covered": self.covered,
            "statement": self.statement,
            "coverage": [self.ptp_coverage.to_json(), self.mue_coverage.to_json()],
            "hits": [hit.to_json() for hit in self.hits],
            "problems": len(self.problems),
        }


class NcciEdits:
    """The NCCI edits of a database, opened read-only; use as a context manager or `close` it."""

    def __init__(self, db_path: str | os.PathLike[str] | None = None) -> None:
        """Open the database at `db_path` (default: `default_db_path`).

        Raises:
            NcciDataError: no database there, or not an NCCI database of this schema.
        """
        self.path: Path = resolve_db_path(db_path)
        self._connection = open_read_only(self.path)
        self._coverages: dict[tuple[str, str, dt.date], tuple[dict[int, SourceFile], Coverage]] = {}
        """Coverage per (kind, setting, day): the database is read-only while open."""
        self._rows: dict[tuple[Any, ...], list[Any]] = {}
        """The rows of each PTP and MUE look-up, by query and parameters (bounded)."""

    def close(self) -> None:
        """Close the database."""
        self._connection.close()

    def __enter__(self) -> NcciEdits:
        """Use as a context manager."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on leaving."""
        self.close()

    def check(
        self,
        lines: Iterable[ClaimLine],
        date_of_service: dt.date | str,
        setting: str,
    ) -> NcciCheck:
        """Check claim lines of one date of service against the edits in force then.

        Args:
            lines: ``(code, modifiers, units)`` per line; codes as 5-character strings without
                '+', modifiers in claim order.
            date_of_service: a date, or ISO ``YYYY-MM-DD``.
            setting: ``practitioner`` or ``outpatient`` (hospital).

        Raises:
            NcciClaimError: a malformed line, date or setting.
        """
        claim = _claim_lines(lines)
        day = _date(date_of_service)
        if setting not in _SETTINGS:
            raise NcciClaimError(
                "claim", None, "setting", f"{setting!r} is not 'practitioner' or 'outpatient'"
            )
        ptp_files, ptp_coverage = self._coverage("ptp", setting, day)
        mue_files, mue_coverage = self._coverage("mue", setting, day)
        hits: list[PtpHit | MueHit] = []
        hits += self._ptp_hits(claim, day, setting, ptp_files)
        hits += self._mue_hits(claim, setting, mue_files)
        return NcciCheck(day, setting, claim, tuple(hits), ptp_coverage, mue_coverage)

    def _coverage(
        self, kind: Literal["ptp", "mue"], setting: str, day: dt.date
    ) -> tuple[dict[int, SourceFile], Coverage]:
        key = (kind, setting, day)
        found = self._coverages.get(key)
        if found is None:
            found = self._coverages[key] = self._look_up_coverage(kind, setting, day)
        return found

    def _look_up_coverage(
        self, kind: Literal["ptp", "mue"], setting: str, day: dt.date
    ) -> tuple[dict[int, SourceFile], Coverage]:
        rows = self._connection.execute(
            "SELECT id, name, archive, quarter, version, revision, part, period_start "
            "FROM source_file WHERE kind = ? AND setting = ? AND period_start <= ? "
            "AND ? <= period_end ORDER BY revision, period_start, part",
            (kind, setting, day.isoformat(), day.isoformat()),
        ).fetchall()
        if not rows:
            words = f"no NCCI {kind.upper()} data loaded for {day} ({setting})"
            return {}, Coverage(kind, setting, day, None, None, (), (), words)
        if kind == "ptp":  # the highest revision of the quarter, all its parts
            best = max(row[5] for row in rows)
            chosen = [row for row in rows if row[5] == best]
        else:  # the latest MUE file in force on the day
            latest = max(row[7] for row in rows)
            chosen = [row for row in rows if row[7] == latest]
        files = {row[0]: SourceFile(row[1], row[2], row[3], row[4]) for row in chosen}
        quarter = chosen[0][3]
        version = chosen[0][4]
        parts = tuple(sorted(row[6] for row in chosen if row[6] is not None))
        if kind == "ptp":
            part_words = f", parts {', '.join(f'f{p}' for p in parts)}" if parts else ""
            words = f"PTP: {setting} {quarter} ({version}{part_words})"
        else:
            words = f"MUE: {setting} {quarter} (effective {chosen[0][7]})"
        names = tuple(row[1] for row in chosen)
        return files, Coverage(kind, setting, day, quarter, version, parts, names, words)

    def _ptp_hits(
        self,
        claim: tuple[tuple[str, tuple[str, ...], int], ...],
        day: dt.date,
        setting: str,
        files: dict[int, SourceFile],
    ) -> list[PtpHit]:
        codes = sorted({code for code, _, _ in claim})
        if len(codes) < 2 or not files:
            return []
        code_marks = ", ".join("?" * len(codes))
        file_marks = ", ".join("?" * len(files))
        stamp = int(day.strftime("%Y%m%d"))
        rows = self._rows_of(
            "SELECT e.column1, e.column2, e.prior_1996, e.effective, e.deletion, "
            "e.modifier_indicator, r.text, e.file_id FROM ptp_edit e "
            "JOIN rationale r ON r.id = e.rationale_id "
            f"WHERE e.setting = ? AND e.column1 IN ({code_marks}) "
            f"AND e.column2 IN ({code_marks}) AND e.file_id IN ({file_marks}) "
            "AND e.effective <= ? AND (e.deletion IS NULL OR e.deletion >= ?) "
            "ORDER BY e.column1, e.column2, e.effective",
            (setting, *codes, *codes, *files, stamp, stamp),
        )
        hits = []
        for column1, column2, prior, effective, deletion, indicator, why, file_id in rows:
            if column1 == column2:
                continue
            first_lines = tuple(i for i, line in enumerate(claim) if line[0] == column1)
            first_modifiers = [claim[i][1] for i in first_lines]
            for index, (code, modifiers, _) in enumerate(claim):
                if code != column2:
                    continue
                bypass = bypass_modifiers(modifiers, first_modifiers) if indicator == 1 else ()
                outcome: Literal["denied", "bypassed", "not_applicable"] = (
                    "not_applicable" if indicator == 9 else "bypassed" if bypass else "denied"
                )
                hits.append(
                    PtpHit(
                        column1,
                        column2,
                        first_lines,
                        index,
                        indicator,
                        PTP_INDICATOR_MEANINGS[indicator],
                        bypass,
                        outcome,
                        _from_stamp(effective),
                        _from_stamp(deletion) if deletion is not None else None,
                        bool(prior),
                        why,
                        files[file_id],
                    )
                )
        return hits

    def _rows_of(self, query: str, parameters: tuple[Any, ...]) -> list[Any]:
        """The rows of a look-up, kept by query and parameters (read-only while open; bounded)."""
        key = (query, parameters)
        rows = self._rows.get(key)
        if rows is None:
            rows = self._connection.execute(query, parameters).fetchall()
            if len(self._rows) >= _ROWS_KEPT:
                self._rows.clear()
            self._rows[key] = rows
        return rows

    def _mue_hits(
        self,
        claim: tuple[tuple[str, tuple[str, ...], int], ...],
        setting: str,
        files: dict[int, SourceFile],
    ) -> list[MueHit]:
        codes = sorted({code for code, _, _ in claim})
        if not files:
            return []
        code_marks = ", ".join("?" * len(codes))
        file_marks = ", ".join("?" * len(files))
        rows = self._rows_of(
            "SELECT m.code, m.value, m.adjudication_indicator, m.adjudication_text, r.text, "
            "m.file_id FROM mue m JOIN rationale r ON r.id = m.rationale_id "
            f"WHERE m.setting = ? AND m.code IN ({code_marks}) AND m.file_id IN ({file_marks}) "
            "ORDER BY m.code",
            (setting, *codes, *files),
        )
        hits = []
        for code, value, indicator, words, why, file_id in rows:
            lines = tuple(i for i, line in enumerate(claim) if line[0] == code)
            units = tuple(claim[i][2] for i in lines)
            total = sum(units)
            over = max(units) - value if indicator == 1 else total - value
            hits.append(
                MueHit(
                    code,
                    lines,
                    units,
                    total,
                    value,
                    indicator,
                    words,
                    MUE_INDICATOR_MEANINGS[indicator],
                    over > 0,
                    max(over, 0),
                    why,
                    files[file_id],
                )
            )
        return hits


def _from_stamp(stamp: int) -> dt.date:
    return dt.date(stamp // 10000, stamp // 100 % 100, stamp % 100)


def _date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise NcciClaimError(
            "claim", None, "date_of_service", f"{value!r} is not a date (YYYY-MM-DD)"
        ) from None


def _claim_lines(lines: Iterable[ClaimLine]) -> tuple[tuple[str, tuple[str, ...], int], ...]:
    claim = []
    for number, line in enumerate(lines, start=1):
        try:
            code, modifiers, units = line
        except (TypeError, ValueError):
            raise NcciClaimError(
                "claim", number, "-", "a claim line is (code, modifiers, units)"
            ) from None
        text = str(code).strip().upper()
        if not _CODE.fullmatch(text):
            raise NcciClaimError(
                "claim",
                number,
                "code",
                f"{code!r} is not a HCPCS/CPT code: 5 letters or digits, without '+'",
            )
        if isinstance(modifiers, str):
            modifiers = [modifiers] if modifiers else []
        mods = tuple(str(m).strip().upper() for m in modifiers if str(m).strip())
        if isinstance(units, bool) or not isinstance(units, int) or units < 1:
            raise NcciClaimError("claim", number, "units", f"{units!r} is not a whole number >= 1")
        claim.append((text, mods, units))
    if not claim:
        raise NcciClaimError("claim", None, "lines", "no claim lines to check")
    return tuple(claim)
