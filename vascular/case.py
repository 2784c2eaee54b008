"""The case: what a coder records from an operative report, as JSON or Python objects.

This is a public contract. Frozen shapes (`vascular.contract`) for the punctures (`Access`), the
catheter positions (`Placement`) and the policy options (`Options`); `parse_case` reads a case from
parsed JSON and reports every shape problem at once. Whether the vessels exist and can be reached
is decided by `vascular.traversal`. No I/O. The JSON Schema is generated from these shapes
(`vascular schema --write`) and fields are only ever added, never renamed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any, Literal, get_args

from vascular.contract import REQUIRED, Problem, ShapeError, dump, parse, shape, spec
from vascular.errors import CaseError, CaseFileError, CaseProblem
from vascular.frozen import replace

__all__ = [
    "MAX_ACCESSES",
    "MAX_CASE_BYTES",
    "MAX_NOTE_CHARS",
    "MAX_PLACEMENTS",
    "TERRITORIES",
    "Access",
    "BilledLine",
    "Case",
    "Diagnostic",
    "Direction",
    "Imaging",
    "Intervention",
    "Options",
    "Placement",
    "Territory",
    "case_data",
    "case_json",
    "parse_case",
]

Direction = Literal["retrograde", "antegrade"]
"""Against the blood flow, or with it. Arteries: retrograde heads toward the heart. Veins: antegrade
heads toward the heart. Left out: toward the heart."""

Territory = Literal[
    "cervical",
    "intracranial",
    "vertebral",
    "external carotid",
    "renal",
    "arch",
    "arm",
    "venography",
]
"""What diagnostic imaging from a catheter position showed, where one position can show several."""

TERRITORIES: tuple[str, ...] = get_args(Territory)
"""The imaging territory names a placement may give."""

Imaging = bool | Territory | tuple[Territory, ...]
"""``true`` (the territory the vessel itself supplies), a territory name, or a list of them."""

MAX_ACCESSES = 500
"""Most accesses a case may have."""

MAX_PLACEMENTS = 5000
"""Most placements a case may have."""

MAX_NOTE_CHARS = 200_000
"""Longest procedure note kept with a case (and read by the note reader), in characters."""

MAX_CASE_BYTES = 8_000_000
"""Largest case file read, in bytes."""

_ACCESS_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}"
_VARIANT_ID = r"[a-z][a-z0-9_]{0,63}"


def _territory_words(value: Any) -> Any:
    """'External-Carotid' -> 'external carotid': case, hyphens and underscores do not matter."""
    if isinstance(value, str):
        return re.sub(r"[\s_-]+", " ", value.strip().lower())
    if isinstance(value, list):
        return [_territory_words(item) for item in value]
    return value


def _imaging_message(value: Any) -> str:
    """Why an imaging value is refused: an unknown territory by name, or the wrong kind of value."""
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    choices = ", ".join(repr(t) for t in TERRITORIES)
    if names is not None and all(isinstance(n, str) for n in names):
        unknown = [n for n in names if n not in TERRITORIES]
        if unknown:
            return f"unknown imaging territory {unknown[0]!r}; the territories are {choices}"
    return f"must be true, false, a territory name or a list of them ({choices})"


@shape
class Access:
    """One puncture: where the needle went in and which way the catheter headed."""

    id: str | None = spec(
        default=None,
        pattern=_ACCESS_ID,
        doc='Short label placements refer to ("A", "R-CFA"); may be left out with a single access.',
    )
    vessel: str = spec(
        default=REQUIRED,
        strip=True,
        min_length=1,
        max_length=200,
        doc='The vessel punctured, as a coder would write it ("right common femoral artery", '
        '"R CFA").',
    )
    direction: Direction | None = spec(
        default=None,
        doc="retrograde or antegrade; left out means toward the heart (retrograde for an artery, "
        "antegrade for a vein).",
    )

    def replace(self, **changes: Any) -> Access:
        """A copy with some fields replaced (the access is frozen)."""
        return replace(self, **changes)


@shape
class Placement:
    """One position the catheter tip reached (not a wire), in the order performed."""

    vessel: str = spec(
        default=REQUIRED,
        strip=True,
        min_length=1,
        max_length=200,
        doc="The vessel the catheter entered, as a coder would write it.",
    )
    access: str | None = spec(
        default=None,
        pattern=_ACCESS_ID,
        doc="Id of the access it was made through. May be left out when the case has one access.",
    )
    imaging: Imaging = spec(
        default=False,
        normalise=_territory_words,
        message=_imaging_message,
        doc="Diagnostic angiography from this position: true for the territory the vessel itself "
        "supplies, or a territory name or list of them (cervical, intracranial, vertebral, "
        "external carotid, renal, arch, arm, venography).",
    )
    sampling: bool = spec(
        default=False, doc="Selective blood sampling was done from this (venous) position."
    )
    via: str | None = spec(
        default=None,
        strip=True,
        min_length=1,
        max_length=200,
        doc="A vessel the catheter went through, to say which way it took where two are possible "
        "(the basilar from the right or the left vertebral).",
    )

    def replace(self, **changes: Any) -> Placement:
        """A copy with some fields replaced (the placement is frozen)."""
        return replace(self, **changes)

    def territories(self) -> tuple[str, ...]:
        """The territory names given, without duplicates (empty for ``true`` or ``false``)."""
        if isinstance(self.imaging, bool):
            return ()
        names = (self.imaging,) if isinstance(self.imaging, str) else self.imaging
        return tuple(dict.fromkeys(names))

    @property
    def imaged(self) -> bool:
        """Whether any diagnostic imaging was done from this position."""
        return self.imaging is True or bool(self.territories())


@shape
class Options:
    """The policy options for the disputed points.

    Left out, each takes the default the rule tables name (``anatomy_data/rules/options.yaml``,
    `vascular options`).
    """

    order_from: str | None = spec(
        default=None,
        doc="Where arterial order is counted from: the access trunk (default) or always the aorta "
        "(the strict Appendix L reading).",
    )
    antegrade_extremity: str | None = spec(
        default=None,
        doc="From an antegrade puncture: count branches from the puncture (default), or treat "
        "everything reached in the punctured limb as non-selective.",
    )
    brachiocephalic_vein: str | None = spec(
        default=None,
        doc="Whether the brachiocephalic veins count as central like the cava (default, CPT's "
        "examples) or as first-order tributaries.",
    )
    pulmonary_lobar: str | None = spec(default=None, doc="The code a lobar pulmonary artery takes.")
    portal_tributaries: str | None = spec(
        default=None,
        doc="Whether selective portal tributaries take the selective venous codes (default) or "
        "are included in the portal access code.",
    )
    distinct_modifier: str | None = spec(
        default=None, doc="The distinct-service modifier to use: 59, or CMS's XS."
    )
    identical_lines: str | None = spec(
        default=None,
        doc="How two lines that would be identical go on the claim: the distinct-service modifier "
        "on the repeats (default), or one line with units.",
    )
    bilateral_add_on: str | None = spec(
        default=None,
        doc="How an add-on on both sides goes on the claim: one line with 50 when the sides' units "
        "are equal, otherwise per side (default); always per side; or 50 for the shared units.",
    )
    retired_codes: str | None = spec(
        default=None,
        doc="Whether an intervention code CPT has deleted is refused (default) or accepted with a "
        "warning, for a claim dated before its deletion.",
    )

    def _after_parse(self, where: str, problems: list[Problem], context: Any) -> Options:
        if context is not None:
            problems += context.option_problems(self, where)
        return self

    def given(self) -> dict[str, str]:
        """The options set explicitly, by name."""
        return {k: v for k, v in dump(self, exclude_none=True).items() if isinstance(v, str)}


def _code_words(value: Any) -> Any:
    """' +36907 ' -> '36907': an add-on's plus sign and surrounding spaces do not matter."""
    if isinstance(value, str):
        return value.strip().lstrip("+").strip()
    return value


@shape
class Diagnostic:
    """A diagnostic study at the same session as an intervention, and why it is reportable."""

    reason: str = spec(
        default=REQUIRED,
        strip=True,
        min_length=1,
        max_length=64,
        doc="Why a separate diagnostic study was or was not done: no-prior-study, "
        "inadequate-prior-study, changed-condition, intraprocedural-change (these qualify), or "
        "prior-study-adequate (it does not).",
    )
    qualifies: bool | None = spec(
        default=None,
        doc="Whether the study is separately reportable; left out, the reason decides. It must "
        "agree with the reason.",
    )


@shape
class Intervention:
    """A treatment done at the same session (a filter, a stent, coils...), as entered."""

    code: str = spec(
        default=REQUIRED,
        normalise=_code_words,
        pattern=r"\d{5}",
        message=lambda value: f"{value!r} is not a five-digit code number",
        doc='The intervention\'s code as it goes on the claim ("37191", "+36907").',
    )
    vessel: str = spec(
        default=REQUIRED,
        strip=True,
        min_length=1,
        max_length=200,
        doc="The vessel treated (filtered, stented, embolized...), or for a dialysis circuit code "
        "the fistula or graft, as a coder would write it.",
    )
    access: str | None = spec(
        default=None,
        pattern=_ACCESS_ID,
        doc="Id of the access it was done from. May be left out when the case has one access.",
    )
    units: int = spec(default=1, ge=1, le=99, doc="Units, as the claim lists them.")
    diagnostic: Diagnostic | None = spec(
        default=None,
        doc="The diagnostic study done at the same session, for the imaged positions the "
        "intervention does not include. Left out: no separately reportable study is claimed.",
    )


def _modifier_words(value: Any) -> Any:
    """' rt ' -> 'RT': modifiers are compared in capitals without spaces."""
    if isinstance(value, list):
        return [item.strip().upper() if isinstance(item, str) else item for item in value]
    return value


@shape
class BilledLine:
    """A line as it stands on the claim (billed), or another code on the same claim."""

    code: str = spec(
        default=REQUIRED,
        normalise=_code_words,
        pattern=r"[0-9A-Z]{5}",
        message=lambda value: f"{value!r} is not a five-character HCPCS/CPT code",
        doc='The code as it goes on the claim ("36247", "+36248", "75625").',
    )
    modifiers: tuple[str, ...] = spec(
        default=(),
        normalise=_modifier_words,
        max_length=4,
        doc='Its modifiers in claim order ("LT", "59", "XS", "50").',
    )
    units: int = spec(default=1, ge=1, le=999, doc="Its units.")


@shape
class Case:
    """A case to code: one or more accesses and the catheter positions reached."""

    name: str | None = spec(
        default=None,
        max_length=200,
        doc="An optional label for the case (a report number, a teaching title).",
    )
    accesses: tuple[Access, ...] = spec(
        default=REQUIRED, min_length=1, max_length=MAX_ACCESSES, doc="One or more punctures."
    )
    variants: tuple[str, ...] = spec(
        default=(),
        max_length=16,
        dump_default=False,
        doc="Anatomical variants of this patient, by id (`vascular variants` lists them): the "
        "bovine arch, a replaced right hepatic from the SMA... Coding follows the patient's "
        "actual anatomy.",
    )
    placements: tuple[Placement, ...] = spec(
        default=(),
        max_length=MAX_PLACEMENTS,
        doc="Each catheter position reached, in the order performed. Vessels only passed "
        "through need not be listed; listing them changes nothing.",
    )
    options: Options = spec(default=Options(), doc="Policy options; all optional.")
    constructs: tuple[str, ...] = spec(
        default=(),
        max_length=16,
        dump_default=False,
        doc="Connections made by a procedure that this patient has, by id (`vascular variants "
        "--constructs` lists them): a TIPS, a dialysis fistula or graft.",
    )
    interventions: tuple[Intervention, ...] = spec(
        default=(),
        max_length=100,
        dump_default=False,
        doc="The treatments done at the same session, in the order performed: each intervention "
        "code decides which catheter placements it already includes.",
    )
    billed: tuple[BilledLine, ...] | None = spec(
        default=None,
        max_length=100,
        dump_default=False,
        doc="The catheter and intervention lines billed on the claim, for an audit "
        "(`vascular audit`): each compared with the lines the route supports. Left out: "
        "nothing to audit.",
    )
    claim_codes: tuple[BilledLine, ...] = spec(
        default=(),
        max_length=100,
        dump_default=False,
        doc="Other codes on the same claim (imaging, E/M...), checked with the coded lines "
        "against the NCCI edits (`--ncci`); never audited.",
    )
    date_of_service: str | None = spec(
        default=None,
        dump_default=False,
        pattern=r"\d{4}-\d{2}-\d{2}",
        doc="The date of service (YYYY-MM-DD), for the NCCI check; overrides --date-of-service.",
    )
    setting: Literal["practitioner", "hospital"] | None = spec(
        default=None,
        dump_default=False,
        doc="Whose claim, for the NCCI check: practitioner or (outpatient) hospital; overrides "
        "--setting.",
    )
    note: str | None = spec(
        default=None,
        max_length=MAX_NOTE_CHARS,
        doc="The procedure note the case was read from (`vascular read`, the app's note "
        "screen), kept with the case as evidence; never coded.",
    )

    def _after_parse(self, where: str, problems: list[Problem], context: Any) -> Case:
        ids = [access.id for access in self.accesses]
        if len(ids) > 1 and None in ids:
            problems.append(
                Problem(
                    "accesses",
                    f"accesses[{ids.index(None)}] has no id: with more than one access, each "
                    "needs an id",
                )
            )
        duplicated = sorted({i for i in ids if i is not None and ids.count(i) > 1})
        if duplicated:
            problems.append(Problem("accesses", f"access id {duplicated[0]!r} is used twice"))
        if self.date_of_service is not None and not _is_date(self.date_of_service):
            problems.append(
                Problem("date_of_service", f"{self.date_of_service!r} is not a date (YYYY-MM-DD)")
            )
        for field, kind in (("variants", "variant"), ("constructs", "construct")):
            values = getattr(self, field)
            for index, value in enumerate(values):
                if not re.fullmatch(_VARIANT_ID, value.replace("-", "_")):
                    problems.append(
                        Problem(
                            f"{field}[{index}]",
                            f"{value!r} is not a {kind} id (lower case letters, digits, _)",
                        )
                    )
        return self

    def replace(self, **changes: Any) -> Case:
        """A copy with some fields replaced (the case is frozen)."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The case as JSON data (every field, options left out stay null)."""
        data: dict[str, Any] = dump(self)
        return data


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse_case(case: Case | Mapping[str, Any], rules: Any = None) -> Case:
    """A `Case` from a mapping (parsed JSON), with every shape problem listed.

    Args:
        case: the case as parsed JSON, or a `Case` (returned as it is).
        rules: the rule book, to check option values against the tables (optional here; the
            engine checks them again).

    Raises:
        CaseError: the mapping is not a valid case; each problem names its place in the case.
    """
    if isinstance(case, Case):
        return case
    try:
        return parse(Case, case, "", rules)
    except ShapeError as error:
        raise CaseError(
            CaseProblem(problem.where or "case", problem.message) for problem in error.problems
        ) from None


def case_json(case: Case) -> str:
    """The case as the JSON `vascular code` reads, left-out options and empty parts omitted."""
    data: dict[str, Any] = dump(case, exclude_none=True)
    if not data.get("options"):
        data.pop("options", None)
    for placement in data.get("placements", []):
        if placement.get("imaging") is False:
            del placement["imaging"]
        if placement.get("sampling") is False:
            del placement["sampling"]
    return json.dumps(data, indent=2) + "\n"


def case_data(text: str | bytes, source: str) -> dict[str, Any]:
    """The JSON object a case file holds (its shape is checked by `parse_case`).

    Args:
        text: the file's text.
        source: how to name the file in a message ("case.json", "standard input").

    Raises:
        CaseFileError: the text is too large, not JSON (with the line and column), nested too
            deeply, holds a number too long to read, or is not one JSON object.
    """
    if len(text) > MAX_CASE_BYTES:
        raise CaseFileError(
            f"{source} is larger than {MAX_CASE_BYTES // 1_000_000} MB: a case is a few "
            "kilobytes; check that this is a case file"
        )
    data = _loads(text, source)
    if not isinstance(data, dict):
        raise CaseFileError(
            f"{source} must hold one JSON object (a case with accesses and placements), "
            f"not {_json_kind(data)}"
        )
    return data


def _loads(text: str | bytes, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseFileError(
            f"{source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except UnicodeDecodeError:
        raise CaseFileError(f"{source} is not UTF-8 text") from None
    except RecursionError:
        raise CaseFileError(f"{source} is nested too deeply to be a case") from None
    except ValueError as error:
        raise CaseFileError(f"{source} cannot be read as JSON: {error}") from None


def _json_kind(value: Any) -> str:
    return {list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number"
    )
