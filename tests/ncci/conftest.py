"""Fixtures: synthetic CMS files for 2026 Q3 and Q4, and databases built from them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ncci.cms_files import q3_files, q4_files
from vascular.ncci import NcciEdits, import_files


@pytest.fixture(autouse=True)
def _no_default_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep every test away from the user's own database."""
    monkeypatch.setenv("VASCULAR_NCCI_DB", str(tmp_path / "default" / "ncci.sqlite3"))


@pytest.fixture(scope="session")
def cms_q3(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return q3_files(tmp_path_factory.mktemp("q3"))


@pytest.fixture(scope="session")
def cms_q4(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return q4_files(tmp_path_factory.mktemp("q4"))


@pytest.fixture(scope="session")
def loaded_db(
    tmp_path_factory: pytest.TempPathFactory, cms_q3: list[Path], cms_q4: list[Path]
) -> Path:
    """A database holding both quarters (read-only use: tests must not change it)."""
    db = tmp_path_factory.mktemp("db") / "ncci.sqlite3"
    import_files([*cms_q3, *cms_q4], db)
    return db


@pytest.fixture
def edits(loaded_db: Path) -> Iterator[NcciEdits]:
    with NcciEdits(loaded_db) as opened:
        yield opened
