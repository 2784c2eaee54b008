"""The NCCI subpackage's errors: where the problem is (file, line, field) and what it is.

No I/O here. Both classes derive from `vascular.errors.VascularError`, so a front end's one
``except VascularError`` catches them; their fields survive pickling (a worker process can raise one
and the parent still reads ``file``, ``line`` and ``field``).
"""

from __future__ import annotations

from typing import Any

from vascular.errors import VascularError

__all__ = ["NcciClaimError", "NcciDataError", "NcciError"]


class NcciError(VascularError):
    """Base of the NCCI errors: a problem at ``file``, ``line``, ``field``, told by ``message``.

    Attributes:
        file: the file at fault (for a member of a zip archive, ``archive.zip!member.txt``), the
            database path, or ``claim`` for the lines given to a check.
        line: the 1-based line (text, CSV) or row (spreadsheet) at fault, or the claim line's
            1-based position; ``None`` when the problem concerns the whole file.
        field: the column or part at fault (``Column 1``, ``header``, ``archive``), or ``-``.
        message: what is wrong, in words a person can act on.
    """

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        """Keep the structured fields and build one readable message from them."""
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = [file] + ([f"line {line}"] if line is not None else []) + [field]
        super().__init__(": ".join([*where, message]))

    def to_json(self) -> dict[str, Any]:
        """The fields as a JSON-ready dict."""
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class NcciDataError(NcciError):
    """An NCCI file or database that cannot be used: wrong layout, damaged, foreign, unreadable."""


class NcciClaimError(NcciError):
    """Claim lines, a date of service or a setting given to a check that cannot be checked."""
