"""Every action of the app, once: its key, its title, what it does and who does it.

The bindings, the footer, the command palette and the help screen are all built from this table, so
an action cannot be reachable in one and missing from another. Each action names the handler that
runs it (`group`: edit, file or view, `tui.screens.handlers`); a binding runs ``run('<name>')`` on
the main screen, which hands the action to that handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

__all__ = ["ACTIONS", "AppAction", "Group", "action", "bindings"]

Group = Literal["edit", "file", "view"]


@dataclass(frozen=True)
class AppAction:
    """One action of the main screen."""

    name: str
    """The handler's method."""
    group: Group
    """Which handler runs it."""
    key: str
    """The key(s) that run it; several separated by commas."""
    title: str
    """Short title for the footer and the command palette."""
    help: str
    """What it does, for the command palette and the help screen."""
    footer: bool = False
    """Whether the footer shows it."""
    where: str = "anywhere"
    """Where the key works (the command palette works everywhere)."""


ACTIONS: tuple[AppAction, ...] = (
    AppAction(
        "add_access",
        "edit",
        "ctrl+t",
        "Access",
        "Add an access: the vessel punctured and the direction",
        True,
    ),
    AppAction(
        "add_intervention",
        "edit",
        "f5",
        "Intervention",
        "Add an intervention (filter, stent, coils...)",
    ),
    AppAction(
        "focus_search",
        "view",
        "ctrl+f,slash",
        "Search",
        "Type a vessel to add as a placement",
        True,
    ),
    AppAction(
        "focus_tree",
        "view",
        "ctrl+b",
        "Browse",
        "Browse the vessel tree (Enter adds, f shows the family)",
    ),
    AppAction(
        "focus_case", "view", "ctrl+l", "Case", "Go to the case list (placements and accesses)"
    ),
    AppAction(
        "remove_placement",
        "edit",
        "delete",
        "Remove",
        "Remove the selected row of the case list",
        where="in the case list",
    ),
    AppAction(
        "move_up",
        "edit",
        "ctrl+up",
        "Move up",
        "Move the selected placement earlier",
        where="in the case list",
    ),
    AppAction(
        "move_down",
        "edit",
        "ctrl+down",
        "Move down",
        "Move the selected placement later",
        where="in the case list",
    ),
    AppAction(
        "toggle_imaging",
        "edit",
        "i",
        "Imaging",
        "Set or clear diagnostic imaging of the selected placement",
        where="in the case list",
    ),
    AppAction(
        "toggle_sampling",
        "edit",
        "s",
        "Sampling",
        "Turn blood sampling of the selected placement on or off",
        where="in the case list",
    ),
    AppAction(
        "switch_access",
        "edit",
        "t",
        "Switch access",
        "Move the selected placement to the next access",
        where="in the case list",
    ),
    AppAction(
        "replace_vessel",
        "edit",
        "r",
        "Replace",
        "Choose the vessel of the selected placement (or access) again",
        where="in the case list",
    ),
    AppAction(
        "undo", "edit", "ctrl+z", "Undo", "Undo the last change (a New or an Open too)", True
    ),
    AppAction("redo", "edit", "ctrl+y", "Redo", "Redo the last undone change"),
    AppAction(
        "family_view",
        "view",
        "f3",
        "Family",
        "Show the family chart of the selected vessel from the current access",
        True,
    ),
    AppAction(
        "settings", "edit", "f2", "Settings", "Case name, options, variants and constructs", True
    ),
    AppAction("new_case", "file", "ctrl+n", "New", "Start a new case"),
    AppAction(
        "open_case", "file", "ctrl+o", "Open", "Open a case file (JSON, as vascular code reads)"
    ),
    AppAction("save_case", "file", "ctrl+s", "Save", "Save the case (atomic write)", True),
    AppAction("save_as", "file", "f12", "Save as", "Save the case under another name"),
    AppAction(
        "export", "file", "f4", "Export", "Export the result: JSON, claim lines or a claim note"
    ),
    AppAction(
        "recover_discarded",
        "file",
        "",
        "Recover the last discarded case",
        "Bring back the case last discarded (by New, Open, Quit or at start), from its backup",
        where="command palette",
    ),
    AppAction(
        "glossary",
        "view",
        "f7",
        "Glossary",
        "Glossary: every rule, source and term the reasons cite (the selected line's first)",
    ),
    AppAction(
        "trainer",
        "view",
        "f8",
        "Trainer",
        "Trainer: exercises answered by the engine",
    ),
    AppAction(
        "read_note",
        "file",
        "f6",
        "Note",
        "Read a procedure note: the proposed trace beside the note, each step to accept or reject",
    ),
    AppAction("help", "view", "f1", "Help", "List the keys", True),
    AppAction("quit", "file", "ctrl+q", "Quit", "Quit (asks when there are unsaved changes)", True),
)
"""Every main-screen action."""


def action(name: str) -> AppAction:
    """The action called `name`.

    Raises:
        KeyError: there is no such action.
    """
    for each in ACTIONS:
        if each.name == name:
            return each
    raise KeyError(name)


def bindings() -> list[BindingType]:
    """The main screen's bindings for the actions whose keys work anywhere."""
    return [
        Binding(
            each.key,
            f"run('{each.name}')",
            each.title,
            show=each.footer,
            priority=each.key == "ctrl+q",
        )
        for each in ACTIONS
        if each.where == "anywhere" and each.key
    ]
