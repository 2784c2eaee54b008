"""The NCCI database: where it lives, its schema, and opening it safely.

A SQLite file marked with this project's ``application_id`` and a ``user_version`` schema version,
so a foreign, newer, corrupt or non-SQLite file is recognised and refused, never overwritten.
Writers get one transaction (`writing`): a new database is built in a temporary file and renamed
into place only when everything is in; an existing one is changed in one transaction that a
failure rolls back. Readers open it read-only.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from vascular.ncci.errors import NcciDataError

__all__ = [
    "APPLICATION_ID",
    "DB_ENV_VAR",
    "SCHEMA_VERSION",
    "default_db_path",
    "open_read_only",
    "resolve_db_path",
    "writing",
]

APPLICATION_ID = 0x56434E43  # "VCNC": vascular coding, NCCI
SCHEMA_VERSION = 1
DB_ENV_VAR = "VASCULAR_NCCI_DB"
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE source_file (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,             -- the file's own name (the member's, inside an archive)
    archive TEXT,                   -- the zip archive it came in, or NULL for a bare file
    sha256 TEXT NOT NULL UNIQUE,    -- of the file's bytes: a second import of them is a no-op
    kind TEXT NOT NULL CHECK (kind IN ('ptp', 'mue')),
    setting TEXT NOT NULL CHECK (setting IN ('practitioner', 'outpatient', 'dme')),
    quarter TEXT NOT NULL,          -- 2026Q3
    version TEXT,                   -- PTP: v322r0; MUE: NULL
    revision INTEGER NOT NULL,      -- PTP: the r of the version; MUE: 0
    part INTEGER,                   -- PTP: the f of the name (1-4); MUE: NULL
    period_start TEXT NOT NULL,     -- first date of service it is for (ISO)
    period_end TEXT NOT NULL,       -- last date of service it is for (ISO)
    row_count INTEGER NOT NULL,
    imported_at TEXT NOT NULL       -- ISO, UTC
);
CREATE TABLE rationale (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE       -- as the file gives it (PTP edit or MUE rationale)
);
CREATE TABLE ptp_edit (
    file_id INTEGER NOT NULL,       -- source_file.id
    setting TEXT NOT NULL,
    column1 TEXT NOT NULL,
    column2 TEXT NOT NULL,
    prior_1996 INTEGER NOT NULL,    -- 1 when the file marks it '*' (in existence prior to 1996)
    effective INTEGER NOT NULL,     -- YYYYMMDD
    deletion INTEGER,               -- YYYYMMDD, or NULL for '*' (no deletion date)
    modifier_indicator INTEGER NOT NULL CHECK (modifier_indicator IN (0, 1, 9)),
    rationale_id INTEGER NOT NULL   -- rationale.id
);
CREATE TABLE mue (
    file_id INTEGER NOT NULL,
    setting TEXT NOT NULL,
    code TEXT NOT NULL,
    value INTEGER NOT NULL,         -- the MUE: units of service
    adjudication_indicator INTEGER NOT NULL CHECK (adjudication_indicator IN (1, 2, 3)),
    adjudication_text TEXT NOT NULL, -- the words after the indicator's digit, as in the file
    rationale_id INTEGER NOT NULL
);
CREATE VIEW loaded_quarter AS
    SELECT kind, setting, quarter, MIN(period_start) AS period_start,
           MAX(period_end) AS period_end, COUNT(*) AS files, SUM(row_count) AS rows,
           GROUP_CONCAT(DISTINCT version) AS versions
    FROM source_file GROUP BY kind, setting, quarter;
"""


_INDEXES = (  # built after a new database's rows are in: faster than keeping them up row by row
    "CREATE INDEX ptp_edit_pair ON ptp_edit (setting, column1, column2)",
    "CREATE INDEX ptp_edit_file ON ptp_edit (file_id)",
    "CREATE INDEX mue_code ON mue (setting, code)",
    "CREATE INDEX mue_file ON mue (file_id)",
)


def default_db_path() -> Path:
    """Where the database lives unless a path is given.

    ``$VASCULAR_NCCI_DB``, else ``$XDG_DATA_HOME/vascular-coding/ncci.sqlite3``, else the same under
    ``~/.local/share`` (an XDG_DATA_HOME that is not absolute is ignored, as the XDG spec says).
    """
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "vascular-coding" / "ncci.sqlite3"


def resolve_db_path(db_path: str | os.PathLike[str] | None) -> Path:
    """The database path: the one given, or the default."""
    return Path(db_path).expanduser() if db_path is not None else default_db_path()


def _refuse(path: Path, message: str) -> NcciDataError:
    return NcciDataError(str(path), None, "database", message)


def _check_is_ours(path: Path) -> None:
    """Raise unless `path` is an SQLite file with this project's marks and a known schema."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise _refuse(path, f"cannot read: {error.strerror or error}") from None
    if head != _SQLITE_MAGIC:
        raise _refuse(path, "not an SQLite database; refusing to use or overwrite it")
    try:
        with contextlib.closing(sqlite3.connect(_read_only_uri(path), uri=True)) as probe:
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
            user_version = probe.execute("PRAGMA user_version").fetchone()[0]
            probe.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as error:
        raise _refuse(path, f"a damaged SQLite database ({error}); refusing to use it") from None
    if application_id != APPLICATION_ID:
        raise _refuse(
            path,
            f"an SQLite database of another application (application_id {application_id:#x}, "
            f"not {APPLICATION_ID:#x}); refusing to use or overwrite it",
        )
    if user_version != SCHEMA_VERSION:
        raise _refuse(
            path,
            f"NCCI database schema version {user_version}; this version of vascular reads "
            f"{SCHEMA_VERSION}",
        )


def _read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open an existing NCCI database for reading only.

    Raises:
        NcciDataError: no file there, or not an NCCI database of this schema.
    """
    if not path.is_file():
        raise _refuse(path, "no NCCI database here; import CMS's files with 'vascular ncci import'")
    _check_is_ours(path)
    connection = sqlite3.connect(_read_only_uri(path), uri=True)
    connection.execute("PRAGMA query_only = 1")
    return connection


@contextlib.contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """One transaction on the database at `path`, created if absent; all of it or none of it.

    Raises:
        NcciDataError: the file there is not an NCCI database of this schema (it is left alone).
    """
    fresh = not path.exists() or path.stat().st_size == 0
    if not fresh:
        _check_is_ours(path)
    target = path
    if fresh:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _refuse(path, f"cannot create its folder: {error.strerror or error}") from None
        target = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        target.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(target, isolation_level=None)
    except sqlite3.Error as error:
        raise _refuse(path, f"cannot open: {error}") from None
    try:
        connection.execute("PRAGMA cache_size = -262144")  # 256 MiB for index building
        if fresh:
            connection.executescript(_SCHEMA)
        connection.execute("BEGIN IMMEDIATE")
        yield connection
        if fresh:
            for statement in _INDEXES:
                connection.execute(statement)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
        if fresh:
            target.unlink(missing_ok=True)
        raise
    connection.close()
    if fresh:
        os.replace(target, path)
