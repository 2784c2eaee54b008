"""Import CMS's NCCI edit files into the database, all of them or none.

`import_files` reads each path (a zip archive as CMS ships it, or a bare .txt, .csv or .xlsx file),
recognises each data file's layout, setting and quarter (`vascular.ncci.layouts`) and writes
everything in one transaction: an error anywhere leaves the database as it was. A file whose bytes
are already in the database is skipped and reported as such; a file for the same slot (kind,
setting, quarter, version, part) with other bytes replaces the one held.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vascular.ncci.database import resolve_db_path, writing
from vascular.ncci.errors import NcciDataError
from vascular.ncci.layouts import (
    EditFile,
    MueRecord,
    ParsedFile,
    PtpRecord,
    edit_files,
    parse_edit_file,
)

__all__ = ["ImportReport", "ImportedFile", "import_files"]

ImportStatus = Literal["imported", "already imported", "replaced"]


@dataclass(frozen=True)
class ImportedFile:
    """One data file an import read.

    Attributes:
        name: the file's own name (the member's, inside an archive).
        archive: the zip archive it came in, or ``None``.
        sha256: the hash of its bytes.
        kind: ``ptp`` or ``mue``; setting: ``practitioner``, ``outpatient`` or ``dme``.
        quarter: ``2026Q3``; version: ``v322r0`` (PTP) or ``None``; part: the PTP part or ``None``.
        period_start, period_end: the dates of service it is for.
        row_count: edits (PTP) or codes (MUE) it holds.
        status: ``imported``, ``already imported`` (a no-op) or ``replaced`` (it replaced another
            file for the same slot).
    """

    name: str
    archive: str | None
    sha256: str
    kind: str
    setting: str
    quarter: str
    version: str | None
    part: int | None
    period_start: dt.date
    period_end: dt.date
    row_count: int
    status: ImportStatus

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "name": self.name,
            "archive": self.archive,
            "sha256": self.sha256,
            "kind": self.kind,
            "setting": self.setting,
            "quarter": self.quarter,
            "version": self.version,
            "part": self.part,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "row_count": self.row_count,
            "status": self.status,
        }


@dataclass(frozen=True)
class ImportReport:
    """What an import did: each data file read, and each archive member skipped and why."""

    db_path: Path
    files: tuple[ImportedFile, ...]
    skipped: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        """Whether the database changed (some file was imported or replaced another)."""
        return any(f.status != "already imported" for f in self.files)

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict with its ``schema_version``."""
        return {
            "schema_version": 1,
            "db_path": str(self.db_path),
            "changed": self.changed,
            "files": [f.to_json() for f in self.files],
            "skipped": [{"name": name, "reason": reason} for name, reason in self.skipped],
        }

    def text(self) -> str:
        """One line per file, for people."""
        lines = []
        for f in self.files:
            version = f" {f.version}" if f.version else ""
            part = f" part f{f.part}" if f.part else ""
            lines.append(
                f"{f.status}: {f.name} ({f.kind.upper()} {f.setting} {f.quarter}{version}{part}, "
                f"{f.row_count:,} rows)"
            )
        lines += [f"skipped: {name} ({reason})" for name, reason in self.skipped]
        if not self.changed:
            lines.append(f"{self.db_path}: unchanged (every file was already imported)")
        else:
            lines.append(f"{self.db_path}: updated")
        return "\n".join(lines)


def import_files(
    paths: Iterable[str | os.PathLike[str]], db_path: str | os.PathLike[str] | None = None
) -> ImportReport:
    """Import CMS NCCI edit files into the database at `db_path` (default: `default_db_path`).

    Args:
        paths: zip archives as CMS ships them, or bare .txt (tab-delimited), .csv or .xlsx files.
        db_path: the database; created if absent.

    Returns:
        What was imported, already held, replaced and skipped.

    Raises:
        NcciDataError: any file unreadable or of a wrong layout (naming its file, line and
            field), or a database that is not this project's; nothing is written then.
    """
    target = resolve_db_path(db_path)
    sources = [Path(p) for p in paths]
    if not sources:
        raise NcciDataError(str(target), None, "files", "no files to import")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    files: list[ImportedFile] = []
    skipped: list[tuple[str, str]] = []
    try:
        with writing(target) as connection:
            writer = _Writer(connection, now)
            for source in sources:
                members, passed_over = edit_files(source)
                skipped += passed_over
                files += [writer.add(member) for member in members]
    except sqlite3.Error as error:
        raise NcciDataError(str(target), None, "database", f"cannot write: {error}") from None
    return ImportReport(target, tuple(files), tuple(skipped))


class _Writer:
    """Adds files to the database inside the caller's transaction."""

    def __init__(self, connection: sqlite3.Connection, now: str) -> None:
        self.connection = connection
        self.now = now
        self.rationales: dict[str, int] = {
            text: rid for rid, text in connection.execute("SELECT id, text FROM rationale")
        }
        self.new_rationales: list[tuple[int, str]] = []
        self.next_rationale = max(self.rationales.values(), default=0) + 1

    def add(self, source: EditFile) -> ImportedFile:
        digest = hashlib.sha256(source.data).hexdigest()
        held = self.connection.execute(
            "SELECT name, archive, kind, setting, quarter, version, part, period_start, "
            "period_end, row_count FROM source_file WHERE sha256 = ?",
            (digest,),
        ).fetchone()
        if held:
            return ImportedFile(
                source.name,
                source.archive,
                digest,
                held[2],
                held[3],
                held[4],
                held[5],
                held[6],
                dt.date.fromisoformat(held[7]),
                dt.date.fromisoformat(held[8]),
                held[9],
                "already imported",
            )
        parsed = parse_edit_file(source)
        identity = parsed.identity
        status: ImportStatus = "imported"
        if self._drop_slot(parsed):
            status = "replaced"
        cursor = self.connection.execute(
            "INSERT INTO source_file (name, archive, sha256, kind, setting, quarter, version, "
            "revision, part, period_start, period_end, row_count, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                source.name,
                source.archive,
                digest,
                identity.kind,
                identity.setting,
                str(identity.quarter),
                identity.version,
                identity.revision,
                identity.part,
                identity.period_start.isoformat(),
                identity.period_end.isoformat(),
                self.now,
            ),
        )
        file_id = cursor.lastrowid
        assert file_id is not None
        counter = [0]
        if identity.kind == "ptp":
            self.connection.executemany(
                "INSERT INTO ptp_edit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._ptp_rows(file_id, identity.setting, parsed.ptp_records, counter),
            )
        else:
            self.connection.executemany(
                "INSERT INTO mue VALUES (?, ?, ?, ?, ?, ?, ?)",
                self._mue_rows(file_id, identity.setting, parsed.mue_records, counter),
            )
        self.connection.executemany("INSERT INTO rationale VALUES (?, ?)", self.new_rationales)
        self.new_rationales.clear()
        self.connection.execute(
            "UPDATE source_file SET row_count = ? WHERE id = ?", (counter[0], file_id)
        )
        return ImportedFile(
            source.name,
            source.archive,
            digest,
            identity.kind,
            identity.setting,
            str(identity.quarter),
            identity.version,
            identity.part,
            identity.period_start,
            identity.period_end,
            counter[0],
            status,
        )

    def _drop_slot(self, parsed: ParsedFile) -> bool:
        """Remove a file held for the same slot as `parsed` (CMS re-issued it); whether one was."""
        identity = parsed.identity
        rows = self.connection.execute(
            "SELECT id FROM source_file WHERE kind = ? AND setting = ? AND quarter = ? "
            "AND version IS ? AND part IS ? AND period_start = ?",
            (
                identity.kind,
                identity.setting,
                str(identity.quarter),
                identity.version,
                identity.part,
                identity.period_start.isoformat(),
            ),
        ).fetchall()
        for (file_id,) in rows:
            self.connection.execute("DELETE FROM ptp_edit WHERE file_id = ?", (file_id,))
            self.connection.execute("DELETE FROM mue WHERE file_id = ?", (file_id,))
            self.connection.execute("DELETE FROM source_file WHERE id = ?", (file_id,))
        return bool(rows)

    def _rationale_id(self, text: str) -> int:
        rid = self.rationales.get(text)
        if rid is None:
            rid = self.next_rationale
            self.next_rationale += 1
            self.rationales[text] = rid
            self.new_rationales.append((rid, text))
        return rid

    def _ptp_rows(
        self, file_id: int, setting: str, records: Iterator[PtpRecord], counter: list[int]
    ) -> Iterator[tuple[object, ...]]:
        rationale = self._rationale_id
        for column1, column2, prior, effective, deletion, indicator, why in records:
            counter[0] += 1
            yield (
                file_id,
                setting,
                column1,
                column2,
                prior,
                effective,
                deletion,
                indicator,
                rationale(why),
            )

    def _mue_rows(
        self, file_id: int, setting: str, records: Iterator[MueRecord], counter: list[int]
    ) -> Iterator[tuple[object, ...]]:
        for code, value, indicator, words, why in records:
            counter[0] += 1
            yield file_id, setting, code, value, indicator, words, self._rationale_id(why)
