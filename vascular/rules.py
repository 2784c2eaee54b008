"""The rule book: code numbers, rules, sources and code tables from ``anatomy_data/rules/``.

Pydantic records that mirror the rule files, the `RuleBook` that holds them, and the checks across
them
(every code a table names exists, every source a rule cites exists, every vessel key names a
vessel).
Pure: no I/O; `vascular.loading` reads the files. No CPT descriptor text lives here or in the files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from vascular.errors import DataProblem
from vascular.models import Region

__all__ = [
    "ArchCode",
    "ArterialTable",
    "CervicocerebralTable",
    "CodeNumber",
    "CodeRecord",
    "ExternalCarotidCode",
    "HierarchyLevel",
    "ImagingPosition",
    "ImagingTable",
    "IntracranialCode",
    "PortalTable",
    "PulmonaryTable",
    "PunctureSite",
    "RenalTable",
    "Role",
    "RuleBook",
    "RuleRecord",
    "Series",
    "SidedCodes",
    "SourceRecord",
    "Tables",
    "VenousTable",
    "rulebook_problems",
]

CodeNumber = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
"""A five-digit CPT code number, as a string."""

_Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
_SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")]
_VesselKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class CodeRecord(_Record):
    """One CPT code the engine can report, with this project's own summary."""

    code: CodeNumber
    """The code number."""

    summary: Annotated[str, StringConstraints(min_length=10)]
    """This project's plain-language summary (never the AMA descriptor)."""

    kind: Literal["primary", "add-on"]
    """A primary code, or an add-on listed with one of `add_on_to`."""

    add_on_to: tuple[CodeNumber, ...] = ()
    """For an add-on: the primary codes it may be listed with."""

    imaging: bool = False
    """Whether the code itself includes the angiography and its supervision and interpretation."""

    includes: tuple[CodeNumber, ...] = ()
    """Lesser codes this code contains when they would come from the same work (NCCI column two)."""

    repeat: Literal["each", "distinct"]
    """each: once per family or site without a modifier; distinct: a repeat needs the
    distinct-service
    modifier unless RT/LT tell the lines apart."""

    bilateral: bool = False
    """Whether the same service on both sides is one line with modifier 50."""

    sources: tuple[_SourceId, ...] = Field(min_length=1)
    """Source ids for the summary and the relations."""


class RuleRecord(_Record):
    """One coding rule, in this project's words, with its sources."""

    id: _Slug
    """Stable id that rationales cite, e.g. ``family-add-on``."""

    title: str
    """A short title."""

    statement: str
    """The rule in plain language."""

    sources: tuple[_SourceId, ...] = Field(min_length=1)
    """Source ids (rules/sources.yaml)."""

    section: str
    """Where shared/docs/coding-rules.md (or project-defaults.md) lays out the evidence."""

    confidence: Literal["S", "K", "D", "P"]
    """S stated by sources; K recalled, unverified; D derived; P project default (an option)."""


class SourceRecord(_Record):
    """One public source the rules cite."""

    id: _SourceId
    """The id used in coding-rules.md section 0."""

    title: str
    """A short description of the source."""

    url: str
    """Where to read it."""


class Series(_Record):
    """The selective codes of one region: initial code per order, and the add-on."""

    first: CodeNumber
    """First-order code."""

    second: CodeNumber
    """Initial second-order code."""

    third: CodeNumber
    """Initial third-order-or-beyond code."""

    add_on: CodeNumber
    """Each additional second-order-or-beyond branch in the family."""

    def for_order(self, order: int) -> CodeNumber:
        """The initial code for a selection of this order (third and beyond share one code)."""
        return self.first if order <= 1 else self.second if order == 2 else self.third


class PunctureSite(_Record):
    """A kind of puncture and the code it takes when nothing selective was done through it."""

    name: str
    """How the rationale names it: 'an arm or leg artery'."""

    code: CodeNumber
    """The code."""

    within: tuple[_VesselKey, ...] = ()
    """Vessel keys whose whole subtree (the vessel and everything below it) counts."""

    vessels: tuple[_VesselKey, ...] = ()
    """Vessel keys that count themselves only."""


class ArterialTable(_Record):
    """Arterial codes."""

    series: dict[Region, Series]
    """Selective series by region."""

    base_code: CodeNumber
    """Catheter in the aorta, nothing selective."""

    punctures: tuple[PunctureSite, ...]
    """What an arterial puncture alone is coded, by where it is."""


class VenousTable(_Record):
    """Systemic venous codes."""

    first_order: CodeNumber
    """First-order tributary."""

    second_order: CodeNumber
    """Second order or beyond."""

    base_code: CodeNumber
    """Catheter in a vena cava."""

    puncture_code: CodeNumber
    """A vein only."""

    venography_code: CodeNumber
    """Extremity venography injection."""

    venography_within: tuple[_VesselKey, ...]
    """Extremity veins: subtrees where a venography injection takes `venography_code`."""

    central_when_option: tuple[_VesselKey, ...]
    """Vessels treated as central when the brachiocephalic_vein option is ``central``."""

    sampling_code: CodeNumber
    """Selective organ blood sampling."""


class PortalTable(_Record):
    """Portal venous codes."""

    access_code: CodeNumber
    """Percutaneous portal vein catheterization."""


class PulmonaryTable(_Record):
    """Pulmonary artery codes."""

    right_heart_code: CodeNumber
    """Right heart or main pulmonary artery."""

    right_heart: tuple[_VesselKey, ...]
    """Right-heart positions outside the pulmonary base."""

    levels: dict[Literal["lung", "segmental", "subsegmental"], CodeNumber]
    """Code per pulmonary level; lobar follows the pulmonary_lobar option."""


Role = Literal[
    "arch",
    "innominate",
    "common_carotid",
    "internal_carotid",
    "intracranial",
    "external_carotid",
    "vertebral",
    "subclavian",
    "arm",
    "renal_main",
    "renal_accessory",
    "renal_branch",
    "venography",
]
"""A catheter position's part in the codes that include imaging."""


class ImagingPosition(_Record):
    """What imaging from one kind of catheter position can show."""

    role: Role
    """The position's part in the codes below."""

    vessels: tuple[_VesselKey, ...] = ()
    """Vessel keys that are this position."""

    within: tuple[_VesselKey, ...] = ()
    """Vessel keys whose whole subtree is this position."""

    territory: Literal["intracranial", "renal"] | None = None
    """Every vessel with this territory is this position."""

    can_image: tuple[str, ...]
    """The territory names a placement here may give."""

    true_means: str | None = None
    """What ``imaging: true`` stands for here; None: only the vessel itself; 'ask': say which."""


class HierarchyLevel(_Record):
    """One code of a cervicocerebral hierarchy: the positions and the territory it takes."""

    code: CodeNumber
    """The code."""

    roles: tuple[Role, ...]
    """Catheter positions it is coded from."""

    territory: str
    """The territory imaged."""


class ArchCode(_Record):
    """36221: the thoracic aorta with neck or head imaging."""

    code: CodeNumber
    """The code."""

    role: Role
    """The aortic position."""

    territories: tuple[str, ...]
    """The territories that make it a cervicocerebral study."""


class ExternalCarotidCode(_Record):
    """+36227."""

    code: CodeNumber
    """The add-on."""

    role: Role
    """The external carotid position."""

    territory: str
    """The territory imaged."""

    with_: Literal["carotid"] = Field(alias="with")
    """The hierarchy whose code it is listed with, on the same side."""


class IntracranialCode(_Record):
    """+36228."""

    code: CodeNumber
    """The add-on."""

    role: Role
    """The intracranial branch position."""

    primaries: dict[_VesselKey, CodeNumber]
    """The vessel a branch is reached through, and the primary code that must be on its side."""

    max_units_per_side: int = Field(ge=1)
    """At most this many units per side."""


class CervicocerebralTable(_Record):
    """36221-36228."""

    arch: ArchCode
    """36221."""

    hierarchies: dict[Literal["carotid", "vertebral"], tuple[HierarchyLevel, ...]]
    """Per side, ranked low to high."""

    external_carotid: ExternalCarotidCode
    """+36227."""

    intracranial: IntracranialCode
    """+36228."""


class SidedCodes(_Record):
    """A unilateral code and its bilateral twin."""

    one_side: CodeNumber
    """One side."""

    both_sides: CodeNumber
    """Both sides."""


class RenalTable(_Record):
    """36251-36254."""

    selective: SidedCodes
    """Main or accessory renal."""

    superselective: SidedCodes
    """Any renal branch."""


class ImagingTable(_Record):
    """What each catheter position can image."""

    positions: tuple[ImagingPosition, ...]
    """First match wins."""


class Tables(_Record):
    """Every code table."""

    arterial: ArterialTable
    """Arterial codes."""

    venous: VenousTable
    """Systemic venous codes."""

    portal: PortalTable
    """Portal codes."""

    pulmonary: PulmonaryTable
    """Pulmonary codes."""

    imaging: ImagingTable
    """What each catheter position can image."""

    cervicocerebral: CervicocerebralTable
    """36221-36228."""

    renal: RenalTable
    """36251-36254."""

    def codes(self) -> Iterable[tuple[str, str]]:
        """Every (where, code) the tables name, for cross-checks."""
        for region, series in self.arterial.series.items():
            for field in ("first", "second", "third", "add_on"):
                yield f"arterial.series.{region}.{field}", getattr(series, field)
        yield "arterial.base_code", self.arterial.base_code
        for site in self.arterial.punctures:
            yield f"arterial.punctures[{site.name}]", site.code
        venous = self.venous
        for field in (
            "first_order",
            "second_order",
            "base_code",
            "puncture_code",
            "venography_code",
            "sampling_code",
        ):
            yield f"venous.{field}", getattr(venous, field)
        yield "portal.access_code", self.portal.access_code
        yield "pulmonary.right_heart_code", self.pulmonary.right_heart_code
        for level, code in self.pulmonary.levels.items():
            yield f"pulmonary.levels.{level}", code
        cervicocerebral = self.cervicocerebral
        yield "cervicocerebral.arch", cervicocerebral.arch.code
        for name, ranked in cervicocerebral.hierarchies.items():
            for hierarchy_level in ranked:
                yield f"cervicocerebral.hierarchies.{name}", hierarchy_level.code
        yield "cervicocerebral.external_carotid", cervicocerebral.external_carotid.code
        yield "cervicocerebral.intracranial", cervicocerebral.intracranial.code
        for key, code in cervicocerebral.intracranial.primaries.items():
            yield f"cervicocerebral.intracranial.primaries.{key}", code
        for field in ("selective", "superselective"):
            codes: SidedCodes = getattr(self.renal, field)
            yield f"renal.{field}.one_side", codes.one_side
            yield f"renal.{field}.both_sides", codes.both_sides

    def vessel_keys(self) -> Iterable[tuple[str, str]]:
        """Every (where, vessel key) the tables name, for cross-checks."""
        for site in self.arterial.punctures:
            for key in (*site.within, *site.vessels):
                yield f"arterial.punctures[{site.name}]", key
        for key in self.venous.venography_within:
            yield "venous.venography_within", key
        for key in self.venous.central_when_option:
            yield "venous.central_when_option", key
        for key in self.pulmonary.right_heart:
            yield "pulmonary.right_heart", key
        for position in self.imaging.positions:
            for key in (*position.vessels, *position.within):
                yield f"imaging.positions[{position.role}]", key
        for key in self.cervicocerebral.intracranial.primaries:
            yield "cervicocerebral.intracranial.primaries", key


@dataclass(frozen=True)
class RuleBook:
    """Codes, rules, sources and tables, cross-checked. Built by `vascular.loading`."""

    codes: Mapping[str, CodeRecord]
    rules: Mapping[str, RuleRecord]
    sources: Mapping[str, SourceRecord]
    tables: Tables

    @classmethod
    def build(
        cls,
        codes: Iterable[CodeRecord],
        rules: Iterable[RuleRecord],
        sources: Iterable[SourceRecord],
        tables: Tables,
    ) -> RuleBook:
        """Index the records by id (duplicates are reported by `problems`)."""
        return cls(
            MappingProxyType({c.code: c for c in codes}),
            MappingProxyType({r.id: r for r in rules}),
            MappingProxyType({s.id: s for s in sources}),
            tables,
        )

    def code(self, code: str) -> CodeRecord:
        """The record of a code the tables name (always present in a checked rule book)."""
        return self.codes[code]

    def label(self, code: str) -> str:
        """The code as a claim writes it: add-ons with a plus sign ('+36248')."""
        return ("+" if self.codes[code].kind == "add-on" else "") + code

    def rule(self, rule_id: str) -> RuleRecord:
        """The record of a rule (always present in a checked rule book)."""
        return self.rules[rule_id]


def rulebook_problems(
    codes: Sequence[tuple[str, CodeRecord]],
    rules: Sequence[tuple[str, RuleRecord]],
    sources: Sequence[tuple[str, SourceRecord]],
    tables: tuple[str, Tables] | None,
    vessel_keys: set[str],
) -> list[DataProblem]:
    """Every problem across the rule files: duplicates, unknown codes, sources and vessel keys."""
    problems: list[DataProblem] = []
    source_ids = _unique(sources, lambda s: s.id, problems)
    code_ids = _unique(codes, lambda c: c.code, problems)
    _unique(rules, lambda r: r.id, problems)
    for file, code in codes:
        for source in code.sources:
            if source not in source_ids:
                problems.append(
                    DataProblem(file, code.code, "sources", f"unknown source {source!r}")
                )
        for field in ("includes", "add_on_to"):
            for other in getattr(code, field):
                if other not in code_ids:
                    problems.append(DataProblem(file, code.code, field, f"unknown code {other!r}"))
        if (code.kind == "add-on") != bool(code.add_on_to):
            problems.append(
                DataProblem(
                    file, code.code, "add_on_to", "required for an add-on, only for an add-on"
                )
            )
    for file, rule in rules:
        for source in rule.sources:
            if source not in source_ids:
                problems.append(DataProblem(file, rule.id, "sources", f"unknown source {source!r}"))
    if tables is not None:
        file, table = tables
        for where, code_number in table.codes():
            if code_number not in code_ids:
                problems.append(DataProblem(file, where, "code", f"unknown code {code_number!r}"))
        for where, key in table.vessel_keys():
            if key not in vessel_keys:
                problems.append(
                    DataProblem(file, where, "vessel", f"no vessel has the key {key!r}")
                )
    return problems


def _unique(
    records: Iterable[tuple[str, Any]],
    key: Callable[[Any], str],
    problems: list[DataProblem],
) -> set[str]:
    seen: set[str] = set()
    for file, record in records:
        value = key(record)
        if value in seen:
            problems.append(DataProblem(file, value, "-", "defined twice"))
        seen.add(value)
    return seen
