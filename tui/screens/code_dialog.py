"""CodeDialog: choose an intervention code (typed, completed from the engine's table)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui import interventions as intervening
from tui.widgets.text_input import TextInput
from vascular import Anatomy

__all__ = ["CodeDialog"]


class CodeDialog(ModalScreen[str | None]):
    """Returns a code the engine knows, '' to clear the choice, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "matches", "Matches", show=False),
    ]
    DEFAULT_CSS = "#code-matches { height: 8; border: none; }"

    def __init__(self, anatomy: Anatomy, title: str = "Show the territory of a code") -> None:
        """The dialog over an atlas."""
        super().__init__()
        self.anatomy, self.title_text = anatomy, title

    def compose(self) -> ComposeResult:
        """A code box, its matches, the buttons."""
        with Vertical(id="code-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextInput(placeholder="intervention code or family words", id="code-input")
            yield OptionList(id="code-matches")
            yield Label("", id="code-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show", variant="primary", id="code-show")
                yield Button("None", id="code-none")
                yield Button("Cancel", id="code-cancel")

    def on_mount(self) -> None:
        """Start in the code box."""
        self.query_one("#code-input", Input).focus()

    @on(Input.Changed, "#code-input")
    def _changed(self, event: Input.Changed) -> None:
        matches = self.query_one("#code-matches", OptionList)
        matches.clear_options()
        matches.add_options(
            Option(known.title, id=known.code)
            for known in intervening.code_entries(self.anatomy, event.value)
        )

    def action_matches(self) -> None:
        """Down from the box goes into the matches."""
        matches = self.query_one("#code-matches", OptionList)
        if isinstance(self.focused, Input) and matches.option_count:
            matches.focus()
            matches.highlighted = 0

    @on(OptionList.OptionSelected, "#code-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    @on(Input.Submitted, "#code-input")
    @on(Button.Pressed, "#code-show")
    def _show(self) -> None:
        typed = self.query_one("#code-input", Input).value
        known = intervening.find_code(self.anatomy, typed)
        if known is None:
            self.query_one("#code-error", Label).update(
                f"{typed.strip()!r} is not an intervention code the engine knows; "
                "type its digits or family words and pick one."
            )
            return
        self.dismiss(known.code)

    @on(Button.Pressed, "#code-none")
    def _none(self) -> None:
        self.dismiss("")

    @on(Button.Pressed, "#code-cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
