"""The case being traced: an immutable `vascular.Case`, its history, and whether it is saved.

Textual-free. Every edit is a pure function from one `Case` to the next (`tui.editing`); the
document keeps the undo and redo stacks and knows the file it belongs to. Starting a new case or
opening another is part of the history too, so Undo right after New brings the old case back
(with its file). Whether a case is saved is a fact about its file, so it is kept per file, not
in the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vascular import Case

__all__ = ["CaseDocument", "empty_case"]


def empty_case() -> Case:
    """A case with no access yet (a placeholder access list is not allowed, so it is built raw)."""
    return Case(accesses=())


@dataclass(frozen=True)
class _State:
    case: Case
    path: Path | None


@dataclass
class CaseDocument:
    """The case on screen, with undo/redo and the path it was opened from or saved to."""

    case: Case = field(default_factory=empty_case)
    path: Path | None = None
    _saved: dict[Path, Case] = field(default_factory=dict)
    """What each file holds, as far as this document knows (written or read by it)."""
    _undo: list[_State] = field(default_factory=list)
    _redo: list[_State] = field(default_factory=list)

    @property
    def saved(self) -> Case | None:
        """The case as its file holds it (None: no file yet)."""
        return self._saved.get(self.path) if self.path is not None else None

    @property
    def dirty(self) -> bool:
        """Whether there are changes that are not saved."""
        saved = self.saved
        if saved is None:
            return bool(self.case.accesses or self.case.placements or self.case.name)
        return self.case != saved

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
        self._push(_State(case, self.path))

    def start(self, case: Case, path: Path | None) -> None:
        """Switch to a new or opened case (`path` holds it as it is); Undo switches back."""
        if path is not None:
            self._saved[path] = case
        self._push(_State(case, path))

    def _push(self, state: _State) -> None:
        self._undo.append(_State(self.case, self.path))
        self._redo.clear()
        self.case, self.path = state.case, state.path

    def undo(self) -> bool:
        """Go back one edit; False when there is none."""
        if not self._undo:
            return False
        self._redo.append(_State(self.case, self.path))
        state = self._undo.pop()
        self.case, self.path = state.case, state.path
        return True

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is none."""
        if not self._redo:
            return False
        self._undo.append(_State(self.case, self.path))
        state = self._redo.pop()
        self.case, self.path = state.case, state.path
        return True

    def mark_saved(self, path: Path) -> None:
        """The current case is now saved at `path`."""
        self.path = path
        self._saved[path] = self.case
