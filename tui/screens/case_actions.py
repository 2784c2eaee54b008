"""The main screen's actions: every edit, file operation and view the coder can reach.

Kept apart from the layout and the state so each module stays small. Every edit goes through the
pure functions of `tui.editing` and `CaseScreen.try_apply`, which lets the library refuse what it
cannot code; file work goes through `tui.files`.
"""

from __future__ import annotations

from pathlib import Path

from tui import editing
from tui.document import empty_case
from tui.files import EXPORTS, CaseFileError, case_json, export_text, read_case, write_atomically
from tui.screens.access_dialog import AccessDialog
from tui.screens.case_state import CaseScreen
from tui.screens.confirm_dialog import ConfirmDialog, MessageDialog
from tui.screens.family import FamilyScreen
from tui.screens.help import HelpScreen
from tui.screens.imaging_dialog import ImagingDialog
from tui.screens.path_dialog import PathDialog
from tui.screens.settings import SettingsScreen
from tui.widgets.case_view import CaseView
from tui.widgets.code_table import CodeTable
from tui.widgets.vessel_search import VesselSearch
from tui.widgets.vessel_tree import VesselTree
from vascular import Access, Direction, Options, VascularError, family_chart, position_of, slug

__all__ = ["CaseActions"]

_DEFAULT_ACCESS = "right_common_femoral_artery"


class CaseActions(CaseScreen):
    """Actions of the main screen."""

    # --- tracing ----------------------------------------------------------------------------------

    def action_add_access(self) -> None:
        """Ask for the vessel punctured and the direction, then add the access."""

        def added(choice: tuple[str, Direction | None] | None) -> None:
            if choice is None:
                return
            vessel, direction = choice
            case = editing.add_access(self.document.case, vessel, direction)
            if self.try_apply(
                case, f"Access {case.accesses[-1].id} added: {self.anatomy.vessel(vessel).name}."
            ):
                self.current_access = case.accesses[-1].id
                self.refresh_case(self.explained)
                self.query_one(VesselSearch).focus_input()

        self.app.push_screen(AccessDialog(self.anatomy), added)

    def add_placement(self, vessel: str) -> None:
        """Add a placement through the current access and show the line that codes it."""
        if self.current_access is None:
            self.say("Add an access first (Ctrl+T): the vessel punctured.", "error")
            return
        case = editing.add_placement(self.document.case, vessel, self.current_access)
        name = self.anatomy.vessel(vessel).name
        if not self.try_apply(case, f"Placement added: {name} (access {self.current_access})."):
            return
        result = self.explained.result if self.explained else None
        if result is None:
            return
        for number, line in enumerate(result.lines):
            if vessel in line.vessels:
                self.selected = ("line", number)
                self.query_one(CodeTable).move_cursor(row=number)
                break
        else:
            self.selected = ("placement", len(case.placements) - 1)
        self._show_rationale()

    def _placement_index(self) -> int | None:
        selected = self.selected
        if (
            selected
            and selected[0] == "placement"
            and selected[1] < len(self.document.case.placements)
        ):
            return selected[1]
        self.say("Select a placement in the case list first (Ctrl+L).", "error")
        return None

    def action_remove_placement(self) -> None:
        """Remove the selected placement, or the selected access with its placements."""
        case = self.document.case
        if self.selected is not None and self.selected[0] == "access":
            access = case.accesses[self.selected[1]]
            self.try_apply(
                editing.remove_access(case, access.id or "A"), f"Access {access.id} removed."
            )
            return
        index = self._placement_index()
        if index is not None:
            self.try_apply(editing.remove_placement(case, index), f"Placement {index + 1} removed.")

    def _move(self, step: int) -> None:
        index = self._placement_index()
        if index is None:
            return
        case = editing.move_placement(self.document.case, index, step)
        if self.try_apply(case, "Placement moved."):
            self.selected = ("placement", index + step)
            self.query_one(CaseView).select_placement(index + step, len(case.accesses))

    def action_move_up(self) -> None:
        """Move the selected placement earlier."""
        self._move(-1)

    def action_move_down(self) -> None:
        """Move the selected placement later."""
        self._move(1)

    def action_toggle_imaging(self) -> None:
        """Set or clear imaging; ask for territories where the position can image several."""
        index = self._placement_index()
        if index is None:
            return
        case = self.document.case
        placement = case.placements[index]
        anatomy = self.explained.anatomy if self.explained else self.anatomy
        record = (
            anatomy.vessel(placement.vessel)
            if placement.vessel in anatomy
            else anatomy.resolve(placement.vessel)
        )
        position = position_of(anatomy, record)
        if position is None or (len(position.can_image) <= 1 and position.true_means != "ask"):
            value = not placement.imaged
            self.try_apply(
                editing.set_imaging(case, index, value), f"Imaging {'set' if value else 'cleared'}."
            )
            return

        def chosen(imaging: bool | list[str] | None) -> None:
            if imaging is not None:
                self.try_apply(
                    editing.set_imaging(self.document.case, index, imaging), "Imaging set."
                )

        self.app.push_screen(
            ImagingDialog(record.name.lower(), position.can_image, placement.territories()), chosen
        )

    def action_toggle_sampling(self) -> None:
        """Turn blood sampling of the selected placement on or off."""
        index = self._placement_index()
        if index is not None:
            self.try_apply(editing.toggle_sampling(self.document.case, index), "Sampling changed.")

    def action_switch_access(self) -> None:
        """Move the selected placement to the next access."""
        index = self._placement_index()
        if index is None:
            return
        case = self.document.case
        ids = [a.id or "A" for a in case.accesses]
        if len(ids) < 2:
            self.say("There is only one access: add another (Ctrl+T) to switch to it.", "error")
            return
        current = case.placements[index].access or ids[0]
        target = ids[(ids.index(current) + 1) % len(ids)]
        self.try_apply(
            editing.set_access_of(case, index, target),
            f"Placement {index + 1} is now through access {target}.",
        )

    def action_undo(self) -> None:
        """Undo the last change."""
        if self.document.undo():
            self.refresh_case()
            self.say("Undone.", "success")
        else:
            self.say("Nothing to undo.")

    def action_redo(self) -> None:
        """Redo the last undone change."""
        if self.document.redo():
            self.refresh_case()
            self.say("Redone.", "success")
        else:
            self.say("Nothing to redo.")

    # --- focus and views --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Type a vessel."""
        self.query_one(VesselSearch).focus_input()

    def action_focus_tree(self) -> None:
        """Browse the atlas."""
        self.query_one(VesselTree).focus()

    def action_focus_case(self) -> None:
        """Go to the case list."""
        self.query_one(CaseView).focus()

    def action_family_view(self) -> None:
        """The family chart of the vessel in the tree, or of the selected placement or line."""
        root = self._chosen_vessel()
        if root is None:
            self.say("Choose a vessel first: in the tree, or a placement or code line.", "error")
            return
        case = self.document.case
        anatomy = self.explained.anatomy if self.explained else self.anatomy
        access = next((a for a in case.accesses if a.id == self.current_access), None)
        puncture = (
            Access(vessel=access.vessel, direction=access.direction)
            if access
            else Access(vessel=_DEFAULT_ACCESS)
        )
        try:
            chart = family_chart(
                anatomy, root, puncture, case.options if case.accesses else Options()
            )
        except VascularError as error:
            self.say(f"No chart from this access: {error}", "error")
            return
        source = anatomy.vessel(puncture.vessel).name.lower()
        heading = puncture.direction or "toward the heart"
        title = f"{anatomy.vessel(root).name}: orders and codes from the {source} ({heading})"
        self.app.push_screen(FamilyScreen(chart, title))

    def _chosen_vessel(self) -> str | None:
        tree = self.query_one(VesselTree)
        if tree.has_focus and tree.cursor_node is not None and tree.cursor_node.data:
            return tree.cursor_node.data
        result = self.explained.result if self.explained else None
        if result and self.selected and self.selected[0] == "placement":
            placement = result.placements[self.selected[1]]
            return placement.family or placement.vessel
        if result and self.selected and self.selected[0] == "line" and result.lines:
            line = result.lines[min(self.selected[1], len(result.lines) - 1)]
            return line.family or (line.vessels[0] if line.vessels else None)
        if tree.cursor_node is not None and tree.cursor_node.data:
            return tree.cursor_node.data
        return None

    def action_settings(self) -> None:
        """Case name, options and variants."""

        def chosen(settings: tuple[str | None, Options, list[str]] | None) -> None:
            if settings is None:
                return
            name, options, variants = settings
            case = editing.set_options(self.document.case, options)
            case = editing.set_variants(case, variants)
            self.try_apply(editing.rename(case, name), "Settings applied.")

        self.app.push_screen(SettingsScreen(self.document.case, self.anatomy), chosen)

    def action_help(self) -> None:
        """List the keys."""
        self.app.push_screen(HelpScreen())

    # --- files ------------------------------------------------------------------------------------

    def _then_if_saved(self, question: str, then: object) -> None:
        if not self.document.dirty:
            then()  # type: ignore[operator]
            return

        def answered(discard: bool | None) -> None:
            if discard:
                then()  # type: ignore[operator]

        self.app.push_screen(ConfirmDialog(question, "Discard changes", "Keep editing"), answered)

    def action_new_case(self) -> None:
        """Start a new case (asks first when there are unsaved changes)."""

        def new() -> None:
            self.clear_autosave()
            self.document.replace(empty_case(), None)
            self.refresh_case()
            self.say("New case: add an access (Ctrl+T).", "success")

        self._then_if_saved("Start a new case? The changes to this one are not saved.", new)

    def action_open_case(self) -> None:
        """Open a case file; a damaged file shows its error and leaves this case as it was."""

        def opened(choice: tuple[Path, str] | None) -> None:
            if choice is None:
                return
            path = choice[0]
            try:
                case = read_case(path, self.anatomy)
            except CaseFileError as error:
                self.app.push_screen(
                    MessageDialog("This file cannot be opened; your case is unchanged.", str(error))
                )
                self.say(f"Not opened: {path}", "error")
                return
            self.document.replace(case, path)
            self.selected = None
            self.refresh_case()
            self.say(f"Opened {path}.", "success")

        default = self.document.path or Path.cwd() / "case.json"
        self._then_if_saved(
            "Open another case? The changes to this one are not saved.",
            lambda: self.app.push_screen(
                PathDialog("Open a case file", default, "Open", must_exist=True), opened
            ),
        )

    def open_path(self, path: Path) -> None:
        """Open a case file; a damaged or foreign file shows its error and changes nothing."""
        try:
            case = read_case(path, self.anatomy)
        except CaseFileError as error:
            self.app.push_screen(
                MessageDialog("This file cannot be opened; your case is unchanged.", str(error))
            )
            self.say(f"Not opened: {path}", "error")
            return
        self.clear_autosave()
        self.document.replace(case, path)
        self.selected = None
        self.refresh_case()
        self.say(f"Opened {path}.", "success")

    def offer_restore(self) -> None:
        """Offer the autosave left by a session that did not end; discard it when declined."""
        autosave = self.autosave
        if autosave is None:
            return

        def answered(restore: bool | None) -> None:
            if not restore:
                self.clear_autosave()
                return
            try:
                case = read_case(autosave, self.anatomy)
            except CaseFileError as error:
                self.app.push_screen(
                    MessageDialog("The autosave is damaged; not restored.", str(error))
                )
                return
            self.document.apply(case)
            self.refresh_case()
            self.say("Restored the unsaved case from the autosave: save it (Ctrl+S).", "success")

        question = "An unsaved case was left by a session that did not end. Restore it?"
        self.app.push_screen(ConfirmDialog(question, "Restore", "Discard"), answered)

    def action_save_case(self) -> None:
        """Save to the case's file (asks for one the first time)."""
        if self.document.path is None:
            self.action_save_as()
        else:
            self._save(self.document.path)

    def action_save_as(self) -> None:
        """Save under a new name."""
        name = slug(self.document.case.name or "") or "case"
        default = self.document.path or Path.cwd() / f"{name}.json"
        self.app.push_screen(
            PathDialog("Save the case as", default, "Save"),
            lambda choice: self._save(choice[0]) if choice else None,
        )

    def _save(self, path: Path) -> None:
        if not self.document.case.accesses:
            self.say("Nothing to save yet: add an access first.", "error")
            return
        try:
            write_atomically(path, case_json(self.document.case))
        except OSError as error:
            self.say(f"Not saved: {error}", "error")
            return
        self.document.mark_saved(path)
        self.clear_autosave()
        self.refresh_case()
        self.say(f"Saved {path}.", "success")

    def action_export(self) -> None:
        """Export the result as JSON, the claim lines, or a claim note."""
        explained = self.explained
        if explained is None:
            self.say("Nothing to export yet: the case has no code lines.", "error")
            return
        stem = (self.document.path.name.split(".")[0] if self.document.path else None) or "case"
        folder = self.document.path.parent if self.document.path else Path.cwd()
        kinds = {str(kind): (label, suffix) for kind, (suffix, label) in EXPORTS.items()}

        def chosen(choice: tuple[Path, str] | None) -> None:
            if choice is None:
                return
            path, kind = choice
            try:
                write_atomically(path, export_text(kind, explained))  # type: ignore[arg-type]
            except OSError as error:
                self.say(f"Not exported: {error}", "error")
                return
            self.say(f"Exported {EXPORTS[kind][1]} to {path}.", "success")  # type: ignore[index]

        self.app.push_screen(
            PathDialog("Export the result", folder / f"{stem}.result.json", "Export", kinds), chosen
        )

    def run_named(self, name: str) -> None:
        """Run an action by name (the command palette's way in)."""
        getattr(self, f"action_{name}")()

    def action_quit(self) -> None:
        """Quit; asks first when there are unsaved changes."""

        def leave() -> None:
            self.clear_autosave()
            self.app.exit()

        self._then_if_saved("Quit without saving? The changes to this case will be lost.", leave)
