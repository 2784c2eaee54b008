"""RecoverDialog: a case left unsaved by a window now gone: Restore (default), Later, Discard."""

from __future__ import annotations

import time
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from vascular import Case

__all__ = ["RecoverDialog", "Recovery"]

Recovery = Literal["restore", "later", "discard"]


def describe(case: Case) -> str:
    """A case in a few words: its name, its accesses and placements."""
    name = repr(case.name) if case.name else "an untitled case"
    accesses = len(case.accesses)
    placements = len(case.placements)
    return (
        f"{name}: {accesses} access{'es' if accesses != 1 else ''}, "
        f"{placements} placement{'s' if placements != 1 else ''}"
    )


class RecoverDialog(ModalScreen[Recovery]):
    """Returns restore, later (keep it for the next start) or discard; Escape is later."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('later')", "Later"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, case: Case, modified: float, more: int) -> None:
        """The orphaned case, when it was last written, and how many more are waiting."""
        super().__init__()
        self.case, self.modified, self.more = case, modified, more

    def compose(self) -> ComposeResult:
        """What was left, and the three answers."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.modified))
        with Vertical(classes="dialog", id="recover-dialog"):
            yield Label(
                "An unsaved case was left by a window that is no longer open.",
                classes="dialog-title",
            )
            yield Static(f"{describe(self.case)}; last changed {when}.", classes="dialog-text")
            if self.more:
                yield Static(
                    f"{self.more} more will be offered after this one.", classes="dialog-text"
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore", variant="primary", id="recover-restore")
                yield Button("Later", id="recover-later")
                yield Button("Discard", variant="error", id="recover-discard")

    def on_mount(self) -> None:
        """Restore is the safe default."""
        self.query_one("#recover-restore", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer((event.button.id or "recover-later").removeprefix("recover-"))

    def action_answer(self, answer: str) -> None:
        """Close with an answer."""
        self.dismiss(answer if answer in ("restore", "discard") else "later")  # type: ignore[arg-type]
