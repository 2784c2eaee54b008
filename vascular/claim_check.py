"""The NCCI check of a coded claim: the engine's lines plus the case's other claim codes.

`ClaimChecker` opens the NCCI database once (a batch worker keeps one for its life) and checks a
`CodingResult` with its case against the PTP and MUE edits in force on the date of service, for
the setting. The date and the setting come from the case (``date_of_service``, ``setting``) or
else from the caller's defaults. What was not checked is said plainly: no database, no date, no
edits loaded for the date; it is never a clean claim. Reads the database only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from vascular.frozen import record

if TYPE_CHECKING:
    from vascular.case import Case
    from vascular.ncci import NcciEdits
    from vascular.results import CodingResult

__all__ = ["SETTINGS", "ClaimChecker", "NcciSettings", "ncci_text"]

SETTINGS: dict[str, str] = {
    "practitioner": "practitioner",
    "hospital": "outpatient",
    "outpatient": "outpatient",
}
"""The settings a caller may name, and the NCCI tables each means (hospital: outpatient)."""


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
        from vascular.ncci import NcciClaimError, NcciEdits, default_db_path

        self.settings = settings
        if settings.setting not in SETTINGS:
            raise NcciClaimError(
                "--setting",
                None,
                "setting",
                f"{settings.setting!r} is not practitioner or hospital",
            )
        path = Path(settings.db).expanduser() if settings.db else default_db_path()
        self.path = path
        self._edits: NcciEdits | None = None
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
        day = (case.date_of_service if case else None) or self.settings.date_of_service
        setting = (case.setting if case else None) or self.settings.setting
        lines = [(line.code, line.modifiers, line.units) for line in result.lines]
        sources = [f"lines[{index}]" for index in range(len(lines))]
        for index, other in enumerate(case.claim_codes if case else ()):
            lines.append((other.code, other.modifiers, other.units))
            sources.append(f"claim_codes[{index}]")
        if self._edits is None:
            return _unchecked(self.missing or "", day, setting)
        if day is None:
            return _unchecked(
                "not checked against NCCI: no date of service (give --date-of-service, or the "
                "case's date_of_service)",
                day,
                setting,
            )
        if not lines:
            return _unchecked("not checked against NCCI: no claim lines", day, setting)
        found = self._edits.check(lines, day, SETTINGS[setting])
        data = found.to_json()
        for entry, source in zip(data["lines"], sources, strict=True):
            entry["from"] = source
        data["checked"] = True
        data["warnings"] = [{"kind": hit.kind, "message": hit.text()} for hit in found.problems]
        return data


def _unchecked(statement: str, day: str | None, setting: str) -> dict[str, Any]:
    return {
        "checked": False,
        "covered": False,
        "date_of_service": day,
        "setting": SETTINGS.get(setting, setting),
        "statement": statement,
        "hits": [],
        "warnings": [],
        "problems": 0,
    }


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
