"""MainScreen: the vessel browser and search; the case, its codes and the reasoning.

The screen lays the panels out and shows what its `CaseSession` holds (attributes down); the
widgets' messages come up to it, and the actions of `tui.actions` run in three small handlers
(edit, file, view) that it composes. Below 100 columns the panels stack; below 30 rows they
share the height.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from tui import naming
from tui.actions import action, bindings
from tui.screens.edit_actions import EditActions
from tui.screens.file_actions import FileActions
from tui.screens.view_actions import ViewActions
from tui.session import CaseSession, Said
from tui.widgets.case_view import CaseView
from tui.widgets.code_table import CodeTable
from tui.widgets.message_line import MessageLine
from tui.widgets.rationale_view import RationaleView
from tui.widgets.vessel_search import VesselSearch
from tui.widgets.vessel_tree import VesselTree

__all__ = ["NARROW", "SHORT", "MainScreen", "Panels"]

NARROW = 100
"""Below this many columns the panels stack."""
SHORT = 30
"""Below this many rows the panels share the height."""


@dataclass(frozen=True)
class Panels:
    """The screen's widgets, found once when it is mounted."""

    search: VesselSearch
    tree: VesselTree
    case: CaseView
    status: Static
    codes: CodeTable
    ncci: Static
    rationale: RationaleView
    message: MessageLine


class MainScreen(Screen[None]):
    """Trace a case and watch the codes build."""

    BINDINGS = bindings()

    def __init__(
        self, session: CaseSession, start: Callable[[MainScreen], None] | None = None
    ) -> None:
        """The screen over a session (its atlas, case and autosave); `start` runs once it is up."""
        super().__init__()
        self.session = session
        self._start = start
        self.anatomy = session.anatomy
        self.edits = EditActions(self)
        self.files = FileActions(self)
        self.views = ViewActions(self)

    def compose(self) -> ComposeResult:
        """Two columns (stacked when narrow), a message line, the footer."""
        yield Header()
        with Horizontal(id="columns"):
            with Vertical(id="left"):
                yield VesselSearch(id="search")
                yield Label("Atlas (order from the current access)", classes="panel-title")
                yield VesselTree(self.anatomy, id="tree")
            with Vertical(id="right"):
                yield Label("Case", classes="panel-title")
                yield CaseView(id="case")
                yield Label("Codes", classes="panel-title")
                yield Static("", id="codes-status", markup=False)
                yield CodeTable(id="codes")
                yield Static("", id="codes-ncci", markup=False)
                yield Label("Reasoning", classes="panel-title")
                yield RationaleView(id="rationale")
        yield MessageLine(id="message")
        yield Footer()

    def on_mount(self) -> None:
        """Show the (empty) case and start in the search box."""
        self.panels = Panels(
            self.query_one(VesselSearch),
            self.query_one(VesselTree),
            self.query_one(CaseView),
            self.query_one("#codes-status", Static),
            self.query_one(CodeTable),
            self.query_one("#codes-ncci", Static),
            self.query_one(RationaleView),
            self.query_one(MessageLine),
        )
        self.show()
        self.panels.search.focus_input()
        self.say(Said("Add an access first (Ctrl+T), then type the vessels the catheter entered."))
        if self._start is not None:
            self._start(self)

    def on_resize(self, event: events.Resize) -> None:
        """Stack the panels on a narrow terminal; share the height on a short one."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.height < SHORT, "-short")

    def on_unmount(self) -> None:
        """Let go of the autosave (it stays on disk only when there is unsaved work)."""
        self.session.files.close()

    # --- showing ----------------------------------------------------------------------------------

    def say(self, said: Said | None) -> None:
        """Show a message on the message line."""
        if said is not None:
            self.panels.message.say(said.text, said.kind)

    def show(self, said: Said | None = None) -> None:
        """Show the session everywhere: the case, its codes, the orders in the tree, the reasons."""
        session = self.session
        explained = session.explained
        result = explained.result if explained else None
        case_view = self.panels.case
        case_view.show(
            session.case,
            result.placements if result else None,
            session.names(),
            session.row_problems(),
            session.interventions.readings(),
        )
        if session.selected and session.selected[0] not in ("line", "claim", "included"):
            kind, index = session.selected
            case_view.select_row(kind, index)
        status = self.panels.status
        text = session.status()
        if str(status.content) != text:
            status.update(text)
        status.display = bool(text)
        codes = self.panels.codes
        codes.show(
            result.lines if result else [],
            explained.anatomy if explained else None,
            result.included_lines if result else (),
            session.ncci.marked,
            session.case.claim_codes if result else (),
        )
        ncci = self.panels.ncci
        summary = session.ncci.summary
        if str(ncci.content) != summary:
            ncci.update(summary)
        ncci.display = bool(summary)
        ncci.set_class(session.ncci.warning, "-warning")
        if session.selected and session.selected[0] == "line" and result and result.lines:
            codes.move_cursor(row=min(session.selected[1], len(result.lines) - 1))
        if session.selected and result:
            kind, index = session.selected
            if kind == "claim" or kind == "included":
                codes.select_row(kind, index)
        found = session.tree_readings()
        if found is not None:
            self.panels.tree.set_readings(found)
        self.show_rationale()
        self.app.title, self.app.sub_title = session.title()
        if session.files.autosave_failed:
            said = Said("The autosave could not be written: save the case (Ctrl+S).", "error")
        self.say(said)

    def show_rationale(self) -> None:
        """The reasoning for the selection."""
        title, lines = self.session.rationale()
        self.panels.rationale.show(title, lines)

    # --- actions ----------------------------------------------------------------------------------

    def action_run(self, name: str) -> None:
        """Run an action of `tui.actions` by name (bindings and the command palette come here)."""
        handler = {"edit": self.edits, "file": self.files, "view": self.views}[action(name).group]
        getattr(handler, name)()

    def action_quit(self) -> None:
        """Quit (asks when there are unsaved changes)."""
        self.files.quit()

    # --- messages from the widgets ----------------------------------------------------------------

    @on(VesselSearch.TextChanged)
    def _text_changed(self, event: VesselSearch.TextChanged) -> None:
        self.panels.search.show_entries(naming.entries(self.anatomy, event.text))

    @on(VesselSearch.TextSubmitted)
    def _text_submitted(self, event: VesselSearch.TextSubmitted) -> None:
        self.edits.add_typed(event.text)

    @on(VesselSearch.EntryChosen)
    def _entry_chosen(self, event: VesselSearch.EntryChosen) -> None:
        self.edits.add_entry(event.entry, event.typed)

    @on(VesselSearch.Cancelled)
    def _search_cancelled(self, event: VesselSearch.Cancelled) -> None:
        said = self.session.stop_replacing()
        if said is not None:
            self.panels.search.clear()
            self.say(said)

    @on(VesselTree.VesselChosen)
    def _vessel_chosen(self, event: VesselTree.VesselChosen) -> None:
        self.edits.add_vessel(event.vessel)

    @on(CaseView.RowChosen)
    def _row_chosen(self, event: CaseView.RowChosen) -> None:
        kinds: dict[str, Literal["access", "placement", "intervention", "construct"]] = {
            "access": "access",
            "intervention": "intervention",
            "construct": "construct",
        }
        self.session.select((kinds.get(event.kind, "placement"), event.index))
        found = self.session.tree_readings()
        if found is not None:
            self.panels.tree.set_readings(found)
        self.show_rationale()

    @on(CodeTable.LineHighlighted)
    def _line_chosen(self, event: CodeTable.LineHighlighted) -> None:
        self.session.select((event.kind, event.index))
        self.show_rationale()
