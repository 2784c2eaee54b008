"""Case files: atomic save, safe open, the autosave, and exports of the result.

Textual-free. A saved case is exactly the JSON `vascular code` reads. Saving writes a temporary file
beside the target and renames it over the target, so a crash never leaves half a file. Opening a
file checks its shape with the library before anything on screen changes: a file that is not a
case is refused; a case whose names or routes the engine cannot code yet opens, with its problems
marked for the coder to fix (`tui.coding`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from vascular import (
    Anatomy,
    Case,
    CaseFileError,
    ClaimNcci,
    Explained,
    VascularError,
    case_data,
    claim_form,
    claim_note,
    ncci_text,
    parse_case,
    write_replacing,
)
from vascular import case_json as _library_case_json

__all__ = [
    "EXPORTS",
    "CaseFileError",
    "case_json",
    "export_text",
    "read_case",
    "write_atomically",
]

ExportKind = Literal["json", "lines", "note"]
EXPORTS: dict[ExportKind, tuple[str, str]] = {
    "json": (".result.json", "the result as JSON"),
    "lines": (".claim.txt", "the claim lines"),
    "note": (".note.txt", "a claim note listing the vessels selectively catheterized"),
}
"""Export kind -> (file suffix, description)."""


def case_json(case: Case) -> str:
    """The case as the JSON `vascular code` reads (ids for vessels, every access named)."""
    return _library_case_json(case)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename.

    Raises:
        OSError: the folder cannot be written; the target is left as it was.
    """
    write_replacing(path.expanduser(), text)


def read_case(path: Path, anatomy: Anatomy) -> Case:
    """Open a case file and check its shape with the library (its names are read when coded).

    Raises:
        CaseFileError: the file cannot be read, is not JSON, or is not a case (unknown or missing
            fields, wrong types); the message names the file and what is wrong.
    """
    name = str(path)
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileError(f"{name}: cannot be read ({error})") from None
    data = case_data(text, name)
    try:
        return parse_case(data, anatomy.rules)
    except VascularError as error:
        raise CaseFileError(f"{name}: {error}") from None


def export_text(kind: ExportKind, explained: Explained, ncci: ClaimNcci | None = None) -> str:
    """The result as JSON, as the claim lines, or as a claim note.

    With the NCCI check (`ncci`, when a database is there) the JSON gets ``ncci`` and the note the
    check under it, as ``vascular code --ncci`` writes them; the claim lines stay bare.
    """
    if kind == "json":
        data = explained.result.to_json()
        if ncci is not None:
            data["ncci"] = ncci.to_json()
        return json.dumps(data, indent=2) + "\n"
    if kind == "lines":
        return claim_form(explained.result) + "\n"
    note = claim_note(explained)
    if ncci is not None:
        note += "\n\n" + ncci_text(ncci.to_json())
    return note + "\n"
