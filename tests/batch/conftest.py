"""Fixtures for batch runs: generated cases with malformed lines, an NCCI fixture database."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from benchmarks.cases import realistic_cases
from tests.ncci.cms_files import q3_database
from vascular import load_anatomy

MALFORMED = (
    '{"accesses": [ broken',
    '{"accesses": [{"vessel": "right common femoral artery"}], "placements": [',
    "not json at all",
    '{"name": "x",}',
)


def write_cases(path: Path, count: int, malformed_share: float = 0.01, seed: int = 5) -> set[int]:
    """Write `count` inputs as JSON Lines, about `malformed_share` of them malformed.

    Returns the line numbers of the malformed ones.
    """
    rng = random.Random(seed)
    cases = realistic_cases(load_anatomy(), count, seed)
    bad: set[int] = set()
    with path.open("w", encoding="utf-8") as out:
        for number, case in enumerate(cases, start=1):
            if rng.random() < malformed_share:
                out.write(rng.choice(MALFORMED) + "\n")
                bad.add(number)
            else:
                out.write(json.dumps(case | {"name": f"case-{number}"}) + "\n")
    return bad


@pytest.fixture(autouse=True)
def _no_default_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep every test away from the user's own NCCI database."""
    monkeypatch.setenv("VASCULAR_NCCI_DB", str(tmp_path / "default" / "ncci.sqlite3"))


@pytest.fixture(scope="session")
def ncci_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the 2026 Q3 fixture quarter in CMS's layout."""
    return q3_database(tmp_path_factory.mktemp("cms"))


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
