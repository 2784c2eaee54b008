"""ConfirmDialog: a yes/no question; MessageDialog: an error to read and close."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

__all__ = ["ConfirmDialog", "MessageDialog"]


class ConfirmDialog(ModalScreen[bool]):
    """Returns True for yes, False for no (Escape is no)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "no", "No"),
        Binding("y", "yes", "Yes"),
        Binding("n", "no", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", detail: str = "") -> None:
        """The question, the two answers, and a line of detail under the question."""
        super().__init__()
        self.question, self.yes, self.no, self.detail = question, yes, no, detail

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary", id="confirm-yes")
                yield Button(self.no, id="confirm-no")

    def on_mount(self) -> None:
        """The focus on the yes button: Enter answers it."""
        self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def action_yes(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_no(self) -> None:
        """Answer no."""
        self.dismiss(False)


class MessageDialog(ModalScreen[None]):
    """A title and a (possibly long) message, closed with Enter or Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, message: str) -> None:
        """What happened and the details."""
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        """Title, scrollable message, a button."""
        with Vertical(classes="dialog", id="message-dialog"):
            yield Label(self.title_text, classes="dialog-title dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.message)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", variant="primary", id="message-close")

    @on(Button.Pressed, "#message-close")
    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
