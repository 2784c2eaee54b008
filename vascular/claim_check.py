"""The NCCI check of a coded claim: the engine's lines plus the case's other claim codes.

`ClaimChecker` opens the NCCI database once (a batch worker keeps one for its life, the app one
per window) and checks a `CodingResult` with its case against the PTP and MUE edits in force on
the date of service, for the setting. The date and the setting come from the case
(``date_of_service``, ``setting``) or else from the caller's defaults. What was not checked is said
plainly: no database, no date, no edits loaded for the date; it is never a clean claim. Reads the
database only.

`ClaimChecker.claim` gives the typed `ClaimNcci` (the app shows it; `hit_words` puts each hit in
words that name the claim's own lines); `ClaimChecker.check` gives the same as JSON (batch, code).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from vascular.frozen import record

if TYPE_CHECKING:
    from vascular.case import Case
    from vascular.ncci import MueHit, NcciCheck, NcciEdits, PtpHit
    from vascular.results import CodingResult

__all__ = [
    "SETTINGS",
    "ClaimChecker",
    "ClaimNcci",
    "NcciSettings",
    "hit_words",
    "ncci_db_path",
    "ncci_text",
]

SETTINGS: dict[str, str] = {
    "practitioner": "practitioner",
    "hospital": "outpatient",
    "outpatient": "outpatient",
}
"""The settings a caller may name, and the NCCI tables each means (hospital: outpatient)."""


def ncci_db_path(db: str | None = None) -> Path:
    """The database a check reads: `db`, else ``$VASCULAR_NCCI_DB``, else the user's data folder."""
    from vascular.ncci import default_db_path

    return Path(db).expanduser() if db else default_db_path()


@record
class NcciSettings:
    """What an NCCI check needs besides the case: the database and the defaults."""

    db: str | None = None
    """The database path (None: `vascular.ncci.default_db_path`)."""
    date_of_service: str | None = None
    """The date for a case that gives none (YYYY-MM-DD)."""
    setting: str = "practitioner"
    """The setting for a case that gives none: practitioner or hospital."""


class ClaimChecker:
    """The NCCI edits of one database, checked against coded claims."""

    def __init__(self, settings: NcciSettings) -> None:
        """Open the database; a missing one is remembered (every check says so), not an error.

        Raises:
            NcciDataError: a file is there but it is not an NCCI database, or it is damaged.
            NcciClaimError: the default setting or date is not one the check knows.
        """
        from vascular.ncci import NcciClaimError, NcciEdits

        self.settings = settings
        if settings.setting not in SETTINGS:
            raise NcciClaimError(
                "--setting",
                None,
                "setting",
                f"{settings.setting!r} is not practitioner or hospital",
            )
        path = ncci_db_path(settings.db)
        self.path = path
        self._edits: NcciEdits | None = None
        self._texts: dict[tuple[Any, ...], tuple[str, int, bool]] = {}
        """The JSON text of each claim checked, by its lines, date and setting (bounded)."""
        self.missing: str | None = None
        if not path.is_file():
            self.missing = (
                f"no NCCI edits loaded: no database at {path} (import CMS's files with "
                "'vascular ncci import')"
            )
        else:
            self._edits = NcciEdits(path)
        if settings.date_of_service is not None:
            _check_date(settings.date_of_service)

    def close(self) -> None:
        """Close the database."""
        if self._edits is not None:
            self._edits.close()

    def check(self, result: CodingResult, case: Case | None) -> dict[str, Any]:
        """The NCCI check of the result's lines and the case's other claim codes, as JSON.

        The JSON is `vascular.ncci.NcciCheck.to_json` with ``checked`` (whether the edits were
        looked up at all) and ``warnings`` (each problem hit in words, with its kind); the lines'
        ``from`` says where each came from (``lines[0]``, ``claim_codes[1]``). When nothing was
        checked, ``statement`` says why.
        """
        return self.claim(result, case).to_json()

    def check_text(self, result: CodingResult, case: Case | None) -> tuple[str, int, bool]:
        """`check` as compact JSON text, with its problem count and whether it was covered.

        The same claim (lines, other claim codes, date, setting) on the same database gives the
        same text, so each is kept (up to `_MEMO` claims, then the memo starts again): a batch of
        many cases with the same lines checks and encodes each claim once.
        """
        lines, _, day, setting = self._claim_of(result, case)
        key = (tuple(lines), day, setting)
        found = self._texts.get(key)
        if found is None:
            import json

            data = self.check(result, case)
            found = (json.dumps(data, separators=(",", ":")), data["problems"], data["covered"])
            if len(self._texts) >= _MEMO:
                self._texts.clear()
            self._texts[key] = found
        return found

    def claim(self, result: CodingResult, case: Case | None) -> ClaimNcci:
        """The NCCI check of the result's lines and the case's other claim codes.

        Raises:
            NcciClaimError: the case's date of service is not a date.
        """
        lines, sources, day, setting = self._claim_of(result, case)
        if self._edits is None:
            return ClaimNcci(False, self.missing or "", day, setting)
        if day is None:
            return ClaimNcci(
                False,
                "not checked against NCCI: no date of service (give --date-of-service, or the "
                "case's date_of_service)",
                day,
                setting,
            )
        if not lines:
            return ClaimNcci(False, "not checked against NCCI: no claim lines", day, setting)
        found = self._edits.check(lines, day, setting)
        return ClaimNcci(True, found.statement, day, setting, tuple(sources), found)

    def _claim_of(
        self, result: CodingResult, case: Case | None
    ) -> tuple[list[tuple[str, tuple[str, ...], int]], list[str], str | None, str]:
        """The claim's lines (coded, then the case's other codes), their sources, day and tables."""
        day = (case.date_of_service if case else None) or self.settings.date_of_service
        setting = SETTINGS[(case.setting if case else None) or self.settings.setting]
        lines = [(line.code, line.modifiers, line.units) for line in result.lines]
        sources = [f"lines[{index}]" for index in range(len(lines))]
        for index, other in enumerate(case.claim_codes if case else ()):
            lines.append((other.code, other.modifiers, other.units))
            sources.append(f"claim_codes[{index}]")
        return lines, sources, day, setting


@record
class ClaimNcci:
    """The NCCI check of one claim: whether it was checked, the coverage, and every hit.

    The claim's lines are the engine's code lines in order, then the case's other claim codes;
    `sources` says where each came from (``lines[0]``, ``claim_codes[1]``). Unchecked (no
    database, no date of service, no lines) is never a clean claim: `statement` says why.
    """

    checked: bool
    """Whether the edits were looked up at all."""
    statement: str
    """The coverage in words (which quarters answered), or why nothing was checked."""
    date_of_service: str | None
    """The date checked (YYYY-MM-DD), when there was one."""
    setting: str
    """The NCCI tables checked: practitioner or outpatient (the hospital's)."""
    sources: tuple[str, ...] = ()
    """Where each checked line came from, in claim order."""
    found: NcciCheck | None = None
    """The check itself, when it ran."""

    @property
    def covered(self) -> bool:
        """Whether PTP and MUE edits are loaded for the date and setting (checked in full)."""
        return self.found is not None and self.found.covered

    @property
    def loaded(self) -> bool:
        """Whether some edits (PTP or MUE) are loaded for the date and setting."""
        return self.found is not None and self.found.loaded

    @property
    def hits(self) -> tuple[PtpHit | MueHit, ...]:
        """Every edit in force between or on the claim's codes (bypassed and within ones too)."""
        return self.found.hits if self.found is not None else ()

    @property
    def problems(self) -> tuple[PtpHit | MueHit, ...]:
        """The hits that deny something: PTP edits not bypassed, MUEs exceeded."""
        return self.found.problems if self.found is not None else ()

    def hits_on(self, line: int) -> tuple[PtpHit | MueHit, ...]:
        """The hits that involve the claim line at `line` (0-based, in claim order)."""
        return tuple(hit for hit in self.hits if line in _lines_of(hit))

    def line_name(self, line: int) -> str:
        """A claim line in words: 'line 2' (a coded line) or 'other claim code 1'."""
        source = self.sources[line] if line < len(self.sources) else f"lines[{line}]"
        kind, _, rest = source.partition("[")
        number = int(rest.rstrip("]")) + 1
        return f"line {number}" if kind == "lines" else f"other claim code {number}"

    def to_json(self) -> dict[str, Any]:
        """As JSON: `NcciCheck.to_json` with ``checked``, ``warnings`` and each line's ``from``."""
        if self.found is None:
            return {
                "checked": False,
                "covered": False,
                "date_of_service": self.date_of_service,
                "setting": self.setting,
                "statement": self.statement,
                "hits": [],
                "warnings": [],
                "problems": 0,
            }
        data = self.found.to_json()
        for entry, source in zip(data["lines"], self.sources, strict=True):
            entry["from"] = source
        data["checked"] = True
        data["warnings"] = [{"kind": hit.kind, "message": hit.text()} for hit in self.problems]
        return data


_MEMO = 50_000
"""How many claims' check texts a checker keeps (a few KB each)."""


def _lines_of(hit: PtpHit | MueHit) -> tuple[int, ...]:
    if hit.kind == "ptp":
        return (*hit.column1_lines, hit.column2_line)
    return hit.lines


def hit_words(claim: ClaimNcci, hit: PtpHit | MueHit) -> str:
    """One hit for the coder, naming the claim's own lines and the edit as the file gives it.

    'PTP 36247/36246: 36246 (line 2) is the column 2 code of 36247 (line 1); modifier indicator
    1: denied unless a PTP-associated modifier (59, XS...) applies; rationale: ...; in force from
    2026-07-01 (no deletion date); 2026Q3 file NAME'.
    """
    if hit.kind == "ptp":
        column1 = ", ".join(claim.line_name(line) for line in hit.column1_lines)
        outcome = {
            "denied": (
                "denied: no modifier bypasses it"
                if hit.modifier_indicator == 0
                else "denied unless a PTP-associated modifier (59, XS...) applies"
            ),
            "bypassed": f"bypassed by {', '.join(hit.bypass_modifiers)}",
            "not_applicable": "not applicable",
        }[hit.outcome]
        until = f"to {hit.deletion.isoformat()}" if hit.deletion else "(no deletion date)"
        return (
            f"PTP {hit.column1}/{hit.column2}: {hit.column2} ({claim.line_name(hit.column2_line)}) "
            f"is the column 2 code of {hit.column1} ({column1}); modifier indicator "
            f"{hit.modifier_indicator}: {outcome}; rationale: {hit.rationale or 'none given'}; "
            f"in force from {hit.effective.isoformat()} {until}; {_file_words(hit)}"
        )
    where = ", ".join(claim.line_name(line) for line in hit.lines)
    verdict = f"over by {hit.units_over}" if hit.exceeded else "within"
    units = f"{hit.units_claimed} unit{'s' if hit.units_claimed > 1 else ''}"
    return (
        f"MUE {hit.code} ({where}): {units} against an MUE of {hit.mue_value} "
        f"({hit.indicator_text or hit.indicator_meaning}): {verdict}; rationale: "
        f"{hit.rationale or 'none given'}; {_file_words(hit)}"
    )


def _file_words(hit: PtpHit | MueHit) -> str:
    return f"{hit.source.quarter} file {hit.source.name}"


def _check_date(value: str) -> None:
    import datetime as dt

    from vascular.ncci import NcciClaimError

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise NcciClaimError(
            "--date-of-service", None, "date_of_service", f"{value!r} is not a date (YYYY-MM-DD)"
        ) from None


def ncci_text(data: dict[str, Any]) -> str:
    """The NCCI check in a few lines under the claim table: coverage, then every hit."""
    lines = [f"NCCI: {data['statement']}"]
    for hit in data.get("hits", []):
        if hit["kind"] == "ptp":
            how = hit["outcome"].replace("_", " ")
            if hit["outcome"] == "bypassed":
                how += " by " + ", ".join(hit["bypass_modifiers"])
            lines.append(
                f"  PTP {hit['column1']}/{hit['column2']} (modifier indicator "
                f"{hit['modifier_indicator']}): {hit['column2']} {how}; {hit['rationale']}; "
                f"in force {hit['effective']} to {hit['deletion'] or 'no deletion date'}"
            )
        else:
            verdict = f"over by {hit['units_over']}" if hit["exceeded"] else "within"
            lines.append(
                f"  MUE {hit['code']}: {hit['units_claimed']} units, MUE {hit['mue_value']} "
                f"({hit['indicator_text']}): {verdict}"
            )
    return "\n".join(lines)
