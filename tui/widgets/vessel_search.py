"""VesselSearch: a search box with as-you-type matches over every name, alias and abbreviation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from vascular import Anatomy, VesselNameError

__all__ = ["VesselSearch"]

_MATCHES = 8


class VesselSearch(Vertical):
    """Type a vessel as the report names it; Enter adds it, Down walks the matches."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "matches", "Matches", show=False)]

    @dataclass
    class VesselChosen(Message):
        """The coder named a vessel to add."""

        vessel: str

    @dataclass
    class NameRefused(Message):
        """The text does not name exactly one vessel; `reason` says why and what is close."""

        text: str
        reason: str

    def __init__(self, anatomy: Anatomy | None = None, **kwargs: object) -> None:
        """The search box and its matches."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.anatomy = anatomy

    def compose(self) -> ComposeResult:
        """An input and the list of matches."""
        yield Input(
            placeholder="Add a vessel: type a name (left SFA, GDA, R IJ...)", id="search-input"
        )
        yield OptionList(id="search-matches")

    @on(Input.Changed, "#search-input")
    def _show_matches(self, event: Input.Changed) -> None:
        event.stop()
        matches = self.query_one("#search-matches", OptionList)
        matches.clear_options()
        if self.anatomy is None or not event.value.strip():
            return
        try:
            found = self.anatomy.search(event.value)[:_MATCHES]
        except VesselNameError:
            return
        matches.add_options(Option(record.name, id=record.id) for record in found)

    @on(Input.Submitted, "#search-input")
    def _choose_typed(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or self.anatomy is None:
            return
        try:
            record = self.anatomy.resolve(text)
        except VesselNameError as error:
            self.post_message(self.NameRefused(text, str(error)))
            return
        self._chosen(record.id)

    @on(OptionList.OptionSelected, "#search-matches")
    def _choose_match(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._chosen(event.option.id)
            self.query_one("#search-input", Input).focus()

    def _chosen(self, vessel_id: str) -> None:
        self.query_one("#search-input", Input).value = ""
        self.query_one("#search-matches", OptionList).clear_options()
        self.post_message(self.VesselChosen(vessel_id))

    def action_matches(self) -> None:
        """Move from the box into the matches."""
        matches = self.query_one("#search-matches", OptionList)
        if matches.option_count:
            matches.focus()
            matches.highlighted = 0

    def focus_input(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search-input", Input).focus()
