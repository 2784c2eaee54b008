"""Autosaves: one per window in the state folder, orphans offered back, a discarded case kept.

Textual-free, POSIX. Each window (app process) keeps its unsaved case in its own file,
`autosave-<pid>.json`, and holds an advisory lock (`flock`) on `autosave-<pid>.lock` for as long
as it runs; the kernel drops the lock when the process ends, however it ends. An autosave whose
lock nobody holds is an orphan: its window is gone, and the next window to start offers its case
back, holding the lock while it asks so that no other window offers it too. A live window's
autosave is locked, so it is never offered elsewhere. The case a coder discards is kept as
`autosave.discarded.json` (the last one only), from where it can be recovered.
"""

from __future__ import annotations

import fcntl
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

from tui.files import case_json, write_atomically
from vascular import Case

__all__ = ["DISCARDED", "Autosave", "Orphan", "StateFolder", "state_folder"]

DISCARDED = "autosave.discarded.json"
"""The file name of the last discarded case, in the state folder."""


def state_folder() -> Path:
    """Where the app keeps its autosaves: $VASCULAR_STATE_DIR, else the XDG state folder."""
    override = os.environ.get("VASCULAR_STATE_DIR")
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "vascular-coding"


def _lock(path: Path, create: bool) -> int | None:
    """An open descriptor holding an exclusive lock on `path`; None when someone else holds it."""
    try:
        handle = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o600)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        return None
    return handle


class Autosave:
    """This window's autosave file, locked for as long as the window runs."""

    def __init__(self, path: Path, handle: int) -> None:
        """The autosave at `path`; `handle` holds the lock on its lock file."""
        self.path = path
        self._handle: int | None = handle

    @property
    def lock_path(self) -> Path:
        """The lock file beside the autosave."""
        return self.path.with_suffix(".lock")

    def write(self, case: Case) -> None:
        """Keep `case` on disk (atomically).

        Raises:
            OSError: the state folder cannot be written.
        """
        write_atomically(self.path, case_json(case))

    def clear(self) -> None:
        """Nothing unsaved: no autosave."""
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Let go of the lock (at exit); a clean window also removes its lock file."""
        if self._handle is None:
            return
        if not self.path.exists():
            self.lock_path.unlink(missing_ok=True)
        os.close(self._handle)
        self._handle = None


@dataclass
class Orphan:
    """An autosave left by a window that is gone, locked by this window while it is offered."""

    path: Path
    modified: float
    """When it was last written (seconds since the epoch)."""
    _handle: int | None

    def release(self) -> None:
        """Leave it for later (another window, or the next start, may offer it)."""
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

    def remove(self) -> None:
        """It was restored: remove it and its lock file."""
        self.path.unlink(missing_ok=True)
        self.path.with_suffix(".lock").unlink(missing_ok=True)
        self.release()


class StateFolder:
    """The folder of the autosaves and of the last discarded case."""

    def __init__(self, folder: Path) -> None:
        """The state folder (created when first written)."""
        self.folder = folder

    @property
    def discarded(self) -> Path:
        """Where the last discarded case is kept."""
        return self.folder / DISCARDED

    def claim(self) -> Autosave:
        """This window's own autosave: the first `autosave-<pid>[-n]` no one holds or left.

        Raises:
            OSError: the state folder cannot be created or written.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        pid = os.getpid()
        for number in itertools.count(1):
            stem = f"autosave-{pid}" if number == 1 else f"autosave-{pid}-{number}"
            path = self.folder / f"{stem}.json"
            handle = _lock(path.with_suffix(".lock"), create=True)
            if handle is None:
                continue  # another window of this process
            if path.exists():
                os.close(handle)  # left by a window that is gone: an orphan, not ours
                continue
            return Autosave(path, handle)
        raise AssertionError("unreachable")  # pragma: no cover

    def orphans(self, own: Autosave | None = None) -> list[Orphan]:
        """The autosaves whose windows are gone, newest first, each locked until released."""
        found: list[Orphan] = []
        if not self.folder.is_dir():
            return found
        candidates = [*self.folder.glob("autosave-*.json"), self.folder / "autosave.json"]
        for path in candidates:
            if (own is not None and path == own.path) or not path.is_file():
                continue
            handle = _lock(path.with_suffix(".lock"), create=True)
            if handle is None:
                continue  # a live window's
            try:
                modified = path.stat().st_mtime
            except FileNotFoundError:  # its window ended cleanly just now
                os.close(handle)
                continue
            found.append(Orphan(path, modified, handle))
        return sorted(found, key=lambda orphan: orphan.modified, reverse=True)

    def keep_discarded(self, case: Case) -> None:
        """Keep a discarded case (the last one only) so it can be recovered.

        Raises:
            OSError: the state folder cannot be written.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.discarded, case_json(case))

    def discard_orphan(self, orphan: Orphan) -> None:
        """An orphan the coder discarded becomes the last discarded case.

        Raises:
            OSError: the state folder cannot be written.
        """
        os.replace(orphan.path, self.discarded)
        orphan.remove()
