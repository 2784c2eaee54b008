"""ViewActions: moving between panels, the family chart and the help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.screens.family import FamilyScreen
from tui.screens.glossary import GlossaryScreen
from tui.screens.help import HelpScreen
from tui.screens.trainer import TrainerScreen
from tui.session import Said
from tui.widgets.case_view import CaseView
from tui.widgets.vessel_search import VesselSearch
from tui.widgets.vessel_tree import VesselTree
from vascular import (
    Access,
    Anatomy,
    Options,
    VascularError,
    family_chart,
    glossary_entries,
    intervention_territory,
)

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

__all__ = ["ViewActions"]

_DEFAULT_ACCESS = "right_common_femoral_artery"


class ViewActions:
    """The views of the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        """Views of `screen`'s session."""
        self.screen = screen
        self.session = screen.session

    def focus_search(self) -> None:
        """Type a vessel."""
        self.screen.query_one(VesselSearch).focus_input()

    def focus_tree(self) -> None:
        """Browse the atlas."""
        self.screen.query_one(VesselTree).focus()

    def focus_case(self) -> None:
        """Go to the case list."""
        self.screen.query_one(CaseView).focus()

    def help(self) -> None:
        """List the keys."""
        self.screen.app.push_screen(HelpScreen())

    def glossary(self) -> None:
        """The glossary, with the rules and sources of the selected line (or placement) first."""
        session = self.session
        anatomy = session.explained.anatomy if session.explained else session.anatomy
        result = session.explained.result if session.explained else None
        cited: list[str] = []
        selected = session.selected
        if result and selected and selected[0] == "line" and result.lines:
            line = result.lines[min(selected[1], len(result.lines) - 1)]
            for reason in line.reasons:
                cited += [reason.rule, *reason.sources]
        self.screen.app.push_screen(GlossaryScreen(glossary_entries(anatomy.rules), cited))

    def family_view(self) -> None:
        """The family chart of the vessel in the tree, or of the selected placement or line.

        For a selected intervention (or a line it includes) the chart starts at the top of its
        territory around the treated vessel, with the territory marked.
        """
        code, treated = self._chosen_intervention()
        root = treated or self._chosen_vessel()
        if root is None:
            self.screen.say(
                Said("Choose a vessel first: in the tree, or a placement or code line.", "error")
            )
            return
        session = self.session
        case = session.case
        anatomy = session.explained.anatomy if session.explained else session.anatomy
        access = next((a for a in case.accesses if (a.id or "A") == session.current_access), None)
        puncture = (
            Access(vessel=access.vessel, direction=access.direction)
            if access
            else Access(vessel=_DEFAULT_ACCESS)
        )
        try:
            chart = family_chart(
                anatomy, root, puncture, case.options if case.accesses else Options()
            )
            source = anatomy.name(anatomy.lookup(puncture.vessel, "access").id)
        except VascularError as error:
            self.screen.say(Said(f"No chart from this access: {error}", "error"))
            return
        heading = puncture.direction or "toward the heart"
        title = f"{anatomy.vessel(root).name}: orders and codes from the {source} ({heading})"
        self.screen.app.push_screen(FamilyScreen(chart, title, anatomy, code))

    def _chosen_intervention(self) -> tuple[str | None, str | None]:
        """The selected intervention's code and the top of its territory around the vessel."""
        session = self.session
        explained = session.explained
        selected = session.selected
        if explained is None or selected is None:
            return None, None
        result = explained.result
        kind, index = selected
        code = None
        if kind == "intervention" and index < len(session.case.interventions):
            code = session.case.interventions[index].code.lstrip("+")
        elif kind == "included" and index < len(result.included_lines):
            code = result.included_lines[index].included_in
        if code is None:
            return None, None
        own = next((line for line in result.lines if line.entered and line.code == code), None)
        if own is None or not own.vessels:
            return code, None
        return code, _territory_top(explained.anatomy, code, own.vessels[0])

    def trainer(self) -> None:
        """The trainer: exercise sets on the session's atlas."""
        self.screen.app.push_screen(TrainerScreen(self.session.anatomy))

    def _chosen_vessel(self) -> str | None:
        """The vessel in the tree, or of the selected placement or line."""
        tree = self.screen.query_one(VesselTree)
        if tree.has_focus and tree.cursor_node is not None and tree.cursor_node.data:
            return tree.cursor_node.data
        session = self.session
        result = session.explained.result if session.explained else None
        selected = session.selected
        if (
            result
            and selected
            and selected[0] == "placement"
            and selected[1] < len(result.placements)
        ):
            placement = result.placements[selected[1]]
            return placement.family or placement.vessel
        if result and selected and selected[0] == "line" and result.lines:
            line = result.lines[min(selected[1], len(result.lines) - 1)]
            return line.family or (line.vessels[0] if line.vessels else None)
        if tree.cursor_node is not None and tree.cursor_node.data:
            return tree.cursor_node.data
        return None


def _territory_top(anatomy: Anatomy, code: str, vessel: str) -> str:
    """The highest vessel above `vessel` still inside the code's territory (else `vessel`)."""
    found = intervention_territory(anatomy, code)
    members = found[1] if found else frozenset()
    top = vessel
    parent = anatomy.parent(top)
    while parent is not None and parent.id in members:
        top = parent.id
        parent = anatomy.parent(top)
    return top
