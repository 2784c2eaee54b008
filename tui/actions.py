"""Every action of the app, once: its key, its title and what it does.

The bindings, the footer, the command palette and the help screen are all built from this table, so
an action cannot be reachable in one and missing from another.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

__all__ = ["ACTIONS", "AppAction", "bindings"]


@dataclass(frozen=True)
class AppAction:
    """One action of the main screen."""

    name: str
    """The screen action (``action_<name>``)."""
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
        "ctrl+t",
        "Access",
        "Add an access: the vessel punctured and the direction",
        True,
    ),
    AppAction(
        "focus_search", "ctrl+f,slash", "Search", "Type a vessel to add as a placement", True
    ),
    AppAction(
        "focus_tree", "ctrl+b", "Browse", "Browse the vessel tree (Enter adds, f shows the family)"
    ),
    AppAction("focus_case", "ctrl+l", "Case", "Go to the case list (placements and accesses)"),
    AppAction(
        "remove_placement",
        "delete",
        "Remove",
        "Remove the selected placement or access",
        where="in the case list",
    ),
    AppAction(
        "move_up",
        "ctrl+up",
        "Move up",
        "Move the selected placement earlier",
        where="in the case list",
    ),
    AppAction(
        "move_down",
        "ctrl+down",
        "Move down",
        "Move the selected placement later",
        where="in the case list",
    ),
    AppAction(
        "toggle_imaging",
        "i",
        "Imaging",
        "Set or clear diagnostic imaging of the selected placement",
        where="in the case list",
    ),
    AppAction(
        "toggle_sampling",
        "s",
        "Sampling",
        "Turn blood sampling of the selected placement on or off",
        where="in the case list",
    ),
    AppAction(
        "switch_access",
        "t",
        "Switch access",
        "Move the selected placement to the next access",
        where="in the case list",
    ),
    AppAction("undo", "ctrl+z", "Undo", "Undo the last change", True),
    AppAction("redo", "ctrl+y", "Redo", "Redo the last undone change"),
    AppAction(
        "family_view",
        "f3",
        "Family",
        "Show the family chart of the selected vessel from the current access",
        True,
    ),
    AppAction("settings", "f2", "Settings", "Case name, policy options and variant anatomy", True),
    AppAction("new_case", "ctrl+n", "New", "Start a new case"),
    AppAction("open_case", "ctrl+o", "Open", "Open a case file (JSON, as vascular code reads)"),
    AppAction("save_case", "ctrl+s", "Save", "Save the case (atomic write)", True),
    AppAction("save_as", "f12", "Save as", "Save the case under another name"),
    AppAction("export", "f4", "Export", "Export the result: JSON, claim lines or a claim note"),
    AppAction("help", "f1", "Help", "List the keys", True),
    AppAction("quit", "ctrl+q", "Quit", "Quit (asks when there are unsaved changes)", True),
)
"""Every main-screen action."""


def bindings() -> list[BindingType]:
    """The screen bindings for the actions whose keys work anywhere."""
    return [
        Binding(
            action.key,
            action.name,
            action.title,
            show=action.footer,
            priority=action.key == "ctrl+q",
        )
        for action in ACTIONS
        if action.where == "anywhere"
    ]
