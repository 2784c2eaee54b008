"""MainScreen: the vessel browser and search; the case, its codes and the reasoning.

Layout and the messages from the widgets; the state is in `case_state`, the actions in
`case_actions`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label

from tui.actions import bindings
from tui.screens.case_actions import CaseActions
from tui.widgets.case_view import CaseView
from tui.widgets.code_table import CodeTable
from tui.widgets.message_line import MessageLine
from tui.widgets.rationale_view import RationaleView
from tui.widgets.vessel_search import VesselSearch
from tui.widgets.vessel_tree import VesselTree

__all__ = ["MainScreen"]


class MainScreen(CaseActions):
    """Trace a case and watch the codes build."""

    BINDINGS = bindings()

    def compose(self) -> ComposeResult:
        """Two columns, a message line, the footer."""
        yield Header()
        with Horizontal(id="columns"):
            with Vertical(id="left"):
                yield VesselSearch(self.anatomy, id="search")
                yield Label("Atlas (order from the current access)", classes="panel-title")
                yield VesselTree(self.anatomy, id="tree")
            with Vertical(id="right"):
                yield Label("Case", classes="panel-title")
                yield CaseView(id="case")
                yield Label("Codes", classes="panel-title")
                yield CodeTable(id="codes")
                yield Label("Reasoning", classes="panel-title")
                yield RationaleView(id="rationale")
        yield MessageLine(id="message")
        yield Footer()

    def on_mount(self) -> None:
        """Show the (empty) case and start in the search box; open a file or offer the autosave."""
        self.refresh_case()
        self.query_one(VesselSearch).focus_input()
        self.say("Add an access first (Ctrl+T), then type the vessels the catheter entered.")
        if self.opening is not None:
            self.open_path(self.opening)
        elif self.offer_autosave:
            self.offer_restore()

    # --- messages from the widgets ---------------------------------------------------------------

    @on(VesselSearch.VesselChosen)
    @on(VesselTree.VesselChosen)
    def _vessel_chosen(self, event: VesselSearch.VesselChosen | VesselTree.VesselChosen) -> None:
        self.add_placement(event.vessel)

    @on(VesselSearch.NameRefused)
    def _name_refused(self, event: VesselSearch.NameRefused) -> None:
        self.say(event.reason, "error")

    @on(CaseView.RowChosen)
    def _row_chosen(self, event: CaseView.RowChosen) -> None:
        case = self.document.case
        if event.kind == "access":
            self.current_access = case.accesses[event.index].id
            self._update_readings()
            self.selected = ("access", event.index)
        else:
            self.selected = ("placement", event.index)
            self.current_access = case.placements[event.index].access or self.current_access
            self._update_readings()
        self._show_rationale()

    @on(CodeTable.LineHighlighted)
    def _line_chosen(self, event: CodeTable.LineHighlighted) -> None:
        self.selected = ("line", event.index)
        self._show_rationale()
