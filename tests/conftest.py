"""Shared fixtures: the small test anatomy, the real atlas, hypothesis profiles."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from vascular import Anatomy, default_data_dir, load_anatomy

# compiled atlas builds: one folder shared by every worker and run (keyed by content, so never
# stale), never the user's own cache
os.environ.setdefault(
    "VASCULAR_CACHE_DIR", str(Path(tempfile.gettempdir()) / "vascular-test-cache")
)

# the NCCI database: never the user's own (the NCCI tests build theirs; the app's tests see none
# unless they hand one in)
os.environ["VASCULAR_NCCI_DB"] = str(
    Path(tempfile.gettempdir()) / "vascular-test-no-ncci" / "absent" / "ncci.sqlite3"
)

DATA = Path(__file__).parent / "data"
MINI_DIR = DATA / "mini_anatomy"
INVALID_DIR = DATA / "invalid"

settings.register_profile("dev", max_examples=100)
settings.register_profile(
    "ci", max_examples=200, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def mini_anatomy() -> Anatomy:
    return load_anatomy(MINI_DIR)


@pytest.fixture(scope="session")
def atlas() -> Anatomy:
    return load_anatomy()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini anatomy, to break in one place."""
    target = tmp_path / "anatomy"
    shutil.copytree(MINI_DIR, target)
    return target


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    return default_data_dir()
