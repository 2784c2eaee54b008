"""The NCCI check of the case on screen: the warnings under the claim lines and in the reasoning.

Textual-free. `ClaimWatch` keeps the window's `vascular.ClaimChecker` on the NCCI database
(`vascular ncci import` fills it; `--ncci-db` or ``$VASCULAR_NCCI_DB`` names another). The
database is looked at again at every check: one imported or re-imported while the app runs is read
at the next change, without a restart, and one that cannot be read is said in the panel, never
raised. `ClaimShown` is what the panels show of one check: the summary under the claim lines, the
lines an edit denies, and each line's hits for the reasoning panel.

Without a database the app says so on each line's reasoning ("no edits loaded"), never as a clean
claim; the summary under the claim lines appears only once a database is there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vascular import (
    Case,
    ClaimChecker,
    ClaimNcci,
    CodingResult,
    NcciSettings,
    VascularError,
    hit_words,
    ncci_db_path,
)

if TYPE_CHECKING:  # the hits' types, for annotations only (the app uses `vascular`'s exports)
    from vascular.ncci import MueHit, PtpHit

__all__ = ["ClaimShown", "ClaimWatch", "claim_codes_text", "read_claim_codes"]

_TYPED_CODE = re.compile(
    r"\+?(?P<code>[0-9A-Za-z]{5})(?P<modifiers>(?:-[0-9A-Za-z]{2})*)(?:[xX](?P<units>\d{1,3}))?"
)
"""A claim code as typed: CODE, -MODIFIER per modifier, then xUNITS (75726-26, 36248x2)."""

_NO_DATABASE = "NCCI: no edits loaded ('vascular ncci import' reads CMS's files)"
_NO_DATE = "NCCI: not checked: the case has no date of service (set it in the settings, F2)"


@dataclass(frozen=True)
class ClaimShown:
    """What the panels show of one NCCI check (nothing coded: the empty default)."""

    claim: ClaimNcci | None = None
    """The check, when the case coded and a database is there."""
    why_not: str = _NO_DATABASE
    """Why the claim was not checked (no database, one that cannot be read, no date)."""
    database: bool = False
    """Whether a database is there (the summary under the claim lines shows only then)."""

    @property
    def marked(self) -> frozenset[int]:
        """The claim lines (0-based) an edit denies: a PTP column 2 line, units over an MUE."""
        problems = self.claim.problems if self.claim is not None else ()
        return frozenset(
            line
            for hit in problems
            for line in ((hit.column2_line,) if hit.kind == "ptp" else hit.lines)
        )

    @property
    def summary(self) -> str:
        """The line under the claim lines: what was checked and what it found ('' without a DB)."""
        if not self.database:
            return ""
        claim = self.claim
        if claim is None or not claim.checked:
            return self.why_not if claim is None else f"NCCI: {claim.statement}"
        where = f"{claim.date_of_service}, {claim.setting}"
        if not claim.loaded:
            return f"NCCI ({where}): not checked: {claim.statement}"
        problems = claim.problems
        if problems:
            count = "1 edit denies" if len(problems) == 1 else f"{len(problems)} edits deny"
            first = _short(claim, problems[0])
            more = "; select a marked line (⚠) for each edit" if len(problems) > 1 else ""
            return f"NCCI ({where}) ⚠ {count} a line: {first}{more}"
        bypassed = [hit for hit in claim.hits if hit.kind == "ptp" and hit.outcome == "bypassed"]
        said = f"NCCI ({where}): no edit denies a line"
        if bypassed:
            said += f"; {len(bypassed)} PTP edit{'s' if len(bypassed) > 1 else ''} bypassed"
        if not claim.covered:
            said += f" ({claim.statement})"
        return said

    @property
    def warning(self) -> bool:
        """Whether the summary warns (an edit denies a line, or the check could not be made)."""
        if self.claim is None or not self.claim.checked:
            return self.database
        return bool(self.claim.problems) or not self.claim.covered

    def line_reasons(self, line: int) -> list[str]:
        """The NCCI bullets for claim line `line` in the reasoning panel."""
        claim = self.claim
        if claim is None:
            return [self.why_not]
        if not claim.checked:
            return [f"NCCI: {claim.statement}"]
        if not claim.loaded:
            return [f"NCCI: not checked: {claim.statement}"]
        hits = claim.hits_on(line)
        if not hits:
            return [f"NCCI: no edit involves this line ({claim.statement})"]
        return [("NCCI ⚠ " if hit.is_problem else "NCCI: ") + hit_words(claim, hit) for hit in hits]


def _short(claim: ClaimNcci, hit: PtpHit | MueHit) -> str:
    if hit.kind == "ptp":
        return (
            f"{hit.column2} ({claim.line_name(hit.column2_line)}) is the column 2 code of "
            f"{hit.column1} (modifier indicator {hit.modifier_indicator})"
        )
    return f"{hit.code}: {hit.units_claimed} units against an MUE of {hit.mue_value}"


class ClaimWatch:
    """The NCCI database of one window, opened when it appears and again when it changes."""

    def __init__(self, db: Path | None = None) -> None:
        """Watch `db` (None: the default path, `vascular.ncci.default_db_path`)."""
        self._db = db
        self._checker: ClaimChecker | None = None
        self._stamp: tuple[int, int] | None = None
        self._error = ""

    @property
    def path(self) -> Path:
        """The database path watched."""
        return ncci_db_path(os.fspath(self._db) if self._db is not None else None)

    def check(self, case: Case, result: CodingResult | None) -> ClaimShown:
        """The NCCI check of the coded case (never raises: a problem is said in the panel)."""
        database = self._open()
        if not database:
            return ClaimShown()
        if self._checker is None:
            return ClaimShown(why_not=f"NCCI: {self._error}", database=True)
        if result is None:
            return ClaimShown(why_not="NCCI: nothing coded yet", database=True)
        if case.date_of_service is None:
            return ClaimShown(why_not=_NO_DATE, database=True)
        try:
            claim = self._checker.claim(result, case)
        except VascularError as error:
            return ClaimShown(why_not=f"NCCI: not checked: {error}", database=True)
        return ClaimShown(claim, database=True)

    def close(self) -> None:
        """Close the database."""
        if self._checker is not None:
            self._checker.close()
        self._checker, self._stamp = None, None

    def _open(self) -> bool:
        """Whether a database is there; (re)open it when it appeared or changed."""
        path = self.path
        try:
            stat = path.stat()
        except OSError:
            self.close()
            return False
        stamp = (stat.st_ino, stat.st_mtime_ns)
        if stamp == self._stamp:
            return True
        self.close()
        self._stamp = stamp
        try:
            self._checker = ClaimChecker(NcciSettings(db=os.fspath(path)))
            self._error = ""
        except VascularError as error:
            self._error = f"the NCCI database cannot be read: {error}"
        return True


def read_claim_codes(text: str) -> list[dict[str, object]]:
    """The other claim codes typed in the settings ('75726-26 76937 36248x2'), as case JSON.

    Codes are separated by spaces or commas; each is CODE, -MODIFIER per modifier, then xUNITS.
    The library checks what each code and modifier may be (`tui.editing.set_claim`).

    Raises:
        ValueError: a word that is not written that way, named with its place.
    """
    codes: list[dict[str, object]] = []
    for number, word in enumerate(text.replace(",", " ").split(), start=1):
        typed = _TYPED_CODE.fullmatch(word)
        if typed is None:
            raise ValueError(
                f"other claim code {number} ({word!r}) is not CODE[-MODIFIER...][xUNITS], "
                "as in 75726-26 or 36248x2"
            )
        modifiers = [m.upper() for m in typed["modifiers"].split("-") if m]
        units = int(typed["units"]) if typed["units"] else 1
        codes.append({"code": typed["code"].upper(), "modifiers": modifiers, "units": units})
    return codes


def claim_codes_text(case: Case) -> str:
    """The case's other claim codes as the settings show them ('75726-26 36248x2')."""
    words = []
    for line in case.claim_codes:
        units = f"x{line.units}" if line.units > 1 else ""
        words.append(line.code + "".join(f"-{m}" for m in line.modifiers) + units)
    return " ".join(words)
