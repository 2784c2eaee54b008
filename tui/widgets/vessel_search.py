"""VesselSearch: a search box whose matches are the library's reading and completions of the text.

The box only reports what the coder typed and chose; the screen asks the library what the text
reads as (`tui.naming`) and hands the rows back with `show_entries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.naming import Entry
from tui.widgets.text_input import TextInput

__all__ = ["VesselSearch"]

_STYLES = {"reading": "bold", "candidate": "", "completion": "", "close": "italic", "note": "dim"}


class VesselSearch(Vertical):
    """Type a vessel as the report names it; Enter adds what it reads as, Down walks the matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "matches", "Matches", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    @dataclass
    class TextChanged(Message):
        """The coder typed: the screen answers with `show_entries`."""

        text: str

    @dataclass
    class TextSubmitted(Message):
        """Enter on the typed text."""

        text: str

    @dataclass
    class EntryChosen(Message):
        """The coder chose a row of the matches (`typed` is the text in the box)."""

        entry: Entry
        typed: str

    class Cancelled(Message):
        """Escape in the box."""

    def __init__(self, **kwargs: object) -> None:
        """The search box and its matches."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._entries: tuple[Entry, ...] = ()

    def compose(self) -> ComposeResult:
        """An input and the list of matches."""
        self._box = TextInput(
            placeholder="Add a vessel: type a name (left SFA, GDA, R IJ...)", id="search-input"
        )
        self._matches = OptionList(id="search-matches")
        yield self._box
        yield self._matches

    @property
    def text(self) -> str:
        """The text in the box."""
        return self._box.value

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.TextChanged(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.TextSubmitted(event.value.strip()))

    def show_entries(self, entries: Sequence[Entry]) -> None:
        """Show the rows the screen worked out for the current text."""
        self._entries = tuple(entries)
        matches = self._matches
        if not entries and not matches.option_count:
            return
        matches.clear_options()
        matches.display = bool(entries)
        matches.add_options(
            Option(Text(entry.label, style=_STYLES[entry.kind]), disabled=entry.vessel is None)
            for entry in entries
        )

    @on(OptionList.OptionSelected, "#search-matches")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._entries[event.option_index]
        if entry.vessel is not None:
            self.post_message(self.EntryChosen(entry, self.text.strip()))

    def clear(self) -> None:
        """Empty the box and the matches, ready for the next vessel."""
        self.set_text("")

    def set_text(self, text: str, selected: bool = False) -> None:
        """Put text in the box (the matches follow); `selected`: typing replaces it."""
        box = self._box
        box.value = text
        box.cursor_position = len(text)
        if selected:
            box.select_all()
        if not text:
            self.show_entries(())

    def action_matches(self) -> None:
        """Move from the box into the matches, onto the first row that can be chosen."""
        matches = self._matches
        first = next((i for i, e in enumerate(self._entries) if e.vessel is not None), None)
        if first is not None:
            matches.focus()
            matches.highlighted = first

    def action_cancel(self) -> None:
        """Escape: back to the box, or tell the screen."""
        box = self._box
        if not box.has_focus:
            box.focus()
        else:
            self.post_message(self.Cancelled())

    def focus_input(self) -> None:
        """Put the cursor in the search box."""
        self._box.focus()
