"""The one way in to the atlas: `load_anatomy`, with a build cache keyed by content.

The only module that knows where the embedded data lives (`default_data_dir`). Loading a data
directory builds it (`vascular.build`: YAML, pydantic, cross-checks, compile) the first time, and
keeps the compiled `Anatomy` twice: in memory for the rest of the process, and on disk under the
user's cache folder, keyed by a hash of every data file and of the library's own source, so the
next process loads it in milliseconds and a changed file or a changed library always rebuilds
(never a stale build). A cache that cannot be read or written is ignored. Invalid data is never
cached: it raises one `AnatomyDataError` listing every problem, every time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vascular.errors import AnatomyDataError, DataProblem

if TYPE_CHECKING:
    from vascular.anatomy import Anatomy

__all__ = ["cache_dir", "clear_cache", "default_data_dir", "load_anatomy", "read_anatomy"]

_MEMO: dict[Path, Anatomy] = {}
_EMBEDDED = Path("<embedded>")
_CACHE_FORMAT = b"vascular-atlas-1"


def default_data_dir() -> Path:
    """The embedded atlas: packaged in an installed wheel, or ``anatomy_data/`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "_anatomy_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "anatomy_data"


def cache_dir() -> Path | None:
    """Where compiled builds are kept: $VASCULAR_CACHE_DIR, else the XDG cache folder.

    None when caching is turned off (``VASCULAR_CACHE_DIR`` set to an empty string).
    """
    override = os.environ.get("VASCULAR_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vascular-coding"


def load_anatomy(data_dir: str | Path | None = None) -> Anatomy:
    """The validated, compiled anatomy of `data_dir` (default: the embedded atlas).

    Kept for the rest of the process once loaded; read from the on-disk build cache when its
    files are unchanged.

    Raises:
        AnatomyDataError: the data is invalid; every problem is listed.
    """
    if data_dir is None:
        embedded = _MEMO.get(_EMBEDDED)
        if embedded is not None:
            return embedded
        anatomy = load_anatomy(default_data_dir())
        _MEMO[_EMBEDDED] = anatomy
        return anatomy
    path = Path(data_dir).resolve()
    found = _MEMO.get(path)
    if found is None:
        found = _load(path)
        _MEMO[path] = found
        # the atlas lives as long as the process: keep the garbage collector from walking its
        # tens of thousands of objects again at every collection while cases are coded
        gc.freeze()
    return found


def clear_cache() -> None:
    """Forget the anatomies loaded in this process (the on-disk builds stay valid by content)."""
    _MEMO.clear()


def read_anatomy(data_dir: str | Path) -> Anatomy:
    """Build `data_dir` afresh from its files, bypassing every cache (as `vascular validate` does).

    Raises:
        AnatomyDataError: the data is invalid; every problem is listed.
    """
    from vascular.build import build_anatomy

    return build_anatomy(data_dir, default_data_dir())


def _load(path: Path) -> Anatomy:
    if not path.is_dir():
        raise AnatomyDataError(str(path), [DataProblem(".", "-", "-", "not a directory")])
    folder = cache_dir()
    key = _content_key(path) if folder is not None else None
    if folder is not None and key is not None:
        cached = _read_cache(folder / f"atlas-{key}.pickle", path)
        if cached is not None:
            return cached
    anatomy = read_anatomy(path)
    if folder is not None and key is not None:
        _write_cache(folder / f"atlas-{key}.pickle", anatomy)
    return anatomy


def _content_key(path: Path) -> str | None:
    """A hash of every data file the build reads and of the library's source; None if unreadable."""
    from vascular.datafiles import data_files

    digest = hashlib.sha256(_CACHE_FORMAT)
    digest.update(f"{sys.version_info[:2]}|{path}".encode())
    try:
        for file in [*data_files(path, default_data_dir()), *_library_sources()]:
            digest.update(str(file).encode())
            digest.update(file.read_bytes() if file.is_file() else b"<missing>")
    except OSError:
        return None
    return digest.hexdigest()[:40]


def _library_sources() -> list[Path]:
    package = Path(__file__).resolve().parent
    return sorted(package.rglob("*.py"))


def _read_cache(file: Path, path: Path) -> Anatomy | None:
    try:
        with file.open("rb") as stream:
            if stream.read(len(_CACHE_FORMAT)) != _CACHE_FORMAT:
                return None
            anatomy = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    from vascular.anatomy import Anatomy

    if not isinstance(anatomy, Anatomy) or Path(anatomy.data_dir).resolve() != path:
        return None
    return anatomy


def _write_cache(file: Path, anatomy: Anatomy) -> None:
    from vascular.replacing import replacing

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with replacing(file, "wb") as stream:
            stream.write(_CACHE_FORMAT)
            pickle.dump(anatomy, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return
