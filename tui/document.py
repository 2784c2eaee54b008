"""The case being traced: an immutable `vascular.Case`, its history, and whether it is saved.

Textual-free. Every edit is a pure function from one `Case` to the next (`tui.editing`); the
document keeps the undo and redo stacks and knows the file it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vascular import Case

__all__ = ["CaseDocument", "empty_case"]


def empty_case() -> Case:
    """A case with no access yet (a placeholder access list is not allowed, so it is built raw)."""
    return Case(accesses=())


@dataclass
class CaseDocument:
    """The case on screen, with undo/redo and the path it was opened from or saved to."""

    case: Case = field(default_factory=empty_case)
    path: Path | None = None
    saved: Case | None = None
    """The case as last saved or opened (None: never saved)."""
    _undo: list[Case] = field(default_factory=list)
    _redo: list[Case] = field(default_factory=list)

    @property
    def dirty(self) -> bool:
        """Whether there are changes that are not saved."""
        if self.saved is None:
            return bool(self.case.accesses or self.case.placements or self.case.name)
        return self.case != self.saved

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return bool(self._redo)

    def apply(self, case: Case) -> None:
        """Make `case` current; the previous case can be undone."""
        if case == self.case:
            return
        self._undo.append(self.case)
        self._redo.clear()
        self.case = case

    def undo(self) -> bool:
        """Go back one edit; False when there is none."""
        if not self._undo:
            return False
        self._redo.append(self.case)
        self.case = self._undo.pop()
        return True

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is none."""
        if not self._redo:
            return False
        self._undo.append(self.case)
        self.case = self._redo.pop()
        return True

    def mark_saved(self, path: Path) -> None:
        """The current case is now saved at `path`."""
        self.path = path
        self.saved = self.case

    def replace(self, case: Case, path: Path | None) -> None:
        """Start over with an opened (or new) case: no history, saved as it is."""
        self.case = case
        self.path = path
        self.saved = case if path is not None else None
        self._undo.clear()
        self._redo.clear()
