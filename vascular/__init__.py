"""vascular: turn a catheter's route through the vascular tree into CPT catheter-placement codes.

The library: a curated vessel atlas (``anatomy_data/``) loaded into a validated, frozen networkx
graph, name resolution for the names coders read in operative reports, and the coding engine
(`code_case`) that gives every code line its reasons. It never imports the app.
"""

from vascular.anatomy import Anatomy
from vascular.case import Access, Case, Options, Placement
from vascular.coding import code_case
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
from vascular.loading import clear_cache, default_data_dir, load_anatomy, read_anatomy
from vascular.models import TreeRecord, VariantRecord, VesselRecord
from vascular.results import CodeLine, CodingResult, PlacementResult, Reason

__all__ = [
    "Access",
    "AmbiguousVesselError",
    "Anatomy",
    "AnatomyDataError",
    "Case",
    "CaseError",
    "CaseFileError",
    "CaseProblem",
    "CodeLine",
    "CodingResult",
    "DataProblem",
    "Options",
    "Placement",
    "PlacementResult",
    "Reason",
    "TreeRecord",
    "UnknownVariantError",
    "UnknownVesselError",
    "VariantRecord",
    "VascularError",
    "VesselNameError",
    "VesselRecord",
    "clear_cache",
    "code_case",
    "default_data_dir",
    "load_anatomy",
    "read_anatomy",
]
