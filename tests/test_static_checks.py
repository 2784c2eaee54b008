"""The project's own checks run with the suite, so CI enforces them: formatting, lint and types."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PYTHON_DIRS = [d for d in ("vascular", "tui", "tests", "benchmarks") if (ROOT / d).is_dir()]


@pytest.mark.parametrize(
    "command",
    [["ruff", "format", "--check", *PYTHON_DIRS], ["ruff", "check", *PYTHON_DIRS], ["mypy"]],
    ids=["ruff-format", "ruff-check", "mypy"],
)
def test_static_check_passes(command: list[str]) -> None:
    result = subprocess.run(
        [str(BIN / command[0]), *command[1:]], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
