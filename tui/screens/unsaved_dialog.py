"""UnsavedDialog: the case has unsaved changes; Save (the default), Discard or Cancel."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

__all__ = ["Answer", "UnsavedDialog"]

Answer = Literal["save", "discard", "cancel"]


class UnsavedDialog(ModalScreen[Answer]):
    """Returns save, discard or cancel; Save has the focus, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('cancel')", "Cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, doing: str) -> None:
        """`doing` is what the coder asked for ("Start a new case")."""
        super().__init__()
        self.doing = doing

    def compose(self) -> ComposeResult:
        """The question and the three answers."""
        with Vertical(classes="dialog", id="unsaved-dialog"):
            yield Label(f"{self.doing}: this case has unsaved changes.", classes="dialog-title")
            yield Static(
                "Save them first, or discard them (a discarded case can be recovered from the "
                "command palette, Ctrl+P: Recover the last discarded case).",
                classes="dialog-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="unsaved-save")
                yield Button("Discard", variant="error", id="unsaved-discard")
                yield Button("Cancel", id="unsaved-cancel")

    def on_mount(self) -> None:
        """Save is the safe default."""
        self.query_one("#unsaved-save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        answer = (event.button.id or "unsaved-cancel").removeprefix("unsaved-")
        self.action_answer(answer)

    def action_answer(self, answer: str) -> None:
        """Close with an answer."""
        self.dismiss(answer if answer in ("save", "discard") else "cancel")  # type: ignore[arg-type]
