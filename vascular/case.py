"""The case: what a coder records from an operative report, as JSON or Python objects.

This is a public contract.

Pydantic models of the input: punctures (`Access`), catheter positions (`Placement`) and the policy
options of project-defaults.md (`Options`). Shape checks only; whether the vessels exist and can be
reached is decided by `vascular.traversal`. No I/O. The JSON Schema is generated from these models
(`vascular schema --write`) and fields are only ever added, never renamed.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from vascular.errors import CaseFileError

__all__ = [
    "TERRITORIES",
    "Access",
    "Case",
    "Direction",
    "Imaging",
    "Options",
    "Placement",
    "Territory",
    "case_data",
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

Imaging = bool | Territory | list[Territory]
"""``true`` (the territory the vessel itself supplies), a territory name, or a list of them."""

_AccessId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
_Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class _Input(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Access(_Input):
    """One puncture: where the needle went in and which way the catheter headed."""

    id: _AccessId | None = None
    """Short label placements refer to ("A", "R-CFA"); may be left out with a single access."""

    vessel: _Name
    """The vessel punctured, as a coder would write it ("right common femoral artery", "R CFA")."""

    direction: Direction | None = None
    """retrograde or antegrade; left out means toward the heart (retrograde for an artery,
    antegrade for
    a vein)."""


class Placement(_Input):
    """One position the catheter tip reached (not a wire), in the order performed."""

    vessel: _Name
    """The vessel the catheter entered, as a coder would write it."""

    access: _AccessId | None = None
    """Id of the access it was made through. May be left out when the case has one access."""

    imaging: Imaging = False
    """Diagnostic angiography from this position: ``true`` for the territory the vessel itself
    supplies,
    or a territory name or list of them (cervical, intracranial, vertebral, external carotid, renal,
    arch,
    arm, venography)."""

    sampling: bool = False
    """Selective blood sampling was done from this (venous) position."""

    via: _Name | None = None
    """A vessel the catheter went through, to say which way it took where two are possible (the
    basilar
    from the right or the left vertebral)."""

    @field_validator("imaging", mode="before")
    @classmethod
    def _normalise_territories(cls, value: object) -> object:
        if isinstance(value, bool):
            return value
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError(
                "imaging must be true, false, a territory name or a list of them "
                f"({', '.join(TERRITORIES)})"
            )
        territories = [_territory(name) for name in names]
        unknown = [n for n, t in zip(names, territories, strict=True) if t not in TERRITORIES]
        if unknown:
            raise ValueError(
                f"unknown imaging territory {unknown[0]!r}; the territories are "
                + ", ".join(repr(t) for t in TERRITORIES)
            )
        return territories[0] if isinstance(value, str) else territories

    def territories(self) -> tuple[str, ...]:
        """The territory names given, without duplicates (empty for ``true`` or ``false``)."""
        if isinstance(self.imaging, bool):
            return ()
        names = [self.imaging] if isinstance(self.imaging, str) else self.imaging
        return tuple(dict.fromkeys(names))

    @property
    def imaged(self) -> bool:
        """Whether any diagnostic imaging was done from this position."""
        return self.imaging is True or bool(self.territories())


def _territory(text: str) -> str:
    """'External-Carotid' -> 'external carotid': case, hyphens and underscores do not matter."""
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


class Options(_Input):
    """The policy options of project-defaults.md; every one has a default."""

    order_from: Literal["trunk", "aorta"] = "trunk"
    """Where arterial order is counted from: the access trunk (default) or always the aorta (the
    strict
    Appendix L reading)."""

    antegrade_extremity: Literal["count-branches", "non-selective"] = "count-branches"
    """From an antegrade puncture: count branches from the puncture (default), or treat everything
    reached in the punctured limb as non-selective (36140)."""

    brachiocephalic_vein: Literal["central", "first-order"] = "central"
    """Whether the brachiocephalic veins count as central like the cava (default, CPT's examples)
    or as
    first-order tributaries."""

    pulmonary_lobar: Literal["36014", "36015"] = "36014"
    """The code a lobar pulmonary artery takes."""

    portal_tributaries: Literal["selective-venous", "included"] = "selective-venous"
    """Whether selective portal tributaries take 36011/36012 (default) or are included in 36481."""

    distinct_modifier: Literal["59", "XS"] = "59"
    """The distinct-service modifier to use: 59, or CMS's XS (separate structure)."""


class Case(_Input):
    """A case to code: one or more accesses and the catheter positions reached."""

    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    """An optional label for the case (a report number, a teaching title)."""

    accesses: list[Access] = Field(min_length=1)
    """One or more punctures."""

    variants: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]] = []
    """Anatomical variants of this patient, by id (`vascular variants` lists them): the bovine arch,
    a replaced right hepatic from the SMA... Coding follows the patient's actual anatomy."""

    placements: list[Placement] = []
    """Each catheter position reached, in the order performed. Vessels only passed through need
    not be
    listed; listing them changes nothing."""

    options: Options = Options()
    """Policy options (project-defaults.md); all optional."""

    @field_validator("accesses")
    @classmethod
    def _accesses_are_named_when_needed(cls, accesses: list[Access]) -> list[Access]:
        ids = [access.id for access in accesses]
        if len(accesses) > 1 and None in ids:
            position = ids.index(None)
            raise ValueError(
                f"accesses[{position}] has no id: with more than one access, each needs an id"
            )
        duplicated = sorted({i for i in ids if i is not None and ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"access id {duplicated[0]!r} is used twice")
        return accesses


def case_data(text: str, source: str) -> dict[str, Any]:
    """The JSON object a case file holds (its shape is checked by `Case`).

    Args:
        text: the file's text.
        source: how to name the file in a message ("case.json", "standard input").

    Raises:
        CaseFileError: the text is not JSON (with the line and column) or not one JSON object.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseFileError(
            f"{source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(data, dict):
        raise CaseFileError(
            f"{source} must hold one JSON object (a case with accesses and placements), "
            f"not {type(data).__name__}"
        )
    return data
