"""NCCI edits: import CMS's quarterly PTP and MUE files into SQLite and check a claim against them.

Not imported by ``import vascular``; callers import ``vascular.ncci``. Pure Python on the standard
library's sqlite3, zipfile and csv (openpyxl, loaded only for .xlsx files). See docs/ncci.md.

Example::

    from vascular.ncci import NcciEdits, import_files

    import_files(["medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip"])
    with NcciEdits() as edits:
        found = edits.check([("36247", [], 1), ("36246", ["XS"], 1)], "2026-08-03", "practitioner")
    print(found.statement, [hit.text() for hit in found.problems])
"""

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
