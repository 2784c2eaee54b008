"""JSON-ready views of the atlas: the stable shapes the CLI prints and other programs consume.

Pure functions from an `Anatomy` to plain dicts and lists (str, int, bool, None); no I/O.
Every shape carries ``schema_version`` at its top level; fields are only ever added, never renamed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vascular.anatomy import Anatomy
from vascular.errors import (
    AmbiguousVesselError,
    AnatomyDataError,
    CaseError,
    VascularError,
    VesselNameError,
)
from vascular.models import VesselRecord

__all__ = [
    "SCHEMA_VERSION",
    "atlas_report",
    "error_report",
    "search_report",
    "vessel_report",
    "vessel_summary",
]

SCHEMA_VERSION = 1
"""Version of the JSON shapes below."""


def vessel_summary(record: VesselRecord) -> dict[str, Any]:
    """The fields that identify a vessel and place it in the tree."""
    return {
        "id": record.id,
        "name": record.name,
        "side": record.side,
        "parent": record.parent,
        "relation": record.relation,
        "region": record.region,
    }


def search_report(anatomy: Anatomy, query: str, found: tuple[VesselRecord, ...]) -> dict[str, Any]:
    """The vessels a search found, best match first."""
    return {
        "schema_version": SCHEMA_VERSION,
        "query": query,
        "variants": list(anatomy.applied_variants),
        "count": len(found),
        "vessels": [{**vessel_summary(r), "aliases": list(r.aliases)} for r in found],
    }


def vessel_report(anatomy: Anatomy, record: VesselRecord) -> dict[str, Any]:
    """One vessel in full: its record, its chain to the root, its children and confluences."""
    return {
        "schema_version": SCHEMA_VERSION,
        "variants": list(anatomy.applied_variants),
        "vessel": record.model_dump(mode="json"),
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
        report |= {
            "query": error.query,
            "reason": error.reason,
            "suggestions": list(error.suggestions),
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
                "candidates": list(p.candidates),
            }
            for p in error.problems
        ]
    return {"schema_version": SCHEMA_VERSION, "error": report}
