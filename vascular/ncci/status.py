"""What an NCCI database holds: its files and the quarters they cover (`vascular ncci status`)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vascular.ncci.database import SCHEMA_VERSION, open_read_only, resolve_db_path

__all__ = ["LoadedFile", "LoadedQuarter", "NcciStatus", "ncci_status"]


@dataclass(frozen=True)
class LoadedFile:
    """One imported file, as the database records it."""

    name: str
    archive: str | None
    sha256: str
    kind: str
    setting: str
    quarter: str
    version: str | None
    part: int | None
    period_start: str
    period_end: str
    row_count: int
    imported_at: str

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class LoadedQuarter:
    """One quarter of one kind of edit for one setting, with the files that make it up."""

    kind: str
    setting: str
    quarter: str
    period_start: str
    period_end: str
    files: int
    rows: int
    versions: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {**self.__dict__, "versions": list(self.versions)}


@dataclass(frozen=True)
class NcciStatus:
    """What the database at `path` holds; `exists` is false when there is none yet."""

    path: Path
    exists: bool
    files: tuple[LoadedFile, ...]
    quarters: tuple[LoadedQuarter, ...]

    def to_json(self) -> dict[str, Any]:
        """As a JSON-ready dict with its ``schema_version``."""
        return {
            "schema_version": 1,
            "db_path": str(self.path),
            "exists": self.exists,
            "db_schema_version": SCHEMA_VERSION if self.exists else None,
            "quarters": [q.to_json() for q in self.quarters],
            "files": [f.to_json() for f in self.files],
        }

    def text(self) -> str:
        """The quarters held, for people."""
        if not self.exists:
            return (
                f"{self.path}: no NCCI database yet (import CMS files with 'vascular ncci import')"
            )
        if not self.quarters:
            return f"{self.path}: no NCCI data loaded"
        lines = [f"{self.path}:"]
        for q in self.quarters:
            versions = f" {', '.join(q.versions)}" if q.versions else ""
            lines.append(
                f"  {q.kind.upper()} {q.setting:<12} {q.quarter}{versions}  "
                f"{q.period_start} to {q.period_end}  {q.files} file(s), {q.rows:,} rows"
            )
        return "\n".join(lines)


def ncci_status(db_path: str | os.PathLike[str] | None = None) -> NcciStatus:
    """What the NCCI database at `db_path` (default: `default_db_path`) holds.

    Raises:
        NcciDataError: a file there that is not an NCCI database of this schema.
    """
    path = resolve_db_path(db_path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return NcciStatus(path, False, (), ())
    with contextlib.closing(open_read_only(path)) as connection:
        files = tuple(
            LoadedFile(*row)
            for row in connection.execute(
                "SELECT name, archive, sha256, kind, setting, quarter, version, part, "
                "period_start, period_end, row_count, imported_at FROM source_file "
                "ORDER BY kind, setting, quarter, version, part, name"
            )
        )
        quarters = tuple(
            LoadedQuarter(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                tuple(row[7].split(",")) if row[7] else (),
            )
            for row in connection.execute(
                "SELECT kind, setting, quarter, period_start, period_end, files, rows, versions "
                "FROM loaded_quarter ORDER BY kind, setting, quarter"
            )
        )
    return NcciStatus(path, True, files, quarters)
