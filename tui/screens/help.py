"""HelpScreen: every key of the app, from the same table as the bindings and the command palette."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.actions import ACTIONS

__all__ = ["HelpScreen"]

_MORE = (
    ("Enter", "in the search box or the tree", "Add the vessel as a placement"),
    ("Down", "in the search box", "Walk the matches; Enter adds one"),
    ("Space", "in the tree", "Open or close a vessel"),
    ("f", "in the tree", "Family chart of the vessel under the cursor"),
    ("Tab / Shift+Tab", "anywhere", "Move between panels"),
    ("Ctrl+P", "anywhere", "Command palette: every action by name"),
)


def _keys(key: str) -> str:
    return " / ".join(
        part.replace("ctrl+", "Ctrl+").replace("slash", "/").upper()
        if len(part) <= 3
        else part.replace("ctrl+", "Ctrl+").replace("slash", "/")
        for part in key.split(",")
    )


class HelpScreen(ModalScreen[None]):
    """The keys, grouped as the coder meets them."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        """A title and the table of keys."""
        table = Table(box=None, expand=True, padding=(0, 1), show_header=True)
        table.add_column("Key", style="bold", no_wrap=True, min_width=14)
        table.add_column("Where", style="dim", no_wrap=True, min_width=16)
        table.add_column("What it does", ratio=1)
        for action in ACTIONS:
            table.add_row(_keys(action.key) if action.key else "Ctrl+P", action.where, action.help)
        for key, where, what in _MORE:
            table.add_row(key, where, what)
        with VerticalScroll(classes="dialog", id="help"):
            yield Label("Keys (Escape closes)", classes="dialog-title")
            yield Static(table)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
