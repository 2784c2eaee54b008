"""RationaleView: the full reasoning for the selected code line or placement."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

__all__ = ["RationaleView"]


class RationaleView(VerticalScroll):
    """A scrollable panel of text the screen sets."""

    def compose(self) -> ComposeResult:
        """One static body."""
        yield Static(id="rationale-body")

    def show(self, title: str, lines: Sequence[str]) -> None:
        """Show a title and its reasons, one paragraph each."""
        text = Text()
        text.append(title + "\n", style="bold")
        for line in lines:
            text.append("\n• ")
            text.append(line)
        self.query_one("#rationale-body", Static).update(text)
        self.scroll_home(animate=False)
