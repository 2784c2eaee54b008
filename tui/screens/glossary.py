"""GlossaryScreen: every rule, source and term the reasons cite, searched by id or words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from vascular import GlossaryEntry, VascularError, glossary_lookup

__all__ = ["GlossaryScreen"]


class GlossaryScreen(Screen[None]):
    """A search box, the matching entries, and the highlighted entry in full.

    With `cited` (the ids the selected line's reasons cite), the list starts with those.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f7", "close", "Back")]

    def __init__(self, entries: Sequence[GlossaryEntry], cited: Sequence[str] = ()) -> None:
        """The whole glossary, and the ids to show first."""
        super().__init__()
        self.entries = tuple(entries)
        by_id = {entry.id: entry for entry in self.entries}
        self.cited = tuple(by_id[i] for i in dict.fromkeys(cited) if i in by_id)
        self.shown: tuple[GlossaryEntry, ...] = self.cited or self.entries

    def compose(self) -> ComposeResult:
        """Title, search box, list and detail, footer."""
        title = "Glossary: the rules, sources and terms the reasons cite"
        if self.cited:
            title += " (first: those of the selected line)"
        yield Label(title, id="glossary-title")
        yield Input(placeholder="an id or words: family-initial, AAPC-FAM, order", id="glossary-q")
        with Horizontal(id="glossary-body"):
            yield OptionList(id="glossary-list")
            with VerticalScroll(id="glossary-detail"):
                yield Static(id="glossary-text")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list; the search box has the focus."""
        self._fill(self.shown)
        self.query_one("#glossary-q", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the coder types: an id, or words of ids and titles."""
        query = event.value.strip()
        if not query:
            self._fill(self.cited or self.entries)
            return
        try:
            found = glossary_lookup(self.entries, query)
        except VascularError as error:
            self._fill(())
            self.query_one("#glossary-text", Static).update(Text(str(error), style="dim"))
            return
        self._fill(found)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the list."""
        self.query_one("#glossary-list", OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted entry in full."""
        if event.option_index < len(self.shown):
            self._show(self.shown[event.option_index])

    def _fill(self, entries: Sequence[GlossaryEntry]) -> None:
        self.shown = tuple(entries)
        options = self.query_one("#glossary-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(Text.assemble((e.id, "bold"), f"  {e.kind}"), id=e.id) for e in self.shown]
        )
        if self.shown:
            options.highlighted = 0
            self._show(self.shown[0])

    def _show(self, entry: GlossaryEntry) -> None:
        text = Text()
        text.append(f"{entry.id}", style="bold")
        text.append(f"  ({entry.kind})\n", style="dim")
        text.append(f"{entry.title}\n\n", style="bold cyan")
        text.append(entry.text + "\n")
        if entry.kind == "rule":
            text.append(f"\nSources: {', '.join(entry.see)}\n", style="dim")
            text.append(f"Reference: {entry.section}\n", style="dim")
        elif entry.see:
            text.append(f"\nCited by: {', '.join(entry.see)}\n", style="dim")
        if entry.url:
            text.append(f"\n{entry.url}\n", style="underline")
        self.query_one("#glossary-text", Static).update(text)

    def action_close(self) -> None:
        """Back to the case."""
        self.dismiss(None)
