"""A learner's progress file: every finished session with its answers, kept per user.

Does file I/O (this module only, in the trainer). The file is JSON, written atomically (a
temporary file in the same folder, then a rename). A file that is damaged, or of another format
or version, is never overwritten: it is moved aside (``progress.json.damaged-<time>``) and the
caller is told where. Results export as CSV or JSON rows for a learning platform.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vascular.replacing import write_replacing
from vascular.training.errors import ProgressFileError
from vascular.training.session import QuizSession

__all__ = [
    "EXPORT_COLUMNS",
    "PROGRESS_FORMAT",
    "PROGRESS_VERSION",
    "ProgressFile",
    "default_progress_path",
    "export_csv",
    "session_record",
]

PROGRESS_FORMAT = "vascular-training-progress"
PROGRESS_VERSION = 1
_ENV = "VASCULAR_PROGRESS_FILE"
EXPORT_COLUMNS = (
    "finished",
    "level",
    "seed",
    "mode",
    "question",
    "kind",
    "correct",
    "given",
    "expected",
)
"""The columns of an exported row, in order."""


def default_progress_path() -> Path:
    """$VASCULAR_PROGRESS_FILE, else ``$XDG_DATA_HOME/vascular-coding/training-progress.json``."""
    override = os.environ.get(_ENV)
    if override:
        return Path(override)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "vascular-coding" / "training-progress.json"


def session_record(session: QuizSession, finished: datetime | None = None) -> dict[str, Any]:
    """A finished (or stopped) session as the progress file keeps it."""
    key = session.exercises.key
    when = (finished or datetime.now(UTC)).isoformat(timespec="seconds")
    return {
        "finished": when,
        "level": key.level,
        "seed": key.seed,
        "count": key.count,
        "kinds": list(key.kinds),
        "access": key.access,
        "mode": session.mode,
        "summary": session.summary().to_json(),
        "answers": [
            {
                "question": v.question,
                "kind": v.kind,
                "correct": v.correct,
                "given": v.given,
                "expected": v.expected,
            }
            for v in session.verdicts
        ],
    }


class ProgressFile:
    """The progress file at `path` (default: `default_progress_path()`)."""

    def __init__(self, path: Path | None = None) -> None:
        """Point at the file; nothing is read until asked."""
        self.path = Path(path) if path else default_progress_path()

    def sessions(self) -> tuple[list[dict[str, Any]], str | None]:
        """The sessions kept, and a notice when a bad file had to be moved aside.

        Raises:
            ProgressFileError: the file exists but cannot be read or moved aside.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return [], None
        except OSError as error:
            raise ProgressFileError(
                f"cannot read the progress file {self.path}: {error.strerror}"
            ) from None
        problem = _problem(raw)
        if problem is None:
            return list(json.loads(raw)["sessions"]), None
        aside = self._move_aside()
        return [], (
            f"the progress file {self.path} {problem}; it was kept as {aside} and a new one "
            "is started"
        )

    def add(self, record: dict[str, Any]) -> str | None:
        """Append one session and write the file atomically; returns a notice, as `sessions`.

        Raises:
            ProgressFileError: the file cannot be written.
        """
        sessions, notice = self.sessions()
        sessions.append(record)
        data = {"format": PROGRESS_FORMAT, "schema_version": PROGRESS_VERSION, "sessions": sessions}
        self._write(json.dumps(data, indent=1) + "\n")
        return notice

    def rows(self) -> tuple[list[dict[str, Any]], str | None]:
        """Every answer kept, one row each (`EXPORT_COLUMNS`), and any notice."""
        sessions, notice = self.sessions()
        rows = [
            {
                "finished": session.get("finished", ""),
                "level": session.get("level", ""),
                "seed": session.get("seed", ""),
                "mode": session.get("mode", ""),
                **{k: answer.get(k, "") for k in EXPORT_COLUMNS[4:]},
            }
            for session in sessions
            for answer in session.get("answers", ())
        ]
        return rows, notice

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        for attempt in range(100):
            suffix = f".damaged-{stamp}" + (f"-{attempt}" if attempt else "")
            aside = self.path.with_name(self.path.name + suffix)
            if not aside.exists():
                try:
                    self.path.rename(aside)
                except OSError as error:
                    raise ProgressFileError(
                        f"the progress file {self.path} is damaged and cannot be moved aside: "
                        f"{error.strerror}"
                    ) from None
                return aside
        raise ProgressFileError(f"too many damaged progress files beside {self.path}")

    def _write(self, text: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_replacing(self.path, text)
        except OSError as error:
            raise ProgressFileError(
                f"cannot write the progress file {self.path}: {error.strerror or error}"
            ) from None


def _problem(raw: bytes) -> str | None:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return f"is damaged (not JSON: {error})"
    if not isinstance(data, dict) or data.get("format") != PROGRESS_FORMAT:
        return "is not a progress file of this program"
    if data.get("schema_version") != PROGRESS_VERSION:
        return (
            f"is of version {data.get('schema_version')!r} (this program reads {PROGRESS_VERSION})"
        )
    sessions = data.get("sessions")
    if not isinstance(sessions, list) or not all(isinstance(s, dict) for s in sessions):
        return "is damaged (its sessions are not a list of records)"
    return None


def export_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text with a header (`EXPORT_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
