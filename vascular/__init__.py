"""vascular: turn a catheter's route through the vascular tree into CPT catheter-placement codes.

The library: a curated vessel atlas (``anatomy_data/``) validated and compiled into look-up tables,
name resolution for the names coders read in operative reports, and the coding engine
(`code_case`) that gives every code line its reasons. It never imports the app. Everything the app
and other programs may use is exported here; the modules behind it are internal.
"""

from __future__ import annotations

from typing import Any

from vascular.anatomy import Anatomy
from vascular.api import code_case, explain_case
from vascular.case import (
    TERRITORIES,
    Access,
    Case,
    Direction,
    Options,
    Placement,
    case_data,
    case_json,
    parse_case,
)
from vascular.errors import (
    AmbiguousVesselError,
    AnatomyDataError,
    CaseError,
    CaseFileError,
    CaseProblem,
    DataProblem,
    UnknownVariantError,
    UnknownVesselError,
    VascularError,
    VesselNameError,
)
from vascular.explain import (
    Explained,
    claim_form,
    claim_lines,
    claim_note,
    explanation_json,
    explanation_text,
    headline,
    line_table,
    written,
)
from vascular.family import ChartRow, FamilyChart, family_chart
from vascular.findings import Finding
from vascular.loading import clear_cache, default_data_dir, load_anatomy, read_anatomy
from vascular.names import slug
from vascular.records import Tree, Variant, Vessel
from vascular.results import CodeLine, CodingResult, PlacementResult, Reason, WarningDetail
from vascular.traversal import ImagingPosition, Reading, position_of, readings

__version__ = "0.2.0"

__all__ = [
    "TERRITORIES",
    "Access",
    "AmbiguousVesselError",
    "Anatomy",
    "AnatomyDataError",
    "Case",
    "CaseError",
    "CaseFileError",
    "CaseProblem",
    "ChartRow",
    "CodeLine",
    "CodingResult",
    "DataProblem",
    "Direction",
    "Explained",
    "FamilyChart",
    "Finding",
    "ImagingPosition",
    "Options",
    "Placement",
    "PlacementResult",
    "Reading",
    "Reason",
    "Tree",
    "TreeRecord",
    "UnknownVariantError",
    "UnknownVesselError",
    "Variant",
    "VariantRecord",
    "VascularError",
    "Vessel",
    "VesselNameError",
    "VesselRecord",
    "WarningDetail",
    "__version__",
    "case_data",
    "case_json",
    "claim_form",
    "claim_lines",
    "claim_note",
    "clear_cache",
    "code_case",
    "default_data_dir",
    "explain_case",
    "explanation_json",
    "explanation_text",
    "family_chart",
    "headline",
    "line_table",
    "load_anatomy",
    "parse_case",
    "position_of",
    "read_anatomy",
    "readings",
    "slug",
    "written",
]

_FILE_MODELS = {"TreeRecord", "VariantRecord", "VesselRecord"}


def __getattr__(name: str) -> Any:
    """The pydantic models of the data files, imported only when asked for (they need pydantic)."""
    if name in _FILE_MODELS:
        from vascular import models

        return getattr(models, name)
    raise AttributeError(f"module 'vascular' has no attribute {name!r}")
