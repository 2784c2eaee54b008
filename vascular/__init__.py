"""vascular: turn a catheter's route through the vascular tree into CPT catheter-placement codes.

The library: a curated vessel atlas (``anatomy_data/``) validated and compiled into look-up tables,
name resolution for the names coders read in operative reports, and the coding engine
(`code_case`) that gives every code line its reasons. It never imports the app. Everything the app
and other programs may use is exported here; the modules behind it are internal.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vascular.anatomy import Anatomy
    from vascular.api import code_case, explain_case
    from vascular.case import (
        MAX_NOTE_CHARS,
        TERRITORIES,
        Access,
        BilledLine,
        Case,
        Diagnostic,
        Direction,
        Intervention,
        Options,
        Placement,
        case_data,
        case_json,
        parse_case,
    )
    from vascular.claim_check import (
        ClaimChecker,
        ClaimNcci,
        NcciSettings,
        hit_words,
        ncci_db_path,
        ncci_text,
    )
    from vascular.errors import (
        AmbiguousVesselError,
        AnatomyDataError,
        CaseError,
        CaseFileError,
        CaseProblem,
        DataProblem,
        NoteError,
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
    from vascular.family import (
        ChartRow,
        ChartWay,
        FamilyChart,
        ImagingCode,
        family_chart,
        position_words,
    )
    from vascular.findings import Finding
    from vascular.glossary import GlossaryEntry, glossary_entries, glossary_lookup
    from vascular.loading import clear_cache, default_data_dir, load_anatomy, read_anatomy
    from vascular.names import NameReading, Role, Suggestion, slug
    from vascular.reading import NoteReading, read_note
    from vascular.records import Tree, Variant, Vessel
    from vascular.replacing import write_replacing
    from vascular.reports import diagnostic_reasons, intervention_report, intervention_territory
    from vascular.results import (
        CodeLine,
        CodingResult,
        IncludedLine,
        PlacementResult,
        Reason,
        WarningDetail,
    )

    # the trainer (vascular.training)
    from vascular.training import (
        ExerciseError,
        ExerciseSet,
        ProgressFile,
        Question,
        QuizSession,
        TraceWalk,
        Verdict,
        brief_reasoning,
        make_set,
        training_levels,
    )
    from vascular.training.progress import session_record
    from vascular.traversal import ImagingPosition, Reading, position_of, readings

__version__ = "0.2.0"

__all__ = [
    "MAX_NOTE_CHARS",
    "TERRITORIES",
    "Access",
    "AmbiguousVesselError",
    "Anatomy",
    "AnatomyDataError",
    "BilledLine",
    "Case",
    "CaseError",
    "CaseFileError",
    "CaseProblem",
    "ChartRow",
    "CodeLine",
    "CodingResult",
    "DataProblem",
    "Diagnostic",
    "Direction",
    "ExerciseError",
    "ExerciseSet",
    "Explained",
    "FamilyChart",
    "Finding",
    "ImagingPosition",
    "IncludedLine",
    "Intervention",
    "NameReading",
    "NoteError",
    "NoteReading",
    "Options",
    "Placement",
    "PlacementResult",
    "ProgressFile",
    "Question",
    "QuizSession",
    "Reading",
    "Reason",
    "Role",
    "Suggestion",
    "TraceWalk",
    "Tree",
    "TreeRecord",
    "UnknownVariantError",
    "UnknownVesselError",
    "Variant",
    "VariantRecord",
    "VascularError",
    "Verdict",
    "Vessel",
    "VesselNameError",
    "VesselRecord",
    "WarningDetail",
    "__version__",
    "brief_reasoning",
    "case_data",
    "case_json",
    "claim_form",
    "claim_lines",
    "claim_note",
    "clear_cache",
    "code_case",
    "default_data_dir",
    "diagnostic_reasons",
    "explain_case",
    "explanation_json",
    "explanation_text",
    "family_chart",
    "headline",
    "intervention_report",
    "intervention_territory",
    "line_table",
    "load_anatomy",
    "make_set",
    "parse_case",
    "position_of",
    "read_anatomy",
    "read_note",
    "readings",
    "session_record",
    "slug",
    "training_levels",
    "write_replacing",
    "written",
]

# Printable family charts, exercise sheets and the glossary.
__all__ += [
    "ChartWay",
    "GlossaryEntry",
    "ImagingCode",
    "glossary_entries",
    "glossary_lookup",
    "position_words",
]

# The NCCI check of a coded claim (the edits themselves: vascular.ncci).
__all__ += [
    "ClaimChecker",
    "ClaimNcci",
    "NcciSettings",
    "hit_words",
    "ncci_db_path",
    "ncci_text",
]

_WHERE: dict[str, str] = {
    "Access": "vascular.case",
    "AmbiguousVesselError": "vascular.errors",
    "Anatomy": "vascular.anatomy",
    "AnatomyDataError": "vascular.errors",
    "BilledLine": "vascular.case",
    "Case": "vascular.case",
    "CaseError": "vascular.errors",
    "CaseFileError": "vascular.errors",
    "CaseProblem": "vascular.errors",
    "ChartRow": "vascular.family",
    "CodeLine": "vascular.results",
    "CodingResult": "vascular.results",
    "DataProblem": "vascular.errors",
    "Diagnostic": "vascular.case",
    "Direction": "vascular.case",
    "Explained": "vascular.explain",
    "FamilyChart": "vascular.family",
    "Finding": "vascular.findings",
    "ImagingPosition": "vascular.traversal",
    "IncludedLine": "vascular.results",
    "Intervention": "vascular.case",
    "NameReading": "vascular.names",
    "Role": "vascular.names",
    "Suggestion": "vascular.names",
    "Options": "vascular.case",
    "Placement": "vascular.case",
    "PlacementResult": "vascular.results",
    "Reading": "vascular.traversal",
    "Reason": "vascular.results",
    "TERRITORIES": "vascular.case",
    "Tree": "vascular.records",
    "UnknownVariantError": "vascular.errors",
    "UnknownVesselError": "vascular.errors",
    "Variant": "vascular.records",
    "VascularError": "vascular.errors",
    "Vessel": "vascular.records",
    "VesselNameError": "vascular.errors",
    "WarningDetail": "vascular.results",
    "case_data": "vascular.case",
    "case_json": "vascular.case",
    "claim_form": "vascular.explain",
    "claim_lines": "vascular.explain",
    "claim_note": "vascular.explain",
    "clear_cache": "vascular.loading",
    "code_case": "vascular.api",
    "default_data_dir": "vascular.loading",
    "explain_case": "vascular.api",
    "explanation_json": "vascular.explain",
    "explanation_text": "vascular.explain",
    "family_chart": "vascular.family",
    "headline": "vascular.explain",
    "line_table": "vascular.explain",
    "load_anatomy": "vascular.loading",
    "parse_case": "vascular.case",
    "position_of": "vascular.traversal",
    "read_anatomy": "vascular.loading",
    "readings": "vascular.traversal",
    "slug": "vascular.names",
    "write_replacing": "vascular.replacing",
    "written": "vascular.explain",
    "TreeRecord": "vascular.models",
    "VariantRecord": "vascular.models",
    "VesselRecord": "vascular.models",
    "diagnostic_reasons": "vascular.reports",
    "intervention_report": "vascular.reports",
    "intervention_territory": "vascular.reports",
}
_WHERE |= {
    "ChartWay": "vascular.family",
    "ImagingCode": "vascular.family",
    "position_words": "vascular.family",
    "GlossaryEntry": "vascular.glossary",
    "glossary_entries": "vascular.glossary",
    "glossary_lookup": "vascular.glossary",
    # the trainer
    "ExerciseError": "vascular.training",
    "ExerciseSet": "vascular.training",
    "ProgressFile": "vascular.training",
    "Question": "vascular.training",
    "QuizSession": "vascular.training",
    "TraceWalk": "vascular.training",
    "Verdict": "vascular.training",
    "training_levels": "vascular.training",
    "brief_reasoning": "vascular.training",
    "make_set": "vascular.training",
    "session_record": "vascular.training.progress",
    "NoteError": "vascular.errors",
    "NoteReading": "vascular.reading",
    "read_note": "vascular.reading",
    "MAX_NOTE_CHARS": "vascular.case",
    "ClaimChecker": "vascular.claim_check",
    "ClaimNcci": "vascular.claim_check",
    "NcciSettings": "vascular.claim_check",
    "hit_words": "vascular.claim_check",
    "ncci_db_path": "vascular.claim_check",
    "ncci_text": "vascular.claim_check",
}
"""Where each public name lives: `import vascular` loads nothing else until a name is used, so
the command line pays only for what a command needs."""


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (and keep it)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'vascular' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names."""
    return sorted(__all__)
