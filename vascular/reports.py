"""JSON-ready views of the atlas and of errors: the stable shapes the CLI prints.

Each view is declared as a shape (`vascular.contract`), so its JSON Schema is generated and
committed with the others (`REPORT_SHAPES`); the functions build plain dicts in exactly those
shapes. Pure; no I/O. Every shape carries ``schema_version``; fields are only ever added.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vascular.anatomy import Anatomy
from vascular.contract import REQUIRED, shape, spec
from vascular.errors import (
    AmbiguousVesselError,
    AnatomyDataError,
    CaseError,
    VascularError,
    VesselNameError,
)
from vascular.records import Vessel
from vascular.results import SCHEMA_VERSION, CodeLine, WarningDetail

__all__ = [
    "REPORT_SHAPES",
    "SCHEMA_VERSION",
    "atlas_report",
    "diagnostic_reasons",
    "error_report",
    "intervention_report",
    "intervention_territory",
    "search_report",
    "vessel_report",
    "vessel_summary",
]


# --- shapes --------------------------------------------------------------------------------------


@shape
class VesselSummary:
    """The fields that identify a vessel and place it in the tree."""

    id: str = spec(default=REQUIRED, doc="Vessel id.")
    name: str = spec(default=REQUIRED, doc="Display name.")
    side: str = spec(default=REQUIRED, doc="left, right or unpaired.")
    parent: str | None = spec(default=None, doc="Id of the vessel it comes off.")
    relation: str | None = spec(default=None, doc="branch or continuation (null for a root).")
    region: str = spec(default=REQUIRED, doc="thoracic or abdominal.")


@shape
class VesselListed:
    """A vessel in a search result."""

    id: str = spec(default=REQUIRED, doc="Vessel id.")
    name: str = spec(default=REQUIRED, doc="Display name.")
    side: str = spec(default=REQUIRED, doc="left, right or unpaired.")
    parent: str | None = spec(default=None, doc="Id of the vessel it comes off.")
    relation: str | None = spec(default=None, doc="branch or continuation (null for a root).")
    region: str = spec(default=REQUIRED, doc="thoracic or abdominal.")
    aliases: tuple[str, ...] = spec(default=(), doc="Other names and abbreviations.")


@shape
class VesselFull:
    """A vessel record in full (anatomy_data/README.md explains each field)."""

    id: str = spec(default=REQUIRED, doc="Vessel id.")
    name: str = spec(default=REQUIRED, doc="Display name.")
    side: str = spec(default=REQUIRED, doc="left, right or unpaired.")
    parent: str | None = spec(default=None, doc="Id of the vessel it comes off.")
    relation: str | None = spec(default=None, doc="branch or continuation.")
    region: str = spec(default=REQUIRED, doc="thoracic or abdominal.")
    aliases: tuple[str, ...] = spec(default=(), doc="Other names and abbreviations.")
    also_fed_by: tuple[str, ...] = spec(default=(), doc="Vessels that also open into it.")
    territory: str | None = spec(default=None, doc="intracranial or renal, where set.")
    pulmonary_level: str | None = spec(default=None, doc="For the pulmonary arteries.")
    uberon: str | None = spec(default=None, doc="UBERON id.")
    fma: str | None = spec(default=None, doc="FMA id.")
    note: str | None = spec(default=None, doc="Provenance and curation decisions.")


@shape
class VesselsReport:
    """`vascular vessels QUERY --json`: the vessels a search found, best match first."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    query: str = spec(default=REQUIRED, doc="The query as given.")
    variants: tuple[str, ...] = spec(default=(), doc="Variants applied.")
    count: int = spec(default=REQUIRED, doc="How many vessels matched.")
    vessels: tuple[VesselListed, ...] = spec(default=(), doc="The matches.")


@shape
class VesselReport:
    """`vascular vessel NAME --json`: one vessel, its chain to the root, its branches."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    variants: tuple[str, ...] = spec(default=(), doc="Variants applied.")
    vessel: VesselFull = spec(default=REQUIRED, doc="The record.")
    file: str = spec(default=REQUIRED, doc="The data file that defines it.")
    tree: str = spec(default=REQUIRED, doc="The tree it belongs to.")
    non_selective_base: bool = spec(default=REQUIRED, doc="Whether it is a tree's base.")
    lineage: tuple[VesselSummary, ...] = spec(default=(), doc="Nearest first, to the root.")
    children: tuple[VesselSummary, ...] = spec(default=(), doc="Its branches and continuation.")
    also_fed_by: tuple[VesselSummary, ...] = spec(default=(), doc="Confluence feeders.")


@shape
class AtlasReport:
    """`vascular validate --json`: what a valid data directory holds."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    data_dir: str = spec(default=REQUIRED, doc="The directory validated.")
    valid: bool = spec(default=True, doc="Always true: invalid data is an error.")
    vessel_count: int = spec(default=REQUIRED, doc="Number of vessels.")
    by_tree: dict[str, int] = spec(default=REQUIRED, doc="Vessels per tree.")
    by_region: dict[str, int] = spec(default=REQUIRED, doc="Vessels per region.")
    by_side: dict[str, int] = spec(default=REQUIRED, doc="Vessels per side.")
    variants: tuple[str, ...] = spec(default=(), doc="Variant ids.")


@shape
class SuggestionJSON:
    """A close vessel name, with its id."""

    id: str = spec(default=REQUIRED, doc="Vessel id.")
    name: str = spec(default=REQUIRED, doc="Display name.")


@shape
class CaseProblemJSON:
    """One problem with a case."""

    where: str = spec(default=REQUIRED, doc="JSON path of the place in the case.")
    message: str = spec(default=REQUIRED, doc="What is wrong and what would fix it.")
    suggestions: tuple[str, ...] = spec(default=(), doc="Close vessel names.")
    suggested: tuple[SuggestionJSON, ...] = spec(default=(), doc="The same, with their ids.")
    candidates: tuple[str, ...] = spec(default=(), doc="Vessel ids an ambiguous name could mean.")


@shape
class DataProblemJSON:
    """One problem in the anatomy data."""

    file: str = spec(default=REQUIRED, doc="The data file.")
    record: str = spec(default=REQUIRED, doc="The record id or position.")
    field: str = spec(default=REQUIRED, doc="The field, or - for the whole record.")
    message: str = spec(default=REQUIRED, doc="What is wrong.")


@shape
class ErrorBody:
    """An error as data."""

    type: str = spec(default=REQUIRED, doc="The error class (CaseError, UnknownVesselError...).")
    message: str = spec(default=REQUIRED, doc="The message a person reads.")
    query: str | None = spec(default=None, doc="For a name error: the name as given.")
    reason: str | None = spec(default=None, doc="For a name error: why it failed.")
    suggestions: tuple[str, ...] = spec(default=(), doc="For a name error: close names.")
    suggested: tuple[SuggestionJSON, ...] = spec(default=(), doc="Close names with their ids.")
    candidates: tuple[str, ...] = spec(default=(), doc="For an ambiguous name: the vessel ids.")
    problems: tuple[CaseProblemJSON | DataProblemJSON, ...] = spec(
        default=(), doc="Every problem: of the case (where) or of the data (file, record)."
    )


@shape
class ErrorReport:
    """What every command writes on standard error under --json when it fails (exit status 2)."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    error: ErrorBody = spec(default=REQUIRED, doc="The error.")


@shape
class OptionEffectJSON:
    """An option that decided something about a placement."""

    option: str = spec(default=REQUIRED, doc="The option.")
    value: str = spec(default=REQUIRED, doc="Its value in this case.")
    alternative: str = spec(default=REQUIRED, doc="The other value.")
    rule: str = spec(default=REQUIRED, doc="The rule behind the value.")
    detail: str = spec(default=REQUIRED, doc="What it changed, and what the other gives.")


@shape
class OrderJSON:
    """A vessel of a family route with its order."""

    vessel: str = spec(default=REQUIRED, doc="Vessel id.")
    order: int = spec(default=REQUIRED, doc="Its order.")


@shape
class AccessExplained:
    """An access with its trunk."""

    id: str = spec(default=REQUIRED, doc="Access id.")
    vessel: str = spec(default=REQUIRED, doc="The vessel punctured.")
    direction: str = spec(default=REQUIRED, doc="retrograde or antegrade.")
    toward_heart: bool = spec(default=REQUIRED, doc="Whether the catheter heads to the heart.")
    system: str = spec(default=REQUIRED, doc="artery, vein or portal_vein.")
    trunk: tuple[str, ...] = spec(default=(), doc="The non-selective vessels of the access.")


@shape
class PlacementExplained:
    """A placement with its route, orders, options and notes."""

    vessel: str = spec(default=REQUIRED, doc="Vessel id.")
    selective: bool = spec(default=REQUIRED, doc="Whether it left the access trunk.")
    order: int | None = spec(default=None, doc="Its order.")
    family: str | None = spec(default=None, doc="Its family.")
    access: str = spec(default=REQUIRED, doc="Its access.")
    name: str = spec(default=REQUIRED, doc="Display name.")
    system: str = spec(default=REQUIRED, doc="The system it was coded in.")
    route: tuple[str, ...] = spec(default=(), doc="From the puncture to the vessel.")
    orders: tuple[OrderJSON, ...] = spec(default=(), doc="The family route with orders.")
    options: tuple[OptionEffectJSON, ...] = spec(default=(), doc="Options that decided.")
    explanation: tuple[str, ...] = spec(default=(), doc="Every note about it.")
    included_in: str | None = spec(
        default=None, doc="The intervention code that includes it, or null."
    )


@shape
class ExplainReport:
    """`vascular explain --json`: the result with the reasoning."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    variants: tuple[str, ...] = spec(default=(), doc="Variants applied.")
    accesses: tuple[AccessExplained, ...] = spec(default=(), doc="Each access.")
    placements: tuple[PlacementExplained, ...] = spec(default=(), doc="Each placement.")
    lines: tuple[CodeLine, ...] = spec(default=(), doc="The claim lines.")
    warnings: tuple[str, ...] = spec(default=(), doc="Warnings.")
    warning_details: tuple[WarningDetail, ...] = spec(default=(), doc="Warnings as data.")


@shape
class AccessJSON:
    """An access as a case gives it."""

    id: str | None = spec(default=None, doc="Its id, if given.")
    vessel: str = spec(default=REQUIRED, doc="The vessel punctured.")
    direction: str | None = spec(default=None, doc="retrograde or antegrade, if given.")


@shape
class ChartWayJSON:
    """One way into a position two ways reach and code differently."""

    via: str = spec(default=REQUIRED, doc="The vessel the catheter goes through (id).")
    via_name: str = spec(default=REQUIRED, doc="Its display name.")
    selective: bool = spec(default=REQUIRED, doc="Whether the position is selective this way.")
    order: int | None = spec(default=None, doc="Its order this way.")
    family: str | None = spec(default=None, doc="Its family this way.")
    code: str = spec(default="", doc="The line it gives this way.")


@shape
class ImagingCodeJSON:
    """The line a position gives with diagnostic imaging from it."""

    territory: str | None = spec(
        default=None, doc="The territory imaged; null for the one the vessel supplies."
    )
    code: str = spec(default=REQUIRED, doc="The line, as a claim writes it.")


@shape
class ChartRowJSON:
    """One vessel of a family chart."""

    vessel: str = spec(default=REQUIRED, doc="Vessel id.")
    name: str = spec(default=REQUIRED, doc="Display name.")
    depth: int = spec(default=REQUIRED, doc="Depth below the chart's root (0 for the root).")
    selective: bool = spec(default=REQUIRED, doc="Whether a catheter stopping here is selective.")
    order: int | None = spec(default=None, doc="Its order from the access.")
    family: str | None = spec(default=None, doc="Its family from the access.")
    code: str = spec(default="", doc="The line a catheter stopping here gives ('36247-LT').")
    note: str = spec(
        default="",
        doc="Why the position cannot be coded from this access (once, at the top of a subtree "
        "the access cannot reach).",
    )
    leaf: bool = spec(default=False, doc="No vessel branches from it.")
    ways: tuple[ChartWayJSON, ...] = spec(
        default=(), doc="Each way in, where two ways reach it and code differently."
    )
    imaging: tuple[ImagingCodeJSON, ...] = spec(
        default=(), doc="The lines with diagnostic imaging from here, where they differ from code."
    )
    explained_at: str | None = spec(
        default=None,
        doc="For a position the access cannot reach: the vessel whose note says why.",
    )
    variant: str | None = spec(
        default=None, doc="The applied variant or construct that puts the vessel there."
    )


@shape
class FamilyReport:
    """`vascular family VESSEL --json`: a vessel's subtree coded from an access."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    root: str = spec(default=REQUIRED, doc="The chart's root vessel.")
    access: AccessJSON = spec(default=REQUIRED, doc="The access it is coded from.")
    variants: tuple[str, ...] = spec(default=(), doc="The variants applied to the anatomy.")
    vessels: tuple[ChartRowJSON, ...] = spec(default=(), doc="Each vessel, depth first.")


@shape
class InterventionJSON:
    """One intervention code and what of the catheter work it includes."""

    code: str = spec(default=REQUIRED, doc="The code number.")
    label: str = spec(default=REQUIRED, doc="As a claim writes it (+ on an add-on).")
    family: str = spec(default=REQUIRED, doc="Its family's id.")
    family_name: str = spec(default=REQUIRED, doc="Its family in plain words.")
    summary: str = spec(default=REQUIRED, doc="This project's own summary.")
    scope: str = spec(default=REQUIRED, doc="all, territory, non-selective or none.")
    territory: tuple[str, ...] = spec(default=(), doc="The territories it includes, by name.")
    scope_accesses: str = spec(default=REQUIRED, doc="same: its own access; any: every access.")
    side_modifier: str = spec(default=REQUIRED, doc="none, or RT/LT from the treated side.")
    status: str = spec(default=REQUIRED, doc="active or deleted.")
    replaced_by: str | None = spec(default=None, doc="For a deleted code: what replaced it.")
    sources: tuple[str, ...] = spec(default=(), doc="Source ids.")
    confidence: str = spec(default=REQUIRED, doc="S, S-weak, K or D.")
    section: str = spec(default=REQUIRED, doc="Its section of the reference.")


@shape
class InterventionsReport:
    """`vascular interventions --json`: the intervention codes the engine knows."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this shape.")
    interventions: tuple[InterventionJSON, ...] = spec(default=(), doc="Each code.")


REPORT_SHAPES: dict[str, type] = {
    "family.schema.json": FamilyReport,
    "error.schema.json": ErrorReport,
    "vessel.schema.json": VesselReport,
    "vessels.schema.json": VesselsReport,
    "validate.schema.json": AtlasReport,
    "explain.schema.json": ExplainReport,
    "interventions.schema.json": InterventionsReport,
}
"""Schema file name -> the shape of the JSON it describes (the family chart adds its own)."""


# --- views ---------------------------------------------------------------------------------------


def vessel_summary(record: Vessel) -> dict[str, Any]:
    """The fields that identify a vessel and place it in the tree."""
    return {
        "id": record.id,
        "name": record.name,
        "side": record.side,
        "parent": record.parent,
        "relation": record.relation,
        "region": record.region,
    }


def search_report(anatomy: Anatomy, query: str, found: tuple[Vessel, ...]) -> dict[str, Any]:
    """The vessels a search found, best match first."""
    return {
        "schema_version": SCHEMA_VERSION,
        "query": query,
        "variants": list(anatomy.applied_variants),
        "count": len(found),
        "vessels": [{**vessel_summary(r), "aliases": list(r.aliases)} for r in found],
    }


def vessel_report(anatomy: Anatomy, record: Vessel) -> dict[str, Any]:
    """One vessel in full: its record, its chain to the root, its children and confluences."""
    return {
        "schema_version": SCHEMA_VERSION,
        "variants": list(anatomy.applied_variants),
        "vessel": record.to_json(),
        "file": anatomy.file_of(record.id),
        "tree": anatomy.tree_of(record.id).id,
        "non_selective_base": anatomy.is_base(record.id),
        "lineage": [vessel_summary(r) for r in anatomy.lineage(record.id)],
        "children": [vessel_summary(r) for r in anatomy.children(record.id)],
        "also_fed_by": [vessel_summary(r) for r in anatomy.feeders(record.id)],
    }


def atlas_report(anatomy: Anatomy) -> dict[str, Any]:
    """What a valid data directory holds: counts by tree, region and side, and the variants."""
    vessels = list(anatomy)
    return {
        "schema_version": SCHEMA_VERSION,
        "data_dir": anatomy.data_dir,
        "valid": True,
        "vessel_count": len(vessels),
        "by_tree": dict(Counter(anatomy.tree_of(v.id).id for v in vessels)),
        "by_region": dict(sorted(Counter(v.region for v in vessels).items())),
        "by_side": dict(sorted(Counter(v.side for v in vessels).items())),
        "variants": sorted(anatomy.variants),
    }


def error_report(error: VascularError) -> dict[str, Any]:
    """An error as data: its type, message and whatever a program needs to act on it."""
    report: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    if isinstance(error, VesselNameError):
        ids = getattr(error, "suggestion_ids", ())
        report |= {
            "query": error.query,
            "reason": error.reason,
            "suggestions": list(error.suggestions),
            "suggested": [
                {"id": i, "name": n} for i, n in zip(ids, error.suggestions, strict=False)
            ],
        }
    if isinstance(error, AmbiguousVesselError):
        report["candidates"] = list(error.candidates)
    if isinstance(error, AnatomyDataError):
        report["message"] = str(error).splitlines()[0]
        report["problems"] = [
            {"file": p.file, "record": p.record, "field": p.field, "message": p.message}
            for p in error.problems
        ]
    if isinstance(error, CaseError):
        report["problems"] = [
            {
                "where": p.where,
                "message": p.message,
                "suggestions": list(p.suggestions),
                "suggested": [
                    {"id": i, "name": n}
                    for i, n in zip(getattr(p, "suggestion_ids", ()), p.suggestions, strict=False)
                ],
                "candidates": list(p.candidates),
            }
            for p in error.problems
        ]
    return {"schema_version": SCHEMA_VERSION, "error": report}


_SCOPE_WORDS = {
    "all": "all the catheter work: the access, the route to the treated vessel and its territory",
    "territory": "the catheter work in its territory and on the way to the treated vessel",
    "non-selective": "only the non-selective catheter codes of the accesses used",
    "none": "no catheter work: the placements keep their codes",
}


def intervention_report(anatomy: Anatomy, code: str | None) -> tuple[dict[str, Any], str] | None:
    """Every intervention code (or one), as JSON and as text; None for a code it does not know."""
    table = anatomy.rules.table("interventions")
    wanted = code.strip().lstrip("+") if code else None
    if wanted is not None and wanted not in table.codes:
        return None
    chosen = [table.codes[wanted]] if wanted else list(table.codes.values())
    names = {f.id: f.name for f in table.table.families}
    regions = table.regions
    rows = [
        {
            "code": entry.code,
            "label": anatomy.rules.label(entry.code),
            "family": entry.family,
            "family_name": names[entry.family],
            "summary": entry.summary,
            "scope": entry.scope,
            "territory": [regions[t].spec.name for t in entry.territory],
            "scope_accesses": entry.scope_accesses,
            "side_modifier": entry.laterality,
            "status": entry.status,
            "replaced_by": entry.replaced_by,
            "sources": list(entry.sources),
            "confidence": entry.confidence,
            "section": table.sections.get(entry.family, ""),
        }
        for entry in chosen
    ]
    if wanted:
        row = rows[0]
        text = "\n".join(
            [
                f"{row['label']}: {row['summary']}",
                f"  family: {row['family_name']} (reference {row['section']})",
                f"  includes: {_SCOPE_WORDS[row['scope']]}"
                + (f" ({' or '.join(row['territory'])})" if row["territory"] else ""),
                "  from: "
                + (
                    "placements of every access"
                    if row["scope_accesses"] == "any"
                    else "placements of its own access"
                ),
                f"  side modifier: {'RT or LT' if row['side_modifier'] == 'RT/LT' else 'none'}",
                f"  status: {row['status']}"
                + (f" (replaced by {row['replaced_by']})" if row["replaced_by"] else ""),
                f"  sources: {', '.join(row['sources'])}; confidence {row['confidence']}",
            ]
        )
    else:
        width = max(len(r["label"]) for r in rows)
        text = "\n".join(
            f"{r['label']:<{width}}  {r['scope']:<13}  {r['family_name']}"
            + ("  [deleted]" if r["status"] == "deleted" else "")
            for r in rows
        )
    return {"schema_version": SCHEMA_VERSION, "interventions": rows}, text


def diagnostic_reasons(anatomy: Anatomy) -> tuple[tuple[str, bool, str], ...]:
    """Each reason a case may give for a diagnostic study at an intervention.

    Returns:
        (id, whether it makes the study reportable, what it means), in the table's order.
    """
    table = anatomy.rules.table("interventions")
    return tuple((r.id, r.qualifies, r.meaning) for r in table.table.diagnostic.reasons)


def intervention_territory(anatomy: Anatomy, code: str) -> tuple[str, frozenset[str]] | None:
    """The territory an intervention code includes: its name and the ids of its vessels.

    A territory limited to the treated side lists both sides' vessels here (the side is the case's).
    A code whose scope names no territory gives an empty name and set.

    Returns:
        (territory name, vessel ids), or None for a code the engine does not know.
    """
    table = anatomy.rules.table("interventions")
    entry = table.codes.get(code.strip().lstrip("+"))
    if entry is None:
        return None
    regions = [table.regions[t] for t in entry.territory]
    members: frozenset[str] = frozenset().union(*(r.members for r in regions))
    return " or ".join(r.spec.name for r in regions), members
