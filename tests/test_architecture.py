"""The boundaries of ARCHITECTURE.md, checked: the library never loads the app or a UI toolkit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_library_loads_no_ui_toolkit() -> None:
    code = (
        "import sys, vascular, vascular.cli, vascular.coding, vascular.explain, vascular.family;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'tui', 'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_data_directory_holds_no_code() -> None:
    assert not list((ROOT / "anatomy_data").rglob("*.py"))
