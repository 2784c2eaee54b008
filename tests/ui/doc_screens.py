"""Write the README's screenshots of the app: ``python -m tests.ui.doc_screens [FOLDER]``.

docs/main-screen.svg: a case traced key by key on the embedded atlas (right CFA; left internal
iliac, left uterine, GDA, right hepatic, SMA). docs/ncci-screen.svg: a claim an NCCI edit denies,
checked against a database of the synthetic 2026 Q3 files in CMS's layouts (`tests.ncci.cms_files`;
never CMS's own). Both are taken from the app as a coder drives it, with no state folder.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from tests.ncci.cms_files import q3_files
from tests.ui.conftest import NCCI_CASE, add_access, add_placement, settle
from tui.app import make_app
from vascular import load_anatomy
from vascular.ncci import import_files

SIZE = (150, 48)


async def _main_screen(folder: Path) -> None:
    app = make_app(load_anatomy(), cursor_blink=False, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await add_access(pilot, "right common femoral artery")
        for vessel in ("left internal iliac", "left uterine", "GDA", "R HA", "SMA"):
            await add_placement(pilot, vessel)
        await settle(pilot)
        app.save_screenshot("main-screen.svg", str(folder))


async def _ncci_screen(folder: Path, work: Path) -> None:
    db = work / "ncci.sqlite3"
    import_files(q3_files(work), db)
    case = work / "case.json"
    claim = {**NCCI_CASE, "date_of_service": "2026-08-03", "claim_codes": [{"code": "36246"}]}
    case.write_text(json.dumps(claim), encoding="utf-8")
    app = make_app(load_anatomy(), case_path=case, cursor_blink=False, autosave=False, ncci_db=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.save_screenshot("ncci-screen.svg", str(folder))


def main(argv: list[str]) -> int:
    """Write both screenshots into the folder given (default: docs/)."""
    folder = Path(argv[0]) if argv else Path(__file__).parents[2] / "docs"
    with tempfile.TemporaryDirectory() as work:
        asyncio.run(_main_screen(folder))
        asyncio.run(_ncci_screen(folder, Path(work)))
    sys.stdout.write(f"wrote {folder / 'main-screen.svg'} and {folder / 'ncci-screen.svg'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
