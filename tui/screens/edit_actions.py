"""EditActions: the main screen's edits (accesses, placements, imaging, settings, undo).

Each asks the session to make the change (the library refuses what it cannot code) and has the
screen show the outcome. What Enter adds from the search box is the library's reading of the
typed text (`tui.naming`); a match that is not what was typed is confirmed first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import naming
from tui.editing import CaseSettings
from tui.screens.access_dialog import AccessDialog
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.imaging_dialog import ImagingDialog
from tui.screens.intervention_dialog import InterventionDialog
from tui.screens.settings import SettingsScreen
from tui.session import Said
from vascular import Anatomy, Direction, Intervention, VascularError, position_of

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

__all__ = ["EditActions"]


class EditActions:
    """The edits of the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        """Edits on `screen`'s session."""
        self.screen = screen
        self.session = screen.session

    # --- adding -----------------------------------------------------------------------------------

    def add_access(self) -> None:
        """Ask for the vessel punctured and the direction, then add the access."""

        def added(choice: tuple[str, Direction | None] | None) -> None:
            if choice is None:
                return
            said = self.session.add_access(*choice)
            self.screen.show(said)
            if said.ok:
                self.screen.panels.search.focus_input()

        self.screen.app.push_screen(AccessDialog(self.anatomy), added)

    @property
    def anatomy(self) -> Anatomy:
        """The atlas."""
        return self.session.anatomy

    def add_typed(self, text: str) -> None:
        """Enter on the typed text: add what the library reads it as, or refuse with its reason."""
        decision = naming.decide(self.anatomy, text)
        if decision.vessel is None:
            offered = any(e.vessel for e in naming.entries(self.anatomy, text))
            hint = " Down picks one of the matches." if offered else ""
            self.screen.show(Said(f"Not added: {decision.reason}.{hint}", "error"))
            return
        self.add_vessel(decision.vessel, text, decision.how)

    def add_entry(self, entry: naming.Entry, typed: str) -> None:
        """A match chosen with Down and Enter; one that is not what was typed is confirmed."""
        vessel = entry.vessel
        if vessel is None:
            return
        if entry.kind == "reading":
            self.add_typed(typed)
            return
        if entry.typed:
            self.add_vessel(vessel, typed)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.add_vessel(vessel, typed)
            else:
                self.screen.panels.search.focus_input()

        self.screen.app.push_screen(
            ConfirmDialog(
                f"Add the {entry.label}?",
                "Add it",
                "Back",
                detail=f"You typed {typed!r}, which does not name this vessel.",
            ),
            answered,
        )

    def add_vessel(self, vessel: str, typed: str = "", how: str = "") -> None:
        """Add a placement (or set the vessel of the placement being replaced)."""
        said = self.session.add_vessel(vessel, typed, how)
        if said.ok:
            self.screen.panels.search.clear()
        self.screen.show(said)

    # --- changing ---------------------------------------------------------------------------------

    def remove_placement(self) -> None:
        """Remove the selected placement, or the selected access with its placements."""
        self.screen.show(self.session.remove_selected())

    def move_up(self) -> None:
        """Move the selected placement earlier."""
        self.screen.show(self.session.move(-1))

    def move_down(self) -> None:
        """Move the selected placement later."""
        self.screen.show(self.session.move(1))

    def toggle_sampling(self) -> None:
        """Turn blood sampling of the selected placement on or off."""
        self.screen.show(self.session.toggle_sampling())

    def switch_access(self) -> None:
        """Move the selected placement to the next access."""
        self.screen.show(self.session.switch_access())

    def toggle_imaging(self) -> None:
        """Set or clear imaging; ask for territories where the position can image several."""
        session = self.session
        index = session.placement_index()
        if index is None:
            self.screen.show(Said("Select a placement in the case list first (Ctrl+L).", "error"))
            return
        placement = session.case.placements[index]
        explained = session.explained
        anatomy = explained.anatomy if explained else self.anatomy
        vessel = explained.result.placements[index].vessel if explained else placement.vessel
        try:
            record = anatomy.lookup(vessel)
        except VascularError as error:
            self.screen.show(Said(f"Not done: {error}", "error"))
            return
        position = position_of(anatomy, record)
        if position is None or (len(position.can_image) <= 1 and position.true_means != "ask"):
            self.screen.show(session.set_imaging(index, not placement.imaged))
            return

        def chosen(imaging: bool | list[str] | None) -> None:
            if imaging is not None:
                self.screen.show(session.set_imaging(index, imaging))

        self.screen.app.push_screen(
            ImagingDialog(anatomy.name(record.id), position.can_image, placement.territories()),
            chosen,
        )

    def add_intervention(self, index: int | None = None) -> None:
        """Ask for an intervention (or, with `index`, change that one); the library checks it."""
        session = self.session
        case = session.case
        if not case.accesses:
            self.screen.show(Said("Add an access first (Ctrl+T): the vessel punctured.", "error"))
            return
        names = session.names()
        accesses = [
            (access.id or "A", names.get(access.vessel, access.vessel)) for access in case.accesses
        ]
        entry = case.interventions[index] if index is not None else None

        def check(intervention: Intervention) -> list[str]:
            return session.interventions.problems(intervention, index)

        def chosen(intervention: Intervention | None) -> None:
            if intervention is not None:
                self.screen.show(session.interventions.add(intervention, index))

        explained = session.explained
        self.screen.app.push_screen(
            InterventionDialog(
                explained.anatomy if explained else self.anatomy,
                accesses,
                check,
                entry,
                access=session.current_access,
                vessel_name=names.get(entry.vessel, entry.vessel) if entry else "",
                title=f"Intervention {index + 1}: change it"
                if index is not None
                else ("Add an intervention"),
                action="Change" if index is not None else "Add",
            ),
            chosen,
        )

    def replace_vessel(self) -> None:
        """Choose the vessel of the selected placement (or access) again; change an intervention."""
        session = self.session
        intervention = session.interventions.selected()
        if intervention is not None:
            self.add_intervention(intervention)
            return
        access = session.selected_access()
        if access is not None:
            self._replace_access(access)
            return
        started = session.start_replacing()
        if started is None:
            self.screen.show(Said("Select a placement in the case list first (Ctrl+L).", "error"))
            return
        said, text = started
        search = self.screen.panels.search
        search.focus_input()
        search.set_text(text, selected=True)
        self.screen.say(said)

    def _replace_access(self, index: int) -> None:
        access = self.session.case.accesses[index]

        def chosen(choice: tuple[str, Direction | None] | None) -> None:
            if choice is not None:
                self.screen.show(self.session.replace_access(index, *choice))
                self.screen.panels.case.focus()

        self.screen.app.push_screen(
            AccessDialog(
                self.anatomy,
                f"Access {access.id or 'A'}: the vessel punctured",
                access.vessel,
                access.direction,
                "Change",
            ),
            chosen,
        )

    def settings(self) -> None:
        """Case name, options and variants."""

        def chosen(settings: CaseSettings | None) -> None:
            if settings is not None:
                self.screen.show(self.session.change_settings(settings))

        self.screen.app.push_screen(SettingsScreen(self.session.case, self.anatomy), chosen)

    def undo(self) -> None:
        """Undo the last change (New and Open too)."""
        self.screen.show(self.session.undo())

    def redo(self) -> None:
        """Redo the last undone change."""
        self.screen.show(self.session.redo())
