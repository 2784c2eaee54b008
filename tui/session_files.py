"""SessionFiles: a session's case file, its autosave and the last discarded case.

Textual-free. Opening and restoring put another case in the session's document (Undo goes back);
the autosave follows the document: there is one while there is unsaved work, none otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.autosave import Autosave, StateFolder
from tui.document import empty_case
from tui.files import case_json, read_case, write_atomically
from tui.said import Said
from vascular import Case

if TYPE_CHECKING:
    from tui.session import CaseSession

__all__ = ["SessionFiles"]


class SessionFiles:
    """The file side of a session: open, save, restore, the autosave, the discarded case."""

    def __init__(
        self, session: CaseSession, state: StateFolder | None, autosave: Autosave | None
    ) -> None:
        """Files for `session`; `state` holds the autosaves, `autosave` is this window's own."""
        self.session = session
        self.state = state
        self.autosave = autosave
        self.autosave_failed = False
        """Whether the last autosave could not be written."""

    def new(self) -> Said:
        """Start a new case (Undo brings the old one back)."""
        self.session.document.start(empty_case(), None)
        self.session.switched()
        return Said("New case: add an access (Ctrl+T). Ctrl+Z brings the last one back.", "success")

    def open(self, path: Path) -> Said:
        """Open a case file; a case that cannot be coded yet opens with its problems marked.

        Raises:
            CaseFileError: the file is not a case (not JSON, wrong shape); nothing changed.
        """
        case = read_case(path, self.session.anatomy)
        self.session.document.start(case, path)
        self.session.switched()
        count = len(self.session.problems)
        if count:
            return Said(
                f"Opened {path}: it cannot be coded yet ({count} problem(s) marked in the case "
                "list: Delete removes, r replaces).",
                "error",
            )
        return Said(f"Opened {path}.", "success")

    def restore(self, case: Case, source: str) -> Said:
        """Bring back an autosaved or discarded case, unsaved as it was (Undo goes back)."""
        self.session.document.start(case, None)
        self.session.switched()
        return Said(f"Restored {source}: save it (Ctrl+S).", "success")

    def save(self, path: Path) -> Said:
        """Save the case to `path` (atomically)."""
        if not self.session.case.accesses:
            return Said("Nothing to save yet: add an access first.", "error")
        try:
            write_atomically(path, case_json(self.session.case))
        except OSError as error:
            return Said(f"Not saved: {error}", "error")
        self.session.document.mark_saved(path)
        self.sync()
        return Said(f"Saved {path}.", "success")

    def keep_discarded(self) -> Said | None:
        """The case is about to be discarded: keep it as the last discarded case."""
        if self.state is None or not self.session.case.accesses:
            return None
        try:
            self.state.keep_discarded(self.session.case)
        except OSError as error:
            return Said(f"The discarded case could not be kept: {error}", "error")
        return None

    def close(self, keep: bool = True) -> None:
        """The window is closing: let go of the autosave.

        With `keep`, it stays on disk when there is unsaved work (the next start offers it);
        without, the coder chose to leave the unsaved work (it was kept as discarded).
        """
        if self.autosave is None:
            return
        if keep:
            self.sync()
        else:
            self.autosave.clear()
        self.autosave.close()
        self.autosave = None

    def sync(self) -> None:
        """Keep unsaved work on disk; nothing unsaved, no autosave."""
        if self.autosave is None:
            return
        try:
            if self.session.document.dirty and self.session.case.accesses:
                self.autosave.write(self.session.case)
            else:
                self.autosave.clear()
        except OSError:
            self.autosave_failed = True
        else:
            self.autosave_failed = False
