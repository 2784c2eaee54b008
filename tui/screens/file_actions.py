"""FileActions: new, open, save, export, recover and quit, never losing unsaved work.

New, Open, Recover and Quit with unsaved changes ask first: Save (the default; asks for a path
when the case has none, then goes on), Discard (the case is kept as the last discarded case, and
Undo after New brings it back) or Cancel. At start, autosaves left by windows that are gone are
offered back one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.autosave import Orphan
from tui.files import EXPORTS, CaseFileError, export_text, read_case, write_atomically
from tui.screens.confirm_dialog import MessageDialog
from tui.screens.path_dialog import PathDialog
from tui.screens.recover_dialog import RecoverDialog, Recovery
from tui.screens.unsaved_dialog import Answer, UnsavedDialog
from tui.session import Said
from vascular import Case, slug

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

__all__ = ["FileActions"]


class FileActions:
    """The file actions of the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        """File actions on `screen`'s session."""
        self.screen = screen
        self.session = screen.session

    # --- asking before losing work ----------------------------------------------------------------

    def when_saved(self, doing: str, then: Callable[[], None]) -> None:
        """Run `then` once the changes are saved or discarded; nothing when cancelled."""
        if not self.session.document.dirty:
            then()
            return

        def answered(answer: Answer | None) -> None:
            if answer == "save":
                self._save_then(then)
            elif answer == "discard":
                self.screen.say(self.session.files.keep_discarded())
                then()

        self.screen.app.push_screen(UnsavedDialog(doing), answered)

    def _save_then(self, then: Callable[[], None]) -> None:
        path = self.session.document.path
        if path is not None:
            if self._save(path):
                then()
            return

        def chosen(path: Path) -> None:
            if self._save(path):
                then()

        self._ask_path(chosen)

    def _ask_path(self, chosen: Callable[[Path], object]) -> None:
        name = slug(self.session.case.name or "") or "case"
        default = self.session.document.path or Path.cwd() / f"{name}.json"

        def answered(choice: tuple[Path, str] | None) -> None:
            if choice is not None:
                chosen(choice[0])

        self.screen.app.push_screen(PathDialog("Save the case as", default, "Save"), answered)

    def _save(self, path: Path) -> bool:
        said = self.session.files.save(path)
        self.screen.show(said)
        return said.ok

    # --- the actions ------------------------------------------------------------------------------

    def new_case(self) -> None:
        """Start a new case (asks first when there are unsaved changes)."""
        self.when_saved("Start a new case", lambda: self.screen.show(self.session.files.new()))

    def open_case(self) -> None:
        """Open a case file; a file that is not a case shows why and changes nothing."""
        default = self.session.document.path or Path.cwd() / "case.json"

        def ask() -> None:
            self.screen.app.push_screen(
                PathDialog("Open a case file", default, "Open", must_exist=True),
                lambda choice: self.open_path(choice[0]) if choice else None,
            )

        self.when_saved("Open another case", ask)

    def open_path(self, path: Path) -> None:
        """Open `path` now (the unsaved changes were dealt with)."""
        try:
            said = self.session.files.open(path)
        except CaseFileError as error:
            self.screen.app.push_screen(
                MessageDialog("This file is not a case; your case is unchanged.", str(error))
            )
            self.screen.say(Said(f"Not opened: {path}", "error"))
            return
        self.screen.show(said)

    def read_note(self) -> None:
        """Read a procedure note into a case: the proposal beside the note, step by step."""
        from tui.screens.note_screen import NoteScreen

        def used(case: Case | None) -> None:
            if case is not None:
                count = len(case.placements)
                self.screen.show(
                    self.session.apply(
                        case,
                        f"Case read from the note: {len(case.accesses)} access(es), {count} "
                        "placement(s); the note is kept with the case (Undo brings back the "
                        "previous case).",
                    )
                )

        self.screen.app.push_screen(
            NoteScreen(self.session.anatomy, self.session.case.note or ""), used
        )

    def save_case(self) -> None:
        """Save to the case's file (asks for one the first time)."""
        path = self.session.document.path
        if path is None:
            self.save_as()
        else:
            self._save(path)

    def save_as(self) -> None:
        """Save under a new name."""
        self._ask_path(self._save)

    def export(self) -> None:
        """Export the result as JSON, the claim lines, or a claim note."""
        explained = self.session.explained
        if explained is None:
            self.screen.say(Said("Nothing to export yet: the case has no code lines.", "error"))
            return
        path = self.session.document.path
        stem = (path.name.split(".")[0] if path else None) or "case"
        folder = path.parent if path else Path.cwd()
        kinds = {str(kind): (label, suffix) for kind, (suffix, label) in EXPORTS.items()}

        def chosen(choice: tuple[Path, str] | None) -> None:
            if choice is None:
                return
            target, kind = choice
            try:
                text = export_text(kind, explained, self.session.ncci.claim)  # type: ignore[arg-type]
                write_atomically(target, text)
            except OSError as error:
                self.screen.say(Said(f"Not exported: {error}", "error"))
                return
            described = EXPORTS[kind][1]  # type: ignore[index]
            self.screen.say(Said(f"Exported {described} to {target}.", "success"))

        self.screen.app.push_screen(
            PathDialog("Export the result", folder / f"{stem}.result.json", "Export", kinds), chosen
        )

    def recover_discarded(self) -> None:
        """Bring back the last discarded case (the current one, if discarded, takes its place)."""
        state = self.session.files.state
        if state is None or not state.discarded.is_file():
            self.screen.say(Said("No discarded case to recover.", "error"))
            return
        try:
            case = read_case(state.discarded, self.session.anatomy)
        except CaseFileError as error:
            self.screen.app.push_screen(
                MessageDialog("The discarded case cannot be read.", str(error))
            )
            return
        self.when_saved(
            "Recover the last discarded case",
            lambda: self.screen.show(self.session.files.restore(case, "the last discarded case")),
        )

    def quit(self) -> None:
        """Quit; asks first when there are unsaved changes."""

        def leave() -> None:
            self.session.files.close(keep=False)
            self.screen.app.exit()

        self.when_saved("Quit", leave)

    # --- at start ---------------------------------------------------------------------------------

    def offer_orphans(self, orphans: list[Orphan]) -> None:
        """Offer back, newest first, the unsaved cases of windows that are gone."""
        while orphans:
            orphan = orphans.pop(0)
            try:
                case = read_case(orphan.path, self.session.anatomy)
            except CaseFileError as error:
                orphan.release()
                self.screen.say(Said(f"An autosave cannot be read: {error}", "error"))
                continue
            self._offer(orphan, case, orphans)
            return

    def _offer(self, orphan: Orphan, case: Case, rest: list[Orphan]) -> None:
        def answered(answer: Recovery | None) -> None:
            if answer == "restore":
                said = self.session.files.restore(case, "the autosave of a window that is gone")
                orphan.remove()
                for other in rest:
                    other.release()
                if rest:
                    said = Said(f"{said.text} {len(rest)} more kept for the next start.", said.kind)
                self.screen.show(said)
            elif answer == "discard":
                if self.session.files.state is not None:
                    try:
                        self.session.files.state.discard_orphan(orphan)
                    except OSError as error:
                        self.screen.say(Said(f"Not discarded: {error}", "error"))
                orphan.release()
                self.offer_orphans(rest)
            else:
                orphan.release()
                for other in rest:
                    other.release()

        self.screen.app.push_screen(RecoverDialog(case, orphan.modified, len(rest)), answered)
