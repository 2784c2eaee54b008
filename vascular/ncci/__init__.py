"""NCCI edits: import CMS's quarterly PTP and MUE files into SQLite and check a claim against them.

Not imported by ``import vascular``; callers import ``vascular.ncci``, whose names load on first
use (the command line registers its ``ncci`` commands without paying for sqlite3 or zipfile).
Pure Python on the standard library's sqlite3, zipfile and csv (openpyxl, loaded only for .xlsx
files). See docs/ncci.md.

Example::

    from vascular.ncci import NcciEdits, import_files

    import_files(["medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip"])
    with NcciEdits() as edits:
        found = edits.check([("36247", [], 1), ("36246", ["XS"], 1)], "2026-08-03", "practitioner")
    print(found.statement, [hit.text() for hit in found.problems])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vascular.ncci.checking import (
        ClaimLine,
        Coverage,
        MueHit,
        NcciCheck,
        NcciEdits,
        PtpHit,
        SourceFile,
    )
    from vascular.ncci.database import APPLICATION_ID, DB_ENV_VAR, SCHEMA_VERSION, default_db_path
    from vascular.ncci.errors import NcciClaimError, NcciDataError, NcciError
    from vascular.ncci.importing import ImportedFile, ImportReport, import_files
    from vascular.ncci.semantics import PTP_ASSOCIATED_MODIFIERS
    from vascular.ncci.status import LoadedFile, LoadedQuarter, NcciStatus, ncci_status


_WHERE = {
    "APPLICATION_ID": "vascular.ncci.database",
    "ClaimLine": "vascular.ncci.checking",
    "Coverage": "vascular.ncci.checking",
    "DB_ENV_VAR": "vascular.ncci.database",
    "ImportReport": "vascular.ncci.importing",
    "ImportedFile": "vascular.ncci.importing",
    "LoadedFile": "vascular.ncci.status",
    "LoadedQuarter": "vascular.ncci.status",
    "MueHit": "vascular.ncci.checking",
    "NcciCheck": "vascular.ncci.checking",
    "NcciClaimError": "vascular.ncci.errors",
    "NcciDataError": "vascular.ncci.errors",
    "NcciEdits": "vascular.ncci.checking",
    "NcciError": "vascular.ncci.errors",
    "NcciStatus": "vascular.ncci.status",
    "PTP_ASSOCIATED_MODIFIERS": "vascular.ncci.semantics",
    "PtpHit": "vascular.ncci.checking",
    "SCHEMA_VERSION": "vascular.ncci.database",
    "SourceFile": "vascular.ncci.checking",
    "default_db_path": "vascular.ncci.database",
    "import_files": "vascular.ncci.importing",
    "ncci_status": "vascular.ncci.status",
}

__all__ = [
    "APPLICATION_ID",
    "DB_ENV_VAR",
    "PTP_ASSOCIATED_MODIFIERS",
    "SCHEMA_VERSION",
    "ClaimLine",
    "Coverage",
    "ImportReport",
    "ImportedFile",
    "LoadedFile",
    "LoadedQuarter",
    "MueHit",
    "NcciCheck",
    "NcciClaimError",
    "NcciDataError",
    "NcciEdits",
    "NcciError",
    "NcciStatus",
    "PtpHit",
    "SourceFile",
    "default_db_path",
    "import_files",
    "ncci_status",
]


def __getattr__(name: str) -> Any:
    """Load a name from its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'vascular.ncci' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
